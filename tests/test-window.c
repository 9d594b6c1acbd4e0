/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"
#define _GNU_SOURCE  /* unshare() */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "otasuke-advisories-page.h"
#include "otasuke-autostart.h"
#include "otasuke-overview-page.h"
#include "otasuke-preferences-window.h"
#include "otasuke-welcome.h"
#include "window-harness.h"

/* The window itself: pages, shortcuts, the Overview, preferences and About. */

static const char * const pages[] = { "overview", "check", "advisories", "history", "sheet" };

static GtkWidget *
overview_row (OtasukeOverviewPage *overview,
              const char          *name)
{
  GtkWidget *row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (overview),
                                                              OTASUKE_TYPE_OVERVIEW_PAGE, name));

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return row;
}

/* The summary arrives from a worker thread; "Looking…" is shown until then. */
static gboolean
row_is_filled (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (data));

  return subtitle != NULL && g_strcmp0 (subtitle, _("Looking…")) != 0;
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *stack = find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK);
  static const char * const japanese_titles[] = { "ホーム", "チェック", "お知らせ", "履歴", "相談シート" };
  static const char * const english_titles[] = { "Overview", "Check", "Advisories", "History", "Consultation Sheet" };

  g_assert_nonnull (stack);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *png = g_strdup_printf ("page-%u-%s.png", i + 1, pages[i]);
      GtkWidget *child;
      AdwViewStackPage *page;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", pages[i]));
      g_assert_cmpstr (otasuke_window_get_visible_page (fixture->window), ==, pages[i]);

      child = adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack));
      g_assert_true (gtk_widget_get_mapped (child));
      page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), child);
      /* The user reads the page titles in their language. */
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==,
                       is_japanese () ? japanese_titles[i] : english_titles[i]);

      if (ADW_IS_STATUS_PAGE (child))
        {
          /* Pages still to come say what will appear there. */
          g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (child)));
          g_assert_cmpint (strlen (adw_status_page_get_description (ADW_STATUS_PAGE (child))), >, 40);
        }

      /* Alt+letter reaches one control per view. */
      assert_unique_mnemonics (GTK_WIDGET (fixture->window), pages[i]);
      /* Tab stops on controls, not on text. */
      assert_no_focusable_text (GTK_WIDGET (fixture->window), pages[i]);
      save_png (GTK_WIDGET (fixture->window), png);
    }

  /* The main menu's words fit in it. */
  {
    GtkMenuButton *menu = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                          OTASUKE_TYPE_WINDOW,
                                                                          "primary_menu_button"));

    gtk_menu_button_popup (menu);
    save_png (GTK_WIDGET (gtk_menu_button_get_popover (menu)), "main-menu.png");
    assert_popover_fits (gtk_menu_button_get_popover (menu));
    gtk_popover_popdown (gtk_menu_button_get_popover (menu));
  }
}

/* "<Control>r" and "<Primary>R" are one key. */
static void
add_accel (GHashTable *set,
           const char *accel,
           const char *where)
{
  guint keyval = 0;
  GdkModifierType modifiers = 0;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &modifiers));
  if (keyval == 0)
    g_error ("“%s” (%s) is no key", accel, where);
  g_hash_table_add (set, gtk_accelerator_name (keyval, modifiers));
}

static void
add_trigger (GHashTable         *set,
             GtkShortcutTrigger *trigger,
             const char         *where)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    g_hash_table_add (set, gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                                 gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_trigger (set, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), where);
      add_trigger (set, gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), where);
    }
  else
    g_error ("A shortcut of %s has a trigger the test does not know", where);
}

/* The key bindings of Otasuke's own widgets (gtk_widget_class_add_binding_action)
 * and any shortcut controller they add: GTK's own widgets' bindings (Tab,
 * Ctrl+A in an entry) are not ours to list. */
static void
collect_widget_shortcuts (GtkWidget  *widget,
                          GHashTable *set)
{
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Otasuke"))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

              /* The application's accelerators are listed from the application. */
              if (GTK_IS_NAMED_ACTION (gtk_shortcut_get_action (shortcut)) &&
                  g_strcmp0 (gtk_event_controller_get_name (controller), "gtk-application-shortcuts") != 0)
                add_trigger (set, gtk_shortcut_get_trigger (shortcut), G_OBJECT_TYPE_NAME (widget));
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widget_shortcuts (child, set);
}

