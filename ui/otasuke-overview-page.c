/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-check-run.h"
#include "otasuke-checklist.h"
#include "otasuke-overview-page.h"
#include "otasuke-security-action.h"
#include "otasuke-store-runs.h"
#include "otasuke-time.h"
#include "otasuke-tone.h"
#include "otasuke-window.h"

/* Lines of "what to fix first" and of advisories; the rest is a click away. */
#define MAX_LINES 3

/* The latest finished check, as read in a worker thread: plain values only. */
typedef struct {
  int               score;
  OtasukeScoreBand  band;
  gint64            finished_at;
  GPtrArray        *fix_titles;   /* char*, the items' tasks */
  GPtrArray        *fix_details;  /* char*, each item's first step, or "" */
} Latest;

static void
latest_free (Latest *latest)
{
  g_clear_pointer (&latest->fix_titles, g_ptr_array_unref);
  g_clear_pointer (&latest->fix_details, g_ptr_array_unref);
  g_free (latest);
}

struct _OtasukeOverviewPage
{
  GtkWidget          parent_instance;

  OtasukeStore      *store;
  OtasukeAdvisories *advisories;
  OtasukeProbeService *probe_service; /* the system as the probes last saw it */
  OtasukeChecklist  *checklist;    /* loaded with the first check read */
  GCancellable      *cancellable;  /* the latest check being read */
  Latest            *latest;       /* NULL: no finished check */
  gboolean           loaded;

  /* Template widgets */
  GtkImage     *app_icon;
  GtkBox       *attention_box;
  GtkLabel     *band_label;
  GtkLabel     *band_meaning_label;
  GtkButton    *check_button;
  AdwActionRow *last_check_row;
  AdwActionRow *last_feed_row;
  AdwActionRow *os_row;
  GtkWidget    *problem_box;
  GtkImage     *problem_icon;
  GtkLabel     *problem_label;
  GtkLabel     *score_date_label;
  GtkLabel     *score_label;
  GtkStack     *score_stack;
  GtkWidget    *scroller;
  AdwActionRow *store_row;
  AdwActionRow *version_row;
  GtkExpander  *details_expander;  /* 「詳しい情報」: version and history file */
  AdwActionRow *action_row;
};

G_DEFINE_FINAL_TYPE (OtasukeOverviewPage, otasuke_overview_page, GTK_TYPE_WIDGET)

/* Titles come from the feed and the checklist: plain text, never markup. */
static GtkWidget *
new_row (const char *title,
         const char *subtitle,
         const char *icon_name,
         const char *tone)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  otasuke_tone_set (icon, tone);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

/* Advisories that affect this computer, then what the latest check says to fix first. */
static void
update_attention (OtasukeOverviewPage *self)
{
  GListModel *model = self->advisories != NULL ? otasuke_advisories_get_model (self->advisories) : NULL;
  GtkWidget *child;
  GtkWidget *group = NULL;
  guint n_affecting = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attention_box))) != NULL)
    gtk_box_remove (self->attention_box, child);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (model, i);
      GtkWidget *row;

      if (otasuke_advisory_get_affects (advisory) != OTASUKE_AFFECTS_YES ||
          otasuke_advisory_get_severity (advisory) < OTASUKE_SEVERITY_HIGH)
        continue;

      if (++n_affecting > MAX_LINES)
        continue;

      if (group == NULL)
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                           _("Serious Advisories That Affect This Computer"));
          gtk_box_append (self->attention_box, group);
        }

      row = new_row (otasuke_advisory_get_title (advisory), otasuke_advisory_get_affects_reason (advisory),
                     "dialog-warning-symbolic", "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "overview.show-advisory");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", otasuke_advisory_get_id (advisory));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  if (n_affecting > MAX_LINES)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u more on the Advisories page",
                                                         "%u more on the Advisories page",
                                                         n_affecting - MAX_LINES),
                                               n_affecting - MAX_LINES);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), more);
    }

  if (self->latest != NULL && self->latest->fix_titles->len > 0)
    {
      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What to Fix First"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("From your latest check."));
      for (guint i = 0; i < self->latest->fix_titles->len; i++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   new_row (g_ptr_array_index (self->latest->fix_titles, i),
                                            g_ptr_array_index (self->latest->fix_details, i),
                                            "emblem-important-symbolic", "warning"));
      gtk_box_append (self->attention_box, group);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attention_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->attention_box)) != NULL);
}

