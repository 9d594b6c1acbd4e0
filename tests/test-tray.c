/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-tray"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "otasuke-advisories-page.h"
#include "otasuke-application.h"
#include "otasuke-autostart.h"
#include "otasuke-minisign.h"
#include "otasuke-preferences-window.h"
#include "otasuke-store-advisories.h"
#include "otasuke-tray.h"
#include "otasuke-window.h"
#include "test-server.h"
#include "test-util.h"

/* The tray icon (StatusNotifierItem + dbusmenu) and the notifications, driven
 * from outside through D-Bus as a panel and a notification server would.
 * Needs a private session bus (dbus-run-session) and a display. The test's
 * own bus connection plays the panel: the application runs in this process,
 * so every call to it is asynchronous while this thread turns the main loop. */

#define WATCHER_NAME  "org.kde.StatusNotifierWatcher"
#define WATCHER_PATH  "/StatusNotifierWatcher"
#define NOTIFY_NAME   "org.freedesktop.Notifications"
#define NOTIFY_PATH   "/org/freedesktop/Notifications"
#define ADVISORY_ID   "tray-test-high"
#define ADVISORY_TITLE "Routers of the XYZ series are being taken over"

static GDBusConnection *bus;  /* the test's own connection: panel and notification client */

static gboolean
pointer_is_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Only for looking out for something that must NOT happen (a quit, a second
 * notification): handles events for @ms. Never a wait for something to be done. */
static void
watch_for_unwanted (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, set_flag_cb, &over);
  iterate_until (flag_is_set, &over);
}

/* D-Bus, asynchronously ------------------------------------------------------ */

typedef struct {
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Call;

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &call->error);
  call->done = TRUE;
}

static GVariant *
call (const char         *dest,
      const char         *path,
      const char         *iface,
      const char         *method,
      GVariant           *parameters,
      const GVariantType *reply_type)
{
  Call result = { 0 };

  g_dbus_connection_call (bus, dest, path, iface, method, parameters, reply_type,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, call_cb, &result);
  iterate_until (flag_is_set, &result.done);
  g_assert_no_error (result.error);
  return result.reply;
}

static const char *
app_bus_name (OtasukeApplication *app)
{
  return g_dbus_connection_get_unique_name (g_application_get_dbus_connection (G_APPLICATION (app)));
}

static GVariant *
item_property (OtasukeApplication *app,
               const char         *name)
{
  g_autoptr(GVariant) reply = call (app_bus_name (app), "/StatusNotifierItem", "org.freedesktop.DBus.Properties",
                                    "Get", g_variant_new ("(ss)", "org.kde.StatusNotifierItem", name),
                                    G_VARIANT_TYPE ("(v)"));
  GVariant *value;

  g_variant_get (reply, "(v)", &value);
  return value;
}

/* Every answer the bus daemon owed the application (the owner of a name it
 * watches, say) has reached it and been handled: the daemon answers one
 * connection's calls in order, so a call the application's connection makes
 * now returns after those answers, whose callbacks are then queued here. */
static void
app_caught_up_with_bus (OtasukeApplication *app)
{
  GDBusConnection *connection = g_application_get_dbus_connection (G_APPLICATION (app));
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "GetId", NULL, G_VARIANT_TYPE ("(s)"),
                                                           G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);

  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A fake StatusNotifierWatcher ---------------------------------------------- */

typedef struct {
  guint      owner_id;
  guint      object_id;
  GPtrArray *registered;  /* service names */
  gboolean   owned;
  guint      host_queries;  /* answers to IsStatusNotifierHostRegistered */
} Watcher;

static Watcher watcher;

static const char watcher_xml[] =
  "<node><interface name='org.kde.StatusNotifierWatcher'>"
  "  <method name='RegisterStatusNotifierItem'><arg name='service' type='s' direction='in'/></method>"
  "  <method name='RegisterStatusNotifierHost'><arg name='service' type='s' direction='in'/></method>"
  "  <property name='RegisteredStatusNotifierItems' type='as' access='read'/>"
  "  <property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
  "  <property name='ProtocolVersion' type='i' access='read'/>"
  "  <signal name='StatusNotifierItemRegistered'><arg type='s'/></signal>"
  "  <signal name='StatusNotifierHostRegistered'/>"
  "</interface></node>";

