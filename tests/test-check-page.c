/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

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

static OtasukeCheckPage *
find_check_page (OtasukeWindow *window)
{
  return OTASUKE_CHECK_PAGE (find_by_type (GTK_WIDGET (window), OTASUKE_TYPE_CHECK_PAGE));
}

static gpointer
check_child (OtasukeCheckPage *page,
             const char       *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), OTASUKE_TYPE_CHECK_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static gpointer
results_child (OtasukeCheckPage *page,
               const char       *name)
{
  GObject *child = gtk_widget_get_template_child (check_child (page, "results"),
                                                  OTASUKE_TYPE_CHECK_RESULTS, name);

  g_assert_nonnull (child);
  return child;
}

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
check_page_is_loaded (gpointer data)
{
  return otasuke_check_page_get_loaded (data);
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

  return window_harness_run ();
}
