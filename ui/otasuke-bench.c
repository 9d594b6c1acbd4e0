/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-bench"

#include "config.h"

#include <stdio.h>

#include "otasuke-bench.h"

/* Start-up probe for build-aux/bench-startup.py: with OTASUKE_BENCH_FIRST_FRAME
 * set, print the CLOCK_MONOTONIC time of the first painted frame and quit. */

#define BENCH_ENV "OTASUKE_BENCH_FIRST_FRAME"

typedef struct
{
  GtkWindow *window;            /* weak */
  GdkFrameClock *frame_clock;   /* owned */
  gulong map_handler;
  gulong paint_handler;
  gulong after_paint_handler;
  gboolean painted;
} BenchWatch;

static void
bench_watch_free (gpointer data)
{
  BenchWatch *watch = data;

  if (watch->frame_clock != NULL)
    {
      g_clear_signal_handler (&watch->paint_handler, watch->frame_clock);
      g_clear_signal_handler (&watch->after_paint_handler, watch->frame_clock);
    }
  g_clear_object (&watch->frame_clock);
  g_free (watch);
}

static gboolean
bench_quit_idle (gpointer user_data)
{
  g_autoptr (GtkWindow) window = user_data;
  GtkApplication *application = gtk_window_get_application (window);

  if (application != NULL)
    g_application_quit (G_APPLICATION (application));
  else
    gtk_window_destroy (window);

  return G_SOURCE_REMOVE;
}

static void
bench_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  BenchWatch *watch = user_data;

  watch->painted = TRUE;
  g_clear_signal_handler (&watch->paint_handler, frame_clock);
}

static void
bench_after_paint_cb (GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  BenchWatch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  /* Frame cycles that only run layout also emit after-paint; wait for a
   * cycle that drew. */
  if (!watch->painted)
    return;

  g_clear_signal_handler (&watch->after_paint_handler, frame_clock);

  printf ("first-frame %" G_GINT64_FORMAT "\n", now);
  fflush (stdout);

  /* Quit from an idle so the frame clock finishes its cycle first. */
  g_idle_add_full (G_PRIORITY_HIGH, bench_quit_idle, g_object_ref (watch->window), NULL);
}

static void
bench_window_map_cb (GtkWidget *widget,
                     gpointer   user_data)
{
  BenchWatch *watch = user_data;
  GdkFrameClock *frame_clock;

  g_clear_signal_handler (&watch->map_handler, widget);

  frame_clock = gtk_widget_get_frame_clock (widget);
  g_return_if_fail (frame_clock != NULL);

  watch->frame_clock = g_object_ref (frame_clock);
  watch->paint_handler =
    g_signal_connect (frame_clock, "paint", G_CALLBACK (bench_paint_cb), watch);
  watch->after_paint_handler =
    g_signal_connect (frame_clock, "after-paint", G_CALLBACK (bench_after_paint_cb), watch);
}

void
otasuke_bench_watch_first_frame (GtkWindow *window)
{
  static int enabled = -1;
  BenchWatch *watch;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (enabled < 0)
    {
      const char *value = g_getenv (BENCH_ENV);

      enabled = (value != NULL && value[0] != '\0');
    }
  if (!enabled)
    return;

  if (g_object_get_data (G_OBJECT (window), BENCH_ENV) != NULL)
    return;

  watch = g_new0 (BenchWatch, 1);
  watch->window = window;
  g_object_set_data_full (G_OBJECT (window), BENCH_ENV, watch, bench_watch_free);

  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    bench_window_map_cb (GTK_WIDGET (window), watch);
  else
    watch->map_handler =
      g_signal_connect (window, "map", G_CALLBACK (bench_window_map_cb), watch);
}
