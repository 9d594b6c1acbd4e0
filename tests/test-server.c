/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-server"

#include "config.h"

#include <string.h>

#include "test-server.h"

#ifdef G_OS_UNIX
#include <sys/socket.h>
#endif

#define RAW_REQUEST_MAX    (64 * 1024)
#define RAW_RESET_DELAY_MS 50
#define RAW_RESET_CLAIMED  (1024 * 1024)

typedef enum {
  BEHAVIOUR_RESPONSE,
  BEHAVIOUR_REDIRECT,
  BEHAVIOUR_HANG,
  BEHAVIOUR_DRIP,
  /* Served on the raw port. */
  BEHAVIOUR_RESET,
  BEHAVIOUR_RESET_AT_ONCE,
  BEHAVIOUR_LYING_LENGTH,
  BEHAVIOUR_STALL,
  BEHAVIOUR_HUGE_HEADERS,
  BEHAVIOUR_CUT_CHUNKED,
} BehaviourKind;

typedef struct
{
  BehaviourKind       kind;
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  char               *etag;
  char               *last_modified;
  char               *location;
  gsize               chunk_size;
  guint               interval_ms;
  gint64              content_length;
  gsize               header_bytes;
  gboolean            trailer;         /* cut-chunked: end properly, with a trailer */
  GCancellable       *cancel;        /* see otasuke_test_server_cancel_at() */
  gsize               cancel_after;  /* body bytes sent first */
} Behaviour;

typedef struct
{
  guint               count;
  SoupMessageHeaders *headers;
} RequestLog;

typedef struct
{
  OtasukeTestServer *server;
  SoupServerMessage *msg;
  GBytes            *body;
  gsize              offset;
  gsize              chunk_size;
  GSource           *timer;
  gulong             finished_id;
  GCancellable      *cancel;
  gsize              cancel_after;
} Drip;

typedef struct
{
  OtasukeTestServer *server;
  GSocketConnection *connection;
  GCancellable      *cancellable;
  GByteArray        *request;
  GBytes            *response;
  gboolean           reset;
  gboolean           stall;
  GSource           *delay;
  guint8             buffer[4096];
} RawConn;

struct _OtasukeTestServer
{
  GMainContext       *context;

  SoupServer         *soup;
  guint               port;
  gboolean            https;

  GSocketService     *raw_service;
  guint               raw_port;

  GHashTable         *behaviours;   /* path → Behaviour */
  GHashTable         *requests;     /* path → RequestLog */
  guint               total_requests;
  SoupMessageHeaders *last_headers;

  GPtrArray          *drips;        /* of Drip */
  GPtrArray          *raw_conns;    /* of RawConn */
};

static void
behaviour_free (Behaviour *behaviour)
{
  g_clear_pointer (&behaviour->body, g_bytes_unref);
  g_clear_pointer (&behaviour->headers, soup_message_headers_unref);
  g_free (behaviour->etag);
  g_free (behaviour->last_modified);
  g_free (behaviour->location);
  g_clear_object (&behaviour->cancel);
  g_free (behaviour);
}

static void
request_log_free (RequestLog *log)
{
  g_clear_pointer (&log->headers, soup_message_headers_unref);
  g_free (log);
}

static gboolean
kind_is_raw (BehaviourKind kind)
{
  return kind == BEHAVIOUR_RESET || kind == BEHAVIOUR_RESET_AT_ONCE || kind == BEHAVIOUR_LYING_LENGTH ||
         kind == BEHAVIOUR_STALL || kind == BEHAVIOUR_HUGE_HEADERS ||
         kind == BEHAVIOUR_CUT_CHUNKED;
}

static Behaviour *
add_behaviour (OtasukeTestServer *self,
               const char        *path,
               BehaviourKind      kind)
{
  Behaviour *behaviour = g_new0 (Behaviour, 1);

  g_assert (path != NULL && path[0] == '/');
  g_assert (strchr (path, '?') == NULL);

  behaviour->kind = kind;
  behaviour->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_hash_table_replace (self->behaviours, g_strdup (path), behaviour);
  return behaviour;
}

