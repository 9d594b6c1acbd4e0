/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-bench-site"

#include "config.h"

#include "bench-util.h"
#include "otasuke-site-check.h"
#include "test-server.h"
#include "test-tls.h"

/* The website-check benchmark (not a test): how long a full site check
 * (HTTPS page with its certificate judged, the http:// redirect) takes
 * against loopback servers with a certificate made for the run, and the
 * longest stall of the caller's main loop meanwhile (1 ms timer). The servers
 * run in a thread of their own. Target: under 1 s for the check; the main
 * loop should not notice it. No name is looked up (mail check off).
 * Usage: bench-site [RUNS] */

typedef struct {
  GMutex             lock;
  GCond              cond;
  GMainContext      *context;
  GMainLoop         *loop;
  OtasukeTestTls    *tls;
  OtasukeTestServer *https;
  OtasukeTestServer *http;
  guint              https_port;
  guint              http_port;
} Servers;

static guint
port_of (OtasukeTestServer *server)
{
  g_autofree char *url = otasuke_test_server_get_url (server, "/");
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return (guint) g_uri_get_port (uri);
}

static gpointer
server_main (gpointer user_data)
{
  Servers *s = user_data;
  g_autoptr(GBytes) body = g_bytes_new_static ("<html></html>", 13);
  g_autofree char *target = NULL;

  g_main_context_push_thread_default (s->context);
  s->https = otasuke_test_server_new_https (otasuke_test_tls_get_good (s->tls));
  s->http = otasuke_test_server_new ();
  otasuke_test_server_add_response (s->https, "/", 200, body,
                                    "Strict-Transport-Security", "max-age=31536000",
                                    "X-Content-Type-Options", "nosniff",
                                    "X-Frame-Options", "DENY", NULL);
  target = g_strdup_printf ("https://localhost:%u/", port_of (s->https));
  otasuke_test_server_add_redirect (s->http, "/", 301, target);

  g_mutex_lock (&s->lock);
  s->https_port = port_of (s->https);
  s->http_port = port_of (s->http);
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->lock);

  g_main_loop_run (s->loop);
  otasuke_test_server_free (s->https);
  otasuke_test_server_free (s->http);
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  OtasukeSiteReport **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = otasuke_site_check_run_finish (result, &error);
  if (*report == NULL)
    g_error ("%s", error->message);
}

int
main (int argc, char **argv)
{
  guint runs = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 9;
  Servers s = { 0 };
  g_autoptr(GThread) thread = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *resolve_https = NULL;
  g_autofree char *resolve_http = NULL;
  double worst_time = 0, worst_stall = 0;
  OtasukeSiteCheckOptions options = { 0 };

  g_mutex_init (&s.lock);
  g_cond_init (&s.cond);
  s.context = g_main_context_new ();
  s.loop = g_main_loop_new (s.context, FALSE);
  s.tls = otasuke_test_tls_new ();
  thread = g_thread_new ("bench-servers", server_main, &s);
  g_mutex_lock (&s.lock);
  while (s.https_port == 0)
    g_cond_wait (&s.cond, &s.lock);
  g_mutex_unlock (&s.lock);

  resolve_https = g_strdup_printf ("localhost:%u:127.0.0.1", s.https_port);
  resolve_http = g_strdup_printf ("localhost:%u:127.0.0.1", s.http_port);
  {
    const char *resolve[] = { resolve_https, resolve_http, NULL };

    options.host = "localhost";
    options.port = s.https_port;
    options.http_port = s.http_port;
    options.resolve = resolve;
    options.ca_file = otasuke_test_tls_get_ca_file (s.tls);
    options.mail_domain = "";

    for (guint r = 0; r < MAX (runs, 1); r++)
      {
        BenchStallMeter meter = { 0 };
        OtasukeSiteReport *report = NULL;
        gint64 t0 = g_get_monotonic_time ();
        guint tick = bench_stall_meter_start (&meter);
        double ms, stall_ms;

        otasuke_site_check_run_async (&options, NULL, check_cb, &report);
        while (report == NULL)
          g_main_context_iteration (NULL, TRUE);
        g_source_remove (tick);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        stall_ms = meter.longest / 1000.0;
        if (!report->https_ok || report->http_redirects_to_https != 1)
          g_error ("The benchmark site did not check out as good.");
        otasuke_site_report_free (report);
        worst_time = MAX (worst_time, ms);
        worst_stall = MAX (worst_stall, stall_ms);
        g_array_append_val (times, ms);
        g_array_append_val (stalls, stall_ms);
      }
  }

  g_print ("full site check (https + certificate + http redirect), loopback, %u runs:\n"
           "  time:                      median %6.1f ms, worst %6.1f ms (target < 1000 ms)\n"
           "  longest main-loop stall:   median %6.1f ms, worst %6.1f ms\n",
           MAX (runs, 1), bench_median (times), worst_time, bench_median (stalls), worst_stall);

  g_main_loop_quit (s.loop);
  g_thread_join (g_steal_pointer (&thread));
  g_main_loop_unref (s.loop);
  g_main_context_unref (s.context);
  otasuke_test_tls_free (s.tls);
  return 0;
}
