/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The website and mail-domain check against loopback servers made here:
 * HTTPS with certificates from a CA generated for the run, a TLS 1.0-only
 * openssl s_server, and DNS answers from a fake GResolver. Nothing leaves
 * 127.0.0.1. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/socket.h>

#include "otasuke-json.h"
#include "otasuke-site-check.h"
#include "test-server.h"
#include "test-tls.h"

static OtasukeTestTls *tls;

/* ------------------------------------------------------- fake resolver */

typedef struct { GResolver parent_instance; GHashTable *records; guint lookups; } FakeResolver;
typedef struct { GResolverClass parent_class; } FakeResolverClass;

static GType fake_resolver_get_type (void);
G_DEFINE_TYPE (FakeResolver, fake_resolver, G_TYPE_RESOLVER)

static char *
record_key (const char          *name,
            GResolverRecordType  type)
{
  return g_strdup_printf ("%d %s", (int) type, name);
}

static GList *
fake_lookup_records (GResolver            *resolver,
                     const char           *name,
                     GResolverRecordType   type,
                     GCancellable         *cancellable,
                     GError              **error)
{
  FakeResolver *self = (FakeResolver *) resolver;
  g_autofree char *key = record_key (name, type);
  GPtrArray *found = g_hash_table_lookup (self->records, key);
  GList *list = NULL;

  g_atomic_int_inc (&self->lookups);
  if (found == NULL)
    {
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No record for %s", name);
      return NULL;
    }
  for (guint i = found->len; i > 0; i--)
    list = g_list_prepend (list, g_variant_ref (g_ptr_array_index (found, i - 1)));
  return list;
}

static void
lookup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  char **args = task_data;
  GList *list = fake_lookup_records (source, args[0], (GResolverRecordType) atoi (args[1]),
                                     cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, NULL);
}

static void
fake_lookup_records_async (GResolver           *resolver,
                           const char          *name,
                           GResolverRecordType  type,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  char **args = g_new0 (char *, 3);

  args[0] = g_strdup (name);
  args[1] = g_strdup_printf ("%d", (int) type);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, lookup_thread);
}

static GList *
fake_lookup_records_finish (GResolver     *resolver,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_resolver_finalize (GObject *object)
{
  g_hash_table_unref (((FakeResolver *) object)->records);
  G_OBJECT_CLASS (fake_resolver_parent_class)->finalize (object);
}

static void
fake_resolver_class_init (FakeResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = fake_resolver_finalize;
  resolver_class->lookup_records = fake_lookup_records;
  resolver_class->lookup_records_async = fake_lookup_records_async;
  resolver_class->lookup_records_finish = fake_lookup_records_finish;
}

static void
fake_resolver_init (FakeResolver *self)
{
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
}

static void
fake_add (FakeResolver        *self,
          const char          *name,
          GResolverRecordType  type,
          GVariant            *record)
{
  g_autofree char *key = record_key (name, type);
  GPtrArray *found = g_hash_table_lookup (self->records, key);

  if (found == NULL)
    {
      found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      g_hash_table_insert (self->records, g_steal_pointer (&key), found);
    }
  g_ptr_array_add (found, g_variant_ref_sink (record));
}

static GVariant *
txt (const char *first,
     const char *second)
{
  const char *strings[] = { first, second, NULL };

  return g_variant_new ("(^as)", strings);
}

/* ------------------------------------------------------------- helpers */

static guint
server_port (OtasukeTestServer *server)
{
  g_autofree char *url = otasuke_test_server_get_url (server, "/");
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return (guint) g_uri_get_port (uri);
}

static void
check_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  OtasukeSiteReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = otasuke_site_check_run_finish (result, &error);
  g_assert_no_error (error);
}

/* Runs the check in its worker thread while this thread's main context
 * serves the test servers. */