static void
collect_shown_shortcuts (GtkWidget  *widget,
                         GHashTable *set)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;
      g_autofree char *action = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (widget, "accelerator", &accelerator, "title", &title, "action-name", &action, NULL);
      if (accelerator == NULL || accelerator[0] == '\0')
        g_error ("“%s” (%s) shows no key in the shortcuts window", title, action != NULL ? action : "no action");
      accels = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        if (accels[i][0] != '\0')
          add_accel (set, accels[i], title);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown_shortcuts (child, set);
}

static char *
describe_set (GHashTable *set)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (set, NULL);

  return g_strjoinv (" ", (char **) keys);
}

static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *action = g_strdup_printf ("win.page::%s", pages[i]);
      g_autofree char *expected = g_strdup_printf ("<Alt>%u", i + 1);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), action);

      g_assert_nonnull (accels);
      g_assert_cmpstr (accels[0], ==, expected);
    }

  /* The keyboard shortcuts window opens from the main menu's action. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *shortcuts = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.show-shortcuts", NULL));
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (GTK_IS_SHORTCUTS_WINDOW (window))
          shortcuts = window;
      }
    g_assert_nonnull (shortcuts);
    g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (fixture->window));
    save_png (GTK_WIDGET (shortcuts), "shortcuts.png");

    /* Every key the program answers to is in it, and nothing else. */
    {
      g_autoptr(GHashTable) bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (fixture->app));
      GHashTableIter iter;
      const char *accel;

      for (guint i = 0; actions[i] != NULL; i++)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), actions[i]);

          for (guint j = 0; accels[j] != NULL; j++)
            add_accel (bound, accels[j], actions[i]);
        }
      /* Every page built, so each one's own bindings are there to be found. */
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", pages[i]));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "action"));
      collect_widget_shortcuts (GTK_WIDGET (fixture->window), bound);
      g_assert_true (g_hash_table_contains (bound, "<Alt>Right"));
      collect_shown_shortcuts (GTK_WIDGET (shortcuts), shown);

      g_hash_table_iter_init (&iter, bound);
      while (g_hash_table_iter_next (&iter, (gpointer *) &accel, NULL))
        if (!g_hash_table_contains (shown, accel))
          {
            g_autofree char *listed = describe_set (shown);

            g_error ("%s is a shortcut but not in the shortcuts window (%s)", accel, listed);
          }
      g_hash_table_iter_init (&iter, shown);
      while (g_hash_table_iter_next (&iter, (gpointer *) &accel, NULL))
        if (!g_hash_table_contains (bound, accel))
          g_error ("The shortcuts window shows %s, which does nothing", accel);
    }
    gtk_window_destroy (shortcuts);
  }
}

static void
test_overview_shows_this_machine (Fixture       *fixture,
                                  gconstpointer  data)
{
  OtasukeOverviewPage *overview = find_overview (fixture->window);
  const OtasukeOsInfo *info = otasuke_application_get_os_info (fixture->app);
  OtasukeStore *store = otasuke_application_get_store (fixture->app);
  g_autofree char *db_path = otasuke_store_default_path ();
  GtkWidget *row;
  struct stat st;

  g_assert_nonnull (overview);
  g_assert_nonnull (info);
  g_assert_nonnull (store);
  g_assert_null (otasuke_overview_page_get_problem (overview));

  /* The database exists, private to the user. */
  g_assert_cmpint (g_stat (db_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  row = overview_row (overview, "os_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, info->name);
  row = overview_row (overview, "last_check_row");
  iterate_until (row_is_filled, row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   is_japanese () ? "まだありません" : "Never");
  row = overview_row (overview, "last_feed_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   is_japanese () ? "まだありません" : "Never");
  row = overview_row (overview, "store_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, db_path);

  /* The system rows follow the probes: upgraded while the program runs,
   * the next look (here the one after waking from sleep) shows it. */
  wait_for_probe (fixture->app, 1);
  row = overview_row (overview, "version_row");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "12 (bookworm)"));
  probe_root_write ("etc/os-release",
                    "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"13\"\nVERSION=\"13 (trixie)\"\nID=debian\n");
  otasuke_probe_service_refresh (otasuke_application_get_probe_service (fixture->app), OTASUKE_PROBE_REASON_RESUME);
  wait_for_probe (fixture->app, 2);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "13 (trixie)"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (overview_row (overview, "os_row"))), ==,
                   "Debian GNU/Linux");
}

/* The last check was finished at a fixed moment long past, so what the row says
 * does not depend on when the test runs: "Today"/"Yesterday" is otasuke_time_format()'s
 * business (test-time.c, with its clock given), and a moment computed from the
 * clock here would cross midnight now and then before the page reads it. */
static GDateTime *
last_check_finished (void)
{
  return g_date_time_new_local (2025, 11, 20, 14, 35, 0);
}

static void
check_last_check (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *row = overview_row (find_overview (fixture->window), "last_check_row");

  iterate_until (row_is_filled, row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   is_japanese () ? "2025年11月20日 14:35 — 72 点（100点満点）"
                                  : "20 November 2025 at 14:35 — score 72 of 100");
}

/* A clean slate with one check, finished at last_check_finished(). */
static void
save_last_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GDateTime) finished = last_check_finished ();

  reset_user_state ();
  db_path = otasuke_store_default_path ();
  store = otasuke_store_open (db_path, &error);
  g_assert_no_error (error);
  otasuke_store_add_check_run (store, g_date_time_to_unix (finished) - 540,
                               g_date_time_to_unix (finished), 72, "test-1", &error);
  g_assert_no_error (error);
}

