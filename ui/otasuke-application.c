/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "otasuke-advisories.h"
#include "otasuke-appdata.h"
#include "otasuke-application.h"
#include "otasuke-autostart.h"
#include "otasuke-commands.h"
#include "otasuke-feed-fetcher.h"
#include "otasuke-feed-schedule.h"
#include "otasuke-feed-updater.h"
#include "otasuke-notifier.h"
#include "otasuke-platform-ui.h"
#include "otasuke-preferences-window.h"
#include "otasuke-probe-service.h"
#include "otasuke-resume-monitor.h"
#include "otasuke-resources.h"
#include "otasuke-store-runs.h"
#include "otasuke-tray.h"
#include "otasuke-welcome.h"
#include "otasuke-window.h"

struct _OtasukeApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GCancellable   *cancellable;
  OtasukeStore   *store;
  GError         *store_error;
  OtasukeOsInfo  *os_info;
  OtasukeFeedUpdater *updater;
  OtasukeAdvisories  *advisories;
  OtasukeProbeService  *probe_service;
  OtasukeSiteMonitor   *site_monitor;
  OtasukeResumeMonitor *resume_monitor;
  guint               fetch_timer;
  OtasukeTray        *tray;
  OtasukeNotifier    *notifier;
  guint               network_timer;
  guint           ready : 1;
  guint           background : 1;
  guint           started_in_background : 1;
  guint           held : 1;
};

G_DEFINE_FINAL_TYPE (OtasukeApplication, otasuke_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_fetch (OtasukeApplication *self);
static void setup_notifications (OtasukeApplication *self);

/* What the start-up worker hands back to the main thread. */
typedef struct {
  OtasukeStore  *store;
  GError        *store_error;
  OtasukeOsInfo *os_info;
  char          *router_model;     /* as last entered in the check */
  char          *router_firmware;
} StartupData;

static void
startup_data_free (StartupData *data)
{
  g_clear_object (&data->store);
  g_clear_error (&data->store_error);
  g_clear_pointer (&data->os_info, otasuke_os_info_free);
  g_free (data->router_model);
  g_free (data->router_firmware);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StartupData, startup_data_free)

/* The Chamber's key from the build, plus any the user added in settings. */
static GStrv
collect_trusted_keys (GSettings *settings)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) extra = g_settings_get_strv (settings, "trusted-keys");

  if (CHAMBER_FEED_KEY[0] != '\0')
    g_strv_builder_add (builder, CHAMBER_FEED_KEY);
  g_strv_builder_addv (builder, (const char **) extra);
  return g_strv_builder_end (builder);
}

/* "Check now" (and its shortcut and tray item) is there only when a feed can be accepted. */
static void
update_fetch_action (OtasukeApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "fetch-feed");
  gboolean enabled = otasuke_application_get_n_trusted_keys (self) > 0;

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
  if (self->tray != NULL)
    otasuke_tray_set_item_enabled (self->tray, "app.fetch-feed", enabled);
}

static void
on_trusted_keys_changed (OtasukeApplication *self)
{
  g_auto(GStrv) keys = collect_trusted_keys (self->settings);

  if (self->advisories != NULL)
    otasuke_advisories_set_trusted_keys (self->advisories, (const char * const *) keys);
  else if (self->updater != NULL)
    otasuke_feed_updater_set_trusted_keys (self->updater, (const char * const *) keys);
  update_fetch_action (self);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  StartupData *data = g_new0 (StartupData, 1);
  g_autofree char *path = otasuke_store_default_path ();
  const char *probe_root = task_data;

  /* The same computer the probes look at. */
  data->os_info = otasuke_os_info_read (probe_root != NULL ? probe_root : "/");
  data->store = otasuke_store_open (path, &data->store_error);
  if (data->store != NULL)
    {
      otasuke_ingest_bundled_feed (data->store);
      otasuke_store_get_router (data->store, &data->router_model, &data->router_firmware, NULL);
    }

  g_task_return_pointer (task, data, (GDestroyNotify) startup_data_free);
}

