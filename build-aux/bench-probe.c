/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-bench-probe"

#include "config.h"

#include "bench-util.h"
#include "otasuke-probe.h"

/* The probe benchmark (not a test): wall time of a full probe run on this
 * machine (target at most 300 ms), and the longest main-loop stall while it
 * runs asynchronously (the UI thread must stay free).
 * Usage: bench-probe [RUNS] */

typedef struct {
  BenchStallMeter     stall;
  gboolean            done;
  OtasukeProbeReport *report;
} Meter;

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Meter *meter = user_data;

  meter->report = otasuke_probe_run_finish (result, NULL);
  meter->done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 11;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  OtasukeProbeOptions options = { 0 };
  Meter meter = { 0 };
  guint timer;
  double median;

  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(OtasukeProbeReport) report = otasuke_probe_run (&options, NULL, NULL);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;

      g_assert_nonnull (report);
      g_array_append_val (times, ms);
      if (r == 0)
        {
          g_print ("Browsers found:");
          for (guint i = 0; i < report->browsers->len; i++)
            {
              OtasukeProbeBrowser *b = g_ptr_array_index (report->browsers, i);

              g_print (" %s %s (%s)", b->name, b->version ? b->version : "?",
                       otasuke_probe_source_to_string (b->source));
            }
          g_print ("\n");
        }
    }

  timer = bench_stall_meter_start (&meter.stall);
  otasuke_probe_run_async (&options, NULL, probe_cb, &meter);
  while (!meter.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
  g_clear_pointer (&meter.report, otasuke_probe_report_free);

  median = bench_median (times);
  g_print ("full probe run: median %.1f ms, min %.1f ms, max %.1f ms over %u runs (target <= 300 ms) %s\n",
           median, g_array_index (times, double, 0), g_array_index (times, double, times->len - 1), runs,
           median <= 300.0 ? "PASS" : "MISS");
  g_print ("longest main-loop stall during an async probe run: %.1f ms\n", meter.stall.longest / 1000.0);
  return 0;
}
