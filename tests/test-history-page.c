/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "otasuke-check-results.h"
#include "otasuke-history-page.h"
#include "otasuke-history-run-view.h"
#include "otasuke-overview-page.h"
#include "otasuke-score-chart.h"
#include "otasuke-store-runs.h"
#include "otasuke-time.h"
#include "otasuke-tone.h"
#include "window-harness.h"

/* The history page and the latest check on the Overview. */

#define HISTORY_DAY (24 * 60 * 60)

static gint64 history_run_ids[3];  /* oldest first */
static gint64 history_run_times[3];

/* A finished check with IPA items 1…@n_done done, the next @n_dont_know
 * answered "don't know" and the rest not done: a score of
 * 4 × n_done − n_dont_know. */
static gint64
save_finished_run (OtasukeStore     *store,
                   OtasukeChecklist *checklist,
                   gint64            finished_at,
                   guint             n_done,
                   guint             n_dont_know,
                   gboolean          browsers_done)
{
  g_autoptr(OtasukeCheckRun) run = otasuke_check_run_new (otasuke_checklist_get_version (checklist),
                                                          finished_at - 600);
  g_autoptr(GError) error = NULL;

  for (guint number = 1; number <= OTASUKE_CHECKLIST_N_IPA_ITEMS; number++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_lookup_ipa (checklist, number);
      OtasukeAnswer answer = number <= n_done ? OTASUKE_ANSWER_DONE
                             : number <= n_done + n_dont_know ? OTASUKE_ANSWER_DONT_KNOW
                             : OTASUKE_ANSWER_NOT_DONE;

      g_assert_nonnull (item);
      /* The first question has evidence: taken from Otasuke's suggestion. */
      otasuke_check_run_set_answer (run, item->id, answer, number == 1);
    }
  otasuke_check_run_set_answer (run, "seed-browsers",
                                browsers_done ? OTASUKE_ANSWER_DONE : OTASUKE_ANSWER_NOT_DONE, TRUE);
  otasuke_check_run_set_router (run, "WHR-1166DHP2", "2.96");
  otasuke_check_run_finish (run, checklist, finished_at);
  otasuke_store_save_check_run (store, run, finished_at, &error);
  g_assert_no_error (error);

  return otasuke_check_run_get_id (run);
}

/* Three checks, as the check page would have saved them: 45, 68 and 80. */
static void
store_three_runs (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(OtasukeChecklist) checklist = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* The application class registers the resources. */
  g_type_class_unref (g_type_class_ref (OTASUKE_TYPE_APPLICATION));
  checklist = otasuke_checklist_new_from_resource (&error);
  g_assert_no_error (error);

  history_run_times[0] = now - 75 * HISTORY_DAY;
  history_run_times[1] = now - 31 * HISTORY_DAY;
  /* Three days back, not hours: the list shows the date in full then, the same
   * whenever it is formatted, where "Today"/"Yesterday" would change if midnight
   * fell between the page's formatting and this test's. */
  history_run_times[2] = now - 3 * HISTORY_DAY;

  store = open_test_store ();
  history_run_ids[0] = save_finished_run (store, checklist, history_run_times[0], 12, 3, FALSE);
  history_run_ids[1] = save_finished_run (store, checklist, history_run_times[1], 17, 0, FALSE);
  history_run_ids[2] = save_finished_run (store, checklist, history_run_times[2], 20, 0, TRUE);
}

static gpointer
history_child (OtasukeHistoryPage *page,
               const char         *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), OTASUKE_TYPE_HISTORY_PAGE, name);

  /* The detail pane is a widget of its own. */
  if (child == NULL)
    child = gtk_widget_get_template_child (
      GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), OTASUKE_TYPE_HISTORY_PAGE, "run_view")),
      OTASUKE_TYPE_HISTORY_RUN_VIEW, name);
  g_assert_nonnull (child);
  return child;
}

static gboolean
history_is_loaded (gpointer data)
{
  return otasuke_history_page_get_loaded (data);
}

static OtasukeHistoryPage *
show_history_page (Fixture *fixture)
{
  OtasukeHistoryPage *page =
    OTASUKE_HISTORY_PAGE (find_by_type (GTK_WIDGET (fixture->window), OTASUKE_TYPE_HISTORY_PAGE));

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "history"));
  iterate_until (history_is_loaded, page);
  g_assert_true (otasuke_history_page_get_store (page) == otasuke_application_get_store (fixture->app));
  return page;
}

static gint64 history_wanted_id;

static gboolean
history_run_is_shown (gpointer data)
{
  return otasuke_history_page_get_shown_run_id (data) == history_wanted_id;
}

static void
show_history_run (OtasukeHistoryPage *page,
                  gint64              id)
{
  g_assert_true (otasuke_history_page_show_run (page, id));
  history_wanted_id = id;
  iterate_until (history_run_is_shown, page);
}