static void
append_header (const char *name,
               const char *value,
               gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static SoupMessageHeaders *
copy_headers (SoupMessageHeaders *headers,
              SoupMessageHeadersType type)
{
  SoupMessageHeaders *copy = soup_message_headers_new (type);

  soup_message_headers_foreach (headers, append_header, copy);
  return copy;
}

static void
record_request (OtasukeTestServer  *self,
                const char         *path,
                SoupMessageHeaders *headers)
{
  RequestLog *log = g_hash_table_lookup (self->requests, path);

  if (log == NULL)
    {
      log = g_new0 (RequestLog, 1);
      g_hash_table_insert (self->requests, g_strdup (path), log);
    }

  log->count++;
  g_clear_pointer (&log->headers, soup_message_headers_unref);
  log->headers = copy_headers (headers, SOUP_MESSAGE_HEADERS_REQUEST);

  self->total_requests++;
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  self->last_headers = soup_message_headers_ref (log->headers);
}

/* Drips */

static void
drip_free (Drip *drip)
{
  if (drip->timer != NULL)
    g_source_destroy (drip->timer);
  g_clear_pointer (&drip->timer, g_source_unref);
  g_clear_signal_handler (&drip->finished_id, drip->msg);
  g_clear_object (&drip->msg);
  g_clear_pointer (&drip->body, g_bytes_unref);
  g_clear_object (&drip->cancel);
  g_free (drip);
}

static gboolean
on_drip_timer (gpointer user_data)
{
  Drip *drip = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (drip->msg);
  gsize size = g_bytes_get_size (drip->body);
  gsize length = MIN (drip->chunk_size, size - drip->offset);

  if (length > 0)
    {
      g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (drip->body, drip->offset, length);

      soup_message_body_append_bytes (body, chunk);
      drip->offset += length;
    }
  if (drip->cancel != NULL && drip->offset >= drip->cancel_after)
    {
      g_cancellable_cancel (drip->cancel);
      g_clear_object (&drip->cancel);
    }

  if (drip->offset >= size)
    {
      soup_message_body_complete (body);
      g_clear_pointer (&drip->timer, g_source_unref);
      soup_server_message_unpause (drip->msg);
      return G_SOURCE_REMOVE;
    }

  soup_server_message_unpause (drip->msg);
  return G_SOURCE_CONTINUE;
}

static void
on_drip_finished (SoupServerMessage *msg,
                  gpointer           user_data)
{
  Drip *drip = user_data;

  /* The message has no I/O any more: unpausing it now would be an error. */
  g_ptr_array_remove_fast (drip->server->drips, drip);
}

static void
start_drip (OtasukeTestServer *self,
            SoupServerMessage *msg,
            Behaviour         *behaviour)
{
  Drip *drip = g_new0 (Drip, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_foreach (behaviour->headers, append_header, headers);

  drip->server = self;
  drip->msg = g_object_ref (msg);
  drip->body = g_bytes_ref (behaviour->body);
  drip->chunk_size = MAX (1, behaviour->chunk_size);
  if (behaviour->cancel != NULL && behaviour->cancel_after > 0)
    {
      drip->cancel = g_object_ref (behaviour->cancel);
      drip->cancel_after = behaviour->cancel_after;
    }
  drip->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_drip_finished), drip);
  drip->timer = g_timeout_source_new (behaviour->interval_ms);
  g_source_set_callback (drip->timer, on_drip_timer, drip, NULL);
  g_source_attach (drip->timer, self->context);
  g_ptr_array_add (self->drips, drip);
}

/* The SoupServer side */

static gboolean
etag_listed (const char *header,
             const char *etag)
{
  GSList *list = soup_header_parse_list (header);
  gboolean found = FALSE;

  for (GSList *l = list; l != NULL && !found; l = l->next)
    found = g_strcmp0 (l->data, "*") == 0 || g_strcmp0 (l->data, etag) == 0;
  soup_header_free_list (list);
  return found;
}

