/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "otasuke-advisories-page.h"
#include "otasuke-advisory-match.h"
#include "otasuke-check-item.h"
#include "otasuke-check-page.h"
#include "otasuke-check-results.h"
#include "otasuke-history-page.h"
#include "otasuke-password-meter.h"
#include "otasuke-router-lookup.h"
#include "otasuke-store-advisories.h"
#include "otasuke-store-runs.h"
#include "window-harness.h"

/* The check wizard. */

#define ROUTER_PASSWORD "Sakura-Kanri-7391!"
/* Every answer "done" but ipa-03 not done, ipa-20 partly and ipa-09 (Wi-Fi)
 * "does not apply": (22 × 4 + 2) × 25 / 24 = 93.75. */
#define PLANNED_SCORE 94

static gpointer
router_child (OtasukeCheckPage *page,
              const char       *name)
{
  GObject *child = gtk_widget_get_template_child (check_child (page, "router_lookup"),
                                                  OTASUKE_TYPE_ROUTER_LOOKUP, name);

  g_assert_nonnull (child);
  return child;
}

static gboolean
check_page_is_saved (gpointer data)
{
  return !otasuke_check_page_get_unsaved (data);
}

static gint64 history_wanted_id;

static gboolean
history_shows_wanted (gpointer data)
{
  return otasuke_history_page_get_loaded (data) &&
         otasuke_history_page_get_shown_run_id (data) == history_wanted_id;
}

static gboolean
has_label_containing (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;

  return FALSE;
}

/* The focus is on an answer of the page's first question: the chosen one,
 * else the first, and it is the question's only Tab stop. */
static void
assert_focus_on_first_question (Fixture          *fixture,
                                OtasukeCheckPage *page)
{
  GtkWidget *first = find_by_type (check_child (page, "items_box"), OTASUKE_TYPE_CHECK_ITEM);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  guint stops = 0;

  g_assert_nonnull (first);
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, first));
  for (GtkWidget *answer = gtk_widget_get_first_child (gtk_widget_get_parent (focus)); answer != NULL;
       answer = gtk_widget_get_next_sibling (answer))
    /* Only the answers form the group; an expander beside them (the
     * website section's details) is a control of its own. */
    stops += GTK_IS_TOGGLE_BUTTON (answer) && gtk_widget_get_focusable (answer);
  g_assert_cmpuint (stops, ==, 1);
}

/* A well-kept Debian machine, as the probes find it in the fake root. */
static void
install_well_kept_machine (void)
{
  probe_root_write ("var/lib/dpkg/status",
                    "Package: chromium\nStatus: install ok installed\nVersion: 156.0.8078.108-1~deb12u1\n\n"
                    "Package: ufw\nStatus: install ok installed\nVersion: 0.36.2-1\n");
  probe_root_write ("etc/ufw/ufw.conf", "ENABLED=yes\n");
}

static const OtasukeProbeBrowser *
find_browser (const OtasukeProbeReport *report,
              const char               *id)
{
  for (guint i = 0; i < report->browsers->len; i++)
    {
      const OtasukeProbeBrowser *b = g_ptr_array_index (report->browsers, i);

      if (g_str_equal (b->id, id))
        return b;
    }
  return NULL;
}

static OtasukeCheckPage *
show_check_page (Fixture *fixture)
{
  OtasukeCheckPage *page = find_check_page (fixture->window);

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "check"));
  iterate_until (check_page_is_loaded, page);
  /* The start-up look at the machine is in. */
  wait_for_probe (fixture->app, 1);
  return page;
}

static OtasukeChecklist *
load_checklist (void)
{
  g_autoptr(GError) error = NULL;
  OtasukeChecklist *checklist = otasuke_checklist_new_from_resource (&error);

  g_assert_no_error (error);
  return checklist;
}

static const char *
planned_answer (const char *id)
{
  if (g_str_equal (id, "ipa-03"))
    return "not-done";
  if (g_str_equal (id, "ipa-20"))
    return "partly";
  if (g_str_equal (id, "ipa-09"))
    return "not-applicable";
  if (g_str_equal (id, "seed-router-firmware"))
    return "not-done";
  return "done";
}

/* Through the action the buttons use. */
static void
give_answer (OtasukeCheckPage *page,
             const char       *id,
             const char       *answer)
{
  g_autofree char *target = g_strdup_printf ("%s:%s", id, answer);
  gboolean from_suggestion = TRUE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.answer", "s", target));
  g_assert_cmpint (otasuke_check_run_get_answer (otasuke_check_page_get_run (page), id, &from_suggestion),
                   ==, otasuke_answer_from_string (answer));
  g_assert_false (from_suggestion);
}

static void
answer_section (OtasukeCheckPage *page,
                OtasukeChecklist *checklist,
                guint             index)
{
  const OtasukeChecklistSection *section = otasuke_checklist_get_section (checklist, index);
  g_autoptr(GPtrArray) items = otasuke_checklist_get_section_items (checklist, section->id);

  g_assert_cmpuint (otasuke_check_page_get_section (page), ==, index);
  for (guint i = 0; i < items->len; i++)
    {
      const OtasukeChecklistItem *item = g_ptr_array_index (items, i);

      give_answer (page, item->id, planned_answer (item->id));
    }
}

static GtkListBoxRow *
suggestion_row (OtasukeCheckPage *page,
                const char       *model)
{
  GtkListBox *list = router_child (page, "router_list");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (ADW_IS_ACTION_ROW (row) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), model) == 0)
      return row;
  return NULL;
}

