/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-http.h"

G_BEGIN_DECLS

/* Downloads the feed and its detached signature with libcurl in a worker
 * thread, so the caller's main context never waits: https only (http for
 * loopback hosts), conditional GET, redirects followed by hand with each hop
 * checked, bodies cut off at a size limit after decompression, connect,
 * stall and total time limits, the proxy GProxyResolver names. The result
 * comes back on the caller's thread-default main context. */

typedef struct {
  gboolean not_modified;   /* 304: no body or signature; etag/last_modified are
                            * the response's, or the ones sent */
  GBytes *body;            /* the feed bytes */
  GBytes *signature;       /* the .minisig bytes */
  char *etag;              /* from the response, may be NULL */
  char *last_modified;     /* from the response, may be NULL */
  char *final_url;         /* after redirects */
  guint status;            /* HTTP status of the feed request */
  gboolean body_length_known; /* the server announced where the body ends, so a
                               * cut-off one failed as TRUNCATED; FALSE: only the
                               * end of the connection ended it */
} OtasukeFetchResult;

/* Properties: "proxy-resolver" (GProxyResolver, default: the system's) and
 * "ca-file" (a PEM file of the only certificate authorities to trust instead
 * of the system's; for tests against a loopback TLS server). */
#define OTASUKE_TYPE_FEED_FETCHER (otasuke_feed_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeFeedFetcher, otasuke_feed_fetcher, OTASUKE, FEED_FETCHER, GObject)

void                otasuke_fetch_result_free          (OtasukeFetchResult *result);

OtasukeFeedFetcher *otasuke_feed_fetcher_new           (void);
/* Limits, for tests and benchmarks; the defaults are 4 MiB (the feed limit),
 * 15 s to connect and 60 s in all. */
void                otasuke_feed_fetcher_set_limits    (OtasukeFeedFetcher  *self,
                                                        gsize                max_bytes,
                                                        guint                connect_timeout_ms,
                                                        guint                total_timeout_ms);
/* How long a connected server may send nothing; 15 s by default. */
void                otasuke_feed_fetcher_set_stall_timeout (OtasukeFeedFetcher *self,
                                                        guint                stall_timeout_ms);
void                otasuke_feed_fetcher_fetch_async   (OtasukeFeedFetcher  *self,
                                                        const char          *url,
                                                        const char          *etag,
                                                        const char          *last_modified,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
OtasukeFetchResult *otasuke_feed_fetcher_fetch_finish  (OtasukeFeedFetcher  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* When to try again after @failures (>= 1) failed attempts in a row:
 * 5 minutes doubling each time, with ±20 % jitter from @random (0..1),
 * capped at the check interval, so a failing server is never asked more
 * often than that and a recovered one is seen again within one interval. */
guint64             otasuke_feed_backoff_delay_seconds (guint                failures,
                                                        guint                interval_hours,
                                                        double               random);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeFetchResult, otasuke_fetch_result_free)

G_END_DECLS
