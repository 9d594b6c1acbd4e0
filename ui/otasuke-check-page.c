/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-check-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "otasuke-advisory-match.h"
#include "otasuke-check-item.h"
#include "otasuke-check-page-private.h"
#include "otasuke-store-runs.h"
#include "otasuke-time.h"

G_DEFINE_FINAL_TYPE (OtasukeCheckPage, otasuke_check_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_UNSAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gint64
otasuke_check_page_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
in_view (OtasukeCheckPage *self,
         const char       *view)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), view) == 0;
}

void
otasuke_check_page_actions_update (OtasukeCheckPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready = self->attached && self->checklist != NULL;
  gboolean wizard = in_view (self, "wizard");
  gboolean results = in_view (self, "results");

  gtk_widget_action_set_enabled (widget, "check.start", ready && self->loaded);
  gtk_widget_action_set_enabled (widget, "check.resume", ready && self->unfinished != NULL);
  gtk_widget_action_set_enabled (widget, "check.back", self->run != NULL && ((wizard && self->section > 0) || results));
  gtk_widget_action_set_enabled (widget, "check.next", self->run != NULL && wizard);
  gtk_widget_action_set_enabled (widget, "check.answer", self->run != NULL && wizard);
  gtk_widget_action_set_enabled (widget, "check.accept-suggestions", self->run != NULL && (wizard || results));
  gtk_widget_action_set_enabled (widget, "check.undo-accept", self->run != NULL && self->accept_undo != NULL);
  gtk_widget_action_set_enabled (widget, "check.go-to", self->run != NULL && (wizard || results));
}

static void
set_view (OtasukeCheckPage *self,
          const char       *view)
{
  gtk_stack_set_visible_child_name (self->main_stack, view);
  otasuke_check_page_actions_update (self);
}

static void
scroll_to_top (GtkScrolledWindow *scroller)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static const char *
section_icon (const char *id)
{
  static const struct { const char *id, *icon; } icons[] = {
    { "browsers-updates", "software-update-available-symbolic" },
    { "router-wifi", "network-wireless-symbolic" },
    { "backups", "drive-harddisk-symbolic" },
    { "passwords-accounts", "dialog-password-symbolic" },
    { "mail-macros", "mail-unread-symbolic" },
    { "website-mail", "web-browser-symbolic" },
    { "office-people", "system-users-symbolic" },
    { "organisation", "x-office-document-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_strcmp0 (icons[i].id, id) == 0)
      return icons[i].icon;
  return "checkbox-checked-symbolic";
}

/* The advisories' items, borrowed for the length of a call. */
GPtrArray *
otasuke_check_page_feed_items (OtasukeCheckPage *self)
{
  GPtrArray *items = g_ptr_array_new ();
  GListModel *model;

  if (self->advisories == NULL)
    return items;

  model = otasuke_advisories_get_model (self->advisories);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (model, i);

      /* The model holds the advisory, so the item outlives this reference. */
      g_ptr_array_add (items, (gpointer) otasuke_advisory_get_item (advisory));
    }
  return items;
}

void
otasuke_check_page_set_unsaved (OtasukeCheckPage *self,
                                gboolean          unsaved)
{
  if (self->unsaved == unsaved)
    return;
  self->unsaved = unsaved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSAVED]);
}

/* The wizard */

static guint
section_index (OtasukeCheckPage *self,
               const char       *id)
{
  for (guint i = 0; i < otasuke_checklist_get_n_sections (self->checklist); i++)
    if (g_strcmp0 (otasuke_checklist_get_section (self->checklist, i)->id, id) == 0)
      return i;
  return 0;
}

