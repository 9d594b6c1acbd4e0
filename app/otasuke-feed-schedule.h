/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* When to fetch the feed next, in seconds from @now:
 *  - never fetched, or the last success is older than the interval: soon
 *    (a short delay with jitter, so the program starts quietly and many
 *    machines do not all ask at the same second);
 *  - after @failures failed attempts in a row: exponential back-off with
 *    jitter, capped at the interval;
 *  - otherwise: when the interval since the last success is over, with jitter.
 * @random is in 0..1; the result is never more than the interval plus jitter. */
guint64 otasuke_feed_schedule_next (gint64 now,
                                    gint64 last_success,
                                    gint64 last_attempt,
                                    guint  failures,
                                    guint  interval_hours,
                                    double random);

G_END_DECLS