/* What the probes found becomes the "affects you" facts for the advisories. */
static void
on_certificate_reminder (OtasukeApplication *self,
                         const char         *host,
                         gint64              days_left)
{
  if (self->notifier != NULL)
    otasuke_notifier_certificate_expiring (self->notifier, host, days_left);
}

static void
on_probe_report_changed (OtasukeApplication *self)
{
  const OtasukeProbeReport *report = otasuke_probe_service_get_report (self->probe_service);
  OtasukeMachineFacts facts = { 0 };

  if (self->advisories == NULL || report == NULL)
    return;

  otasuke_machine_facts_from_probe (&facts, report, g_get_real_time () / G_USEC_PER_SEC);
  otasuke_advisories_set_machine_facts (self->advisories, &facts);
  otasuke_machine_facts_clear (&facts);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OtasukeApplication) self = user_data;
  g_autoptr(StartupData) data = g_task_propagate_pointer (G_TASK (result), NULL);

  if (data == NULL)  /* cancelled: we are shutting down */
    return;

  self->store = g_steal_pointer (&data->store);
  self->store_error = g_steal_pointer (&data->store_error);
  self->os_info = g_steal_pointer (&data->os_info);

  if (self->store_error != NULL)
    g_message ("Could not open the history database: %s", self->store_error->message);

  if (self->store != NULL)
    {
      g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();

      self->updater = otasuke_feed_updater_new (self->store, fetcher);
      on_trusted_keys_changed (self);
      self->advisories = otasuke_advisories_new (self->store, self->updater);
      otasuke_advisories_set_machine_facts (self->advisories, &(OtasukeMachineFacts) {
        .os_id = self->os_info->id,
        .os_version = self->os_info->version_id,
        .now = g_get_real_time () / G_USEC_PER_SEC,
      });
      /* Every reload (after each fetch, too) sets the next automatic fetch. */
      g_signal_connect_object (self->advisories, "notify::last-success",
                               G_CALLBACK (schedule_fetch), self, G_CONNECT_SWAPPED);
      if (data->router_model != NULL)
        otasuke_advisories_set_router (self->advisories, NULL, data->router_model, data->router_firmware);
      g_signal_connect_object (self->probe_service, "report-changed",
                               G_CALLBACK (on_probe_report_changed), self, G_CONNECT_SWAPPED);
      /* Its first load starts the probes, with the feed's end-of-support dates. */
      otasuke_probe_service_follow_advisories (self->probe_service, self->advisories);
      otasuke_advisories_reload (self->advisories);
      setup_notifications (self);
      /* The entered website and mail domain: re-checked at most daily, in a thread. */
      self->site_monitor = otasuke_site_monitor_new (self->store);
      g_signal_connect_object (self->site_monitor, "certificate-reminder",
                               G_CALLBACK (on_certificate_reminder), self, G_CONNECT_SWAPPED);
      otasuke_site_monitor_refresh (self->site_monitor, FALSE);
    }
  else
    otasuke_probe_service_refresh (self->probe_service, OTASUKE_PROBE_REASON_START_UP);

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

/* The very first start shows the welcome, once (the tests keep it away
 * with OTASUKE_NO_WELCOME unless they ask for it). */
static void
maybe_welcome (OtasukeApplication *self,
               GtkWindow          *window)
{
  if (g_settings_get_boolean (self->settings, "welcome-shown") || g_getenv ("OTASUKE_NO_WELCOME") != NULL)
    return;
  g_settings_set_boolean (self->settings, "welcome-shown", TRUE);
  gtk_window_present (GTK_WINDOW (otasuke_welcome_new (window, self->settings)));
}

