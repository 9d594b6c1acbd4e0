/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-check-results"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-check-item.h"
#include "otasuke-check-results.h"
#include "otasuke-document-output.h"
#include "otasuke-launch.h"
#include "otasuke-results-render.h"
#include "otasuke-tone.h"


struct _OtasukeCheckResults
{
  GtkWidget            parent_instance;

  GPtrArray           *fix_rows;      /* rows added to fix_group */
  GPtrArray           *skipped_rows;  /* rows added to skipped_group */
  GPtrArray           *advice_groups; /* groups added to advice_box */

  /* What is shown, for printing and saving it. */
  OtasukeCheckRun     *run;
  OtasukeChecklist    *checklist;
  GHashTable          *suggestions;
  GCancellable        *cancellable;
  char                *saved_path;

  /* Template widgets */
  GtkWidget           *advice_box;
  GtkLabel            *band_label;
  AdwPreferencesGroup *fix_group;
  GtkLabel            *meaning_label;
  GtkWidget           *new_button;
  GtkWidget           *print_button;
  GtkWidget           *save_pdf_button;
  GtkLabel            *saved_label;
  GtkLabel            *score_label;
  GtkScrolledWindow   *scroller;
  AdwPreferencesGroup *skipped_group;
  GtkLabel            *unanswered_label;
};

G_DEFINE_FINAL_TYPE (OtasukeCheckResults, otasuke_check_results, GTK_TYPE_WIDGET)

static GtkWidget *
answer_icon (OtasukeAnswer answer)
{
  const char *name = "dialog-question-symbolic";
  const char *css = "dim-label";
  GtkWidget *icon;

  switch (answer)
    {
    case OTASUKE_ANSWER_DONE:
      name = "emblem-ok-symbolic";
      css = "success";
      break;
    case OTASUKE_ANSWER_PARTLY:
      name = "dialog-warning-symbolic";
      css = "warning";
      break;
    case OTASUKE_ANSWER_NOT_DONE:
      name = "dialog-error-symbolic";
      css = "error";
      break;
    case OTASUKE_ANSWER_NOT_APPLICABLE:
      name = "action-unavailable-symbolic";
      break;
    case OTASUKE_ANSWER_DONT_KNOW:
    case OTASUKE_ANSWER_NONE:
    default:
      break;
    }

  icon = gtk_image_new_from_icon_name (name);
  gtk_widget_add_css_class (icon, css);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  otasuke_answer_get_label (answer), -1);
  return icon;
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

/* An expander row: the question, the answer, and inside the reason, why it
 * matters (optional) and what to do. */
static GtkWidget *
advice_row (const OtasukeChecklistItem *item,
            const char                 *title,
            const char * const         *item_steps,
            OtasukeAnswer               answer,
            gboolean                    suggested,
            const char                 *reason,
            gboolean                    with_why)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *subtitle = NULL;
  g_autofree char *steps = otasuke_check_item_format_steps (item_steps);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Otasuke's suggestion is not the user's answer, and is not called one. */
  if (suggested && answer != OTASUKE_ANSWER_NONE)
    subtitle = g_strdup_printf (_("Suggested answer: %s"), otasuke_answer_get_label (answer));
  else if (answer == OTASUKE_ANSWER_NOT_APPLICABLE && item->not_applicable_label != NULL)
    subtitle = g_strdup_printf (_("Your answer: %s"), item->not_applicable_label);
  else
    /* Translators: %s is an answer, "Partly" */
    subtitle = g_strdup_printf (_("Your answer: %s"), otasuke_answer_get_label (answer));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), answer_icon (answer));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  if (reason != NULL)
    gtk_box_append (GTK_BOX (box), wrapped_label (reason, NULL));
  if (with_why)
    gtk_box_append (GTK_BOX (box), wrapped_label (item->why, "dim-label"));
  gtk_box_append (GTK_BOX (box), wrapped_label (_("What to do"), "heading"));
  gtk_box_append (GTK_BOX (box), wrapped_label (steps, NULL));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);

  return row;
}

