/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "otasuke-check-item.h"
#include "otasuke-check-page.h"
#include "otasuke-check-results.h"
#include "otasuke-overview-page.h"
#include "otasuke-preferences-window.h"
#include "window-harness.h"

/* Plain words and honest progress (issue #11): the glossary beside the
 * questions, technical detail behind 「詳しい情報」, what to fix first as
 * tasks and the same on Home and the results, suggestions that stay
 * suggestions until accepted, and the questions left open listed. */

static gboolean
check_page_is_saved (gpointer data)
{
  return !otasuke_check_page_get_unsaved (data);
}

static gboolean
overview_is_loaded (gpointer data)
{
  return otasuke_overview_page_get_loaded (data);
}

static OtasukeChecklist *
load_checklist (void)
{
  g_autoptr(GError) error = NULL;
  OtasukeChecklist *checklist = otasuke_checklist_new_from_resource (&error);

  g_assert_no_error (error);
  return checklist;
}

/* Chromium current, an old Google Chrome (the probes suggest "not done" for
 * the browsers) and a firewall. */
static void
install_machine (void)
{
  probe_root_write ("var/lib/dpkg/status",
                    "Package: chromium\nStatus: install ok installed\nVersion: 156.0.8078.108-1~deb12u1\n\n"
                    "Package: google-chrome-stable\nStatus: install ok installed\nVersion: 127.0.6533.88-1\n\n"
                    "Package: ufw\nStatus: install ok installed\nVersion: 0.36.2-1\n");
  probe_root_write ("etc/ufw/ufw.conf", "ENABLED=yes\n");
}

static OtasukeCheckPage *
start_check (Fixture *fixture)
{
  OtasukeCheckPage *page = find_check_page (fixture->window);

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "check"));
  iterate_until (check_page_is_loaded, page);
  wait_for_probe (fixture->app, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.start", NULL));
  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "wizard");
  return page;
}

static OtasukeCheckItem *
find_item_widget (OtasukeCheckPage *page,
                  const char       *id)
{
  GtkWidget *box = check_child (page, "items_box");

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (OTASUKE_IS_CHECK_ITEM (child) && g_str_equal (otasuke_check_item_get_item (OTASUKE_CHECK_ITEM (child))->id, id))
      return OTASUKE_CHECK_ITEM (child);
  return NULL;
}

static void
give_answer (OtasukeCheckPage *page,
             const char       *id,
             const char       *answer)
{
  g_autofree char *target = g_strdup_printf ("%s:%s", id, answer);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.answer", "s", target));
}

/* The titles of the rows under @root, in order. */
static void
collect_row_titles (GtkWidget *root,
                    GPtrArray *titles)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_ROW (child) && gtk_widget_get_visible (child))
        {
          g_ptr_array_add (titles, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child))));
          continue;
        }
      collect_row_titles (child, titles);
    }
}