static gboolean
is_not_modified (Behaviour          *behaviour,
                 SoupMessageHeaders *request)
{
  const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  const char *if_modified_since = soup_message_headers_get_one (request, "If-Modified-Since");

  /* RFC 9110 §13.1.3: If-None-Match wins over If-Modified-Since. */
  if (if_none_match != NULL)
    return behaviour->etag != NULL && etag_listed (if_none_match, behaviour->etag);

  if (if_modified_since != NULL && behaviour->last_modified != NULL)
    {
      g_autoptr(GDateTime) since = soup_date_time_new_from_http_string (if_modified_since);
      g_autoptr(GDateTime) modified = soup_date_time_new_from_http_string (behaviour->last_modified);

      if (since != NULL && modified != NULL)
        return g_date_time_compare (since, modified) >= 0;
      return g_strcmp0 (if_modified_since, behaviour->last_modified) == 0;
    }

  return FALSE;
}

static void
add_validators (Behaviour          *behaviour,
                SoupMessageHeaders *headers)
{
  if (behaviour->etag != NULL)
    soup_message_headers_replace (headers, "ETag", behaviour->etag);
  if (behaviour->last_modified != NULL)
    soup_message_headers_replace (headers, "Last-Modified", behaviour->last_modified);
}

static void
on_soup_request (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  OtasukeTestServer *self = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  Behaviour *behaviour;

  record_request (self, path, request);

  behaviour = g_hash_table_lookup (self->behaviours, path);
  if (behaviour == NULL || kind_is_raw (behaviour->kind))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  if (behaviour->cancel != NULL && behaviour->cancel_after == 0)
    g_cancellable_cancel (behaviour->cancel);

  switch (behaviour->kind)
    {
    case BEHAVIOUR_RESPONSE:
      if (behaviour->status == SOUP_STATUS_OK && is_not_modified (behaviour, request))
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          add_validators (behaviour, response);
          return;
        }
      soup_server_message_set_status (msg, behaviour->status, NULL);
      soup_message_headers_foreach (behaviour->headers, append_header, response);
      if (behaviour->status == SOUP_STATUS_OK)
        add_validators (behaviour, response);
      if (behaviour->body != NULL)
        soup_message_body_append_bytes (soup_server_message_get_response_body (msg),
                                        behaviour->body);
      break;

    case BEHAVIOUR_REDIRECT:
      soup_server_message_set_redirect (msg, behaviour->status, behaviour->location);
      break;

    case BEHAVIOUR_HANG:
      /* Never unpaused; soup_server_disconnect() in _free() ends it. */
      soup_server_message_pause (msg);
      break;

    case BEHAVIOUR_DRIP:
      start_drip (self, msg, behaviour);
      break;

    case BEHAVIOUR_RESET:
    case BEHAVIOUR_RESET_AT_ONCE:
    case BEHAVIOUR_LYING_LENGTH:
    case BEHAVIOUR_STALL:
    case BEHAVIOUR_HUGE_HEADERS:
    case BEHAVIOUR_CUT_CHUNKED:
    default:
      g_assert_not_reached ();
    }
}

/* The raw side: a hand-written HTTP/1.1 answer on a plain socket. */

static void
raw_conn_free (RawConn *conn)
{
  if (conn->delay != NULL)
    g_source_destroy (conn->delay);
  g_clear_pointer (&conn->delay, g_source_unref);
  if (conn->connection != NULL)
    g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
  g_clear_object (&conn->connection);
  g_clear_object (&conn->cancellable);
  g_clear_pointer (&conn->request, g_byte_array_unref);
  g_clear_pointer (&conn->response, g_bytes_unref);
  g_free (conn);
}

/* Closes the connection: no operation may be pending on it. */
static void
raw_conn_done (RawConn *conn)
{
  g_ptr_array_remove_fast (conn->server->raw_conns, conn);
}