static void
watcher_method_call (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  const char *service;

  g_variant_get (parameters, "(&s)", &service);
  if (g_str_equal (method_name, "RegisterStatusNotifierItem"))
    {
      g_test_message ("watcher: %s registered %s", sender, service);
      g_ptr_array_add (watcher.registered, g_strdup (service));
      g_dbus_connection_emit_signal (connection, NULL, WATCHER_PATH, WATCHER_NAME,
                                     "StatusNotifierItemRegistered", g_variant_new ("(s)", service), NULL);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
watcher_get_property (GDBusConnection  *connection,
                      const char       *sender,
                      const char       *object_path,
                      const char       *interface_name,
                      const char       *property_name,
                      GError          **error,
                      gpointer          user_data)
{
  if (g_str_equal (property_name, "IsStatusNotifierHostRegistered"))
    {
      watcher.host_queries++;
      return g_variant_new_boolean (TRUE);
    }
  if (g_str_equal (property_name, "ProtocolVersion"))
    return g_variant_new_int32 (0);
  return g_variant_new_strv ((const char * const *) watcher.registered->pdata, watcher.registered->len);
}

static const GDBusInterfaceVTable watcher_vtable = {
  .method_call = watcher_method_call,
  .get_property = watcher_get_property,
};

static void
watcher_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  watcher.owned = TRUE;
}

static void
watcher_start (void)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (watcher_xml, NULL);
  gboolean *owned = &watcher.owned;

  g_assert_nonnull (info);
  watcher.registered = g_ptr_array_new_with_free_func (g_free);
  watcher.object_id = g_dbus_connection_register_object (bus, WATCHER_PATH, info->interfaces[0],
                                                         &watcher_vtable, NULL, NULL, NULL);
  g_assert_cmpuint (watcher.object_id, !=, 0);
  watcher.owner_id = g_bus_own_name_on_connection (bus, WATCHER_NAME, G_BUS_NAME_OWNER_FLAGS_NONE,
                                                   watcher_acquired_cb, NULL, NULL, NULL);
  iterate_until (flag_is_set, owned);
}

static void
watcher_stop (void)
{
  if (watcher.owner_id == 0)
    return;
  g_bus_unown_name (watcher.owner_id);
  g_dbus_connection_unregister_object (bus, watcher.object_id);
  g_clear_pointer (&watcher.registered, g_ptr_array_unref);
  memset (&watcher, 0, sizeof watcher);
}

static gboolean
watcher_has_registration (gpointer data)
{
  return watcher.registered != NULL && watcher.registered->len > 0;
}

static gboolean
watcher_was_asked_for_host (gpointer data)
{
  return watcher.host_queries > 0;
}

/* The application has the watcher's answer that a host shows the icon: the
 * watcher answered, and a call sent to the application after that answer, on
 * the same connection, reaches it after the answer and is handled after it. */
static void
wait_for_host_answer (OtasukeApplication *app)
{
  g_autoptr(GVariant) status = NULL;

  iterate_until (watcher_was_asked_for_host, NULL);
  status = item_property (app, "Status");
}

/* Running the application ---------------------------------------------------- */

typedef void (*Body) (OtasukeApplication *app);

typedef struct {
  Body     body;
  gboolean ran;
  gboolean quits_by_itself;  /* the body lets the program end on its own */
} Run;

static gboolean
app_is_ready (gpointer data)
{
  return otasuke_application_get_ready (data);
}

static void
destroy_all_windows (GtkApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (app)) != NULL)
    {
      gpointer window = windows->data;

      g_object_add_weak_pointer (window, &window);
      gtk_window_destroy (GTK_WINDOW (window));
      iterate_until (pointer_is_cleared, &window);
    }
}

static void
on_activate_after (GApplication *app,
                   Run          *run)
{
  /* Once only: the body may activate the application again. */
  g_signal_handlers_disconnect_by_func (app, on_activate_after, run);

  iterate_until (app_is_ready, app);
  run->body (OTASUKE_APPLICATION (app));
  run->ran = TRUE;

  if (!run->quits_by_itself)
    {
      destroy_all_windows (GTK_APPLICATION (app));
      g_application_quit (app);
    }
}

static void
run_app (Body     body,
         gboolean background,
         gboolean quits_by_itself)
{
  Run run = { body, FALSE, quits_by_itself };
  OtasukeApplication *app = otasuke_application_new ();
  char *argv[] = { (char *) "otasuke", background ? (char *) "--background" : NULL, NULL };

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), background ? 2 : 1, argv), ==, 0);
  g_assert_true (run.ran);
  g_assert_finalize_object (app);
}

static void
reset_user_state (void)
{
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "otasuke", NULL);
  g_autofree char *autostart = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  test_remove_tree (data);
  test_remove_tree (autostart);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  /* No reminders in the way of what is tested. */
  g_settings_set_uint (settings, "backup-reminder-days", 0);
}