/* The router: suggestions while typing, then the verdict, live. */
static void
fill_router (Fixture          *fixture,
             OtasukeCheckPage *page)
{
  OtasukeRouterLookup *lookup = check_child (page, "router_lookup");
  OtasukePasswordMeter *meter = check_child (page, "password_meter");
  GObject *password_row = gtk_widget_get_template_child (GTK_WIDGET (meter), OTASUKE_TYPE_PASSWORD_METER,
                                                         "password_row");
  OtasukeCheckRun *run = otasuke_check_page_get_run (page);
  const OtasukeRouterResult *result;
  GtkListBoxRow *row;
  gboolean from_suggestion = FALSE;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lookup)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (meter)));

  gtk_editable_set_text (router_child (page, "firmware_row"), "1.16");
  gtk_editable_set_text (router_child (page, "model_row"), "wsr-1166dhp");
  g_assert_cmpuint (otasuke_router_lookup_get_n_suggestions (lookup), >=, 3);
  row = suggestion_row (page, "WSR-1166DHP3");
  g_assert_nonnull (row);

  /* The strength meter: a verdict, and the text stays in the entry only. */
  gtk_editable_set_text (GTK_EDITABLE (password_row), "password");
  g_assert_cmpint (otasuke_password_meter_get_strength (meter), ==, OTASUKE_PASSWORD_STRENGTH_WEAK);
  gtk_editable_set_text (GTK_EDITABLE (password_row), ROUTER_PASSWORD);
  g_assert_cmpint (otasuke_password_meter_get_strength (meter), >=, OTASUKE_PASSWORD_STRENGTH_FAIR);
  save_png (GTK_WIDGET (fixture->window), "check-router.png");

  /* Picking a suggestion. */
  g_signal_emit_by_name (router_child (page, "router_list"), "row-activated", row);
  g_assert_cmpstr (gtk_editable_get_text (router_child (page, "model_row")), ==, "WSR-1166DHP3");
  g_assert_cmpuint (otasuke_router_lookup_get_n_suggestions (lookup), ==, 0);

  result = otasuke_router_lookup_get_result (lookup);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, OTASUKE_ROUTER_STATUS_AFFECTED);
  g_assert_cmpstr (gtk_label_get_text (router_child (page, "status_label")), ==,
                   _("This router is affected by a known problem"));
  g_assert_true (gtk_widget_get_visible (router_child (page, "advisories_label")));
  g_assert_true (has_label_containing (router_child (page, "advisories_label"), "JVNVU#92862829"));

  /* The run keeps the router as typed; the firmware item now suggests "not done". */
  g_assert_cmpstr (otasuke_check_run_get_router_model (run), ==, "WSR-1166DHP3");
  g_assert_cmpstr (otasuke_check_run_get_router_firmware (run), ==, "1.16");
  g_assert_cmpint (otasuke_check_run_get_answer (run, "seed-router-firmware", &from_suggestion), ==,
                   OTASUKE_ANSWER_NOT_DONE);
  g_assert_true (from_suggestion);
  save_png (GTK_WIDGET (fixture->window), "check-router-affected.png");
}

