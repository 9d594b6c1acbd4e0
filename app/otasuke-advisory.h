/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-feed.h"

G_BEGIN_DECLS

/* One advisory as the program keeps it: the feed item plus what this machine
 * knows about it (first seen, read, notified, whether it affects us).
 * Immutable except for the read and affects state. */

typedef enum {
  OTASUKE_AFFECTS_UNKNOWN,  /* no check, or nothing to compare with yet */
  OTASUKE_AFFECTS_NO,
  OTASUKE_AFFECTS_YES,
} OtasukeAffects;

#define OTASUKE_TYPE_ADVISORY (otasuke_advisory_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeAdvisory, otasuke_advisory, OTASUKE, ADVISORY, GObject)

OtasukeAdvisory *otasuke_advisory_new_from_item     (const OtasukeFeedItem *item,
                                                     gint64                 first_seen,
                                                     gint64                 read_at,
                                                     gint64                 notified_at);

const char      *otasuke_advisory_get_id            (OtasukeAdvisory *self);
const char      *otasuke_advisory_get_title         (OtasukeAdvisory *self);
const char      *otasuke_advisory_get_content       (OtasukeAdvisory *self);
const char      *otasuke_advisory_get_url           (OtasukeAdvisory *self);
OtasukeSeverity  otasuke_advisory_get_severity      (OtasukeAdvisory *self);
OtasukeCategory  otasuke_advisory_get_category      (OtasukeAdvisory *self);
/* date_published, or first seen when the feed gives no date */
gint64           otasuke_advisory_get_date          (OtasukeAdvisory *self);
gint64           otasuke_advisory_get_first_seen    (OtasukeAdvisory *self);
gint64           otasuke_advisory_get_notified_at   (OtasukeAdvisory *self);
const OtasukeFeedItem *otasuke_advisory_get_item    (OtasukeAdvisory *self);

gboolean         otasuke_advisory_get_read          (OtasukeAdvisory *self);
void             otasuke_advisory_set_read          (OtasukeAdvisory *self,
                                                     gboolean         read);
OtasukeAffects   otasuke_advisory_get_affects       (OtasukeAdvisory *self);
/* Why it affects us, in plain words ("Chrome 127.0 is older than 128.0.6613.85"). */
const char      *otasuke_advisory_get_affects_reason (OtasukeAdvisory *self);
void             otasuke_advisory_set_affects       (OtasukeAdvisory *self,
                                                     OtasukeAffects   affects,
                                                     const char      *reason);

G_END_DECLS
