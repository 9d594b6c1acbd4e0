/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sorts @values (doubles) in place and returns the middle one. */
double bench_median             (GArray          *values);

/* The longest gap between two ticks of a 1 ms timer: how long the loop was busy. */
typedef struct {
  gint64 last;
  gint64 longest;
} BenchStallMeter;

/* Starts the timer on the default main context; stop it with g_source_remove(). */
guint  bench_stall_meter_start  (BenchStallMeter *meter);

G_END_DECLS
