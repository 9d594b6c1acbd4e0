/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-feed-fetcher.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

/* Brings a feed into the store: fetch (network) → verify the signature →
 * parse → refuse replays → apply, all or nothing. A failure at any step is
 * recorded for the user and never touches the advisories already stored. */

#define OTASUKE_UPDATE_ERROR (otasuke_update_error_quark ())

typedef enum {
  OTASUKE_UPDATE_ERROR_NO_TRUSTED_KEY,  /* no key configured: network feeds are not accepted */
  OTASUKE_UPDATE_ERROR_SIGNATURE,       /* unsigned, wrongly signed or signed by an unknown key */
  OTASUKE_UPDATE_ERROR_REPLAY,          /* a lower sequence than already accepted from this source */
  OTASUKE_UPDATE_ERROR_INVALID_FEED,    /* the file is not a valid feed */
  OTASUKE_UPDATE_ERROR_SAME_SEQUENCE,   /* the accepted sequence again, with other content */
} OtasukeUpdateError;

typedef enum {
  OTASUKE_UPDATE_ACCEPTED,      /* new content stored */
  OTASUKE_UPDATE_UNCHANGED,     /* the same feed again: nothing written */
  OTASUKE_UPDATE_NOT_MODIFIED,  /* HTTP 304 */
} OtasukeUpdateStatus;

typedef struct {
  OtasukeUpdateStatus status;
  gint64 sequence;       /* -1 when not known (304) */
  guint n_items;
  gboolean expired;      /* accepted, but past its `expires`: shown as stale */
  GPtrArray *new_ids;    /* advisories seen for the first time (char*) */
} OtasukeUpdateOutcome;

#define OTASUKE_TYPE_FEED_UPDATER (otasuke_feed_updater_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeFeedUpdater, otasuke_feed_updater, OTASUKE, FEED_UPDATER, GObject)

GQuark                otasuke_update_error_quark          (void);
void                  otasuke_update_outcome_free         (OtasukeUpdateOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeUpdateOutcome, otasuke_update_outcome_free)

OtasukeFeedUpdater   *otasuke_feed_updater_new            (OtasukeStore         *store,
                                                           OtasukeFeedFetcher   *fetcher);
/* Each a minisign public key line; an unreadable key is not trusted and
 * is counted by otasuke_feed_updater_get_unreadable_keys(), for the caller
 * to report. Returns how many keys are now trusted. Without any, no feed is
 * downloaded: an update fails at once with OTASUKE_UPDATE_ERROR_NO_TRUSTED_KEY. */
guint                 otasuke_feed_updater_set_trusted_keys (OtasukeFeedUpdater *self,
                                                           const char * const   *keys);
guint                 otasuke_feed_updater_get_n_trusted_keys (OtasukeFeedUpdater *self);
/* The keys given to the last otasuke_feed_updater_set_trusted_keys() that
 * could not be read, each with the reason (a new string); NULL when none. */
char                 *otasuke_feed_updater_get_unreadable_keys (OtasukeFeedUpdater *self);
OtasukeFeedFetcher   *otasuke_feed_updater_get_fetcher    (OtasukeFeedUpdater   *self);

void                  otasuke_feed_updater_update_async   (OtasukeFeedUpdater   *self,
                                                           const char           *url,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
OtasukeUpdateOutcome *otasuke_feed_updater_update_finish  (OtasukeFeedUpdater   *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* The blocking steps after the download, for worker threads and benchmarks:
 * verify @signature with @keys (GPtrArray of OtasukeMinisignKey*), parse, check
 * the sequence, store. Failures are recorded against @source. */
OtasukeUpdateOutcome *otasuke_feed_ingest                 (OtasukeStore         *store,
                                                           GPtrArray            *keys,
                                                           const char           *source,
                                                           GBytes               *body,
                                                           GBytes               *signature,
                                                           const char           *etag,
                                                           const char           *last_modified,
                                                           gint64                now,
                                                           GError              **error);
/* The feed that ships with the program: trusted as part of it, so not signed;
 * applied only while no network feed has been accepted. */
OtasukeUpdateOutcome *otasuke_feed_ingest_bundled         (OtasukeStore         *store,
                                                           GBytes               *body,
                                                           gint64                now,
                                                           GError              **error);

G_END_DECLS
