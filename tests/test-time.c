/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-time"

#include "config.h"

#include <locale.h>

#include "otasuke-time.h"

static GDateTime *
local_time (int y, int mo, int d, int h, int mi)
{
  return g_date_time_new_local (y, mo, d, h, mi, 0);
}

static void
test_never (void)
{
  g_autofree char *text = otasuke_time_format (0, NULL);

  g_assert_cmpstr (text, ==, "Never");
}

static void
test_today_yesterday_and_older (void)
{
  g_autoptr(GDateTime) now = local_time (2026, 11, 26, 15, 0);
  g_autoptr(GDateTime) morning = local_time (2026, 11, 26, 9, 5);
  g_autoptr(GDateTime) yesterday = local_time (2026, 11, 25, 23, 59);
  g_autoptr(GDateTime) older = local_time (2026, 1, 3, 8, 7);
  g_autofree char *a = otasuke_time_format (g_date_time_to_unix (morning), now);
  g_autofree char *b = otasuke_time_format (g_date_time_to_unix (yesterday), now);
  g_autofree char *c = otasuke_time_format (g_date_time_to_unix (older), now);

  g_assert_cmpstr (a, ==, "Today at 09:05");
  g_assert_cmpstr (b, ==, "Yesterday at 23:59");
  g_assert_cmpstr (c, ==, "3 January 2026 at 08:07");
}

static void
test_across_year_boundary (void)
{
  g_autoptr(GDateTime) now = local_time (2027, 1, 1, 0, 30);
  g_autoptr(GDateTime) eve = local_time (2026, 12, 31, 22, 0);
  g_autofree char *text = otasuke_time_format (g_date_time_to_unix (eve), now);

  g_assert_cmpstr (text, ==, "Yesterday at 22:00");
}

int
main (int   argc,
      char *argv[])
{
  /* English source strings: the C locale must not pick up a translation. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/time/never", test_never);
  g_test_add_func ("/time/today-yesterday-older", test_today_yesterday_and_older);
  g_test_add_func ("/time/year-boundary", test_across_year_boundary);

  return g_test_run ();
}
