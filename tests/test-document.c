/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "otasuke-check-run.h"
#include "otasuke-checklist.h"
#include "otasuke-results-render.h"
#include "otasuke-sheet-render-private.h"
#include "otasuke-sheet.h"
#include "test-util.h"

/* The documents drawn by the sheet's renderer: where the layout puts
 * headings and pages (long fixtures), and the results as a PDF. */

#define PT_TOP     (18.0 * PT_PER_MM + 24.0)
#define PT_ROOM    (PAGE_HEIGHT - 2 * 18.0 * PT_PER_MM - 46.0)

static char *
filler (guint words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < words; i++)
    g_string_append_printf (text, "%sword%u", i > 0 ? " " : "", i);
  return g_string_free (text, FALSE);
}

/* Every heading starts on the same page as what follows it, and when that
 * is a row moved whole (anything shorter than a page) the heading is not
 * left at the bottom of the page before. */
static void
assert_headings_kept (const Doc *doc,
                      GArray    *placed)
{
  for (guint i = 0; i + 1 < placed->len; i++)
    {
      const OtasukeSheetPlaced *here = &g_array_index (placed, OtasukeSheetPlaced, i);
      const OtasukeSheetPlaced *next = &g_array_index (placed, OtasukeSheetPlaced, i + 1);

      if (here->kind != BLOCK_HEADING && here->kind != BLOCK_CONTACT && here->kind != BLOCK_TABLE_HEAD)
        continue;
      if (here->last_page != next->first_page)
        g_error ("Block %u (a heading) ends page %u alone; block %u starts page %u", i, here->last_page,
                 i + 1, next->first_page);
    }
  (void) doc;
}

static double
last_page_used (GArray *placed,
                guint   n_pages)
{
  double bottom = PT_TOP;

  for (guint i = 0; i < placed->len; i++)
    {
      const OtasukeSheetPlaced *block = &g_array_index (placed, OtasukeSheetPlaced, i);

      if (block->last_page == n_pages)
        bottom = MAX (bottom, block->bottom);
    }
  return bottom - PT_TOP;
}

/* Headings after bodies of every length: some land near the foot of a page. */
static void
test_keep_with_next (void)
{
  guint moved = 0;

  for (guint shift = 0; shift < 24; shift++)
    {
      g_autoptr(Doc) doc = otasuke_sheet_doc_new ();
      g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (OtasukeSheetPlaced));
      guint n_pages;

      doc->header_title = g_strdup ("Layout");
      doc->date = g_strdup ("2026-12-04");
      doc->pdf_title = g_strdup ("Layout");
      otasuke_sheet_doc_add_block (doc, BLOCK_TITLE, NULL, "A long document");
      for (guint s = 0; s < 14; s++)
        {
          g_autofree char *heading = g_strdup_printf ("Section %u", s);
          g_autofree char *body = filler (20 + ((s * 7 + shift * 5) % 60));
          g_autofree char *field = filler (4 + shift % 9);

          otasuke_sheet_doc_add_block (doc, BLOCK_HEADING, heading, NULL);
          otasuke_sheet_doc_add_block (doc, BLOCK_PARAGRAPH, NULL, body);
          otasuke_sheet_doc_add_block (doc, BLOCK_FIELD, "A label", field);
          if (s % 3 == 0)
            {
              otasuke_sheet_doc_add_block (doc, BLOCK_CONTACT, NULL, "A desk");
              otasuke_sheet_doc_add_block (doc, BLOCK_FIELD, "Phone", "03-0000-0000");
            }
          /* A box to write in by hand is never split. */
          otasuke_sheet_doc_add_block (doc, BLOCK_HEADING, "Notes", NULL);
          otasuke_sheet_doc_add_block (doc, BLOCK_FIELD, "Write here", NULL)->blank_lines = 3 + shift % 4;
        }

      n_pages = otasuke_sheet_doc_layout (doc, placed);
      g_assert_cmpuint (n_pages, >=, 3);
      g_assert_cmpuint (placed->len, ==, doc->blocks->len);
      assert_headings_kept (doc, placed);

      /* Headings that did move to a fresh page start at its top. */
      for (guint i = 1; i < placed->len; i++)
        {
          const OtasukeSheetPlaced *block = &g_array_index (placed, OtasukeSheetPlaced, i);
          const OtasukeSheetPlaced *before = &g_array_index (placed, OtasukeSheetPlaced, i - 1);

          if (block->kind == BLOCK_HEADING && block->first_page > before->last_page)
            {
              g_assert_cmpfloat_with_epsilon (block->top, PT_TOP, 0.01);
              moved++;
            }
        }
    }
  /* The fixtures do bring headings to the foot of a page. */
  g_assert_cmpuint (moved, >, 0);
}