static void
test_overview_shows_last_check (void)
{
  save_last_check ();
  run_in_app (check_last_check);
}

static void
check_recovered_database (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *problem = otasuke_overview_page_get_problem (find_overview (fixture->window));

  g_assert_nonnull (problem);
  g_test_message ("problem: %s", problem);
  /* The user is told where the old file went. */
  g_assert_nonnull (strstr (problem, "otasuke.db.corrupt-"));
  g_assert_nonnull (otasuke_application_get_store (fixture->app));
  save_png (GTK_WIDGET (fixture->window), "overview-recovered.png");
}

static void
test_overview_reports_recovered_database (void)
{
  g_autofree char *db_path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  char garbage[8192];

  reset_user_state ();
  db_path = otasuke_store_default_path ();
  dir = g_path_get_dirname (db_path);
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (db_path, garbage, sizeof garbage, &error);
  g_assert_no_error (error);

  run_in_app (check_recovered_database);
}

static void
check_read_only_history (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeOverviewPage *overview = find_overview (fixture->window);
  const char *problem = otasuke_overview_page_get_problem (overview);
  g_autofree char *db_path = otasuke_store_default_path ();
  g_autofree char *folder = g_path_get_dirname (db_path);
  g_autofree char *display = g_filename_display_name (folder);

  g_assert_nonnull (otasuke_application_get_store (fixture->app));
  g_assert_nonnull (problem);
  g_test_message ("problem: %s", problem);
  /* Home says that nothing will be saved, and which folder to change. */
  g_assert_nonnull (strstr (problem, display));
  g_assert_nonnull (strstr (problem, is_japanese () ? "これから行う操作は何も保存されません"
                                                    : "nothing you do now will be saved"));
  /* What was saved before is still shown. */
  check_last_check (fixture, data);
  save_png (GTK_WIDGET (fixture->window), "overview-read-only.png");
}

/* Set for a child that gets a mount namespace of its own (see main()). */
#define OWN_MOUNTS "OTASUKE_TEST_OWN_MOUNTS"

/* Issue #10: a history in a folder that cannot be written is shown, and
 * Home says nothing will be saved. Root ignores permission bits, so as root
 * the folder is made read-only the way a read-only disk is: a read-only bind
 * mount, in a mount namespace of this child's own. */
static void
test_overview_reports_read_only_history (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *db_path = otasuke_store_default_path ();
      g_autofree char *folder = g_path_get_dirname (db_path);

      save_last_check ();

      if (geteuid () == 0)
        {
          /* main() gave this child a mount namespace before any thread started. */
          g_assert_nonnull (g_getenv (OWN_MOUNTS));
          g_assert_no_errno (mount (folder, folder, NULL, MS_BIND, NULL));
          g_assert_no_errno (mount (NULL, folder, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL));
        }
      else
        g_assert_no_errno (g_chmod (folder, 0500));
      g_assert_cmpint (g_access (folder, W_OK), !=, 0);

      run_in_app (check_read_only_history);

      if (geteuid () == 0)
        g_assert_no_errno (umount2 (folder, 0));
      else
        g_assert_no_errno (g_chmod (folder, 0700));
      return;
    }

  g_setenv (OWN_MOUNTS, "1", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv (OWN_MOUNTS);
  g_test_trap_assert_passed ();
}