static void
otasuke_application_activate (GApplication *app)
{
  OtasukeApplication *self = OTASUKE_APPLICATION (app);
  OtasukeWindow *window;

  if (self->background)
    {
      /* Started at login: stay in the background until someone asks for us. */
      self->background = FALSE;
      self->held = TRUE;
      g_application_hold (app);
      return;
    }

  window = get_or_create_window (self);
  gtk_window_present (GTK_WINDOW (window));
  maybe_welcome (self, GTK_WINDOW (window));

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
  const char *feed_url = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "feed-url", "&s", &feed_url);
  if (g_variant_dict_contains (options, "fetch-feed"))
    {
      g_auto(GStrv) keys = collect_trusted_keys (self->settings);
      g_autofree char *url = feed_url != NULL ? g_strdup (feed_url) : g_settings_get_string (self->settings, "feed-url");

      return otasuke_command_fetch_feed ((const char * const *) keys, url);
    }

  if (g_variant_dict_contains (options, "probe"))
    return otasuke_command_probe ();

  if (g_variant_dict_contains (options, "export-sheet") || g_variant_dict_contains (options, "sheet"))
    {
      const char *path = NULL;
      gint64 sheet_id = 0;

      g_variant_dict_lookup (options, "export-sheet", "^&ay", &path);
      g_variant_dict_lookup (options, "sheet", "x", &sheet_id);
      return otasuke_command_export_sheet (path, sheet_id);
    }

  if (g_variant_dict_contains (options, "export-policy"))
    {
      const char *path = NULL;

      g_variant_dict_lookup (options, "export-policy", "^&ay", &path);
      return otasuke_command_export_policy (path);
    }

  if (g_variant_dict_contains (options, "security-action"))
    return otasuke_command_security_action ();

  if (g_variant_dict_contains (options, "router-check") || g_variant_dict_contains (options, "firmware"))
    {
      const char *model = NULL;
      const char *firmware = NULL;

      g_variant_dict_lookup (options, "router-check", "&s", &model);
      g_variant_dict_lookup (options, "firmware", "&s", &firmware);
      return otasuke_command_router_check (model, firmware);
    }

  if (g_variant_dict_contains (options, "site-check") || g_variant_dict_contains (options, "resolve") ||
      g_variant_dict_contains (options, "cacert") || g_variant_dict_contains (options, "http-port"))
    {
      const char *target = NULL;
      const char *cacert = NULL;
      const char **resolve = NULL;
      gint32 http_port = 0;
      int status;

      g_variant_dict_lookup (options, "site-check", "&s", &target);
      g_variant_dict_lookup (options, "resolve", "^a&s", &resolve);
      g_variant_dict_lookup (options, "cacert", "^&ay", &cacert);
      g_variant_dict_lookup (options, "http-port", "i", &http_port);
      status = otasuke_command_site_check (target, resolve, cacert, http_port);
      g_free (resolve);
      return status;
    }

  self->background = g_variant_dict_contains (options, "background");
  self->started_in_background = self->background;

  if (self->background)
    {
      g_autoptr(GError) error = NULL;

      /* Started at login while the program already runs (the user opened it
       * first): it is running, which is all --background asks. Activating
       * the other instance would pop its window up. */
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        return 0;
    }

  return -1;
}

static void
on_start_at_login_changed (OtasukeApplication *self,
                           const char         *key,
                           GSettings          *settings)
{
  g_autoptr(GError) error = NULL;
  gboolean enabled = g_settings_get_boolean (settings, "start-at-login");

  /* Preferences changes the entry itself and says when that fails; this is
   * for the key changed from outside (gsettings). */
  if (enabled == otasuke_autostart_is_enabled (APPLICATION_ID))
    return;
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

  /* A window that could not save stays open and asks; quitting now would lose it. */
  if (gtk_application_get_windows (GTK_APPLICATION (self)) != NULL)
    return;
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
  g_autofree char *unreadable = self->updater != NULL ? otasuke_feed_updater_get_unreadable_keys (self->updater) : NULL;

  otasuke_preferences_window_set_trust (prefs, otasuke_application_get_n_trusted_keys (self), unreadable);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
}

/* libadwaita 1.2's own catalogue has no Japanese for the About window's
 * headings, so the window would show English in a Japanese session. These are
 * its strings, translated in our catalogue (context "about"); the About
 * window's widgets still showing one of them get ours. */