static GtkWidget *
find_row_titled (GtkWidget  *root,
                 const char *title)
{
  if ((ADW_IS_ACTION_ROW (root) || ADW_IS_EXPANDER_ROW (root)) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
popover_is_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* 「用語の説明」 beside the router question opens the words in plain sentences, wrapped. */
static void
check_glossary (Fixture       *fixture,
                gconstpointer  data)
{
  OtasukeCheckPage *page = start_check (fixture);
  g_autoptr(OtasukeChecklist) checklist = load_checklist ();
  const OtasukeGlossaryTerm *firmware = otasuke_checklist_lookup_term (checklist, "firmware");
  OtasukeCheckItem *item;
  GtkWidget *button;
  GtkPopover *popover;
  GtkLabel *label;

  g_assert_nonnull (firmware);
  /* The words of the first section: the browsers question needs none. */
  g_assert_false (gtk_widget_get_visible (otasuke_check_item_get_terms_button (find_item_widget (page, "seed-browsers"))));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.next", NULL));
  item = find_item_widget (page, "seed-router-firmware");
  g_assert_nonnull (item);
  button = otasuke_check_item_get_terms_button (item);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, C_("glossary", "Terms explained"));

  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  /* The question near the top, as a reader who scrolled to it has it. */
  {
    GtkScrolledWindow *scroller = check_child (page, "wizard_scroller");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
    graphene_point_t point;

    wait_for_frames (GTK_WIDGET (page));
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (item), GTK_WIDGET (scroller), &GRAPHENE_POINT_INIT (0, 0), &point));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 12);
    wait_for_frames (GTK_WIDGET (page));
  }
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  iterate_until (popover_is_shown, popover);
  wait_for_frames (GTK_WIDGET (fixture->window));

  g_assert_true (has_label (GTK_WIDGET (popover), firmware->name));
  label = find_label_containing (GTK_WIDGET (popover), firmware->explanation);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  /* Wrapped at a reading width, so nothing is cut off at the window's edge. */
  g_assert_true (gtk_label_get_wrap (label));
  g_assert_cmpint (gtk_label_get_max_width_chars (label), >, 0);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (popover)), <, gtk_widget_get_width (GTK_WIDGET (fixture->window)));
  {
    int natural = 0;

    gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (GTK_WIDGET (label)),
                        NULL, &natural, NULL, NULL);
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (label)), >=, natural);
  }
  /* With room below the question, every word shows whole: nothing to scroll, nothing cut off. */
  {
    GtkScrolledWindow *terms = GTK_SCROLLED_WINDOW (gtk_popover_get_child (popover));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (terms);

    g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, gtk_adjustment_get_page_size (adjustment) + 1);
  }
  /* The router question explains the other words it uses too. */
  g_assert_true (has_label (GTK_WIDGET (popover), otasuke_checklist_lookup_term (checklist, "router-admin")->name));
  g_assert_true (has_label (GTK_WIDGET (popover), otasuke_checklist_lookup_term (checklist, "bot")->name));
  if (is_japanese ())
    assert_no_english (GTK_WIDGET (popover), (const char * const[]) { "JVN", "JPCERT/CC", "IPA", "JVNVU", "Windows", NULL });
  save_png (GTK_WIDGET (fixture->window), "check-glossary.png");
  save_png (GTK_WIDGET (popover), "check-glossary-popover.png");
  gtk_popover_popdown (popover);
}

static void
test_glossary (void)
{
  reset_with_size (1024, 768);
  install_machine ();
  run_in_app (check_glossary);
}

static void
scroll_to_end (OtasukeOverviewPage *overview)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (overview),
                                                                                  OTASUKE_TYPE_OVERVIEW_PAGE,
                                                                                  "scroller"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  wait_for_frames (GTK_WIDGET (overview));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/* Home: the history file's path and the system's code name are behind 「詳しい情報」. */
