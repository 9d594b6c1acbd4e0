/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-feed-fetcher"

#include "config.h"

#include <math.h>
#include <string.h>

#include "otasuke-feed-fetcher.h"
#include "test-server.h"
#include "test-tls.h"

#ifdef G_OS_UNIX
#include <sys/resource.h>
#endif

#define FEED_BODY      "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"
#define SIGNATURE_BODY "untrusted comment: test\nRWQ...\n"
#define USER_AGENT     "Otasuke/" PACKAGE_VERSION " (+https://www.sakura-cci.or.jp)"
#define LAST_MODIFIED  "Wed, 21 Oct 2015 07:28:00 GMT"

/* Fast enough for the whole program to finish in seconds. */
#define SHORT_TOTAL_MS   500
#define LONG_CONNECT_MS  5000
#define DEFAULT_LIMIT    (4 * 1024 * 1024)

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static OtasukeFetchResult *
fetch (OtasukeFeedFetcher *fetcher,
       const char         *url,
       const char         *etag,
       const char         *last_modified,
       GCancellable       *cancellable,
       GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  otasuke_feed_fetcher_fetch_async (fetcher, url, etag, last_modified, cancellable,
                                    on_fetched, &result);
  /* Never synchronously, even for errors found up front. */
  g_assert_null (result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return otasuke_feed_fetcher_fetch_finish (fetcher, result, error);
}

static GBytes *
bytes_of_size (gsize size,
               char  fill)
{
  char *data = g_malloc (size);

  memset (data, fill, size);
  return g_bytes_new_take (data, size);
}

static OtasukeTestServer *
server_with_feed (void)
{
  OtasukeTestServer *server = otasuke_test_server_new ();
  g_autoptr(GBytes) feed = g_bytes_new_static (FEED_BODY, strlen (FEED_BODY));

  otasuke_test_server_add_response (server, "/feed.json", SOUP_STATUS_OK, feed,
                                    "Content-Type", "application/feed+json", NULL);
  otasuke_test_server_add_text (server, "/feed.json.minisig", SOUP_STATUS_OK, SIGNATURE_BODY);
  return server;
}

static void
assert_bytes_equal_string (GBytes     *bytes,
                           const char *expected)
{
  gsize size;
  const char *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpmem (data, size, expected, strlen (expected));
}

static void
test_ok (void)
{
  g_autoptr(OtasukeTestServer) server = server_with_feed ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *accept_encoding;

  otasuke_test_server_set_validators (server, "/feed.json", "\"v1\"", LAST_MODIFIED);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_false (result->not_modified);
  g_assert_cmpuint (result->status, ==, 200);
  assert_bytes_equal_string (result->body, FEED_BODY);
  assert_bytes_equal_string (result->signature, SIGNATURE_BODY);
  g_assert_cmpstr (result->final_url, ==, url);
  g_assert_cmpstr (result->etag, ==, "\"v1\"");
  g_assert_cmpstr (result->last_modified, ==, LAST_MODIFIED);

  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json"), ==, 1);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json.minisig"), ==, 1);
  g_assert_cmpstr (otasuke_test_server_get_last_request_header (server, "/feed.json", "User-Agent"),
                   ==, USER_AGENT);
  g_assert_cmpstr (otasuke_test_server_get_last_request_header (server, "/feed.json.minisig",
                                                                "User-Agent"),
                   ==, USER_AGENT);
  accept_encoding = otasuke_test_server_get_last_request_header (server, "/feed.json",
                                                                 "Accept-Encoding");
  g_assert_nonnull (accept_encoding);
  g_assert_true (soup_header_contains (accept_encoding, "gzip"));
  /* Nothing conditional without validators. */
  g_assert_null (otasuke_test_server_get_last_request_header (server, "/feed.json",
                                                              "If-None-Match"));
  g_assert_null (otasuke_test_server_get_last_request_header (server, "/feed.json",
                                                              "If-Modified-Since"));
}

