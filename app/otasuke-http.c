/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-http"

#include "config.h"

#include <glib/gi18n.h>
#include <curl/curl.h>
#include <errno.h>
#include <string.h>

#include "otasuke-http.h"
#include "otasuke-http-private.h"

#define USER_AGENT        "Otasuke/" PACKAGE_VERSION " (+https://www.sakura-cci.or.jp)"
/* Far more than any honest answer carries; libcurl alone would take
 * hundreds of kilobytes. */
#define MAX_HEADER_BYTES  (32 * 1024)
/* How often the worker looks at the clock when nothing arrives;
 * cancellation wakes it at once. */
#define POLL_INTERVAL_MS  100

G_DEFINE_QUARK (otasuke-fetch-error-quark, otasuke_fetch_error)

struct _OtasukeHttpSession
{
  CURLM *multi;
  CURL  *easy;
};

typedef enum {
  ABORT_NONE,
  ABORT_CANCELLED,
  ABORT_DEADLINE,
  ABORT_STALL,
} AbortReason;

/* One request: what the callbacks collect, on the worker's stack. */
typedef struct
{
  const OtasukeHttpOptions *options;
  GCancellable             *cancellable;

  guint        status;
  char        *location;
  char        *etag;
  char        *last_modified;
  char        *content_encoding;
  gint64       content_length;     /* -1: none */
  gboolean     chunked;
  gboolean     http2;              /* or later: every body has an announced end */
  gsize        header_bytes;
  gboolean     headers_done;       /* of the final response */

  GByteArray  *body;
  gboolean     too_large;
  gboolean     headers_too_large;
  gboolean     stopped_after_headers;

  gint64       connected_at;       /* 0 until the request is about to be sent */
  gint64       last_activity;
  AbortReason  abort_reason;
  char         error_buffer[CURL_ERROR_SIZE];
} Request;

static void
curl_init_once (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      CURLcode code = curl_global_init (CURL_GLOBAL_DEFAULT);

      if (code != CURLE_OK)
        g_error ("libcurl could not start: %s", curl_easy_strerror (code));
      g_once_init_leave (&initialised, 1);
    }
}

OtasukeHttpSession *
otasuke_http_session_new (void)
{
  OtasukeHttpSession *session = g_new0 (OtasukeHttpSession, 1);

  curl_init_once ();
  session->multi = curl_multi_init ();
  session->easy = curl_easy_init ();
  g_assert (session->multi != NULL && session->easy != NULL);
  return session;
}

void
otasuke_http_session_free (OtasukeHttpSession *session)
{
  if (session == NULL)
    return;

  curl_easy_cleanup (session->easy);
  curl_multi_cleanup (session->multi);
  g_free (session);
}

void
otasuke_http_response_free (OtasukeHttpResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->location);
  g_free (response->etag);
  g_free (response->last_modified);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

const char *
otasuke_http_status_phrase (guint status)
{
  /* RFC 9110 §15. */
  switch (status)
    {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 205: return "Reset Content";
    case 206: return "Partial Content";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 305: return "Use Proxy";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Content";
    case 426: return "Upgrade Required";
    case 429: return "Too Many Requests";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default:  return "Unknown Error";
    }
}

static void
request_clear_headers (Request *request)
{
  request->status = 0;
  g_clear_pointer (&request->location, g_free);
  g_clear_pointer (&request->etag, g_free);
  g_clear_pointer (&request->last_modified, g_free);
  g_clear_pointer (&request->content_encoding, g_free);
  request->content_length = -1;
  request->chunked = FALSE;
  request->http2 = FALSE;
  request->headers_done = FALSE;
}

static void
request_clear (Request *request)
{
  request_clear_headers (request);
  g_clear_pointer (&request->body, g_byte_array_unref);
}