static gboolean
contains_bytes (const char *path,
                const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  gsize needle_len = strlen (needle);

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  for (gsize i = 0; i + needle_len <= len; i++)
    if (memcmp (contents + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
site_monitor_loaded (gpointer data)
{
  OtasukeSiteMonitor *monitor = otasuke_application_get_site_monitor (data);

  return monitor != NULL && otasuke_site_monitor_get_loaded (monitor);
}

/* Neither a website nor a mail domain entered: the section shows its
 * entries and both items are suggested as not applying. */
static void
check_site_section (Fixture          *fixture,
                    OtasukeCheckPage *page)
{
  OtasukeCheckRun *run = otasuke_check_page_get_run (page);
  gboolean from_suggestion = FALSE;

  iterate_until (site_monitor_loaded, fixture->app);
  g_assert_true (gtk_widget_get_visible (check_child (page, "site_lookup")));
  g_assert_cmpint (otasuke_check_run_get_answer (run, "seed-website", &from_suggestion), ==,
                   OTASUKE_ANSWER_NOT_APPLICABLE);
  g_assert_true (from_suggestion);
  g_assert_cmpint (otasuke_check_run_get_answer (run, "seed-mail-domain", &from_suggestion), ==,
                   OTASUKE_ANSWER_NOT_APPLICABLE);
  g_assert_true (from_suggestion);
  g_assert_true (has_label (check_child (page, "site_lookup"),
                            _("Nothing entered: this section does not apply to your business.")));
  save_png (GTK_WIDGET (fixture->window), "check-section-website-mail.png");
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static GtkWindow *
find_print_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* By name: the Unix print dialog's header is not on every platform. */
      if (g_str_equal (G_OBJECT_TYPE_NAME (window), "GtkPrintUnixDialog"))
        return window;
    }
  return NULL;
}

static gboolean
has_print_dialog (gpointer data)
{
  return find_print_dialog () != NULL;
}

static gboolean
no_print_dialog (gpointer data)
{
  return find_print_dialog () == NULL;
}

/* @text (taken) without white space: pdftotext breaks lines where it likes. */
static char *
without_space (char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  g_free (text);
  return g_string_free (out, FALSE);
}

static void
test_check_complete (Fixture       *fixture,
                     gconstpointer  data)
{
  OtasukeCheckPage *page = show_check_page (fixture);
  g_autoptr(OtasukeChecklist) checklist = load_checklist ();
  guint n_sections = otasuke_checklist_get_n_sections (checklist);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(OtasukeCheckRun) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = otasuke_store_default_path ();
  g_autofree char *wal_path = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *suggested = NULL;
  g_autofree char *model = NULL;
  g_autofree char *firmware = NULL;
  const OtasukeCheckRunInfo *info;
  OtasukeCheckRun *run;
  gboolean from_suggestion = FALSE;

  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "start");
  g_assert_false (gtk_widget_get_visible (check_child (page, "resume_button")));
  save_png (GTK_WIDGET (fixture->window), "check-start.png");

  assert_unique_mnemonics (GTK_WIDGET (fixture->window), "check start");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.start", NULL));
  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "wizard");
  run = otasuke_check_page_get_run (page);
  g_assert_nonnull (run);
  /* The keyboard starts on the first question's answers. */
  assert_focus_on_first_question (fixture, page);
  /* Suggestions filled in are not answers the user gave: the count starts at zero. */
  {
    g_autofree char *none = g_strdup_printf (_("%u of %u answered"), 0,
                                             otasuke_checklist_get_n_items (checklist));

    g_assert_cmpstr (gtk_label_get_text (check_child (page, "answered_label")), ==, none);
  }

  /* What the probes found is suggested, said as such, and taken until the user answers. */
  g_assert_cmpint (otasuke_check_run_get_answer (run, "seed-browsers", &from_suggestion), ==, OTASUKE_ANSWER_DONE);
  g_assert_true (from_suggestion);
  g_assert_true (has_label_containing (check_child (page, "items_box"), "156.0.8078.108"));
  suggested = g_strdup_printf (_("Suggested answer: %s"), otasuke_answer_get_label (OTASUKE_ANSWER_DONE));
  g_assert_true (has_label (check_child (page, "items_box"), suggested));
  /* …and looks like one until the user chooses it. */
  g_assert_true (gtk_widget_has_css_class (find_by_type (check_child (page, "items_box"), OTASUKE_TYPE_CHECK_ITEM),
                                           "suggested"));
  save_png (GTK_WIDGET (fixture->window), "check-section-updates.png");

  for (guint i = 0; i < n_sections; i++)
    {
      gboolean router_section = g_str_equal (otasuke_checklist_get_section (checklist, i)->id, "router-wifi");
      OtasukePasswordMeter *meter = check_child (page, "password_meter");
      GObject *password_row = gtk_widget_get_template_child (GTK_WIDGET (meter), OTASUKE_TYPE_PASSWORD_METER,
                                                             "password_row");

      g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (meter)), ==, router_section);
      if (router_section)
        fill_router (fixture, page);
      if (g_str_equal (otasuke_checklist_get_section (checklist, i)->id, "website-mail"))
        check_site_section (fixture, page);
      else
        g_assert_false (gtk_widget_get_visible (check_child (page, "site_lookup")));
      answer_section (page, checklist, i);
      if (i == 4)
        save_png (GTK_WIDGET (fixture->window), "check-section-mail.png");
      assert_unique_mnemonics (GTK_WIDGET (fixture->window), otasuke_checklist_get_section (checklist, i)->id);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.next", NULL));
      if (i + 1 < n_sections)
        assert_focus_on_first_question (fixture, page);

      /* Leaving the section forgets the password. */
      if (router_section)
        {
          g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, "");
          g_assert_cmpint (otasuke_password_meter_get_strength (meter), ==, OTASUKE_PASSWORD_STRENGTH_NONE);
        }
    }

  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "results");
  assert_unique_mnemonics (GTK_WIDGET (fixture->window), "check results");
  g_assert_cmpstr (gtk_label_get_text (results_child (page, "score_label")), ==, G_STRINGIFY (PLANNED_SCORE));
  g_assert_cmpstr (gtk_label_get_text (results_child (page, "band_label")), ==,
                   otasuke_score_band_get_title (OTASUKE_SCORE_BAND_SOME_GAPS));
  g_assert_cmpstr (gtk_label_get_text (results_child (page, "meaning_label")), ==,
                   otasuke_score_band_get_meaning (OTASUKE_SCORE_BAND_SOME_GAPS));
  /* The router advisory first, then the password question left not done. */
  g_assert_true (has_label (results_child (page, "fix_group"), otasuke_checklist_lookup (checklist, "seed-router-firmware")->task));
  g_assert_true (has_label (results_child (page, "fix_group"), otasuke_checklist_lookup (checklist, "ipa-03")->task));
  g_assert_true (has_label (results_child (page, "advice_box"), otasuke_checklist_lookup (checklist, "ipa-25")->question));
  save_png (GTK_WIDGET (fixture->window), "check-results.png");

  /* The results as a PDF, drawn as the sheet is: the score and what to fix
   * first are in it, and only the user may read it. */
  {
    /* A folder of its own: the English and Japanese runs go side by side. */
    g_autofree char *dir = g_dir_make_tmp ("otasuke-results-XXXXXX", NULL);
    g_autofree char *pdf = g_build_filename (dir, "results.pdf", NULL);
    g_autofree char *score_text = NULL;
    g_autofree char *text = NULL;
    g_autofree char *flat = NULL;
    g_autofree char *question = NULL;
    g_autoptr(GSubprocess) process = NULL;
    GtkWidget *results = check_child (page, "results");
    struct stat st;

    g_assert_true (gtk_widget_is_sensitive (results_child (page, "print_button")));
    g_assert_true (gtk_widget_activate_action (results, "results.save-pdf-to", "s", pdf));
    iterate_until (file_exists, pdf);
    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "pdftotext", "-enc", "UTF-8", pdf, "-", NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &text, NULL, &error));
    g_assert_no_error (error);
    flat = without_space (g_steal_pointer (&text));
    score_text = without_space (g_strdup_printf (_("%d of 100"), PLANNED_SCORE));
    question = without_space (g_strdup (otasuke_checklist_lookup (checklist, "ipa-03")->question));
    if (strstr (flat, score_text) == NULL || strstr (flat, question) == NULL)
      g_error ("The results PDF does not say “%s” and “%s”:\n%s", score_text, question, flat);
    g_unlink (pdf);
    g_rmdir (dir);
  }

  /* Printing takes the sheet's path: the pages, the printer check, GTK's print window. */
  click (results_child (page, "print_button"));
  iterate_until (has_print_dialog, NULL);
  g_assert_null (find_message_dialog ());
  gtk_dialog_response (GTK_DIALOG (find_print_dialog ()), GTK_RESPONSE_CANCEL);
  iterate_until (no_print_dialog, NULL);

  /* Reaching the results finished the check and put it into the history:
   * there is nothing else to press, and the page says so once it is true. */
  g_assert_true (otasuke_check_run_is_finished (run));
  iterate_until (check_page_is_saved, page);
  g_assert_cmpstr (gtk_label_get_text (results_child (page, "saved_label")), ==, _("Saved in the history."));
  g_assert_cmpstr (gtk_label_get_text (check_child (page, "saved_label")), ==, _("Saved in the history"));
  g_assert_true (gtk_widget_get_visible (results_child (page, "new_button")));

  /* In the history file, router and all. */
  store = open_test_store ();
  runs = otasuke_store_list_check_runs (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  info = g_ptr_array_index (runs, 0);
  g_assert_cmpint (info->score, ==, PLANNED_SCORE);
  g_assert_cmpint (info->band, ==, OTASUKE_SCORE_BAND_SOME_GAPS);
  saved = otasuke_store_load_check_run (store, info->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpint (otasuke_check_run_get_answer (saved, "ipa-09", NULL), ==, OTASUKE_ANSWER_NOT_APPLICABLE);
  g_assert_cmpint (otasuke_check_run_get_answer (saved, "seed-browsers", &from_suggestion), ==, OTASUKE_ANSWER_DONE);
  g_assert_false (from_suggestion);
  g_assert_nonnull (otasuke_check_run_get_probe_json (saved));
  g_assert_true (otasuke_store_get_router (store, &model, &firmware, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (model, ==, "WSR-1166DHP3");
  g_assert_cmpstr (firmware, ==, "1.16");

  /* The History page opens on it. */
  {
    OtasukeHistoryPage *history = OTASUKE_HISTORY_PAGE (find_by_type (GTK_WIDGET (fixture->window),
                                                                      OTASUKE_TYPE_HISTORY_PAGE));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.history", NULL));
    g_assert_cmpstr (otasuke_window_get_visible_page (fixture->window), ==, "history");
    history_wanted_id = info->id;
    iterate_until (history_shows_wanted, history);
    g_assert_cmpuint (otasuke_history_page_get_n_runs (history), ==, 1);
  }

  /* The Advisories page now knows the router. */
  iterate_until (advisories_are_loaded, fixture->app);
  g_assert_cmpint (otasuke_advisory_get_affects (otasuke_advisories_lookup (advisories, ROUTER_ID)), ==,
                   OTASUKE_AFFECTS_YES);

  /* Nothing typed into the password meter reached the disk. */
  g_assert_true (contains_bytes (db_path, "WSR-1166DHP3") || contains_bytes (wal_path, "WSR-1166DHP3"));
  g_assert_false (contains_bytes (db_path, ROUTER_PASSWORD));
  g_assert_false (contains_bytes (wal_path, ROUTER_PASSWORD));
}

/* Quit part-way through: nothing is lost. */
static void
check_start_partway (Fixture       *fixture,
                     gconstpointer  data)
{
  OtasukeCheckPage *page = show_check_page (fixture);
  g_autoptr(OtasukeChecklist) checklist = load_checklist ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.start", NULL));
  answer_section (page, checklist, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.next", NULL));
  gtk_editable_set_text (router_child (page, "model_row"), "WHR-1166DHP2");
  answer_section (page, checklist, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.next", NULL));
  iterate_until (check_page_is_saved, page);
  /* Kept to go on with, which is not "saved in the history". */
  g_assert_cmpstr (gtk_label_get_text (check_child (page, "saved_label")), ==, _("Answers kept: you can go on later"));

  /* The last answer is quit on before the save would have started. */
  give_answer (page, "ipa-11", "partly");
  g_assert_true (otasuke_check_page_get_unsaved (page));
}

static void
check_resumed (Fixture       *fixture,
               gconstpointer  data)
{
  OtasukeCheckPage *page = show_check_page (fixture);
  OtasukeCheckRun *run;
  guint runs;

  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "start");
  g_assert_true (gtk_widget_get_visible (check_child (page, "resume_button")));
  g_assert_true (gtk_widget_get_visible (check_child (page, "resume_label")));
  save_png (GTK_WIDGET (fixture->window), "check-start-resume.png");

  runs = otasuke_probe_service_get_n_runs (otasuke_application_get_probe_service (fixture->app));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.resume", NULL));
  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "wizard");
  /* Resuming looks at the machine again too. */
  wait_for_probe (fixture->app, runs + 1);
  g_assert_cmpint (otasuke_probe_service_get_report_reason (otasuke_application_get_probe_service (fixture->app)),
                   ==, OTASUKE_PROBE_REASON_CHECK);
  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "wizard");
  /* Backups: the section of the first question not answered yet. */
  g_assert_cmpuint (otasuke_check_page_get_section (page), ==, 2);
  run = otasuke_check_page_get_run (page);
  g_assert_cmpint (otasuke_check_run_get_answer (run, "ipa-11", NULL), ==, OTASUKE_ANSWER_PARTLY);
  g_assert_cmpint (otasuke_check_run_get_answer (run, "ipa-09", NULL), ==, OTASUKE_ANSWER_NOT_APPLICABLE);
  g_assert_cmpint (otasuke_check_run_get_answer (run, "ipa-01", NULL), ==, OTASUKE_ANSWER_DONE);
  g_assert_cmpint (otasuke_check_run_get_answer (run, "seed-offline-backup", NULL), ==, OTASUKE_ANSWER_NONE);
  g_assert_cmpstr (otasuke_check_run_get_router_model (run), ==, "WHR-1166DHP2");

  /* The router is filled in again when going back to it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.back", NULL));
  g_assert_cmpuint (otasuke_check_page_get_section (page), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (router_child (page, "model_row")), ==, "WHR-1166DHP2");
  g_assert_nonnull (otasuke_router_lookup_get_result (check_child (page, "router_lookup")));
}

static void
test_check_resume (void)
{
  reset_with_size (1024, 700);
  install_well_kept_machine ();
  run_in_app (check_start_partway);
  /* The same history file, a new start. */
  run_in_app (check_resumed);
}

/* Brings @widget near the top of @scroller, once laid out. */
static void
scroll_check_to (OtasukeCheckPage  *page,
                 GtkScrolledWindow *scroller,
                 GtkWidget         *widget)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  double x, y;

  wait_for_frames (GTK_WIDGET (page));
  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (scroller), 0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - 12);
}