static OtasukeWindow *
active_window (OtasukeApplication *app)
{
  return OTASUKE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static gboolean
has_window (gpointer data)
{
  return gtk_application_get_active_window (data) != NULL;
}

/* The item and the watcher ----------------------------------------------------- */

static gboolean attention_is (OtasukeApplication *app, const char *expected);

static gboolean
icon_follows_attention (gpointer data)
{
  OtasukeApplication *app = data;
  g_autoptr(GVariant) icon = item_property (app, "IconName");
  g_autofree char *symbolic = g_strconcat (APPLICATION_ID, "-symbolic", NULL);

  return g_strcmp0 (g_variant_get_string (icon, NULL),
                    attention_is (app, "NeedsAttention") ? APPLICATION_ID : symbolic) == 0;
}

static void
check_registration (OtasukeApplication *app)
{
  g_autoptr(GVariant) category = NULL;
  g_autoptr(GVariant) id = NULL;
  g_autoptr(GVariant) icon = NULL;
  g_autoptr(GVariant) attention_icon = NULL;
  g_autoptr(GVariant) menu = NULL;
  g_autoptr(GVariant) item_is_menu = NULL;
  g_autoptr(GVariant) tooltip = NULL;
  g_autoptr(GVariant) title = NULL;
  g_autofree char *symbolic = g_strconcat (APPLICATION_ID, "-symbolic", NULL);
  const char *tooltip_title;

  iterate_until (watcher_has_registration, NULL);
  g_assert_cmpuint (watcher.registered->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (watcher.registered, 0), ==, app_bus_name (app));
  /* Started in the background: no window. */
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));

  category = item_property (app, "Category");
  g_assert_cmpstr (g_variant_get_string (category, NULL), ==, "ApplicationStatus");
  id = item_property (app, "Id");
  g_assert_cmpstr (g_variant_get_string (id, NULL), ==, APPLICATION_ID);
  title = item_property (app, "Title");
  g_assert_cmpstr (g_variant_get_string (title, NULL), !=, "");
  /* The icon name itself says whether something needs attention (the state
   * can change between reading it and the name while the advisories load). */
  iterate_until (icon_follows_attention, app);
  icon = item_property (app, "IconName");
  attention_icon = item_property (app, "AttentionIconName");
  g_assert_cmpstr (g_variant_get_string (attention_icon, NULL), ==, APPLICATION_ID);
  menu = item_property (app, "Menu");
  g_assert_cmpstr (g_variant_get_string (menu, NULL), ==, "/MenuBar");
  item_is_menu = item_property (app, "ItemIsMenu");
  g_assert_false (g_variant_get_boolean (item_is_menu));
  tooltip = item_property (app, "ToolTip");
  g_assert_true (g_variant_is_of_type (tooltip, G_VARIANT_TYPE ("(sa(iiay)ss)")));
  g_variant_get_child (tooltip, 2, "&s", &tooltip_title);
  g_assert_cmpstr (tooltip_title, ==, g_variant_get_string (title, NULL));
}

static void
test_registration (void)
{
  reset_user_state ();
  watcher_start ();
  run_app (check_registration, TRUE, FALSE);
  watcher_stop ();
}

static void
check_late_watcher (OtasukeApplication *app)
{
  /* Nobody to register with yet, and the application has seen that. */
  app_caught_up_with_bus (app);
  g_assert_null (watcher.registered);
  watcher_start ();
  iterate_until (watcher_has_registration, NULL);
  g_assert_cmpstr (g_ptr_array_index (watcher.registered, 0), ==, app_bus_name (app));

  /* The panel restarts: a new watcher gets a new registration. The bus tells
   * the application of the old owner's going before the new one's coming. */
  watcher_stop ();
  watcher_start ();
  iterate_until (watcher_has_registration, NULL);
  g_assert_cmpstr (g_ptr_array_index (watcher.registered, 0), ==, app_bus_name (app));
}

static void
test_late_watcher (void)
{
  reset_user_state ();
  run_app (check_late_watcher, TRUE, FALSE);
  watcher_stop ();
}

static gboolean
attention_is (OtasukeApplication *app,
              const char         *expected)
{
  g_autoptr(GVariant) status = item_property (app, "Status");

  return g_str_equal (g_variant_get_string (status, NULL), expected);
}

static gboolean
needs_attention (gpointer data)
{
  return attention_is (data, "NeedsAttention");
}

static gboolean
is_active (gpointer data)
{
  return attention_is (data, "Active");
}

static gboolean
advisories_loaded (gpointer data)
{
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (data);

  return advisories != NULL && otasuke_advisories_get_loaded (advisories);
}

static void
check_activate_and_attention (OtasukeApplication *app)
{
  g_autoptr(GVariant) reply = NULL;

  iterate_until (watcher_has_registration, NULL);
  iterate_until (advisories_loaded, app);

  /* The bundled advisories include unread high ones. */
  iterate_until (needs_attention, app);
  otasuke_advisories_mark_all_read (otasuke_application_get_advisories (app));
  iterate_until (is_active, app);

  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  reply = call (app_bus_name (app), "/StatusNotifierItem", "org.kde.StatusNotifierItem",
                "Activate", g_variant_new ("(ii)", 0, 0), NULL);
  iterate_until (has_window, app);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (active_window (app))));
}

static void
test_activate_and_attention (void)
{
  reset_user_state ();
  watcher_start ();
  run_app (check_activate_and_attention, TRUE, FALSE);
  watcher_stop ();
}

/* The menu ---------------------------------------------------------------------- */

static GVariant *
menu_layout (OtasukeApplication *app)
{
  g_autoptr(GVariant) reply = call (app_bus_name (app), "/MenuBar", "com.canonical.dbusmenu", "GetLayout",
                                    g_variant_new ("(ii@as)", 0, -1, g_variant_new_strv (NULL, 0)),
                                    G_VARIANT_TYPE ("(u(ia{sv}av))"));

  return g_variant_get_child_value (reply, 1);
}

static void
menu_click (OtasukeApplication *app,
            int                 id)
{
  g_autoptr(GVariant) reply = call (app_bus_name (app), "/MenuBar", "com.canonical.dbusmenu", "Event",
                                    g_variant_new ("(isvu)", id, "clicked", g_variant_new_int32 (0), 0),
                                    NULL);
}

