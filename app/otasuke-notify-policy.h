/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "otasuke-advisory.h"

G_BEGIN_DECLS

/* What deserves a notification, decided from plain values so it can be
 * tested without a notification server, a clock or a store. */

#define OTASUKE_DAY                     ((gint64) 24 * 60 * 60)
/* An advisory published this long before it reached us is old news. */
#define OTASUKE_NOTIFY_MAX_DELAY        (14 * OTASUKE_DAY)
#define OTASUKE_CHECK_DUE_AFTER         (30 * OTASUKE_DAY)
#define OTASUKE_FEED_STALE_REMIND_AFTER (14 * OTASUKE_DAY)
/* A reminder still due is shown again after this long, not at every start. */
#define OTASUKE_REMINDER_REPEAT         (7 * OTASUKE_DAY)

typedef enum {
  OTASUKE_REMINDER_CHECK,       /* the monthly check is due */
  OTASUKE_REMINDER_BACKUP,      /* the user's backup interval has passed */
  OTASUKE_REMINDER_FEED_STALE,  /* the advisories have been out of date for two weeks */
  OTASUKE_N_REMINDERS
} OtasukeReminder;

typedef struct {
  gint64   now;
  /* When notifications began (the first start in the background); 0: not yet. */
  gint64   since;
  gint64   last_check_at;          /* last finished check, 0 = never */
  /* The feed's expiry, 0 when it has none; only looked at when fetching is possible. */
  gint64   feed_expires_at;
  gboolean can_fetch;
  guint    backup_days;            /* 0 = no backup reminder */
  gint64   last_backup_confirmed;  /* 0 = never */
  gint64   last_shown[OTASUKE_N_REMINDERS];  /* 0 = never */
} OtasukeReminderState;

const char *otasuke_reminder_to_string              (OtasukeReminder             reminder);

/* The advisories (OtasukeAdvisory*) of @advisories that deserve a
 * notification now, most severe first: not notified before, of
 * @min_severity or above, first seen at or after @since (0: none at all),
 * not published more than OTASUKE_NOTIFY_MAX_DELAY before they arrived, and,
 * when @new_ids (char*) is given, among those ids. */
GPtrArray  *otasuke_notify_policy_select_advisories (GPtrArray                  *advisories,
                                                     GPtrArray                  *new_ids,
                                                     gint64                      since,
                                                     OtasukeSeverity             min_severity);
/* A bit (1 << OtasukeReminder) for each reminder to show now. *next_at (may
 * be NULL) gets when the next one falls due, supposing the ones returned are
 * shown now; 0 when none will without a change of state. */
guint       otasuke_notify_policy_reminders_due     (const OtasukeReminderState *state,
                                                     gint64                     *next_at);

G_END_DECLS
