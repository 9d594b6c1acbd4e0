/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-commands"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-commands.h"
#include "otasuke-feed-fetcher.h"
#include "otasuke-feed-updater.h"
#include "otasuke-feed.h"
#include "otasuke-policy-render.h"
#include "otasuke-probe.h"
#include "otasuke-router-table.h"
#include "otasuke-security-action.h"
#include "otasuke-sheet-render.h"
#include "otasuke-site-check.h"
#include "otasuke-store-advisories.h"

/* The history file for a command: a file found damaged was moved aside
 * when it was opened, and the user of the command line is told so too. */
static OtasukeStore *
open_store (GError **error)
{
  g_autofree char *path = otasuke_store_default_path ();
  OtasukeStore *store = otasuke_store_open (path, error);

  if (store != NULL && otasuke_store_get_recovery_reason (store) != NULL)
    g_printerr ("%s\n", otasuke_store_get_recovery_reason (store));
  if (store != NULL && otasuke_store_get_read_only_reason (store) != NULL)
    g_printerr ("%s\n", otasuke_store_get_read_only_reason (store));
  return store;
}

/* The advisories that ship with the program, shown until a network feed is accepted. */
void
otasuke_ingest_bundled_feed (OtasukeStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (OTASUKE_BUNDLED_FEED_RESOURCE, 0, &error);
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;

  if (bytes != NULL)
    outcome = otasuke_feed_ingest_bundled (store, bytes, g_get_real_time () / G_USEC_PER_SEC, &error);
  /* A history that can only be read keeps the advisories it has; Home
   * already says that nothing is saved. */
  if (outcome == NULL && g_error_matches (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_READ_ONLY))
    g_debug ("The bundled advisories were not stored: %s", error->message);
  else if (outcome == NULL)
    g_warning ("The bundled advisories could not be loaded: %s", error->message);
}

typedef struct {
  GMainLoop            *loop;
  OtasukeUpdateOutcome *outcome;
  GError               *error;
} HeadlessFetch;

static void
headless_fetch_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  HeadlessFetch *fetch = user_data;

  fetch->outcome = otasuke_feed_updater_update_finish (OTASUKE_FEED_UPDATER (object), result, &fetch->error);
  g_main_loop_quit (fetch->loop);
}

int
otasuke_command_fetch_feed (const char * const *trusted_keys,
                            const char         *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeStore) store = open_store (&error);
  g_autoptr(OtasukeFeedFetcher) fetcher = NULL;
  g_autoptr(OtasukeFeedUpdater) updater = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *unreadable = NULL;
  HeadlessFetch fetch = { 0 };

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  otasuke_ingest_bundled_feed (store);

  fetcher = otasuke_feed_fetcher_new ();
  updater = otasuke_feed_updater_new (store, fetcher);
  otasuke_feed_updater_set_trusted_keys (updater, trusted_keys);
  unreadable = otasuke_feed_updater_get_unreadable_keys (updater);
  if (unreadable != NULL)
    {
      g_strdelimit (unreadable, "\n", ' ');
      /* Translators: a key in the trusted-keys setting is not a key; the keys and reasons follow */
      g_print (_("Failed: a trusted key in the settings cannot be read, so nothing was fetched. "
                 "Correct or remove it: %s"), unreadable);
      g_print ("\n");
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  fetch.loop = loop;
  otasuke_feed_updater_update_async (updater, url, NULL, headless_fetch_cb, &fetch);
  g_main_loop_run (loop);

  if (fetch.outcome == NULL)
    {
      if (fetch.error->domain == OTASUKE_UPDATE_ERROR)
        /* Translators: the feed was downloaded but not accepted; the reason follows */
        g_print (_("Refused: %s"), fetch.error->message);
      else
        /* Translators: the feed could not be downloaded or stored; the reason follows */
        g_print (_("Failed: %s"), fetch.error->message);
      g_print ("\n");
      g_clear_error (&fetch.error);
      return 1;
    }

  switch (fetch.outcome->status)
    {
    case OTASUKE_UPDATE_ACCEPTED:
      g_print (_("Accepted advisories number %lld: %u in all, %u new."),
               (long long) fetch.outcome->sequence, fetch.outcome->n_items, fetch.outcome->new_ids->len);
      if (fetch.outcome->expired)
        g_print (" %s", _("They are past their expiry date and shown as possibly out of date."));
      break;
    case OTASUKE_UPDATE_UNCHANGED:
      g_print ("%s", _("No change: these advisories are already here."));
      break;
    case OTASUKE_UPDATE_NOT_MODIFIED:
      g_print ("%s", _("No change: the server says the advisories have not changed."));
      break;
    default:
      g_assert_not_reached ();
    }
  g_print ("\n");

  otasuke_update_outcome_free (fetch.outcome);
  return 0;
}

/* The advisories to check routers against: those in the store (the network
 * feed once accepted), else the bundled ones. */