/* Whether the host is told that menu item @id can be chosen. */
static gboolean
menu_item_enabled (OtasukeApplication *app,
                   int                 id)
{
  g_autoptr(GVariant) layout = menu_layout (app);
  g_autoptr(GVariant) children = g_variant_get_child_value (layout, 2);
  g_autoptr(GVariant) child = g_variant_get_child_value (children, (gsize) id - 1);
  g_autoptr(GVariant) item = g_variant_get_variant (child);
  g_autoptr(GVariant) props = g_variant_get_child_value (item, 1);
  gboolean enabled = FALSE;

  g_assert_true (g_variant_lookup (props, "enabled", "b", &enabled));
  return enabled;
}

/* The menu item's id for @action, checking the layout on the way. */
static int
menu_id_for (GVariant   *layout,
             const char *action)
{
  g_autoptr(GVariant) children = g_variant_get_child_value (layout, 2);
  const OtasukeTrayMenuItem *items;
  guint n_items;

  items = otasuke_tray_get_menu (&n_items);
  g_assert_cmpuint (g_variant_n_children (children), ==, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (children, i);
      g_autoptr(GVariant) item = g_variant_get_variant (child);
      g_autoptr(GVariant) props = g_variant_get_child_value (item, 1);
      const char *label = NULL;
      int id;

      g_variant_get_child (item, 0, "i", &id);
      g_assert_true (g_variant_lookup (props, "label", "&s", &label));
      g_assert_cmpstr (label, ==, _(items[i].label));
      if (g_str_equal (items[i].action, action))
        return id;
    }
  g_assert_not_reached ();
}

/* The preferences window is not one of the application's: look at all toplevels. */
static gboolean
is_preferences (gpointer data)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (OTASUKE_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
advisories_busy (gpointer data)
{
  return otasuke_advisories_get_busy (otasuke_application_get_advisories (data));
}

static gboolean
advisories_idle (gpointer data)
{
  return !advisories_busy (data);
}

typedef struct {
  OtasukeApplication *app;
  guint               before;
} Failures;

static gboolean
fetch_has_failed_again (gpointer data)
{
  Failures *failures = data;

  return advisories_idle (failures->app) &&
         otasuke_advisories_get_failures (otasuke_application_get_advisories (failures->app)) > failures->before;
}

static gboolean quit_seen;

static void
on_shutdown (GApplication *app)
{
  quit_seen = TRUE;
}

static void
check_menu (OtasukeApplication *app)
{
  g_autoptr(GVariant) layout = NULL;
  g_autoptr(GVariant) root_props = NULL;
  const char *labels[] = { "app.activate", "app.fetch-feed", "win.page::check", "app.preferences", "app.quit" };
  const char *display = NULL;
  Failures failures;

  iterate_until (watcher_has_registration, NULL);
  layout = menu_layout (app);
  root_props = g_variant_get_child_value (layout, 1);
  g_assert_true (g_variant_lookup (root_props, "children-display", "&s", &display));
  g_assert_cmpstr (display, ==, "submenu");
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_cmpint (menu_id_for (layout, labels[i]), ==, (int) i + 1);

  /* Start a check: the window, on the Check page. */
  menu_click (app, menu_id_for (layout, "win.page::check"));
  iterate_until (has_window, app);
  g_assert_cmpstr (otasuke_window_get_visible_page (active_window (app)), ==, "check");

  /* Without a trusted key "Check advisories now" is greyed out and does nothing. */
  g_assert_false (menu_item_enabled (app, menu_id_for (layout, "app.fetch-feed")));
  menu_click (app, menu_id_for (layout, "app.fetch-feed"));
  /* The click has been handled once a later call has its answer. */
  g_variant_unref (item_property (app, "Status"));
  g_assert_false (advisories_busy (app));

  /* Check advisories now: a fetch (refused at once by the closed port); it
   * needs a trusted key, else nothing is fetched at all. */
  {
    g_autofree char *public_key = NULL;
    g_autofree char *secret_key = NULL;
    g_autofree char *line = NULL;
    g_autoptr(OtasukeMinisignKey) key = NULL;
    const char *keys[2] = { NULL, NULL };

    otasuke_minisign_keygen (&public_key, &secret_key);
    key = otasuke_minisign_key_new_from_file_contents (public_key, strlen (public_key), NULL);
    g_assert_nonnull (key);
    line = otasuke_minisign_key_get_base64 (key);
    keys[0] = line;
    g_settings_set_strv (otasuke_application_get_settings (app), "trusted-keys", keys);
  }
  g_assert_true (menu_item_enabled (app, menu_id_for (layout, "app.fetch-feed")));
  g_settings_set_string (otasuke_application_get_settings (app), "feed-url", "http://127.0.0.1:1/feed.json");
  failures.app = app;
  failures.before = otasuke_advisories_get_failures (otasuke_application_get_advisories (app));
  menu_click (app, menu_id_for (layout, "app.fetch-feed"));
  iterate_until (fetch_has_failed_again, &failures);

  menu_click (app, menu_id_for (layout, "app.preferences"));
  iterate_until (is_preferences, app);

  /* Open, after the window was closed. */
  destroy_all_windows (GTK_APPLICATION (app));
  menu_click (app, menu_id_for (layout, "app.activate"));
  iterate_until (has_window, app);

  quit_seen = FALSE;
  g_signal_connect (app, "shutdown", G_CALLBACK (on_shutdown), NULL);
  menu_click (app, menu_id_for (layout, "app.quit"));
}

static void
test_menu (void)
{
  reset_user_state ();
  watcher_start ();
  /* Quit from the menu ends the run. */
  run_app (check_menu, TRUE, TRUE);
  g_assert_true (quit_seen);
  watcher_stop ();
}

/* Closing the window ------------------------------------------------------------- */

static void
check_close_keeps_running (OtasukeApplication *app)
{
  gpointer window = active_window (app);

  iterate_until (watcher_has_registration, NULL);
  wait_for_host_answer (app);
  g_assert_nonnull (window);
  g_object_add_weak_pointer (window, &window);
  gtk_window_close (GTK_WINDOW (window));
  iterate_until (pointer_is_cleared, &window);

  quit_seen = FALSE;
  g_signal_connect (app, "shutdown", G_CALLBACK (on_shutdown), NULL);
  watch_for_unwanted (300);
  g_assert_false (quit_seen);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static void
test_close_with_tray (void)
{
  reset_user_state ();
  watcher_start ();
  run_app (check_close_keeps_running, FALSE, FALSE);
  watcher_stop ();
}

static void
check_close_quits (OtasukeApplication *app)
{
  /* The application has looked for a watcher and found none. */
  app_caught_up_with_bus (app);
  gtk_window_close (GTK_WINDOW (active_window (app)));
}

static void
test_close_without_tray (void)
{
  reset_user_state ();
  /* No watcher: nothing shows the icon, so closing the window ends the program. */
  run_app (check_close_quits, FALSE, TRUE);
}

/* Start at login, through the preference -------------------------------------------- */

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
file_is_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
check_autostart (OtasukeApplication *app)
{
  g_autofree char *path = otasuke_autostart_get_path (APPLICATION_ID);
  g_autofree char *contents = NULL;
  GSettings *settings = otasuke_application_get_settings (app);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, "start-at-login", TRUE);
  iterate_until (file_exists, path);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "--background"));

  g_settings_set_boolean (settings, "start-at-login", FALSE);
  iterate_until (file_is_gone, path);
}