static AbortReason
check_abort (Request *request)
{
  const OtasukeHttpOptions *options = request->options;
  gint64 now = g_get_monotonic_time ();

  if (g_cancellable_is_cancelled (request->cancellable))
    return ABORT_CANCELLED;
  if (now >= options->deadline)
    return ABORT_DEADLINE;
  /* Connecting has a limit of its own (CURLOPT_CONNECTTIMEOUT_MS). */
  if (request->connected_at != 0 &&
      now - MAX (request->connected_at, request->last_activity) >
      (gint64) options->stall_timeout_ms * 1000)
    return ABORT_STALL;
  return ABORT_NONE;
}

static int
on_progress (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Request *request = user_data;

  request->abort_reason = check_abort (request);
  return request->abort_reason != ABORT_NONE;
}

static int
on_prereq (void *user_data,
           char *conn_primary_ip,
           char *conn_local_ip,
           int   conn_primary_port,
           int   conn_local_port)
{
  Request *request = user_data;

  request->connected_at = g_get_monotonic_time ();
  return CURL_PREREQFUNC_OK;
}

static gboolean
header_is (const char *line,
           gsize       length,
           const char *name,
           const char **value)
{
  gsize name_length = strlen (name);

  if (length <= name_length || line[name_length] != ':' ||
      g_ascii_strncasecmp (line, name, name_length) != 0)
    return FALSE;

  *value = line + name_length + 1;
  return TRUE;
}

static char *
header_value (const char *value,
              const char *end)
{
  while (value < end && (*value == ' ' || *value == '\t'))
    value++;
  while (end > value && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  return g_strndup (value, end - value);
}

static void
parse_status_line (Request    *request,
                   const char *line,
                   gsize       length)
{
  const char *space = memchr (line, ' ', length);
  guint status = 0;

  if (space != NULL && line + length - space >= 4 &&
      g_ascii_isdigit (space[1]) && g_ascii_isdigit (space[2]) && g_ascii_isdigit (space[3]))
    status = (space[1] - '0') * 100 + (space[2] - '0') * 10 + (space[3] - '0');

  request_clear_headers (request);
  request->status = status;
  request->http2 = length > 6 && line[5] >= '2' && line[5] <= '9';
}

/* True when the body is to be read; otherwise the transfer stops here. */
static gboolean
headers_complete (Request *request)
{
  const OtasukeHttpOptions *options = request->options;
  gboolean identity;

  request->headers_done = TRUE;

  if (request->status != 200)
    {
      /* Redirects, 304 and errors: their bodies are not wanted. */
      request->stopped_after_headers = TRUE;
      return FALSE;
    }

  /* A compressed length says nothing certain about the decoded one;
   * either way the limit is enforced while reading. */
  identity = request->content_encoding == NULL ||
             g_ascii_strcasecmp (request->content_encoding, "identity") == 0;
  if (identity && request->content_length > 0 &&
      (guint64) request->content_length > options->max_bytes)
    {
      request->too_large = TRUE;
      return FALSE;
    }

  g_clear_pointer (&request->body, g_byte_array_unref);
  request->body = g_byte_array_new ();
  return TRUE;
}

static size_t
on_header (char   *buffer,
           size_t  size,
           size_t  n_items,
           void   *user_data)
{
  Request *request = user_data;
  gsize total = size * n_items;
  gsize length = total;
  const char *value;

  request->last_activity = g_get_monotonic_time ();
  request->header_bytes += total;
  if (request->header_bytes > MAX_HEADER_BYTES)
    {
      request->headers_too_large = TRUE;
      return 0;
    }

  /* Trailers of a chunked body come here too, after the body. */
  if (request->headers_done)
    return total;

  while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
    length--;

  if (length >= 5 && memcmp (buffer, "HTTP/", 5) == 0)
    {
      parse_status_line (request, buffer, length);
      return total;
    }

  if (length == 0)
    {
      /* 1xx answers come before the real one. */
      if (request->status >= 100 && request->status < 200)
        return total;
      return headers_complete (request) ? total : 0;
    }

  if (header_is (buffer, length, "Location", &value))
    {
      g_free (request->location);
      request->location = header_value (value, buffer + length);
    }
  else if (header_is (buffer, length, "ETag", &value))
    {
      g_free (request->etag);
      request->etag = header_value (value, buffer + length);
    }
  else if (header_is (buffer, length, "Last-Modified", &value))
    {
      g_free (request->last_modified);
      request->last_modified = header_value (value, buffer + length);
    }
  else if (header_is (buffer, length, "Content-Encoding", &value))
    {
      g_free (request->content_encoding);
      request->content_encoding = header_value (value, buffer + length);
    }
  else if (header_is (buffer, length, "Transfer-Encoding", &value))
    {
      g_autofree char *text = header_value (value, buffer + length);

      request->chunked = g_ascii_strcasecmp (text, "chunked") == 0 ||
                         g_str_has_suffix (text, ", chunked") || g_str_has_suffix (text, ",chunked");
    }
  else if (header_is (buffer, length, "Content-Length", &value))
    {
      g_autofree char *text = header_value (value, buffer + length);
      guint64 parsed;

      if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &parsed, NULL))
        request->content_length = (gint64) parsed;
    }

  return total;
}

