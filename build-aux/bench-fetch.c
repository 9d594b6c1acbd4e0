/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-bench-fetch"

#include "config.h"

#include <string.h>
#include <time.h>

#include "bench-util.h"
#include "otasuke-feed-fetcher.h"
#include "test-server.h"
#include "test-tls.h"

/* The fetch benchmark (not a test): how long the caller's main loop is kept
 * busy while OtasukeFeedFetcher downloads a feed of SIZE KiB and its
 * signature from a loopback server, over http and over https. The server
 * runs in a thread of its own, so the 1 ms stall meter on the main loop sees
 * only the fetcher's share. Target: at most 20 ms, like the feed benchmark.
 * On a loaded machine the scheduler alone delays a 1 ms timer, so the same
 * meter also runs with no fetch at all for comparison, and the CPU time the
 * main thread itself spent during each fetch is printed: that part is the
 * fetcher's own cost to the UI thread.
 * Usage: bench-fetch [SIZE_KIB] [RUNS] [--http-only] */

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gboolean
on_idle_done (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The meter alone, for as long as a fetch took. */
static void
run_control (double duration_ms,
             guint  runs)
{
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double worst = 0;

  for (guint r = 0; r < runs; r++)
    {
      BenchStallMeter meter = { 0 };
      gboolean done = FALSE;
      double c0 = thread_cpu_ms ();
      guint tick = bench_stall_meter_start (&meter);
      double stall_ms, cpu_ms;

      g_timeout_add (MAX (1, (guint) duration_ms), on_idle_done, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (tick);
      cpu_ms = thread_cpu_ms () - c0;
      stall_ms = meter.longest / 1000.0;
      worst = MAX (worst, stall_ms);
      g_array_append_val (stalls, stall_ms);
      g_array_append_val (cpu, cpu_ms);
    }

  g_print ("no fetch, %.0f ms: longest main-loop stall median %5.1f ms, worst %5.1f ms; "
           "main-thread CPU %5.2f ms\n",
           duration_ms, bench_median (stalls), worst, bench_median (cpu));
}

typedef struct {
  GMutex             lock;
  GCond              cond;
  GMainContext      *context;
  GMainLoop         *loop;
  OtasukeTestServer *server;
  OtasukeTestTls    *tls;
  gboolean           https;
  gsize              size;
  char              *url;
} ServerThread;

static gpointer
server_main (gpointer user_data)
{
  ServerThread *st = user_data;
  g_autoptr(GBytes) body = NULL;
  GString *text = g_string_sized_new (st->size + 256);

  g_main_context_push_thread_default (st->context);

  /* Text that compresses about as well as a real feed would not be sent
   * compressed by this server anyway: it answers identity. */
  for (guint i = 0; text->len < st->size; i++)
    g_string_append_printf (text, "{\"id\":\"bench-%u\",\"title\":\"ルーター更新（%u）\"},", i, i);
  g_string_truncate (text, st->size);
  body = g_string_free_to_bytes (text);

  st->server = st->https ? otasuke_test_server_new_https (otasuke_test_tls_get_good (st->tls))
                         : otasuke_test_server_new ();
  otasuke_test_server_add_response (st->server, "/feed.json", 200, body,
                                    "Content-Type", "application/feed+json", NULL);
  otasuke_test_server_add_text (st->server, "/feed.json.minisig", 200,
                                "untrusted comment: bench\nRWQ...\n");

  g_mutex_lock (&st->lock);
  st->url = otasuke_test_server_get_url (st->server, "/feed.json");
  g_cond_signal (&st->cond);
  g_mutex_unlock (&st->lock);

  g_main_loop_run (st->loop);

  otasuke_test_server_free (st->server);
  g_main_context_pop_thread_default (st->context);
  return NULL;
}

typedef struct {
  gboolean            done;
  OtasukeFetchResult *result;
  GError             *error;
} Wait;

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = otasuke_feed_fetcher_fetch_finish (OTASUKE_FEED_FETCHER (object), result,
                                                    &wait->error);
  wait->done = TRUE;
}

static void
run (const char *label,
     gboolean    https,
     gsize       size,
     guint       runs)
{
  ServerThread st = { 0 };
  g_autoptr(GThread) thread = NULL;
  g_autoptr(OtasukeFeedFetcher) fetcher = NULL;
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double worst = 0;
  double median_ms;

  g_mutex_init (&st.lock);
  g_cond_init (&st.cond);
  st.context = g_main_context_new ();
  st.loop = g_main_loop_new (st.context, FALSE);
  st.https = https;
  st.size = size;
  st.tls = https ? otasuke_test_tls_new () : NULL;

  thread = g_thread_new ("bench-server", server_main, &st);
  g_mutex_lock (&st.lock);
  while (st.url == NULL)
    g_cond_wait (&st.cond, &st.lock);
  g_mutex_unlock (&st.lock);

  fetcher = https ? g_object_new (OTASUKE_TYPE_FEED_FETCHER,
                                  "ca-file", otasuke_test_tls_get_ca_file (st.tls), NULL)
                  : otasuke_feed_fetcher_new ();

  for (guint r = 0; r < runs; r++)
    {
      BenchStallMeter meter = { 0 };
      Wait wait = { 0 };
      gint64 t0 = g_get_monotonic_time ();
      double c0 = thread_cpu_ms ();
      guint tick = bench_stall_meter_start (&meter);
      double ms, stall_ms, cpu_ms;

      otasuke_feed_fetcher_fetch_async (fetcher, st.url, NULL, NULL, NULL, fetch_cb, &wait);
      while (!wait.done)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (tick);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      cpu_ms = thread_cpu_ms () - c0;

      if (wait.error != NULL)
        g_error ("%s", wait.error->message);
      g_assert_cmpuint (g_bytes_get_size (wait.result->body), ==, size);
      otasuke_fetch_result_free (wait.result);

      stall_ms = meter.longest / 1000.0;
      worst = MAX (worst, stall_ms);
      g_array_append_val (stalls, stall_ms);
      g_array_append_val (times, ms);
      g_array_append_val (cpu, cpu_ms);
    }

  median_ms = bench_median (times);
  g_print ("%-6s %6.0f KiB: fetch %7.1f ms, longest main-loop stall median %5.1f ms, "
           "worst %5.1f ms (target <= 20 ms) %s; main-thread CPU %5.2f ms\n",
           label, size / 1024.0, median_ms, bench_median (stalls), worst,
           worst <= 20.0 ? "PASS" : "MISS", bench_median (cpu));
  run_control (median_ms, runs);

  g_main_loop_quit (st.loop);
  g_thread_join (g_steal_pointer (&thread));
  g_main_loop_unref (st.loop);
  g_main_context_unref (st.context);
  g_clear_pointer (&st.tls, otasuke_test_tls_free);
  g_free (st.url);
  g_mutex_clear (&st.lock);
  g_cond_clear (&st.cond);
}

int
main (int   argc,
      char *argv[])
{
  gsize size = (argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 3500) * 1024;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 9;
  gboolean http_only = argc > 3 && g_strcmp0 (argv[3], "--http-only") == 0;

  /* Loopback only: no proxy from the environment or the desktop. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  run ("http", FALSE, size, runs);
  if (!http_only)
    run ("https", TRUE, size, runs);
  return 0;
}