static void
test_not_modified_etag (void)
{
  g_autoptr(OtasukeTestServer) server = server_with_feed ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(OtasukeFetchResult) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  otasuke_test_server_set_validators (server, "/feed.json", "\"v2\"", NULL);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, "\"v2\"", NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (result->not_modified);
  g_assert_cmpuint (result->status, ==, 304);
  g_assert_null (result->body);
  g_assert_null (result->signature);
  g_assert_cmpstr (result->etag, ==, "\"v2\"");
  g_assert_cmpstr (otasuke_test_server_get_last_request_header (server, "/feed.json",
                                                                "If-None-Match"),
                   ==, "\"v2\"");
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json.minisig"), ==, 0);

  /* A stale validator gets the new feed and its signature. */
  changed = fetch (fetcher, url, "\"v1\"", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (changed->not_modified);
  g_assert_cmpstr (changed->etag, ==, "\"v2\"");
  assert_bytes_equal_string (changed->body, FEED_BODY);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json.minisig"), ==, 1);
}

static void
test_not_modified_last_modified (void)
{
  g_autoptr(OtasukeTestServer) server = server_with_feed ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  otasuke_test_server_set_validators (server, "/feed.json", NULL, LAST_MODIFIED);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, LAST_MODIFIED, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (result->not_modified);
  g_assert_null (result->body);
  g_assert_null (result->signature);
  g_assert_null (result->etag);
  g_assert_cmpstr (result->last_modified, ==, LAST_MODIFIED);
  g_assert_cmpstr (otasuke_test_server_get_last_request_header (server, "/feed.json",
                                                                "If-Modified-Since"),
                   ==, LAST_MODIFIED);
  g_assert_null (otasuke_test_server_get_last_request_header (server, "/feed.json",
                                                              "If-None-Match"));
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json.minisig"), ==, 0);
}

static void
test_validator_injection (void)
{
  g_autoptr(OtasukeTestServer) server = server_with_feed ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = otasuke_test_server_get_url (server, "/feed.json");

  /* A stored validator with a line break must not become extra headers. */
  result = fetch (fetcher, url, "\"v1\"\r\nX-Injected: 1", "x\nX-Injected: 2", NULL, &error);

  g_assert_no_error (error);
  g_assert_false (result->not_modified);
  g_assert_null (otasuke_test_server_get_last_request_header (server, "/feed.json", "X-Injected"));
  g_assert_null (otasuke_test_server_get_last_request_header (server, "/feed.json",
                                                              "If-None-Match"));
  g_assert_null (otasuke_test_server_get_last_request_header (server, "/feed.json",
                                                              "If-Modified-Since"));
}

static void
assert_http_error (guint       status,
                   const char *phrase)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = g_strdup_printf ("%u %s", status, phrase);

  otasuke_test_server_add_text (server, "/feed.json", status, "<html>error page</html>");
  otasuke_test_server_add_text (server, "/feed.json.minisig", SOUP_STATUS_OK, SIGNATURE_BODY);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_HTTP);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json"), ==, 1);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json.minisig"), ==, 0);
}

static void
test_http_404 (void)
{
  assert_http_error (SOUP_STATUS_NOT_FOUND, "Not Found");
}

static void
test_http_500 (void)
{
  assert_http_error (SOUP_STATUS_INTERNAL_SERVER_ERROR, "Internal Server Error");
}

static void
test_connection_reset (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  otasuke_test_server_add_reset (server, "/feed.json");
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_CONNECTION_RESET);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  /* Its own sentence (issue #10). */
  g_assert_nonnull (strstr (error->message, "broke the connection off during the download"));
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json"), >=, 1);
}

/* Issue #10: a reset before any answer has its own sentence: not a
 * download that broke off, not a wrong signature. */
static void
test_connection_reset_at_once (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  otasuke_test_server_add_reset_at_once (server, "/feed.json");
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_CONNECTION_RESET);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1 reset the connection before answering"));
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json"), >=, 1);
}

/* A port that was free a moment ago, with nobody listening now. */
static guint16
unused_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_socket_close (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_connection_refused (void)
{
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/feed.json", unused_port ());

  result = fetch (fetcher, url, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK);
  g_test_message ("%s", error->message);
}

static void
test_never_answers (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 start;
  gint64 elapsed_ms;

  otasuke_test_server_add_hang (server, "/feed.json");
  otasuke_feed_fetcher_set_limits (fetcher, DEFAULT_LIMIT, LONG_CONNECT_MS, SHORT_TOTAL_MS);
  url = otasuke_test_server_get_url (server, "/feed.json");

  start = g_get_monotonic_time ();
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TIMEOUT);
  g_test_message ("%s after %" G_GINT64_FORMAT " ms", error->message, elapsed_ms);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpint (elapsed_ms, >=, SHORT_TOTAL_MS - 50);
  g_assert_cmpint (elapsed_ms, <, LONG_CONNECT_MS);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json"), ==, 1);
}

static void
test_slow_drip (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bytes_of_size (1000, 'a');
  g_autofree char *url = NULL;
  gint64 start;
  gint64 elapsed_ms;

  /* Always some progress, so only the total deadline can stop it:
   * 1000 bytes at 4 bytes per 50 ms would take 12.5 s. */
  otasuke_test_server_add_drip (server, "/feed.json", body, 4, 50);
  otasuke_feed_fetcher_set_limits (fetcher, DEFAULT_LIMIT, LONG_CONNECT_MS, SHORT_TOTAL_MS);
  url = otasuke_test_server_get_url (server, "/feed.json");

  start = g_get_monotonic_time ();
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TIMEOUT);
  g_test_message ("%s after %" G_GINT64_FORMAT " ms", error->message, elapsed_ms);
  g_assert_cmpint (elapsed_ms, <, LONG_CONNECT_MS);
}

