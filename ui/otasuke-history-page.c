/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-check-run.h"
#include "otasuke-checklist.h"
#include "otasuke-history-page.h"
#include "otasuke-score-chart.h"
#include "otasuke-store-runs.h"
#include "otasuke-time.h"

struct _OtasukeHistoryPage
{
  GtkWidget         parent_instance;

  OtasukeStore     *store;
  OtasukeChecklist *checklist;          /* loaded with the first list; NULL if that failed */
  GCancellable     *cancellable;        /* the list being read */
  GCancellable     *detail_cancellable; /* the run being read */
  GPtrArray        *runs;               /* OtasukeCheckRunInfo*, newest first */
  gint64            wanted_id;          /* the run the user chose, kept across reloads */
  gint64            shown_id;           /* the run in the detail pane */
  gboolean          attached;           /* set_store() has been called */
  gboolean          loaded;
  gboolean          filling;            /* the list is being rebuilt */

  /* Template widgets */
  GtkBox           *answers_box;
  GtkWidget        *back_button;
  GtkLabel         *band_label;
  GtkLabel         *band_meaning_label;
  GtkBox           *changes_box;
  OtasukeScoreChart *chart;
  GtkWidget        *detail_scroller;
  GtkSpinner       *detail_spinner;
  GtkStack         *detail_stack;
  GtkLabel         *detail_title_label;
  GtkLabel         *detail_version_label;
  GtkWidget        *empty_check_button;
  AdwStatusPage    *empty_status;
  GtkBox           *evidence_box;
  AdwLeaflet       *leaflet;
  GtkStack         *main_stack;
  GtkListBox       *run_list;
  GtkLabel         *score_label;
};

G_DEFINE_FINAL_TYPE (OtasukeHistoryPage, otasuke_history_page, GTK_TYPE_WIDGET)

static const char * const tone_classes[] = { "success", "warning", "error", "dim-label" };

/* Helpers */

static const char *
band_tone (OtasukeScoreBand band)
{
  switch (band)
    {
    case OTASUKE_SCORE_BAND_ACHIEVED:
    case OTASUKE_SCORE_BAND_SOME_GAPS:
      return "success";
    case OTASUKE_SCORE_BAND_INSUFFICIENT:
      return "warning";
    case OTASUKE_SCORE_BAND_ACT_NOW:
    default:
      return "error";
    }
}

static const char *
answer_tone (OtasukeAnswer answer)
{
  switch (answer)
    {
    case OTASUKE_ANSWER_DONE:
      return "success";
    case OTASUKE_ANSWER_PARTLY:
      return "warning";
    case OTASUKE_ANSWER_NOT_DONE:
      return "error";
    case OTASUKE_ANSWER_NONE:
    case OTASUKE_ANSWER_DONT_KNOW:
    case OTASUKE_ANSWER_NOT_APPLICABLE:
    default:
      return "dim-label";
    }
}

static void
set_tone (GtkWidget  *widget,
          const char *tone)
{
  for (guint i = 0; i < G_N_ELEMENTS (tone_classes); i++)
    gtk_widget_remove_css_class (widget, tone_classes[i]);
  if (tone != NULL)
    gtk_widget_add_css_class (widget, tone);
}

static char *
format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (unix_seconds);

  if (date == NULL)
    return g_strdup (_("Unknown date"));

  /* Translators: a date without the time, strftime format; use your language's usual order */
  return g_date_time_format (date, C_("date", "%-d %B %Y"));
}

static const char *
answer_label (const OtasukeChecklistItem *item,
              OtasukeAnswer               answer)
{
  if (answer == OTASUKE_ANSWER_NOT_APPLICABLE && item != NULL && item->not_applicable_label != NULL)
    return item->not_applicable_label;

  return otasuke_answer_get_label (answer);
}

/* Unanswered counts as "don't know" in the score, and so here. */
static int
answer_rank (OtasukeAnswer answer)
{
  return answer == OTASUKE_ANSWER_NONE ? otasuke_answer_get_points (OTASUKE_ANSWER_DONT_KNOW)
                                       : otasuke_answer_get_points (answer);
}

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* Rows show checklist text and what the user typed (the router): never markup. */
static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static GtkWidget *
new_suffix_label (const char *text,
                  const char *tone)
{
  GtkWidget *label = gtk_label_new (text);

  /* Answers are a few words: wrapped, Japanese would break inside one. */
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  set_tone (label, tone);

  return label;
}