static void
show_section (OtasukeCheckPage *self,
              guint             index)
{
  guint n_sections = otasuke_checklist_get_n_sections (self->checklist);
  const OtasukeChecklistSection *section;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *step = NULL;
  gboolean has_router = FALSE;
  gboolean has_site = FALSE;
  GtkWidget *child;

  g_assert (index < n_sections);

  /* Whatever was typed as a password is forgotten when the section changes. */
  otasuke_password_meter_clear (self->password_meter);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_box))) != NULL)
    gtk_box_remove (self->items_box, child);
  g_ptr_array_set_size (self->item_widgets, 0);

  self->section = index;
  section = otasuke_checklist_get_section (self->checklist, index);
  items = otasuke_checklist_get_section_items (self->checklist, section->id);
  for (guint i = 0; i < items->len; i++)
    {
      const OtasukeChecklistItem *item = g_ptr_array_index (items, i);
      GtkWidget *widget = otasuke_check_item_new (self->checklist, item);

      gboolean from_suggestion = FALSE;

      otasuke_check_item_set_answer (OTASUKE_CHECK_ITEM (widget),
                                     otasuke_check_run_get_answer (self->run, item->id, &from_suggestion));
      otasuke_check_item_set_suggested (OTASUKE_CHECK_ITEM (widget), from_suggestion);
      gtk_box_append (self->items_box, widget);
      g_ptr_array_add (self->item_widgets, widget);
      has_router |= item->evidence == OTASUKE_EVIDENCE_ROUTER;
      has_site |= item->evidence == OTASUKE_EVIDENCE_WEBSITE ||
                  item->evidence == OTASUKE_EVIDENCE_MAIL_DOMAIN;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->site_lookup), has_site);
  gtk_widget_set_visible (GTK_WIDGET (self->router_lookup), has_router);
  gtk_widget_set_visible (GTK_WIDGET (self->password_meter), has_router);

  /* Translators: where the user is in the check, "Section 2 of 7" */
  step = g_strdup_printf (_("Section %u of %u"), index + 1, n_sections);
  gtk_label_set_text (self->step_label, step);
  gtk_label_set_text (self->section_title, section->title);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) (index + 1) / n_sections);
  gtk_label_set_text_with_mnemonic (self->next_label,
                                    index + 1 < n_sections ? _("_Next") : _("See _Results"));

  otasuke_check_page_apply_suggestions (self);
  otasuke_check_page_update_answered_label (self);
  scroll_to_top (self->wizard_scroller);
  set_view (self, "wizard");
  /* The keyboard is where the eyes are: on the first question's answers. */
  if (self->item_widgets->len > 0)
    otasuke_check_item_focus_answers (g_ptr_array_index (self->item_widgets, 0));
}

/* Results */

/* Reaching the results finishes the check: it is scored and saved into the
 * history at once (there is no separate "save"); changing an answer later
 * scores it again and saves it again. */
static void
show_results (OtasukeCheckPage *self)
{
  /* Leaving the wizard forgets the password as well. */
  otasuke_password_meter_clear (self->password_meter);
  if (!otasuke_check_run_is_finished (self->run))
    {
      /* What the evidence says now is kept with the run: Home lists the same fixes. */
      otasuke_check_run_keep_findings (self->run, self->checklist, self->suggestions);
      otasuke_check_run_finish (self->run, self->checklist, otasuke_check_page_now_seconds ());
    }
  otasuke_check_results_show (self->results, self->run, self->checklist, self->suggestions);
  set_view (self, "results");
  otasuke_check_page_update_machine_facts (self);

  if (self->store == NULL)
    otasuke_check_results_set_saved (self->results,
                                     _("The check cannot be kept: the history file could not be opened"), TRUE);
  else if (!self->saved_finished || self->unsaved)
    {
      /* "Saved in the history" is said once the store has it (save_cb). */
      self->saved_finished = FALSE;
      otasuke_check_results_set_saved (self->results, NULL, FALSE);
      otasuke_check_page_set_unsaved (self, TRUE);
      otasuke_check_page_save_now (self);
    }
}

/* The start screen */