static void
assert_too_large (OtasukeTestServer *server,
                  gsize              limit)
{
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = otasuke_test_server_get_url (server, "/feed.json");

  otasuke_feed_fetcher_set_limits (fetcher, limit, LONG_CONNECT_MS, 10 * 1000);
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json.minisig"), ==, 0);
}

static void
test_too_large_content_length (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(GBytes) body = bytes_of_size (100 * 1024, 'x');

  otasuke_test_server_add_response (server, "/feed.json", SOUP_STATUS_OK, body, NULL);
  assert_too_large (server, 64 * 1024);
}

static void
test_too_large_chunked (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(GBytes) body = bytes_of_size (1024 * 1024, 'x');

  otasuke_test_server_add_drip (server, "/feed.json", body, 16 * 1024, 0);
  assert_too_large (server, 64 * 1024);
}

static void
test_lying_length (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bytes_of_size (1024 * 1024, 'x');
  g_autoptr(GBytes) signature = g_bytes_new_static (SIGNATURE_BODY, strlen (SIGNATURE_BODY));
  g_autofree char *url = NULL;

  /* Claims 100 bytes, sends a megabyte and closes. Whether the reader
   * stops at the claim or reads on to the end, it must never hand out
   * more than the limit. */
  otasuke_test_server_add_lying_length (server, "/feed.json", body, 100);
  otasuke_test_server_add_lying_length (server, "/feed.json.minisig", signature,
                                        g_bytes_get_size (signature));
  otasuke_feed_fetcher_set_limits (fetcher, 64 * 1024, LONG_CONNECT_MS, 10 * 1000);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  if (result != NULL)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (result->body), <=, 100);
    }
  else
    {
      g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TOO_LARGE);
    }
}

static void
test_too_large_no_length (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(GBytes) body = bytes_of_size (1024 * 1024, 'x');

  otasuke_test_server_add_lying_length (server, "/feed.json", body, -1);
  assert_too_large (server, 64 * 1024);
}

static void
test_exactly_at_limit (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bytes_of_size (64 * 1024, 'x');
  g_autofree char *url = NULL;

  otasuke_test_server_add_drip (server, "/feed.json", body, 10000, 0);
  otasuke_test_server_add_text (server, "/feed.json.minisig", SOUP_STATUS_OK, SIGNATURE_BODY);
  otasuke_feed_fetcher_set_limits (fetcher, 64 * 1024, LONG_CONNECT_MS, 10 * 1000);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (result->body, body));
}

static void
test_gzip (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) feed = g_bytes_new_static (FEED_BODY, strlen (FEED_BODY));
  g_autofree char *url = NULL;

  otasuke_test_server_add_gzip (server, "/feed.json", feed, 1);
  otasuke_test_server_add_text (server, "/feed.json.minisig", SOUP_STATUS_OK, SIGNATURE_BODY);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  assert_bytes_equal_string (result->body, FEED_BODY);
}

#ifdef G_OS_UNIX
static gsize
max_rss_bytes (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return (gsize) usage.ru_maxrss * 1024;
}
#endif

static void
test_gzip_bomb (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(GBytes) zeros = g_bytes_new_take (g_malloc0 (64 * 1024), 64 * 1024);
  const guint repeat = 1024;   /* 64 MiB once decoded */
#ifdef G_OS_UNIX
  gsize before;
  gsize after;
#endif

  otasuke_test_server_add_gzip (server, "/feed.json", zeros, repeat);

#ifdef G_OS_UNIX
  before = max_rss_bytes ();
#endif
  assert_too_large (server, DEFAULT_LIMIT);
#ifdef G_OS_UNIX
  after = max_rss_bytes ();
  g_test_message ("peak memory grew by %" G_GSIZE_FORMAT " KiB", (after - before) / 1024);
  /* Loose: far below the 64 MiB the body would have taken. */
  g_assert_cmpuint (after - before, <, 32 * 1024 * 1024);
#endif
}

static void
add_redirect_chain (OtasukeTestServer *server,
                    guint              length)
{
  static const guint statuses[] = { 301, 302, 303, 307, 308 };

  for (guint i = 1; i <= length; i++)
    {
      g_autofree char *path = g_strdup_printf ("/r%u", i);
      g_autofree char *next = i == length ? g_strdup ("/feed.json") : g_strdup_printf ("/r%u", i + 1);
      g_autofree char *location = NULL;

      /* Every other one absolute, to check both ways of resolving. */
      if (i % 2 == 0)
        location = otasuke_test_server_get_url (server, next);
      else
        location = g_strdup (next + 1);
      otasuke_test_server_add_redirect (server, path, statuses[i % G_N_ELEMENTS (statuses)],
                                        location);
    }
}