static const char *const about_strings[] = {
  NC_("about", "About"),
  NC_("about", "What’s New"),
  NC_("about", "What's New"),
  NC_("about", "Details"),
  NC_("about", "Website"),
  NC_("about", "Support Questions"),
  NC_("about", "Report an Issue"),
  NC_("about", "Troubleshooting"),
  NC_("about", "Debugging Information"),
  NC_("about", "Credits"),
  NC_("about", "Legal"),
  NC_("about", "Acknowledgements"),
  NC_("about", "Code by"),
  NC_("about", "Design by"),
  NC_("about", "Artwork by"),
  NC_("about", "Documentation by"),
  NC_("about", "Translated by"),
  NC_("about", "Back"),
  NC_("about", "Close"),
  NC_("about", "_Copy Text"),
  NC_("about", "_Save As…"),
  NC_("about", "_Save as…"),
  NC_("about", "Copied to clipboard"),
  NC_("about", "_Website"),
  NC_("about", "To assist in troubleshooting, you can view your debugging information. Providing this "
               "information to the application developers can help diagnose any problems you encounter "
               "when you report an issue."),
};

static const char *
about_translate (const char *text)
{
  g_autofree char *plain = NULL;

  if (text == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (about_strings); i++)
    if (strcmp (text, about_strings[i]) == 0)
      return g_dpgettext2 (NULL, "about", about_strings[i]);
  /* Rows with a mnemonic ("_Details"): ours without one. */
  if (strchr (text, '_') == NULL)
    return NULL;
  {
    GString *stripped = g_string_new (NULL);

    for (const char *p = text; *p != '\0'; p++)
      if (*p != '_')
        g_string_append_c (stripped, *p);
    plain = g_string_free (stripped, FALSE);
  }
  for (guint i = 0; i < G_N_ELEMENTS (about_strings); i++)
    if (strcmp (plain, about_strings[i]) == 0)
      return g_dpgettext2 (NULL, "about", about_strings[i]);
  return NULL;
}

/* The release notes begin with the heading "Version 0.1.0", in the notes'
 * own text buffer; the word gets ours, in the heading's style. */
static void
about_translate_version_heading (GtkTextBuffer *buffer)
{
  g_autofree char *english = g_strdup_printf ("Version %s", PACKAGE_VERSION);
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (gtk_text_iter_forward_search (&start, english, GTK_TEXT_SEARCH_TEXT_ONLY,
                                    &match_start, &match_end, NULL))
    {
      GSList *tags = gtk_text_iter_get_tags (&match_start);
      /* Translators: the heading of the release notes in the About window */
      g_autofree char *heading = g_strdup_printf (_("Version %s"), PACKAGE_VERSION);
      GtkTextMark *mark;
      GtkTextIter at;

      gtk_text_buffer_delete (buffer, &match_start, &match_end);
      mark = gtk_text_buffer_create_mark (buffer, NULL, &match_start, TRUE);
      gtk_text_buffer_insert (buffer, &match_start, heading, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &at, mark);
      for (GSList *l = tags; l != NULL; l = l->next)
        gtk_text_buffer_apply_tag (buffer, l->data, &at, &match_start);
      gtk_text_buffer_delete_mark (buffer, mark);
      g_slist_free (tags);
    }
}

static void
about_translate_widgets (GtkWidget *widget)
{
  const char *translated;

  if (GTK_IS_LABEL (widget) &&
      (translated = about_translate (gtk_label_get_label (GTK_LABEL (widget)))) != NULL)
    gtk_label_set_label (GTK_LABEL (widget), translated);
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      (translated = about_translate (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)))) != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), translated);
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      (translated = about_translate (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)))) != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (widget), translated);
  if (ADW_IS_WINDOW_TITLE (widget) &&
      (translated = about_translate (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)))) != NULL)
    adw_window_title_set_title (ADW_WINDOW_TITLE (widget), translated);
  if (ADW_IS_ACTION_ROW (widget) &&
      (translated = about_translate (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)))) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), translated);
  if (GTK_IS_TEXT_VIEW (widget))
    about_translate_version_heading (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)));
  if ((translated = about_translate (gtk_widget_get_tooltip_text (widget))) != NULL)
    gtk_widget_set_tooltip_text (widget, translated);
  if (GTK_IS_WINDOW (widget) &&
      (translated = about_translate (gtk_window_get_title (GTK_WINDOW (widget)))) != NULL)
    gtk_window_set_title (GTK_WINDOW (widget), translated);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    about_translate_widgets (child);
}