static void
check_details (Fixture       *fixture,
               gconstpointer  data)
{
  OtasukeOverviewPage *overview = find_overview (fixture->window);
  GtkExpander *expander = GTK_EXPANDER (gtk_widget_get_template_child (GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE,
                                                                       "details_expander"));
  GtkWidget *store_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE,
                                                                    "store_row"));
  GtkWidget *version_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE,
                                                                      "version_row"));
  g_autofree char *db_path = otasuke_store_default_path ();
  g_autofree char *db_display = g_filename_display_name (db_path);

  g_assert_nonnull (expander);
  wait_for_probe (fixture->app, 1);
  iterate_until (overview_is_loaded, overview);
  wait_for_frames (GTK_WIDGET (fixture->window));

  /* The path is known, and not on the page. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (store_row)), ==, db_display);
  g_assert_false (gtk_expander_get_expanded (expander));
  g_assert_false (gtk_widget_get_mapped (store_row));
  g_assert_false (gtk_widget_get_mapped (version_row));
  {
    GtkLabel *path_label = find_label_containing (GTK_WIDGET (overview), db_display);

    g_assert_true (path_label == NULL || !gtk_widget_get_mapped (GTK_WIDGET (path_label)));
  }
  g_assert_cmpstr (gtk_expander_get_label (expander), ==, C_("details", "More details"));
  scroll_to_end (overview);
  save_png (GTK_WIDGET (fixture->window), "overview-details-closed.png");

  gtk_expander_set_expanded (expander, TRUE);
  wait_for_frames (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_get_mapped (store_row));
  scroll_to_end (overview);
  save_png (GTK_WIDGET (fixture->window), "overview-details-open.png");
}

static void
test_details (void)
{
  reset_with_size (1024, 700);
  run_in_app (check_details);
}

/* Preferences: the feed's address is behind 「詳しい情報」 too. */
static void
check_preferences_details (Fixture       *fixture,
                           gconstpointer  data)
{
  GSettings *settings = otasuke_application_get_settings (fixture->app);
  OtasukePreferencesWindow *prefs = otasuke_preferences_window_new (settings);
  GtkWidget *details = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), OTASUKE_TYPE_PREFERENCES_WINDOW,
                                                                  "feed_details_row"));
  GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), OTASUKE_TYPE_PREFERENCES_WINDOW,
                                                                "feed_url_row"));

  g_assert_nonnull (details);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (prefs));
  wait_for_frames (GTK_WIDGET (prefs));
  g_assert_false (gtk_widget_get_mapped (entry));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (details)), ==, C_("details", "More details"));
  save_png (GTK_WIDGET (prefs), "preferences-details-closed.png");

  /* An invalid address typed and the window closed: the row opens to show why. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "http://example.jp/feed.json");
  gtk_window_close (GTK_WINDOW (prefs));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (prefs)));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (details)));
  wait_for_frames (GTK_WIDGET (prefs));
  g_assert_true (gtk_widget_get_mapped (entry));
  {
    g_autofree char *saved = g_settings_get_string (settings, "feed-url");

    gtk_editable_set_text (GTK_EDITABLE (entry), saved);
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_preferences_details (void)
{
  reset_with_size (1024, 700);
  run_in_app (check_preferences_details);
}

/* Through every section to the results, answering what @answer_for says (NULL: nothing). */
static void
walk_check (OtasukeCheckPage  *page,
            OtasukeChecklist  *checklist,
            const char      *(*answer_for) (const char *id))
{
  for (guint s = 0; s < otasuke_checklist_get_n_sections (checklist); s++)
    {
      g_autoptr(GPtrArray) items = otasuke_checklist_get_section_items (checklist,
                                                                        otasuke_checklist_get_section (checklist, s)->id);

      for (guint i = 0; i < items->len; i++)
        {
          const OtasukeChecklistItem *item = g_ptr_array_index (items, i);
          const char *answer = answer_for (item->id);

          if (answer != NULL)
            give_answer (page, item->id, answer);
        }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.next", NULL));
    }
}

static const char *
all_but_three (const char *id)
{
  if (g_str_equal (id, "ipa-05") || g_str_equal (id, "ipa-24") || g_str_equal (id, "seed-browsers"))
    return NULL;
  return "done";
}

static const char *
planned_answer (const char *id)
{
  /* The browsers are left to the probes' suggestion ("not done"). */
  if (g_str_equal (id, "seed-browsers"))
    return NULL;
  if (g_str_equal (id, "ipa-01") || g_str_equal (id, "ipa-17"))
    return "not-done";
  if (g_str_equal (id, "ipa-03"))
    return "partly";
  if (g_str_equal (id, "ipa-20"))
    return "dont-know";
  if (g_str_equal (id, "seed-router-firmware") || g_str_equal (id, "seed-router-password") ||
      g_str_equal (id, "ipa-09") || g_str_equal (id, "seed-website") ||
      g_str_equal (id, "seed-mail-domain") || g_str_equal (id, "seed-domains"))
    return "not-applicable";
  return "done";
}