static void
fill_covers (OtasukeCheckPage *self)
{
  for (guint i = 0; i < otasuke_checklist_get_n_sections (self->checklist); i++)
    {
      const OtasukeChecklistSection *section = otasuke_checklist_get_section (self->checklist, i);
      g_autoptr(GPtrArray) items = otasuke_checklist_get_section_items (self->checklist, section->id);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions", items->len), items->len);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), section->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), section_icon (section->id));
      adw_preferences_group_add (self->covers_group, row);
    }
}

static void
update_start_screen (OtasukeCheckPage *self)
{
  gboolean can_resume = self->unfinished != NULL;

  gtk_widget_set_visible (self->resume_button, can_resume);
  gtk_widget_set_visible (GTK_WIDGET (self->resume_label), can_resume);
  /* Going on is what most people want; starting over is the quieter choice. */
  if (can_resume)
    gtk_widget_remove_css_class (self->start_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->start_button, "suggested-action");
  gtk_button_set_label (GTK_BUTTON (self->start_button), can_resume ? _("Start _Over") : _("_Start the Check"));

  if (can_resume)
    {
      guint total = otasuke_checklist_get_n_items (self->checklist);
      g_autofree char *when = otasuke_time_format (otasuke_check_run_get_updated_at (self->unfinished), NULL);
      /* Translators: "12 of 32 questions answered · Today at 09:30" */
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u of %u question answered · %s",
                                      "%u of %u questions answered · %s",
                                      total),
                         otasuke_check_run_get_n_answers (self->unfinished), total, when);

      gtk_label_set_text (self->resume_label, text);
    }
}