static void
check_unusable_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *problem = otasuke_overview_page_get_problem (find_overview (fixture->window));
  OtasukeAdvisoriesPage *advisories;
  GObject *main_stack;

  g_assert_null (otasuke_application_get_store (fixture->app));
  g_assert_nonnull (otasuke_application_get_store_error (fixture->app));
  g_assert_nonnull (problem);
  g_test_message ("problem: %s", problem);
  save_png (GTK_WIDGET (fixture->window), "overview-unusable-folder.png");

  /* Without the history file there are no advisories, and the page says why. */
  g_assert_null (otasuke_application_get_advisories (fixture->app));
  advisories = OTASUKE_ADVISORIES_PAGE (find_by_type (GTK_WIDGET (fixture->window), OTASUKE_TYPE_ADVISORIES_PAGE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "advisories"));
  main_stack = gtk_widget_get_template_child (GTK_WIDGET (advisories), OTASUKE_TYPE_ADVISORIES_PAGE, "main_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (main_stack)), ==, "unavailable");
  save_png (GTK_WIDGET (fixture->window), "advisories-unavailable.png");
}

static void
test_overview_reports_unusable_folder (void)
{
  g_autofree char *db_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *parent = NULL;
  g_autoptr(GError) error = NULL;

  reset_user_state ();
  db_path = otasuke_store_default_path ();
  dir = g_path_get_dirname (db_path);
  parent = g_path_get_dirname (dir);
  /* A file where the folder should be: fails for root too, unlike permission bits. */
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (dir, "not a folder", -1, &error);
  g_assert_no_error (error);

  run_in_app (check_unusable_folder);
}

static GtkWidget *
prefs_child (OtasukePreferencesWindow *prefs,
             const char               *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (prefs), OTASUKE_TYPE_PREFERENCES_WINDOW, name);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

/* The open preferences window, or NULL; it is not one of the application's windows. */
static void
collect_by_type (GtkWidget *root,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_by_type (child, type, found);
}