static gboolean
on_raw_reset (gpointer user_data)
{
  RawConn *conn = user_data;

  g_clear_pointer (&conn->delay, g_source_unref);

#ifdef G_OS_UNIX
  {
    GSocket *socket = g_socket_connection_get_socket (conn->connection);
    struct linger linger = { .l_onoff = 1, .l_linger = 0 };

    /* close() with a zero linger time sends RST instead of FIN. */
    setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  }
#endif

  raw_conn_done (conn);
  return G_SOURCE_REMOVE;
}

static void
on_raw_written (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RawConn *conn = user_data;
  g_autoptr(GError) error = NULL;

  /* A client that hung up early is not a failure of the server. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error) ||
      !(conn->reset || conn->stall))
    {
      raw_conn_done (conn);
      return;
    }

  /* Silent from now on; _free() closes it. */
  if (conn->stall)
    return;

  /* Give the client time to read the headers before the reset. */
  conn->delay = g_timeout_source_new (RAW_RESET_DELAY_MS);
  g_source_set_callback (conn->delay, on_raw_reset, conn, NULL);
  g_source_attach (conn->delay, conn->server->context);
}

static void
raw_respond (RawConn    *conn,
             const char *header_block,
             gsize       header_length)
{
  OtasukeTestServer *self = conn->server;
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *method = NULL;
  g_autofree char *target = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GByteArray) response = g_byte_array_new ();
  GOutputStream *output;
  Behaviour *behaviour;
  char *query;

  if (soup_headers_parse_request (header_block, header_length, headers,
                                  &method, &target, NULL) != SOUP_STATUS_OK)
    {
      raw_conn_done (conn);
      return;
    }

  path = g_strdup (target);
  query = strchr (path, '?');
  if (query != NULL)
    *query = '\0';

  record_request (self, path, headers);
  behaviour = g_hash_table_lookup (self->behaviours, path);

  if (behaviour != NULL && behaviour->kind == BEHAVIOUR_RESET_AT_ONCE)
    {
      /* The whole request is read: the reset is what answers it. */
      on_raw_reset (conn);
      return;
    }
  else if (behaviour != NULL && behaviour->kind == BEHAVIOUR_RESET)
    {
      g_autofree char *head =
        g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                         "Content-Type: application/octet-stream\r\n"
                         "Content-Length: %d\r\n"
                         "\r\n"
                         "the beginning of a long body",
                         RAW_RESET_CLAIMED);

      g_byte_array_append (response, (const guint8 *) head, strlen (head));
      conn->reset = TRUE;
    }
  else if (behaviour != NULL && behaviour->kind == BEHAVIOUR_LYING_LENGTH)
    {
      g_autoptr(GString) head = g_string_new ("HTTP/1.1 200 OK\r\n"
                                              "Content-Type: application/octet-stream\r\n"
                                              "Connection: close\r\n");

      if (behaviour->content_length >= 0)
        g_string_append_printf (head, "Content-Length: %" G_GINT64_FORMAT "\r\n",
                                behaviour->content_length);
      g_string_append (head, "\r\n");
      g_byte_array_append (response, (const guint8 *) head->str, head->len);
      g_byte_array_append (response, g_bytes_get_data (behaviour->body, NULL),
                           g_bytes_get_size (behaviour->body));
    }
  else if (behaviour != NULL && behaviour->kind == BEHAVIOUR_STALL)
    {
      g_autoptr(GString) head = g_string_new (NULL);

      g_string_append_printf (head, "HTTP/1.1 200 OK\r\n"
                                    "Content-Type: application/octet-stream\r\n"
                                    "Content-Length: %d\r\n"
                                    "\r\n",
                              RAW_RESET_CLAIMED);
      g_byte_array_append (response, (const guint8 *) head->str, head->len);
      g_byte_array_append (response, g_bytes_get_data (behaviour->body, NULL),
                           g_bytes_get_size (behaviour->body));
      conn->stall = TRUE;
    }
  else if (behaviour != NULL && behaviour->kind == BEHAVIOUR_CUT_CHUNKED)
    {
      g_autoptr(GString) head = g_string_new ("HTTP/1.1 200 OK\r\n"
                                              "Content-Type: application/octet-stream\r\n"
                                              "Transfer-Encoding: chunked\r\n"
                                              "\r\n");

      /* One chunk, and no last chunk after it, or the last one and a trailer. */
      g_string_append_printf (head, "%" G_GSIZE_MODIFIER "x\r\n", g_bytes_get_size (behaviour->body));
      g_byte_array_append (response, (const guint8 *) head->str, head->len);
      g_byte_array_append (response, g_bytes_get_data (behaviour->body, NULL),
                           g_bytes_get_size (behaviour->body));
      g_byte_array_append (response, (const guint8 *) "\r\n", 2);
      if (behaviour->trailer)
        {
          static const char last[] = "0\r\nX-Checksum: 1234\r\n\r\n";

          g_byte_array_append (response, (const guint8 *) last, strlen (last));
        }
    }
  else if (behaviour != NULL && behaviour->kind == BEHAVIOUR_HUGE_HEADERS)
    {
      g_autoptr(GString) head = g_string_new ("HTTP/1.1 200 OK\r\n"
                                              "Content-Type: text/plain\r\n"
                                              "Connection: close\r\n"
                                              "Content-Length: 2\r\n");

      for (guint i = 0; head->len < behaviour->header_bytes; i++)
        g_string_append_printf (head, "X-Filler-%u: %0100u\r\n", i, i);
      g_string_append (head, "\r\nok");
      g_byte_array_append (response, (const guint8 *) head->str, head->len);
    }
  else
    {
      static const char not_found[] = "HTTP/1.1 404 Not Found\r\n"
                                      "Content-Length: 0\r\n"
                                      "Connection: close\r\n"
                                      "\r\n";

      g_byte_array_append (response, (const guint8 *) not_found, strlen (not_found));
    }

  conn->response = g_byte_array_free_to_bytes (g_steal_pointer (&response));
  output = g_io_stream_get_output_stream (G_IO_STREAM (conn->connection));
  g_output_stream_write_all_async (output,
                                   g_bytes_get_data (conn->response, NULL),
                                   g_bytes_get_size (conn->response),
                                   G_PRIORITY_DEFAULT, conn->cancellable,
                                   on_raw_written, conn);
}

