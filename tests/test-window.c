/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "otasuke-advisories-page.h"
#include "otasuke-advisory-match.h"
#include "otasuke-advisory-row.h"
#include "otasuke-application.h"
#include "otasuke-check-page.h"
#include "otasuke-check-results.h"
#include "otasuke-feed-updater.h"
#include "otasuke-history-page.h"
#include "otasuke-overview-page.h"
#include "otasuke-password-meter.h"
#include "otasuke-preferences-window.h"
#include "otasuke-router-lookup.h"
#include "otasuke-score-chart.h"
#include "otasuke-sheet-page.h"
#include "otasuke-store-advisories.h"
#include "otasuke-store-runs.h"
#include "otasuke-time.h"
#include "otasuke-window.h"

static const char * const pages[] = { "overview", "check", "advisories", "history", "sheet" };

static gboolean
is_japanese (void)
{
  const char *lang = setlocale (LC_MESSAGES, NULL);

  return lang != NULL && g_str_has_prefix (lang, "ja");
}

static void
iterate_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
pointer_is_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
app_is_ready (gpointer data)
{
  return otasuke_application_get_ready (data);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
enough_frames (gpointer data)
{
  /* About half a second at 60 Hz: long enough for libadwaita's transitions to end,
   * so pictures show the finished layout. */
  return *(guint *) data >= 30;
}

/* Lets the frame clock run a few frames so layout and drawing have happened. */
static void
wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, tick_cb, &frames, NULL);

  gtk_widget_queue_draw (widget);
  iterate_until (enough_frames, &frames);
  gtk_widget_remove_tick_callback (widget, id);
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  const char *dir = g_getenv ("OTASUKE_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  wait_for_frames (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);

  if (dir == NULL)
    return;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

typedef struct {
  OtasukeApplication *app;
  OtasukeWindow      *window;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

/* GLib's per-test isolation also hides /usr/share (icons, MIME types) from
 * GTK, so this program gets one private XDG tree and each case starts from a
 * clean slate in it: no database, no autostart entry, default settings. */
static void
reset_user_state (void)
{
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "otasuke", NULL);
  g_autofree char *autostart = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  remove_tree (data);
  remove_tree (autostart);

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

typedef void (*FixtureFunc) (Fixture       *fixture,
                             gconstpointer  data);

typedef struct {
  FixtureFunc body;
  gboolean    ran;
} AppRun;

static void
destroy_all_windows (GtkApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (app)) != NULL)
    {
      gpointer window = windows->data;

      g_object_add_weak_pointer (window, &window);
      gtk_window_destroy (GTK_WINDOW (window));
      /* Pending work (a summary query in a thread) holds the window until it lands. */
      iterate_until (pointer_is_cleared, &window);
    }
}

/* Runs after the application's own activate handler has opened the window. */
static void
on_activate_after (GApplication *app,
                   AppRun       *run)
{
  Fixture fixture = { OTASUKE_APPLICATION (app), NULL };

  iterate_until (app_is_ready, app);
  fixture.window = OTASUKE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (fixture.window);

  run->body (&fixture, NULL);
  run->ran = TRUE;

  destroy_all_windows (GTK_APPLICATION (app));
  g_application_quit (app);
}

/* The real start-up path: g_application_run(), D-Bus registration, activate. */
static void
run_in_app (FixtureFunc body)
{
  AppRun run = { body, FALSE };
  OtasukeApplication *app = otasuke_application_new ();

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_true (run.ran);
  g_assert_finalize_object (app);
}

static void
run_clean (gconstpointer body)
{
  g_autoptr(GSettings) settings = NULL;

  reset_user_state ();
  /* The size the pictures are taken at: readable at 1024×700 is a requirement. */
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_int (settings, "window-width", 1024);
  g_settings_set_int (settings, "window-height", 700);
  run_in_app ((FixtureFunc) body);
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  /* Pages are built the first time they are shown; tests may look before that. */
  if (OTASUKE_IS_WINDOW (root))
    {
      static const char * const lazy[] = { "advisories", "check", "history", "sheet" };

      for (guint i = 0; i < G_N_ELEMENTS (lazy); i++)
        otasuke_window_get_page (OTASUKE_WINDOW (root), lazy[i]);
    }

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static OtasukeOverviewPage *
find_overview (OtasukeWindow *window)
{
  return OTASUKE_OVERVIEW_PAGE (find_by_type (GTK_WIDGET (window), OTASUKE_TYPE_OVERVIEW_PAGE));
}

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

      save_png (GTK_WIDGET (fixture->window), png);
    }
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
}

static void
check_last_check (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *row = overview_row (find_overview (fixture->window), "last_check_row");
  const char *subtitle;

  iterate_until (row_is_filled, row);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_test_message ("last check: %s", subtitle);
  g_assert_nonnull (strstr (subtitle, "72"));
  g_assert_nonnull (strstr (subtitle, is_japanese () ? "今日" : "Today"));
}

static void
test_overview_shows_last_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  reset_user_state ();
  db_path = otasuke_store_default_path ();
  store = otasuke_store_open (db_path, &error);
  g_assert_no_error (error);
  otasuke_store_add_check_run (store, g_date_time_to_unix (now) - 600,
                               g_date_time_to_unix (now) - 60, 72, "test-1", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

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
  gtk_switch_set_active (GTK_SWITCH (autostart), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "start-at-login"));
  g_assert_true (g_file_test (autostart_file, G_FILE_TEST_EXISTS));
  gtk_switch_set_active (GTK_SWITCH (autostart), FALSE);
  g_assert_false (g_file_test (autostart_file, G_FILE_TEST_EXISTS));

  save_png (GTK_WIDGET (prefs), "preferences.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
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

/* The advisories page. */

#define CHROME_ID "sakura-2024-08-chrome-128"
#define CHROME_TITLE "Google Chrome に深刻な弱点：128.0.6613.85 以降に更新してください"
#define ROUTER_ID "sakura-2024-05-buffalo-botnet"
#define WINDOWS10_ID "sakura-2025-10-windows10-end-of-support"
#define MARKUP_TEXT "<b>not bold</b> & <a href=\"x\">"
#define MARKUP_TITLE "<i>Plain</i> title & <span>more</span>"

static gboolean
advisories_are_loaded (gpointer data)
{
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (data);

  return advisories != NULL && otasuke_advisories_get_loaded (advisories);
}

static gpointer
page_child (OtasukeAdvisoriesPage *page,
            const char            *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), OTASUKE_TYPE_ADVISORIES_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static OtasukeAdvisoriesPage *
show_advisories_page (Fixture *fixture)
{
  OtasukeAdvisoriesPage *page =
    OTASUKE_ADVISORIES_PAGE (find_by_type (GTK_WIDGET (fixture->window), OTASUKE_TYPE_ADVISORIES_PAGE));

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "advisories"));
  iterate_until (advisories_are_loaded, fixture->app);
  g_assert_true (otasuke_advisories_page_get_advisories (page) == otasuke_application_get_advisories (fixture->app));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "main_stack")), ==, "advisories");
  return page;
}