static gboolean
overview_is_loaded (gpointer data)
{
  return otasuke_overview_page_get_loaded (data);
}

static void
check_history (Fixture       *fixture,
               gconstpointer  data)
{
  OtasukeHistoryPage *page = show_history_page (fixture);
  OtasukeScoreChart *chart = history_child (page, "chart");
  GtkWidget *changes = history_child (page, "changes_box");
  GtkListBox *list = history_child (page, "run_list");
  g_autofree char *not_done_to_done = g_strdup_printf ("%s → %s", otasuke_answer_get_label (OTASUKE_ANSWER_NOT_DONE),
                                                       otasuke_answer_get_label (OTASUKE_ANSWER_DONE));
  g_autoptr(OtasukeChecklist) checklist = otasuke_checklist_new_from_resource (NULL);
  g_autofree char *newest = otasuke_time_format (history_run_times[2], NULL);
  g_autofree char *router = g_strdup_printf (_("%s, firmware %s"), "WHR-1166DHP2", "2.96");
  g_autofree char *compared = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) middle = NULL;
  static const int scores[] = { 45, 68, 80 };

  g_assert_cmpstr (gtk_stack_get_visible_child_name (history_child (page, "main_stack")), ==, "history");

  /* Newest first, each with its score and result. */
  g_assert_cmpuint (otasuke_history_page_get_n_runs (page), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      g_autofree char *score = g_strdup_printf ("%d", scores[2 - i]);

      g_assert_cmpint (otasuke_history_page_get_run_id (page, i), ==, history_run_ids[2 - i]);
      g_assert_nonnull (row);
      g_assert_true (has_label (GTK_WIDGET (row), score));
      g_assert_true (has_label (GTK_WIDGET (row),
                                otasuke_score_band_get_title (otasuke_score_band_for_score (scores[2 - i]))));
    }
  g_assert_null (gtk_list_box_get_row_at_index (list, 3));
  /* Dates in the user's language. */
  g_assert_true (has_label (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), newest));

  /* The chart: one point per check, oldest first, and words for screen readers. */
  g_assert_cmpuint (otasuke_score_chart_get_n_points (chart), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (otasuke_score_chart_get_point (chart, i)->score, ==, scores[i]);
  g_assert_null (otasuke_score_chart_get_point (chart, 3));
  g_test_message ("chart: %s", otasuke_score_chart_get_description (chart));
  g_assert_nonnull (strstr (otasuke_score_chart_get_description (chart), "80"));
  g_assert_nonnull (strstr (otasuke_score_chart_get_description (chart), "12"));

  /* The newest is opened by itself, with what changed since the check before. */
  history_wanted_id = history_run_ids[2];
  iterate_until (history_run_is_shown, page);
  g_assert_true (gtk_list_box_get_selected_row (list) == gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (gtk_label_get_text (history_child (page, "score_label")), ==, "80");
  g_assert_cmpstr (gtk_label_get_text (history_child (page, "band_label")), ==,
                   otasuke_score_band_get_title (OTASUKE_SCORE_BAND_SOME_GAPS));
  g_assert_true (has_label (changes, "+12"));
  g_assert_true (has_label (changes, "68 → 80"));
  for (guint number = 18; number <= 20; number++)
    g_assert_true (has_label (changes, otasuke_checklist_lookup_ipa (checklist, number)->question));
  g_assert_false (has_label (changes, otasuke_checklist_lookup_ipa (checklist, 17)->question));
  g_assert_true (has_label (changes, not_done_to_done));
  middle = g_date_time_new_from_unix_local (history_run_times[1]);
  date = g_date_time_format (middle, C_("date", "%-d %B %Y"));
  compared = g_strdup_printf (_("Compared with the check on %s."), date);
  g_assert_true (has_label (changes, compared));
  /* Answers by section, those taken from a suggestion marked, and what was found. */
  g_assert_true (has_label (history_child (page, "answers_box"), otasuke_checklist_lookup_ipa (checklist, 1)->question));
  g_assert_true (has_label (history_child (page, "answers_box"), _("Suggested by Otasuke")));
  g_assert_true (has_label (history_child (page, "evidence_box"), router));
  save_png (GTK_WIDGET (fixture->window), "history.png");
  save_png (GTK_WIDGET (chart), "history-chart.png");

  /* Further down: the answers, grouped by section. */
  {
    GtkWidget *scroller = history_child (page, "detail_scroller");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
    double x, y;

    g_assert_true (gtk_widget_translate_coordinates (history_child (page, "evidence_box"), content, 0, 0, &x, &y));
    gtk_adjustment_set_value (adjustment, y - 24);
    save_png (GTK_WIDGET (fixture->window), "history-answers.png");
  }

  /* The one before: 45 → 68. */
  show_history_run (page, history_run_ids[1]);
  g_assert_cmpstr (gtk_label_get_text (history_child (page, "score_label")), ==, "68");
  g_assert_true (has_label (changes, "+23"));

  /* The first check has nothing to compare with. */
  show_history_run (page, history_run_ids[0]);
  g_assert_cmpstr (gtk_label_get_text (history_child (page, "score_label")), ==, "45");
  g_assert_true (has_label (changes, _("This was your first check, so there is nothing to compare it with yet.")));
  g_assert_false (has_label (changes, "+12"));
  save_png (GTK_WIDGET (fixture->window), "history-first.png");

  g_assert_false (otasuke_history_page_show_run (page, 9999));

  /* Opened again, the page shows the newest check, not the one looked at last. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "overview"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "history"));
  history_wanted_id = history_run_ids[2];
  iterate_until (history_run_is_shown, page);
  g_assert_true (gtk_list_box_get_selected_row (list) == gtk_list_box_get_row_at_index (list, 0));
}

static void check_band_colours (Fixture       *fixture,
                                gconstpointer  data);

static void
check_overview_score (Fixture       *fixture,
                      gconstpointer  data)
{
  OtasukeOverviewPage *overview = find_overview (fixture->window);
  GtkWidget *attention;

  iterate_until (overview_is_loaded, overview);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (
                     GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE, "score_stack"))), ==, "score");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (
                     GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE, "score_label"))), ==, "80");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (
                     GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE, "band_label"))), ==,
                   otasuke_score_band_get_title (OTASUKE_SCORE_BAND_SOME_GAPS));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_widget_get_template_child (
                     GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE, "check_button"))), ==, _("_Check Again"));

  /* What to fix first: three of the five questions not done. */
  attention = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE,
                                                         "attention_box"));
  g_assert_true (gtk_widget_get_visible (attention));
  g_assert_true (has_label (attention, _("What to Fix First")));
  g_assert_false (has_label (attention, CHROME_TITLE));
  save_png (GTK_WIDGET (fixture->window), "overview-score.png");

  /* A serious advisory that affects this computer is listed above it. */
  {
    OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
    g_autoptr(GPtrArray) browsers = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_browser_fact_free);
    OtasukeMachineFacts facts = { .browsers_known = TRUE, .browsers = browsers,
                                  .now = g_get_real_time () / G_USEC_PER_SEC };

    iterate_until (advisories_are_loaded, fixture->app);
    /* After the probes' own report, so these facts are the last word. */
    wait_for_probe (fixture->app, 1);
    g_ptr_array_add (browsers, otasuke_browser_fact_new ("chrome", "Google Chrome", "127.0.6533.88"));
    otasuke_advisories_set_machine_facts (advisories, &facts);
    g_assert_true (has_label (attention, _("Serious Advisories That Affect This Computer")));
    g_assert_true (has_label (attention, CHROME_TITLE));
    save_png (GTK_WIDGET (fixture->window), "overview-attention.png");

    /* A click on it opens it. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview), "overview.show-advisory", "s", CHROME_ID));
    g_assert_cmpstr (otasuke_window_get_visible_page (fixture->window), ==, "advisories");
  }

  check_history (fixture, data);
  check_band_colours (fixture, data);
}

/* The one tone class @widget carries. */
static const char *
tone_of (GtkWidget *widget)
{
  static const char * const tones[] = { "success", "accent", "warning", "error" };
  const char *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
    if (gtk_widget_has_css_class (widget, tones[i]))
      {
        g_assert_null (found);
        found = tones[i];
      }
  g_assert_nonnull (found);
  return found;
}