static void
update_score (OtasukeOverviewPage *self)
{
  if (self->latest == NULL)
    {
      gtk_stack_set_visible_child_name (self->score_stack, "none");
      gtk_button_set_label (self->check_button, _("_Start a Check"));
    }
  else
    {
      g_autofree char *when = otasuke_time_format (self->latest->finished_at, NULL);
      /* Translators: when the latest check was finished, "Today at 09:30" */
      g_autofree char *checked = g_strdup_printf (_("Checked: %s"), when);

      otasuke_tone_show_score (self->score_label, self->band_label, self->band_meaning_label,
                               self->latest->score, self->latest->band);
      gtk_label_set_text (self->score_date_label, checked);
      gtk_stack_set_visible_child_name (self->score_stack, "score");
      gtk_button_set_label (self->check_button, _("_Check Again"));
    }

  update_attention (self);
}

typedef struct {
  OtasukeStore     *store;
  OtasukeChecklist *checklist;  /* NULL: load it */
  Latest           *latest;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->checklist, otasuke_checklist_unref);
  g_clear_pointer (&data->latest, latest_free);
  g_free (data);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(OtasukeCheckRun) run = NULL;
  g_autoptr(GPtrArray) fixes = NULL;
  GError *error = NULL;

  if (data->checklist == NULL)
    {
      g_autoptr(GError) checklist_error = NULL;

      data->checklist = otasuke_checklist_new_from_resource (&checklist_error);
      if (data->checklist == NULL)
        g_message ("Could not load the checklist: %s", checklist_error->message);
    }

  /* Id 0: the latest finished run. */
  run = otasuke_store_load_previous_check_run (data->store, 0, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (run != NULL)
    {
      data->latest = g_new0 (Latest, 1);
      data->latest->score = otasuke_check_run_get_score (run);
      data->latest->band = otasuke_check_run_get_band (run);
      data->latest->finished_at = otasuke_check_run_get_finished_at (run);
      data->latest->fix_titles = g_ptr_array_new_with_free_func (g_free);
      data->latest->fix_details = g_ptr_array_new_with_free_func (g_free);

      if (data->checklist != NULL)
        /* The findings kept with the run: the results screen's list, in its order. */
        fixes = otasuke_check_run_fix_first (run, data->checklist, NULL, OTASUKE_FIX_FIRST_MAX);
      for (guint i = 0; fixes != NULL && i < fixes->len; i++)
        {
          const OtasukeFixItem *fix = g_ptr_array_index (fixes, i);
          const char *step = fix->steps != NULL ? fix->steps[0] : NULL;

          g_ptr_array_add (data->latest->fix_titles, g_strdup (fix->item->task));
          g_ptr_array_add (data->latest->fix_details, g_strdup (step != NULL ? step : ""));
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OtasukeOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not read the latest check: %s", error->message);
    }

  g_clear_object (&self->cancellable);
  if (self->checklist == NULL && data->checklist != NULL)
    self->checklist = otasuke_checklist_ref (data->checklist);
  if (error == NULL)
    {
      g_clear_pointer (&self->latest, latest_free);
      self->latest = g_steal_pointer (&data->latest);
    }
  self->loaded = TRUE;
  update_score (self);
}

static void action_loaded_cb (GObject *object, GAsyncResult *result, gpointer user_data);

void
otasuke_overview_page_reload (OtasukeOverviewPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      g_clear_pointer (&self->latest, latest_free);
      self->loaded = TRUE;
      update_score (self);
      return;
    }

  self->loaded = FALSE;
  self->cancellable = g_cancellable_new ();
  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (self->store);
  data->checklist = self->checklist != NULL ? otasuke_checklist_ref (self->checklist) : NULL;

  task = g_task_new (NULL, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, otasuke_overview_page_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_in_thread);
  otasuke_action_state_load_async (self->store, self->cancellable, action_loaded_cb, g_object_ref (self));
}

