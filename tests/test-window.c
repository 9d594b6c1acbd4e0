/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "otasuke-application.h"
#include "otasuke-overview-page.h"
#include "otasuke-preferences-window.h"
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

  g_assert_null (otasuke_application_get_store (fixture->app));
  g_assert_nonnull (otasuke_application_get_store_error (fixture->app));
  g_assert_nonnull (problem);
  g_test_message ("problem: %s", problem);
  save_png (GTK_WIDGET (fixture->window), "overview-unusable-folder.png");
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

  status = g_test_run ();
  remove_tree (private_root);
  return status;
}