/* The release notes are one block per line (<p>text</p>, <li>text</li>); each
 * block's text is in the catalogue, from the metainfo. */
static char *
about_translate_notes (const char *notes)
{
  g_auto(GStrv) lines = g_strsplit (notes, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *open_end = strchr (lines[i], '>');
      const char *close = strrchr (lines[i], '<');

      if (i > 0)
        g_string_append_c (out, '\n');
      if (open_end != NULL && close != NULL && close > open_end + 1)
        {
          g_autofree char *inner = g_strndup (open_end + 1, close - open_end - 1);
          g_autofree char *plain = NULL;

          /* The catalogue has the text unescaped, as xgettext read it. */
          if (pango_parse_markup (inner, -1, 0, NULL, &plain, NULL, NULL))
            {
              g_autofree char *escaped = g_markup_escape_text (_(plain), -1);

              if (strchr (inner, '<') == NULL)
                {
                  g_string_append_len (out, lines[i], open_end + 1 - lines[i]);
                  g_string_append (out, escaped);
                  g_string_append (out, close);
                  continue;
                }
            }
        }
      g_string_append (out, lines[i]);
    }
  return g_string_free (out, FALSE);
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
  const char *developers[] = { _("Sakura Chamber of Commerce and Industry"), NULL };
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
                        "copyright", _("© 2026 Sakura Chamber of Commerce and Industry"),
                        /* Our own words: libadwaita's licence sentence is English only. */
                        "license-type", GTK_LICENSE_CUSTOM,
                        "license", _("This program comes with absolutely no warranty. See the "
                                     "<a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">GNU General "
                                     "Public License, version 3 or later</a> for details."),
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
        {
          g_autofree char *notes = about_translate_notes (appdata->release_notes);

          adw_about_window_set_release_notes (ADW_ABOUT_WINDOW (about), notes);
        }
    }
  about_translate_widgets (about);

  gtk_window_present (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (about));
}

static void
fetch_feed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OtasukeApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome =
    otasuke_advisories_update_finish (OTASUKE_ADVISORIES (object), result, &error);

  /* The page shows the outcome from the store; this is for the log. */
  if (outcome == NULL)
    g_message ("Fetching advisories failed: %s", error->message);

  if (self->notifier != NULL)
    {
      if (outcome != NULL)
        otasuke_notifier_advisories_arrived (self->notifier, outcome->new_ids);
      otasuke_notifier_check_reminders (self->notifier, otasuke_application_get_n_trusted_keys (self) > 0);
    }
}

static void
fetch_feed_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  OtasukeApplication *self = user_data;
  g_autofree char *url = NULL;

  /* Without a trusted key nothing is downloaded: it could only be refused. */
  if (self->advisories == NULL || !otasuke_advisories_get_can_update (self->advisories))
    return;

  url = g_settings_get_string (self->settings, "feed-url");
  otasuke_advisories_update_async (self->advisories, url, self->cancellable, fetch_feed_cb, g_object_ref (self));
}

static gboolean
fetch_timer_cb (gpointer user_data)
{
  OtasukeApplication *self = user_data;

  self->fetch_timer = 0;
  g_action_group_activate_action (G_ACTION_GROUP (self), "fetch-feed", NULL);
  return G_SOURCE_REMOVE;
}

/* One timer for the next automatic fetch: no polling, so an idle program
 * sleeps until then. Without a trusted key a fetch could only be refused,
 * so none is made (the user can still ask with "Check now"). */
