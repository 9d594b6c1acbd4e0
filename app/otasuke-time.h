/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A moment as people read it in their language: "Today at 09:30",
 * "Yesterday at 18:05", "26 November 2026 at 09:30" (or 2026年11月26日 9:30).
 * @unix_seconds 0 means "never"; @now is passed so tests can pin it. */
char *otasuke_time_format (gint64     unix_seconds,
                           GDateTime *now);

G_END_DECLS