static size_t
on_body (char   *buffer,
         size_t  size,
         size_t  n_items,
         void   *user_data)
{
  Request *request = user_data;
  gsize total = size * n_items;

  request->last_activity = g_get_monotonic_time ();

  if (request->body == NULL)
    return 0;

  /* Counted after libcurl decoded the body, so a small compressed body
   * cannot unpack into more than the limit. */
  if (total > request->options->max_bytes - request->body->len)
    {
      request->too_large = TRUE;
      return 0;
    }

  g_byte_array_append (request->body, (const guint8 *) buffer, total);
  return total;
}

/* The first proxy of @url that libcurl can use, "" for none, or NULL with
 * @error set. */
static char *
choose_proxy (const OtasukeHttpOptions  *options,
              GCancellable              *cancellable,
              GError                   **error)
{
  GProxyResolver *resolver = options->proxy_resolver != NULL ? options->proxy_resolver :
                             g_proxy_resolver_get_default ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) proxies = g_proxy_resolver_lookup (resolver, options->url, cancellable,
                                                   &local_error);

  if (proxies == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        {
          g_debug ("No proxy for %s: %s", options->host, local_error->message);
          g_set_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_PROXY,
                       _("The proxy settings of this computer could not be used to reach %s."),
                       options->host);
        }
      return NULL;
    }

  for (guint i = 0; proxies[i] != NULL; i++)
    {
      g_autofree char *scheme = g_uri_parse_scheme (proxies[i]);

      if (scheme == NULL)
        continue;
      if (g_ascii_strcasecmp (scheme, "direct") == 0)
        return g_strdup ("");
      if (g_ascii_strcasecmp (scheme, "http") == 0 ||
          g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "socks4") == 0 ||
          g_ascii_strcasecmp (scheme, "socks4a") == 0)
        return g_strdup (proxies[i]);
      /* GIO's SOCKS 5 (and "socks") hands the host name to the proxy. */
      if (g_ascii_strcasecmp (scheme, "socks5") == 0 ||
          g_ascii_strcasecmp (scheme, "socks") == 0)
        return g_strconcat ("socks5h", proxies[i] + strlen (scheme), NULL);
    }

  g_set_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_PROXY,
               _("The proxy settings of this computer could not be used to reach %s."),
               options->host);
  return NULL;
}

static char *
proxy_host (const char *proxy)
{
  g_autoptr(GUri) uri = g_uri_parse (proxy, G_URI_FLAGS_NONE, NULL);

  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : proxy);
}

