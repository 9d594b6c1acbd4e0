/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-fetch"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "otasuke-feed-fetcher.h"
#include "otasuke-url.h"

#define DEFAULT_MAX_BYTES          (4 * 1024 * 1024)
#define DEFAULT_CONNECT_TIMEOUT_MS (15 * 1000)
#define DEFAULT_TOTAL_TIMEOUT_MS   (60 * 1000)
#define SIGNATURE_MAX_BYTES        (8 * 1024)
#define SIGNATURE_SUFFIX           ".minisig"
#define MAX_REDIRECTS              5
#define READ_CHUNK_SIZE            (64 * 1024)
#define VALIDATOR_MAX_LENGTH       1024
#define USER_AGENT                 "Otasuke/" PACKAGE_VERSION " (+https://www.sakura-cci.or.jp)"

#define BACKOFF_BASE_SECONDS       (5 * 60)
#define BACKOFF_JITTER             0.2
#define BACKOFF_MAX_DOUBLINGS      32

struct _OtasukeFeedFetcher
{
  GObject parent_instance;

  gsize   max_bytes;
  guint   connect_timeout_ms;
  guint   total_timeout_ms;
};

G_DEFINE_FINAL_TYPE (OtasukeFeedFetcher, otasuke_feed_fetcher, G_TYPE_OBJECT)

G_DEFINE_QUARK (otasuke-fetch-error-quark, otasuke_fetch_error)

/* One fetch: the feed, then its signature, through a session of its own so
 * that the limits of this fetch apply and everything runs on the caller's
 * thread-default main context. */
typedef struct
{
  SoupSession        *session;
  /* Cancelled by the caller's cancellable or by the deadline; every
   * operation gets this one, so both stop whatever is in flight. */
  GCancellable       *cancellable;
  GSource            *caller_source;
  GSource            *deadline_source;
  gboolean            timed_out;
  gboolean            completed;

  char               *etag;
  char               *last_modified;

  /* The request in flight. */
  gboolean            fetching_signature;
  GUri               *uri;
  guint               redirects;
  SoupMessage        *msg;
  GInputStream       *stream;
  GByteArray         *body;
  gsize               limit;

  OtasukeFetchResult *result;
} FetchData;

static void start_request (GTask *task);

void
otasuke_fetch_result_free (OtasukeFetchResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->body, g_bytes_unref);
  g_clear_pointer (&result->signature, g_bytes_unref);
  g_free (result->etag);
  g_free (result->last_modified);
  g_free (result->final_url);
  g_free (result);
}

static void
stop_timers (FetchData *data)
{
  if (data->caller_source != NULL)
    g_source_destroy (data->caller_source);
  g_clear_pointer (&data->caller_source, g_source_unref);
  if (data->deadline_source != NULL)
    g_source_destroy (data->deadline_source);
  g_clear_pointer (&data->deadline_source, g_source_unref);
}

static void
fetch_data_free (FetchData *data)
{
  stop_timers (data);
  g_clear_object (&data->stream);
  g_clear_object (&data->msg);
  g_clear_object (&data->session);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->uri, g_uri_unref);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_clear_pointer (&data->result, otasuke_fetch_result_free);
  g_free (data->etag);
  g_free (data->last_modified);
  g_free (data);
}

static const char *
current_host (FetchData *data)
{
  const char *host = data->uri != NULL ? g_uri_get_host (data->uri) : NULL;

  return host != NULL ? host : "";
}

static void
return_result (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  g_assert (!data->completed);
  data->completed = TRUE;
  stop_timers (data);
  g_clear_object (&data->stream);
  g_task_return_pointer (task, g_steal_pointer (&data->result),
                         (GDestroyNotify) otasuke_fetch_result_free);
}

/* Takes @error. Everything that goes wrong ends here. */
static void
return_error (GTask  *task,
              GError *error)
{
  FetchData *data = g_task_get_task_data (task);
  GCancellable *caller_cancellable = g_task_get_cancellable (task);

  g_assert (!data->completed);
  data->completed = TRUE;
  stop_timers (data);
  g_clear_object (&data->stream);

  if (g_cancellable_is_cancelled (caller_cancellable))
    {
      g_clear_error (&error);
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("The download from %s was cancelled."), current_host (data));
    }
  else if (data->fetching_signature)
    {
      GError *wrapped = g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NO_SIGNATURE,
                                     _("The signature of the feed could not be downloaded: %s"),
                                     error->message);
      g_clear_error (&error);
      error = wrapped;
    }

  g_task_return_error (task, error);
}

/* Turns a GIO or libsoup error into one for people. @reading is whether
 * the response headers had already arrived. */
