/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The entered domains in the store, the daily re-check and the certificate
 * reminders, against a loopback HTTPS server. */
#include "config.h"

#include <locale.h>

#include "otasuke-site-monitor.h"
#include "test-server.h"
#include "test-tls.h"

static OtasukeTestTls *tls;

typedef struct {
  guint   changed;
  guint   reminders;
  gint64  reminder_days;
  char   *reminder_host;
  char   *error;
} Seen;

static void
on_changed (OtasukeSiteMonitor *monitor,
            Seen               *seen)
{
  seen->changed++;
}

static void
on_reminder (OtasukeSiteMonitor *monitor,
             const char         *host,
             gint64              days_left,
             Seen               *seen)
{
  seen->reminders++;
  seen->reminder_days = days_left;
  g_free (seen->reminder_host);
  seen->reminder_host = g_strdup (host);
}

static void
on_error (OtasukeSiteMonitor *monitor,
          const char         *message,
          Seen               *seen)
{
  g_free (seen->error);
  seen->error = g_strdup (message);
}

static void
wait_idle (OtasukeSiteMonitor *monitor)
{
  while (otasuke_site_monitor_get_busy (monitor))
    g_main_context_iteration (NULL, TRUE);
}

static OtasukeSiteMonitor *
monitor_new (OtasukeStore *store,
             Seen         *seen,
             const char   *resolve)
{
  OtasukeSiteMonitor *monitor = otasuke_site_monitor_new (store);
  const char * const entries[] = { resolve, NULL };

  otasuke_site_monitor_set_test_options (monitor, entries, otasuke_test_tls_get_ca_file (tls), 9);
  g_signal_connect (monitor, "report-changed", G_CALLBACK (on_changed), seen);
  g_signal_connect (monitor, "certificate-reminder", G_CALLBACK (on_reminder), seen);
  g_signal_connect (monitor, "domains-error", G_CALLBACK (on_error), seen);
  return monitor;
}

static OtasukeStore *
store_new (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "site.db", NULL);
  g_autoptr(GError) error = NULL;
  OtasukeStore *store = otasuke_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_stage_due (void)
{
  g_assert_cmpuint (otasuke_site_reminder_stage_due (90, 0), ==, 0);
  g_assert_cmpuint (otasuke_site_reminder_stage_due (31, 0), ==, 0);
  g_assert_cmpuint (otasuke_site_reminder_stage_due (30, 0), ==, 30);
  g_assert_cmpuint (otasuke_site_reminder_stage_due (20, 30), ==, 0);
  g_assert_cmpuint (otasuke_site_reminder_stage_due (8, 30), ==, 0);
  g_assert_cmpuint (otasuke_site_reminder_stage_due (7, 30), ==, 7);
  g_assert_cmpuint (otasuke_site_reminder_stage_due (7, 0), ==, 7);
  g_assert_cmpuint (otasuke_site_reminder_stage_due (3, 7), ==, 0);
  g_assert_cmpuint (otasuke_site_reminder_stage_due (-2, 7), ==, 0);
  g_assert_cmpuint (otasuke_site_reminder_stage_due (-2, 0), ==, 7);
}

static void
test_nothing_entered (void)
{
  g_autoptr(OtasukeStore) store = store_new ();
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new_https (otasuke_test_tls_get_good (tls));
  Seen seen = { 0 };
  g_autoptr(OtasukeSiteMonitor) monitor = monitor_new (store, &seen, NULL);

  otasuke_site_monitor_refresh (monitor, FALSE);
  g_assert_true (otasuke_site_monitor_get_busy (monitor));
  wait_idle (monitor);
  /* Once, to say that nothing is entered. */
  g_assert_cmpuint (seen.changed, ==, 1);
  g_assert_true (otasuke_site_monitor_get_loaded (monitor));
  g_assert_null (otasuke_site_monitor_get_website (monitor));
  g_assert_null (otasuke_site_monitor_get_report (monitor));
  otasuke_site_monitor_refresh (monitor, FALSE);
  wait_idle (monitor);
  g_assert_cmpuint (seen.changed, ==, 1);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, NULL), ==, 0);
}