static OtasukeSiteReport *
run_check (OtasukeSiteCheckOptions *options)
{
  OtasukeSiteReport *report = NULL;

  otasuke_site_check_run_async (options, NULL, check_done, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  return report;
}

static const OtasukeSiteFinding *
find (const OtasukeSiteReport *report,
      const char              *id)
{
  for (guint i = 0; i < report->findings->len; i++)
    {
      const OtasukeSiteFinding *finding = g_ptr_array_index (report->findings, i);

      if (g_str_equal (finding->id, id))
        return finding;
    }
  return NULL;
}

typedef struct {
  OtasukeTestServer *https;
  OtasukeTestServer *http;
  char              *resolve[3];
  OtasukeSiteCheckOptions options;
} Site;

/* An HTTPS server with @certificate answering "/" (the caller adds its
 * behaviour), and a plain one for http:// that redirects to it when @redirect. */
static void
site_init (Site            *site,
           GTlsCertificate *certificate,
           gboolean         redirect)
{
  g_autofree char *target = NULL;

  memset (site, 0, sizeof *site);
  site->https = otasuke_test_server_new_https (certificate);
  site->http = otasuke_test_server_new ();
  target = g_strdup_printf ("https://localhost:%u/", server_port (site->https));
  if (redirect)
    otasuke_test_server_add_redirect (site->http, "/", 301, target);
  else
    otasuke_test_server_add_text (site->http, "/", 200, "plain page");

  site->resolve[0] = g_strdup_printf ("localhost:%u:127.0.0.1", server_port (site->https));
  site->resolve[1] = g_strdup_printf ("localhost:%u:127.0.0.1", server_port (site->http));
  site->options.host = "localhost";
  site->options.port = server_port (site->https);
  site->options.http_port = server_port (site->http);
  site->options.resolve = (const char * const *) site->resolve;
  site->options.ca_file = otasuke_test_tls_get_ca_file (tls);
  site->options.mail_domain = "";
  site->options.stall_timeout_ms = 2000;
}

static void
site_clear (Site *site)
{
  otasuke_test_server_free (site->https);
  otasuke_test_server_free (site->http);
  g_free (site->resolve[0]);
  g_free (site->resolve[1]);
}

static void
add_good_page (OtasukeTestServer *server,
               gboolean           hsts)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("<html></html>", 13);

  if (hsts)
    otasuke_test_server_add_response (server, "/", 200, body,
                                      "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
                                      "X-Content-Type-Options", "nosniff",
                                      "X-Frame-Options", "SAMEORIGIN", NULL);
  else
    otasuke_test_server_add_response (server, "/", 200, body, NULL);
}

/* --------------------------------------------------------------- tests */

static void
test_good (void)
{
  Site site;
  g_autoptr(OtasukeSiteReport) report = NULL;

  site_init (&site, otasuke_test_tls_get_good (tls), TRUE);
  add_good_page (site.https, TRUE);
  report = run_check (&site.options);

  g_assert_true (report->https_ok);
  g_assert_null (report->https_error);
  g_assert_true (report->has_certificate);
  g_assert_true (report->cert_trusted);
  g_assert_true (report->cert_hostname_matches);
  /* Issued for two days a moment ago. */
  g_assert_cmpint (report->cert_days_left, >=, 1);
  g_assert_cmpint (report->cert_days_left, <=, 2);
  g_assert_nonnull (strstr (report->cert_subject, "127.0.0.1"));
  g_assert_nonnull (strstr (report->cert_issuer, "Otasuke Test CA"));
  g_assert_true (g_str_has_suffix (report->cert_not_after, "Z"));
  g_assert_true (g_str_has_prefix (report->tls_version, "TLSv1.")); /* 1.2 or 1.3 */
  g_assert_cmpstr (report->tls_version, !=, "TLSv1.0");
  g_assert_true (report->hsts);
  g_assert_cmpint (report->hsts_max_age, ==, 31536000);
  g_assert_true (report->nosniff);
  g_assert_true (report->frame_protection);
  g_assert_cmpint (report->http_redirects_to_https, ==, 1);
  g_assert_null (report->mail_domain);

  /* The one thing to say: renew soon (within 30 days). */
  g_assert_cmpuint (report->findings->len, ==, 1);
  g_assert_nonnull (find (report, "certificate-expiring"));
  g_assert_cmpint (report->score, ==, 80);

  /* An IP address is checked against the certificate's IP entry. */
  {
    g_autoptr(OtasukeSiteReport) by_ip = NULL;
    char *resolve_none[] = { NULL };

    site.options.host = "127.0.0.1";
    site.options.resolve = (const char * const *) resolve_none;
    by_ip = run_check (&site.options);
    g_assert_true (by_ip->https_ok);
    g_assert_true (by_ip->cert_hostname_matches);
  }
  site_clear (&site);
}