static void
check_check_narrow (Fixture       *fixture,
                    gconstpointer  data)
{
  OtasukeCheckPage *page = show_check_page (fixture);
  g_autoptr(OtasukeChecklist) checklist = load_checklist ();

  save_png (GTK_WIDGET (fixture->window), "check-narrow-start.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.start", NULL));
  save_png (GTK_WIDGET (fixture->window), "check-narrow-wizard.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.next", NULL));
  save_png (GTK_WIDGET (fixture->window), "check-narrow-router.png");
  for (guint i = 1; i < otasuke_checklist_get_n_sections (checklist); i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.next", NULL));
  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "results");
  save_png (GTK_WIDGET (fixture->window), "check-narrow-results.png");
  scroll_check_to (page, results_child (page, "scroller"), results_child (page, "advice_box"));
  save_png (GTK_WIDGET (fixture->window), "check-narrow-advice.png");
  /* The page does not make the window wider than it was asked to be. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 400);
}

static void
test_check_narrow (void)
{
  reset_with_size (400, 700);
  install_well_kept_machine ();
  run_in_app (check_check_narrow);
}

/* Chrome installed while the program runs: the next check finds it, and so
 * does "affects you" (the probes' one report feeds both). */
static void
check_new_browser (Fixture       *fixture,
                   gconstpointer  data)
{
  OtasukeCheckPage *page = show_check_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  OtasukeProbeService *service = otasuke_application_get_probe_service (fixture->app);
  const OtasukeProbeReport *report = otasuke_probe_service_get_report (service);
  OtasukeAdvisory *advisory;
  OtasukeCheckRun *run;
  gboolean from_suggestion = FALSE;
  guint runs;

  iterate_until (advisories_are_loaded, fixture->app);
  advisory = otasuke_advisories_lookup (advisories, CHROME_ID);
  g_assert_nonnull (advisory);
  g_assert_null (find_browser (report, "chrome"));
  g_assert_cmpint (otasuke_advisory_get_affects (advisory), !=, OTASUKE_AFFECTS_YES);

  probe_root_write ("var/lib/dpkg/status",
                    "Package: chromium\nStatus: install ok installed\nVersion: 156.0.8078.108-1~deb12u1\n\n"
                    "Package: google-chrome-stable\nStatus: install ok installed\nVersion: 127.0.6533.88-1\n");
  runs = otasuke_probe_service_get_n_runs (service);

  /* Starting the check looks at the machine again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.start", NULL));
  run = otasuke_check_page_get_run (page);
  report = wait_for_probe (fixture->app, runs + 1);
  g_assert_cmpint (otasuke_probe_service_get_report_reason (service), ==, OTASUKE_PROBE_REASON_CHECK);
  g_assert_cmpstr (find_browser (report, "chrome")->version, ==, "127.0.6533.88");

  g_assert_cmpint (otasuke_check_run_get_answer (run, "seed-browsers", &from_suggestion), ==,
                   OTASUKE_ANSWER_NOT_DONE);
  g_assert_true (from_suggestion);
  g_assert_true (has_label_containing (check_child (page, "items_box"), "127.0.6533.88"));
  g_assert_nonnull (strstr (otasuke_check_run_get_probe_json (run), "127.0.6533.88"));
  save_png (GTK_WIDGET (fixture->window), "check-new-browser.png");

  /* The advisory about that Chrome now says it affects this computer. */
  g_assert_cmpint (otasuke_advisory_get_affects (advisory), ==, OTASUKE_AFFECTS_YES);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "advisories"));
  g_assert_true (otasuke_advisories_page_show_advisory (OTASUKE_ADVISORIES_PAGE (find_by_type (GTK_WIDGET (fixture->window),
                                                                                               OTASUKE_TYPE_ADVISORIES_PAGE)),
                                                        CHROME_ID));
  wait_for_frames (GTK_WIDGET (fixture->window));
  g_assert_true (has_label (GTK_WIDGET (fixture->window), _("Affects you")));
  save_png (GTK_WIDGET (fixture->window), "advisories-new-browser.png");
}

