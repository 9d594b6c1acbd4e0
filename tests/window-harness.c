/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "otasuke-check-results.h"
#include "otasuke-overview-page.h"
#include "otasuke-store.h"
#include "window-harness.h"

static char *harness_app_id;
static char *harness_root;
static char *probe_root;

gboolean
is_japanese (void)
{
  const char *lang = setlocale (LC_MESSAGES, NULL);

  return lang != NULL && g_str_has_prefix (lang, "ja");
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
void
wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, tick_cb, &frames, NULL);

  gtk_widget_queue_draw (widget);
  iterate_until (enough_frames, &frames);
  gtk_widget_remove_tick_callback (widget, id);
}

void
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

void
probe_root_write (const char *relative,
                  const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (probe_root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* A Debian 12 with nothing installed yet. */
void
reset_probe_root (void)
{
  test_remove_tree (probe_root);
  g_assert_cmpint (g_mkdir_with_parents (probe_root, 0700), ==, 0);
  probe_root_write ("etc/os-release",
                    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                    "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n");
}

typedef struct {
  OtasukeProbeService *service;
  guint                n_runs;
} ProbeWait;

static gboolean
probe_ran (gpointer data)
{
  ProbeWait *wait = data;

  return otasuke_probe_service_get_n_runs (wait->service) >= wait->n_runs &&
         !otasuke_probe_service_get_busy (wait->service);
}

const OtasukeProbeReport *
wait_for_probe (OtasukeApplication *app,
                guint               n_runs)
{
  ProbeWait wait = { otasuke_application_get_probe_service (app), n_runs };

  iterate_until (probe_ran, &wait);
  g_assert_nonnull (otasuke_probe_service_get_report (wait.service));
  return otasuke_probe_service_get_report (wait.service);
}

/* GLib's per-test isolation also hides /usr/share (icons, MIME types) from
 * GTK, so this program gets one private XDG tree and each case starts from a
 * clean slate in it: no database, no autostart entry, default settings, and
 * a fake computer for the probes with nothing installed. */
void
reset_user_state (void)
{
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "otasuke", NULL);
  g_autofree char *autostart = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  test_remove_tree (data);
  test_remove_tree (autostart);
  reset_probe_root ();

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

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
void
run_in_app (FixtureFunc body)
{
  AppRun run = { body, FALSE };
  OtasukeApplication *app = otasuke_application_new ();

  /* Each test program has an id of its own, so they can run side by side on
   * one session bus. Settings and resources do not follow the id. */
  g_application_set_application_id (G_APPLICATION (app), harness_app_id);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_true (run.ran);
  g_assert_finalize_object (app);
}

void
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

GtkWidget *
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

OtasukeOverviewPage *
find_overview (OtasukeWindow *window)
{
  return OTASUKE_OVERVIEW_PAGE (find_by_type (GTK_WIDGET (window), OTASUKE_TYPE_OVERVIEW_PAGE));
}

gboolean
advisories_are_loaded (gpointer data)
{
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (data);

  return advisories != NULL && otasuke_advisories_get_loaded (advisories);
}

gboolean
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

GtkLabel *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* What a click does; gtk_widget_activate() would wait for the press animation. */
void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Starts from a clean slate at the size the pictures are taken at, like run_clean(). */
void
reset_with_size (int width,
                 int height)
{
  g_autoptr(GSettings) settings = NULL;

  reset_user_state ();
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
}

OtasukeStore *
open_test_store (void)
{
  g_autofree char *db_path = otasuke_store_default_path ();
  g_autoptr(GError) error = NULL;
  OtasukeStore *store = otasuke_store_open (db_path, &error);

  g_assert_no_error (error);
  return store;
}

GtkWindow *
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

gboolean
no_message_dialog (gpointer data)
{
  return find_message_dialog () == NULL;
}

void
window_harness_init (int         *argc,
                     char      ***argv,
                     const char  *name)
{
  const char *localedir = g_getenv ("OTASUKE_LOCALEDIR");
  static const char * const xdg_vars[] = {
    "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };

  /* The -ja tests ask for ja_JP.UTF-8; without it the C library stays in "C" and
   * they would quietly test the English interface a second time. */
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("the locale %s is not installed; the window tests need it (build-aux/dev.sh generates ja_JP.UTF-8)",
             g_getenv ("LC_ALL") != NULL ? g_getenv ("LC_ALL") : g_getenv ("LANG"));
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Both languages of a program run at the same time too. */
  harness_app_id = g_strconcat ("jp.or.sakura_cci.Otasuke.Test.", name, is_japanese () ? ".Ja" : ".En", NULL);

  harness_root = g_dir_make_tmp ("otasuke-test-window-XXXXXX", NULL);
  g_assert_nonnull (harness_root);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_vars); i++)
    {
      g_autofree char *dir = g_build_filename (harness_root, xdg_vars[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (xdg_vars[i], dir, TRUE);
    }

  /* The probes look at a fake computer, never at the one running the tests. */
  probe_root = g_build_filename (harness_root, "probe-root", NULL);
  g_setenv ("OTASUKE_PROBE_ROOT", probe_root, TRUE);
  reset_probe_root ();

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
}

int
window_harness_run (void)
{
  int status = g_test_run ();

  test_remove_tree (harness_root);
  g_clear_pointer (&harness_root, g_free);
  g_clear_pointer (&probe_root, g_free);
  g_clear_pointer (&harness_app_id, g_free);
  return status;
}

static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen,
                   const char *view)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      guint keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));

      if (keyval != GDK_KEY_VoidSymbol)
        {
          const char *text = gtk_label_get_text (GTK_LABEL (widget));
          const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (keyval));

          if (other != NULL)
            g_error ("%s: “%s” and “%s” share Alt+%s", view, other, text, gdk_keyval_name (keyval));
          g_hash_table_insert (seen, GUINT_TO_POINTER (keyval), (gpointer) text);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen, view);
}