static GListModel *
listed (OtasukeAdvisoriesPage *page)
{
  return G_LIST_MODEL (gtk_list_view_get_model (page_child (page, "list_view")));
}

static guint
list_position (OtasukeAdvisoriesPage *page,
               const char            *id)
{
  GListModel *model = listed (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (model, i);

      if (g_strcmp0 (otasuke_advisory_get_id (advisory), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

/* What a click does; gtk_widget_activate() would wait for the press animation. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static OtasukeAdvisoryRow *
find_row (GtkWidget       *root,
          OtasukeAdvisory *advisory)
{
  if (OTASUKE_IS_ADVISORY_ROW (root) &&
      otasuke_advisory_row_get_advisory (OTASUKE_ADVISORY_ROW (root)) == advisory)
    return OTASUKE_ADVISORY_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      OtasukeAdvisoryRow *row = find_row (child, advisory);

      if (row != NULL)
        return row;
    }

  return NULL;
}

static const char *
link_label (OtasukeAdvisoriesPage *page)
{
  return adw_button_content_get_label (page_child (page, "link_content"));
}

/* Starts from a clean slate at the size the pictures are taken at, like run_clean(). */
static void
reset_with_size (int width,
                 int height)
{
  g_autoptr(GSettings) settings = NULL;

  reset_user_state ();
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
}

static OtasukeStore *
open_test_store (void)
{
  g_autofree char *db_path = otasuke_store_default_path ();
  g_autoptr(GError) error = NULL;
  OtasukeStore *store = otasuke_store_open (db_path, &error);

  g_assert_no_error (error);
  return store;
}

/* Reads the read state from the history file itself, not from the screen. */
static gboolean
stored_as_read (const char *id)
{
  g_autoptr(OtasukeStore) store = open_test_store ();
  g_autoptr(GPtrArray) advisories = otasuke_store_list_advisories (store, NULL);
  guint n_read = 0;

  g_assert_nonnull (advisories);
  for (guint i = 0; i < advisories->len; i++)
    {
      OtasukeAdvisory *advisory = g_ptr_array_index (advisories, i);

      if (otasuke_advisory_get_read (advisory))
        n_read++;
      if (id != NULL && g_strcmp0 (otasuke_advisory_get_id (advisory), id) == 0)
        return otasuke_advisory_get_read (advisory);
    }

  /* NULL: all of them */
  return id == NULL && n_read == advisories->len;
}

static gboolean
chrome_stored_as_read (gpointer data)
{
  return stored_as_read (CHROME_ID);
}

static gboolean
all_stored_as_read (gpointer data)
{
  return stored_as_read (NULL);
}

static void
test_advisories_bundled (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  GtkWidget *stack = find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK);
  AdwViewStackPage *stack_page = adw_view_stack_get_page (ADW_VIEW_STACK (stack),
                                                          adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "advisories"));
  GListModel *list = listed (page);
  guint n_items = g_list_model_get_n_items (list);
  OtasukeAdvisory *advisory;

  /* The advisories that ship with Otasuke are there on first start, all unread, newest first. */
  g_assert_cmpuint (n_items, >=, 10);
  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), ==, n_items);
  for (guint i = 1; i < n_items; i++)
    {
      g_autoptr(OtasukeAdvisory) newer = g_list_model_get_item (list, i - 1);
      g_autoptr(OtasukeAdvisory) older = g_list_model_get_item (list, i);

      g_assert_cmpint (otasuke_advisory_get_date (newer), >=, otasuke_advisory_get_date (older));
    }
  wait_for_frames (GTK_WIDGET (fixture->window));
  g_assert_true (has_label (page_child (page, "list_view"), CHROME_TITLE));

  /* The page switcher counts them. */
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (stack_page), ==, n_items);
  g_assert_true (adw_view_stack_page_get_needs_attention (stack_page));

  /* Honest about where they came from; nothing went wrong. */
  g_assert_true (gtk_widget_get_visible (page_child (page, "bundled_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "error_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "stale_box")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "detail_stack")), ==, "none");
  save_png (GTK_WIDGET (fixture->window), "advisories-list.png");

  /* Chrome: the browsers are not known yet, and the page says so rather than guess. */
  g_assert_true (otasuke_advisories_page_show_advisory (page, CHROME_ID));
  advisory = otasuke_advisories_lookup (advisories, CHROME_ID);
  g_assert_nonnull (advisory);
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "detail_title_label")), ==, CHROME_TITLE);
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "content_label")), ==,
                   otasuke_advisory_get_content (advisory));
  g_assert_cmpint (otasuke_advisory_get_affects (advisory), ==, OTASUKE_AFFECTS_UNKNOWN);
  g_assert_true (gtk_widget_get_visible (page_child (page, "affects_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "affects_heading")));
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "affects_label")), ==,
                   _("Otasuke does not know this computer’s browser versions yet."));
  g_assert_true (gtk_widget_get_visible (page_child (page, "link_button")));
  save_png (GTK_WIDGET (fixture->window), "advisories-chrome.png");

  /* The router advisory, the longest one. */
  g_assert_true (otasuke_advisories_page_show_advisory (page, ROUTER_ID));
  g_assert_true (gtk_widget_get_visible (page_child (page, "affects_box")));
  save_png (GTK_WIDGET (fixture->window), "advisories-router.png");

  /* An advisory without a link has no link button. */
  g_assert_true (otasuke_advisories_page_show_advisory (page, WINDOWS10_ID));
  g_assert_false (gtk_widget_get_visible (page_child (page, "link_button")));

  g_assert_false (otasuke_advisories_page_show_advisory (page, "no-such-advisory"));
  /* Each advisory shown was marked read. */
  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), ==, n_items - 3);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (stack_page), ==, n_items - 3);
  iterate_until (chrome_stored_as_read, NULL);
}