static void
test_autostart (void)
{
  reset_user_state ();
  run_app (check_autostart, FALSE, FALSE);
}

/* Notifications ------------------------------------------------------------------- */

typedef struct {
  GSubprocess       *mock;
  OtasukeTestServer *server;
  char              *secret_key;
  char              *key_line;
  guint              name_watch;
  gboolean           has_owner;
  guint              method_called_id;
  guint              notify_calls;  /* Notify calls the mock announced */
} Notify;

static Notify notify;

static void
notify_name_appeared (GDBusConnection *connection,
                      const char      *name,
                      const char      *name_owner,
                      gpointer         user_data)
{
  notify.has_owner = TRUE;
}

/* python-dbusmock announces every call to the mock with MethodCalled. */
static void
notify_method_called (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  notify.notify_calls++;
}

static void
notify_server_start (void)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  /* Without python3-dbusmock there is no notification server, and the
   * notification tests would only time out: say what is missing. */
  {
    const char *argv[] = { "/usr/bin/python3", "-c", "import dbusmock", NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL) ||
        !g_spawn_check_wait_status (status, NULL))
      g_error ("python3-dbusmock is not installed; the notification tests need it (build-aux/dev.sh installs it)");
  }

  notify.mock = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "/usr/bin/python3", "-m", "dbusmock",
                                  "--template", "notification_daemon",
                                  "-p", "{\"capabilities\": \"body body-markup actions\"}", NULL);
  g_assert_no_error (error);
  notify.method_called_id = g_dbus_connection_signal_subscribe (bus, NULL, "org.freedesktop.DBus.Mock", "MethodCalled",
                                                                NOTIFY_PATH, "Notify", G_DBUS_SIGNAL_FLAGS_NONE,
                                                                notify_method_called, NULL, NULL);
  notify.name_watch = g_bus_watch_name_on_connection (bus, NOTIFY_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                      notify_name_appeared, NULL, NULL, NULL);
  iterate_until (flag_is_set, &notify.has_owner);
}

static void
notify_server_stop (void)
{
  g_subprocess_force_exit (notify.mock);
  g_subprocess_wait (notify.mock, NULL, NULL);
  g_clear_object (&notify.mock);
  g_bus_unwatch_name (notify.name_watch);
  g_dbus_connection_signal_unsubscribe (bus, notify.method_called_id);
  notify.name_watch = notify.method_called_id = 0;
  notify.has_owner = FALSE;
}