/* A heading over a body taller than a page keeps at least its first lines. */
static void
test_keep_with_tall_body (void)
{
  g_autoptr(Doc) doc = otasuke_sheet_doc_new ();
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (OtasukeSheetPlaced));
  g_autofree char *tall = filler (2500);
  g_autofree char *almost = filler (700);
  guint n_pages;

  doc->header_title = g_strdup ("Layout");
  doc->date = g_strdup ("2026-12-04");
  doc->pdf_title = g_strdup ("Layout");
  otasuke_sheet_doc_add_block (doc, BLOCK_PARAGRAPH, NULL, almost);
  otasuke_sheet_doc_add_block (doc, BLOCK_HEADING, "Tall", NULL);
  otasuke_sheet_doc_add_block (doc, BLOCK_PARAGRAPH, NULL, tall);

  n_pages = otasuke_sheet_doc_layout (doc, placed);
  g_assert_cmpuint (n_pages, >=, 3);
  assert_headings_kept (doc, placed);
  /* The tall body itself runs over pages. */
  g_assert_cmpuint (g_array_index (placed, OtasukeSheetPlaced, 2).last_page, >,
                    g_array_index (placed, OtasukeSheetPlaced, 2).first_page);
}

/* However much there is, the last page is never left with a line or two:
 * the document is set tighter to save the page, or the page before ends
 * earlier so the last one gets its share. */
static void
test_no_nearly_empty_last_page (void)
{
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(GObject) context = G_OBJECT (otasuke_sheet_layout_create_context (font_map));
  guint fixed = 0;

  for (guint n = 20; n < 100; n++)
    {
      g_autoptr(Doc) doc = otasuke_sheet_doc_new ();
      g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (OtasukeSheetPlaced));
      guint n_pages;
      double used;

      doc->header_title = g_strdup ("Layout");
      doc->date = g_strdup ("2026-12-04");
      doc->pdf_title = g_strdup ("Layout");
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *label = g_strdup_printf ("Item %u", i);
          g_autofree char *text = filler (3 + i % 11);

          if (i % 12 == 0)
            otasuke_sheet_doc_add_block (doc, BLOCK_HEADING, "Group", NULL);
          otasuke_sheet_doc_add_block (doc, BLOCK_FIELD, label, text);
        }

      n_pages = otasuke_sheet_doc_layout (doc, placed);
      assert_headings_kept (doc, placed);
      used = last_page_used (placed, n_pages);
      g_test_message ("%u rows: %u pages, %.0f pt on the last", n, n_pages, used);
      if (n_pages > 1)
        g_assert_cmpfloat (used, >=, 110.0);
      /* Everything is still there, in order. */
      for (guint i = 1; i < placed->len; i++)
        g_assert_cmpuint (g_array_index (placed, OtasukeSheetPlaced, i).first_page, >=,
                          g_array_index (placed, OtasukeSheetPlaced, i - 1).last_page);

      /* Set as it comes, without the plan: some of these would end on a
       * nearly empty page. */
      {
        g_autoptr(GArray) plain = g_array_new (FALSE, FALSE, sizeof (OtasukeSheetPlaced));
        Pdf pdf = { .doc = doc, .context = PANGO_CONTEXT (context), .placed = plain,
                    .planned = TRUE, .squeeze = 1.0, .label_width = 128.0 };
        guint plain_pages = otasuke_sheet_layout_pass (&pdf);

        if (plain_pages > 1 && last_page_used (plain, plain_pages) < 110.0)
          {
            g_test_message ("  without the plan: %u pages, %.0f pt on the last", plain_pages,
                            last_page_used (plain, plain_pages));
            g_assert_cmpuint (n_pages, <=, plain_pages);
            fixed++;
          }
      }
    }
  g_assert_cmpuint (fixed, >, 0);
}

/* Text alone, which setting tighter cannot shorten: the page before the
 * last ends early instead, so the last page holds more than a line or two. */
static void
test_rebalance_last_page (void)
{
  guint rebalanced = 0;

  for (guint words = 700; words < 1000; words += 10)
    {
      g_autoptr(Doc) doc = otasuke_sheet_doc_new ();
      g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (OtasukeSheetPlaced));
      g_autofree char *text = filler (words);
      guint n_pages;

      doc->header_title = g_strdup ("Layout");
      doc->date = g_strdup ("2026-12-04");
      doc->pdf_title = g_strdup ("Layout");
      otasuke_sheet_doc_add_block (doc, BLOCK_PARAGRAPH, NULL, text);
      n_pages = otasuke_sheet_doc_layout (doc, placed);
      if (n_pages < 2)
        continue;
      g_test_message ("%u words: %u pages, %.0f pt on the last", words, n_pages, last_page_used (placed, n_pages));
      g_assert_cmpfloat (last_page_used (placed, n_pages), >=, 110.0);
      rebalanced++;
    }
  g_assert_cmpuint (rebalanced, >, 0);
}