static OtasukePreferencesWindow *
find_prefs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (OTASUKE_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
prefs_is_open (gpointer data)
{
  return find_prefs () != NULL;
}

/* No usable key: Preferences says calmly that advisories are not fetched,
 * and names the setting's key that is not a key. */
static void
test_preferences_no_key (Fixture       *fixture,
                         gconstpointer  data)
{
  GSettings *settings = otasuke_application_get_settings (fixture->app);
  const char *keys[] = { "RWQnot-a-key", NULL };
  OtasukePreferencesWindow *prefs = NULL;
  GtkWidget *no_key;
  GtkWidget *bad_key;

  g_assert_cmpstr (CHAMBER_FEED_KEY, ==, "");
  g_settings_set_strv (settings, "trusted-keys", keys);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  iterate_until (prefs_is_open, NULL);
  prefs = find_prefs ();

  no_key = prefs_child (prefs, "no_key_label");
  bad_key = prefs_child (prefs, "bad_key_label");
  g_assert_true (gtk_widget_get_visible (no_key));
  g_assert_false (gtk_widget_has_css_class (no_key, "warning"));
  g_assert_true (gtk_widget_get_visible (bad_key));
  g_test_message ("%s\n%s", gtk_label_get_text (GTK_LABEL (no_key)), gtk_label_get_text (GTK_LABEL (bad_key)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (bad_key)), "RWQnot-a-key"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app), "fetch-feed"));
  save_png (GTK_WIDGET (prefs), "preferences-no-key.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  GSettings *settings = otasuke_application_get_settings (fixture->app);
  OtasukePreferencesWindow *prefs = otasuke_preferences_window_new (settings);
  GtkWidget *entry = prefs_child (prefs, "feed_url_row");
  GtkWidget *error_label = prefs_child (prefs, "feed_url_error");
  GObject *interval = gtk_widget_get_template_child (GTK_WIDGET (prefs), OTASUKE_TYPE_PREFERENCES_WINDOW,
                                                     "interval_adjustment");
  GtkWidget *autostart = prefs_child (prefs, "autostart_switch");
  g_autofree char *url = NULL;
  g_autofree char *autostart_file = g_build_filename (g_get_user_config_dir (), "autostart",
                                                      APPLICATION_ID ".desktop", NULL);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (prefs));

  /* A number is one Tab stop: the row does not take the focus before it. */
  {
    g_autoptr(GPtrArray) spins = g_ptr_array_new ();

    collect_by_type (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, spins);
    g_assert_cmpuint (spins->len, ==, 2);
    for (guint i = 0; i < spins->len; i++)
      g_assert_cmpuint (count_focus_stops (GTK_WINDOW (prefs),
                                           gtk_widget_get_ancestor (g_ptr_array_index (spins, i), ADW_TYPE_ACTION_ROW)),
                        ==, 1);
  }

  /* A plain-http address is refused, with the reason shown, and not saved. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "http://example.jp/feed.json");
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (gtk_widget_get_visible (error_label));
  url = g_settings_get_string (settings, "feed-url");
  g_assert_cmpstr (url, !=, "http://example.jp/feed.json");
  save_png (GTK_WIDGET (prefs), "preferences-invalid-url.png");

  gtk_editable_set_text (GTK_EDITABLE (entry), "https://example.jp/otasuke.json");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_signal_emit_by_name (entry, "apply");
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (settings, "feed-url");
  g_assert_cmpstr (url, ==, "https://example.jp/otasuke.json");

  /* Settings-backed controls follow GSettings both ways. */
  g_settings_set_uint (settings, "check-interval", 12);
  g_assert_cmpfloat (gtk_adjustment_get_value (GTK_ADJUSTMENT (interval)), ==, 12.0);
  gtk_adjustment_set_value (GTK_ADJUSTMENT (interval), 48);
  g_assert_cmpuint (g_settings_get_uint (settings, "check-interval"), ==, 48);

  /* Start at login writes the autostart entry and removes it again. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (autostart)));
  gtk_switch_set_active (GTK_SWITCH (autostart), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "start-at-login"));
  g_assert_true (g_file_test (autostart_file, G_FILE_TEST_EXISTS));
  gtk_switch_set_active (GTK_SWITCH (autostart), FALSE);
  g_assert_false (g_file_test (autostart_file, G_FILE_TEST_EXISTS));
  g_assert_false (g_settings_get_boolean (settings, "start-at-login"));

  save_png (GTK_WIDGET (prefs), "preferences.png");

  /* A number out of range, typed and not confirmed, is not lost in silence
   * or bent to the nearest end: the window stays open, a dialog names what
   * was typed, and the last valid value is back in the box. */
  {
    GtkWidget *spin = prefs_child (prefs, "interval_spin");
    GtkWindow *dialog;

    gtk_editable_set_text (GTK_EDITABLE (spin), "500");
    gtk_window_close (GTK_WINDOW (prefs));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (prefs)));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "500"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "48"));
    save_png (GTK_WIDGET (dialog), "preferences-number-refused.png");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
    gtk_window_destroy (dialog);
    iterate_until (no_message_dialog, NULL);
    g_assert_cmpuint (g_settings_get_uint (settings, "check-interval"), ==, 48);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "48");

    /* One in range, typed and not confirmed, is kept on closing. */
    gtk_editable_set_text (GTK_EDITABLE (spin), "72");
  }

  /* Closing never throws an edit away in silence: an invalid address keeps
   * the window open with the reason, a valid one is kept. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "http://example.jp/other.json");
  gtk_window_close (GTK_WINDOW (prefs));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (prefs)));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (settings, "feed-url");
  g_assert_cmpstr (url, ==, "https://example.jp/otasuke.json");
  gtk_editable_set_text (GTK_EDITABLE (entry), "https://example.jp/other.json");
  g_object_ref (prefs);
  gtk_window_close (GTK_WINDOW (prefs));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (prefs)));
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (settings, "feed-url");
  g_assert_cmpstr (url, ==, "https://example.jp/other.json");
  g_assert_cmpuint (g_settings_get_uint (settings, "check-interval"), ==, 72);
  g_object_unref (prefs);
}

/* The switch shows whether Otasuke really starts at login, and a change that
 * fails is said and undone rather than shown as done. */