static void
test_redirect_chain_ok (void)
{
  g_autoptr(OtasukeTestServer) server = server_with_feed ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *final_url = NULL;

  add_redirect_chain (server, 5);
  url = otasuke_test_server_get_url (server, "/r1");
  final_url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  assert_bytes_equal_string (result->body, FEED_BODY);
  assert_bytes_equal_string (result->signature, SIGNATURE_BODY);
  g_assert_cmpstr (result->final_url, ==, final_url);
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("/r%u", i);

      g_assert_cmpuint (otasuke_test_server_get_request_count (server, path), ==, 1);
    }
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json"), ==, 1);
  /* The signature sits beside the final address, not the first one. */
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json.minisig"), ==, 1);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/r1.minisig"), ==, 0);
}

static void
test_redirect_chain_too_long (void)
{
  g_autoptr(OtasukeTestServer) server = server_with_feed ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  add_redirect_chain (server, 6);
  url = otasuke_test_server_get_url (server, "/r1");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/r6"), ==, 1);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json"), ==, 0);
}

static void
test_redirect_loop (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  otasuke_test_server_add_redirect (server, "/feed.json", 302, "/feed.json");
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json"), ==, 6);
}

static void
assert_redirect_refused (const char *location)
{
  g_autoptr(OtasukeTestServer) server = server_with_feed ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_test_message ("Location: %s", location);
  otasuke_test_server_add_redirect (server, "/start", 302, location);
  url = otasuke_test_server_get_url (server, "/start");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_INSECURE_REDIRECT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, NULL), ==, 1);
}

static void
test_redirect_insecure (void)
{
  /* http on loopback may only lead to loopback; refused before any
   * connection, so .invalid never reaches a resolver. */
  assert_redirect_refused ("http://example.invalid/feed.json");
  assert_redirect_refused ("http://192.168.1.1/feed.json");
  assert_redirect_refused ("file:///etc/passwd");
  assert_redirect_refused ("ftp://127.0.0.1/feed.json");
  assert_redirect_refused ("javascript:alert(1)");
  assert_redirect_refused ("data:text/plain,hello");
  assert_redirect_refused ("http://user:secret@127.0.0.1/feed.json");
  assert_redirect_refused ("//example.invalid/feed.json");
}

static void
test_redirect_upgrade (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *secure = g_strdup_printf ("https://127.0.0.1:%u/feed.json", unused_port ());

  /* http → https is followed: it fails only because nobody listens there,
   * which makes it a network error, not a refusal. */
  otasuke_test_server_add_redirect (server, "/start", 302, secure);
  url = otasuke_test_server_get_url (server, "/start");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/start"), ==, 1);
}

static void
test_insecure_url (void)
{
  static const char * const urls[] = {
    "http://example.jp/feed.json",
    "http://192.168.1.1/feed.json",
    "ftp://example.jp/feed.json",
    "file:///etc/passwd",
    "not a url",
    "",
  };
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(OtasukeFetchResult) result = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      result = fetch (fetcher, urls[i], NULL, NULL, NULL, &error);
      g_assert_null (result);
      g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_INSECURE_URL);
      g_test_message ("%s → %s", urls[i], error->message);
      /* No network was involved. */
      g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
    }
}

static void
test_missing_signature (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  otasuke_test_server_add_text (server, "/feed.json", SOUP_STATUS_OK, FEED_BODY);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NO_SIGNATURE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "404 Not Found"));
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json.minisig"), ==, 1);
}

static void
test_signature_too_large (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signature = bytes_of_size (8 * 1024 + 1, 's');
  g_autofree char *url = NULL;

  otasuke_test_server_add_text (server, "/feed.json", SOUP_STATUS_OK, FEED_BODY);
  otasuke_test_server_add_drip (server, "/feed.json.minisig", signature, 1000, 0);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NO_SIGNATURE);
  g_test_message ("%s", error->message);
}