/* The real sheet with a long timeline and long answers. */
static void
test_sheet_long (void)
{
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 4, 1, 0, 0);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (OtasukeSheetPlaced));
  g_autofree char *long_text = filler (400);
  g_autoptr(Doc) doc = NULL;
  guint n_pages;

  otasuke_sheet_set_company_name (sheet, "Sakura Shoten");
  otasuke_sheet_set_suspicion (sheet, long_text);
  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *text = filler (5 + (i * 13) % 40);

      otasuke_sheet_add_event (sheet, 1790000000 + i * 600, text);
    }

  doc = otasuke_sheet_doc_build (sheet, NULL, NULL, now);
  n_pages = otasuke_sheet_doc_layout (doc, placed);
  g_test_message ("long sheet: %u pages, %.0f pt on the last", n_pages, last_page_used (placed, n_pages));
  g_assert_cmpuint (n_pages, >=, 3);
  assert_headings_kept (doc, placed);
  g_assert_cmpfloat (last_page_used (placed, n_pages), >=, 110.0);
}

/* A label too long for its column breaks between words only. */
static void
test_label_words (void)
{
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(GObject) context = G_OBJECT (otasuke_sheet_layout_create_context (font_map));
  Pdf pdf = { .context = PANGO_CONTEXT (context) };
  g_autofree char *japanese = otasuke_sheet_layout_break_label (&pdf, "利用しているクラウドサービスと管理者の連絡先", 90.0);
  g_autofree char *english = otasuke_sheet_layout_break_label (&pdf, "Other desks or organisations already consulted", 90.0);
  g_autofree char *short_label = otasuke_sheet_layout_break_label (&pdf, "電話番号", 90.0);
  g_auto(GStrv) lines = NULL;

  g_test_message ("%s | %s", japanese, english);
  g_assert_nonnull (strchr (japanese, '\n'));
  g_assert_nonnull (strstr (japanese, "クラウドサービス"));
  g_assert_nonnull (strstr (japanese, "連絡先"));
  lines = g_strsplit (english, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_false (g_str_has_prefix (lines[i], " ") || g_str_has_suffix (lines[i], " "));
  g_assert_nonnull (strstr (english, "organisations"));
  g_assert_cmpstr (short_label, ==, "電話番号");
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

/* The results on paper: the score, what to fix first, mode 0600; only an
 * ordinary file is replaced. */
static void
test_results_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeChecklist) checklist = otasuke_checklist_new_from_resource (&error);
  g_autoptr(OtasukeCheckRun) run = NULL;
  g_autoptr(OtasukeDocument) document = NULL;
  g_autofree char *dir = g_dir_make_tmp ("otasuke-results-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "results.pdf", NULL);
  g_autofree char *link = g_build_filename (dir, "link.pdf", NULL);
  g_autofree char *target = g_build_filename (dir, "target.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *score_text = NULL;
  g_autofree char *before = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  OtasukeScore score;
  struct stat st;

  g_assert_no_error (error);
  run = otasuke_check_run_new (otasuke_checklist_get_version (checklist), 1790000000);
  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    otasuke_check_run_set_answer (run, otasuke_checklist_get_item (checklist, i)->id, OTASUKE_ANSWER_DONE, FALSE);
  otasuke_check_run_set_answer (run, "ipa-03", OTASUKE_ANSWER_NOT_DONE, FALSE);
  otasuke_check_run_compute_score (run, checklist, &score);
  otasuke_check_run_finish (run, checklist, 1790003600);

  document = otasuke_results_render_document (run, checklist, NULL, NULL);
  g_assert_cmpint (otasuke_document_count_pages (document), >=, 2);
  g_assert_true (otasuke_document_write_pdf (document, path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  text = run_tool (argv);
  score_text = g_strdup_printf (_("%d of 100"), score.score);
  test_assert_text_has (text, score_text);
  test_assert_text_has (text, _("Fix These First"));
  test_assert_text_has (text, otasuke_checklist_lookup (checklist, "ipa-03")->question);
  test_assert_text_has (text, otasuke_score_band_get_title (score.band));

  /* A folder, or a link (even to an ordinary file), is not replaced. */
  g_assert_false (otasuke_document_write_pdf (document, dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (target, "keep", -1, NULL));
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_false (otasuke_document_write_pdf (document, link, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_true (g_file_get_contents (target, &before, NULL, NULL));
  g_assert_cmpstr (before, ==, "keep");

  g_unlink (link);
  g_unlink (target);
  g_unlink (path);
  g_rmdir (dir);
}

/* Compiled into this program from resources/ (tests/meson.build), as in the application. */
void otasuke_register_resource (void);

int
main (int   argc,
      char *argv[])
{
  /* English headings (the msgids). */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  otasuke_register_resource ();

  g_test_add_func ("/document/layout/keep-with-next", test_keep_with_next);
  g_test_add_func ("/document/layout/keep-with-tall-body", test_keep_with_tall_body);
  g_test_add_func ("/document/layout/no-nearly-empty-last-page", test_no_nearly_empty_last_page);
  g_test_add_func ("/document/layout/rebalance-last-page", test_rebalance_last_page);
  g_test_add_func ("/document/layout/sheet-long", test_sheet_long);
  g_test_add_func ("/document/layout/label-words", test_label_words);
  g_test_add_func ("/document/results/pdf", test_results_pdf);

  return g_test_run ();
}