/* The Notify calls the fake server got, each its argument tuple. */
static GPtrArray *
notify_calls (void)
{
  g_autoptr(GVariant) reply = call (NOTIFY_NAME, NOTIFY_PATH, "org.freedesktop.DBus.Mock", "GetMethodCalls",
                                    g_variant_new ("(s)", "Notify"), G_VARIANT_TYPE ("(a(tav))"));
  g_autoptr(GVariantIter) iter = NULL;
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  GVariant *args;

  g_variant_get (reply, "(a(tav))", &iter);
  while (g_variant_iter_next (iter, "(t@av)", NULL, &args))
    g_ptr_array_add (calls, args);
  return calls;
}

static char *
call_arg_string (GVariant *args,
                 guint     index)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (args, index);
  g_autoptr(GVariant) value = g_variant_get_variant (boxed);

  return g_variant_dup_string (value, NULL);
}

static gboolean
has_notify_call (gpointer data)
{
  return notify.notify_calls > 0;
}

static void
serve_feed (gint64 sequence)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *published = g_date_time_format_iso8601 (now);
  g_autofree char *feed = g_strdup_printf (
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",\"_otasuke\":{\"schema\":1,"
    "\"sequence\":%" G_GINT64_FORMAT ",\"generated\":\"2026-01-01T00:00:00Z\",\"expires\":\"2099-01-01T00:00:00Z\"},"
    "\"items\":[{\"id\":\"" ADVISORY_ID "\",\"title\":\"" ADVISORY_TITLE "\",\"content_text\":\"a\","
    "\"date_published\":\"%s\",\"_otasuke\":{\"severity\":\"high\",\"category\":\"router\"}},"
    "{\"id\":\"tray-test-low\",\"title\":\"Low\",\"content_text\":\"b\",\"date_published\":\"%s\","
    "\"_otasuke\":{\"severity\":\"low\",\"category\":\"general\"}}]}",
    sequence, published, published);
  g_autofree char *sig = NULL;
  g_autoptr(GError) error = NULL;

  sig = otasuke_minisign_sign (notify.secret_key, strlen (notify.secret_key),
                               (const guint8 *) feed, strlen (feed), "feed.json", NULL, &error);
  g_assert_no_error (error);
  otasuke_test_server_add_text (notify.server, "/feed.json", SOUP_STATUS_OK, feed);
  otasuke_test_server_add_text (notify.server, "/feed.json.minisig", SOUP_STATUS_OK, sig);
}

static gboolean
since_is_recorded (gpointer data)
{
  g_autofree char *path = otasuke_store_default_path ();
  g_autoptr(OtasukeStore) store = otasuke_store_open (path, NULL);
  g_autofree char *since = store != NULL ? otasuke_store_get_meta (store, "notifications.since", NULL) : NULL;

  return since != NULL;
}

static const char *
shown_advisory_title (OtasukeApplication *app)
{
  OtasukeWindow *window = active_window (app);
  GtkWidget *page;
  GObject *label;

  if (window == NULL || g_strcmp0 (otasuke_window_get_visible_page (window), "advisories") != 0)
    return NULL;
  page = otasuke_window_get_page (window, "advisories");
  label = gtk_widget_get_template_child (page, OTASUKE_TYPE_ADVISORIES_PAGE, "detail_title_label");
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
advisory_is_shown (gpointer data)
{
  return g_strcmp0 (shown_advisory_title (data), ADVISORY_TITLE) == 0;
}

static void
fetch_and_wait (OtasukeApplication *app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "fetch-feed", NULL);
  g_assert_true (advisories_busy (app));
  iterate_until (advisories_idle, app);
}

static void
check_first_run (OtasukeApplication *app)
{
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GVariant) reply = NULL;

  /* The first start in the background marks where news begins. */
  iterate_until (since_is_recorded, NULL);
  fetch_and_wait (app);

  iterate_until (has_notify_call, NULL);
  watch_for_unwanted (500);  /* nothing else follows */
  calls = notify_calls ();
  g_assert_cmpuint (calls->len, ==, 1);
  summary = call_arg_string (g_ptr_array_index (calls, 0), 3);
  g_assert_cmpstr (summary, ==, ADVISORY_TITLE);

  /* A click on it: the window, on that advisory. The mock's first id is 1. */
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  reply = call (NOTIFY_NAME, NOTIFY_PATH, "org.freedesktop.DBus.Mock", "EmitSignal",
                g_variant_new ("(sss@av)", NOTIFY_NAME, "ActionInvoked", "us",
                               g_variant_new_parsed ("[<uint32 1>, <'default'>]")),
                NULL);
  iterate_until (advisory_is_shown, app);
}

static gint64
stored_notified_at (const char *id)
{
  g_autofree char *path = otasuke_store_default_path ();
  g_autoptr(OtasukeStore) store = otasuke_store_open (path, NULL);
  g_autoptr(GPtrArray) advisories = otasuke_store_list_advisories (store, NULL);

  g_assert_nonnull (advisories);
  for (guint i = 0; i < advisories->len; i++)
    if (g_str_equal (otasuke_advisory_get_id (g_ptr_array_index (advisories, i)), id))
      return otasuke_advisory_get_notified_at (g_ptr_array_index (advisories, i));
  g_assert_not_reached ();
}