static void
test_expired (void)
{
  Site site;
  g_autoptr(OtasukeSiteReport) report = NULL;

  site_init (&site, otasuke_test_tls_get_expired (tls), TRUE);
  add_good_page (site.https, TRUE);
  report = run_check (&site.options);

  g_assert_false (report->https_ok);
  g_assert_nonnull (report->https_error);
  g_assert_true (report->has_certificate);
  g_assert_cmpint (report->cert_days_left, <, 0);
  g_assert_cmpint (report->cert_days_left, >=, -2);
  g_assert_true (report->cert_trusted);
  g_assert_true (report->cert_hostname_matches);
  g_assert_nonnull (find (report, "certificate-expired"));
  g_assert_null (find (report, "certificate-expiring"));
  g_assert_cmpstr (((OtasukeSiteFinding *) g_ptr_array_index (report->findings, 0))->id, ==,
                   "certificate-expired");
  site_clear (&site);
}

static void
test_wrong_host (void)
{
  Site site;
  g_autoptr(OtasukeSiteReport) report = NULL;
  const OtasukeSiteFinding *finding;

  site_init (&site, otasuke_test_tls_get_wrong_host (tls), TRUE);
  add_good_page (site.https, TRUE);
  report = run_check (&site.options);

  g_assert_false (report->https_ok);
  g_assert_true (report->cert_trusted);
  g_assert_false (report->cert_hostname_matches);
  g_assert_cmpint (report->cert_days_left, >=, 1);
  finding = find (report, "certificate-wrong-host");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->text, "wrong-host.invalid"));
  g_assert_null (find (report, "certificate-untrusted"));
  site_clear (&site);
}

static void
test_self_signed (void)
{
  Site site;
  g_autoptr(OtasukeSiteReport) report = NULL;

  site_init (&site, otasuke_test_tls_get_self_signed (tls), TRUE);
  add_good_page (site.https, TRUE);
  report = run_check (&site.options);

  g_assert_false (report->https_ok);
  g_assert_false (report->cert_trusted);
  g_assert_true (report->cert_hostname_matches);
  g_assert_nonnull (find (report, "certificate-untrusted"));
  g_assert_null (find (report, "certificate-wrong-host"));
  site_clear (&site);
}

static void
test_no_hsts (void)
{
  Site site;
  g_autoptr(OtasukeSiteReport) report = NULL;
  g_autofree char *json = NULL;
  g_autoptr(json_t) root = NULL;

  site_init (&site, otasuke_test_tls_get_good (tls), FALSE);
  add_good_page (site.https, FALSE);
  report = run_check (&site.options);

  g_assert_true (report->https_ok);
  g_assert_false (report->hsts);
  g_assert_cmpint (report->hsts_max_age, ==, -1);
  g_assert_false (report->nosniff);
  g_assert_false (report->frame_protection);
  g_assert_cmpint (report->http_redirects_to_https, ==, 0);
  g_assert_nonnull (find (report, "no-hsts"));
  g_assert_nonnull (find (report, "no-https-redirect"));
  g_assert_nonnull (find (report, "no-content-type-options"));
  g_assert_nonnull (find (report, "no-frame-protection"));

  json = otasuke_site_report_to_json (report, FALSE);
  root = otasuke_json_load (json, -1, NULL);
  g_assert_true (json_is_false (json_object_get (json_object_get (root, "https"), "hsts")));
  g_assert_true (json_is_null (json_object_get (json_object_get (root, "https"), "hsts_max_age")));
  g_assert_true (json_is_false (json_object_get (root, "http_redirects_to_https")));
  site_clear (&site);
}

static void
test_short_hsts (void)
{
  Site site;
  g_autoptr(OtasukeSiteReport) report = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("ok", 2);

  site_init (&site, otasuke_test_tls_get_good (tls), TRUE);
  otasuke_test_server_add_response (site.https, "/", 200, body,
                                    "Strict-Transport-Security", "max-age=\"300\"",
                                    "Content-Security-Policy", "frame-ancestors 'self'", NULL);
  report = run_check (&site.options);
  g_assert_true (report->hsts);
  g_assert_cmpint (report->hsts_max_age, ==, 300);
  g_assert_true (report->frame_protection);
  g_assert_nonnull (find (report, "hsts-short"));
  g_assert_null (find (report, "no-hsts"));
  site_clear (&site);
}