static GError *
describe_transfer_error (FetchData    *data,
                         const GError *error,
                         gboolean      reading)
{
  const char *host = current_host (data);

  g_debug ("Transfer from %s failed: %s", host, error->message);

  if (data->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TIMEOUT,
                        _("%s did not answer in time. Try again later."), host);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK,
                        _("The address %s could not be found. Check the internet connection."),
                        host);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK,
                        _("A secure connection to %s could not be made. "
                          "Its certificate may not be valid."),
                        host);

  if (error->domain == SOUP_SESSION_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK,
                        _("The answer from %s could not be read."), host);

  if (reading)
    return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK,
                        _("The connection to %s was interrupted."), host);

  return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NETWORK,
                      _("Could not connect to %s. Check the internet connection."), host);
}

static GError *
http_status_error (FetchData *data,
                   guint      status)
{
  /* The standard phrase, not the server's: that one is untrusted text. */
  return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_HTTP,
                      /* Translators: "The server example.jp answered 404 Not Found." */
                      _("The server %s answered %u %s."),
                      current_host (data), status, soup_status_get_phrase (status));
}

static GError *
too_large_error (FetchData *data)
{
  g_autofree char *size = g_format_size (data->limit);

  return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TOO_LARGE,
                      /* Translators: the second %s is a size such as "4.2 MB" */
                      _("The file from %s is larger than the allowed %s."),
                      current_host (data), size);
}

/* A validator comes back from a server and goes into a header: no line
 * breaks or other control characters, and a sane length. */
static gboolean
validator_is_sane (const char *value)
{
  gsize length = 0;

  if (value == NULL || *value == '\0')
    return FALSE;

  for (const char *p = value; *p != '\0'; p++, length++)
    {
      if (length >= VALIDATOR_MAX_LENGTH)
        return FALSE;
      if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
        return FALSE;
    }

  return TRUE;
}

static char *
dup_validator (const char *value)
{
  return validator_is_sane (value) ? g_strdup (value) : NULL;
}

static gboolean
is_followed_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY ||
         status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER ||
         status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

/* Never to anything but http(s), never from https to http, and plain http
 * only between loopback addresses. */
static gboolean
redirect_is_allowed (GUri *from,
                     GUri *to)
{
  g_autofree char *to_string = NULL;
  const char *from_scheme = g_uri_get_scheme (from);
  const char *to_scheme = g_uri_get_scheme (to);
  const char *to_host = g_uri_get_host (to);
  gboolean to_https;

  if (to_scheme == NULL || to_host == NULL || *to_host == '\0')
    return FALSE;

  to_https = g_ascii_strcasecmp (to_scheme, "https") == 0;
  if (!to_https && g_ascii_strcasecmp (to_scheme, "http") != 0)
    return FALSE;

  if (!to_https)
    {
      if (g_ascii_strcasecmp (from_scheme, "https") == 0)
        return FALSE;
      if (!otasuke_url_host_is_loopback (to_host))
        return FALSE;
    }

  /* The same rules as for an address the user typed (user names, length). */
  to_string = g_uri_to_string (to);
  return otasuke_url_check_feed (to_string, NULL);
}

static GUri *
signature_uri (GUri *feed_uri)
{
  g_autofree char *path = g_strconcat (g_uri_get_path (feed_uri), SIGNATURE_SUFFIX, NULL);

  return g_uri_build (g_uri_get_flags (feed_uri),
                      g_uri_get_scheme (feed_uri),
                      g_uri_get_userinfo (feed_uri),
                      g_uri_get_host (feed_uri),
                      g_uri_get_port (feed_uri),
                      path,
                      g_uri_get_query (feed_uri),
                      NULL);
}

static void
body_complete (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  GBytes *bytes;
  GUri *next;

  g_clear_object (&data->stream);
  g_debug ("Received %u bytes from %s", data->body->len, current_host (data));
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));

  if (data->fetching_signature)
    {
      data->result->signature = bytes;
      return_result (task);
      return;
    }

  data->result->body = bytes;
  data->result->final_url = g_uri_to_string (data->uri);
  data->result->status = SOUP_STATUS_OK;

  /* Beside the final address: that is where the feed really lives. */
  next = signature_uri (data->uri);
  g_uri_unref (data->uri);
  data->uri = next;
  data->fetching_signature = TRUE;
  data->redirects = 0;
  data->limit = SIGNATURE_MAX_BYTES;
  start_request (task);
}

static void read_next (GTask *task);

static void
on_read (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), res, &error);
  if (bytes == NULL)
    {
      return_error (task, describe_transfer_error (data, error, TRUE));
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      body_complete (task);
      return;
    }

  /* Counted after libsoup decoded the body, so a small compressed body
   * cannot unpack into more than the limit. */
  if (size > data->limit - data->body->len)
    {
      return_error (task, too_large_error (data));
      return;
    }

  g_byte_array_append (data->body, g_bytes_get_data (bytes, NULL), size);
  read_next (task);
}