static void
load_unfinished_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OtasukeCheckPage) self = user_data;
  g_autoptr(GError) error = NULL;
  OtasukeCheckRun *run = otasuke_store_load_check_run_finish (OTASUKE_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_message ("Could not look for an unfinished check: %s", error->message);

  g_clear_pointer (&self->unfinished, otasuke_check_run_unref);
  /* A run started meanwhile wins. */
  if (run != NULL && self->run == NULL)
    self->unfinished = run;
  else if (run != NULL)
    otasuke_check_run_unref (run);

  self->loaded = TRUE;
  update_start_screen (self);
  otasuke_check_page_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/* Actions */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OtasukeCheckPage *self = OTASUKE_CHECK_PAGE (widget);
  g_autoptr(OtasukeCheckRun) previous = g_steal_pointer (&self->run);
  OtasukeCheckRun *router_from = previous != NULL ? previous : self->unfinished;
  g_autofree char *model = NULL;
  g_autofree char *firmware = NULL;

  /* Save what is pending on the old run first. */
  if (self->autosave_id != 0 && previous != NULL)
    {
      self->run = g_steal_pointer (&previous);
      otasuke_check_page_save_now (self);
      previous = g_steal_pointer (&self->run);
    }

  self->run = otasuke_check_run_new (otasuke_checklist_get_version (self->checklist), otasuke_check_page_now_seconds ());
  /* Starting again replaces the unfinished run rather than leaving it behind. */
  if (self->unfinished != NULL)
    otasuke_check_run_set_id (self->run, otasuke_check_run_get_id (self->unfinished));
  else if (previous != NULL && !otasuke_check_run_is_finished (previous))
    otasuke_check_run_set_id (self->run, otasuke_check_run_get_id (previous));

  /* The router rarely changes between checks. */
  if (router_from != NULL)
    {
      model = g_strdup (otasuke_check_run_get_router_model (router_from));
      firmware = g_strdup (otasuke_check_run_get_router_firmware (router_from));
    }
  g_clear_pointer (&self->unfinished, otasuke_check_run_unref);
  update_start_screen (self);

  otasuke_check_run_set_router (self->run, model, firmware);
  otasuke_router_lookup_set_router (self->router_lookup, model, firmware);
  otasuke_check_run_set_probe_json (self->run, otasuke_check_page_probe_json (self));
  self->saved_finished = FALSE;
  g_clear_pointer (&self->accept_undo, g_ptr_array_unref);

  otasuke_check_page_update_password_words (self);
  otasuke_check_page_update_suggestions (self);
  show_section (self, 0);
  otasuke_check_page_save_now (self);

  /* A browser installed since the last look is in this check: the
   * suggestions follow when the fresh report comes in. */
  if (self->probe_service != NULL)
    otasuke_probe_service_refresh (self->probe_service, OTASUKE_PROBE_REASON_CHECK);
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OtasukeCheckPage *self = OTASUKE_CHECK_PAGE (widget);
  const OtasukeChecklistItem *next;

  g_clear_pointer (&self->run, otasuke_check_run_unref);
  self->run = g_steal_pointer (&self->unfinished);
  self->saved_finished = FALSE;
  g_clear_pointer (&self->accept_undo, g_ptr_array_unref);
  update_start_screen (self);

  otasuke_router_lookup_set_router (self->router_lookup,
                                    otasuke_check_run_get_router_model (self->run),
                                    otasuke_check_run_get_router_firmware (self->run));
  if (otasuke_check_page_probe_json (self) != NULL)
    otasuke_check_run_set_probe_json (self->run, otasuke_check_page_probe_json (self));
  otasuke_check_page_update_password_words (self);
  otasuke_check_page_update_suggestions (self);

  next = otasuke_check_run_next_unanswered (self->run, self->checklist);
  if (next != NULL)
    show_section (self, section_index (self, next->section));
  else
    show_results (self);

  /* What changed on the machine since the check was left shows in it. */
  if (self->probe_service != NULL)
    otasuke_probe_service_refresh (self->probe_service, OTASUKE_PROBE_REASON_CHECK);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OtasukeCheckPage *self = OTASUKE_CHECK_PAGE (widget);

  if (self->section + 1 < otasuke_checklist_get_n_sections (self->checklist))
    show_section (self, self->section + 1);
  else
    show_results (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OtasukeCheckPage *self = OTASUKE_CHECK_PAGE (widget);

  if (in_view (self, "results"))
    show_section (self, otasuke_checklist_get_n_sections (self->checklist) - 1);
  else if (self->section > 0)
    show_section (self, self->section - 1);
}

static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OtasukeCheckPage *self = OTASUKE_CHECK_PAGE (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  const char *colon = strrchr (target, ':');
  g_autofree char *id = NULL;
  const OtasukeChecklistItem *item;
  OtasukeCheckItem *item_widget;
  OtasukeAnswer answer;

  if (colon == NULL)
    {
      g_warning ("“%s” is not an answer (item-id:answer)", target);
      return;
    }
  id = g_strndup (target, colon - target);
  item = otasuke_checklist_lookup (self->checklist, id);
  answer = otasuke_answer_from_string (colon + 1);
  if (item == NULL || answer == OTASUKE_ANSWER_NONE ||
      (answer == OTASUKE_ANSWER_NOT_APPLICABLE && item->not_applicable_label == NULL))
    {
      g_warning ("“%s” is not an answer to this checklist", target);
      return;
    }

  otasuke_check_run_set_answer (self->run, item->id, answer, FALSE);
  /* An answer chosen after "accept all" is the user's: undo no longer applies. */
  if (self->accept_undo != NULL)
    {
      g_clear_pointer (&self->accept_undo, g_ptr_array_unref);
      otasuke_check_page_actions_update (self);
    }
  /* Changing an answer after saving keeps the history's score right. */
  if (otasuke_check_run_is_finished (self->run))
    {
      otasuke_check_run_keep_findings (self->run, self->checklist, self->suggestions);
      otasuke_check_run_finish (self->run, self->checklist, otasuke_check_page_now_seconds ());
    }

  item_widget = otasuke_check_page_find_item_widget (self, item->id);
  if (item_widget != NULL)
    {
      otasuke_check_item_set_answer (item_widget, answer);
      otasuke_check_item_set_suggested (item_widget, FALSE);
    }
  otasuke_check_page_update_answered_label (self);
  otasuke_check_page_schedule_save (self);
}

static void
accept_suggestions_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  otasuke_check_page_accept_suggestions (OTASUKE_CHECK_PAGE (widget));
}