static void
schedule_fetch (OtasukeApplication *self)
{
  guint64 delay;

  g_clear_handle_id (&self->fetch_timer, g_source_remove);

  if (self->advisories == NULL || otasuke_application_get_n_trusted_keys (self) == 0 ||
      otasuke_advisories_get_busy (self->advisories))
    return;

  delay = otasuke_feed_schedule_next (g_get_real_time () / G_USEC_PER_SEC,
                                      otasuke_advisories_get_last_success (self->advisories),
                                      otasuke_advisories_get_last_error_at (self->advisories),
                                      otasuke_advisories_get_failures (self->advisories),
                                      g_settings_get_uint (self->settings, "check-interval"),
                                      g_random_double ());
  g_debug ("Next feed fetch in %" G_GUINT64_FORMAT " s", delay);
  self->fetch_timer = g_timeout_add_seconds_full (G_PRIORITY_LOW, (guint) MIN (delay, G_MAXUINT),
                                                  fetch_timer_cb, self, NULL);
}

/* Tray, notifications and the network ------------------------------------- */

static void
activate_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

/* A tray menu item: "app.NAME" or "win.NAME", with a target perhaps. */
static void
on_tray_menu_item (OtasukeApplication *self,
                   const char         *detailed_action)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_action_parse_detailed_name (detailed_action, &name, &target, &error))
    {
      g_warning ("Bad tray action %s: %s", detailed_action, error->message);
      return;
    }

  if (g_str_has_prefix (name, "app."))
    {
      g_action_group_activate_action (G_ACTION_GROUP (self), name + strlen ("app."), target);
    }
  else
    {
      g_application_activate (G_APPLICATION (self));
      gtk_widget_activate_action_variant (GTK_WIDGET (get_or_create_window (self)), name, target);
    }
}

/* A click on a notification: the window, on the page it is about. */
static void
on_notification_open (OtasukeApplication *self,
                      const char         *page,
                      const char         *advisory_id)
{
  OtasukeWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = get_or_create_window (self);
  if (advisory_id != NULL && otasuke_window_show_advisory (window, advisory_id))
    return;
  if (page != NULL)
    otasuke_window_set_visible_page (window, page);
}

/* With a tray the program stays when its last window closes; without one
 * it ends, so that it never runs on out of reach. */
static void
on_window_removed (OtasukeApplication *self)
{
  if (gtk_application_get_windows (GTK_APPLICATION (self)) != NULL || self->held ||
      self->tray == NULL || !otasuke_tray_get_is_available (self->tray))
    return;

  self->held = TRUE;
  g_application_hold (G_APPLICATION (self));
  if (self->notifier != NULL)
    otasuke_notifier_begin (self->notifier);
}

/* The icon asks for attention while important advisories are unread. */
static void
update_tray (OtasukeApplication *self)
{
  GListModel *model;
  guint n_important = 0;
  g_autofree char *tooltip = NULL;

  if (self->tray == NULL || self->advisories == NULL)
    return;

  model = otasuke_advisories_get_model (self->advisories);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (model, i);

      if (!otasuke_advisory_get_read (advisory) && otasuke_advisory_get_severity (advisory) >= OTASUKE_SEVERITY_HIGH)
        n_important++;
    }

  if (n_important > 0)
    tooltip = g_strdup_printf (ngettext ("%u important advisory not read yet",
                                         "%u important advisories not read yet", n_important),
                               n_important);
  else
    tooltip = g_strdup (_("Nothing needs your attention"));
  otasuke_tray_set_tooltip (self->tray, tooltip);
  otasuke_tray_set_attention (self->tray, n_important > 0);
}

static void
setup_notifications (OtasukeApplication *self)
{
  g_signal_connect_object (otasuke_advisories_get_model (self->advisories), "items-changed",
                           G_CALLBACK (update_tray), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->advisories, "notify::n-unread",
                           G_CALLBACK (update_tray), self, G_CONNECT_SWAPPED);
  update_tray (self);

  self->notifier = otasuke_notifier_new (self->store, self->settings, self->tray);
  g_signal_connect_object (self->notifier, "open",
                           G_CALLBACK (on_notification_open), self, G_CONNECT_SWAPPED);
  if (self->started_in_background)
    otasuke_notifier_begin (self->notifier);
  otasuke_notifier_check_reminders (self->notifier, otasuke_application_get_n_trusted_keys (self) > 0);
}