static void
check_select_marks_read (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  OtasukeAdvisory *advisory = otasuke_advisories_lookup (advisories, CHROME_ID);
  guint n_unread = otasuke_advisories_get_n_unread (advisories);
  guint position = list_position (page, CHROME_ID);
  OtasukeAdvisoryRow *row;

  g_assert_nonnull (advisory);
  g_assert_false (otasuke_advisory_get_read (advisory));
  wait_for_frames (GTK_WIDGET (fixture->window));
  row = find_row (page_child (page, "list_view"), advisory);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "unread"));

  /* What a click or the arrow keys do. */
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (listed (page)), position, TRUE));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "detail_stack")), ==, "advisory");
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "content_label")), ==,
                   otasuke_advisory_get_content (advisory));
  g_assert_true (otasuke_advisory_get_read (advisory));
  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), ==, n_unread - 1);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "unread"));

  /* Written to the history file in the background. */
  iterate_until (chrome_stored_as_read, NULL);
}

static void
check_read_survived (Fixture       *fixture,
                     gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  OtasukeAdvisory *advisory = otasuke_advisories_lookup (advisories, CHROME_ID);
  guint n_items = g_list_model_get_n_items (listed (page));

  g_assert_nonnull (advisory);
  g_assert_true (otasuke_advisory_get_read (advisory));
  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), ==, n_items - 1);
}

static void
test_advisories_read_survives_restart (void)
{
  reset_with_size (1024, 700);
  run_in_app (check_select_marks_read);
  /* The same history file, a new start. */
  run_in_app (check_read_survived);
}

static void
test_advisories_mark_all_read (Fixture       *fixture,
                               gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  GtkWidget *stack = find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK);
  AdwViewStackPage *stack_page = adw_view_stack_get_page (ADW_VIEW_STACK (stack),
                                                          adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "advisories"));
  GListModel *list = listed (page);

  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), >, 0);
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "mark_all_read_button")));

  click (page_child (page, "mark_all_read_button"));

  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (list, i);

      g_assert_true (otasuke_advisory_get_read (advisory));
    }
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (stack_page), ==, 0);
  g_assert_false (adw_view_stack_page_get_needs_attention (stack_page));
  /* Nothing left to mark. */
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "mark_all_read_button")));
  save_png (GTK_WIDGET (fixture->window), "advisories-all-read.png");

  iterate_until (all_stored_as_read, NULL);
}

/* A feed standing in for the bundled one, as the application would have stored
 * it; it carries the bundled feed's number, so the start-up leaves it alone. */
static void
store_test_feed (const char *expires)
{
  g_autoptr(GBytes) bundled = NULL;
  g_autoptr(OtasukeFeed) bundled_feed = NULL;
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize len;

  /* The application class registers the resources. */
  g_type_class_unref (g_type_class_ref (OTASUKE_TYPE_APPLICATION));
  bundled = g_resources_lookup_data (RESOURCE_PREFIX "/feed/otasuke-feed.json", 0, &error);
  g_assert_no_error (error);
  bundled_feed = otasuke_feed_parse (g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled), &error);
  g_assert_no_error (error);

  json = g_strdup_printf (
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Test\","
    " \"_otasuke\": {\"schema\": 1, \"sequence\": %" G_GINT64_FORMAT ","
    "   \"generated\": \"2020-01-01T00:00:00+09:00\", \"expires\": \"%s\"},"
    " \"items\": [{\"id\": \"test-markup\", \"title\": \"%s\", \"content_text\": \"%s\","
    "   \"url\": \"https://www.example.jp/news/1?from=otasuke\","
    "   \"date_published\": \"2020-01-01T09:00:00+09:00\","
    "   \"_otasuke\": {\"severity\": \"low\", \"category\": \"general\"}}]}",
    bundled_feed->sequence, expires,
    MARKUP_TITLE, "<b>not bold</b> & <a href=\\\"x\\\">");
  len = strlen (json);
  body = g_bytes_new_take (g_steal_pointer (&json), len);

  store = open_test_store ();
  outcome = otasuke_feed_ingest_bundled (store, body, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome);
}

static void
check_markup_is_literal (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  GtkLabel *content = page_child (page, "content_label");
  GtkLabel *title = page_child (page, "detail_title_label");

  g_assert_cmpuint (g_list_model_get_n_items (listed (page)), ==, 1);
  g_assert_true (otasuke_advisories_page_show_advisory (page, "test-markup"));

  /* Outside data is shown exactly as it came, never read as markup. */
  g_assert_cmpstr (gtk_label_get_text (content), ==, MARKUP_TEXT);
  g_assert_cmpstr (gtk_label_get_label (content), ==, MARKUP_TEXT);
  g_assert_false (gtk_label_get_use_markup (content));
  g_assert_cmpstr (gtk_label_get_text (title), ==, MARKUP_TITLE);
  g_assert_false (gtk_label_get_use_markup (title));
  /* No checks: nothing to say about this computer. */
  g_assert_false (gtk_widget_get_visible (page_child (page, "affects_box")));
  wait_for_frames (GTK_WIDGET (fixture->window));
  g_assert_true (has_label (page_child (page, "list_view"), MARKUP_TITLE));
  save_png (GTK_WIDGET (fixture->window), "advisories-markup.png");

  /* A category with nothing in it says so. */
  gtk_drop_down_set_selected (page_child (page, "category_dropdown"), 1 + OTASUKE_CATEGORY_BROWSER);
  g_assert_cmpuint (g_list_model_get_n_items (listed (page)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "list_stack")), ==, "empty-category");
  save_png (GTK_WIDGET (fixture->window), "advisories-empty-category.png");
}