static void
read_next (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  /* Always a full chunk, even near the limit: libsoup 3.2 reads the
   * trailer of a chunked body into the caller's buffer and fails a
   * critical on tiny ones. The excess is refused in on_read() before it
   * is kept, so only this one buffer ever passes the limit. */
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   data->cancellable, on_read, g_object_ref (task));
}

static void
handle_redirect (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) next = NULL;

  if (location == NULL)
    {
      return_error (task, http_status_error (data, soup_message_get_status (data->msg)));
      return;
    }

  if (data->redirects >= MAX_REDIRECTS)
    {
      return_error (task, g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TOO_MANY_REDIRECTS,
                                       _("%s sent the download to other addresses too many times."),
                                       current_host (data)));
      return;
    }

  next = g_uri_parse_relative (data->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (next == NULL || !redirect_is_allowed (data->uri, next))
    {
      /* Not the whole Location: it may carry a password. */
      g_debug ("Refusing redirect from %s to %s://%s", current_host (data),
               next != NULL ? g_uri_get_scheme (next) : "?",
               next != NULL && g_uri_get_host (next) != NULL ? g_uri_get_host (next) : "?");
      return_error (task, g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_INSECURE_REDIRECT,
                                       _("%s sent the download to an address that is not secure. "
                                         "It was not followed."),
                                       current_host (data)));
      return;
    }

  data->redirects++;
  g_uri_unref (data->uri);
  data->uri = g_steal_pointer (&next);
  start_request (task);
}

static void
handle_not_modified (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  const char *etag = soup_message_headers_get_one (headers, "ETag");
  const char *last_modified = soup_message_headers_get_one (headers, "Last-Modified");

  data->result->not_modified = TRUE;
  data->result->status = SOUP_STATUS_NOT_MODIFIED;
  data->result->final_url = g_uri_to_string (data->uri);
  /* A 304 need not repeat the validators; the ones sent still hold. */
  data->result->etag = validator_is_sane (etag) ? g_strdup (etag) : g_strdup (data->etag);
  data->result->last_modified = validator_is_sane (last_modified) ?
                                g_strdup (last_modified) : g_strdup (data->last_modified);
  return_result (task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  SoupMessageHeaders *headers;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), res, &error);
  if (stream == NULL)
    {
      return_error (task, describe_transfer_error (data, error, FALSE));
      return;
    }

  /* Unread bodies (redirects, errors) are dropped with the stream: closing
   * a response early does not wait for the rest of it. */
  status = soup_message_get_status (data->msg);
  headers = soup_message_get_response_headers (data->msg);

  if (is_followed_redirect (status))
    {
      handle_redirect (task);
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED && !data->fetching_signature)
    {
      handle_not_modified (task);
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      return_error (task, http_status_error (data, status));
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");
      goffset length = soup_message_headers_get_content_length (headers);

      /* A compressed length says nothing certain about the decoded one;
       * either way the limit is enforced while reading. */
      if ((encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0) &&
          length > 0 && (guint64) length > data->limit)
        {
          return_error (task, too_large_error (data));
          return;
        }
    }

  if (!data->fetching_signature)
    {
      data->result->etag = dup_validator (soup_message_headers_get_one (headers, "ETag"));
      data->result->last_modified =
        dup_validator (soup_message_headers_get_one (headers, "Last-Modified"));
    }

  g_clear_pointer (&data->body, g_byte_array_unref);
  data->body = g_byte_array_new ();
  data->stream = g_steal_pointer (&stream);
  read_next (task);
}

static void
start_request (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = soup_message_new_from_uri (SOUP_METHOD_GET, data->uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  /* Redirects are checked one by one in handle_redirect(). */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);

  if (!data->fetching_signature)
    {
      if (data->etag != NULL)
        soup_message_headers_replace (headers, "If-None-Match", data->etag);
      if (data->last_modified != NULL)
        soup_message_headers_replace (headers, "If-Modified-Since", data->last_modified);
    }

  g_set_object (&data->msg, msg);
  soup_session_send_async (data->session, msg, G_PRIORITY_DEFAULT, data->cancellable,
                           on_sent, g_object_ref (task));
}

static gboolean
on_deadline (gpointer user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);

  g_debug ("Fetch from %s took too long", current_host (data));
  data->timed_out = TRUE;
  g_clear_pointer (&data->deadline_source, g_source_unref);
  /* Whatever is in flight fails with G_IO_ERROR_CANCELLED, which
   * describe_transfer_error() turns into TIMEOUT. */
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

/* Through a source rather than g_cancellable_connect(), so that nothing
 * runs inside the caller's "cancelled" emission. */
