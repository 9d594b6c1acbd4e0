/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-application"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-appdata.h"
#include "otasuke-resources.h"
#include "otasuke-application.h"
#include "otasuke-autostart.h"
#include "otasuke-preferences-window.h"
#include "otasuke-window.h"

struct _OtasukeApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GCancellable   *cancellable;
  OtasukeStore   *store;
  GError         *store_error;
  OtasukeOsInfo  *os_info;
  guint           ready : 1;
  guint           background : 1;
  guint           held : 1;
};

G_DEFINE_FINAL_TYPE (OtasukeApplication, otasuke_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the start-up worker hands back to the main thread. */
typedef struct {
  OtasukeStore  *store;
  GError        *store_error;
  OtasukeOsInfo *os_info;
} StartupData;

static void
startup_data_free (StartupData *data)
{
  g_clear_object (&data->store);
  g_clear_error (&data->store_error);
  g_clear_pointer (&data->os_info, otasuke_os_info_free);
  g_free (data);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  StartupData *data = g_new0 (StartupData, 1);
  g_autofree char *path = otasuke_store_default_path ();

  data->os_info = otasuke_os_info_read ("/");
  data->store = otasuke_store_open (path, &data->store_error);

  g_task_return_pointer (task, data, (GDestroyNotify) startup_data_free);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OtasukeApplication) self = user_data;
  StartupData *data = g_task_propagate_pointer (G_TASK (result), NULL);

  if (data == NULL)  /* cancelled: we are shutting down */
    return;

  self->store = g_steal_pointer (&data->store);
  self->store_error = g_steal_pointer (&data->store_error);
  self->os_info = g_steal_pointer (&data->os_info);
  startup_data_free (data);

  if (self->store_error != NULL)
    g_message ("Could not open the history database: %s", self->store_error->message);

  self->ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static OtasukeWindow *
get_or_create_window (OtasukeApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (otasuke_window_new (self));

  return OTASUKE_WINDOW (window);
}

static void
otasuke_application_activate (GApplication *app)
{
  OtasukeApplication *self = OTASUKE_APPLICATION (app);

  if (self->background)
    {
      /* Started at login: stay in the background until someone asks for us. */
      self->background = FALSE;
      self->held = TRUE;
      g_application_hold (app);
      return;
    }

  gtk_window_present (GTK_WINDOW (get_or_create_window (self)));

  /* Once a window is open, closing it ends the program as usual. */
  if (self->held)
    {
      self->held = FALSE;
      g_application_release (app);
    }
}

static int
otasuke_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  OtasukeApplication *self = OTASUKE_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  self->background = g_variant_dict_contains (options, "background");

  return -1;
}

static void
on_start_at_login_changed (OtasukeApplication *self,
                           const char         *key,
                           GSettings          *settings)
{
  g_autoptr(GError) error = NULL;
  gboolean enabled = g_settings_get_boolean (settings, "start-at-login");

  if (!otasuke_autostart_set_enabled (enabled, APPLICATION_ID, &error))
    g_warning ("Could not %s start at login: %s",
               enabled ? "enable" : "disable", error->message);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  OtasukeApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing windows first lets them save their size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  OtasukeApplication *self = user_data;
  OtasukeWindow *window = get_or_create_window (self);
  OtasukePreferencesWindow *prefs = otasuke_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  OtasukeApplication *self = user_data;
  OtasukeWindow *window = get_or_create_window (self);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(OtasukeAppdata) appdata = NULL;
  g_autoptr(GError) error = NULL;
  const char *developers[] = { "Sakura Chamber of Commerce and Industry", NULL };
  GtkWidget *about;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/metainfo.xml", 0, &error);
  if (bytes != NULL)
    appdata = otasuke_appdata_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (appdata == NULL)
    g_warning ("Could not read the application's metainfo: %s", error->message);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Otasuke"),
                        "version", PACKAGE_VERSION,
                        "developers", developers,
                        "copyright", "© 2026 Sakura Chamber of Commerce and Industry",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  if (appdata != NULL)
    {
      /* The metainfo strings are in the catalogue, so gettext finds their translations. */
      if (appdata->summary != NULL)
        adw_about_window_set_comments (ADW_ABOUT_WINDOW (about), _(appdata->summary));
      if (appdata->developer_name != NULL)
        adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _(appdata->developer_name));
      if (appdata->homepage != NULL)
        adw_about_window_set_website (ADW_ABOUT_WINDOW (about), appdata->homepage);
      if (appdata->release_version != NULL)
        adw_about_window_set_release_notes_version (ADW_ABOUT_WINDOW (about), appdata->release_version);
      if (appdata->release_notes != NULL)
        adw_about_window_set_release_notes (ADW_ABOUT_WINDOW (about), appdata->release_notes);
    }

  gtk_window_present (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "about", .activate = about_action },
};