static void raw_read (RawConn *conn);

static void
on_raw_read (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RawConn *conn = user_data;
  gssize n_read;
  const char *end;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);
  if (n_read <= 0)
    {
      raw_conn_done (conn);
      return;
    }

  g_byte_array_append (conn->request, conn->buffer, n_read);
  end = g_strstr_len ((const char *) conn->request->data, conn->request->len, "\r\n\r\n");
  if (end != NULL)
    {
      raw_respond (conn, (const char *) conn->request->data,
                   end + 2 - (const char *) conn->request->data);
      return;
    }

  if (conn->request->len >= RAW_REQUEST_MAX)
    {
      raw_conn_done (conn);
      return;
    }

  raw_read (conn);
}

static void
raw_read (RawConn *conn)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (conn->connection));

  g_input_stream_read_async (input, conn->buffer, sizeof conn->buffer, G_PRIORITY_DEFAULT,
                             conn->cancellable, on_raw_read, conn);
}

static gboolean
on_raw_incoming (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source_object,
                 gpointer           user_data)
{
  OtasukeTestServer *self = user_data;
  RawConn *conn = g_new0 (RawConn, 1);

  conn->server = self;
  conn->connection = g_object_ref (connection);
  conn->cancellable = g_cancellable_new ();
  conn->request = g_byte_array_new ();
  g_ptr_array_add (self->raw_conns, conn);
  raw_read (conn);
  return TRUE;
}

/* Public API */

