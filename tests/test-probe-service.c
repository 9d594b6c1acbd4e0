/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one probe service: runs off the main thread, coalesces, follows the
 * feed, wakes with the computer and keeps its facts fresh, over fake roots. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "otasuke-advisories.h"
#include "otasuke-feed-updater.h"
#include "otasuke-minisign.h"
#include "otasuke-probe-service.h"
#include "otasuke-resume-monitor.h"
#include "otasuke-store.h"
#include "test-server.h"

static char *
make_root (void)
{
  g_autofree char *tmpl = g_build_filename (g_get_user_cache_dir (), "root-XXXXXX", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (tmpl));
  return g_steal_pointer (&tmpl);
}

static void
write_file (const char *root,
            const char *relative,
            const char *contents,
            int         mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static const OtasukeProbeBrowser *
find_browser (const OtasukeProbeReport *report,
              const char               *id)
{
  for (guint i = 0; report != NULL && i < report->browsers->len; i++)
    {
      const OtasukeProbeBrowser *b = g_ptr_array_index (report->browsers, i);

      if (g_str_equal (b->id, id))
        return b;
    }
  return NULL;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Iterates until @service has finished @n_runs runs and is idle. */
static void
wait_for_runs (OtasukeProbeService *service,
               guint                n_runs)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (otasuke_probe_service_get_n_runs (service) < n_runs || otasuke_probe_service_get_busy (service))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_report (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(OtasukeProbeService) service = otasuke_probe_service_new (root);
  const OtasukeProbeReport *report;
  guint changes = 0;

  write_file (root, "etc/os-release", "ID=debian\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n", 0644);
  write_file (root, "usr/lib/firefox-esr/application.ini", "[App]\nVersion=115.10.0esr\n", 0644);
  g_signal_connect_swapped (service, "report-changed", G_CALLBACK (count_cb), &changes);

  g_assert_null (otasuke_probe_service_get_report (service));
  g_assert_null (otasuke_probe_service_get_report_json (service));
  g_assert_cmpint (otasuke_probe_service_get_report_time (service), ==, 0);

  otasuke_probe_service_refresh (service, OTASUKE_PROBE_REASON_START_UP);
  /* The caller's thread does not wait for the probes. */
  g_assert_true (otasuke_probe_service_get_busy (service));
  g_assert_null (otasuke_probe_service_get_report (service));

  wait_for_runs (service, 1);
  report = otasuke_probe_service_get_report (service);
  g_assert_nonnull (report);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (find_browser (report, "firefox")->version, ==, "115.10.0esr");
  g_assert_cmpstr (report->os.id, ==, "debian");
  g_assert_cmpint (otasuke_probe_service_get_report_reason (service), ==, OTASUKE_PROBE_REASON_START_UP);
  g_assert_cmpint (otasuke_probe_service_get_report_time (service), >, 0);
  g_assert_nonnull (strstr (otasuke_probe_service_get_report_json (service), "115.10.0esr"));

  /* A browser installed while the program runs is in the next report. */
  g_assert_null (find_browser (report, "chromium"));
  write_file (root, "var/lib/dpkg/status",
              "Package: chromium\nStatus: install ok installed\nVersion: 131.0.6778.85-1~deb12u1\n", 0644);
  otasuke_probe_service_refresh (service, OTASUKE_PROBE_REASON_CHECK);
  wait_for_runs (service, 2);
  report = otasuke_probe_service_get_report (service);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpstr (find_browser (report, "chromium")->version, ==, "131.0.6778.85");
  g_assert_cmpint (otasuke_probe_service_get_report_reason (service), ==, OTASUKE_PROBE_REASON_CHECK);
}

/* Requests during a run become one more run, not one each. */
static void
test_coalesce (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(OtasukeProbeService) service = otasuke_probe_service_new (root);
  guint changes = 0;

  /* A slow browser keeps the first run busy while the requests come in. */
  write_file (root, "usr/bin/chromium", "#!/bin/sh\nsleep 0.5\necho 'Chromium 131.0.1'\n", 0755);
  g_signal_connect_swapped (service, "report-changed", G_CALLBACK (count_cb), &changes);

  otasuke_probe_service_refresh (service, OTASUKE_PROBE_REASON_START_UP);
  otasuke_probe_service_refresh (service, OTASUKE_PROBE_REASON_CHECK);
  otasuke_probe_service_refresh (service, OTASUKE_PROBE_REASON_RESUME);
  otasuke_probe_service_refresh (service, OTASUKE_PROBE_REASON_CHECK);
  g_assert_true (otasuke_probe_service_get_busy (service));

  wait_for_runs (service, 2);
  g_assert_cmpuint (otasuke_probe_service_get_n_runs (service), ==, 2);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpint (otasuke_probe_service_get_report_reason (service), ==, OTASUKE_PROBE_REASON_CHECK);
  g_assert_cmpstr (find_browser (otasuke_probe_service_get_report (service), "chromium")->version, ==, "131.0.1");

  /* Nothing more was queued. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (otasuke_probe_service_get_busy (service));
  g_assert_cmpuint (otasuke_probe_service_get_n_runs (service), ==, 2);
}

/* After a report, the next one comes by itself a background interval later. */
static void
test_background (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(OtasukeProbeService) service = otasuke_probe_service_new (root);

  otasuke_probe_service_set_background_interval (service, 0);
  otasuke_probe_service_refresh (service, OTASUKE_PROBE_REASON_START_UP);
  wait_for_runs (service, 1);

  otasuke_probe_service_set_background_interval (service, 1);
  wait_for_runs (service, 2);
  g_assert_cmpint (otasuke_probe_service_get_report_reason (service), ==, OTASUKE_PROBE_REASON_BACKGROUND);
}

static GBytes *
os_feed (gint64      sequence,
         const char *date)
{
  char *json = g_strdup_printf (
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Test\","
    " \"_otasuke\": {\"schema\": 1, \"sequence\": %" G_GINT64_FORMAT ","
    "   \"generated\": \"2024-01-01T00:00:00+09:00\", \"expires\": \"2099-01-01T00:00:00+09:00\"},"
    " \"items\": [{\"id\": \"debian-12-eol-%" G_GINT64_FORMAT "\", \"title\": \"Debian 12\","
    "   \"content_text\": \"Debian 12 support.\", \"date_published\": \"2024-01-01T09:00:00+09:00\","
    "   \"_otasuke\": {\"severity\": \"high\", \"category\": \"os\","
    "     \"checks\": [{\"type\": \"os_end_of_support\", \"os\": \"debian\", \"version\": \"12\","
    "                   \"date\": \"%s\"}]}}]}",
    sequence, sequence, date);

  return g_bytes_new_take (json, strlen (json));
}

static void
ingest (OtasukeStore *store,
        gint64        sequence,
        const char   *date)
{
  g_autoptr(GBytes) body = os_feed (sequence, date);
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome =
    otasuke_feed_ingest_bundled (store, body, g_get_real_time () / G_USEC_PER_SEC, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outcome);
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);
}

/* The feed's end-of-support dates reach the probe: at start-up, and again
 * when a new feed is accepted. */
static void
test_feed (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *db = g_build_filename (root, "otasuke.db", NULL);
  g_autoptr(OtasukeProbeService) service = otasuke_probe_service_new (root);
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(OtasukeAdvisories) advisories = NULL;
  g_autoptr(GError) error = NULL;
  const OtasukeProbeReport *report;
  guint reloads = 0;
  guint runs;

  write_file (root, "etc/os-release", "ID=debian\nVERSION_ID=12\n", 0644);
  store = otasuke_store_open (db, &error);
  g_assert_no_error (error);
  ingest (store, 1, "2020-01-01");

  advisories = otasuke_advisories_new (store, NULL);
  otasuke_probe_service_follow_advisories (service, advisories);
  otasuke_advisories_reload (advisories);
  wait_for_runs (service, 1);
  report = otasuke_probe_service_get_report (service);
  g_assert_cmpint (otasuke_probe_service_get_report_reason (service), ==, OTASUKE_PROBE_REASON_START_UP);
  g_assert_cmpint (report->os.supported, ==, OTASUKE_PROBE_NO);
  g_assert_cmpstr (report->os.end_of_support, ==, "2020-01-01");

  /* A reload of the same feed (a read mark, a failed fetch) is no reason to look again. */
  g_signal_connect_swapped (otasuke_advisories_get_model (advisories), "items-changed",
                            G_CALLBACK (count_cb), &reloads);
  otasuke_advisories_reload (advisories);
  while (reloads == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (otasuke_probe_service_get_busy (service));
  runs = otasuke_probe_service_get_n_runs (service);
  g_assert_cmpuint (runs, ==, 1);

  /* A newer feed moves the date: the probe runs again with it. */
  ingest (store, 2, "2099-06-30");
  otasuke_advisories_reload (advisories);
  wait_for_runs (service, runs + 1);
  report = otasuke_probe_service_get_report (service);
  g_assert_cmpint (otasuke_probe_service_get_report_reason (service), ==, OTASUKE_PROBE_REASON_FEED);
  g_assert_cmpint (report->os.supported, ==, OTASUKE_PROBE_YES);
  g_assert_cmpstr (report->os.end_of_support, ==, "2099-06-30");
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  OtasukeUpdateOutcome **outcome = user_data;
  g_autoptr(GError) error = NULL;

  *outcome = otasuke_advisories_update_finish (OTASUKE_ADVISORIES (object), result, &error);
  g_assert_no_error (error);
}

/* The real path: a signed feed fetched over loopback and accepted replaces
 * the bundled one, and the probes look again with its dates. */
static void
test_feed_accepted (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *db = g_build_filename (root, "otasuke.db", NULL);
  g_autoptr(OtasukeProbeService) service = otasuke_probe_service_new (root);
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFeedUpdater) updater = NULL;
  g_autoptr(OtasukeAdvisories) advisories = NULL;
  g_autoptr(OtasukeMinisignKey) key = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  g_autoptr(GBytes) body = os_feed (9, "2099-06-30");
  g_autoptr(GError) error = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *key_line = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *url = NULL;
  const char *keys[2] = { NULL, NULL };
  guint runs;

  write_file (root, "etc/os-release", "ID=debian\nVERSION_ID=12\n", 0644);
  store = otasuke_store_open (db, &error);
  g_assert_no_error (error);
  ingest (store, 1, "2020-01-01");

  otasuke_minisign_keygen (&public_key, &secret_key);
  key = otasuke_minisign_key_new_from_file_contents (public_key, strlen (public_key), &error);
  g_assert_no_error (error);
  key_line = otasuke_minisign_key_get_base64 (key);
  keys[0] = key_line;
  updater = otasuke_feed_updater_new (store, fetcher);
  g_assert_cmpuint (otasuke_feed_updater_set_trusted_keys (updater, keys), ==, 1);

  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  sig = otasuke_minisign_sign (secret_key, strlen (secret_key), (const guint8 *) text, strlen (text),
                               "feed.json", NULL, &error);
  g_assert_no_error (error);
  otasuke_test_server_add_text (server, "/feed.json", SOUP_STATUS_OK, text);
  otasuke_test_server_add_text (server, "/feed.json.minisig", SOUP_STATUS_OK, sig);
  url = otasuke_test_server_get_url (server, "/feed.json");

  advisories = otasuke_advisories_new (store, updater);
  otasuke_probe_service_follow_advisories (service, advisories);
  otasuke_advisories_reload (advisories);
  wait_for_runs (service, 1);
  g_assert_cmpint (otasuke_probe_service_get_report (service)->os.supported, ==, OTASUKE_PROBE_NO);
  runs = otasuke_probe_service_get_n_runs (service);

  otasuke_advisories_update_async (advisories, url, NULL, fetched_cb, &outcome);
  while (outcome == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);

  wait_for_runs (service, runs + 1);
  g_assert_cmpint (otasuke_probe_service_get_report_reason (service), ==, OTASUKE_PROBE_REASON_FEED);
  g_assert_cmpint (otasuke_probe_service_get_report (service)->os.supported, ==, OTASUKE_PROBE_YES);
  g_assert_cmpstr (otasuke_probe_service_get_report (service)->os.end_of_support, ==, "2099-06-30");
}

/* logind on a private bus says the computer went to sleep and woke up. */
static void
test_resume (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusConnection) logind = NULL;
  g_autoptr(GDBusConnection) ours = NULL;
  g_autoptr(OtasukeProbeService) service = otasuke_probe_service_new (root);
  g_autoptr(OtasukeResumeMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  guint resumed = 0;

  g_test_dbus_up (bus);
  logind = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (logind, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.login1", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  ours = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                 G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, &error);
  g_assert_no_error (error);

  monitor = otasuke_resume_monitor_new (ours);
  g_assert_true (otasuke_resume_monitor_get_watching (monitor));
  g_signal_connect_swapped (monitor, "resumed", G_CALLBACK (count_cb), &resumed);
  otasuke_probe_service_follow_resume (service, monitor);
  /* The match rule is in place once a round trip to the bus is done. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (ours, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetId", NULL, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  /* Going to sleep is not waking up. */
  g_dbus_connection_emit_signal (logind, NULL, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                                 "PrepareForSleep", g_variant_new ("(b)", TRUE), &error);
  g_assert_no_error (error);
  /* Someone else's signal of the same name is not logind's. */
  g_dbus_connection_emit_signal (ours, NULL, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                                 "PrepareForSleep", g_variant_new ("(b)", FALSE), &error);
  g_assert_no_error (error);
  g_dbus_connection_emit_signal (logind, NULL, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                                 "PrepareForSleep", g_variant_new ("(b)", FALSE), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (logind, NULL, &error);
  g_assert_no_error (error);

  wait_for_runs (service, 1);
  g_assert_cmpuint (resumed, ==, 1);
  g_assert_cmpint (otasuke_probe_service_get_report_reason (service), ==, OTASUKE_PROBE_REASON_RESUME);

  g_clear_object (&monitor);
  g_clear_object (&logind);
  g_clear_object (&ours);
  g_test_dbus_down (bus);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/probe-service/report", test_report);
  g_test_add_func ("/probe-service/coalesce", test_coalesce);
  g_test_add_func ("/probe-service/background", test_background);
  g_test_add_func ("/probe-service/feed", test_feed);
  g_test_add_func ("/probe-service/feed-accepted", test_feed_accepted);
  g_test_add_func ("/probe-service/resume", test_resume);

  return g_test_run ();
}