static void
test_advisories_markup_is_literal (void)
{
  reset_with_size (1024, 700);
  store_test_feed ("2099-01-01T00:00:00+09:00");
  run_in_app (check_markup_is_literal);
}

static void
check_stale (Fixture       *fixture,
             gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);

  g_assert_true (otasuke_advisories_get_stale (otasuke_application_get_advisories (fixture->app)));
  g_assert_true (gtk_widget_get_visible (page_child (page, "stale_box")));
  save_png (GTK_WIDGET (fixture->window), "advisories-stale.png");
}

static void
test_advisories_stale (void)
{
  reset_with_size (1024, 700);
  store_test_feed ("2021-01-01T00:00:00+09:00");
  run_in_app (check_stale);
}

static gint64 failed_fetch_at;

static void
check_failed_fetch (Fixture       *fixture,
                    gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  g_autofree char *when = otasuke_time_format (failed_fetch_at, NULL);
  g_autofree char *attempt = g_strdup_printf (_("Last attempt: %s"), when);

  g_assert_true (gtk_widget_get_visible (page_child (page, "error_box")));
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "error_label")), ==, "The server answered 500.");
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "error_time_label")), ==, attempt);
  /* The list is still there. */
  g_assert_cmpuint (g_list_model_get_n_items (listed (page)), >=, 10);
  g_assert_true (otasuke_advisories_page_show_advisory (page, CHROME_ID));
  save_png (GTK_WIDGET (fixture->window), "advisories-failed-fetch.png");
}

static void
test_advisories_failed_fetch (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;

  reset_with_size (1024, 700);
  store = open_test_store ();
  failed_fetch_at = g_get_real_time () / G_USEC_PER_SEC - 90;
  otasuke_store_record_feed_error (store, "https://example.invalid/feed.json", "The server answered 500.",
                                   failed_fetch_at, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  run_in_app (check_failed_fetch);
}

static gboolean
advisories_not_busy (gpointer data)
{
  return !otasuke_advisories_get_busy (data);
}

static gboolean
widget_is_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static void
test_advisories_check_now (Fixture       *fixture,
                           gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  GtkWidget *button = page_child (page, "check_button");
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "app.fetch-feed");

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "app.fetch-feed");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>r");
  g_assert_cmpstr (accels[1], ==, "F5");

  /* Nothing listens there: the attempt fails at once, without the internet. */
  g_settings_set_string (otasuke_application_get_settings (fixture->app), "feed-url",
                         "http://127.0.0.1:1/otasuke.json");
  g_assert_true (gtk_widget_get_sensitive (button));
  click (button);
  g_assert_true (otasuke_advisories_get_busy (advisories));
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_spinner_get_spinning (page_child (page, "check_spinner")));

  iterate_until (advisories_not_busy, advisories);
  iterate_until (widget_is_visible, page_child (page, "error_box"));
  g_test_message ("failure shown: %s", gtk_label_get_text (page_child (page, "error_label")));
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "error_label")), !=, "");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_false (gtk_spinner_get_spinning (page_child (page, "check_spinner")));
  /* The bundled advisories stay. */
  g_assert_cmpuint (g_list_model_get_n_items (listed (page)), >=, 10);
}

static void
test_advisories_category_filter (Fixture       *fixture,
                                 gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  GtkDropDown *dropdown = page_child (page, "category_dropdown");
  GListModel *list = listed (page);
  guint n_all = g_list_model_get_n_items (list);

  gtk_drop_down_set_selected (dropdown, 1 + OTASUKE_CATEGORY_ROUTER);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (list, i);

      g_assert_cmpint (otasuke_advisory_get_category (advisory), ==, OTASUKE_CATEGORY_ROUTER);
    }
  g_assert_cmpuint (list_position (page, CHROME_ID), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (list_position (page, ROUTER_ID), !=, GTK_INVALID_LIST_POSITION);
  save_png (GTK_WIDGET (fixture->window), "advisories-routers.png");

  /* Asked to show an advisory the filter hides, the page shows them all again. */
  g_assert_true (otasuke_advisories_page_show_advisory (page, CHROME_ID));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_all);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (list)), ==,
                    list_position (page, CHROME_ID));
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return window;
    }
  return NULL;
}

static gboolean
no_message_dialog (gpointer data)
{
  return find_message_dialog () == NULL;
}