/* Turns what went wrong into one sentence for people. */
static GError *
describe_failure (OtasukeHttpSession *session,
                  Request            *request,
                  CURLcode            code,
                  const char         *proxy)
{
  const char *host = request->options->host;
  long connect_code = 0;
  long proxy_error = 0;
  long os_errno = 0;
  g_autofree char *via = proxy != NULL && *proxy != '\0' ? proxy_host (proxy) : NULL;

  g_debug ("Transfer from %s failed: %s (%s)", host, curl_easy_strerror (code),
           request->error_buffer);

  if (request->abort_reason == ABORT_CANCELLED)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                        _("The download from %s was cancelled."), host);

  if (request->abort_reason == ABORT_STALL)
    return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TIMEOUT,
                        _("%s stopped sending data. Try again later."), host);

  if (request->abort_reason == ABORT_DEADLINE || code == CURLE_OPERATION_TIMEDOUT)
    return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TIMEOUT,
                        _("%s did not answer in time. Try again later."), host);

  /* libcurl refuses a single header line of 100 KiB with "out of memory". */
  if (request->headers_too_large || (code == CURLE_OUT_OF_MEMORY && !request->headers_done))
    return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_HEADERS_TOO_LARGE,
                        _("%s sent an answer with far too many header lines. It was not read."),
                        host);

  curl_easy_getinfo (session->easy, CURLINFO_HTTP_CONNECTCODE, &connect_code);
  curl_easy_getinfo (session->easy, CURLINFO_PROXY_ERROR, &proxy_error);
  if (via != NULL &&
      (connect_code >= 300 || proxy_error != CURLPX_OK || code == CURLE_COULDNT_CONNECT ||
       code == CURLE_COULDNT_RESOLVE_PROXY))
    return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_PROXY,
                        /* Translators: "The proxy server proxy.example.jp could not take
                         * the connection to feed.example.jp." */
                        _("The proxy server %s could not take the connection to %s. "
                          "Check the proxy settings."),
                        via, host);

  switch ((int) code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
      return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK,
                          _("The address %s could not be found. Check the internet connection."),
                          host);

    case CURLE_COULDNT_CONNECT:
      return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK,
                          _("Could not connect to %s. Check the internet connection."), host);

    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_CERTIFICATE,
                          _("The certificate of %s could not be verified, so nothing was "
                            "downloaded. Check that the date and time of this computer are "
                            "right; otherwise the connection may be tampered with."),
                          host);

    case CURLE_SSL_CACERT_BADFILE:
      return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_CERTIFICATE,
                          _("The trusted certificates of this computer could not be read, "
                            "so no secure connection to %s was made."),
                          host);

    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CERTPROBLEM:
      return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK,
                          _("A secure connection to %s could not be made. "
                            "Its certificate may not be valid."),
                          host);

    case CURLE_PARTIAL_FILE:
      return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TRUNCATED,
                          _("The download from %s broke off before it was complete. "
                            "Try again later."),
                          host);

    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      /* A reset before any answer is not a download that broke off; 10054
       * is WSAECONNRESET, what libcurl reports on Windows. */
      curl_easy_getinfo (session->easy, CURLINFO_OS_ERRNO, &os_errno);
      if (!request->headers_done && (os_errno == ECONNRESET || os_errno == 10054))
        return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_CONNECTION_RESET,
                            _("%s reset the connection before answering. "
                              "Try again later."),
                            host);
      G_GNUC_FALLTHROUGH;
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_CONNECTION_RESET,
                          _("%s broke the connection off during the download. "
                            "Try again later."),
                          host);

    case CURLE_GOT_NOTHING:
      return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_CONNECTION_RESET,
                          _("%s closed the connection without answering."), host);

    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK,
                          _("The answer from %s could not be read."), host);

    default:
      if (request->headers_done)
        return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_CONNECTION_RESET,
                            _("The connection to %s was interrupted."), host);
      return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK,
                          _("Could not connect to %s. Check the internet connection."), host);
    }
}

static GError *
too_large_error (const OtasukeHttpOptions *options)
{
  g_autofree char *size = g_format_size (options->max_bytes);

  return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TOO_LARGE,
                      /* Translators: the second %s is a size such as "4.2 MB" */
                      _("The file from %s is larger than the allowed %s."),
                      options->host, size);
}

static void
wake_up (GCancellable *cancellable,
         gpointer      user_data)
{
  /* Any thread may cancel: this only interrupts curl_multi_poll(). */
  curl_multi_wakeup (user_data);
}