static void
otasuke_history_page_actions_update (OtasukeHistoryPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.back", adw_leaflet_get_folded (self->leaflet));
}

/* The detail pane */

static void
show_changes (OtasukeHistoryPage  *self,
              OtasukeCheckRun     *previous,
              OtasukeCheckRunDiff *diff)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;
  g_autofree char *scores = NULL;
  g_autofree char *change = NULL;
  GtkWidget *row;
  GtkWidget *label;

  remove_children (self->changes_box);
  gtk_box_append (self->changes_box, group);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What Changed Since the Check Before"));

  if (previous == NULL || diff == NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("This was your first check, so there is nothing to compare it with yet."));
      return;
    }

  date = format_date (otasuke_check_run_get_finished_at (previous));
  /* Translators: %s is the date of the check before, "3 October 2026" */
  description = g_strdup_printf (_("Compared with the check on %s."), date);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  scores = g_strdup_printf ("%d → %d", diff->old_score, diff->new_score);
  row = new_row (_("Score"), scores);
  change = diff->score_change == 0 ? g_strdup ("±0") : g_strdup_printf ("%+d", diff->score_change);
  label = new_suffix_label (change, diff->score_change > 0 ? "success" : diff->score_change < 0 ? "error" : "dim-label");
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_name (label, "score-change");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  for (guint i = 0; i < diff->changes->len; i++)
    {
      const OtasukeAnswerChange *answer_change = g_ptr_array_index (diff->changes, i);
      const OtasukeChecklistItem *item = NULL;
      g_autofree char *answers = NULL;
      int old_rank = answer_rank (answer_change->old_answer);
      int new_rank = answer_rank (answer_change->new_answer);
      GtkWidget *icon;

      if (self->checklist != NULL)
        item = otasuke_checklist_lookup (self->checklist, answer_change->item_id);

      answers = g_strdup_printf ("%s → %s",
                                 answer_label (item, answer_change->old_answer),
                                 answer_label (item, answer_change->new_answer));
      row = new_row (item != NULL ? item->question : answer_change->item_id, answers);

      if (new_rank > old_rank)
        {
          icon = gtk_image_new_from_icon_name ("go-up-symbolic");
          gtk_widget_set_tooltip_text (icon, _("Better than before"));
          set_tone (icon, "success");
        }
      else if (new_rank < old_rank)
        {
          icon = gtk_image_new_from_icon_name ("go-down-symbolic");
          gtk_widget_set_tooltip_text (icon, _("Worse than before"));
          set_tone (icon, "error");
        }
      else
        {
          icon = gtk_image_new_from_icon_name ("go-next-symbolic");
          set_tone (icon, "dim-label");
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  if (diff->changes->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               new_row (_("No answers changed"), NULL));
}

static void
show_evidence (OtasukeHistoryPage *self,
               OtasukeCheckRun    *run)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree const char **ids = otasuke_check_run_get_answered_ids (run);
  g_autofree char *suggested = NULL;
  g_autofree char *router = NULL;
  const char *model = otasuke_check_run_get_router_model (run);
  const char *firmware = otasuke_check_run_get_router_firmware (run);
  guint n_suggested = 0;
  GtkWidget *row;

  remove_children (self->evidence_box);
  gtk_box_append (self->evidence_box, group);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What Otasuke Found"));

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      gboolean from_suggestion = FALSE;

      otasuke_check_run_get_answer (run, ids[i], &from_suggestion);
      if (from_suggestion)
        n_suggested++;
    }

  if (n_suggested > 0)
    suggested = g_strdup_printf (ngettext ("%u answer was taken from Otasuke’s suggestions.",
                                           "%u answers were taken from Otasuke’s suggestions.",
                                           n_suggested),
                                 n_suggested);
  else
    suggested = g_strdup (_("Every answer was chosen by you."));
  row = new_row (_("Suggested answers"), suggested);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = new_row (_("This computer"),
                 otasuke_check_run_get_probe_json (run) != NULL
                 ? _("Saved with this check: browsers, operating system, security software and settings.")
                 : _("Otasuke did not look at this computer during this check."));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("computer-symbolic"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  if (model != NULL && firmware != NULL)
    /* Translators: the router as the user typed it: model, then firmware version */
    router = g_strdup_printf (_("%s, firmware %s"), model, firmware);
  else
    router = g_strdup (model != NULL ? model : _("Not entered"));
  row = new_row (_("Router"), router);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("network-wireless-symbolic"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* The answer beside the question; an item's own "does not apply" wording
 * can be a sentence, so it goes under the question instead. */
static GtkWidget *
new_answer_row (const OtasukeChecklistItem *item,
                const char                 *title,
                OtasukeAnswer               answer,
                gboolean                    from_suggestion)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_null_terminated (2, NULL, TRUE);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (answer == OTASUKE_ANSWER_NOT_APPLICABLE && item != NULL && item->not_applicable_label != NULL)
    g_ptr_array_add (notes, (gpointer) item->not_applicable_label);
  if (from_suggestion)
    g_ptr_array_add (notes, (gpointer) _("Suggested by Otasuke"));
  if (notes->len > 0)
    subtitle = g_strjoinv ("\n", (char **) notes->pdata);

  row = new_row (title, subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_suffix_label (otasuke_answer_get_label (answer),
                                                                     answer_tone (answer)));
  return row;
}

static void
show_answers (OtasukeHistoryPage *self,
              OtasukeCheckRun    *run)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree const char **ids = otasuke_check_run_get_answered_ids (run);
  GtkWidget *heading;
  GtkWidget *groups;
  GtkWidget *other = NULL;

  remove_children (self->answers_box);

  heading = gtk_label_new (_("Your Answers"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (self->answers_box, heading);
  groups = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (self->answers_box, groups);

  for (guint s = 0; self->checklist != NULL && s < otasuke_checklist_get_n_sections (self->checklist); s++)
    {
      const OtasukeChecklistSection *section = otasuke_checklist_get_section (self->checklist, s);
      g_autoptr(GPtrArray) items = otasuke_checklist_get_section_items (self->checklist, section->id);
      GtkWidget *group;

      if (items->len == 0)
        continue;

      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), section->title);
      for (guint i = 0; i < items->len; i++)
        {
          const OtasukeChecklistItem *item = g_ptr_array_index (items, i);
          gboolean from_suggestion = FALSE;
          OtasukeAnswer answer = otasuke_check_run_get_answer (run, item->id, &from_suggestion);

          g_hash_table_add (listed, (gpointer) item->id);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     new_answer_row (item, item->question, answer, from_suggestion));
        }
      gtk_box_append (GTK_BOX (groups), group);
    }

  /* Answers to items this checklist no longer has (a run from an older version). */
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      gboolean from_suggestion = FALSE;
      OtasukeAnswer answer;

      if (g_hash_table_contains (listed, ids[i]))
        continue;

      if (other == NULL)
        {
          other = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (other), _("Other Answers"));
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (other),
                                                 _("Questions from an earlier version of the check."));
          gtk_box_append (GTK_BOX (groups), other);
        }
      answer = otasuke_check_run_get_answer (run, ids[i], &from_suggestion);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (other),
                                 new_answer_row (NULL, ids[i], answer, from_suggestion));
    }
}