/* Home and the results list the same fixes, in the same order, as tasks. */
static void
check_fix_first (Fixture       *fixture,
                 gconstpointer  data)
{
  OtasukeCheckPage *page = start_check (fixture);
  g_autoptr(OtasukeChecklist) checklist = load_checklist ();
  g_autoptr(GPtrArray) results_titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) home_titles = g_ptr_array_new_with_free_func (g_free);
  OtasukeOverviewPage *overview = find_overview (fixture->window);
  GtkWidget *home_group = NULL;

  walk_check (page, checklist, planned_answer);
  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "results");
  iterate_until (check_page_is_saved, page);

  collect_row_titles (results_child (page, "fix_group"), results_titles);
  /* The old browser the probes found comes first (evidence), then the
   * user's own "not done", "partly" and "don't know"; each read as a task. */
  g_assert_cmpuint (results_titles->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (results_titles, 0), ==, otasuke_checklist_lookup (checklist, "seed-browsers")->task);
  g_assert_cmpstr (g_ptr_array_index (results_titles, 1), ==, otasuke_checklist_lookup (checklist, "ipa-01")->task);
  g_assert_cmpstr (g_ptr_array_index (results_titles, 2), ==, otasuke_checklist_lookup (checklist, "ipa-17")->task);
  g_assert_cmpstr (g_ptr_array_index (results_titles, 3), ==, otasuke_checklist_lookup (checklist, "ipa-03")->task);
  g_assert_cmpstr (g_ptr_array_index (results_titles, 4), ==, otasuke_checklist_lookup (checklist, "ipa-20")->task);
  g_assert_cmpstr (otasuke_checklist_lookup (checklist, "ipa-01")->task, !=,
                   otasuke_checklist_lookup (checklist, "ipa-01")->question);
  /* The probes' finding is called a suggestion, not the user's answer. */
  {
    GtkWidget *row = find_row_titled (results_child (page, "fix_group"),
                                      otasuke_checklist_lookup (checklist, "seed-browsers")->task);
    g_autofree char *suggested = g_strdup_printf (_("Suggested answer: %s"),
                                                  otasuke_answer_get_label (OTASUKE_ANSWER_NOT_DONE));

    g_assert_nonnull (row);
    g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, suggested);
  }
  save_png (GTK_WIDGET (fixture->window), "check-results-tasks.png");

  /* Home, read back from the history file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "overview"));
  iterate_until (overview_is_loaded, overview);
  wait_for_frames (GTK_WIDGET (fixture->window));
  {
    GtkWidget *box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (overview), OTASUKE_TYPE_OVERVIEW_PAGE,
                                                                "attention_box"));

    for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (ADW_IS_PREFERENCES_GROUP (child) &&
          g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (child)), _("What to Fix First")) == 0)
        home_group = child;
  }
  g_assert_nonnull (home_group);
  collect_row_titles (home_group, home_titles);
  g_assert_cmpuint (home_titles->len, ==, results_titles->len);
  for (guint i = 0; i < home_titles->len; i++)
    g_assert_cmpstr (g_ptr_array_index (home_titles, i), ==, g_ptr_array_index (results_titles, i));
  save_png (GTK_WIDGET (fixture->window), "overview-fix-first.png");
}

static void
test_fix_first (void)
{
  reset_with_size (1024, 900);
  install_machine ();
  run_in_app (check_fix_first);
}

static guint
n_from_suggestion (OtasukeCheckRun  *run,
                   OtasukeChecklist *checklist)
{
  guint n = 0;

  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    {
      gboolean from_suggestion = FALSE;

      if (otasuke_check_run_get_answer (run, otasuke_checklist_get_item (checklist, i)->id, &from_suggestion) !=
          OTASUKE_ANSWER_NONE && from_suggestion)
        n++;
    }
  return n;
}

/* Suggestions stay suggestions until one action takes them all; it can be undone. */
static void
check_accept_all (Fixture       *fixture,
                  gconstpointer  data)
{
  OtasukeCheckPage *page = start_check (fixture);
  g_autoptr(OtasukeChecklist) checklist = load_checklist ();
  OtasukeCheckRun *run = otasuke_check_page_get_run (page);
  GtkWidget *accept = check_child (page, "accept_button");
  g_autofree char *none = g_strdup_printf (_("%u of %u answered"), 0, otasuke_checklist_get_n_items (checklist));
  g_autofree char *after = NULL;
  gboolean from_suggestion = FALSE;
  guint n_open;

  /* The first section shows suggestions: outlined, not counted. */
  g_assert_cmpint (otasuke_check_run_get_answer (run, "seed-browsers", &from_suggestion), ==, OTASUKE_ANSWER_NOT_DONE);
  g_assert_true (from_suggestion);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_item_widget (page, "seed-browsers")), "suggested"));
  g_assert_cmpstr (gtk_label_get_text (check_child (page, "answered_label")), ==, none);
  g_assert_true (gtk_widget_get_visible (accept));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (accept)), ==, _("Accept All Suggestions"));
  n_open = otasuke_check_page_count_open_suggestions (page);
  g_assert_cmpuint (n_open, >=, 2);
  save_png (GTK_WIDGET (fixture->window), "check-suggestions.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.accept-suggestions", NULL));
  /* Every suggestion, in this section and the others, is now the user's answer. */
  g_assert_cmpuint (n_from_suggestion (run, checklist), ==, 0);
  g_assert_cmpuint (otasuke_check_page_count_open_suggestions (page), ==, 0);
  g_assert_cmpint (otasuke_check_run_get_answer (run, "seed-browsers", &from_suggestion), ==, OTASUKE_ANSWER_NOT_DONE);
  g_assert_false (from_suggestion);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (find_item_widget (page, "seed-browsers")), "suggested"));
  after = g_strdup_printf (_("%u of %u answered"), n_open, otasuke_checklist_get_n_items (checklist));
  g_assert_cmpstr (gtk_label_get_text (check_child (page, "answered_label")), ==, after);
  g_assert_false (gtk_widget_get_visible (accept));
  wait_for_frames (GTK_WIDGET (fixture->window));
  save_png (GTK_WIDGET (fixture->window), "check-suggestions-accepted.png");

  /* The toast's 元に戻す puts them back as suggestions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.undo-accept", NULL));
  g_assert_cmpint (otasuke_check_run_get_answer (run, "seed-browsers", &from_suggestion), ==, OTASUKE_ANSWER_NOT_DONE);
  g_assert_true (from_suggestion);
  g_assert_cmpstr (gtk_label_get_text (check_child (page, "answered_label")), ==, none);
  g_assert_true (gtk_widget_get_visible (accept));
}

static void
test_accept_all (void)
{
  reset_with_size (1024, 700);
  install_machine ();
  run_in_app (check_accept_all);
}

/* The questions left open are listed before the score, each one click from its place. */
static void
check_skipped (Fixture       *fixture,
               gconstpointer  data)
{
  OtasukeCheckPage *page = start_check (fixture);
  g_autoptr(OtasukeChecklist) checklist = load_checklist ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  AdwPreferencesGroup *skipped;
  const OtasukeChecklistItem *target = otasuke_checklist_lookup (checklist, "ipa-24");
  GtkWidget *row = NULL;

  /* Answer every question but three. */
  walk_check (page, checklist, all_but_three);
  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "results");

  skipped = results_child (page, "skipped_group");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (skipped)));
  collect_row_titles (GTK_WIDGET (skipped), titles);
  g_assert_cmpuint (titles->len, ==, 3);
  /* In the wizard's order; the browsers' answer is only a suggestion so far. */
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, otasuke_checklist_lookup (checklist, "seed-browsers")->question);
  g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, otasuke_checklist_lookup (checklist, "ipa-05")->question);
  g_assert_cmpstr (g_ptr_array_index (titles, 2), ==, target->question);
  /* Above the score. */
  {
    graphene_point_t skipped_at, score_at;

    wait_for_frames (GTK_WIDGET (fixture->window));
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (skipped), check_child (page, "results"),
                                             &GRAPHENE_POINT_INIT (0, 0), &skipped_at));
    g_assert_true (gtk_widget_compute_point (results_child (page, "score_label"), check_child (page, "results"),
                                             &GRAPHENE_POINT_INIT (0, 0), &score_at));
    g_assert_cmpfloat (skipped_at.y, <, score_at.y);
  }
  if (is_japanese ())
    assert_no_english (GTK_WIDGET (skipped), (const char * const[]) { "Chrome", "Edge", "Firefox", NULL });
  save_png (GTK_WIDGET (fixture->window), "check-results-skipped.png");

  /* Choosing one goes back to that question, focus on its answers. */
  row = find_row_titled (GTK_WIDGET (skipped), target->question);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "wizard");
  g_assert_cmpstr (otasuke_checklist_get_section (checklist, otasuke_check_page_get_section (page))->id, ==,
                   target->section);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (find_item_widget (page, target->id))));
  }
}

static void
test_skipped (void)
{
  reset_with_size (1024, 800);
  run_in_app (check_skipped);
}

int
main (int   argc,
      char *argv[])
{
  window_harness_init (&argc, &argv, "CheckWords");

  g_test_add_func ("/window/words/glossary", test_glossary);
  g_test_add_func ("/window/words/details", test_details);
  g_test_add_func ("/window/words/preferences-details", test_preferences_details);
  g_test_add_func ("/window/words/fix-first", test_fix_first);
  g_test_add_func ("/window/words/accept-all", test_accept_all);
  g_test_add_func ("/window/words/skipped", test_skipped);

  return window_harness_run ();
}