static void
test_daily (void)
{
  g_autoptr(OtasukeStore) store = store_new ();
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new_https (otasuke_test_tls_get_good (tls));
  g_autofree char *url = otasuke_test_server_get_url (server, "/");
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *website = g_strdup_printf ("Localhost:%d", g_uri_get_port (uri));
  g_autofree char *resolve = g_strdup_printf ("localhost:%d:127.0.0.1", g_uri_get_port (uri));
  g_autofree char *saved_site = NULL;
  g_autofree char *saved_mail = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen = { 0 };
  Seen again = { 0 };
  OtasukeSiteMonitor *monitor;
  OtasukeSiteReport *report;
  gint64 checked_at = 0;

  otasuke_test_server_add_text (server, "/", 200, "shop");
  monitor = monitor_new (store, &seen, resolve);
  otasuke_site_monitor_set_domains (monitor, website, NULL);
  wait_idle (monitor);

  g_assert_null (seen.error);
  g_assert_cmpuint (seen.changed, ==, 1);
  report = otasuke_site_monitor_get_report (monitor);
  g_assert_nonnull (report);
  g_assert_true (report->https_ok);
  g_assert_true (g_ascii_strcasecmp (otasuke_site_monitor_get_website (monitor), website) == 0);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/"), ==, 1);
  /* Two days left at most: the 7-day reminder, once. */
  g_assert_cmpuint (seen.reminders, ==, 1);
  g_assert_cmpstr (seen.reminder_host, ==, "localhost");
  g_assert_cmpint (seen.reminder_days, <=, 2);

  g_assert_true (otasuke_site_domains_load (store, &saved_site, &saved_mail, &error));
  g_assert_true (g_ascii_strcasecmp (saved_site, website) == 0);
  g_assert_null (saved_mail);
  {
    g_autoptr(OtasukeSiteReport) stored = otasuke_site_report_load (store, &checked_at, &error);

    g_assert_no_error (error);
    g_assert_nonnull (stored);
    g_assert_cmpint (stored->cert_days_left, ==, report->cert_days_left);
    g_assert_cmpint (checked_at, >, 0);
  }

  /* Less than a day later: no request, no second reminder. */
  otasuke_site_monitor_refresh (monitor, FALSE);
  wait_idle (monitor);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/"), ==, 1);
  g_assert_cmpuint (seen.reminders, ==, 1);
  g_object_unref (monitor);

  /* After a restart: the saved report, still no request and no reminder. */
  monitor = monitor_new (store, &again, resolve);
  otasuke_site_monitor_refresh (monitor, FALSE);
  wait_idle (monitor);
  g_assert_cmpuint (again.changed, ==, 1);
  g_assert_nonnull (otasuke_site_monitor_get_report (monitor));
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/"), ==, 1);

  /* Forced (the user asked): checked again, but the reminder was shown. */
  otasuke_site_monitor_refresh (monitor, TRUE);
  wait_idle (monitor);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/"), ==, 2);
  g_assert_cmpuint (again.reminders, ==, 0);

  /* A bad entry is refused with a message; what was saved stays. */
  otasuke_site_monitor_set_domains (monitor, "not a host", NULL);
  wait_idle (monitor);
  g_assert_nonnull (again.error);
  g_clear_pointer (&saved_site, g_free);
  g_clear_pointer (&saved_mail, g_free);
  g_assert_true (otasuke_site_domains_load (store, &saved_site, &saved_mail, &error));
  g_assert_true (g_ascii_strcasecmp (saved_site, website) == 0);

  /* Removed: nothing is looked at any more. */
  otasuke_site_monitor_set_domains (monitor, "", "");
  wait_idle (monitor);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/"), ==, 2);
  g_assert_null (otasuke_site_report_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (otasuke_site_monitor_get_report (monitor));
  g_assert_null (otasuke_site_monitor_get_website (monitor));

  g_object_unref (monitor);
  g_free (seen.reminder_host);
  g_free (again.error);
  g_free (again.reminder_host);
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tls = otasuke_test_tls_new ();

  g_test_add_func ("/site-monitor/stage-due", test_stage_due);
  g_test_add_func ("/site-monitor/nothing-entered", test_nothing_entered);
  g_test_add_func ("/site-monitor/daily", test_daily);

  status = g_test_run ();
  otasuke_test_tls_free (tls);
  return status;
}