static void
show_run_details (OtasukeHistoryPage  *self,
                  OtasukeCheckRun     *run,
                  OtasukeCheckRun     *previous,
                  OtasukeCheckRunDiff *diff)
{
  g_autofree char *title = otasuke_time_format (otasuke_check_run_get_finished_at (run), NULL);
  g_autofree char *version = NULL;
  g_autofree char *score = g_strdup_printf ("%d", otasuke_check_run_get_score (run));
  OtasukeScoreBand band = otasuke_check_run_get_band (run);
  GtkAdjustment *vadjustment;

  gtk_label_set_text (self->detail_title_label, title);
  /* Translators: the version of the questions a check was answered against, "2026.1" */
  version = g_strdup_printf (_("Checklist version %s"), otasuke_check_run_get_checklist_version (run));
  gtk_label_set_text (self->detail_version_label, version);

  gtk_label_set_text (self->score_label, score);
  set_tone (GTK_WIDGET (self->score_label), band_tone (band));
  gtk_label_set_text (self->band_label, otasuke_score_band_get_title (band));
  set_tone (GTK_WIDGET (self->band_label), band_tone (band));
  gtk_label_set_text (self->band_meaning_label, otasuke_score_band_get_meaning (band));

  show_changes (self, previous, diff);
  show_evidence (self, run);
  show_answers (self, run);

  if (self->shown_id != otasuke_check_run_get_id (run))
    {
      vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->detail_scroller));
      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
    }
  self->shown_id = otasuke_check_run_get_id (run);

  gtk_spinner_set_spinning (self->detail_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->detail_stack, "run");
}