static void
undo_accept_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  otasuke_check_page_undo_accept (OTASUKE_CHECK_PAGE (widget));
}

/* Back to one question (from the results' list of questions left open). */
static void
go_to_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OtasukeCheckPage *self = OTASUKE_CHECK_PAGE (widget);
  const OtasukeChecklistItem *item = otasuke_checklist_lookup (self->checklist, g_variant_get_string (parameter, NULL));
  OtasukeCheckItem *item_widget;

  if (item == NULL)
    return;
  show_section (self, section_index (self, item->section));
  item_widget = otasuke_check_page_find_item_widget (self, item->id);
  if (item_widget != NULL)
    {
      GtkWidget *viewport = gtk_scrolled_window_get_child (self->wizard_scroller);
      graphene_point_t point;

      otasuke_check_item_focus_answers (item_widget);
      /* Bring the question into view, not only the focus. */
      if (viewport != NULL &&
          gtk_widget_compute_point (GTK_WIDGET (item_widget), GTK_WIDGET (self->items_box),
                                    &GRAPHENE_POINT_INIT (0, 0), &point))
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->wizard_scroller), point.y);
    }
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.page", "s", "history");
}

/* GObject */

static void
otasuke_check_page_dispose (GObject *object)
{
  OtasukeCheckPage *self = OTASUKE_CHECK_PAGE (object);

  {
    g_autoptr(GError) error = NULL;

    /* The window asked before closing; this is the last chance. */
    if (!otasuke_check_page_save_pending (self, &error))
      g_message ("%s", error->message);
  }
  self->disposed = TRUE;

  g_cancellable_cancel (self->cancellable);
  if (self->advisories != NULL)
    g_signal_handlers_disconnect_by_data (otasuke_advisories_get_model (self->advisories), self);
  g_clear_pointer (&self->item_widgets, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), OTASUKE_TYPE_CHECK_PAGE);

  G_OBJECT_CLASS (otasuke_check_page_parent_class)->dispose (object);
}

static void
otasuke_check_page_finalize (GObject *object)
{
  OtasukeCheckPage *self = OTASUKE_CHECK_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->advisories);
  g_free (self->os_id);
  g_free (self->os_version);
  g_clear_pointer (&self->checklist, otasuke_checklist_unref);
  g_clear_pointer (&self->router_table, otasuke_router_table_unref);
  g_clear_object (&self->probe_service);
  g_clear_pointer (&self->suggestions, g_hash_table_unref);
  g_clear_pointer (&self->accept_undo, g_ptr_array_unref);
  g_clear_pointer (&self->run, otasuke_check_run_unref);
  g_clear_pointer (&self->unfinished, otasuke_check_run_unref);

  G_OBJECT_CLASS (otasuke_check_page_parent_class)->finalize (object);
}