static OtasukeTestServer *
server_new (GTlsCertificate *certificate)
{
  OtasukeTestServer *self = g_new0 (OtasukeTestServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  GSList *uris;

  self->context = g_main_context_ref_thread_default ();
  self->behaviours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) behaviour_free);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) request_log_free);
  self->drips = g_ptr_array_new_with_free_func ((GDestroyNotify) drip_free);
  self->raw_conns = g_ptr_array_new_with_free_func ((GDestroyNotify) raw_conn_free);

  self->soup = soup_server_new ("server-header", "otasuke-test-server ",
                                "tls-certificate", certificate, NULL);
  self->https = certificate != NULL;
  soup_server_add_handler (self->soup, NULL, on_soup_request, self, NULL);
  soup_server_listen_local (self->soup, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (self->https ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->soup);
  g_assert_nonnull (uris);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->raw_service = g_socket_service_new ();
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->raw_service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  self->raw_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (self->raw_service, "incoming", G_CALLBACK (on_raw_incoming), self);
  g_socket_service_start (self->raw_service);

  return self;
}

OtasukeTestServer *
otasuke_test_server_new (void)
{
  return server_new (NULL);
}

OtasukeTestServer *
otasuke_test_server_new_https (GTlsCertificate *certificate)
{
  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  return server_new (certificate);
}

void
otasuke_test_server_free (OtasukeTestServer *self)
{
  if (self == NULL)
    return;

  g_ptr_array_set_size (self->drips, 0);

  soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);

  g_signal_handlers_disconnect_by_data (self->raw_service, self);
  g_socket_service_stop (self->raw_service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->raw_service));
  g_clear_object (&self->raw_service);

  /* Pending operations end on their own once cancelled; a connection that
   * only waits for its reset is closed right away. */
  for (guint i = self->raw_conns->len; i > 0; i--)
    {
      RawConn *conn = g_ptr_array_index (self->raw_conns, i - 1);

      if (conn->delay != NULL || conn->stall)
        raw_conn_done (conn);
      else
        g_cancellable_cancel (conn->cancellable);
    }
  while (self->raw_conns->len > 0)
    g_main_context_iteration (self->context, TRUE);

  g_ptr_array_unref (self->raw_conns);
  g_ptr_array_unref (self->drips);
  g_hash_table_unref (self->behaviours);
  g_hash_table_unref (self->requests);
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  g_main_context_unref (self->context);
  g_free (self);
}

char *
otasuke_test_server_get_url (OtasukeTestServer *self,
                             const char        *path)
{
  g_autofree char *bare = NULL;
  Behaviour *behaviour;
  char *query;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  bare = g_strdup (path);
  query = strchr (bare, '?');
  if (query != NULL)
    *query = '\0';
  behaviour = g_hash_table_lookup (self->behaviours, bare);

  if (behaviour != NULL && kind_is_raw (behaviour->kind))
    return g_strdup_printf ("http://127.0.0.1:%u%s", self->raw_port, path);
  return g_strdup_printf ("%s://127.0.0.1:%u%s", self->https ? "https" : "http", self->port, path);
}

void
otasuke_test_server_add_response (OtasukeTestServer *self,
                                  const char        *path,
                                  guint              status,
                                  GBytes            *body,
                                  ...)
{
  Behaviour *behaviour;
  const char *name;
  va_list args;

  g_return_if_fail (self != NULL);

  behaviour = add_behaviour (self, path, BEHAVIOUR_RESPONSE);
  behaviour->status = status;
  behaviour->body = body != NULL ? g_bytes_ref (body) : NULL;

  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_assert (value != NULL);
      soup_message_headers_append (behaviour->headers, name, value);
    }
  va_end (args);
}

void
otasuke_test_server_add_text (OtasukeTestServer *self,
                              const char        *path,
                              guint              status,
                              const char        *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  otasuke_test_server_add_response (self, path, status, body,
                                    "Content-Type", "text/plain; charset=utf-8", NULL);
}