static gboolean
network_timer_cb (gpointer user_data)
{
  OtasukeApplication *self = user_data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 interval = (gint64) g_settings_get_uint (self->settings, "check-interval") * 60 * 60;

  self->network_timer = 0;
  if (self->advisories == NULL || otasuke_application_get_n_trusted_keys (self) == 0 ||
      otasuke_advisories_get_busy (self->advisories))
    return G_SOURCE_REMOVE;

  /* Only when the last attempt failed (offline, most likely) or a fetch is due anyway. */
  if (otasuke_advisories_get_failures (self->advisories) > 0 ||
      otasuke_advisories_get_last_success (self->advisories) + interval <= now)
    g_action_group_activate_action (G_ACTION_GROUP (self), "fetch-feed", NULL);
  return G_SOURCE_REMOVE;
}

/* Back online: fetch soon, once things have settled (links often flap). */
static void
on_network_changed (OtasukeApplication *self,
                    gboolean            available)
{
  if (!available)
    return;
  g_clear_handle_id (&self->network_timer, g_source_remove);
  self->network_timer = g_timeout_add_seconds_full (G_PRIORITY_LOW, 30, network_timer_cb, self, NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "activate", .activate = activate_action },
  { .name = "quit", .activate = quit_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "about", .activate = about_action },
  { .name = "fetch-feed", .activate = fetch_feed_action },
};

static gboolean
start_loading (gpointer user_data)
{
  OtasukeApplication *self = user_data;
  g_autoptr(GTask) task = NULL;

  /* Opening (and perhaps repairing) the database is disk work: keep it off the UI thread. */
  task = g_task_new (self, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_loading);
  g_task_set_task_data (task, g_strdup (g_getenv ("OTASUKE_PROBE_ROOT")), g_free);
  g_task_run_in_thread (task, load_in_thread);

  return G_SOURCE_REMOVE;
}

