/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-bench"

#include "config.h"

#include "bench-util.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static gboolean
stall_tick (gpointer user_data)
{
  BenchStallMeter *meter = user_data;
  gint64 now = g_get_monotonic_time ();

  if (meter->last != 0 && now - meter->last > meter->longest)
    meter->longest = now - meter->last;
  meter->last = now;
  return G_SOURCE_CONTINUE;
}

guint
bench_stall_meter_start (BenchStallMeter *meter)
{
  return g_timeout_add (1, stall_tick, meter);
}
