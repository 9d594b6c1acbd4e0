/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-store.h"
#include "otasuke-tray.h"

G_BEGIN_DECLS

/* Notifications for new important advisories and due reminders. What
 * deserves one is decided in app/otasuke-notify-policy.c; this shows them
 * through the platform's backend (libnotify on Linux, balloons of @tray on
 * Windows) and remembers in the store what was shown. Clicking a
 * notification emits "open" with the page to show ("overview", "check",
 * "advisories") and an advisory id or NULL. */

#define OTASUKE_TYPE_NOTIFIER (otasuke_notifier_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeNotifier, otasuke_notifier, OTASUKE, NOTIFIER, GObject)

/* @tray may be NULL (the Windows backend then shows nothing). */
OtasukeNotifier *otasuke_notifier_new                 (OtasukeStore    *store,
                                                       GSettings       *settings,
                                                       OtasukeTray     *tray);
/* The program now runs in the background: from the first time on,
 * advisories that arrive are notified (store meta "notifications.since"). */
void             otasuke_notifier_begin               (OtasukeNotifier *self);
/* After a fetch: @new_ids (char*) are the advisories it brought. */
void             otasuke_notifier_advisories_arrived  (OtasukeNotifier *self,
                                                       GPtrArray       *new_ids);
/* Shows the reminders that are due and sets one timer for the next.
 * @can_fetch: whether a feed can be fetched at all (a trusted key is set). */
void             otasuke_notifier_check_reminders     (OtasukeNotifier *self,
                                                       gboolean         can_fetch);

/* The certificate of the entered website @host expires in @days_left days
 * (negative: it has expired); app/otasuke-site-monitor.c decides when. */
void             otasuke_notifier_certificate_expiring (OtasukeNotifier *self,
                                                        const char      *host,
                                                        gint64           days_left);

G_END_DECLS
