/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-feed-schedule"

#include "config.h"

#include "otasuke-feed-schedule.h"

#define HOUR 3600

static void
test_first_start (void)
{
  guint64 delay = otasuke_feed_schedule_next (1000000, 0, 0, 0, 24, 0.5);

  /* Soon, but not at the very second the program starts. */
  g_assert_cmpuint (delay, >=, 30);
  g_assert_cmpuint (delay, <=, 60);
}

static void
test_regular_interval (void)
{
  gint64 now = 10 * 24 * HOUR;

  /* Fetched an hour ago with a 24-hour interval: in 23 hours, plus at most 5 %. */
  g_assert_cmpuint (otasuke_feed_schedule_next (now, now - HOUR, now - HOUR, 0, 24, 0.0), ==, 23 * HOUR);
  g_assert_cmpuint (otasuke_feed_schedule_next (now, now - HOUR, now - HOUR, 0, 24, 1.0), <=,
                    23 * HOUR + 24 * HOUR / 20);
  /* Overdue (the machine was off): soon. */
  g_assert_cmpuint (otasuke_feed_schedule_next (now, now - 48 * HOUR, now - 48 * HOUR, 0, 24, 0.5), <=, 60);
  /* A clock set back in time does not postpone the fetch forever. */
  g_assert_cmpuint (otasuke_feed_schedule_next (now, now + 100 * HOUR, 0, 0, 24, 0.5), <=, 60);
}

static void
test_backoff (void)
{
  gint64 now = 10 * 24 * HOUR;
  guint64 previous = 0;

  for (guint failures = 1; failures <= 12; failures++)
    {
      guint64 delay = otasuke_feed_schedule_next (now, now - 30 * HOUR, now, failures, 24, 0.5);

      /* Grows, never shorter than five minutes less jitter, never past the interval. */
      g_assert_cmpuint (delay, >=, previous);
      g_assert_cmpuint (delay, >=, 240);
      g_assert_cmpuint (delay, <=, 24 * HOUR);
      previous = delay;
    }
  g_assert_cmpuint (previous, ==, 24 * HOUR);

  /* A short interval caps the back-off too. */
  g_assert_cmpuint (otasuke_feed_schedule_next (now, 0, now, 10, 1, 0.5), <=, HOUR);
  /* Time already waited since the failure counts. */
  g_assert_cmpuint (otasuke_feed_schedule_next (now, 0, now - 24 * HOUR, 3, 24, 0.5), <=, 60);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/feed-schedule/first-start", test_first_start);
  g_test_add_func ("/feed-schedule/regular-interval", test_regular_interval);
  g_test_add_func ("/feed-schedule/backoff", test_backoff);

  return g_test_run ();
}