static void
test_cancel (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 start;

  otasuke_test_server_add_hang (server, "/feed.json");
  otasuke_feed_fetcher_set_limits (fetcher, DEFAULT_LIMIT, LONG_CONNECT_MS, 10 * 1000);
  url = otasuke_test_server_get_url (server, "/feed.json");

  /* Cancelled while the client waits for the answer. */
  otasuke_test_server_cancel_at (server, "/feed.json", 0, cancellable);
  start = g_get_monotonic_time ();
  result = fetch (fetcher, url, NULL, NULL, cancellable, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_cancel_during_body (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bytes_of_size (1000, 'a');
  g_autofree char *url = NULL;

  otasuke_test_server_add_drip (server, "/feed.json", body, 4, 50);
  url = otasuke_test_server_get_url (server, "/feed.json");
  /* Cancelled with 16 of the 1000 bytes sent, the rest 12 s away. */
  otasuke_test_server_cancel_at (server, "/feed.json", 16, cancellable);
  result = fetch (fetcher, url, NULL, NULL, cancellable, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_cancel_before (void)
{
  g_autoptr(OtasukeTestServer) server = server_with_feed ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = otasuke_test_server_get_url (server, "/feed.json");

  g_cancellable_cancel (cancellable);
  result = fetch (fetcher, url, NULL, NULL, cancellable, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, NULL), ==, 0);
}

/* Issue #10: a body shorter than its Content-Length is a network problem,
 * never handed on as if complete (where it would fail its signature). */
static void
test_short_body (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bytes_of_size (100, 'x');
  g_autofree char *url = NULL;

  otasuke_test_server_add_lying_length (server, "/feed.json", body, 1000);
  otasuke_test_server_add_text (server, "/feed.json.minisig", SOUP_STATUS_OK, SIGNATURE_BODY);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TRUNCATED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json.minisig"), ==, 0);
}

/* Chunked, closed before the last chunk: cut off too. */
static void
test_cut_chunked (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (FEED_BODY, strlen (FEED_BODY));
  g_autofree char *url = NULL;

  otasuke_test_server_add_cut_chunked (server, "/feed.json", body);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TRUNCATED);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json.minisig"), ==, 0);
}

/* A trailer after the body is not a second set of headers. */
static void
test_chunked_trailer (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (FEED_BODY, strlen (FEED_BODY));
  g_autoptr(GBytes) signature = g_bytes_new_static (SIGNATURE_BODY, strlen (SIGNATURE_BODY));
  g_autofree char *url = NULL;

  otasuke_test_server_add_chunked_trailer (server, "/feed.json", body);
  otasuke_test_server_add_chunked_trailer (server, "/feed.json.minisig", signature);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  assert_bytes_equal_string (result->body, FEED_BODY);
  assert_bytes_equal_string (result->signature, SIGNATURE_BODY);
  g_assert_true (result->body_length_known);
}

static void
test_stall (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bytes_of_size (100, 'a');
  g_autofree char *url = NULL;
  gint64 start;
  gint64 elapsed_ms;

  /* Headers and a little of the body, then silence: only the stall limit
   * can end it before the total one. */
  otasuke_test_server_add_stall (server, "/feed.json", body);
  otasuke_feed_fetcher_set_limits (fetcher, DEFAULT_LIMIT, LONG_CONNECT_MS, 20 * 1000);
  otasuke_feed_fetcher_set_stall_timeout (fetcher, 500);
  url = otasuke_test_server_get_url (server, "/feed.json");

  start = g_get_monotonic_time ();
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TIMEOUT);
  g_test_message ("%s after %" G_GINT64_FORMAT " ms", error->message, elapsed_ms);
  g_assert_nonnull (strstr (error->message, "stopped sending"));
  g_assert_cmpint (elapsed_ms, >=, 450);
  g_assert_cmpint (elapsed_ms, <, 5000);
}

static void
test_headers_too_large (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  otasuke_test_server_add_huge_headers (server, "/feed.json", 1024 * 1024);
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_HEADERS_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1 sent an answer with far too many header lines"));
}

static void
test_headers_large_but_fine (void)
{
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new ();
  g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GBytes) signature = g_bytes_new_static (SIGNATURE_BODY, strlen (SIGNATURE_BODY));

  /* 8 KiB of headers is a lot, but honest servers send that much. */
  otasuke_test_server_add_huge_headers (server, "/feed.json", 8 * 1024);
  /* Beside it on the raw port. */
  otasuke_test_server_add_lying_length (server, "/feed.json.minisig", signature,
                                        g_bytes_get_size (signature));
  url = otasuke_test_server_get_url (server, "/feed.json");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  assert_bytes_equal_string (result->body, "ok");
}

/* TLS: a loopback HTTPS server with certificates made for this run. */

static OtasukeTestServer *
https_server_with_feed (GTlsCertificate *certificate)
{
  OtasukeTestServer *server = otasuke_test_server_new_https (certificate);
  g_autoptr(GBytes) feed = g_bytes_new_static (FEED_BODY, strlen (FEED_BODY));

  otasuke_test_server_add_response (server, "/feed.json", SOUP_STATUS_OK, feed,
                                    "Content-Type", "application/feed+json", NULL);
  otasuke_test_server_add_text (server, "/feed.json.minisig", SOUP_STATUS_OK, SIGNATURE_BODY);
  return server;
}