static void
test_redirect_loop (void)
{
  Site site;
  g_autoptr(OtasukeSiteReport) report = NULL;

  site_init (&site, otasuke_test_tls_get_good (tls), TRUE);
  otasuke_test_server_add_redirect (site.https, "/", 302, "/");
  report = run_check (&site.options);

  g_assert_false (report->https_ok);
  g_assert_nonnull (find (report, "redirect-loop"));
  /* The first answer and at most OTASUKE_SITE_MAX_REDIRECTS more. */
  g_assert_cmpuint (otasuke_test_server_get_request_count (site.https, "/"), ==,
                    OTASUKE_SITE_MAX_REDIRECTS + 1);
  site_clear (&site);
}

static void
test_redirect_followed (void)
{
  Site site;
  g_autoptr(OtasukeSiteReport) report = NULL;

  site_init (&site, otasuke_test_tls_get_good (tls), TRUE);
  otasuke_test_server_add_redirect (site.https, "/", 302, "/ja/");
  {
    g_autoptr(GBytes) body = g_bytes_new_static ("ok", 2);

    otasuke_test_server_add_response (site.https, "/ja/", 200, body,
                                      "X-Content-Type-Options", "nosniff", NULL);
  }
  report = run_check (&site.options);
  g_assert_true (report->https_ok);
  g_assert_true (report->nosniff);
  g_assert_cmpuint (otasuke_test_server_get_request_count (site.https, "/ja/"), ==, 1);
  site_clear (&site);
}

static void
test_stall (void)
{
  Site site;
  g_autoptr(OtasukeSiteReport) report = NULL;

  site_init (&site, otasuke_test_tls_get_good (tls), TRUE);
  otasuke_test_server_add_hang (site.https, "/");
  site.options.stall_timeout_ms = 300;
  report = run_check (&site.options);

  g_assert_false (report->https_ok);
  g_assert_nonnull (report->https_error);
  g_assert_nonnull (strstr (report->https_error, "localhost"));
  /* The handshake happened: the certificate is still described. */
  g_assert_true (report->has_certificate);
  g_assert_true (report->cert_trusted);
  g_assert_cmpuint (otasuke_test_server_get_request_count (site.https, "/"), ==, 1);
  site_clear (&site);
}

/* ------------------------------------------------- a server that resets */

/* Reads what the client sends first (its TLS hello or its request), then
 * closes with a zero linger time: the kernel answers with RST, not FIN. */
static void
reset_read_cb (GObject      *stream,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GSocketConnection) connection = user_data;
  GSocket *socket = g_socket_connection_get_socket (connection);
  struct linger linger = { .l_onoff = 1, .l_linger = 0 };

  g_input_stream_read_finish (G_INPUT_STREAM (stream), result, NULL);
  g_assert_no_errno (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER,
                                 &linger, sizeof linger));
  g_socket_close (socket, NULL);
}

static gboolean
reset_incoming_cb (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source,
                   gpointer           user_data)
{
  static char buffer[4096];
  guint *accepted = user_data;

  (*accepted)++;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                             buffer, sizeof buffer, G_PRIORITY_DEFAULT, NULL,
                             reset_read_cb, g_object_ref (connection));
  return TRUE;
}

static GSocketService *
start_reset_server (guint *port,
                    guint *accepted)
{
  GSocketService *service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (service, "incoming", G_CALLBACK (reset_incoming_cb), accepted);
  g_socket_service_start (service);
  return service;
}

/* Issue #10: a site whose server resets the connection gets its own
 * sentence, not "closed the connection without answering". */
static void
test_reset (void)
{
  g_autoptr(OtasukeSiteReport) report = NULL;
  g_autoptr(GSocketService) service = NULL;
  g_autofree char *resolve = NULL;
  const char *resolves[2] = { NULL, NULL };
  const OtasukeSiteFinding *finding;
  OtasukeSiteCheckOptions options = { 0 };
  guint port = 0, accepted = 0;

  service = start_reset_server (&port, &accepted);
  resolve = g_strdup_printf ("localhost:%u:127.0.0.1", port);
  resolves[0] = resolve;
  options.host = "localhost";
  options.port = port;
  options.http_port = port;
  options.resolve = resolves;
  options.ca_file = otasuke_test_tls_get_ca_file (tls);
  options.mail_domain = "";
  options.stall_timeout_ms = 5000;
  report = run_check (&options);
  g_socket_service_stop (service);

  g_assert_cmpuint (accepted, >=, 1);
  g_assert_false (report->https_ok);
  g_assert_nonnull (report->https_error);
  g_test_message ("%s", report->https_error);
  g_assert_nonnull (strstr (report->https_error, "localhost reset the connection"));
  g_assert_null (strstr (report->https_error, "without answering"));
  /* Not mistaken for a server that only speaks an old TLS version. */
  g_assert_null (strstr (report->https_error, "TLS"));
  g_assert_false (report->has_certificate);
  /* What the user reads on the page carries it. */
  finding = find (report, "https-unreachable");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->text, "reset the connection"));
}