void
assert_unique_mnemonics (GtkWidget  *root,
                         const char *view)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  collect_mnemonics (root, seen, view);
}

static void
check_no_english (const char         *text,
                  const char * const *allowed,
                  GString            *found)
{
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return;
  words = g_regex_split_simple ("[^A-Za-z:/._-]+", text, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      gboolean letters = FALSE;

      for (const char *p = word; *p != '\0'; p++)
        letters |= g_ascii_isalpha (*p) && g_ascii_isalpha (p[1]);
      if (!letters || strstr (word, "://") != NULL || g_str_has_prefix (word, "www."))
        continue;
      if (allowed != NULL && g_strv_contains (allowed, word))
        continue;
      g_string_append_printf (found, " “%s” in “%s”;", word, text);
    }
}

static void
collect_english (GtkWidget          *root,
                 const char * const *allowed,
                 GString            *found)
{
  if (GTK_IS_LABEL (root))
    check_no_english (gtk_label_get_text (GTK_LABEL (root)), allowed, found);
  if (ADW_IS_PREFERENCES_ROW (root))
    check_no_english (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), allowed, found);
  if (ADW_IS_ACTION_ROW (root))
    check_no_english (adw_action_row_get_subtitle (ADW_ACTION_ROW (root)), allowed, found);
  if (ADW_IS_PREFERENCES_GROUP (root))
    check_no_english (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)), allowed, found);
  if (ADW_IS_WINDOW_TITLE (root))
    check_no_english (adw_window_title_get_title (ADW_WINDOW_TITLE (root)), allowed, found);
  if (GTK_IS_WINDOW (root))
    check_no_english (gtk_window_get_title (GTK_WINDOW (root)), allowed, found);
  if (GTK_IS_TEXT_VIEW (root))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (root));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      check_no_english (text, allowed, found);
    }
  check_no_english (gtk_widget_get_tooltip_text (root), allowed, found);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_english (child, allowed, found);
}

void
assert_no_english (GtkWidget          *root,
                   const char * const *allowed)
{
  g_autoptr(GString) found = g_string_new (NULL);

  collect_english (root, allowed, found);
  if (found->len > 0)
    g_error ("English in the Japanese interface:%s", found->str);
}

/* Keyboard input */

#define KEY_MODIFIERS (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | \
                       GDK_HYPER_MASK | GDK_META_MASK)

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     modifiers,
                 GdkModifierType     mnemonic_modifiers)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))) ==
             gdk_keyval_to_lower (keyval) &&
           (gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) & KEY_MODIFIERS) ==
             (modifiers & KEY_MODIFIERS);
  if (GTK_IS_MNEMONIC_TRIGGER (trigger))
    return gdk_keyval_to_lower (gtk_mnemonic_trigger_get_keyval (GTK_MNEMONIC_TRIGGER (trigger))) ==
             gdk_keyval_to_lower (keyval) &&
           (modifiers & KEY_MODIFIERS) == (mnemonic_modifiers & KEY_MODIFIERS);
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            keyval, modifiers, mnemonic_modifiers) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            keyval, modifiers, mnemonic_modifiers);
  return FALSE;
}

/* One controller's turn at the key: TRUE when it took it. */
static gboolean
controller_takes_key (GtkEventController *controller,
                      GtkWidget          *widget,
                      guint               keyval,
                      GdkModifierType     modifiers)
{
  if (!gtk_widget_is_sensitive (widget))
    return FALSE;

  /* An input method needs the real event; nothing of ours goes through one. */
  if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && !GTK_IS_TEXT (widget) && !GTK_IS_TEXT_VIEW (widget))
    {
      gboolean handled = FALSE;

      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, modifiers, &handled);
      return handled;
    }

  if (GTK_IS_SHORTCUT_CONTROLLER (controller))
    {
      GListModel *shortcuts = G_LIST_MODEL (controller);
      GdkModifierType mnemonic_modifiers =
        gtk_shortcut_controller_get_mnemonics_modifiers (GTK_SHORTCUT_CONTROLLER (controller));

      for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);

          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, modifiers, mnemonic_modifiers) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                            widget, gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