static void
otasuke_application_startup (GApplication *app)
{
  OtasukeApplication *self = OTASUKE_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.fetch-feed", { "<Control>r", "F5", NULL } },
    { "window.show-shortcuts", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.page::overview", { "<Alt>1", NULL } },
    { "win.page::check", { "<Alt>2", NULL } },
    { "win.page::advisories", { "<Alt>3", NULL } },
    { "win.page::history", { "<Alt>4", NULL } },
    { "win.page::sheet", { "<Alt>5", NULL } },
    { "win.page::action", { "<Alt>6", NULL } },
  };
  G_APPLICATION_CLASS (otasuke_application_parent_class)->startup (app);

  /* GTK is up: the platform's fonts and the like (nothing on Linux). */
  otasuke_platform_ui_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  update_fetch_action (self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_signal_connect_object (self->settings, "changed::start-at-login",
                           G_CALLBACK (on_start_at_login_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed::trusted-keys",
                           G_CALLBACK (on_trusted_keys_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::trusted-keys",
                           G_CALLBACK (schedule_fetch), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::check-interval",
                           G_CALLBACK (schedule_fetch), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (on_network_changed), self, G_CONNECT_SWAPPED);
  self->tray = otasuke_tray_new (APPLICATION_ID, _("Otasuke"), g_application_get_dbus_connection (app));
  g_signal_connect_object (self->tray, "activate", G_CALLBACK (g_application_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tray, "menu-item", G_CALLBACK (on_tray_menu_item), self, G_CONNECT_SWAPPED);
  update_fetch_action (self);
  g_signal_connect (self, "window-removed", G_CALLBACK (on_window_removed), NULL);

  self->resume_monitor = otasuke_resume_monitor_new (NULL);
  otasuke_probe_service_follow_resume (self->probe_service, self->resume_monitor);

  /* Low priority: the first frame is drawn before this work competes for the CPU. */
  g_idle_add_full (G_PRIORITY_LOW, start_loading, g_object_ref (self), g_object_unref);
}

static void
otasuke_application_shutdown (GApplication *app)
{
  OtasukeApplication *self = OTASUKE_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->fetch_timer, g_source_remove);
  g_clear_handle_id (&self->network_timer, g_source_remove);
  /* Off the bus now: the next instance in this process exports the same paths. */
  g_clear_object (&self->tray);
  g_clear_object (&self->notifier);
  g_clear_object (&self->resume_monitor);
  /* No more runs: a report arriving now would have no one to read it. */
  g_object_run_dispose (G_OBJECT (self->probe_service));
  if (self->site_monitor != NULL)
    g_object_run_dispose (G_OBJECT (self->site_monitor));

  G_APPLICATION_CLASS (otasuke_application_parent_class)->shutdown (app);
}

static void
otasuke_application_finalize (GObject *object)
{
  OtasukeApplication *self = OTASUKE_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->probe_service);
  g_clear_object (&self->site_monitor);
  g_clear_object (&self->advisories);
  g_clear_object (&self->updater);
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
    { "fetch-feed", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Fetch the advisories once, print the outcome and exit"), NULL },
    { "feed-url", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --fetch-feed: fetch from this address instead of the one in Preferences"), N_("URL") },
    { "probe", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Look at this computer (browsers, operating system, security settings), print JSON and exit"), NULL },
    { "export-sheet", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Save the consultation sheet as a PDF file and exit"), N_("FILE.pdf") },
    { "sheet", 0, 0, G_OPTION_ARG_INT64, NULL,
      N_("With --export-sheet: the number of the draft to save (default: the most recent)"), N_("ID") },
    { "security-action", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print what SECURITY ACTION one star and two stars still need, as JSON, and exit"), NULL },
    { "export-policy", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Save the basic information security policy draft as a PDF file and exit"), N_("FILE.pdf") },
    { "router-check", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Check whether a router model is affected by a known advisory, print JSON and exit"), N_("MODEL") },
    { "firmware", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --router-check: the router’s firmware version"), N_("VERSION") },
    { "site-check", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Check a website and its mail domain (certificate, HTTPS, HSTS, SPF, DMARC), print JSON and exit"),
      N_("HOST[:PORT]") },
    { "resolve", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("With --site-check: connect to ADDRESS for HOST and PORT, as curl does (repeatable)"),
      N_("HOST:PORT:ADDRESS") },
    { "cacert", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("With --site-check: trust the certificate authorities in this file instead of the system’s"),
      N_("FILE") },
    { "http-port", 0, 0, G_OPTION_ARG_INT, NULL,
      N_("With --site-check: the plain-HTTP port to test the redirect to HTTPS on (default 80)"),
      N_("PORT") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  /* The one test hook of the probes: OTASUKE_PROBE_ROOT points them at a
   * fake filesystem (see tests/window-harness.c); unset, they look at this computer. */
  self->probe_service = otasuke_probe_service_new (g_getenv ("OTASUKE_PROBE_ROOT"));

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

OtasukeAdvisories *
otasuke_application_get_advisories (OtasukeApplication *self)
{
  g_return_val_if_fail (OTASUKE_IS_APPLICATION (self), NULL);

  return self->advisories;
}

guint
otasuke_application_get_n_trusted_keys (OtasukeApplication *self)
{
  g_auto(GStrv) keys = NULL;
  guint n = 0;

  g_return_val_if_fail (OTASUKE_IS_APPLICATION (self), 0);

  if (self->updater != NULL)
    return otasuke_feed_updater_get_n_trusted_keys (self->updater);
  keys = collect_trusted_keys (self->settings);
  for (guint i = 0; keys[i] != NULL; i++)
    n += keys[i][0] != '\0';
  return n;
}

const OtasukeOsInfo *
otasuke_application_get_os_info (OtasukeApplication *self)
{
  g_return_val_if_fail (OTASUKE_IS_APPLICATION (self), NULL);

  return self->os_info;
}

OtasukeSiteMonitor *
otasuke_application_get_site_monitor (OtasukeApplication *self)
{
  g_return_val_if_fail (OTASUKE_IS_APPLICATION (self), NULL);

  return self->site_monitor;
}

OtasukeProbeService *
otasuke_application_get_probe_service (OtasukeApplication *self)
{
  g_return_val_if_fail (OTASUKE_IS_APPLICATION (self), NULL);

  return self->probe_service;
}