static void
show_nothing (OtasukeHistoryPage *self)
{
  self->shown_id = 0;
  gtk_spinner_set_spinning (self->detail_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
}

/* Reading one run, the one before it, and what changed, off the main thread. */

typedef struct {
  OtasukeStore        *store;
  OtasukeChecklist    *checklist;  /* may be NULL */
  gint64               id;
  OtasukeCheckRun     *run;
  OtasukeCheckRun     *previous;
  OtasukeCheckRunDiff *diff;
} DetailData;

static void
detail_data_free (DetailData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->checklist, otasuke_checklist_unref);
  g_clear_pointer (&data->run, otasuke_check_run_unref);
  g_clear_pointer (&data->previous, otasuke_check_run_unref);
  g_clear_pointer (&data->diff, otasuke_check_run_diff_free);
  g_free (data);
}

static void
load_detail_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  DetailData *data = task_data;
  GError *error = NULL;

  data->run = otasuke_store_load_check_run (data->store, data->id, &error);
  if (data->run != NULL)
    data->previous = otasuke_store_load_previous_check_run (data->store, data->id, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->run != NULL && data->previous != NULL)
    data->diff = otasuke_check_run_diff (data->previous, data->run, data->checklist);

  g_task_return_boolean (task, TRUE);
}

static void
load_detail_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(OtasukeHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  DetailData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not read check %" G_GINT64_FORMAT ": %s", data->id, error->message);
      show_nothing (self);
      return;
    }

  if (data->run == NULL)  /* deleted meanwhile */
    {
      show_nothing (self);
      return;
    }

  show_run_details (self, data->run, data->previous, data->diff);
}

static void
load_detail (OtasukeHistoryPage *self,
             gint64              id)
{
  g_autoptr(GTask) task = NULL;
  DetailData *data;

  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  if (self->store == NULL)
    return;

  self->detail_cancellable = g_cancellable_new ();
  if (self->shown_id == 0)
    {
      gtk_spinner_set_spinning (self->detail_spinner, TRUE);
      gtk_stack_set_visible_child_name (self->detail_stack, "loading");
    }

  data = g_new0 (DetailData, 1);
  data->store = g_object_ref (self->store);
  data->checklist = self->checklist != NULL ? otasuke_checklist_ref (self->checklist) : NULL;
  data->id = id;

  task = g_task_new (NULL, self->detail_cancellable, load_detail_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_detail);
  g_task_set_task_data (task, data, (GDestroyNotify) detail_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_detail_in_thread);
}

/* The list */

static GtkWidget *
create_run_row (const OtasukeCheckRunInfo *info)
{
  g_autofree char *date = otasuke_time_format (info->finished_at, NULL);
  g_autofree char *score = g_strdup_printf ("%d", info->score);
  g_autofree char *accessible = NULL;
  const char *band = otasuke_score_band_get_title (info->band);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_widget_set_hexpand (texts, TRUE);
  label = gtk_label_new (date);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (texts), label);
  label = gtk_label_new (band);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (texts), label);
  gtk_box_append (GTK_BOX (box), texts);

  label = gtk_label_new (score);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "title-3");
  gtk_widget_add_css_class (label, "numeric");
  set_tone (label, band_tone (info->band));
  gtk_box_append (GTK_BOX (box), label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: a finished check in the history list, for screen readers: date, score, result */
  accessible = g_strdup_printf (_("%s, score %d out of 100, %s"), date, info->score, band);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return row;
}