widget_takes_key (GtkWidget          *widget,
                  GtkPropagationPhase phase,
                  guint               keyval,
                  GdkModifierType     modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (gtk_event_controller_get_propagation_phase (controller) == phase &&
          controller_takes_key (controller, widget, keyval, modifiers))
        return TRUE;
    }
  return FALSE;
}

gboolean
send_key (GtkWindow       *window,
          guint            keyval,
          GdkModifierType  modifiers)
{
  GtkWidget *target = gtk_root_get_focus (GTK_ROOT (window));
  /* Held: a key can rebuild the view it was pressed in (Alt+→ does). */
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func (g_object_unref);

  if (target == NULL)
    target = GTK_WIDGET (window);
  for (GtkWidget *widget = target; widget != NULL; widget = gtk_widget_get_parent (widget))
    g_ptr_array_add (chain, g_object_ref (widget));

  /* Capture, from the window down to the focus… */
  for (guint i = chain->len; i > 0; i--)
    if (widget_takes_key (g_ptr_array_index (chain, i - 1), GTK_PHASE_CAPTURE, keyval, modifiers))
      return TRUE;
  if (widget_takes_key (target, GTK_PHASE_TARGET, keyval, modifiers))
    return TRUE;
  /* …then bubbling back up. */
  for (guint i = 0; i < chain->len; i++)
    if (widget_takes_key (g_ptr_array_index (chain, i), GTK_PHASE_BUBBLE, keyval, modifiers))
      return TRUE;
  return FALSE;
}

guint
count_focus_stops (GtkWindow *window,
                   GtkWidget *inside)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint stops = 0;

  for (guint i = 0; i < 2000; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL)
        continue;
      if (g_hash_table_contains (seen, focus))
        return stops;
      g_hash_table_add (seen, focus);
      if (focus == inside || gtk_widget_is_ancestor (focus, inside))
        stops++;
    }
  g_error ("Tab never came round again in %s", G_OBJECT_TYPE_NAME (window));
  return 0;
}

void
assert_no_focusable_text (GtkWidget  *root,
                          const char *view)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_focusable (root))
    g_error ("The label “%s” on %s takes the keyboard focus (and selects itself whole on Tab)",
             gtk_label_get_text (GTK_LABEL (root)), view);
  /* GTK 4.8's GtkLabel claims a Tab it cannot take when only focusable is off:
   * the focus stays where it was. */
  if (GTK_IS_LABEL (root) && gtk_label_get_selectable (GTK_LABEL (root)) && gtk_widget_get_can_focus (root))
    g_error ("The selectable label “%s” on %s stops Tab from moving on", gtk_label_get_text (GTK_LABEL (root)), view);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_no_focusable_text (child, view);
}

static void
assert_labels_fit (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      !gtk_label_get_wrap (GTK_LABEL (root)) && gtk_label_get_ellipsize (GTK_LABEL (root)) == PANGO_ELLIPSIZE_NONE)
    {
      /* A text that cannot wrap or shorten itself: its one line, against
       * the room it was given (margins aside). */
      int text_width = 0;

      pango_layout_get_pixel_size (gtk_label_get_layout (GTK_LABEL (root)), &text_width, NULL);
      if (text_width > 240)
        g_error ("The label “%s” in a popover neither wraps nor shortens (%d px wide)",
                 gtk_label_get_text (GTK_LABEL (root)), text_width);
      if (gtk_widget_get_width (root) < text_width)
        g_error ("The label “%s” in a popover is cut off: %d px of %d", gtk_label_get_text (GTK_LABEL (root)),
                 gtk_widget_get_width (root), text_width);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_labels_fit (child);
}

void
assert_popover_fits (GtkPopover *popover)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (gtk_widget_get_parent (GTK_WIDGET (popover))));

  gtk_popover_popup (popover);
  wait_for_frames (GTK_WIDGET (popover));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  /* Inside the window, so nothing is cut off at its edge. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (popover)), <=, gtk_widget_get_width (window));
  assert_labels_fit (GTK_WIDGET (popover));
}

OtasukeCheckPage *
find_check_page (OtasukeWindow *window)
{
  return OTASUKE_CHECK_PAGE (find_by_type (GTK_WIDGET (window), OTASUKE_TYPE_CHECK_PAGE));
}

gpointer
check_child (OtasukeCheckPage *page,
             const char       *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), OTASUKE_TYPE_CHECK_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

gpointer
results_child (OtasukeCheckPage *page,
               const char       *name)
{
  GObject *child = gtk_widget_get_template_child (check_child (page, "results"),
                                                  OTASUKE_TYPE_CHECK_RESULTS, name);

  g_assert_nonnull (child);
  return child;
}

gboolean
check_page_is_loaded (gpointer data)
{
  return otasuke_check_page_get_loaded (data);
}