static void
otasuke_application_startup (GApplication *app)
{
  OtasukeApplication *self = OTASUKE_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.page::overview", { "<Alt>1", NULL } },
    { "win.page::check", { "<Alt>2", NULL } },
    { "win.page::advisories", { "<Alt>3", NULL } },
    { "win.page::history", { "<Alt>4", NULL } },
    { "win.page::sheet", { "<Alt>5", NULL } },
  };
  g_autoptr(GTask) task = NULL;

  G_APPLICATION_CLASS (otasuke_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_signal_connect_object (self->settings, "changed::start-at-login",
                           G_CALLBACK (on_start_at_login_changed), self, G_CONNECT_SWAPPED);

  /* Opening (and perhaps repairing) the database is disk work: keep it off the UI thread. */
  task = g_task_new (self, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, otasuke_application_startup);
  g_task_run_in_thread (task, load_in_thread);
}

static void
otasuke_application_shutdown (GApplication *app)
{
  OtasukeApplication *self = OTASUKE_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (otasuke_application_parent_class)->shutdown (app);
}

static void
otasuke_application_finalize (GObject *object)
{
  OtasukeApplication *self = OTASUKE_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->os_info, otasuke_os_info_free);

  G_OBJECT_CLASS (otasuke_application_parent_class)->finalize (object);
}

static void
otasuke_application_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OtasukeApplication *self = OTASUKE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_application_class_init (OtasukeApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  otasuke_register_resource ();

  object_class->finalize = otasuke_application_finalize;
  object_class->get_property = otasuke_application_get_property;

  app_class->activate = otasuke_application_activate;
  app_class->startup = otasuke_application_startup;
  app_class->shutdown = otasuke_application_shutdown;
  app_class->handle_local_options = otasuke_application_handle_local_options;

  /* TRUE once the database has been opened (or has failed) and the OS read. */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
otasuke_application_init (OtasukeApplication *self)
{
  static const GOptionEntry options[] = {
    { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start in the background without opening a window"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Otasuke — a security assistant for small businesses"));
}

OtasukeApplication *
otasuke_application_new (void)
{
  return g_object_new (OTASUKE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
otasuke_application_get_settings (OtasukeApplication *self)
{
  g_return_val_if_fail (OTASUKE_IS_APPLICATION (self), NULL);

  return self->settings;
}

gboolean
otasuke_application_get_ready (OtasukeApplication *self)
{
  g_return_val_if_fail (OTASUKE_IS_APPLICATION (self), FALSE);

  return self->ready;
}

OtasukeStore *
otasuke_application_get_store (OtasukeApplication *self)
{
  g_return_val_if_fail (OTASUKE_IS_APPLICATION (self), NULL);

  return self->store;
}

const GError *
otasuke_application_get_store_error (OtasukeApplication *self)
{
  g_return_val_if_fail (OTASUKE_IS_APPLICATION (self), NULL);

  return self->store_error;
}

const OtasukeOsInfo *
otasuke_application_get_os_info (OtasukeApplication *self)
{
  g_return_val_if_fail (OTASUKE_IS_APPLICATION (self), NULL);

  return self->os_info;
}