static void
test_advisories_link (Fixture       *fixture,
                      gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisory *advisory = otasuke_advisories_lookup (otasuke_application_get_advisories (fixture->app),
                                                         ROUTER_ID);
  g_autofree char *expected = g_strdup_printf (_("Open %s"), "www.buffalo.jp");
  g_autofree char *heading = g_strdup_printf (_("Open %s?"), "www.buffalo.jp");
  GtkWindow *dialog;

  /* The button names the host the link really goes to. */
  g_assert_true (otasuke_advisories_page_show_advisory (page, ROUTER_ID));
  g_assert_true (gtk_widget_get_visible (page_child (page, "link_button")));
  g_assert_cmpstr (link_label (page), ==, expected);

  /* Nothing opens without asking; the question names the host and the whole address. */
  click (page_child (page, "link_button"));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            otasuke_advisory_get_url (advisory)));
  save_png (GTK_WIDGET (dialog), "advisories-open-link.png");
  /* What the Cancel button does. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  iterate_until (no_message_dialog, NULL);

  g_assert_true (otasuke_advisories_page_show_advisory (page, CHROME_ID));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (_("Open %s"), "news.yahoo.co.jp");
  g_assert_cmpstr (link_label (page), ==, expected);
}

static void
test_advisories_affects_you (Fixture       *fixture,
                             gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  OtasukeAdvisory *advisory = otasuke_advisories_lookup (advisories, CHROME_ID);
  g_autoptr(GPtrArray) browsers = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_browser_fact_free);
  OtasukeMachineFacts facts = { .browsers_known = TRUE, .browsers = browsers,
                                .now = g_get_real_time () / G_USEC_PER_SEC };
  GtkWidget *box = page_child (page, "affects_box");
  OtasukeAdvisoryRow *row;

  g_assert_true (otasuke_advisories_page_show_advisory (page, CHROME_ID));

  /* An old Chrome: the detail warns, the list marks it. */
  g_ptr_array_add (browsers, otasuke_browser_fact_new ("chrome", "Google Chrome", "127.0.6533.88"));
  otasuke_advisories_set_machine_facts (advisories, &facts);
  g_assert_cmpint (otasuke_advisory_get_affects (advisory), ==, OTASUKE_AFFECTS_YES);
  g_assert_true (gtk_widget_get_visible (box));
  g_assert_true (gtk_widget_has_css_class (box, "yes"));
  g_assert_true (gtk_widget_get_visible (page_child (page, "affects_heading")));
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "affects_label")), ==,
                   otasuke_advisory_get_affects_reason (advisory));
  wait_for_frames (GTK_WIDGET (fixture->window));
  row = find_row (page_child (page, "list_view"), advisory);
  g_assert_nonnull (row);
  g_assert_true (has_label (GTK_WIDGET (row), _("Affects you")));
  save_png (GTK_WIDGET (fixture->window), "advisories-affects-you.png");

  /* Updated: a calm line instead. */
  g_ptr_array_set_size (browsers, 0);
  g_ptr_array_add (browsers, otasuke_browser_fact_new ("chrome", "Google Chrome", "130.0.6723.58"));
  otasuke_advisories_set_machine_facts (advisories, &facts);
  g_assert_cmpint (otasuke_advisory_get_affects (advisory), ==, OTASUKE_AFFECTS_NO);
  g_assert_true (gtk_widget_has_css_class (box, "no"));
  g_assert_false (gtk_widget_has_css_class (box, "yes"));
  g_assert_false (gtk_widget_get_visible (page_child (page, "affects_heading")));
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "affects_label")), ==,
                   otasuke_advisory_get_affects_reason (advisory));
  save_png (GTK_WIDGET (fixture->window), "advisories-up-to-date.png");
}

/* The end of a click on a row, as its click gesture reports it. */
static void
click_row (GtkWidget *row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  gboolean clicked = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "released", 1, 10.0, 10.0);
          clicked = TRUE;
        }
    }
  g_assert_true (clicked);
}

static void
check_advisories_narrow (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  AdwLeaflet *leaflet = page_child (page, "leaflet");
  OtasukeAdvisoryRow *row;
  guint position;

  wait_for_frames (GTK_WIDGET (fixture->window));
  /* One column: the list first. */
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  save_png (GTK_WIDGET (fixture->window), "advisories-narrow-list.png");

  /* Arrow keys move through the list without leaving it; a click opens the advisory. */
  position = list_position (page, CHROME_ID);
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (listed (page)), position, TRUE));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  row = find_row (page_child (page, "list_view"),
                  otasuke_advisories_lookup (otasuke_application_get_advisories (fixture->app), CHROME_ID));
  g_assert_nonnull (row);
  click_row (GTK_WIDGET (row));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  click (page_child (page, "back_button"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");

  /* Enter on a row (the list's "activate") opens it too, with the focus on the way back. */
  g_signal_emit_by_name (page_child (page, "list_view"), "activate", position);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  g_assert_true (gtk_widget_is_focus (page_child (page, "back_button")));
  click (page_child (page, "back_button"));

  g_assert_true (otasuke_advisories_page_show_advisory (page, ROUTER_ID));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  g_assert_true (gtk_widget_is_visible (page_child (page, "back_button")));
  save_png (GTK_WIDGET (fixture->window), "advisories-narrow-detail.png");

  click (page_child (page, "back_button"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
}

static void
test_advisories_narrow (void)
{
  reset_with_size (400, 700);
  run_in_app (check_advisories_narrow);
}

/* The consultation sheet page. */

#define SHEET_COMPANY "さくら印刷株式会社"

static OtasukeSheetPage *
find_sheet_page (Fixture *fixture)
{
  return OTASUKE_SHEET_PAGE (find_by_type (GTK_WIDGET (fixture->window), OTASUKE_TYPE_SHEET_PAGE));
}

static gpointer
sheet_child (OtasukeSheetPage *page,
             const char       *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), OTASUKE_TYPE_SHEET_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static gboolean
sheet_is_loaded (gpointer data)
{
  return otasuke_sheet_page_get_sheet (data) != NULL;
}

static gboolean
sheet_is_saved (gpointer data)
{
  return !otasuke_sheet_page_get_unsaved (data);
}

static OtasukeSheetPage *
show_sheet_page (Fixture *fixture)
{
  OtasukeSheetPage *page = find_sheet_page (fixture);

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "sheet"));
  iterate_until (sheet_is_loaded, page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sheet_child (page, "main_stack")), ==, "form");
  return page;
}