/* Issue #10: an answer whose headers are over the limit gets its own
 * sentence; the page is not read. */
static void
test_headers_too_large (void)
{
  Site site;
  g_autoptr(OtasukeSiteReport) report = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("<html></html>", 13);
  g_autofree char *filler = g_strnfill (40 * 1024, 'x');

  site_init (&site, otasuke_test_tls_get_good (tls), TRUE);
  otasuke_test_server_add_response (site.https, "/", SOUP_STATUS_OK, body,
                                    "Content-Type", "text/html",
                                    "X-Filler", filler, NULL);
  report = run_check (&site.options);

  g_assert_false (report->https_ok);
  g_assert_nonnull (report->https_error);
  g_test_message ("%s", report->https_error);
  g_assert_nonnull (strstr (report->https_error, "localhost sent an answer with far too many header lines"));
  g_assert_cmpuint (otasuke_test_server_get_request_count (site.https, "/"), ==, 1);
  site_clear (&site);
}

static void
test_unreachable (void)
{
  g_autoptr(OtasukeSiteReport) report = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  OtasukeSiteCheckOptions options = { 0 };

  /* A port that is bound but not listening: refused at once. */
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  options.host = "127.0.0.1";
  options.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  options.http_port = options.port;
  report = run_check (&options);

  g_assert_false (report->https_ok);
  g_assert_false (report->has_certificate);
  g_assert_cmpint (report->http_redirects_to_https, ==, -1);
  g_assert_nonnull (find (report, "https-unreachable"));
  g_assert_cmpint (report->score, ==, 0);
}

