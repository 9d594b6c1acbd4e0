/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-results"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-results-render.h"
#include "otasuke-sheet-render-private.h"

static Block *
add_block (Doc        *doc,
           BlockKind   kind,
           const char *label,
           const char *text)
{
  g_autofree char *clean_label = label != NULL ? otasuke_sheet_sanitize_text (label, FALSE) : NULL;
  g_autofree char *clean_text = text != NULL ? otasuke_sheet_sanitize_text (text, TRUE) : NULL;

  return otasuke_sheet_doc_add_block (doc, kind, clean_label, clean_text);
}

char *
otasuke_results_format_steps (const char * const *steps)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; steps != NULL && steps[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      /* Translators: a numbered step of "what to do": "1. Turn on automatic updates." */
      g_string_append_printf (text, _("%u. %s"), i + 1, steps[i]);
    }
  return g_string_free (text, FALSE);
}

char *
otasuke_results_unanswered_text (guint n_unanswered)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of IPA’s questions was not answered and counts as “Don’t know”.",
                                       "%u of IPA’s questions were not answered and count as “Don’t know”.",
                                       n_unanswered),
                          n_unanswered);
}

static const char *
answer_text (const OtasukeChecklistItem *item,
             OtasukeAnswer               answer)
{
  if (answer == OTASUKE_ANSWER_NOT_APPLICABLE && item->not_applicable_label != NULL)
    return item->not_applicable_label;
  return otasuke_answer_get_label (answer);
}

OtasukeDocument *
otasuke_results_render_document (OtasukeCheckRun  *run,
                                 OtasukeChecklist *checklist,
                                 GHashTable       *suggestions,
                                 GDateTime        *now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GPtrArray) fixes = NULL;
  g_autofree char *score_text = NULL;
  g_autofree char *checked = NULL;
  Doc *doc;
  OtasukeScore score;
  gint64 finished;

  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (checklist != NULL, NULL);

  when = otasuke_sheet_now_or_current (now);
  otasuke_check_run_compute_score (run, checklist, &score);
  /* The findings kept with the run, when there are, as the results page and Home show them. */
  fixes = otasuke_check_run_fix_first (run, checklist,
                                       otasuke_check_run_get_findings (run) != NULL ? NULL : suggestions,
                                       OTASUKE_FIX_FIRST_MAX);

  doc = otasuke_sheet_doc_new ();
  doc->header_title = g_strdup (_("Security self-check results"));
  doc->pdf_title = g_strdup (doc->header_title);
  doc->date = g_date_time_format (when, C_("sheet date", "%Y-%m-%d"));
  doc->footer_mark = NULL;

  add_block (doc, BLOCK_TITLE, NULL, _("Security self-check results"));
  finished = otasuke_check_run_get_finished_at (run);
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (finished > 0 ? finished : g_date_time_to_unix (when));
    g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, g_date_time_get_timezone (when)) : NULL;

    if (local != NULL)
      checked = g_date_time_format (local, C_("sheet date and time", "%Y-%m-%d %H:%M"));
  }

  add_block (doc, BLOCK_HEADING, _("Score"), NULL);
  score_text = g_strdup_printf (_("%d of 100"), score.score);
  add_block (doc, BLOCK_FIELD, _("Score"), score_text);
  add_block (doc, BLOCK_FIELD, _("Result"), otasuke_score_band_get_title (score.band));
  if (checked != NULL)
    add_block (doc, BLOCK_FIELD, _("Checked on"), checked);
  add_block (doc, BLOCK_PARAGRAPH, NULL, otasuke_score_band_get_meaning (score.band));
  if (score.n_unanswered > 0)
    {
      g_autofree char *text = otasuke_results_unanswered_text (score.n_unanswered);

      add_block (doc, BLOCK_PARAGRAPH, NULL, text);
    }

  add_block (doc, BLOCK_HEADING, _("Fix These First"), NULL);
  for (guint i = 0; i < fixes->len; i++)
    {
      const OtasukeFixItem *fix = g_ptr_array_index (fixes, i);
      g_autofree char *steps = otasuke_results_format_steps (fix->steps);
      g_autofree char *numbered = g_strdup_printf (C_("policy heading", "%u. %s"), i + 1, fix->item->task);
      g_autofree char *answer = g_strdup_printf (_("Your answer: %s"), answer_text (fix->item, fix->answer));

      add_block (doc, BLOCK_CONTACT, NULL, numbered);
      add_block (doc, BLOCK_PARAGRAPH, NULL, answer);
      if (fix->reason != NULL)
        add_block (doc, BLOCK_PARAGRAPH, NULL, fix->reason);
      add_block (doc, BLOCK_FIELD, _("What to do"), steps);
    }
  if (fixes->len == 0)
    add_block (doc, BLOCK_PARAGRAPH, NULL,
               score.n_unanswered > 0 ? _("Answer the questions left open to see what to fix first")
                                      : _("Nothing urgent: keep it up"));

  add_block (doc, BLOCK_HEADING, _("Your answers"), NULL);
  for (guint s = 0; s < otasuke_checklist_get_n_sections (checklist); s++)
    {
      const OtasukeChecklistSection *section = otasuke_checklist_get_section (checklist, s);
      g_autoptr(GPtrArray) items = otasuke_checklist_get_section_items (checklist, section->id);

      if (items->len == 0)
        continue;
      add_block (doc, BLOCK_CONTACT, NULL, section->title);
      for (guint i = 0; i < items->len; i++)
        {
          const OtasukeChecklistItem *item = g_ptr_array_index (items, i);
          OtasukeAnswer answer = otasuke_check_run_get_answer (run, item->id, NULL);

          add_block (doc, BLOCK_FIELD, answer_text (item, answer), item->question);
        }
    }

  return otasuke_document_new_take (doc);
}