/* Scrolls the form so that @widget is @above pixels below the top. */
static void
scroll_to (OtasukeSheetPage *page,
           GtkWidget        *widget,
           double            above)
{
  GtkWidget *scroller = find_by_type (sheet_child (page, "form_page"), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double x, y;

  wait_for_frames (GTK_WIDGET (page));
  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  /* The viewport stays put while its content moves: add what is scrolled already. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - above);
}

static void
collect_spin_buttons (GtkWidget *root,
                      GPtrArray *into)
{
  if (GTK_IS_SPIN_BUTTON (root))
    g_ptr_array_add (into, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_spin_buttons (child, into);
}

static void
close_message_dialog (GtkWindow  *dialog,
                      const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
  iterate_until (no_message_dialog, NULL);
}

/* Adds an entry through the page's own dialog, as a person would. */
static void
add_event_through_dialog (OtasukeSheetPage *page,
                          int               day,
                          int               hour,
                          int               minute,
                          const char       *text,
                          const char       *png)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 11, day, 0, 0, 0);
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWindow *dialog;
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.add-event", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("Add an Entry"));

  /* Nothing to add until something is written. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));

  gtk_calendar_select_day (GTK_CALENDAR (find_by_type (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR)), date);
  collect_spin_buttons (GTK_WIDGET (dialog), spins);
  g_assert_cmpuint (spins->len, ==, 2);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), hour);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), minute);
  entry = find_by_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));

  if (png != NULL)
    save_png (GTK_WIDGET (dialog), png);

  close_message_dialog (dialog, "save");
}

static const char *
timeline_title (OtasukeSheetPage *page,
                int               index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (sheet_child (page, "timeline_list"), index);

  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

static void
test_sheet_detected (Fixture       *fixture,
                     gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  OtasukeSheet *sheet = otasuke_sheet_page_get_sheet (page);
  g_autofree char *os = otasuke_sheet_describe_os (otasuke_application_get_os_info (fixture->app));
  GtkWidget *os_row = sheet_child (page, "os_row");

  /* The operating system is filled in and marked as found by the program. */
  g_assert_nonnull (os);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (os_row)), ==, os);
  g_assert_true (otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_OPERATING_SYSTEM));
  g_assert_true (gtk_widget_get_visible (sheet_child (page, "os_detected")));
  g_assert_true (has_label (os_row, _("Detected — please check")));
  /* Nothing found: nothing marked. */
  g_assert_false (gtk_widget_get_visible (sheet_child (page, "security_detected")));
  /* Opening the page is not an edit: there is nothing to save. */
  g_assert_false (otasuke_sheet_page_get_unsaved (page));
  save_png (GTK_WIDGET (fixture->window), "sheet-top.png");

  /* Once the user changes it, it is theirs. */
  gtk_editable_set_text (GTK_EDITABLE (os_row), "Windows 11 Pro 23H2");
  g_assert_false (gtk_widget_get_visible (sheet_child (page, "os_detected")));
  g_assert_false (otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_OPERATING_SYSTEM));
  g_assert_cmpstr (otasuke_sheet_get_operating_system (sheet), ==, "Windows 11 Pro 23H2");
  iterate_until (sheet_is_saved, page);
}

static void
check_fill_sheet (Fixture       *fixture,
                  gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  OtasukeSheet *sheet = otasuke_sheet_page_get_sheet (page);
  GtkWidget *service_row = sheet_child (page, "add_service_row");

  gtk_editable_set_text (GTK_EDITABLE (sheet_child (page, "company_row")), SHEET_COMPANY);
  g_assert_cmpstr (otasuke_sheet_get_company_name (sheet), ==, SHEET_COMPANY);
  g_assert_true (otasuke_sheet_page_get_unsaved (page));

  gtk_editable_set_text (GTK_EDITABLE (service_row), "Microsoft 365");
  g_signal_emit_by_name (service_row, "apply");
  g_assert_cmpstr (otasuke_sheet_get_cloud_services (sheet)[0], ==, "Microsoft 365");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (service_row)), ==, "");
  gtk_spin_button_set_value (sheet_child (page, "devices_spin"), 2);
  g_assert_cmpint (otasuke_sheet_get_affected_devices (sheet), ==, 2);

  scroll_to (page, sheet_child (page, "devices_spin"), 260);
  save_png (GTK_WIDGET (fixture->window), "sheet-device.png");

  /* Out of order on purpose. */
  add_event_through_dialog (page, 20, 10, 5, "Files on the shared folder were renamed", "sheet-timeline-dialog.png");
  add_event_through_dialog (page, 18, 9, 0, "A mail with a Word attachment arrived", NULL);
  add_event_through_dialog (page, 22, 15, 30, "The screen showed a ransom message", NULL);

  g_assert_cmpuint (otasuke_sheet_get_n_events (sheet), ==, 3);
  g_assert_cmpstr (timeline_title (page, 0), ==, "A mail with a Word attachment arrived");
  g_assert_cmpstr (timeline_title (page, 1), ==, "Files on the shared folder were renamed");
  g_assert_cmpstr (timeline_title (page, 2), ==, "The screen showed a ransom message");
  g_assert_null (timeline_title (page, 3));

  /* With the group's title and description above the list. */
  scroll_to (page, sheet_child (page, "timeline_list"), 90);
  save_png (GTK_WIDGET (fixture->window), "sheet-timeline.png");

  /* Saved about a second after the last edit, in the background. */
  iterate_until (sheet_is_saved, page);
  g_assert_cmpint (otasuke_sheet_get_id (sheet), >, 0);
  g_assert_cmpstr (gtk_label_get_text (sheet_child (page, "saved_label")), ==, _("Saved"));
}

static gboolean
drafts_are_listed (gpointer data)
{
  return gtk_list_box_get_row_at_index (sheet_child (data, "drafts_list"), 0) != NULL;
}

static void
check_sheet_restored (Fixture       *fixture,
                      gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  OtasukeSheet *sheet = otasuke_sheet_page_get_sheet (page);

  g_assert_cmpint (otasuke_sheet_get_id (sheet), >, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sheet_child (page, "company_row"))), ==, SHEET_COMPANY);
  g_assert_cmpstr (otasuke_sheet_get_cloud_services (sheet)[0], ==, "Microsoft 365");
  g_assert_cmpint (otasuke_sheet_get_affected_devices (sheet), ==, 2);
  g_assert_cmpuint (otasuke_sheet_get_n_events (sheet), ==, 3);
  g_assert_cmpstr (timeline_title (page, 0), ==, "A mail with a Word attachment arrived");
  g_assert_cmpstr (timeline_title (page, 1), ==, "Files on the shared folder were renamed");
  g_assert_cmpstr (timeline_title (page, 2), ==, "The screen showed a ransom message");
  g_assert_cmpint (otasuke_sheet_get_event (sheet, 0)->at, <, otasuke_sheet_get_event (sheet, 1)->at);
  g_assert_cmpint (otasuke_sheet_get_event (sheet, 1)->at, <, otasuke_sheet_get_event (sheet, 2)->at);
  /* Still what the program found, still marked. */
  g_assert_true (gtk_widget_get_visible (sheet_child (page, "os_detected")));
  /* Opening a draft is not an edit. */
  g_assert_false (otasuke_sheet_page_get_unsaved (page));

  /* The draft is listed; a new sheet starts empty but for what was detected. */
  gtk_menu_button_popup (sheet_child (page, "drafts_button"));
  iterate_until (drafts_are_listed, page);
  save_png (GTK_WIDGET (sheet_child (page, "drafts_popover")), "sheet-drafts.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.new", NULL));
  sheet = otasuke_sheet_page_get_sheet (page);
  g_assert_cmpint (otasuke_sheet_get_id (sheet), ==, 0);
  g_assert_null (otasuke_sheet_get_company_name (sheet));
  g_assert_cmpuint (otasuke_sheet_get_n_events (sheet), ==, 0);
  g_assert_true (otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_OPERATING_SYSTEM));
  g_assert_false (otasuke_sheet_page_get_unsaved (page));
}