void
otasuke_test_server_set_validators (OtasukeTestServer *self,
                                    const char        *path,
                                    const char        *etag,
                                    const char        *last_modified)
{
  Behaviour *behaviour;

  g_return_if_fail (self != NULL);

  behaviour = g_hash_table_lookup (self->behaviours, path);
  g_assert (behaviour != NULL && behaviour->kind == BEHAVIOUR_RESPONSE);

  g_free (behaviour->etag);
  behaviour->etag = g_strdup (etag);
  g_free (behaviour->last_modified);
  behaviour->last_modified = g_strdup (last_modified);
}

void
otasuke_test_server_add_redirect (OtasukeTestServer *self,
                                  const char        *path,
                                  guint              status,
                                  const char        *location)
{
  Behaviour *behaviour;

  g_return_if_fail (self != NULL);
  g_return_if_fail (SOUP_STATUS_IS_REDIRECTION (status));
  g_return_if_fail (location != NULL);

  behaviour = add_behaviour (self, path, BEHAVIOUR_REDIRECT);
  behaviour->status = status;
  behaviour->location = g_strdup (location);
}

void
otasuke_test_server_add_hang (OtasukeTestServer *self,
                              const char        *path)
{
  g_return_if_fail (self != NULL);

  add_behaviour (self, path, BEHAVIOUR_HANG);
}

void
otasuke_test_server_cancel_at (OtasukeTestServer *self,
                               const char        *path,
                               gsize              body_bytes,
                               GCancellable      *cancellable)
{
  Behaviour *behaviour;

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  behaviour = g_hash_table_lookup (self->behaviours, path);
  g_return_if_fail (behaviour != NULL && !kind_is_raw (behaviour->kind));
  g_return_if_fail (body_bytes == 0 || behaviour->kind == BEHAVIOUR_DRIP);
  g_set_object (&behaviour->cancel, cancellable);
  behaviour->cancel_after = body_bytes;
}

void
otasuke_test_server_add_drip (OtasukeTestServer *self,
                              const char        *path,
                              GBytes            *body,
                              gsize              chunk_size,
                              guint              interval_ms)
{
  Behaviour *behaviour;

  g_return_if_fail (self != NULL);
  g_return_if_fail (body != NULL);
  g_return_if_fail (chunk_size > 0);

  behaviour = add_behaviour (self, path, BEHAVIOUR_DRIP);
  behaviour->status = SOUP_STATUS_OK;
  behaviour->body = g_bytes_ref (body);
  behaviour->chunk_size = chunk_size;
  behaviour->interval_ms = interval_ms;
}

void
otasuke_test_server_add_reset (OtasukeTestServer *self,
                               const char        *path)
{
  g_return_if_fail (self != NULL);

  add_behaviour (self, path, BEHAVIOUR_RESET);
}

void
otasuke_test_server_add_reset_at_once (OtasukeTestServer *self,
                                       const char        *path)
{
  g_return_if_fail (self != NULL);

  add_behaviour (self, path, BEHAVIOUR_RESET_AT_ONCE);
}

void
otasuke_test_server_add_stall (OtasukeTestServer *self,
                               const char        *path,
                               GBytes            *body)
{
  Behaviour *behaviour;

  g_return_if_fail (self != NULL);
  g_return_if_fail (body != NULL);

  behaviour = add_behaviour (self, path, BEHAVIOUR_STALL);
  behaviour->status = SOUP_STATUS_OK;
  behaviour->body = g_bytes_ref (body);
}

void
otasuke_test_server_add_cut_chunked (OtasukeTestServer *self,
                                     const char        *path,
                                     GBytes            *body)
{
  Behaviour *behaviour;

  g_return_if_fail (self != NULL);
  g_return_if_fail (body != NULL && g_bytes_get_size (body) > 0);

  behaviour = add_behaviour (self, path, BEHAVIOUR_CUT_CHUNKED);
  behaviour->status = SOUP_STATUS_OK;
  behaviour->body = g_bytes_ref (body);
}