static void
test_preferences_autostart_truth (Fixture       *fixture,
                                  gconstpointer  data)
{
  GSettings *settings = otasuke_application_get_settings (fixture->app);
  g_autofree char *autostart_dir = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autofree char *autostart_file = g_build_filename (autostart_dir, APPLICATION_ID ".desktop", NULL);
  g_autoptr(GError) error = NULL;
  OtasukePreferencesWindow *prefs;
  GtkWidget *autostart;
  GtkWindow *dialog;

  /* The entry is there though the key says no (written by an older run, or by hand). */
  g_assert_false (g_settings_get_boolean (settings, "start-at-login"));
  g_assert_true (otasuke_autostart_set_enabled (TRUE, APPLICATION_ID, &error));
  g_assert_no_error (error);
  prefs = otasuke_preferences_window_new (settings);
  autostart = prefs_child (prefs, "autostart_switch");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (autostart)));
  gtk_switch_set_active (GTK_SWITCH (autostart), FALSE);
  g_assert_false (otasuke_autostart_is_enabled (APPLICATION_ID));
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* The folder cannot be made (a file is in its place, which stops root too). */
  g_assert_cmpint (g_rmdir (autostart_dir), ==, 0);
  g_assert_true (g_file_set_contents (autostart_dir, "not a folder", -1, &error));
  g_assert_no_error (error);
  prefs = otasuke_preferences_window_new (settings);
  autostart = prefs_child (prefs, "autostart_switch");
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (autostart)));

  gtk_switch_set_active (GTK_SWITCH (autostart), TRUE);
  /* Not on, not said to be on, and the user is told why. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (autostart)));
  g_assert_false (otasuke_autostart_is_enabled (APPLICATION_ID));
  g_assert_false (g_settings_get_boolean (settings, "start-at-login"));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   _("Otasuke Cannot Start at Login"));
  /* The folder it could not make, named in the reason. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), autostart_dir));
  save_png (GTK_WIDGET (dialog), "preferences-autostart-failed.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_destroy (dialog);
  iterate_until (no_message_dialog, NULL);

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_remove (autostart_dir);
}

static void
test_window_remembers_size (Fixture       *fixture,
                            gconstpointer  data)
{
  GSettings *settings = otasuke_application_get_settings (fixture->app);
  OtasukeWindow *second;
  OtasukeWindow *third;
  int width, height;

  /* GTK 4 cannot resize a mapped window from code (that is the user's and the
   * window manager's job), so the size is set on a window before it is shown. */
  second = otasuke_window_new (fixture->app);
  gtk_window_set_default_size (GTK_WINDOW (second), 900, 640);
  gtk_window_present (GTK_WINDOW (second));
  wait_for_frames (GTK_WIDGET (second));
  gtk_window_close (GTK_WINDOW (second));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  third = otasuke_window_new (fixture->app);
  gtk_window_get_default_size (GTK_WINDOW (third), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  gtk_window_destroy (GTK_WINDOW (third));
}

static void
test_about (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWindow *about = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        about = window;
    }

  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  /* The summary comes from the metainfo, in the user's language. */
  g_assert_nonnull (adw_about_window_get_comments (ADW_ABOUT_WINDOW (about)));
  g_assert_cmpstr (adw_about_window_get_comments (ADW_ABOUT_WINDOW (about)), !=, "");
  g_assert_nonnull (adw_about_window_get_release_notes (ADW_ABOUT_WINDOW (about)));
  if (is_japanese ())
    g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==,
                     "セキュリティお助けナビ");
  /* Every heading, row and page of it in the user's language (libadwaita
   * 1.2 has no Japanese for them); names and addresses may stay as written. */
  if (is_japanese ())
    {
      static const char * const allowed[] = { PACKAGE_VERSION, "GNU", NULL };

      assert_no_english (GTK_WIDGET (about), allowed);
    }
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->app), "about"));
  save_png (GTK_WIDGET (about), "about.png");
  gtk_window_destroy (about);
}

static void
check_narrow_window (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *bar = find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_SWITCHER_BAR);

  wait_for_frames (GTK_WIDGET (fixture->window));
  /* On a narrow screen the page switcher moves to the bottom. */
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "advisories"));
  save_png (GTK_WIDGET (fixture->window), "narrow.png");
}

static void
test_narrow_window (void)
{
  g_autoptr(GSettings) settings = NULL;

  reset_user_state ();
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_int (settings, "window-width", 400);
  g_settings_set_int (settings, "window-height", 700);

  run_in_app (check_narrow_window);
}

/* The welcome of the very first start. */
static GtkWindow *
find_welcome (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (OTASUKE_IS_WELCOME (window))
        return window;
    }
  return NULL;
}

static gboolean
no_welcome (gpointer data)
{
  return find_welcome () == NULL;
}