static void
test_check_new_browser (void)
{
  reset_with_size (1024, 700);
  install_well_kept_machine ();
  run_in_app (check_new_browser);
}

/* The keyboard, as someone who does not touch the mouse: Down from the model
 * entry into the list, Down again, Enter. Returns the row picked. */
static GtkEventController *
router_key_controller (OtasukeCheckPage *page)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (router_child (page, "router_list"));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;
    }
  g_assert_not_reached ();
}

static const char *
pick_by_keyboard (Fixture          *fixture,
                  OtasukeCheckPage *page,
                  guint             downs)
{
  GtkWidget *model_row = router_child (page, "model_row");
  GtkListBox *list = router_child (page, "router_list");
  gboolean handled = FALSE;
  GtkWidget *focus;
  const char *title;

  g_assert_true (gtk_widget_grab_focus (model_row));
  g_signal_emit_by_name (router_key_controller (page), "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_true (handled);
  for (guint i = 0; i < downs; i++)
    g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);

  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (ADW_IS_ACTION_ROW (focus));
  g_assert_true (gtk_widget_get_parent (focus) == GTK_WIDGET (list));
  title = g_intern_string (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (focus)));
  /* Enter. */
  g_assert_true (gtk_widget_activate (focus));
  return title;
}

static const char *
combo_selected_text (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  g_assert_true (GTK_IS_STRING_OBJECT (item));
  return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
}