static void
clear_results (OtasukeCheckResults *self)
{
  for (guint i = 0; i < self->fix_rows->len; i++)
    adw_preferences_group_remove (self->fix_group, g_ptr_array_index (self->fix_rows, i));
  g_ptr_array_set_size (self->fix_rows, 0);
  for (guint i = 0; i < self->skipped_rows->len; i++)
    adw_preferences_group_remove (self->skipped_group, g_ptr_array_index (self->skipped_rows, i));
  g_ptr_array_set_size (self->skipped_rows, 0);
  for (guint i = 0; i < self->advice_groups->len; i++)
    gtk_box_remove (GTK_BOX (self->advice_box), g_ptr_array_index (self->advice_groups, i));
  g_ptr_array_set_size (self->advice_groups, 0);
}


/* Printing and saving: the same renderer as the consultation sheet. */

static OtasukeDocument *
results_document (OtasukeCheckResults *self)
{
  if (self->run == NULL || self->checklist == NULL)
    return NULL;
  return otasuke_results_render_document (self->run, self->checklist, self->suggestions, NULL);
}

static void
show_toast (OtasukeCheckResults *self,
            const char          *title,
            gboolean             with_open)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  /* Toast titles are markup in libadwaita 1.2. */
  toast = adw_toast_new (escaped);
  if (with_open)
    {
      adw_toast_set_button_label (toast, _("Open"));
      adw_toast_set_action_name (toast, "results.open-saved");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

typedef struct {
  OtasukeCheckResults *self;
  char                *path;
} Saving;

static void
pdf_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Saving *saving = user_data;
  g_autoptr(OtasukeCheckResults) self = saving->self;
  g_autofree char *path = saving->path;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_free (saving);
  if (!otasuke_document_write_pdf_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        otasuke_document_output_show_error (GTK_WIDGET (self), _("The Results Could Not Be Saved"), error->message);
      return;
    }
  name = g_filename_display_basename (path);
  message = g_strdup_printf (_("Saved as “%s”"), name);
  g_free (self->saved_path);
  self->saved_path = g_steal_pointer (&path);
  show_toast (self, message, TRUE);
}

static void
save_pdf_to (OtasukeCheckResults *self,
             const char          *path)
{
  g_autoptr(OtasukeDocument) document = results_document (self);
  Saving *saving;

  if (document == NULL)
    return;
  saving = g_new0 (Saving, 1);
  saving->self = g_object_ref (self);
  saving->path = g_strdup (path);
  otasuke_document_write_pdf_async (document, path, self->cancellable, pdf_written_cb, saving);
}

static void
save_pdf_to_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  save_pdf_to (OTASUKE_CHECK_RESULTS (widget), g_variant_get_string (parameter, NULL));
}

static void
pdf_chosen (GtkWidget  *widget,
            const char *path)
{
  save_pdf_to (OTASUKE_CHECK_RESULTS (widget), path);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the start of a file name, "Self-check results-2026-11-26.pdf" */
  g_autofree char *name = g_strdup_printf ("%s-%s.pdf", _("Self-check results"), date);

  otasuke_document_output_choose_pdf (widget, _("Save the Results as PDF"), name,
                                      _("The Results Could Not Be Saved"), pdf_chosen);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OtasukeCheckResults *self = OTASUKE_CHECK_RESULTS (widget);
  g_autoptr(OtasukeDocument) document = results_document (self);

  if (document == NULL)
    return;
  otasuke_document_output_print (widget, document, _("The Results Could Not Be Printed"),
                                 "results.save-pdf", self->cancellable);
}

static void
open_saved_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OtasukeCheckResults *self = OTASUKE_CHECK_RESULTS (widget);

  if (self->saved_path == NULL)
    return;
  if (!otasuke_launch_file (GTK_WINDOW (gtk_widget_get_root (widget)), self->saved_path))
    otasuke_document_output_show_error (widget, _("The File Could Not Be Opened"),
                                        _("No program on this computer opens this kind of file."));
}