void
otasuke_test_server_add_chunked_trailer (OtasukeTestServer *self,
                                         const char        *path,
                                         GBytes            *body)
{
  Behaviour *behaviour;

  otasuke_test_server_add_cut_chunked (self, path, body);
  behaviour = g_hash_table_lookup (self->behaviours, path);
  behaviour->trailer = TRUE;
}

void
otasuke_test_server_add_huge_headers (OtasukeTestServer *self,
                                      const char        *path,
                                      gsize              header_bytes)
{
  Behaviour *behaviour;

  g_return_if_fail (self != NULL);

  behaviour = add_behaviour (self, path, BEHAVIOUR_HUGE_HEADERS);
  behaviour->status = SOUP_STATUS_OK;
  behaviour->header_bytes = header_bytes;
}

void
otasuke_test_server_add_lying_length (OtasukeTestServer *self,
                                      const char        *path,
                                      GBytes            *body,
                                      gint64             content_length)
{
  Behaviour *behaviour;

  g_return_if_fail (self != NULL);
  g_return_if_fail (body != NULL);

  behaviour = add_behaviour (self, path, BEHAVIOUR_LYING_LENGTH);
  behaviour->status = SOUP_STATUS_OK;
  behaviour->body = g_bytes_ref (body);
  behaviour->content_length = content_length;
}

static GBytes *
gzip_repeated (GBytes *data,
               guint   repeat)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GByteArray) output = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  gsize data_size;
  const guint8 *data_start = g_bytes_get_data (data, &data_size);
  guint rounds = data_size > 0 ? repeat : 0;

  for (guint i = 0; i <= rounds; i++)
    {
      gboolean last = i == rounds;
      const guint8 *in = last ? NULL : data_start;
      gsize left = last ? 0 : data_size;
      GConverterResult result;

      do
        {
          g_autoptr(GError) error = NULL;
          gsize n_read = 0;
          gsize n_written = 0;

          result = g_converter_convert (G_CONVERTER (compressor), in, left, buffer, 64 * 1024,
                                        last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                        &n_read, &n_written, &error);
          g_assert_no_error (error);
          g_byte_array_append (output, buffer, n_written);
          in = in != NULL ? in + n_read : NULL;
          left -= n_read;
        }
      while (last ? result != G_CONVERTER_FINISHED : left > 0);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&output));
}

void
otasuke_test_server_add_gzip (OtasukeTestServer *self,
                              const char        *path,
                              GBytes            *data,
                              guint              repeat)
{
  g_autoptr(GBytes) compressed = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL);

  compressed = gzip_repeated (data, repeat);
  otasuke_test_server_add_response (self, path, SOUP_STATUS_OK, compressed,
                                    "Content-Type", "application/octet-stream",
                                    "Content-Encoding", "gzip",
                                    NULL);
}

guint
otasuke_test_server_get_request_count (OtasukeTestServer *self,
                                       const char        *path)
{
  RequestLog *log;

  g_return_val_if_fail (self != NULL, 0);

  if (path == NULL)
    return self->total_requests;
  log = g_hash_table_lookup (self->requests, path);
  return log != NULL ? log->count : 0;
}

SoupMessageHeaders *
otasuke_test_server_get_last_request_headers (OtasukeTestServer *self,
                                              const char        *path)
{
  RequestLog *log;

  g_return_val_if_fail (self != NULL, NULL);

  if (path == NULL)
    return self->last_headers;
  log = g_hash_table_lookup (self->requests, path);
  return log != NULL ? log->headers : NULL;
}

const char *
otasuke_test_server_get_last_request_header (OtasukeTestServer *self,
                                             const char        *path,
                                             const char        *name)
{
  SoupMessageHeaders *headers = otasuke_test_server_get_last_request_headers (self, path);

  g_return_val_if_fail (name != NULL, NULL);

  return headers != NULL ? soup_message_headers_get_one (headers, name) : NULL;
}

void
otasuke_test_server_clear_requests (OtasukeTestServer *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_remove_all (self->requests);
  self->total_requests = 0;
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
}