static guint
find_run (OtasukeHistoryPage *self,
          gint64              id)
{
  for (guint i = 0; self->runs != NULL && i < self->runs->len; i++)
    {
      const OtasukeCheckRunInfo *info = g_ptr_array_index (self->runs, i);

      if (info->id == id)
        return i;
    }

  return G_MAXUINT;
}

static gboolean
same_runs (GPtrArray *a,
           GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const OtasukeCheckRunInfo *x = g_ptr_array_index (a, i);
      const OtasukeCheckRunInfo *y = g_ptr_array_index (b, i);

      if (x->id != y->id || x->finished_at != y->finished_at || x->score != y->score)
        return FALSE;
    }

  return TRUE;
}

static void
select_position (OtasukeHistoryPage *self,
                 guint               position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->run_list, position);

  if (row != NULL && gtk_list_box_get_selected_row (self->run_list) != row)
    gtk_list_box_select_row (self->run_list, row);
}

static void
fill_list (OtasukeHistoryPage *self,
           GPtrArray          *runs)
{
  g_autofree OtasukeScorePoint *points = NULL;
  GtkWidget *child;
  guint position;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->run_list))) != NULL)
    gtk_list_box_remove (self->run_list, child);

  g_clear_pointer (&self->runs, g_ptr_array_unref);
  self->runs = g_ptr_array_ref (runs);

  points = g_new0 (OtasukeScorePoint, MAX (runs->len, 1));
  for (guint i = 0; i < runs->len; i++)
    {
      const OtasukeCheckRunInfo *info = g_ptr_array_index (runs, i);

      points[i].time = info->finished_at;
      points[i].score = info->score;
      gtk_list_box_append (self->run_list, create_run_row (info));
    }
  otasuke_score_chart_set_points (self->chart, points, runs->len);
  self->filling = FALSE;

  if (runs->len == 0)
    {
      show_nothing (self);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "history");

  /* The run chosen before, if it is still there; the newest otherwise. */
  position = find_run (self, self->wanted_id);
  if (position == G_MAXUINT)
    position = 0;
  if (((const OtasukeCheckRunInfo *) g_ptr_array_index (runs, position))->id != self->shown_id)
    self->shown_id = 0;
  select_position (self, position);
}

typedef struct {
  OtasukeStore     *store;
  OtasukeChecklist *checklist;  /* NULL: load it */
  GPtrArray        *runs;
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->checklist, otasuke_checklist_unref);
  g_clear_pointer (&data->runs, g_ptr_array_unref);
  g_free (data);
}

static void
load_list_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;

  if (data->checklist == NULL)
    {
      g_autoptr(GError) checklist_error = NULL;

      data->checklist = otasuke_checklist_new_from_resource (&checklist_error);
      if (data->checklist == NULL)
        g_message ("Could not load the checklist: %s", checklist_error->message);
    }

  data->runs = otasuke_store_list_check_runs (data->store, &error);
  if (data->runs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_list_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OtasukeHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ListData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not read the history: %s", error->message);
      g_clear_object (&self->cancellable);
      self->loaded = TRUE;
      gtk_stack_set_visible_child_name (self->main_stack, "unavailable");
      return;
    }

  g_clear_object (&self->cancellable);
  if (self->checklist == NULL && data->checklist != NULL)
    self->checklist = otasuke_checklist_ref (data->checklist);

  if (!same_runs (self->runs, data->runs))
    fill_list (self, data->runs);
  self->loaded = TRUE;
}