static void
test_sheet_survives_restart (void)
{
  reset_with_size (1024, 700);
  run_in_app (check_fill_sheet);
  /* The same history file, a new start. */
  run_in_app (check_sheet_restored);
}

static void
check_sheet_narrow (Fixture       *fixture,
                    gconstpointer  data)
{
  show_sheet_page (fixture);
  save_png (GTK_WIDGET (fixture->window), "sheet-narrow.png");
  /* The page does not make the window wider than it was asked to be. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 400);
}

static void
test_sheet_narrow (void)
{
  reset_with_size (400, 700);
  run_in_app (check_sheet_narrow);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_sheet_save_pdf (Fixture       *fixture,
                     gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  g_autofree char *dir = g_dir_make_tmp ("otasuke-sheet-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  struct stat st;

  g_assert_nonnull (dir);
  gtk_editable_set_text (GTK_EDITABLE (sheet_child (page, "company_row")), SHEET_COMPANY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.save-pdf-to", "s", path));
  /* Written to a temporary file and renamed: once it exists, it is whole. */
  iterate_until (file_exists, path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  if (program == NULL)
    g_test_message ("pdftotext is not installed: the PDF's text is not checked");
  else
    {
      const char *argv[] = { program, "-enc", "UTF-8", path, "-", NULL };
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (text, SHEET_COMPANY));
    }

  iterate_until (sheet_is_saved, page);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_sheet_empty_items (Fixture       *fixture,
                        gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  GtkWindow *dialog;
  GtkWidget *list;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.print", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("Some Items Are Still Empty"));
  list = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_true (GTK_IS_LABEL (list));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (list)), _("Company name")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (list)), _("What happened, in order")));
  /* The operating system was filled in for the user: not listed. */
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (list)), _("Operating system")));
  save_png (GTK_WIDGET (dialog), "sheet-empty-items.png");
  close_message_dialog (dialog, "back");
}

static void
test_sheet_desks (Fixture       *fixture,
                  gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  GtkWidget *desks = sheet_child (page, "desks_box");

  iterate_until (advisories_are_loaded, fixture->app);
  g_assert_true (has_label (desks, "03-5978-7509"));
  g_assert_true (has_label (desks, "cs-support@ipa.go.jp"));
  g_assert_true (has_label (desks, "anshin@ipa.go.jp"));
  g_assert_true (has_label (sheet_child (page, "limits_box"),
                           _("When you send this sheet or screenshots by mail, keep the attachments under "
                             "about 3 MB in total.")));
  scroll_to (page, desks, 110);
  save_png (GTK_WIDGET (fixture->window), "sheet-desks.png");
  scroll_to (page, sheet_child (page, "limits_box"), 420);
  save_png (GTK_WIDGET (fixture->window), "sheet-bottom.png");
}

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
  history_run_times[2] = now - 2 * 60 * 60;

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
}

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

/* What the probes would find on a well-kept Debian machine. */
static OtasukeProbeReport *
test_probe_report (void)
{
  OtasukeProbeReport *report = g_new0 (OtasukeProbeReport, 1);
  OtasukeProbeBrowser *browser = g_new0 (OtasukeProbeBrowser, 1);

  browser->id = g_strdup ("chromium");
  browser->name = g_strdup ("Chromium");
  browser->version = g_strdup ("156.0.8078.108");
  browser->channel = g_strdup ("stable");
  browser->source = OTASUKE_PROBE_SOURCE_DEB;
  browser->path = g_strdup ("/usr/bin/chromium");
  report->browsers = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_probe_browser_free);
  g_ptr_array_add (report->browsers, browser);

  report->os.name = g_strdup ("Debian GNU/Linux");
  report->os.version = g_strdup ("12 (bookworm)");
  report->os.id = g_strdup ("debian");
  report->os.version_id = g_strdup ("12");
  report->os.architecture = g_strdup ("x86_64");
  report->os.supported = OTASUKE_PROBE_YES;
  report->os.end_of_support = g_strdup ("2028-06-30");
  report->security_software.clamav_installed = TRUE;
  report->security_software.clamav_scanner_path = g_strdup ("/usr/bin/clamscan");
  report->security_software.clamav_updater_installed = TRUE;
  report->security_software.clamav_updater_enabled = TRUE;
  report->security_software.clamav_signatures_time = g_get_real_time () / G_USEC_PER_SEC - 3600;
  report->security_software.clamav_signatures_age_days = 0;
  report->firewall.ufw_installed = TRUE;
  report->firewall.ufw_enabled = TRUE;
  report->office_macros.libreoffice_installed = TRUE;
  report->office_macros.macro_security_level = 2;
  report->screen_lock.detected = TRUE;
  report->screen_lock.lock_enabled = TRUE;
  report->screen_lock.idle_delay_seconds = 300;

  return report;
}