static void
test_tls_ok (void)
{
  g_autoptr(OtasukeTestTls) tls = otasuke_test_tls_new ();
  g_autoptr(OtasukeTestServer) server = https_server_with_feed (otasuke_test_tls_get_good (tls));
  g_autoptr(OtasukeFeedFetcher) fetcher =
    g_object_new (OTASUKE_TYPE_FEED_FETCHER, "ca-file", otasuke_test_tls_get_ca_file (tls), NULL);
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = otasuke_test_server_get_url (server, "/feed.json");

  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));
  otasuke_test_server_set_validators (server, "/feed.json", "\"tls\"", NULL);
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  assert_bytes_equal_string (result->body, FEED_BODY);
  assert_bytes_equal_string (result->signature, SIGNATURE_BODY);
  g_assert_cmpstr (result->final_url, ==, url);
  g_assert_cmpstr (result->etag, ==, "\"tls\"");
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json"), ==, 1);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json.minisig"), ==, 1);
}

static void
assert_certificate_refused (OtasukeTestTls  *tls,
                            GTlsCertificate *certificate,
                            gboolean         with_test_ca)
{
  g_autoptr(OtasukeTestServer) server = https_server_with_feed (certificate);
  g_autoptr(OtasukeFeedFetcher) fetcher =
    g_object_new (OTASUKE_TYPE_FEED_FETCHER,
                  "ca-file", with_test_ca ? otasuke_test_tls_get_ca_file (tls) : NULL, NULL);
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = otasuke_test_server_get_url (server, "/feed.json");

  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_CERTIFICATE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  /* Refused during the handshake: not one request was sent. */
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, NULL), ==, 0);
}

static void
test_tls_untrusted (void)
{
  g_autoptr(OtasukeTestTls) tls = otasuke_test_tls_new ();

  /* Issued by nobody the client trusts. */
  assert_certificate_refused (tls, otasuke_test_tls_get_self_signed (tls), TRUE);
  /* Issued by the test authority, which the system store does not hold. */
  assert_certificate_refused (tls, otasuke_test_tls_get_good (tls), FALSE);
}

static void
test_tls_wrong_host (void)
{
  g_autoptr(OtasukeTestTls) tls = otasuke_test_tls_new ();

  assert_certificate_refused (tls, otasuke_test_tls_get_wrong_host (tls), TRUE);
}

static void
test_tls_redirect_to_http (void)
{
  g_autoptr(OtasukeTestTls) tls = otasuke_test_tls_new ();
  g_autoptr(OtasukeTestServer) server = https_server_with_feed (otasuke_test_tls_get_good (tls));
  g_autoptr(OtasukeTestServer) plain = server_with_feed ();
  g_autoptr(OtasukeFeedFetcher) fetcher =
    g_object_new (OTASUKE_TYPE_FEED_FETCHER, "ca-file", otasuke_test_tls_get_ca_file (tls), NULL);
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain_url = otasuke_test_server_get_url (plain, "/feed.json");
  g_autofree char *url = NULL;

  /* From https to http, even on loopback: refused before connecting. */
  otasuke_test_server_add_redirect (server, "/start", 302, plain_url);
  url = otasuke_test_server_get_url (server, "/start");
  result = fetch (fetcher, url, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_INSECURE_REDIRECT);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/start"), ==, 1);
  g_assert_cmpuint (otasuke_test_server_get_request_count (plain, NULL), ==, 0);
}

