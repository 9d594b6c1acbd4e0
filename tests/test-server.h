/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A loopback HTTP server for tests, never reachable from outside.
 *
 * It listens on 127.0.0.1 on ephemeral ports and runs on the thread-default
 * main context of the thread that created it, so a test drives it simply by
 * iterating that context while it waits for its own async call.
 *
 * Each path gets a canned behaviour, registered with one of the add_*()
 * functions below; registering a path again replaces its behaviour. Paths
 * are matched exactly, without the query. A path with no behaviour answers
 * 404 Not Found.
 *
 * Most behaviours are served by a SoupServer. Those that need to break HTTP
 * (a reset connection, a lying Content-Length) are served by a raw socket
 * service on a second port; otasuke_test_server_get_url() knows which port
 * a path lives on, so register the behaviour before asking for its URL.
 *
 * Every request is counted per path and its headers are kept, on both ports:
 * see otasuke_test_server_get_request_count() and
 * otasuke_test_server_get_last_request_header().
 *
 *   g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
 *   g_autofree char *url = NULL;
 *
 *   otasuke_test_server_add_response (server, "/feed.json", SOUP_STATUS_OK, body,
 *                                     "Content-Type", "application/json", NULL);
 *   otasuke_test_server_set_validators (server, "/feed.json", "\"v1\"", NULL);
 *   url = otasuke_test_server_get_url (server, "/feed.json");
 *   ...
 *   g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json"), ==, 1);
 */
typedef struct _OtasukeTestServer OtasukeTestServer;

OtasukeTestServer  *otasuke_test_server_new                     (void);
/* The same, but the SoupServer side speaks only HTTPS with @certificate
 * (see test-tls.h); the raw port stays plain HTTP. */
OtasukeTestServer  *otasuke_test_server_new_https               (GTlsCertificate   *certificate);
/* Closes every connection, including hanging and dripping ones; may iterate
 * the server's main context until its own pending socket operations are done. */
void                otasuke_test_server_free                    (OtasukeTestServer *self);

/* "http://127.0.0.1:<port><path>" ("https://…" on an HTTPS server's SoupServer
 * side); @path starts with '/' and may carry a query. */
char               *otasuke_test_server_get_url                 (OtasukeTestServer *self,
                                                                 const char        *path);

/* @status with @body (may be NULL: empty) and extra response headers given as
 * name, value pairs ending with NULL. */
void                otasuke_test_server_add_response            (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 guint              status,
                                                                 GBytes            *body,
                                                                 ...) G_GNUC_NULL_TERMINATED;
/* The same with a string body. */
void                otasuke_test_server_add_text                (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 guint              status,
                                                                 const char        *text);
/* Adds ETag (when @etag is not NULL) and Last-Modified (when @last_modified
 * is not NULL) to the 200 answers of a path registered with add_response(),
 * add_text() or add_gzip(), and answers 304 Not Modified when the request's
 * If-None-Match lists @etag (or "*"), or, without If-None-Match, when its
 * If-Modified-Since is not earlier than @last_modified. */
void                otasuke_test_server_set_validators          (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 const char        *etag,
                                                                 const char        *last_modified);
/* @status (301, 302, 303, 307, 308) with Location: @location, sent as given
 * (relative or absolute, any scheme). */
void                otasuke_test_server_add_redirect            (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 guint              status,
                                                                 const char        *location);
/* Reads the request and never answers; the connection stays open until the
 * client gives up or the server is freed. */
void                otasuke_test_server_add_hang                (OtasukeTestServer *self,
                                                                 const char        *path);
/* 200 with a chunked body: @chunk_size bytes of @body every @interval_ms
 * (0: as fast as the client reads). Without Content-Length. */
void                otasuke_test_server_add_drip                (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 GBytes            *body,
                                                                 gsize              chunk_size,
                                                                 guint              interval_ms);
/* Cancels @cancellable once a request for @path (registered before, not on the
 * raw port) has come in and, when @body_bytes is not 0, once that many bytes of
 * the body of a path registered with add_drip() have been sent: a test cancels
 * at a known point of the transfer instead of after a guessed delay. */
void                otasuke_test_server_cancel_at               (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 gsize              body_bytes,
                                                                 GCancellable      *cancellable);
/* Raw port: sends 200 headers claiming a long body and a few bytes of it,
 * then resets the connection (RST). */
void                otasuke_test_server_add_reset               (OtasukeTestServer *self,
                                                                 const char        *path);
/* Raw port: reads the request and resets the connection (RST) at once,
 * before a byte of an answer. */
void                otasuke_test_server_add_reset_at_once       (OtasukeTestServer *self,
                                                                 const char        *path);
/* Raw port: 200 with "Connection: close", "Content-Length: @content_length"
 * (none when negative) and then all of @body whatever that claimed, then
 * closes the connection. */
void                otasuke_test_server_add_lying_length        (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 GBytes            *body,
                                                                 gint64             content_length);
/* Raw port: 200 headers claiming a long body, @body, and then nothing more;
 * the connection stays open until the client gives up or the server is freed. */
void                otasuke_test_server_add_stall               (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 GBytes            *body);
/* Raw port: 200 with a chunked body whose one chunk is @body, then the
 * connection closes without the last (empty) chunk. */
void                otasuke_test_server_add_cut_chunked         (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 GBytes            *body);
/* Raw port: the same, but complete: the last chunk and a trailer follow. */
void                otasuke_test_server_add_chunked_trailer     (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 GBytes            *body);
/* Raw port: 200 whose header block is at least @header_bytes long (filler
 * lines of about 120 bytes), then a 2-byte body. */
void                otasuke_test_server_add_huge_headers        (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 gsize              header_bytes);
/* 200 with "Content-Encoding: gzip": @data repeated @repeat times,
 * compressed once at registration (streaming, so a huge @repeat costs CPU,
 * not memory). */
void                otasuke_test_server_add_gzip                (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 GBytes            *data,
                                                                 guint              repeat);

/* Requests seen for @path, or for all paths when @path is NULL. */
guint               otasuke_test_server_get_request_count       (OtasukeTestServer *self,
                                                                 const char        *path);
/* The headers of the last request for @path (any path when NULL), or NULL
 * when there was none. Owned by the server; valid until the next request
 * for that path, clear_requests() or free(). */
SoupMessageHeaders *otasuke_test_server_get_last_request_headers (OtasukeTestServer *self,
                                                                 const char        *path);
/* One header of that request, or NULL. */
const char         *otasuke_test_server_get_last_request_header (OtasukeTestServer *self,
                                                                 const char        *path,
                                                                 const char        *name);
/* Forgets the counts and recorded headers, keeps the behaviours. */
void                otasuke_test_server_clear_requests          (OtasukeTestServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeTestServer, otasuke_test_server_free)

G_END_DECLS