static OtasukeCheckPage *
show_check_page (Fixture *fixture)
{
  OtasukeCheckPage *page = find_check_page (fixture->window);

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "check"));
  iterate_until (check_page_is_loaded, page);
  otasuke_check_page_set_probe_report_for_testing (page, test_probe_report ());
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

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.start", NULL));
  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "wizard");
  run = otasuke_check_page_get_run (page);
  g_assert_nonnull (run);

  /* What the probes found is suggested, said as such, and taken until the user answers. */
  g_assert_cmpint (otasuke_check_run_get_answer (run, "seed-browsers", &from_suggestion), ==, OTASUKE_ANSWER_DONE);
  g_assert_true (from_suggestion);
  g_assert_true (has_label_containing (check_child (page, "items_box"), "156.0.8078.108"));
  suggested = g_strdup_printf (_("Suggested answer: %s"), otasuke_answer_get_label (OTASUKE_ANSWER_DONE));
  g_assert_true (has_label (check_child (page, "items_box"), suggested));
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
      answer_section (page, checklist, i);
      if (i == 4)
        save_png (GTK_WIDGET (fixture->window), "check-section-mail.png");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.next", NULL));

      /* Leaving the section forgets the password. */
      if (router_section)
        {
          g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, "");
          g_assert_cmpint (otasuke_password_meter_get_strength (meter), ==, OTASUKE_PASSWORD_STRENGTH_NONE);
        }
    }

  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "results");
  g_assert_cmpstr (gtk_label_get_text (results_child (page, "score_label")), ==, G_STRINGIFY (PLANNED_SCORE));
  g_assert_cmpstr (gtk_label_get_text (results_child (page, "band_label")), ==,
                   otasuke_score_band_get_title (OTASUKE_SCORE_BAND_SOME_GAPS));
  g_assert_cmpstr (gtk_label_get_text (results_child (page, "meaning_label")), ==,
                   otasuke_score_band_get_meaning (OTASUKE_SCORE_BAND_SOME_GAPS));
  /* The router advisory first, then the password question left not done. */
  g_assert_true (has_label (results_child (page, "fix_group"), otasuke_checklist_lookup (checklist, "seed-router-firmware")->question));
  g_assert_true (has_label (results_child (page, "fix_group"), otasuke_checklist_lookup (checklist, "ipa-03")->question));
  g_assert_true (has_label (results_child (page, "advice_box"), otasuke_checklist_lookup (checklist, "ipa-25")->question));
  save_png (GTK_WIDGET (fixture->window), "check-results.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.save", NULL));
  g_assert_true (otasuke_check_run_is_finished (run));
  iterate_until (check_page_is_saved, page);
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

  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "start");
  g_assert_true (gtk_widget_get_visible (check_child (page, "resume_button")));
  g_assert_true (gtk_widget_get_visible (check_child (page, "resume_label")));
  save_png (GTK_WIDGET (fixture->window), "check-start-resume.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.resume", NULL));
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
  run_in_app (check_check_narrow);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("OTASUKE_LOCALEDIR");
  static const char * const xdg_vars[] = {
    "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };
  g_autofree char *private_root = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  private_root = g_dir_make_tmp ("otasuke-test-window-XXXXXX", NULL);
  g_assert_nonnull (private_root);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_vars); i++)
    {
      g_autofree char *dir = g_build_filename (private_root, xdg_vars[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (xdg_vars[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_data_func ("/window/pages", (gconstpointer) test_pages, run_clean);
  g_test_add_data_func ("/window/shortcuts", (gconstpointer) test_shortcuts, run_clean);
  g_test_add_data_func ("/window/overview/this-machine", (gconstpointer) test_overview_shows_this_machine, run_clean);
  g_test_add_func ("/window/overview/last-check", test_overview_shows_last_check);
  g_test_add_func ("/window/overview/recovered-database", test_overview_reports_recovered_database);
  g_test_add_func ("/window/overview/unusable-folder", test_overview_reports_unusable_folder);
  g_test_add_data_func ("/window/preferences", (gconstpointer) test_preferences, run_clean);
  g_test_add_data_func ("/window/remembers-size", (gconstpointer) test_window_remembers_size, run_clean);
  g_test_add_data_func ("/window/about", (gconstpointer) test_about, run_clean);
  g_test_add_func ("/window/narrow", test_narrow_window);
  g_test_add_data_func ("/window/advisories/bundled", (gconstpointer) test_advisories_bundled, run_clean);
  g_test_add_func ("/window/advisories/read-survives-restart", test_advisories_read_survives_restart);
  g_test_add_data_func ("/window/advisories/mark-all-read", (gconstpointer) test_advisories_mark_all_read, run_clean);
  g_test_add_func ("/window/advisories/markup-is-literal", test_advisories_markup_is_literal);
  g_test_add_func ("/window/advisories/stale", test_advisories_stale);
  g_test_add_func ("/window/advisories/failed-fetch", test_advisories_failed_fetch);
  g_test_add_data_func ("/window/advisories/check-now", (gconstpointer) test_advisories_check_now, run_clean);
  g_test_add_data_func ("/window/advisories/category-filter", (gconstpointer) test_advisories_category_filter, run_clean);
  g_test_add_data_func ("/window/advisories/link", (gconstpointer) test_advisories_link, run_clean);
  g_test_add_data_func ("/window/advisories/affects-you", (gconstpointer) test_advisories_affects_you, run_clean);
  g_test_add_func ("/window/advisories/narrow", test_advisories_narrow);
  g_test_add_data_func ("/window/sheet/detected", (gconstpointer) test_sheet_detected, run_clean);
  g_test_add_func ("/window/sheet/survives-restart", test_sheet_survives_restart);
  g_test_add_data_func ("/window/sheet/save-pdf", (gconstpointer) test_sheet_save_pdf, run_clean);
  g_test_add_data_func ("/window/sheet/empty-items", (gconstpointer) test_sheet_empty_items, run_clean);
  g_test_add_data_func ("/window/sheet/desks", (gconstpointer) test_sheet_desks, run_clean);
  g_test_add_func ("/window/sheet/narrow", test_sheet_narrow);

  g_test_add_func ("/window/history", test_history);
  g_test_add_data_func ("/window/history/empty", (gconstpointer) test_history_empty, run_clean);
  g_test_add_func ("/window/history/narrow", test_history_narrow);
  g_test_add_data_func ("/window/check/complete", (gconstpointer) test_check_complete, run_clean);
  g_test_add_func ("/window/check/resume", test_check_resume);
  g_test_add_func ("/window/check/narrow", test_check_narrow);
  status = g_test_run ();
  remove_tree (private_root);
  return status;
}