void
otasuke_history_page_reload (OtasukeHistoryPage *self)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (OTASUKE_IS_HISTORY_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loaded = FALSE;

  if (self->store == NULL)
    return;

  if (self->runs == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");

  self->cancellable = g_cancellable_new ();
  data = g_new0 (ListData, 1);
  data->store = g_object_ref (self->store);
  data->checklist = self->checklist != NULL ? otasuke_checklist_ref (self->checklist) : NULL;

  task = g_task_new (NULL, self->cancellable, load_list_cb, g_object_ref (self));
  g_task_set_source_tag (task, otasuke_history_page_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_list_in_thread);
}

static void
on_row_selected (OtasukeHistoryPage *self,
                 GtkListBoxRow      *row)
{
  const OtasukeCheckRunInfo *info;
  int index;

  if (row == NULL || self->filling || self->runs == NULL)
    return;

  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->runs->len)
    return;

  info = g_ptr_array_index (self->runs, index);
  self->wanted_id = info->id;
  if (info->id != self->shown_id)
    load_detail (self, info->id);
}

static void
on_row_activated (OtasukeHistoryPage *self,
                  GtkListBoxRow      *row)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (self->back_button);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OtasukeHistoryPage *self = OTASUKE_HISTORY_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->run_list);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Public */

void
otasuke_history_page_set_store (OtasukeHistoryPage *self,
                                OtasukeStore       *store)
{
  g_return_if_fail (OTASUKE_IS_HISTORY_PAGE (self));
  g_return_if_fail (store == NULL || OTASUKE_IS_STORE (store));

  if (self->attached && self->store == store)
    return;
  self->attached = TRUE;

  g_set_object (&self->store, store);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  self->wanted_id = 0;
  show_nothing (self);

  otasuke_history_page_reload (self);
  if (store == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "unavailable");
}

OtasukeStore *
otasuke_history_page_get_store (OtasukeHistoryPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), NULL);

  return self->store;
}

gboolean
otasuke_history_page_get_loaded (OtasukeHistoryPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), FALSE);

  return self->loaded;
}

guint
otasuke_history_page_get_n_runs (OtasukeHistoryPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), 0);

  return self->runs != NULL ? self->runs->len : 0;
}

gint64
otasuke_history_page_get_run_id (OtasukeHistoryPage *self,
                                 guint               position)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), 0);

  if (self->runs == NULL || position >= self->runs->len)
    return 0;

  return ((const OtasukeCheckRunInfo *) g_ptr_array_index (self->runs, position))->id;
}

gboolean
otasuke_history_page_show_run (OtasukeHistoryPage *self,
                               gint64              id)
{
  guint position;

  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), FALSE);

  position = find_run (self, id);
  if (position == G_MAXUINT)
    return FALSE;

  select_position (self, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");

  return TRUE;
}

gint64
otasuke_history_page_get_shown_run_id (OtasukeHistoryPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), 0);

  return gtk_stack_get_visible_child_name (self->detail_stack) != NULL &&
         g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "run") ? self->shown_id : 0;
}

/* GObject */

static void
otasuke_history_page_map (GtkWidget *widget)
{
  OtasukeHistoryPage *self = OTASUKE_HISTORY_PAGE (widget);

  GTK_WIDGET_CLASS (otasuke_history_page_parent_class)->map (widget);

  /* A check may have been finished since the list was read. */
  if (self->store != NULL && self->cancellable == NULL)
    otasuke_history_page_reload (self);
}

static void
otasuke_history_page_dispose (GObject *object)
{
  OtasukeHistoryPage *self = OTASUKE_HISTORY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->detail_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), OTASUKE_TYPE_HISTORY_PAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->checklist, otasuke_checklist_unref);
  g_clear_pointer (&self->runs, g_ptr_array_unref);

  G_OBJECT_CLASS (otasuke_history_page_parent_class)->dispose (object);
}

static void
otasuke_history_page_class_init (OtasukeHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_history_page_dispose;

  widget_class->map = otasuke_history_page_map;

  g_type_ensure (OTASUKE_TYPE_SCORE_CHART);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, answers_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, band_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, band_meaning_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, changes_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, chart);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, detail_spinner);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, detail_title_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, detail_version_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, empty_check_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, run_list);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, score_label);

  gtk_widget_class_install_action (widget_class, "history.back", NULL, back_action);
}

static void
otasuke_history_page_init (OtasukeHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->run_list, "row-selected",
                           G_CALLBACK (on_row_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run_list, "row-activated",
                           G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (otasuke_history_page_actions_update), self, G_CONNECT_SWAPPED);

  otasuke_history_page_actions_update (self);
}