/* openssl s_server offering TLS 1.0 alone, on a free loopback port. */
static GSubprocess *
start_tls10_server (guint *port)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *cert = otasuke_test_tls_get_file (tls, "good.pem");
  g_autofree char *key = otasuke_test_tls_get_file (tls, "good.key");
  g_autofree char *accept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GSubprocess *server;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  accept = g_strdup_printf ("127.0.0.1:%u", *port);

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE |
                             G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                             "openssl", "s_server", "-accept", accept, "-tls1",
                             "-cipher", "DEFAULT:@SECLEVEL=0", "-cert", cert, "-key", key,
                             "-www", NULL);
  if (server == NULL)
    g_error ("The TLS 1.0 test needs the openssl command (Debian package openssl): %s",
             error->message);

  /* It says ACCEPT once it listens. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_equal (line, "ACCEPT"))
        break;
    }
  return server;
}

static void
test_tls10_only (void)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(OtasukeSiteReport) report = NULL;
  OtasukeSiteCheckOptions options = { 0 };
  guint port;

  server = start_tls10_server (&port);
  options.host = "127.0.0.1";
  options.port = port;
  options.http_port = port;
  options.ca_file = otasuke_test_tls_get_ca_file (tls);
  report = run_check (&options);

  g_assert_false (report->https_ok);
  g_assert_cmpstr (report->tls_version, ==, "TLSv1.0");
  g_assert_nonnull (strstr (report->https_error, "TLSv1.0"));
  g_assert_true (report->has_certificate);
  g_assert_true (report->cert_trusted);
  g_assert_nonnull (find (report, "tls-obsolete"));

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
}

static void
test_mail (void)
{
  FakeResolver *resolver = g_object_new (fake_resolver_get_type (), NULL);
  GResolver *previous = g_resolver_get_default ();
  OtasukeSiteCheckOptions options = { 0 };
  g_autoptr(OtasukeSiteReport) good = NULL;
  g_autoptr(OtasukeSiteReport) bare = NULL;
  g_autoptr(OtasukeSiteReport) none = NULL;
  g_autoptr(OtasukeSiteReport) skipped = NULL;

  fake_add (resolver, "shop.test", G_RESOLVER_RECORD_MX, g_variant_new ("(qs)", 20, "mx2.mail.test"));
  fake_add (resolver, "shop.test", G_RESOLVER_RECORD_MX, g_variant_new ("(qs)", 10, "mx1.mail.test"));
  fake_add (resolver, "shop.test", G_RESOLVER_RECORD_TXT, txt ("google-site-verification=abc", NULL));
  /* A record split into two strings is one record. */
  fake_add (resolver, "shop.test", G_RESOLVER_RECORD_TXT, txt ("v=spf1 include:_spf.mail.test", " ~all"));
  fake_add (resolver, "_dmarc.shop.test", G_RESOLVER_RECORD_TXT,
            txt ("v=DMARC1; p=none; rua=mailto:dmarc@shop.test", NULL));
  fake_add (resolver, "open.test", G_RESOLVER_RECORD_MX, g_variant_new ("(qs)", 10, "mx.open.test"));
  fake_add (resolver, "open.test", G_RESOLVER_RECORD_TXT, txt ("v=spf1 +all", NULL));
  fake_add (resolver, "_dmarc.open.test", G_RESOLVER_RECORD_TXT, txt ("v=DMARC1; p=reject", NULL));
  g_resolver_set_default (G_RESOLVER (resolver));

  /* Nothing listens on port 9 of 127.0.0.1: the website part fails fast. */
  options.host = "127.0.0.1";
  options.port = 9;
  options.http_port = 9;
  options.mail_domain = "shop.test";
  good = run_check (&options);
  g_assert_cmpstr (good->mail_domain, ==, "shop.test");
  g_assert_nonnull (good->mx);
  g_assert_cmpuint (g_strv_length (good->mx), ==, 2);
  g_assert_cmpstr (good->mx[0], ==, "mx1.mail.test");
  g_assert_cmpstr (good->mx[1], ==, "mx2.mail.test");
  g_assert_cmpstr (good->spf, ==, "v=spf1 include:_spf.mail.test ~all");
  g_assert_cmpstr (good->dmarc, ==, "v=DMARC1; p=none; rua=mailto:dmarc@shop.test");
  g_assert_cmpstr (good->dmarc_policy, ==, "none");
  g_assert_nonnull (find (good, "mail-dmarc-none"));
  g_assert_null (find (good, "mail-no-spf"));
  g_assert_null (find (good, "mail-no-mx"));

  options.mail_domain = "bare.test";
  bare = run_check (&options);
  g_assert_nonnull (bare->mx);
  g_assert_cmpuint (g_strv_length (bare->mx), ==, 0);
  g_assert_null (bare->spf);
  g_assert_null (bare->dmarc);
  g_assert_nonnull (find (bare, "mail-no-mx"));
  g_assert_nonnull (find (bare, "mail-no-spf"));
  g_assert_nonnull (find (bare, "mail-no-dmarc"));
  g_assert_nonnull (strstr (find (bare, "mail-no-dmarc")->text, "_dmarc.bare.test"));

  options.mail_domain = "open.test";
  none = run_check (&options);
  g_assert_nonnull (find (none, "mail-spf-weak"));
  g_assert_null (find (none, "mail-dmarc-none"));
  g_assert_null (find (none, "mail-no-dmarc"));

  /* Derived from a reserved host name: never asked about. */
  {
    guint before = resolver->lookups;
    /* curl never asks DNS either. */
    const char * const resolve[] = { "www.shop.test:9:127.0.0.1", NULL };

    options.host = "www.shop.test";
    options.resolve = resolve;
    options.mail_domain = NULL;
    skipped = run_check (&options);
    g_assert_null (skipped->mail_domain);
    g_assert_null (skipped->mx);
    g_assert_cmpuint (resolver->lookups, ==, before);
  }

  g_resolver_set_default (previous);
  g_object_unref (previous);
  g_object_unref (resolver);
}