static void
welcome_first_start (Fixture       *fixture,
                     gconstpointer  data)
{
  GSettings *settings = otasuke_application_get_settings (fixture->app);
  GtkWindow *welcome = find_welcome ();
  GtkWidget *autostart;
  GtkWidget *button;

  /* Shown over the window, once: the key says so at once. */
  g_assert_nonnull (welcome);
  g_assert_true (gtk_window_get_transient_for (welcome) == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (welcome)));
  g_assert_true (g_settings_get_boolean (settings, "welcome-shown"));
  g_assert_true (has_label (GTK_WIDGET (welcome), _("Welcome to Otasuke")));
  g_assert_true (has_label (GTK_WIDGET (welcome),
                            _("Nothing leaves this computer: your answers and findings stay here. The only "
                              "thing downloaded is the Chamber of Commerce’s list of security advisories.")));
  assert_unique_mnemonics (GTK_WIDGET (welcome), "welcome");
  save_png (GTK_WIDGET (welcome), "welcome.png");

  /* The switch turns start at login on, through the autostart entry. */
  autostart = find_by_type (GTK_WIDGET (welcome), GTK_TYPE_SWITCH);
  g_assert_nonnull (autostart);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (autostart)));
  g_assert_false (otasuke_autostart_is_enabled (APPLICATION_ID));
  gtk_switch_set_active (GTK_SWITCH (autostart), TRUE);
  g_assert_true (otasuke_autostart_is_enabled (APPLICATION_ID));
  g_assert_true (g_settings_get_boolean (settings, "start-at-login"));

  /* The button opens the check, and the welcome goes. */
  button = gtk_window_get_default_widget (welcome);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_Run the First Check"));
  click (button);
  iterate_until (no_welcome, NULL);
  g_assert_cmpstr (otasuke_window_get_visible_page (fixture->window), ==, "check");
}

static void
welcome_second_start (Fixture       *fixture,
                      gconstpointer  data)
{
  wait_for_frames (GTK_WIDGET (fixture->window));
  g_assert_null (find_welcome ());
  g_assert_cmpstr (otasuke_window_get_visible_page (fixture->window), !=, "check");
}

static void
test_welcome (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *kept = g_strdup (g_getenv ("OTASUKE_NO_WELCOME"));

  /* The tests keep the welcome away (tests/meson.build); this one asks for it. */
  g_unsetenv ("OTASUKE_NO_WELCOME");
  reset_user_state ();
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_int (settings, "window-width", 1024);
  g_settings_set_int (settings, "window-height", 700);
  g_assert_false (g_settings_get_boolean (settings, "welcome-shown"));

  run_in_app (welcome_first_start);
  /* The second start, same settings: no welcome. */
  run_in_app (welcome_second_start);

  if (kept != NULL)
    g_setenv ("OTASUKE_NO_WELCOME", kept, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  /* A mount namespace belongs to a thread: it is made here, while this is
   * the only one, so that every thread GTK and GIO start later shares it. */
  if (g_getenv (OWN_MOUNTS) != NULL && geteuid () == 0)
    {
      if (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        g_error ("no mount namespace for the read-only test: %s", g_strerror (errno));
    }

  window_harness_init (&argc, &argv, "Window");

  g_test_add_data_func ("/window/pages", (gconstpointer) test_pages, run_clean);
  g_test_add_data_func ("/window/shortcuts", (gconstpointer) test_shortcuts, run_clean);
  g_test_add_data_func ("/window/overview/this-machine", (gconstpointer) test_overview_shows_this_machine, run_clean);
  g_test_add_func ("/window/overview/last-check", test_overview_shows_last_check);
  g_test_add_func ("/window/overview/recovered-database", test_overview_reports_recovered_database);
  g_test_add_func ("/window/overview/unusable-folder", test_overview_reports_unusable_folder);
  g_test_add_func ("/window/overview/read-only-history", test_overview_reports_read_only_history);
  g_test_add_data_func ("/window/preferences", (gconstpointer) test_preferences, run_clean);
  g_test_add_data_func ("/window/preferences/autostart-truth", (gconstpointer) test_preferences_autostart_truth,
                        run_clean);
  g_test_add_data_func ("/window/preferences/no-key", (gconstpointer) test_preferences_no_key, run_clean);
  g_test_add_data_func ("/window/remembers-size", (gconstpointer) test_window_remembers_size, run_clean);
  g_test_add_data_func ("/window/about", (gconstpointer) test_about, run_clean);
  g_test_add_func ("/window/narrow", test_narrow_window);
  g_test_add_func ("/window/welcome", test_welcome);

  return window_harness_run ();
}