/* Runs the transfer until it ends or must stop; returns its result. */
static CURLcode
run_transfer (OtasukeHttpSession *session,
              Request            *request)
{
  CURLcode code = CURLE_OK;
  gboolean finished = FALSE;
  gulong cancelled_id = 0;

  if (request->cancellable != NULL)
    cancelled_id = g_cancellable_connect (request->cancellable, G_CALLBACK (wake_up),
                                          session->multi, NULL);

  curl_multi_add_handle (session->multi, session->easy);

  while (!finished)
    {
      int running = 0;
      CURLMcode multi_code = curl_multi_perform (session->multi, &running);
      CURLMsg *msg;
      int n_left;
      gint64 wait_ms;

      if (multi_code != CURLM_OK)
        {
          g_debug ("curl_multi_perform: %s", curl_multi_strerror (multi_code));
          code = CURLE_RECV_ERROR;
          break;
        }

      while ((msg = curl_multi_info_read (session->multi, &n_left)) != NULL)
        if (msg->msg == CURLMSG_DONE && msg->easy_handle == session->easy)
          {
            code = msg->data.result;
            finished = TRUE;
          }
      if (finished)
        break;

      /* The progress callback says the same, but libcurl does not call it
       * in every state. */
      if (request->abort_reason == ABORT_NONE)
        request->abort_reason = check_abort (request);
      if (request->abort_reason != ABORT_NONE)
        {
          code = CURLE_ABORTED_BY_CALLBACK;
          break;
        }

      wait_ms = (request->options->deadline - g_get_monotonic_time ()) / 1000 + 1;
      curl_multi_poll (session->multi, NULL, 0, (int) CLAMP (wait_ms, 1, POLL_INTERVAL_MS), NULL);
    }

  curl_multi_remove_handle (session->multi, session->easy);
  if (cancelled_id != 0)
    g_cancellable_disconnect (request->cancellable, cancelled_id);

  return code;
}

static void
set_options (OtasukeHttpSession *session,
             Request            *request,
             const char         *proxy,
             struct curl_slist  *headers)
{
  const OtasukeHttpOptions *options = request->options;
  CURL *easy = session->easy;
  static const OtasukeCurlCallbacks callbacks = { on_header, on_body, on_progress, on_prereq };

  curl_easy_reset (easy);
  otasuke_curl_setup_bounded (easy, options->url, USER_AGENT, request->error_buffer,
                              options->connect_timeout_ms, options->stall_timeout_ms, options->deadline,
                              &callbacks, request);
  curl_easy_setopt (easy, CURLOPT_HTTPHEADER, headers);
  /* Every encoding this libcurl can decode; the body limit counts decoded bytes. */
  curl_easy_setopt (easy, CURLOPT_ACCEPT_ENCODING, "");

  curl_easy_setopt (easy, CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2);
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYHOST, 2L);
  /* Schannel (Windows) fails outright when a revocation server cannot be
   * reached; the other back-ends ignore this. */
  curl_easy_setopt (easy, CURLOPT_SSL_OPTIONS, (long) CURLSSLOPT_REVOKE_BEST_EFFORT);
  if (options->ca_file != NULL)
    {
      curl_easy_setopt (easy, CURLOPT_CAINFO, options->ca_file);
      curl_easy_setopt (easy, CURLOPT_PROXY_CAINFO, options->ca_file);
      curl_easy_setopt (easy, CURLOPT_CAPATH, NULL);
    }

  /* Chosen by GProxyResolver: "" means none, whatever the environment says. */
  curl_easy_setopt (easy, CURLOPT_PROXY, proxy);
  curl_easy_setopt (easy, CURLOPT_NOPROXY, "");
  curl_easy_setopt (easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
}

