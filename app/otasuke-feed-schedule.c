/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-feed-schedule"

#include "config.h"

#include "otasuke-feed-fetcher.h"
#include "otasuke-feed-schedule.h"

/* A freshly started program waits this long (plus up to as much again)
 * before its first fetch. */
#define START_DELAY_SECONDS 30

guint64
otasuke_feed_schedule_next (gint64 now,
                            gint64 last_success,
                            gint64 last_attempt,
                            guint  failures,
                            guint  interval_hours,
                            double random)
{
  guint64 interval = (guint64) MAX (interval_hours, 1) * 3600;
  guint64 due_in;

  if (!(random >= 0.0))
    random = 0.0;
  random = MIN (random, 1.0);

  if (failures > 0)
    {
      guint64 backoff = otasuke_feed_backoff_delay_seconds (failures, interval_hours, random);
      gint64 since = last_attempt > 0 ? now - last_attempt : 0;

      /* Counted from the failed attempt, which may lie before a restart. */
      if (since < 0)
        since = 0;
      return (guint64) since >= backoff ? START_DELAY_SECONDS : backoff - (guint64) since;
    }

  if (last_success <= 0 || now < last_success || (guint64) (now - last_success) >= interval)
    return START_DELAY_SECONDS + (guint64) (random * START_DELAY_SECONDS);

  due_in = interval - (guint64) (now - last_success);
  /* Up to 5 % later, so a fleet of machines spreads out over time. */
  return due_in + (guint64) (random * interval / 20);
}
