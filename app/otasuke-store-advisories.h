/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-advisory.h"
#include "otasuke-feed.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

/* Advisories and the state of the feed they came from, in the store. */

#define OTASUKE_FEED_SOURCE_BUNDLED "bundled"

typedef struct {
  char   *source;          /* OTASUKE_FEED_SOURCE_BUNDLED or the URL of the network feed */
  char   *key_id;          /* the signing key of the accepted network feed, or NULL */
  gint64  sequence;        /* of the feed now shown, -1 when none */
  gint64  generated_at;
  gint64  expires_at;
  gint64  last_success_at; /* last fetch that ended well (accepted, unchanged or 304) */
  char   *last_error;      /* last failure, cleared by a success; NULL when none */
  gint64  last_error_at;
  char   *etag;            /* validators for the next conditional GET */
  char   *last_modified;
  guint   failures;        /* failed fetches in a row, for back-off */
  char   *contacts_json;   /* the feed's contacts, NULL when absent */
} OtasukeFeedStatus;

typedef enum {
  OTASUKE_APPLY_ACCEPTED,   /* stored: new or changed advisories */
  OTASUKE_APPLY_UNCHANGED,  /* same sequence and content: nothing written */
} OtasukeApplyResult;

void         otasuke_feed_status_free                (OtasukeFeedStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeFeedStatus, otasuke_feed_status_free)

/* The status of the feed shown now: the network feed once one has been
 * accepted, else the bundled one; NULL with no error when neither exists. */
OtasukeFeedStatus *otasuke_store_get_feed_status      (OtasukeStore       *self,
                                                       GError            **error);
/* The state kept for one network URL (validators, failures); NULL when never fetched. */
OtasukeFeedStatus *otasuke_store_get_source_status    (OtasukeStore       *self,
                                                       const char         *source,
                                                       GError            **error);
/* The replay mark of the network feed @source, whichever key signed it: the
 * highest sequence ever accepted from it (*out_sequence, -1 when none) and
 * the digest of that feed's bytes (*out_body_hash, NULL when not known,
 * @out_body_hash may be NULL). */
gboolean     otasuke_store_get_feed_mark              (OtasukeStore       *self,
                                                       const char         *source,
                                                       gint64             *out_sequence,
                                                       char              **out_body_hash,
                                                       GError            **error);
/* Replaces the advisories of @source by @feed in one transaction, keeping
 * each advisory's first-seen, read and notified state. Accepting a network
 * feed retires the bundled advisories. @content_hash (any stable digest of
 * the signed bytes and signature) lets the same feed be recognised without
 * rewriting it; @body_hash (a digest of the feed's bytes alone) is kept in
 * the replay mark. A network feed older than the mark, or with the mark's
 * sequence but another @body_hash, is refused. */
gboolean     otasuke_store_apply_feed                 (OtasukeStore       *self,
                                                       const char         *source,
                                                       const char         *key_id,
                                                       const OtasukeFeed  *feed,
                                                       const char         *content_hash,
                                                       const char         *body_hash,
                                                       const char         *etag,
                                                       const char         *last_modified,
                                                       gint64              now,
                                                       OtasukeApplyResult *result,
                                                       GPtrArray         **new_ids,
                                                       GError            **error);
/* A fetch that ended well without new content (HTTP 304 or the same feed). */
gboolean     otasuke_store_record_feed_success        (OtasukeStore       *self,
                                                       const char         *source,
                                                       const char         *etag,
                                                       const char         *last_modified,
                                                       gint64              now,
                                                       GError            **error);
gboolean     otasuke_store_record_feed_error          (OtasukeStore       *self,
                                                       const char         *source,
                                                       const char         *message,
                                                       gint64              now,
                                                       GError            **error);
/* Whether the stored feed for @source has this content hash already. */
gboolean     otasuke_store_feed_has_content           (OtasukeStore       *self,
                                                       const char         *source,
                                                       const char         *content_hash,
                                                       GError            **error);

/* The advisories now shown, newest first (OtasukeAdvisory*). */
GPtrArray   *otasuke_store_list_advisories            (OtasukeStore       *self,
                                                       GError            **error);
gboolean     otasuke_store_set_advisory_read          (OtasukeStore       *self,
                                                       const char         *id,
                                                       gboolean            read,
                                                       gint64              now,
                                                       GError            **error);
gboolean     otasuke_store_mark_all_advisories_read   (OtasukeStore       *self,
                                                       gint64              now,
                                                       GError            **error);
gboolean     otasuke_store_set_advisory_notified      (OtasukeStore       *self,
                                                       const char         *id,
                                                       gint64              now,
                                                       GError            **error);

G_END_DECLS