static void
test_tls_cancel_during_body (void)
{
  g_autoptr(OtasukeTestTls) tls = otasuke_test_tls_new ();
  g_autoptr(OtasukeTestServer) server = otasuke_test_server_new_https (otasuke_test_tls_get_good (tls));
  g_autoptr(OtasukeFeedFetcher) fetcher =
    g_object_new (OTASUKE_TYPE_FEED_FETCHER, "ca-file", otasuke_test_tls_get_ca_file (tls), NULL);
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bytes_of_size (1000, 'a');
  g_autofree char *url = NULL;
  gint64 start;

  otasuke_test_server_add_drip (server, "/feed.json", body, 4, 50);
  url = otasuke_test_server_get_url (server, "/feed.json");
  start = g_get_monotonic_time ();
  /* Cancelled inside the TLS stream, with 16 of the 1000 bytes sent. */
  otasuke_test_server_cancel_at (server, "/feed.json", 16, cancellable);
  result = fetch (fetcher, url, NULL, NULL, cancellable, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* At once, not when the drip would have ended (12 s). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* Proxies: whatever GProxyResolver names is used, and its failures are
 * told apart from the server's. */

/* The test server as an HTTP proxy: it serves absolute-form requests too. */
static char *
proxy_address (OtasukeTestServer *server)
{
  g_autofree char *url = otasuke_test_server_get_url (server, "/");
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
}

static OtasukeFetchResult *
fetch_through_proxy (const char  *proxy_url,
                     const char  *url,
                     GError     **error)
{
  g_autoptr(GProxyResolver) resolver = g_simple_proxy_resolver_new (proxy_url, NULL);
  g_autoptr(OtasukeFeedFetcher) fetcher =
    g_object_new (OTASUKE_TYPE_FEED_FETCHER, "proxy-resolver", resolver, NULL);

  return fetch (fetcher, url, NULL, NULL, NULL, error);
}

static void
test_proxy_used (void)
{
  g_autoptr(OtasukeTestServer) proxy = server_with_feed ();
  g_autofree char *proxy_url = proxy_address (proxy);
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  /* Nobody listens there: only the proxy can answer. */
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/feed.json", unused_port ());

  result = fetch_through_proxy (proxy_url, url, &error);

  g_assert_no_error (error);
  assert_bytes_equal_string (result->body, FEED_BODY);
  assert_bytes_equal_string (result->signature, SIGNATURE_BODY);
  g_assert_cmpuint (otasuke_test_server_get_request_count (proxy, "/feed.json"), ==, 1);
  g_assert_cmpuint (otasuke_test_server_get_request_count (proxy, "/feed.json.minisig"), ==, 1);
}

static void
test_proxy_unreachable (void)
{
  g_autofree char *proxy_url = g_strdup_printf ("http://127.0.0.1:%u", unused_port ());
  g_autoptr(OtasukeTestServer) server = server_with_feed ();
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = otasuke_test_server_get_url (server, "/feed.json");

  result = fetch_through_proxy (proxy_url, url, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_PROXY);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, NULL), ==, 0);
}

static void
test_proxy_unusable (void)
{
  static const char * const schemes[] = {
    "socks5",   /* SOCKS, nobody listening */
    "ftp",      /* not a kind of proxy libcurl speaks */
  };
  g_autoptr(OtasukeTestServer) server = server_with_feed ();
  g_autofree char *url = otasuke_test_server_get_url (server, "/feed.json");

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *proxy_url = g_strdup_printf ("%s://127.0.0.1:%u", schemes[i], unused_port ());
      g_autoptr(OtasukeFetchResult) result = NULL;
      g_autoptr(GError) error = NULL;

      result = fetch_through_proxy (proxy_url, url, &error);

      g_assert_null (result);
      g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_PROXY);
      g_test_message ("%s → %s", proxy_url, error->message);
    }
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, NULL), ==, 0);
}

static void
test_proxy_refuses_tunnel (void)
{
  g_autoptr(OtasukeTestServer) proxy = otasuke_test_server_new ();
  g_autofree char *proxy_url = proxy_address (proxy);
  g_autoptr(OtasukeFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/feed.json", unused_port ());

  /* https goes through CONNECT, which this "proxy" answers with an error. */
  result = fetch_through_proxy (proxy_url, url, &error);

  g_assert_null (result);
  g_assert_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_PROXY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_backoff (void)
{
  const guint interval_hours = 6;
  const guint64 cap = interval_hours * 60 * 60;

  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (0, interval_hours, 0.5), ==, 0);

  /* Doubling from 5 minutes, without jitter at random = 0.5. */
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (1, interval_hours, 0.5), ==, 300);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (2, interval_hours, 0.5), ==, 600);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (3, interval_hours, 0.5), ==, 1200);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (4, interval_hours, 0.5), ==, 2400);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (7, interval_hours, 0.5), ==, 19200);

  /* ±20 % at the ends of the random range. */
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (1, interval_hours, 0.0), ==, 240);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (1, interval_hours, 1.0), ==, 360);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (3, interval_hours, 0.0), ==, 960);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (3, interval_hours, 1.0), ==, 1440);
  for (guint failures = 1; failures <= 6; failures++)
    {
      double base = 300.0 * (1 << (failures - 1));

      for (double r = 0.0; r <= 1.0; r += 0.05)
        {
          guint64 delay = otasuke_feed_backoff_delay_seconds (failures, interval_hours, r);

          g_assert_cmpfloat (delay, >=, base * 0.8 - 0.5);
          g_assert_cmpfloat (delay, <=, base * 1.2 + 0.5);
        }
    }

  /* Out-of-range randomness is clamped, not trusted. */
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (1, interval_hours, -3.0), ==, 240);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (1, interval_hours, 7.0), ==, 360);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (1, interval_hours, NAN), ==, 240);

  /* Capped at the interval, however long it has failed. */
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (8, interval_hours, 0.5), ==, cap);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (8, interval_hours, 1.0), ==, cap);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (100, interval_hours, 0.0), ==, cap);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (G_MAXUINT, interval_hours, 1.0), ==, cap);
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (30, 24, 0.5), ==, 24 * 60 * 60);

  /* Never shorter than the base, even with a tiny interval. */
  g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (5, 0, 0.5), ==, 300);

  /* Never decreasing as failures go on (same randomness). */
  for (guint failures = 1; failures < 40; failures++)
    g_assert_cmpuint (otasuke_feed_backoff_delay_seconds (failures, interval_hours, 0.3), <=,
                      otasuke_feed_backoff_delay_seconds (failures + 1, interval_hours, 0.3));
}