void
otasuke_curl_setup_bounded (CURL                       *easy,
                            const char                 *url,
                            const char                 *user_agent,
                            char                       *error_buffer,
                            guint                       connect_timeout_ms,
                            guint                       stall_timeout_ms,
                            gint64                      deadline,
                            const OtasukeCurlCallbacks *callbacks,
                            void                       *data)
{
  gint64 remaining_ms = MAX (1, (deadline - g_get_monotonic_time ()) / 1000);

  curl_easy_setopt (easy, CURLOPT_URL, url);
  curl_easy_setopt (easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (easy, CURLOPT_USERAGENT, user_agent);
  curl_easy_setopt (easy, CURLOPT_ERRORBUFFER, error_buffer);

  curl_easy_setopt (easy, CURLOPT_CONNECTTIMEOUT_MS, (long) MIN ((gint64) connect_timeout_ms, remaining_ms));
  curl_easy_setopt (easy, CURLOPT_TIMEOUT_MS, (long) remaining_ms);
  /* A backstop for the callers' own stall check (on_progress), in whole seconds. */
  curl_easy_setopt (easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (easy, CURLOPT_LOW_SPEED_TIME, (long) MAX (1, (stall_timeout_ms + 999) / 1000 + 1));

  curl_easy_setopt (easy, CURLOPT_HEADERFUNCTION, callbacks->on_header);
  curl_easy_setopt (easy, CURLOPT_HEADERDATA, data);
  curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, callbacks->on_body);
  curl_easy_setopt (easy, CURLOPT_WRITEDATA, data);
  curl_easy_setopt (easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (easy, CURLOPT_XFERINFOFUNCTION, callbacks->on_progress);
  curl_easy_setopt (easy, CURLOPT_XFERINFODATA, data);
  curl_easy_setopt (easy, CURLOPT_PREREQFUNCTION, callbacks->on_prereq);
  curl_easy_setopt (easy, CURLOPT_PREREQDATA, data);
}

OtasukeHttpResponse *
otasuke_http_session_get (OtasukeHttpSession        *session,
                          const OtasukeHttpOptions  *options,
                          GCancellable              *cancellable,
                          GError                   **error)
{
  Request request = { 0 };
  struct curl_slist *headers = NULL;
  g_autofree char *proxy = NULL;
  OtasukeHttpResponse *response = NULL;
  CURLcode code;

  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (options != NULL && options->url != NULL && options->host != NULL, NULL);
  g_return_val_if_fail (options->max_bytes > 0, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  proxy = choose_proxy (options, cancellable, error);
  if (proxy == NULL)
    return NULL;

  request.options = options;
  request.cancellable = cancellable;
  request.content_length = -1;
  for (guint i = 0; options->headers != NULL && options->headers[i] != NULL; i++)
    headers = curl_slist_append (headers, options->headers[i]);

  set_options (session, &request, proxy, headers);
  code = run_transfer (session, &request);

  if (request.too_large && request.abort_reason == ABORT_NONE)
    {
      g_propagate_error (error, too_large_error (options));
    }
  else if ((code == CURLE_OK || (code == CURLE_WRITE_ERROR && request.stopped_after_headers)) &&
           request.headers_done && request.abort_reason == ABORT_NONE)
    {
      response = g_new0 (OtasukeHttpResponse, 1);
      response->status = request.status;
      response->location = g_steal_pointer (&request.location);
      response->etag = g_steal_pointer (&request.etag);
      response->last_modified = g_steal_pointer (&request.last_modified);
      if (request.status == 200)
        response->body = g_byte_array_free_to_bytes (g_steal_pointer (&request.body));
      response->length_known = request.content_length >= 0 || request.chunked || request.http2;
      g_debug ("%u from %s, %" G_GSIZE_FORMAT " bytes", response->status, options->host,
               response->body != NULL ? g_bytes_get_size (response->body) : 0);
    }
  else
    {
      g_propagate_error (error, describe_failure (session, &request,
                                                  code == CURLE_OK ? CURLE_GOT_NOTHING : code,
                                                  proxy));
    }

  /* Nothing of this request may outlive it; the connections stay. */
  curl_easy_reset (session->easy);
  curl_slist_free_all (headers);
  request_clear (&request);
  return response;
}
