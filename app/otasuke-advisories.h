/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-advisory-match.h"
#include "otasuke-advisory.h"
#include "otasuke-feed-updater.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

/* What the Advisories page shows, kept in step with the store: the list
 * (a GListModel of OtasukeAdvisory, newest first), the feed's state, and the
 * user's actions on them. All disk and network work runs off the caller's
 * thread; results arrive on its main context. */

#define OTASUKE_TYPE_ADVISORIES (otasuke_advisories_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeAdvisories, otasuke_advisories, OTASUKE, ADVISORIES, GObject)

OtasukeAdvisories *otasuke_advisories_new               (OtasukeStore              *store,
                                                         OtasukeFeedUpdater        *updater);
GListModel        *otasuke_advisories_get_model         (OtasukeAdvisories         *self);
OtasukeAdvisory   *otasuke_advisories_lookup            (OtasukeAdvisories         *self,
                                                         const char                *id);

guint              otasuke_advisories_get_n_unread      (OtasukeAdvisories         *self);
gboolean           otasuke_advisories_get_busy          (OtasukeAdvisories         *self);
gboolean           otasuke_advisories_get_loaded        (OtasukeAdvisories         *self);
/* The feed shown is the bundled one: no network feed was accepted yet. */
gboolean           otasuke_advisories_get_bundled       (OtasukeAdvisories         *self);
/* The feed shown: its source (OTASUKE_FEED_SOURCE_BUNDLED or a URL) and
 * sequence; NULL and -1 before the first load. A change means a feed was accepted. */
const char        *otasuke_advisories_get_source        (OtasukeAdvisories         *self);
gint64             otasuke_advisories_get_sequence      (OtasukeAdvisories         *self);
/* Past its expiry date: still shown, marked as possibly out of date. */
gboolean           otasuke_advisories_get_stale         (OtasukeAdvisories         *self);
gint64             otasuke_advisories_get_expires       (OtasukeAdvisories         *self);
gint64             otasuke_advisories_get_last_success  (OtasukeAdvisories         *self);
const char        *otasuke_advisories_get_last_error    (OtasukeAdvisories         *self);
gint64             otasuke_advisories_get_last_error_at (OtasukeAdvisories         *self);
/* Failed fetches in a row, for back-off. */
guint              otasuke_advisories_get_failures      (OtasukeAdvisories         *self);
/* The feed's consultation desks as JSON (see otasuke_feed_contacts_from_json), or NULL. */
const char        *otasuke_advisories_get_contacts_json (OtasukeAdvisories         *self);

/* Re-reads list and state from the store. */
void               otasuke_advisories_reload            (OtasukeAdvisories         *self);
/* Works out "affects you" for every advisory; facts are copied. */
void               otasuke_advisories_set_machine_facts (OtasukeAdvisories         *self,
                                                         const OtasukeMachineFacts *facts);
/* Changes only the router part of the facts (as entered in the check),
 * keeping what the probes found. NULL @model: no router known. */
void               otasuke_advisories_set_router        (OtasukeAdvisories         *self,
                                                         const char                *vendor,
                                                         const char                *model,
                                                         const char                *firmware);
void               otasuke_advisories_set_read          (OtasukeAdvisories         *self,
                                                         OtasukeAdvisory           *advisory,
                                                         gboolean                   read);
void               otasuke_advisories_mark_all_read     (OtasukeAdvisories         *self);

/* Whether a feed can be fetched at all: without a trusted key none is
 * downloaded ("can-update" is notified when that changes). */
gboolean           otasuke_advisories_get_can_update    (OtasukeAdvisories         *self);
/* Sets the updater's trusted keys (see otasuke_feed_updater_set_trusted_keys). */
guint              otasuke_advisories_set_trusted_keys  (OtasukeAdvisories         *self,
                                                         const char * const        *keys);
/* Fetches @url now (the "check now" action); the list reloads when it ends. */
void               otasuke_advisories_update_async      (OtasukeAdvisories         *self,
                                                         const char                *url,
                                                         GCancellable              *cancellable,
                                                         GAsyncReadyCallback        callback,
                                                         gpointer                   user_data);
OtasukeUpdateOutcome *otasuke_advisories_update_finish  (OtasukeAdvisories         *self,
                                                         GAsyncResult              *result,
                                                         GError                   **error);

G_END_DECLS