static GPtrArray *
load_feed_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeStore) store = open_store (&error);
  g_autoptr(GPtrArray) advisories = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(OtasukeFeed) feed = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_feed_item_free);

  if (store != NULL)
    advisories = otasuke_store_list_advisories (store, NULL);
  if (advisories != NULL && advisories->len > 0)
    {
      for (guint i = 0; i < advisories->len; i++)
        g_ptr_array_add (items, otasuke_feed_item_copy (otasuke_advisory_get_item (g_ptr_array_index (advisories, i))));
      return items;
    }

  bytes = g_resources_lookup_data (OTASUKE_BUNDLED_FEED_RESOURCE, 0, NULL);
  if (bytes != NULL)
    feed = otasuke_feed_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  for (guint i = 0; feed != NULL && i < feed->items->len; i++)
    g_ptr_array_add (items, otasuke_feed_item_copy (g_ptr_array_index (feed->items, i)));
  return items;
}

int
otasuke_command_probe (void)
{
  OtasukeProbeOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeProbeReport) report = NULL;
  g_autofree char *json = NULL;
  const char *root = g_getenv ("OTASUKE_PROBE_ROOT");
  g_autofree char *home = NULL;
  g_autofree char *config = NULL;
  g_autofree char *data = NULL;

  /* The test hook of the probe service (otasuke-probe-service.h), with its folders. */
  if (root != NULL && g_strcmp0 (root, "/") != 0)
    {
      home = g_build_filename (root, "home", "user", NULL);
      config = g_build_filename (home, ".config", NULL);
      data = g_build_filename (home, ".local", "share", NULL);
      options.root = root;
      options.home_dir = home;
      options.user_config_dir = config;
      options.user_data_dir = data;
    }
  report = otasuke_probe_run (&options, NULL, &error);

  if (report == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  json = otasuke_probe_report_to_json (report);
  g_print ("%s\n", json);
  return 0;
}

int
otasuke_command_router_check (const char *model,
                              const char *firmware)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeRouterTable) table = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(OtasukeRouterResult) result = NULL;
  g_autofree char *json = NULL;

  if (model == NULL || *model == '\0')
    {
      g_printerr ("%s\n", _("Usage: otasuke --router-check MODEL [--firmware VERSION]"));
      return 2;
    }

  table = otasuke_router_table_new_from_resource (&error);
  if (table == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  items = load_feed_items ();
  otasuke_router_table_merge_feed_items (table, items);

  result = otasuke_router_table_lookup (table, model, firmware);
  json = otasuke_router_result_to_json (result);
  g_print ("%s\n", json);
  return 0;
}

int
otasuke_command_export_sheet (const char *path,
                              gint64      sheet_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeStore) store = NULL;

  if (path == NULL || *path == '\0')
    {
      g_printerr ("%s\n", _("Usage: otasuke --export-sheet FILE.pdf [--sheet ID]"));
      return 2;
    }

  store = open_store (&error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!otasuke_sheet_export_pdf_for_cli (store, sheet_id, path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

int
otasuke_command_security_action (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeStore) store = open_store (&error);
  g_autoptr(OtasukeActionState) state = NULL;
  g_autofree char *json = NULL;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  state = otasuke_action_state_load (store, NULL, &error);
  if (state == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  json = otasuke_action_readiness_to_json (state->readiness);
  g_print ("%s\n", json);
  return 0;
}

int
otasuke_command_export_policy (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeStore) store = NULL;

  if (path == NULL || *path == '\0')
    {
      g_printerr ("%s\n", _("Usage: otasuke --export-policy FILE.pdf"));
      return 2;
    }

  store = open_store (&error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!otasuke_policy_export_pdf_for_cli (store, path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

int
otasuke_command_site_check (const char         *target,
                            const char * const *resolve,
                            const char         *ca_file,
                            int                 http_port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeSiteReport) report = NULL;
  g_autofree char *host = NULL;
  g_autofree char *json = NULL;
  OtasukeSiteCheckOptions options = { 0 };
  guint port = 0;

  if (target == NULL || *target == '\0')
    {
      g_printerr ("%s\n", _("Usage: otasuke --site-check HOST[:PORT] [--resolve HOST:PORT:ADDRESS] "
                            "[--cacert FILE]"));
      return 2;
    }
  if (!otasuke_site_parse_target (target, &host, &port, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (http_port < 0 || http_port > 65535 || http_port == 25)
    {
      g_printerr ("%s\n", _("The port for --http-port must be between 1 and 65535 (and not 25)."));
      return 2;
    }
  if (ca_file != NULL && !g_file_test (ca_file, G_FILE_TEST_IS_REGULAR))
    {
      /* Translators: %s is a file name given with --cacert */
      g_printerr (_("The certificate file %s cannot be read."), ca_file);
      g_printerr ("\n");
      return 2;
    }

  options.host = host;
  options.port = port;
  options.http_port = (guint) http_port;
  options.resolve = resolve;
  options.ca_file = ca_file;
  report = otasuke_site_check_run (&options, NULL, &error);
  if (report == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  json = otasuke_site_report_to_json (report, TRUE);
  g_print ("%s\n", json);
  return 0;
}