/* SECURITY ACTION in one line: what ★ and ★★ still need. */
static void
action_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OtasukeOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeActionState) state = otasuke_action_state_load_finish (result, &error);
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autofree char *text = NULL;

  if (state == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->action_row, error->message);
      return;
    }
  one = otasuke_action_readiness_missing (state->readiness, 1);
  two = otasuke_action_readiness_missing (state->readiness, 2);
  if (state->declaration != NULL)
    /* Translators: the level declared and the date (year-month-day) */
    text = g_strdup_printf (_("Declared: %s on %s"), otasuke_action_level_name (state->declaration->level),
                            state->declaration->declared_on);
  else if (two->len == 0)
    text = g_strdup (_("Ready to declare two stars (★★)"));
  else if (one->len == 0)
    /* Translators: how many requirements two stars still need */
    text = g_strdup_printf (_("Ready to declare one star (★); two stars (★★) still need %u more"), two->len);
  else
    text = g_strdup_printf (_("One star (★) still needs %u, two stars (★★) %u"), one->len, two->len);
  adw_action_row_set_subtitle (self->action_row, text);
}

gboolean
otasuke_overview_page_get_loaded (OtasukeOverviewPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self), FALSE);

  return self->loaded;
}

static void
watch_advisories (OtasukeOverviewPage *self,
                  guint                position,
                  guint                n_items)
{
  GListModel *model = otasuke_advisories_get_model (self->advisories);

  for (guint i = position; i < position + n_items; i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (model, i);

      g_signal_connect_object (advisory, "notify::affects", G_CALLBACK (update_attention), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
on_advisories_changed (OtasukeOverviewPage *self,
                       guint                position,
                       guint                removed,
                       guint                added)
{
  watch_advisories (self, position, added);
  update_attention (self);
}

static void
unwatch_advisories (OtasukeOverviewPage *self)
{
  GListModel *model;

  if (self->advisories == NULL)
    return;

  model = otasuke_advisories_get_model (self->advisories);
  g_signal_handlers_disconnect_by_data (model, self);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (model, i);

      g_signal_handlers_disconnect_by_data (advisory, self);
    }
}

void
otasuke_overview_page_set_sources (OtasukeOverviewPage *self,
                                   OtasukeStore        *store,
                                   OtasukeAdvisories   *advisories)
{
  g_return_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (store == NULL || OTASUKE_IS_STORE (store));
  g_return_if_fail (advisories == NULL || OTASUKE_IS_ADVISORIES (advisories));

  if (self->advisories != advisories)
    {
      unwatch_advisories (self);
      g_set_object (&self->advisories, advisories);
      if (advisories != NULL)
        {
          GListModel *model = otasuke_advisories_get_model (advisories);


          g_signal_connect_object (model, "items-changed", G_CALLBACK (on_advisories_changed), self,
                                   G_CONNECT_SWAPPED);
          watch_advisories (self, 0, g_list_model_get_n_items (model));
        }
      update_attention (self);
    }

  if (self->store != store || !self->loaded)
    {
      g_set_object (&self->store, store);
      otasuke_overview_page_reload (self);
    }
}

static void
show_advisory_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (OTASUKE_IS_WINDOW (root))
    otasuke_window_show_advisory (OTASUKE_WINDOW (root), g_variant_get_string (parameter, NULL));
}

static void
otasuke_overview_page_map (GtkWidget *widget)
{
  OtasukeOverviewPage *self = OTASUKE_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (otasuke_overview_page_parent_class)->map (widget);

  /* A check may have been finished since the latest one was read. */
  if (self->store != NULL && self->cancellable == NULL)
    otasuke_overview_page_reload (self);
}

static void
otasuke_overview_page_dispose (GObject *object)
{
  OtasukeOverviewPage *self = OTASUKE_OVERVIEW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  unwatch_advisories (self);

  gtk_widget_dispose_template (GTK_WIDGET (object), OTASUKE_TYPE_OVERVIEW_PAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->advisories);
  g_clear_object (&self->probe_service);
  g_clear_pointer (&self->checklist, otasuke_checklist_unref);
  g_clear_pointer (&self->latest, latest_free);

  G_OBJECT_CLASS (otasuke_overview_page_parent_class)->dispose (object);
}

static void
otasuke_overview_page_class_init (OtasukeOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_overview_page_dispose;

  widget_class->map = otasuke_overview_page_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, action_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, app_icon);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, attention_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, band_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, band_meaning_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, last_check_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, last_feed_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, os_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, problem_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, score_date_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, score_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, score_stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, store_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, version_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, details_expander);

  gtk_widget_class_install_action (widget_class, "overview.show-advisory", "s", show_advisory_action);
}

static void
otasuke_overview_page_init (OtasukeOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_image_set_from_icon_name (self->app_icon, APPLICATION_ID);
}