/* The label under @root whose whole text is @text (a score: "45" can also be
 * part of a row's time, 03:45). */
static GtkLabel *
find_label_exactly (GtkWidget  *root,
                    const char *text)
{
  if (GTK_IS_LABEL (root) && g_str_equal (gtk_label_get_text (GTK_LABEL (root)), text))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_exactly (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* One colour per band: the results of a check, Home, the History list and
 * the chart give the same score the same one. */
static void
check_band_colours (Fixture       *fixture,
                    gconstpointer  data)
{
  OtasukeHistoryPage *page = show_history_page (fixture);
  OtasukeScoreChart *chart = history_child (page, "chart");
  GtkListBox *list = history_child (page, "run_list");
  OtasukeOverviewPage *overview = find_overview (fixture->window);
  g_autoptr(OtasukeChecklist) checklist = otasuke_checklist_new_from_resource (NULL);
  g_autoptr(OtasukeStore) store = open_test_store ();
  static const int scores[] = { 45, 68, 80 };
  GHashTable *tones = g_hash_table_new (g_str_hash, g_str_equal);

  iterate_until (overview_is_loaded, overview);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *score = g_strdup_printf ("%d", scores[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(OtasukeCheckRun) run = otasuke_store_load_check_run (store, history_run_ids[i], &error);
      GtkWidget *results = g_object_ref_sink (otasuke_check_results_new ());
      GtkLabel *row_score = find_label_exactly (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 2 - i)), score);
      GtkWidget *results_score;
      const char *tone = otasuke_tone_for_band (otasuke_score_band_for_score (scores[i]));

      g_assert_no_error (error);
      otasuke_check_results_show (OTASUKE_CHECK_RESULTS (results), run, checklist, NULL);
      results_score = GTK_WIDGET (gtk_widget_get_template_child (results, OTASUKE_TYPE_CHECK_RESULTS, "score_label"));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (results_score)), ==, score);

      g_assert_cmpstr (tone_of (results_score), ==, tone);
      g_assert_cmpstr (tone_of (GTK_WIDGET (gtk_widget_get_template_child (results, OTASUKE_TYPE_CHECK_RESULTS,
                                                                           "band_label"))), ==, tone);
      g_assert_nonnull (row_score);
      g_assert_cmpstr (tone_of (GTK_WIDGET (row_score)), ==, tone);
      g_assert_cmpstr (otasuke_score_chart_get_point_tone (chart, i), ==, tone);
      g_hash_table_add (tones, (gpointer) tone);
      g_object_unref (results);
    }
  /* Three bands, three colours. */
  g_assert_cmpuint (g_hash_table_size (tones), ==, 3);
  g_hash_table_unref (tones);

  /* Home shows the newest. */
  g_assert_cmpstr (tone_of (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE,
                                                                      "score_label"))), ==,
                   otasuke_tone_for_band (otasuke_score_band_for_score (scores[2])));
}

