/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Downloads the feed and its detached signature with libsoup 3, asynchronously
 * on the caller's main context: https only (http for loopback hosts), conditional
 * GET, redirects followed by hand, bodies cut off at a size limit after
 * decompression, connect and total timeouts, the system proxy. */

#define OTASUKE_FETCH_ERROR (otasuke_fetch_error_quark ())

typedef enum {
  OTASUKE_FETCH_ERROR_INSECURE_URL,       /* not https (and not loopback http) */
  OTASUKE_FETCH_ERROR_INSECURE_REDIRECT,  /* a redirect to a weaker scheme or a bad address */
  OTASUKE_FETCH_ERROR_TOO_MANY_REDIRECTS,
  OTASUKE_FETCH_ERROR_HTTP,               /* a status other than 200 / 304; message has it */
  OTASUKE_FETCH_ERROR_TOO_LARGE,
  OTASUKE_FETCH_ERROR_TIMEOUT,
  OTASUKE_FETCH_ERROR_NETWORK,            /* connection refused, reset, DNS … */
  OTASUKE_FETCH_ERROR_NO_SIGNATURE,       /* the .minisig could not be fetched */
} OtasukeFetchError;

typedef struct {
  gboolean not_modified;   /* 304: no body or signature; etag/last_modified are
                            * the response's, or the ones sent */
  GBytes *body;            /* the feed bytes */
  GBytes *signature;       /* the .minisig bytes */
  char *etag;              /* from the response, may be NULL */
  char *last_modified;     /* from the response, may be NULL */
  char *final_url;         /* after redirects */
  guint status;            /* HTTP status of the feed request */
} OtasukeFetchResult;

#define OTASUKE_TYPE_FEED_FETCHER (otasuke_feed_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeFeedFetcher, otasuke_feed_fetcher, OTASUKE, FEED_FETCHER, GObject)

GQuark              otasuke_fetch_error_quark          (void);
void                otasuke_fetch_result_free          (OtasukeFetchResult *result);

OtasukeFeedFetcher *otasuke_feed_fetcher_new           (void);
/* Limits, for tests and benchmarks; the defaults are 4 MiB (the feed limit),
 * 15 s to connect and 60 s in all. */
void                otasuke_feed_fetcher_set_limits    (OtasukeFeedFetcher  *self,
                                                        gsize                max_bytes,
                                                        guint                connect_timeout_ms,
                                                        guint                total_timeout_ms);
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