void
otasuke_overview_page_set_os_info (OtasukeOverviewPage *self,
                                   const OtasukeOsInfo *info)
{
  g_autofree char *version = NULL;

  g_return_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self));

  if (info == NULL)
    {
      adw_action_row_set_subtitle (self->os_row, _("Unknown"));
      adw_action_row_set_subtitle (self->version_row, _("Unknown"));
      return;
    }

  adw_action_row_set_subtitle (self->os_row, info->name);

  if (info->version != NULL || info->version_id != NULL)
    {
      const char *v = info->version != NULL ? info->version : info->version_id;

      if (info->architecture != NULL)
        /* Translators: operating system version and processor architecture, "12 (bookworm), x86_64" */
        version = g_strdup_printf (_("%s, %s"), v, info->architecture);
      else
        version = g_strdup (v);
    }
  else
    version = g_strdup (_("Unknown"));

  adw_action_row_set_subtitle (self->version_row, version);
}

void
otasuke_overview_page_set_summary (OtasukeOverviewPage       *self,
                                   const OtasukeStoreSummary *summary)
{
  g_autofree char *last_check = NULL;
  g_autofree char *last_feed = NULL;

  g_return_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (summary != NULL);

  last_check = otasuke_time_format (summary->last_check_at, NULL);
  if (summary->last_check_at > 0 && summary->last_check_score >= 0)
    {
      g_autofree char *with_score =
        /* Translators: when the last check happened, and its score out of 100 */
        g_strdup_printf (_("%s — score %d of 100"), last_check, summary->last_check_score);

      g_free (last_check);
      last_check = g_steal_pointer (&with_score);
    }
  last_feed = otasuke_time_format (summary->last_feed_success_at, NULL);

  adw_action_row_set_subtitle (self->last_check_row, last_check);
  adw_action_row_set_subtitle (self->last_feed_row, last_feed);
}

void
otasuke_overview_page_set_store_path (OtasukeOverviewPage *self,
                                      const char          *path)
{
  g_return_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self));

  if (path != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      adw_action_row_set_subtitle (self->store_row, display);
    }
  else
    {
      adw_action_row_set_subtitle (self->store_row, _("Not available"));
      adw_action_row_set_subtitle (self->last_check_row, _("Unknown"));
      adw_action_row_set_subtitle (self->last_feed_row, _("Unknown"));
    }
}

void
otasuke_overview_page_set_problem (OtasukeOverviewPage *self,
                                   const char          *message,
                                   gboolean             is_error)
{
  g_return_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self));

  gtk_widget_set_visible (self->problem_box, message != NULL);
  gtk_label_set_text (self->problem_label, message != NULL ? message : "");
  gtk_image_set_from_icon_name (self->problem_icon,
                                is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  if (is_error)
    {
      gtk_widget_add_css_class (self->problem_box, "error");
      gtk_widget_remove_css_class (self->problem_box, "warning");
    }
  else
    {
      gtk_widget_add_css_class (self->problem_box, "warning");
      gtk_widget_remove_css_class (self->problem_box, "error");
    }
}

const char *
otasuke_overview_page_get_problem (OtasukeOverviewPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self), NULL);

  if (!gtk_widget_get_visible (self->problem_box))
    return NULL;

  return gtk_label_get_text (self->problem_label);
}

/* The probes' latest look at the system replaces what was read at start-up. */
static void
on_probe_report_changed (OtasukeOverviewPage *self)
{
  const OtasukeProbeReport *report = otasuke_probe_service_get_report (self->probe_service);
  OtasukeOsInfo info = { 0 };

  if (report == NULL || report->os.name == NULL)
    return;
  info.name = report->os.name;
  info.version = report->os.version;
  info.version_id = report->os.version_id;
  info.id = report->os.id;
  info.architecture = report->os.architecture;
  info.kernel = report->os.kernel;
  otasuke_overview_page_set_os_info (self, &info);
}

void
otasuke_overview_page_set_probe_service (OtasukeOverviewPage *self,
                                         OtasukeProbeService *service)
{
  g_return_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (OTASUKE_IS_PROBE_SERVICE (service));

  if (self->probe_service == service)
    return;
  if (self->probe_service != NULL)
    g_signal_handlers_disconnect_by_data (self->probe_service, self);
  g_set_object (&self->probe_service, service);
  g_signal_connect_object (service, "report-changed", G_CALLBACK (on_probe_report_changed), self,
                           G_CONNECT_SWAPPED);
  on_probe_report_changed (self);
}