static void
otasuke_check_results_dispose (GObject *object)
{
  OtasukeCheckResults *self = OTASUKE_CHECK_RESULTS (object);

  g_clear_pointer (&self->fix_rows, g_ptr_array_unref);
  g_clear_pointer (&self->skipped_rows, g_ptr_array_unref);
  g_clear_pointer (&self->advice_groups, g_ptr_array_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->run, otasuke_check_run_unref);
  g_clear_pointer (&self->checklist, otasuke_checklist_unref);
  g_clear_pointer (&self->suggestions, g_hash_table_unref);
  g_clear_pointer (&self->saved_path, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), OTASUKE_TYPE_CHECK_RESULTS);

  G_OBJECT_CLASS (otasuke_check_results_parent_class)->dispose (object);
}

static void
otasuke_check_results_class_init (OtasukeCheckResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_check_results_dispose;

  gtk_widget_class_install_action (widget_class, "results.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "results.save-pdf", NULL, save_pdf_action);
  /* The same without the file dialog: for tests and scripts. */
  gtk_widget_class_install_action (widget_class, "results.save-pdf-to", "s", save_pdf_to_action);
  gtk_widget_class_install_action (widget_class, "results.open-saved", NULL, open_saved_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-check-results.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, advice_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, band_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, fix_group);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, meaning_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, new_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, print_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, save_pdf_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, saved_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, score_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, scroller);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, skipped_group);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckResults, unanswered_label);
}

static void
otasuke_check_results_init (OtasukeCheckResults *self)
{
  self->fix_rows = g_ptr_array_new ();
  self->skipped_rows = g_ptr_array_new ();
  self->advice_groups = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
otasuke_check_results_new (void)
{
  return g_object_new (OTASUKE_TYPE_CHECK_RESULTS, NULL);
}

/* The questions without the user's own answer: none at all, or only
 * Otasuke's suggestion so far. Each row goes back to its question. */
static void
add_skipped (OtasukeCheckResults *self,
             OtasukeCheckRun     *run,
             OtasukeChecklist    *checklist,
             GHashTable          *suggestions)
{
  guint n_suggested = 0;

  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (checklist, i);
      const OtasukeChecklistSection *section = otasuke_checklist_lookup_section (checklist, item->section);
      gboolean from_suggestion = FALSE;
      OtasukeAnswer answer = otasuke_check_run_get_answer (run, item->id, &from_suggestion);
      const OtasukeSuggestion *suggestion =
        suggestions != NULL ? g_hash_table_lookup (suggestions, item->id) : NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (answer != OTASUKE_ANSWER_NONE && !from_suggestion)
        continue;
      if (answer == OTASUKE_ANSWER_NONE && suggestion != NULL && suggestion->answer != OTASUKE_ANSWER_NONE)
        answer = suggestion->answer;

      if (answer != OTASUKE_ANSWER_NONE)
        {
          n_suggested++;
          /* Translators: a question left open: the section, and Otasuke's suggested answer, "Backups · suggested: Done" */
          subtitle = g_strdup_printf (_("%s · suggested: %s, not confirmed yet"), section->title,
                                      otasuke_answer_get_label (answer));
        }
      else
        subtitle = g_strdup (section->title);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->question);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), answer_icon (OTASUKE_ANSWER_NONE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "check.go-to");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", item->id);
      adw_preferences_group_add (self->skipped_group, row);
      g_ptr_array_add (self->skipped_rows, row);
    }

  if (n_suggested > 0)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Accept All Suggestions"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "check.accept-suggestions");
      adw_preferences_group_set_header_suffix (self->skipped_group, button);
    }
  else
    adw_preferences_group_set_header_suffix (self->skipped_group, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->skipped_group), self->skipped_rows->len > 0);
}