static void
otasuke_check_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OtasukeCheckPage *self = OTASUKE_CHECK_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_UNSAVED:
      g_value_set_boolean (value, self->unsaved);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_check_page_class_init (OtasukeCheckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_check_page_dispose;
  object_class->finalize = otasuke_check_page_finalize;
  object_class->get_property = otasuke_check_page_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNSAVED] =
    g_param_spec_boolean ("unsaved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OTASUKE_TYPE_CHECK_RESULTS);
  g_type_ensure (OTASUKE_TYPE_PASSWORD_METER);
  g_type_ensure (OTASUKE_TYPE_ROUTER_LOOKUP);
  g_type_ensure (OTASUKE_TYPE_SITE_LOOKUP);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, accept_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, answered_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, covers_group);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, items_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, next_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, password_meter);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, results);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, resume_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, resume_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, router_lookup);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, site_lookup);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, saved_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, section_title);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, step_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, unavailable_status);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckPage, wizard_scroller);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_router_changed",
                                                G_CALLBACK (otasuke_check_page_on_router_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_site_changed",
                                                G_CALLBACK (otasuke_check_page_update_suggestions));

  gtk_widget_class_install_action (widget_class, "check.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "check.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "check.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "check.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "check.answer", "s", answer_action);
  gtk_widget_class_install_action (widget_class, "check.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "check.accept-suggestions", NULL, accept_suggestions_action);
  gtk_widget_class_install_action (widget_class, "check.undo-accept", NULL, undo_accept_action);
  gtk_widget_class_install_action (widget_class, "check.go-to", "s", go_to_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "check.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "check.next", NULL);
}

static void
otasuke_check_page_init (OtasukeCheckPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->item_widgets = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  otasuke_check_page_actions_update (self);
}

void
otasuke_check_page_set_application (OtasukeCheckPage   *self,
                                    OtasukeApplication *application)
{
  const OtasukeOsInfo *os_info;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (OTASUKE_IS_CHECK_PAGE (self));
  g_return_if_fail (OTASUKE_IS_APPLICATION (application));

  if (self->attached)
    return;
  self->attached = TRUE;

  g_set_object (&self->store, otasuke_application_get_store (application));
  g_set_object (&self->advisories, otasuke_application_get_advisories (application));
  g_set_object (&self->probe_service, otasuke_application_get_probe_service (application));
  otasuke_site_lookup_set_monitor (self->site_lookup, otasuke_application_get_site_monitor (application));
  os_info = otasuke_application_get_os_info (application);
  if (os_info != NULL)
    {
      self->os_id = g_strdup (os_info->id);
      self->os_version = g_strdup (os_info->version_id);
    }

  self->checklist = otasuke_checklist_new_from_resource (&error);
  if (self->checklist == NULL)
    {
      g_warning ("The checklist cannot be read: %s", error->message);
      adw_status_page_set_description (self->unavailable_status, error->message);
      set_view (self, "unavailable");
      return;
    }
  fill_covers (self);

  if (self->advisories != NULL)
    g_signal_connect_object (otasuke_advisories_get_model (self->advisories), "items-changed",
                             G_CALLBACK (otasuke_check_page_on_advisories_changed), self, G_CONNECT_SWAPPED);
  otasuke_check_page_rebuild_router_table (self);

  if (self->store != NULL)
    otasuke_store_load_check_run_async (self->store, 0, self->cancellable,
                                        load_unfinished_cb, g_object_ref (self));
  else
    {
      self->loaded = TRUE;
      gtk_label_set_text (self->saved_label, _("Answers cannot be kept: the history file could not be opened"));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  /* What the application's probe service finds, now and whenever it looks again. */
  g_signal_connect_object (self->probe_service, "report-changed",
                           G_CALLBACK (otasuke_check_page_on_probe_report_changed), self, G_CONNECT_SWAPPED);
  if (otasuke_check_page_probe_report (self) != NULL)
    otasuke_check_page_on_probe_report_changed (self);

  otasuke_check_page_actions_update (self);
}

const char *
otasuke_check_page_get_view (OtasukeCheckPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_CHECK_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

OtasukeCheckRun *
otasuke_check_page_get_run (OtasukeCheckPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_CHECK_PAGE (self), NULL);

  return self->run;
}

guint
otasuke_check_page_get_section (OtasukeCheckPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_CHECK_PAGE (self), 0);

  return self->section;
}

gboolean
otasuke_check_page_get_loaded (OtasukeCheckPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_CHECK_PAGE (self), FALSE);

  return self->loaded;
}

gboolean
otasuke_check_page_get_unsaved (OtasukeCheckPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_CHECK_PAGE (self), FALSE);

  return self->unsaved;
}