static guint
combo_position (AdwComboRow *row,
                const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), text))
        return i;
    }
  g_assert_not_reached ();
}

static OtasukeRouterTable *
load_router_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  OtasukeRouterTable *table;
  gsize len = 0;

  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "routers", "ambiguous.json", NULL),
                       &text, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&text), len);
  table = otasuke_router_table_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return table;
}

static void
assert_saved_router (const char *model,
                     const char *firmware)
{
  g_autoptr(OtasukeStore) store = open_test_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeCheckRun) saved = otasuke_store_load_unfinished_check_run (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (otasuke_check_run_get_router_model (saved), ==, model);
  g_assert_cmpstr (otasuke_check_run_get_router_firmware (saved), ==, firmware);
}

/* An Aterm and an ELECOM owner: the maker and model picked from the list by
 * keyboard, where to find the version, what to do; the model saved in the
 * table's spelling; one name two makers have, asked which. */
static void
check_router_picker (Fixture       *fixture,
                     gconstpointer  data)
{
  OtasukeCheckPage *page = show_check_page (fixture);
  OtasukeRouterLookup *lookup = check_child (page, "router_lookup");
  AdwComboRow *vendor_row = router_child (page, "vendor_row");
  GtkLabel *hint_label = router_child (page, "hint_label");
  GtkLabel *status_label = router_child (page, "status_label");
  GtkLabel *advice_label = router_child (page, "advice_label");
  g_autoptr(OtasukeRouterTable) fixture_table = NULL;
  const OtasukeRouterResult *result;
  GtkListBoxRow *row;
  const char *picked;

  iterate_until (advisories_are_loaded, fixture->app);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.start", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.next", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lookup)));
  wait_for_frames (GTK_WIDGET (page));

  /* Nothing chosen: "Not sure", no hint yet. */
  g_assert_cmpuint (adw_combo_row_get_selected (vendor_row), ==, 0);
  g_assert_cmpstr (combo_selected_text (vendor_row), ==, C_("router maker", "Not sure"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hint_label)));

  /* Aterm: typed with the brand, the list shows NEC's WG2600 models. */
  gtk_editable_set_text (router_child (page, "model_row"), "aterm wg26");
  g_assert_cmpuint (otasuke_router_lookup_get_n_suggestions (lookup), ==, 6);
  row = suggestion_row (page, "WG2600HS");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "NEC Aterm");
  /* WG2600HP, WG2600HS, then the longer names (WG2600HP2 …): the second. */
  picked = pick_by_keyboard (fixture, page, 1);
  g_assert_cmpstr (picked, ==, "WG2600HS");
  g_assert_cmpstr (gtk_editable_get_text (router_child (page, "model_row")), ==, "WG2600HS");
  g_assert_cmpuint (otasuke_router_lookup_get_n_suggestions (lookup), ==, 0);
  g_assert_cmpstr (combo_selected_text (vendor_row), ==, "NEC Aterm");
  g_assert_true (gtk_widget_is_focus (router_child (page, "firmware_row")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         router_child (page, "firmware_row")));

  /* Where an Aterm shows its model and version, said once. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hint_label)));
  g_assert_cmpstr (gtk_label_get_text (hint_label), ==, otasuke_router_vendor_get_hint ("NEC"));
  g_assert_null (strstr (gtk_label_get_text (advice_label), otasuke_router_vendor_get_hint ("NEC")));
  g_assert_cmpstr (gtk_label_get_text (status_label), ==, _("Firmware version not entered"));

  /* The verdict for its version. */
  gtk_editable_set_text (router_child (page, "firmware_row"), "Ver1.5.1");
  g_assert_cmpstr (gtk_label_get_text (status_label), ==, _("This router is affected by a known problem"));
  g_assert_true (has_label_containing (router_child (page, "advisories_label"), "CVE-2021-20709"));
  /* Each problem's title in the reader's language, its version to reach as it is. */
  {
    const char *title = "NEC Aterm: device information read and settings changed over the network (2026), "
                        "fixed in Ver. 1.7.2";

    g_assert_true (has_label_containing (router_child (page, "advisories_label"),
                                         g_dgettext (GETTEXT_PACKAGE, title)));
    g_assert_true (has_label_containing (router_child (page, "advisories_label"), "Ver. 1.7.2"));
    if (is_japanese ())
      {
        g_assert_false (has_label_containing (router_child (page, "advisories_label"), title));
        g_assert_true (has_label_containing (router_child (page, "advisories_label"),
                                             "NEC Aterm：ネットワーク経由で機器の情報を読まれ"));
      }
  }
  save_png (GTK_WIDGET (fixture->window), "check-router-aterm.png");

  /* Typed the way an input method gives it: saved as the table spells it. */
  gtk_editable_set_text (router_child (page, "model_row"), "ａｔｅｒｍ　ｗｇ２６００ｈｓ");
  result = otasuke_router_lookup_get_result (lookup);
  g_assert_cmpstr (result->vendor, ==, "NEC");
  g_assert_cmpstr (otasuke_check_run_get_router_model (otasuke_check_page_get_run (page)), ==, "WG2600HS");
  iterate_until (check_page_is_saved, page);
  assert_saved_router ("WG2600HS", "Ver1.5.1");

  /* ELECOM chosen first: its models to pick from, its hint at once. */
  gtk_editable_set_text (router_child (page, "model_row"), "");
  gtk_editable_set_text (router_child (page, "firmware_row"), "");
  adw_combo_row_set_selected (vendor_row, combo_position (vendor_row, "ELECOM"));
  g_assert_cmpstr (otasuke_router_lookup_get_vendor (lookup), ==, "ELECOM");
  g_assert_cmpuint (otasuke_router_lookup_get_n_suggestions (lookup), >=, 4);
  g_assert_nonnull (suggestion_row (page, "WRC-1167FS-W"));
  g_assert_null (suggestion_row (page, "WG2600HS"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hint_label)));
  g_assert_cmpstr (gtk_label_get_text (hint_label), ==, otasuke_router_vendor_get_hint ("ELECOM"));
  /* Typing narrows the maker's list. */
  gtk_editable_set_text (router_child (page, "model_row"), "wrc-1167fs");
  g_assert_cmpuint (otasuke_router_lookup_get_n_suggestions (lookup), ==, 2);
  picked = pick_by_keyboard (fixture, page, 0);
  g_assert_cmpstr (picked, ==, "WRC-1167FS-W");
  result = otasuke_router_lookup_get_result (lookup);
  g_assert_cmpint (result->status, ==, OTASUKE_ROUTER_STATUS_END_OF_LIFE);
  g_assert_cmpstr (gtk_label_get_text (status_label), ==, _("This router will not be fixed: replace it"));
  g_assert_true (has_label_containing (GTK_WIDGET (advice_label),
                                       _("The maker has stopped updating this model and will not fix its known problems. Stop using it and replace it with a model that still receives updates.")));
  save_png (GTK_WIDGET (fixture->window), "check-router-elecom.png");
  iterate_until (check_page_is_saved, page);
  /* The table's "-W" is a colour, not kept. */
  assert_saved_router ("WRC-1167FS", NULL);

  /* One name, two makers (a test table): asked which, then the chosen one's verdict. */
  fixture_table = load_router_fixture ();
  otasuke_router_lookup_set_table (lookup, fixture_table);
  adw_combo_row_set_selected (vendor_row, 0);
  gtk_editable_set_text (router_child (page, "firmware_row"), "1.0.3");
  gtk_editable_set_text (router_child (page, "model_row"), "zz-100");
  result = otasuke_router_lookup_get_result (lookup);
  g_assert_true (otasuke_router_result_is_ambiguous (result));
  g_assert_cmpstr (gtk_label_get_text (status_label), ==, _("Which maker made your router?"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hint_label)));
  g_assert_false (gtk_widget_get_visible (router_child (page, "advisories_label")));
  g_assert_cmpuint (otasuke_router_lookup_get_n_suggestions (lookup), ==, 2);
  /* Until it is said which, the run keeps what was typed. */
  g_assert_cmpstr (otasuke_check_run_get_router_model (otasuke_check_page_get_run (page)), ==, "zz-100");
  save_png (GTK_WIDGET (fixture->window), "check-router-which-maker.png");

  /* The table lists NEC first, then ELECOM: the second. */
  picked = pick_by_keyboard (fixture, page, 1);
  g_assert_cmpstr (picked, ==, "ZZ-100");
  g_assert_cmpstr (combo_selected_text (vendor_row), ==, "ELECOM");
  result = otasuke_router_lookup_get_result (lookup);
  g_assert_false (otasuke_router_result_is_ambiguous (result));
  g_assert_cmpstr (result->vendor, ==, "ELECOM");
  g_assert_cmpstr (gtk_label_get_text (status_label), ==, _("This router will not be fixed: replace it"));
  g_assert_cmpstr (gtk_label_get_text (hint_label), ==, otasuke_router_vendor_get_hint ("ELECOM"));
  iterate_until (check_page_is_saved, page);
  /* Saved with its maker, so that it is found again. */
  assert_saved_router ("ELECOM ZZ-100", "1.0.3");
}

