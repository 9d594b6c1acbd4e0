/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One GET at a time with libcurl, blocking: call it from a worker thread,
 * never from the UI thread. It follows no redirects (the caller checks each
 * hop), reads a body only for 200 and stops after the headers otherwise,
 * caps the decoded body and the headers, and maps every failure to an
 * OTASUKE_FETCH_ERROR code with a message for people. Proxies come from a
 * GProxyResolver, certificates from the system's store unless a CA file is
 * given (tests). */

#define OTASUKE_FETCH_ERROR (otasuke_fetch_error_quark ())

typedef enum {
  OTASUKE_FETCH_ERROR_INSECURE_URL,       /* not https (and not loopback http) */
  OTASUKE_FETCH_ERROR_INSECURE_REDIRECT,  /* a redirect to a weaker scheme or a bad address */
  OTASUKE_FETCH_ERROR_TOO_MANY_REDIRECTS,
  OTASUKE_FETCH_ERROR_HTTP,               /* a status other than 200 / 304; message has it */
  OTASUKE_FETCH_ERROR_TOO_LARGE,          /* the (decoded) body is over the limit */
  OTASUKE_FETCH_ERROR_TIMEOUT,            /* connect, total or stall time limit */
  OTASUKE_FETCH_ERROR_NETWORK,            /* connection refused, DNS, unreadable answer … */
  OTASUKE_FETCH_ERROR_NO_SIGNATURE,       /* the .minisig could not be fetched */
  OTASUKE_FETCH_ERROR_TRUNCATED,          /* the body ended before its announced end */
  OTASUKE_FETCH_ERROR_CONNECTION_RESET,   /* the server broke the connection off */
  OTASUKE_FETCH_ERROR_CERTIFICATE,        /* the server's certificate could not be verified */
  OTASUKE_FETCH_ERROR_PROXY,              /* the proxy could not be found, reached or used */
  OTASUKE_FETCH_ERROR_HEADERS_TOO_LARGE,  /* the response headers are over the limit */
} OtasukeFetchError;

GQuark otasuke_fetch_error_quark (void);

typedef struct {
  const char     *url;                 /* absolute http(s), already checked */
  const char     *host;                /* named in messages */
  const char    **headers;             /* extra "Name: value" lines, NULL-terminated; may be NULL */
  gsize           max_bytes;           /* the decoded body */
  guint           connect_timeout_ms;
  guint           stall_timeout_ms;    /* no byte received for this long once connected */
  gint64          deadline;            /* g_get_monotonic_time() by which all must be done */
  GProxyResolver *proxy_resolver;      /* NULL: g_proxy_resolver_get_default() */
  const char     *ca_file;             /* NULL: the system's trusted certificates */
} OtasukeHttpOptions;

typedef struct {
  guint   status;
  char   *location;                    /* raw header values, NULL when absent */
  char   *etag;
  char   *last_modified;
  GBytes *body;                        /* for 200 only, NULL otherwise */
  gboolean length_known;               /* Content-Length, chunked or HTTP/2: a body cut
                                        * short is an error; otherwise its end was only
                                        * the end of the connection */
} OtasukeHttpResponse;

/* Connections are kept between the requests of one session (a redirect
 * chain and the signature beside the feed). A session belongs to the one
 * thread that uses it. */
typedef struct _OtasukeHttpSession OtasukeHttpSession;

OtasukeHttpSession  *otasuke_http_session_new      (void);
void                 otasuke_http_session_free     (OtasukeHttpSession        *session);
OtasukeHttpResponse *otasuke_http_session_get      (OtasukeHttpSession        *session,
                                                    const OtasukeHttpOptions  *options,
                                                    GCancellable              *cancellable,
                                                    GError                   **error);

void                 otasuke_http_response_free    (OtasukeHttpResponse       *response);
/* The standard reason phrase of @status ("Not Found"), never the server's. */
const char          *otasuke_http_status_phrase    (guint                      status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeHttpSession, otasuke_http_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeHttpResponse, otasuke_http_response_free)

G_END_DECLS