static void
test_history (void)
{
  reset_with_size (1024, 700);
  store_three_runs ();
  run_in_app (check_overview_score);
}

static void
test_history_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  OtasukeHistoryPage *page = show_history_page (fixture);
  OtasukeOverviewPage *overview = find_overview (fixture->window);
  GtkWidget *button = history_child (page, "empty_check_button");

  g_assert_cmpuint (otasuke_history_page_get_n_runs (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (history_child (page, "main_stack")), ==, "empty");
  g_assert_cmpuint (otasuke_score_chart_get_n_points (history_child (page, "chart")), ==, 0);
  save_png (GTK_WIDGET (fixture->window), "history-empty.png");

  /* The button starts a check. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.page");
  click (button);
  g_assert_cmpstr (otasuke_window_get_visible_page (fixture->window), ==, "check");

  /* The Overview says there is no check yet, and offers one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "overview"));
  iterate_until (overview_is_loaded, overview);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (
                     GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE, "score_stack"))), ==, "none");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_widget_get_template_child (
                     GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE, "check_button"))), ==, _("_Start a Check"));
}

static void
check_history_narrow (Fixture       *fixture,
                      gconstpointer  data)
{
  OtasukeHistoryPage *page = show_history_page (fixture);
  AdwLeaflet *leaflet = history_child (page, "leaflet");

  wait_for_frames (GTK_WIDGET (fixture->window));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  save_png (GTK_WIDGET (fixture->window), "history-narrow-list.png");

  show_history_run (page, history_run_ids[2]);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  save_png (GTK_WIDGET (fixture->window), "history-narrow-detail.png");
  click (history_child (page, "back_button"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
}

static void
test_history_narrow (void)
{
  reset_with_size (400, 700);
  store_three_runs ();
  run_in_app (check_history_narrow);
}

/* Two checks on one day: the chart says at what time each was done. */
static void
test_chart_same_day (void)
{
  g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 11, 3, 9, 15, 0);
  g_autoptr(GDateTime) afternoon = g_date_time_new_local (2026, 11, 3, 14, 40, 0);
  OtasukeScorePoint points[] = {
    { g_date_time_to_unix (morning), 55 },
    { g_date_time_to_unix (afternoon), 70 },
  };
  GtkWidget *chart = g_object_ref_sink (otasuke_score_chart_new ());
  const char *description;

  otasuke_score_chart_set_points (OTASUKE_SCORE_CHART (chart), points, G_N_ELEMENTS (points));
  description = otasuke_score_chart_get_description (OTASUKE_SCORE_CHART (chart));
  g_test_message ("chart: %s", description);
  g_assert_nonnull (strstr (description, "09:15"));
  g_assert_nonnull (strstr (description, "14:40"));
  g_object_unref (chart);
}

int
main (int   argc,
      char *argv[])
{
  window_harness_init (&argc, &argv, "HistoryPage");

  g_test_add_func ("/window/history", test_history);
  g_test_add_data_func ("/window/history/empty", (gconstpointer) test_history_empty, run_clean);
  g_test_add_func ("/window/history/narrow", test_history_narrow);
  g_test_add_func ("/window/history/chart-same-day", test_chart_same_day);

  return window_harness_run ();
}
