/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-check-run.h"
#include "otasuke-history-run-view.h"
#include "otasuke-store-runs.h"
#include "otasuke-time.h"
#include "otasuke-tone.h"

struct _OtasukeHistoryRunView
{
  GtkWidget         parent_instance;

  OtasukeChecklist *checklist;   /* of the run being read; may be NULL */
  GCancellable     *cancellable; /* the run being read */
  gint64            shown_id;    /* the run on show */

  /* Template widgets */
  GtkBox           *answers_box;
  GtkLabel         *band_label;
  GtkLabel         *band_meaning_label;
  GtkBox           *changes_box;
  GtkWidget        *detail_scroller;
  GtkSpinner       *detail_spinner;
  GtkStack         *detail_stack;
  GtkLabel         *detail_title_label;
  GtkLabel         *detail_version_label;
  GtkBox           *evidence_box;
  GtkLabel         *score_label;
};

G_DEFINE_FINAL_TYPE (OtasukeHistoryRunView, otasuke_history_run_view, GTK_TYPE_WIDGET)

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
  otasuke_tone_set (label, tone);

  return label;
}

static void
show_changes (OtasukeHistoryRunView *self,
              OtasukeCheckRun       *previous,
              OtasukeCheckRunDiff   *diff)
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
          otasuke_tone_set (icon, "success");
        }
      else if (new_rank < old_rank)
        {
          icon = gtk_image_new_from_icon_name ("go-down-symbolic");
          gtk_widget_set_tooltip_text (icon, _("Worse than before"));
          otasuke_tone_set (icon, "error");
        }
      else
        {
          icon = gtk_image_new_from_icon_name ("go-next-symbolic");
          otasuke_tone_set (icon, "dim-label");
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  if (diff->changes->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               new_row (_("No answers changed"), NULL));
}

static void
show_evidence (OtasukeHistoryRunView *self,
               OtasukeCheckRun       *run)
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
show_answers (OtasukeHistoryRunView *self,
              OtasukeCheckRun       *run)
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
show_run_details (OtasukeHistoryRunView *self,
                  OtasukeCheckRun       *run,
                  OtasukeCheckRun       *previous,
                  OtasukeCheckRunDiff   *diff)
{
  g_autofree char *title = otasuke_time_format (otasuke_check_run_get_finished_at (run), NULL);
  g_autofree char *version = NULL;
  GtkAdjustment *vadjustment;

  gtk_label_set_text (self->detail_title_label, title);
  /* Translators: the version of the questions a check was answered against, "2026.1" */
  version = g_strdup_printf (_("Checklist version %s"), otasuke_check_run_get_checklist_version (run));
  gtk_label_set_text (self->detail_version_label, version);

  otasuke_tone_show_score (self->score_label, self->band_label, self->band_meaning_label,
                           otasuke_check_run_get_score (run), otasuke_check_run_get_band (run));

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
show_nothing (OtasukeHistoryRunView *self)
{
  self->shown_id = 0;
  gtk_spinner_set_spinning (self->detail_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
}

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
  g_autoptr(OtasukeHistoryRunView) self = user_data;
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

/* Public */

void
otasuke_history_run_view_load (OtasukeHistoryRunView *self,
                               OtasukeStore          *store,
                               OtasukeChecklist      *checklist,
                               gint64                 id)
{
  g_autoptr(GTask) task = NULL;
  DetailData *data;

  g_return_if_fail (OTASUKE_IS_HISTORY_RUN_VIEW (self));
  g_return_if_fail (store == NULL || OTASUKE_IS_STORE (store));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (store == NULL)
    return;

  g_clear_pointer (&self->checklist, otasuke_checklist_unref);
  self->checklist = checklist != NULL ? otasuke_checklist_ref (checklist) : NULL;

  self->cancellable = g_cancellable_new ();
  if (self->shown_id == 0)
    {
      gtk_spinner_set_spinning (self->detail_spinner, TRUE);
      gtk_stack_set_visible_child_name (self->detail_stack, "loading");
    }

  data = g_new0 (DetailData, 1);
  data->store = g_object_ref (store);
  data->checklist = checklist != NULL ? otasuke_checklist_ref (checklist) : NULL;
  data->id = id;

  task = g_task_new (NULL, self->cancellable, load_detail_cb, g_object_ref (self));
  g_task_set_source_tag (task, otasuke_history_run_view_load);
  g_task_set_task_data (task, data, (GDestroyNotify) detail_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_detail_in_thread);
}

void
otasuke_history_run_view_clear (OtasukeHistoryRunView *self)
{
  g_return_if_fail (OTASUKE_IS_HISTORY_RUN_VIEW (self));

  show_nothing (self);
}

void
otasuke_history_run_view_forget (OtasukeHistoryRunView *self)
{
  g_return_if_fail (OTASUKE_IS_HISTORY_RUN_VIEW (self));

  self->shown_id = 0;
}

gint64
otasuke_history_run_view_get_run_id (OtasukeHistoryRunView *self)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_RUN_VIEW (self), 0);

  return self->shown_id;
}

gint64
otasuke_history_run_view_get_shown_run_id (OtasukeHistoryRunView *self)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_RUN_VIEW (self), 0);

  return gtk_stack_get_visible_child_name (self->detail_stack) != NULL &&
         g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "run") ? self->shown_id : 0;
}

/* GObject */

static void
otasuke_history_run_view_dispose (GObject *object)
{
  OtasukeHistoryRunView *self = OTASUKE_HISTORY_RUN_VIEW (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), OTASUKE_TYPE_HISTORY_RUN_VIEW);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->checklist, otasuke_checklist_unref);

  G_OBJECT_CLASS (otasuke_history_run_view_parent_class)->dispose (object);
}

static void
otasuke_history_run_view_class_init (OtasukeHistoryRunViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_history_run_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-history-run-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryRunView, answers_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryRunView, band_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryRunView, band_meaning_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryRunView, changes_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryRunView, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryRunView, detail_spinner);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryRunView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryRunView, detail_title_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryRunView, detail_version_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryRunView, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryRunView, score_label);
}

static void
otasuke_history_run_view_init (OtasukeHistoryRunView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