void
otasuke_check_results_show (OtasukeCheckResults *self,
                            OtasukeCheckRun     *run,
                            OtasukeChecklist    *checklist,
                            GHashTable          *suggestions)
{
  g_autoptr(GPtrArray) fixes = NULL;
  OtasukeScore score;

  g_return_if_fail (OTASUKE_IS_CHECK_RESULTS (self));
  g_return_if_fail (run != NULL);
  g_return_if_fail (checklist != NULL);

  otasuke_check_run_compute_score (run, checklist, &score);
  clear_results (self);

  /* What is printed is what is shown now. */
  g_clear_pointer (&self->run, otasuke_check_run_unref);
  g_clear_pointer (&self->checklist, otasuke_checklist_unref);
  g_clear_pointer (&self->suggestions, g_hash_table_unref);
  self->run = otasuke_check_run_copy (run);
  self->checklist = otasuke_checklist_ref (checklist);
  self->suggestions = suggestions != NULL ? g_hash_table_ref (suggestions) : NULL;

  /* The band's colour is the one Home, the History list and the chart give it. */
  otasuke_tone_show_score (self->score_label, self->band_label, self->meaning_label, score.score, score.band);

  if (score.n_unanswered > 0)
    {
      g_autofree char *text = otasuke_results_unanswered_text (score.n_unanswered);

      gtk_label_set_text (self->unanswered_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unanswered_label), score.n_unanswered > 0);

  add_skipped (self, run, checklist, suggestions);

  /* The findings kept with the run, as Home lists them; the reasons are today's. */
  fixes = otasuke_check_run_fix_first (run, checklist, NULL, OTASUKE_FIX_FIRST_MAX);
  for (guint i = 0; i < fixes->len; i++)
    {
      const OtasukeFixItem *fix = g_ptr_array_index (fixes, i);
      const OtasukeSuggestion *suggestion =
        suggestions != NULL ? g_hash_table_lookup (suggestions, fix->item->id) : NULL;
      gboolean from_suggestion = FALSE;
      GtkWidget *row;

      otasuke_check_run_get_answer (run, fix->item->id, &from_suggestion);
      /* An automatic finding without an answer is the evidence's "not done". */
      row = advice_row (fix->item, fix->item->task, fix->steps,
                        fix->answer != OTASUKE_ANSWER_NONE ? fix->answer : OTASUKE_ANSWER_NOT_DONE,
                        from_suggestion || fix->answer == OTASUKE_ANSWER_NONE,
                        suggestion != NULL ? suggestion->reason : NULL, FALSE);

      adw_preferences_group_add (self->fix_group, row);
      g_ptr_array_add (self->fix_rows, row);
    }
  if (fixes->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      /* Unanswered questions are not listed: say so rather than praise. */
      if (score.n_unanswered > 0)
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         _("Answer the questions left open to see what to fix first"));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), answer_icon (OTASUKE_ANSWER_NONE));
        }
      else
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing urgent: keep it up"));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), answer_icon (OTASUKE_ANSWER_DONE));
        }
      adw_preferences_group_add (self->fix_group, row);
      g_ptr_array_add (self->fix_rows, row);
    }

  for (guint s = 0; s < otasuke_checklist_get_n_sections (checklist); s++)
    {
      const OtasukeChecklistSection *section = otasuke_checklist_get_section (checklist, s);
      g_autoptr(GPtrArray) items = otasuke_checklist_get_section_items (checklist, section->id);
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), section->title);
      for (guint i = 0; i < items->len; i++)
        {
          const OtasukeChecklistItem *item = g_ptr_array_index (items, i);
          const OtasukeSuggestion *suggestion =
            suggestions != NULL ? g_hash_table_lookup (suggestions, item->id) : NULL;

          gboolean from_suggestion = FALSE;
          OtasukeAnswer answer = otasuke_check_run_get_answer (run, item->id, &from_suggestion);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     advice_row (item, item->question, item->steps, answer, from_suggestion,
                                                 suggestion != NULL ? suggestion->reason : NULL, TRUE));
        }
      gtk_box_append (GTK_BOX (self->advice_box), group);
      g_ptr_array_add (self->advice_groups, group);
    }

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}


void
otasuke_check_results_set_saved (OtasukeCheckResults *self,
                                 const char          *text,
                                 gboolean             problem)
{
  g_return_if_fail (OTASUKE_IS_CHECK_RESULTS (self));

  gtk_label_set_text (self->saved_label, text != NULL ? text : "");
  if (problem)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "dim-label");
    }
}