static void
test_check_router_picker (void)
{
  reset_with_size (1024, 900);
  install_well_kept_machine ();
  run_in_app (check_router_picker);
}

/* The keyboard alone */

static GtkWidget *
focus_in_page (Fixture          *fixture,
               OtasukeCheckPage *page,
               const char       *where)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  if (focus == NULL)
    g_error ("The keyboard focus is on nothing (%s)", where);
  if (!gtk_widget_is_ancestor (focus, GTK_WIDGET (page)))
    g_error ("The keyboard focus left the check page for a %s (%s)", G_OBJECT_TYPE_NAME (focus), where);
  if (GTK_IS_LABEL (focus))
    g_error ("The keyboard focus is on the text “%s” (%s)", gtk_label_get_text (GTK_LABEL (focus)), where);
  return focus;
}

/* The answer @button stands for, or NONE when it is no answer. */
static OtasukeAnswer
answer_of_button (GtkWidget *button,
                  char     **item_id)
{
  GVariant *target;
  const char *colon;

  if (!GTK_IS_TOGGLE_BUTTON (button) ||
      (target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button))) == NULL)
    return OTASUKE_ANSWER_NONE;
  colon = strrchr (g_variant_get_string (target, NULL), ':');
  g_assert_nonnull (colon);
  if (item_id != NULL)
    *item_id = g_strndup (g_variant_get_string (target, NULL), colon - g_variant_get_string (target, NULL));
  return otasuke_answer_from_string (colon + 1);
}

typedef struct {
  OtasukeCheckPage *page;
  const char       *id;
  OtasukeAnswer     answer;
} AnswerWait;