static void
check_after_restart (OtasukeApplication *app)
{
  g_autoptr(GPtrArray) calls = NULL;

  /* Remembered in the history file, not in memory. */
  g_assert_cmpint (stored_notified_at (ADVISORY_ID), >, 0);
  /* Below the threshold: never notified. */
  g_assert_cmpint (stored_notified_at ("tray-test-low"), ==, 0);

  /* A newer feed with the same advisory: accepted, but nothing new to tell. */
  serve_feed (6);
  fetch_and_wait (app);
  watch_for_unwanted (500);
  calls = notify_calls ();
  g_assert_cmpuint (calls->len, ==, 0);
}

static void
test_notification (void)
{
  g_autofree char *public_key = NULL;
  g_autoptr(OtasukeMinisignKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *url = NULL;
  g_autoptr(GVariant) cleared = NULL;
  const char *keys[2] = { NULL, NULL };

  reset_user_state ();
  notify_server_start ();
  notify.server = otasuke_test_server_new ();
  otasuke_minisign_keygen (&public_key, &notify.secret_key);
  key = otasuke_minisign_key_new_from_file_contents (public_key, strlen (public_key), &error);
  g_assert_no_error (error);
  notify.key_line = otasuke_minisign_key_get_base64 (key);
  keys[0] = notify.key_line;
  g_settings_set_strv (settings, "trusted-keys", keys);
  url = otasuke_test_server_get_url (notify.server, "/feed.json");
  g_settings_set_string (settings, "feed-url", url);
  /* A check done today and a fresh feed: no reminder is due. */
  {
    g_autofree char *path = otasuke_store_default_path ();
    g_autoptr(OtasukeStore) store = otasuke_store_open (path, &error);
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_no_error (error);
    otasuke_store_add_check_run (store, now - 600, now - 60, 80, "1", &error);
    g_assert_no_error (error);
  }
  serve_feed (5);

  run_app (check_first_run, TRUE, FALSE);

  cleared = call (NOTIFY_NAME, NOTIFY_PATH, "org.freedesktop.DBus.Mock", "ClearCalls", NULL, NULL);
  run_app (check_after_restart, TRUE, FALSE);

  notify_server_stop ();
  g_clear_pointer (&notify.server, otasuke_test_server_free);
  g_clear_pointer (&notify.secret_key, g_free);
  g_clear_pointer (&notify.key_line, g_free);
}

/* Attention in the icon itself -------------------------------------------------- */

static void
count_signal_cb (GDBusConnection *connection,
                 const char      *sender,
                 const char      *path,
                 const char      *iface,
                 const char      *signal,
                 GVariant        *parameters,
                 gpointer         user_data)
{
  (*(guint *) user_data)++;
}

/* NewIcon signals seen from any program on the bus (only the one under test sends them). */
static guint new_icons;

static char *
icon_name_of (OtasukeApplication *app)
{
  g_autoptr(GVariant) icon = item_property (app, "IconName");

  return g_variant_dup_string (icon, NULL);
}

static void
check_attention_icon (OtasukeApplication *app)
{
  g_autofree char *symbolic = g_strconcat (APPLICATION_ID, "-symbolic", NULL);
  g_autofree char *name = NULL;

  iterate_until (watcher_has_registration, NULL);
  iterate_until (advisories_loaded, app);

  /* Unread high advisories: hosts that follow only the icon name see it too. */
  iterate_until (needs_attention, app);
  name = icon_name_of (app);
  g_assert_cmpstr (name, ==, APPLICATION_ID);
  iterate_until (flag_is_set, &new_icons);

  /* Everything read: back to the quiet icon, and hosts are told. */
  new_icons = 0;
  otasuke_advisories_mark_all_read (otasuke_application_get_advisories (app));
  iterate_until (is_active, app);
  g_clear_pointer (&name, g_free);
  name = icon_name_of (app);
  g_assert_cmpstr (name, ==, symbolic);
  iterate_until (flag_is_set, &new_icons);
}

static void
test_attention_icon (void)
{
  guint id;

  reset_user_state ();
  watcher_start ();
  /* Subscribed before the program starts: the advisories can load, and the
   * first NewIcon go out, before the check body runs. */
  new_icons = 0;
  id = g_dbus_connection_signal_subscribe (bus, NULL, "org.kde.StatusNotifierItem", "NewIcon",
                                           "/StatusNotifierItem", NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                           count_signal_cb, &new_icons, NULL);
  run_app (check_attention_icon, TRUE, FALSE);
  g_dbus_connection_signal_unsubscribe (bus, id);
  watcher_stop ();
}

/* An uninstalled copy still has an icon the panel can draw. */
static void
check_icon_without_theme (OtasukeApplication *app)
{
  g_autoptr(GVariant) theme_path = NULL;
  g_autoptr(GVariant) pixmaps = NULL;
  g_autoptr(GVariant) attention_pixmaps = NULL;
  g_autofree char *colour = g_strconcat (APPLICATION_ID, ".svg", NULL);
  g_autofree char *symbolic = g_strconcat (APPLICATION_ID, "-symbolic.svg", NULL);
  g_autofree char *colour_path = NULL;
  g_autofree char *symbolic_path = NULL;
  g_autofree char *contents = NULL;
  const char *dir;
  GVariantIter iter;
  GVariant *data;
  int width, height;
  guint sizes = 0;

  iterate_until (watcher_has_registration, NULL);

  theme_path = item_property (app, "IconThemePath");
  dir = g_variant_get_string (theme_path, NULL);
  g_assert_cmpstr (dir, !=, "");
  colour_path = g_build_filename (dir, colour, NULL);
  symbolic_path = g_build_filename (dir, symbolic, NULL);
  g_assert_true (g_file_get_contents (colour_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_true (g_file_test (symbolic_path, G_FILE_TEST_IS_REGULAR));

  pixmaps = item_property (app, "IconPixmap");
  g_assert_true (g_variant_is_of_type (pixmaps, G_VARIANT_TYPE ("a(iiay)")));
  g_variant_iter_init (&iter, pixmaps);
  while (g_variant_iter_next (&iter, "(ii@ay)", &width, &height, &data))
    {
      gsize len;
      const guint8 *argb = g_variant_get_fixed_array (data, &len, 1);
      guint opaque = 0;

      g_assert_cmpint (width, >=, 16);
      g_assert_cmpint (width, ==, height);
      g_assert_cmpuint (len, ==, (gsize) width * height * 4);
      /* ARGB: the shield is drawn, not a transparent square. */
      for (gsize i = 0; i < len; i += 4)
        opaque += argb[i] == 0xff;
      g_assert_cmpuint (opaque, >, (guint) (width * height / 4));
      g_variant_unref (data);
      sizes++;
    }
  g_assert_cmpuint (sizes, ==, 3);
  attention_pixmaps = item_property (app, "AttentionIconPixmap");
  g_assert_cmpuint (g_variant_n_children (attention_pixmaps), ==, 3);
}

static void
test_icon_without_theme (void)
{
  reset_user_state ();
  watcher_start ();
  run_app (check_icon_without_theme, TRUE, FALSE);
  watcher_stop ();
}

/* A second start ------------------------------------------------------------------ */

static void
child_exited_cb (GPid     pid,
                 int      wait_status,
                 gpointer user_data)
{
  int *status = user_data;

  *status = wait_status;
  g_spawn_close_pid (pid);
}

static gboolean
child_done (gpointer data)
{
  return *(int *) data != -1;
}

/* Runs the real program beside the one under test, and waits for it while
 * this one keeps answering on the bus. */
static int
run_second_instance (const char *option)
{
  const char *argv[] = { OTASUKE_BIN, option, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;
  GPid pid;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited_cb, &status);
  iterate_until (child_done, &status);
  return status;
}

static void
check_second_background_start (OtasukeApplication *app)
{
  int status;

  iterate_until (watcher_has_registration, NULL);
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));

  /* The login autostart after the user already started the program: it
   * only makes sure the program runs, and no window pops up. */
  status = run_second_instance ("--background");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* A round trip to the program after the second one ended: whatever that
   * one asked of it has been handled by now. */
  g_variant_unref (item_property (app, "Status"));
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_cmpuint (watcher.registered->len, ==, 1);

  /* A plain start still brings the running program forward. */
  status = run_second_instance (NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  iterate_until (has_window, app);
}

static void
test_second_background_start (void)
{
  reset_user_state ();
  watcher_start ();
  run_app (check_second_background_start, TRUE, FALSE);
  watcher_stop ();
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
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  private_root = g_dir_make_tmp ("otasuke-test-tray-XXXXXX", NULL);
  g_assert_nonnull (private_root);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_vars); i++)
    {
      g_autofree char *dir = g_build_filename (private_root, xdg_vars[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (xdg_vars[i], dir, TRUE);
    }
  /* The probes look at an empty fake computer, not at this one. */
  {
    g_autofree char *probe_root = g_build_filename (private_root, "probe-root", NULL);

    g_assert_cmpint (g_mkdir_with_parents (probe_root, 0700), ==, 0);
    g_setenv ("OTASUKE_PROBE_ROOT", probe_root, TRUE);
  }

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  /* A connection of our own, apart from the application's. */
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  bus = g_dbus_connection_new_for_address_sync (address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/tray/registration", test_registration);
  g_test_add_func ("/tray/late-watcher", test_late_watcher);
  g_test_add_func ("/tray/activate-and-attention", test_activate_and_attention);
  g_test_add_func ("/tray/menu", test_menu);
  g_test_add_func ("/tray/close-with-tray", test_close_with_tray);
  g_test_add_func ("/tray/close-without-tray", test_close_without_tray);
  g_test_add_func ("/tray/autostart", test_autostart);
  g_test_add_func ("/tray/notification", test_notification);
  g_test_add_func ("/tray/attention-icon", test_attention_icon);
  g_test_add_func ("/tray/icon-without-theme", test_icon_without_theme);
  g_test_add_func ("/tray/second-background-start", test_second_background_start);

  status = g_test_run ();
  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_clear_object (&bus);
  test_remove_tree (private_root);
  return status;
}