static gboolean
on_caller_cancelled (GCancellable *caller_cancellable,
                     gpointer      user_data)
{
  GCancellable *cancellable = user_data;

  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static guint
ms_to_seconds_rounded_up (guint ms)
{
  return MAX (1, (ms + 999) / 1000);
}

void
otasuke_feed_fetcher_fetch_async (OtasukeFeedFetcher  *self,
                                  const char          *url,
                                  const char          *etag,
                                  const char          *last_modified,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FetchData *data;
  GMainContext *context;

  g_return_if_fail (OTASUKE_IS_FEED_FETCHER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, otasuke_feed_fetcher_fetch_async);
  g_task_set_name (task, "otasuke-feed-fetch");

  if (!otasuke_url_check_feed (url, &error))
    {
      g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
      const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
      const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

      if (host != NULL && *host != '\0' && g_uri_get_userinfo (uri) == NULL &&
          g_ascii_strcasecmp (scheme, "http") == 0)
        g_task_return_new_error (task, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_INSECURE_URL,
                                 _("The address of %s is not secure. "
                                   "Only https addresses are accepted."),
                                 host);
      else
        g_task_return_new_error (task, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_INSECURE_URL,
                                 "%s", error->message);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  data = g_new0 (FetchData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  data->uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_assert (data->uri != NULL);
  data->etag = dup_validator (etag);
  data->last_modified = dup_validator (last_modified);
  data->limit = self->max_bytes;
  data->result = g_new0 (OtasukeFetchResult, 1);
  data->cancellable = g_cancellable_new ();

  /* SoupSession:timeout bounds connecting and each read or write; the
   * deadline below bounds the whole fetch. The proxy resolver is left at
   * its default, the system's. */
  data->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout",
                                                 ms_to_seconds_rounded_up (self->connect_timeout_ms),
                                                 NULL);
  g_assert (soup_session_has_feature (data->session, SOUP_TYPE_CONTENT_DECODER));

  context = g_task_get_context (task);

  if (cancellable != NULL)
    {
      data->caller_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->caller_source, G_SOURCE_FUNC (on_caller_cancelled),
                             g_object_ref (data->cancellable), g_object_unref);
      g_source_set_static_name (data->caller_source, "[otasuke] fetch cancelled");
      g_source_attach (data->caller_source, context);
    }

  data->deadline_source = g_timeout_source_new (self->total_timeout_ms);
  g_source_set_callback (data->deadline_source, on_deadline, g_object_ref (task), g_object_unref);
  g_source_set_static_name (data->deadline_source, "[otasuke] fetch deadline");
  g_source_attach (data->deadline_source, context);

  start_request (task);
}

OtasukeFetchResult *
otasuke_feed_fetcher_fetch_finish (OtasukeFeedFetcher  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (OTASUKE_IS_FEED_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == otasuke_feed_fetcher_fetch_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
otasuke_feed_fetcher_set_limits (OtasukeFeedFetcher *self,
                                 gsize               max_bytes,
                                 guint               connect_timeout_ms,
                                 guint               total_timeout_ms)
{
  g_return_if_fail (OTASUKE_IS_FEED_FETCHER (self));
  g_return_if_fail (max_bytes > 0);
  g_return_if_fail (connect_timeout_ms > 0);
  g_return_if_fail (total_timeout_ms > 0);

  self->max_bytes = max_bytes;
  self->connect_timeout_ms = connect_timeout_ms;
  self->total_timeout_ms = total_timeout_ms;
}

guint64
otasuke_feed_backoff_delay_seconds (guint  failures,
                                    guint  interval_hours,
                                    double random)
{
  guint64 cap = MAX ((guint64) interval_hours * 60 * 60, BACKOFF_BASE_SECONDS);
  double delay;

  if (failures == 0)
    return 0;

  /* Also catches NaN. */
  if (!(random >= 0.0))
    random = 0.0;
  if (random > 1.0)
    random = 1.0;

  delay = (double) BACKOFF_BASE_SECONDS * (double) (G_GUINT64_CONSTANT (1) <<
                                                    MIN (failures - 1, BACKOFF_MAX_DOUBLINGS));
  delay *= 1.0 + BACKOFF_JITTER * (2.0 * random - 1.0);

  if (delay >= (double) cap)
    return cap;
  return (guint64) (delay + 0.5);
}

OtasukeFeedFetcher *
otasuke_feed_fetcher_new (void)
{
  return g_object_new (OTASUKE_TYPE_FEED_FETCHER, NULL);
}

static void
otasuke_feed_fetcher_class_init (OtasukeFeedFetcherClass *klass)
{
}

static void
otasuke_feed_fetcher_init (OtasukeFeedFetcher *self)
{
  self->max_bytes = DEFAULT_MAX_BYTES;
  self->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
  self->total_timeout_ms = DEFAULT_TOTAL_TIMEOUT_MS;
}