int
main (int   argc,
      char *argv[])
{
  /* Direct connections only: a proxy from the environment must not see,
   * or break, loopback traffic. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("all_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("ALL_PROXY");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/feed-fetcher/ok", test_ok);
  g_test_add_func ("/feed-fetcher/not-modified/etag", test_not_modified_etag);
  g_test_add_func ("/feed-fetcher/not-modified/last-modified", test_not_modified_last_modified);
  g_test_add_func ("/feed-fetcher/validator-injection", test_validator_injection);
  g_test_add_func ("/feed-fetcher/http/404", test_http_404);
  g_test_add_func ("/feed-fetcher/http/500", test_http_500);
  g_test_add_func ("/feed-fetcher/network/reset", test_connection_reset);
  g_test_add_func ("/feed-fetcher/network/reset-at-once", test_connection_reset_at_once);
  g_test_add_func ("/feed-fetcher/network/refused", test_connection_refused);
  g_test_add_func ("/feed-fetcher/network/short-body", test_short_body);
  g_test_add_func ("/feed-fetcher/network/cut-chunked", test_cut_chunked);
  g_test_add_func ("/feed-fetcher/network/chunked-trailer", test_chunked_trailer);
  g_test_add_func ("/feed-fetcher/network/headers-too-large", test_headers_too_large);
  g_test_add_func ("/feed-fetcher/network/headers-large-but-fine", test_headers_large_but_fine);
  g_test_add_func ("/feed-fetcher/timeout/never-answers", test_never_answers);
  g_test_add_func ("/feed-fetcher/timeout/slow-drip", test_slow_drip);
  g_test_add_func ("/feed-fetcher/timeout/stall", test_stall);
  g_test_add_func ("/feed-fetcher/size/content-length", test_too_large_content_length);
  g_test_add_func ("/feed-fetcher/size/chunked", test_too_large_chunked);
  g_test_add_func ("/feed-fetcher/size/lying-length", test_lying_length);
  g_test_add_func ("/feed-fetcher/size/no-length", test_too_large_no_length);
  g_test_add_func ("/feed-fetcher/size/exactly-at-limit", test_exactly_at_limit);
  g_test_add_func ("/feed-fetcher/gzip/ok", test_gzip);
  g_test_add_func ("/feed-fetcher/gzip/bomb", test_gzip_bomb);
  g_test_add_func ("/feed-fetcher/redirect/chain-of-5", test_redirect_chain_ok);
  g_test_add_func ("/feed-fetcher/redirect/chain-of-6", test_redirect_chain_too_long);
  g_test_add_func ("/feed-fetcher/redirect/loop", test_redirect_loop);
  g_test_add_func ("/feed-fetcher/redirect/insecure", test_redirect_insecure);
  g_test_add_func ("/feed-fetcher/redirect/upgrade-to-https", test_redirect_upgrade);
  g_test_add_func ("/feed-fetcher/insecure-url", test_insecure_url);
  g_test_add_func ("/feed-fetcher/signature/missing", test_missing_signature);
  g_test_add_func ("/feed-fetcher/signature/too-large", test_signature_too_large);
  g_test_add_func ("/feed-fetcher/cancel/while-waiting", test_cancel);
  g_test_add_func ("/feed-fetcher/cancel/during-body", test_cancel_during_body);
  g_test_add_func ("/feed-fetcher/cancel/before", test_cancel_before);
  g_test_add_func ("/feed-fetcher/tls/ok", test_tls_ok);
  g_test_add_func ("/feed-fetcher/tls/untrusted", test_tls_untrusted);
  g_test_add_func ("/feed-fetcher/tls/wrong-host", test_tls_wrong_host);
  g_test_add_func ("/feed-fetcher/tls/redirect-to-http", test_tls_redirect_to_http);
  g_test_add_func ("/feed-fetcher/tls/cancel-during-body", test_tls_cancel_during_body);
  g_test_add_func ("/feed-fetcher/proxy/used", test_proxy_used);
  g_test_add_func ("/feed-fetcher/proxy/unreachable", test_proxy_unreachable);
  g_test_add_func ("/feed-fetcher/proxy/unusable", test_proxy_unusable);
  g_test_add_func ("/feed-fetcher/proxy/refuses-tunnel", test_proxy_refuses_tunnel);
  g_test_add_func ("/feed-fetcher/backoff", test_backoff);

  return g_test_run ();
}