static void
test_parse_target (void)
{
  g_autoptr(GError) error = NULL;
  char *host = NULL;
  guint port = 0;
  const char * const bad[] = { "", "https://shop.test/", "shop test", "shop.test:0",
                               "shop.test:70000", "shop.test:25", "shop.test:x", "[::1", NULL };

  g_assert_true (otasuke_site_parse_target ("Shop.Test", &host, &port, &error));
  g_assert_cmpstr (host, ==, "shop.test");
  g_assert_cmpuint (port, ==, 443);
  g_free (host);
  g_assert_true (otasuke_site_parse_target ("shop.test:8443", &host, &port, &error));
  g_assert_cmpstr (host, ==, "shop.test");
  g_assert_cmpuint (port, ==, 8443);
  g_free (host);
  g_assert_true (otasuke_site_parse_target ("[::1]:4443", &host, &port, &error));
  g_assert_cmpstr (host, ==, "::1");
  g_assert_cmpuint (port, ==, 4443);
  g_free (host);

  for (guint i = 0; bad[i] != NULL; i++)
    {
      host = NULL;
      g_assert_false (otasuke_site_parse_target (bad[i], &host, &port, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (host);
      g_clear_error (&error);
    }

  g_assert_true (otasuke_site_is_special_name ("localhost"));
  g_assert_true (otasuke_site_is_special_name ("www.shop.test"));
  g_assert_true (otasuke_site_is_special_name ("192.0.2.1"));
  g_assert_false (otasuke_site_is_special_name ("shop.jp"));
}

static void
test_json_round_trip (void)
{
  Site site;
  g_autoptr(OtasukeSiteReport) report = NULL;
  g_autoptr(OtasukeSiteReport) back = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(json_t) root = NULL;
  json_t *certificate;

  site_init (&site, otasuke_test_tls_get_good (tls), FALSE);
  add_good_page (site.https, TRUE);
  report = run_check (&site.options);

  json = otasuke_site_report_to_json (report, TRUE);
  root = otasuke_json_load (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_size (root), ==, 5);
  g_assert_cmpstr (otasuke_json_get_string (root, "host"), ==, "localhost");
  certificate = json_object_get (json_object_get (root, "https"), "certificate");
  g_assert_cmpuint (json_object_size (json_object_get (root, "https")), ==, 6);
  g_assert_cmpuint (json_object_size (certificate), ==, 6);
  g_assert_true (json_is_true (json_object_get (certificate, "trusted")));
  g_assert_true (json_is_null (json_object_get (json_object_get (root, "mail"), "mx")));
  g_assert_null (json_object_get (root, "otasuke"));

  stored = otasuke_site_report_to_store_json (report);
  back = otasuke_site_report_from_json (stored, &error);
  g_assert_no_error (error);
  json_back = otasuke_site_report_to_json (back, TRUE);
  g_assert_cmpstr (json_back, ==, json);
  g_assert_cmpuint (back->port, ==, report->port);
  g_assert_cmpint (back->cert_not_after_unix, ==, report->cert_not_after_unix);
  g_assert_cmpint (back->score, ==, report->score);

  g_assert_null (otasuke_site_report_from_json ("{\"host\": 1}", &error));
  g_assert_nonnull (error);
  site_clear (&site);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  OtasukeSiteCheckOptions options = { .host = "127.0.0.1", .port = 9, .http_port = 9 };

  g_cancellable_cancel (cancellable);
  g_assert_null (otasuke_site_check_run (&options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  options.port = 25;
  g_assert_null (otasuke_site_check_run (&options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

typedef struct {
  char    *out;
  char    *err;
  gboolean done;
  int      status;
} CliRun;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CliRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->done = TRUE;
}

/* `otasuke --site-check` against @site, its JSON parsed; the servers run
 * in this process while the program runs. */
static json_t *
run_cli (Site       *site,
         const char *extra_arg,
         int        *status)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "ui", "otasuke", NULL);
  g_autofree char *target = g_strdup_printf ("localhost:%u", site->options.port);
  g_autofree char *http_port = g_strdup_printf ("%u", site->options.http_port);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  CliRun run = { 0 };
  json_t *root;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, program, "--site-check", target,
                                         "--resolve", site->resolve[0], "--resolve", site->resolve[1],
                                         "--cacert", site->options.ca_file,
                                         "--http-port", http_port, extra_arg, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  *status = run.status;
  root = run.status == 0 ? otasuke_json_load (run.out, -1, &error) : NULL;
  g_assert_no_error (error);
  if (run.status != 0)
    g_test_message ("otasuke said: %s", run.err);
  g_free (run.out);
  g_free (run.err);
  return root;
}

static json_t *
cli_certificate (json_t *root)
{
  return json_object_get (json_object_get (root, "https"), "certificate");
}

static gint64
cli_int (json_t     *object,
         const char *name)
{
  gint64 value = G_MININT64;

  g_assert_true (otasuke_json_get_int (object, name, &value));
  return value;
}

static void
test_cli (void)
{
  Site good, expired, wrong;
  g_autoptr(json_t) good_json = NULL;
  g_autoptr(json_t) expired_json = NULL;
  g_autoptr(json_t) wrong_json = NULL;
  json_t *https;
  int status = -1;

  site_init (&good, otasuke_test_tls_get_good (tls), TRUE);
  add_good_page (good.https, TRUE);
  good_json = run_cli (&good, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  https = json_object_get (good_json, "https");
  g_assert_cmpstr (otasuke_json_get_string (good_json, "host"), ==, "localhost");
  g_assert_true (json_is_true (json_object_get (https, "ok")));
  g_assert_true (json_is_null (json_object_get (https, "error")));
  g_assert_true (json_is_true (json_object_get (https, "hsts")));
  g_assert_cmpint (cli_int (https, "hsts_max_age"), ==, 31536000);
  g_assert_cmpint (cli_int (cli_certificate (good_json), "days_left"), >=, 1);
  g_assert_true (json_is_true (json_object_get (cli_certificate (good_json), "trusted")));
  g_assert_true (json_is_true (json_object_get (cli_certificate (good_json), "hostname_matches")));
  g_assert_true (json_is_true (json_object_get (good_json, "http_redirects_to_https")));
  g_assert_nonnull (json_object_get (good_json, "mail"));
  g_assert_cmpuint (json_array_size (json_object_get (good_json, "findings")), ==, 1);

  site_init (&expired, otasuke_test_tls_get_expired (tls), TRUE);
  add_good_page (expired.https, FALSE);
  expired_json = run_cli (&expired, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  https = json_object_get (expired_json, "https");
  g_assert_true (json_is_false (json_object_get (https, "ok")));
  g_assert_true (json_is_false (json_object_get (https, "hsts")));
  g_assert_true (json_is_null (json_object_get (https, "hsts_max_age")));
  g_assert_cmpint (cli_int (cli_certificate (expired_json), "days_left"), <, 0);
  g_assert_true (json_is_true (json_object_get (cli_certificate (expired_json), "trusted")));
  g_assert_cmpstr (otasuke_json_get_string (json_array_get (json_object_get (expired_json, "findings"), 0), "id"),
                   ==, "certificate-expired");
  g_assert_cmpstr (otasuke_json_get_string (json_array_get (json_object_get (expired_json, "findings"), 0), "severity"),
                   ==, "high");

  site_init (&wrong, otasuke_test_tls_get_wrong_host (tls), FALSE);
  add_good_page (wrong.https, TRUE);
  wrong_json = run_cli (&wrong, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_is_false (json_object_get (cli_certificate (wrong_json), "hostname_matches")));
  g_assert_true (json_is_true (json_object_get (cli_certificate (wrong_json), "trusted")));
  g_assert_true (json_is_false (json_object_get (wrong_json, "http_redirects_to_https")));

  site_clear (&good);
  site_clear (&expired);
  site_clear (&wrong);
}

static void
test_cli_usage (void)
{
  Site site;
  int status = -1;

  /* A bad port: no check, status 2. */
  site_init (&site, otasuke_test_tls_get_good (tls), TRUE);
  site.options.port = 25;
  g_assert_null (run_cli (&site, NULL, &status));
  g_assert_cmpint (status, ==, 2);
  site_clear (&site);
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tls = otasuke_test_tls_new ();

  g_test_add_func ("/site-check/good", test_good);
  g_test_add_func ("/site-check/expired", test_expired);
  g_test_add_func ("/site-check/wrong-host", test_wrong_host);
  g_test_add_func ("/site-check/self-signed", test_self_signed);
  g_test_add_func ("/site-check/no-hsts", test_no_hsts);
  g_test_add_func ("/site-check/short-hsts", test_short_hsts);
  g_test_add_func ("/site-check/redirect-loop", test_redirect_loop);
  g_test_add_func ("/site-check/redirect-followed", test_redirect_followed);
  g_test_add_func ("/site-check/stall", test_stall);
  g_test_add_func ("/site-check/unreachable", test_unreachable);
  g_test_add_func ("/site-check/reset", test_reset);
  g_test_add_func ("/site-check/headers-too-large", test_headers_too_large);
  g_test_add_func ("/site-check/tls10-only", test_tls10_only);
  g_test_add_func ("/site-check/mail", test_mail);
  g_test_add_func ("/site-check/parse-target", test_parse_target);
  g_test_add_func ("/site-check/json-round-trip", test_json_round_trip);
  g_test_add_func ("/site-check/cancelled", test_cancelled);
  g_test_add_func ("/site-check/cli", test_cli);
  g_test_add_func ("/site-check/cli-usage", test_cli_usage);

  status = g_test_run ();
  otasuke_test_tls_free (tls);
  return status;
}