static gboolean
answer_is_given (gpointer data)
{
  AnswerWait *wait = data;
  gboolean from_suggestion = TRUE;

  return otasuke_check_run_get_answer (otasuke_check_page_get_run (wait->page), wait->id, &from_suggestion) ==
           wait->answer && !from_suggestion;
}

typedef struct {
  OtasukeCheckPage *page;
  guint             section;
} SectionWait;

static gboolean
section_is_left (gpointer data)
{
  SectionWait *wait = data;

  return otasuke_check_page_get_section (wait->page) != wait->section ||
         g_strcmp0 (otasuke_check_page_get_view (wait->page), "results") == 0;
}

/* On a question's one Tab stop: the arrows to the planned answer, Space to choose it. */
static void
answer_by_keyboard (Fixture          *fixture,
                    OtasukeCheckPage *page,
                    const char       *id)
{
  OtasukeAnswer wanted = otasuke_answer_from_string (planned_answer (id));
  AnswerWait wait = { page, id, wanted };
  guint presses = 0;

  g_assert_true (send_key (GTK_WINDOW (fixture->window), GDK_KEY_Home, 0));
  for (;;)
    {
      g_autofree char *on_id = NULL;
      GtkWidget *focus = focus_in_page (fixture, page, id);
      OtasukeAnswer on = answer_of_button (focus, &on_id);

      g_assert_cmpstr (on_id, ==, id);
      if (on == wanted)
        break;
      g_assert_cmpuint (++presses, <, 6);
      g_assert_true (send_key (GTK_WINDOW (fixture->window), GDK_KEY_Right, 0));
    }
  g_assert_true (send_key (GTK_WINDOW (fixture->window), GDK_KEY_space, 0));
  /* A button takes Space after its press animation. */
  iterate_until (answer_is_given, &wait);
  g_assert_true (answer_of_button (focus_in_page (fixture, page, id), NULL) == wanted);
}

static void
check_by_keyboard (Fixture       *fixture,
                   gconstpointer  data)
{
  OtasukeCheckPage *page = show_check_page (fixture);
  g_autoptr(OtasukeChecklist) checklist = load_checklist ();
  guint n_sections = otasuke_checklist_get_n_sections (checklist);
  GtkWidget *next_button = gtk_widget_get_ancestor (check_child (page, "next_label"), GTK_TYPE_BUTTON);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.start", NULL));
  for (guint i = 0; i < n_sections; i++)
    {
      const OtasukeChecklistSection *section = otasuke_checklist_get_section (checklist, i);
      g_autoptr(GPtrArray) items = otasuke_checklist_get_section_items (checklist, section->id);
      g_autoptr(GHashTable) answered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      SectionWait wait = { page, i };
      guint tabs = 0;

      g_assert_cmpuint (otasuke_check_page_get_section (page), ==, i);
      /* Each section starts on its first question. */
      assert_focus_on_first_question (fixture, page);

      /* Tab through the whole section, answering each question on the way,
       * until the focus reaches 次へ with every question answered. */
      for (;;)
        {
          GtkWidget *focus = focus_in_page (fixture, page, section->id);
          g_autofree char *id = NULL;

          if (answer_of_button (focus, &id) != OTASUKE_ANSWER_NONE && !g_hash_table_contains (answered, id))
            {
              answer_by_keyboard (fixture, page, id);
              g_hash_table_add (answered, g_steal_pointer (&id));
              /* The first section goes on with Alt+→ once answered. */
              if (i == 0 && g_hash_table_size (answered) == items->len)
                break;
            }
          else if (focus == next_button && g_hash_table_size (answered) == items->len)
            break;
          g_assert_cmpuint (++tabs, <, 200);
          g_assert_true (send_key (GTK_WINDOW (fixture->window), GDK_KEY_Tab, 0));
        }
      g_test_message ("%s: %u questions answered, %u Tab presses", section->id, items->len, tabs);
      if (i == 0)
        g_assert_true (send_key (GTK_WINDOW (fixture->window), GDK_KEY_Right, GDK_ALT_MASK));
      else
        g_assert_true (send_key (GTK_WINDOW (fixture->window), GDK_KEY_space, 0));
      iterate_until (section_is_left, &wait);
      focus_in_page (fixture, page, "after the section");
    }

  /* The results, and the keyboard is on them. */
  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "results");
  g_assert_true (gtk_widget_is_ancestor (focus_in_page (fixture, page, "results"), check_child (page, "results")));
  g_assert_cmpstr (gtk_label_get_text (results_child (page, "score_label")), ==, G_STRINGIFY (PLANNED_SCORE));
  /* Tab goes on through the results' controls, never onto nothing. */
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (send_key (GTK_WINDOW (fixture->window), GDK_KEY_Tab, 0));
      focus_in_page (fixture, page, "results");
    }
  save_png (GTK_WIDGET (fixture->window), "check-keyboard-results.png");
}

static void
test_check_keyboard (void)
{
  reset_with_size (1024, 700);
  install_well_kept_machine ();
  run_in_app (check_by_keyboard);
}

static void
test_check_complete_run (void)
{
  reset_with_size (1024, 700);
  install_well_kept_machine ();
  run_in_app (test_check_complete);
}

int
main (int   argc,
      char *argv[])
{
  window_harness_init (&argc, &argv, "CheckPage");

  g_test_add_func ("/window/check/complete", test_check_complete_run);
  g_test_add_func ("/window/check/new-browser", test_check_new_browser);
  g_test_add_func ("/window/check/resume", test_check_resume);
  g_test_add_func ("/window/check/narrow", test_check_narrow);
  g_test_add_func ("/window/check/router-picker", test_check_router_picker);
  g_test_add_func ("/window/check/keyboard", test_check_keyboard);

  return window_harness_run ();
}
