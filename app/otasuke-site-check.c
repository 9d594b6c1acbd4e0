/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-site-check"

#include "config.h"

#include <glib/gi18n.h>
#include <curl/curl.h>
#include <errno.h>
#include <string.h>

#include "otasuke-http-private.h"
#include "otasuke-json.h"
#include "otasuke-site-check.h"

#define USER_AGENT          "Otasuke/" PACKAGE_VERSION " site check"
#define MAX_HEADER_BYTES    (32 * 1024)
#define MAX_CERT_BYTES      (64 * 1024)
/* Six months, the least Mozilla's Observatory counts as a real HSTS policy. */
#define HSTS_GOOD_MAX_AGE   15552000
#define MAIL_DEADLINE_MS    5000

/* ---------------------------------------------------------------- fetch */

typedef struct {
  const char              *url;
  const char              *host;
  guint                    port;
  struct curl_slist       *resolve;
  gboolean                 legacy_tls;   /* allow TLS 1.0 and 1.1, only to name them */
  const OtasukeSiteCheckOptions *options;
  gint64                   deadline;     /* monotonic */
  GCancellable            *cancellable;

  /* Out */
  guint      status;
  char      *location;
  char      *hsts;
  char      *content_type_options;
  char      *frame_options;
  char      *csp;
  gboolean   headers_done;
  gsize      header_bytes;
  gboolean   headers_too_large;
  char      *tls_version;
  GPtrArray *certificates;               /* PEM strings, leaf first */
  CURLcode   code;
  long       os_errno;                   /* of the failed receive or send, 0 if none */
  gboolean   cancelled;
  gboolean   stalled;
  gint64     last_activity;
  char       error_buffer[CURL_ERROR_SIZE];
} Fetch;

static void
fetch_clear_headers (Fetch *fetch)
{
  g_clear_pointer (&fetch->location, g_free);
  g_clear_pointer (&fetch->hsts, g_free);
  g_clear_pointer (&fetch->content_type_options, g_free);
  g_clear_pointer (&fetch->frame_options, g_free);
  g_clear_pointer (&fetch->csp, g_free);
}

static void
fetch_clear (Fetch *fetch)
{
  fetch_clear_headers (fetch);
  g_clear_pointer (&fetch->tls_version, g_free);
  g_clear_pointer (&fetch->certificates, g_ptr_array_unref);
}

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

static char *
trimmed (const char *value,
         const char *end)
{
  while (value < end && (*value == ' ' || *value == '\t'))
    value++;
  while (end > value && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  return g_strndup (value, end - value);
}

static gboolean
take_header (const char  *line,
             gsize        length,
             const char  *name,
             char       **slot)
{
  gsize name_length = strlen (name);

  if (length <= name_length || line[name_length] != ':' ||
      g_ascii_strncasecmp (line, name, name_length) != 0)
    return FALSE;

  /* The first one counts, as browsers do for HSTS. */
  if (*slot == NULL)
    *slot = trimmed (line + name_length + 1, line + length);
  return TRUE;
}

static size_t
on_header (char   *buffer,
           size_t  size,
           size_t  n_items,
           void   *user_data)
{
  Fetch *fetch = user_data;
  gsize total = size * n_items;
  gsize length = total;

  fetch->last_activity = g_get_monotonic_time ();
  fetch->header_bytes += total;
  if (fetch->header_bytes > MAX_HEADER_BYTES)
    {
      fetch->headers_too_large = TRUE;
      return 0;
    }
  if (fetch->headers_done)
    return total;

  while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
    length--;

  if (length >= 5 && memcmp (buffer, "HTTP/", 5) == 0)
    {
      const char *space = memchr (buffer, ' ', length);

      fetch_clear_headers (fetch);
      fetch->status = 0;
      if (space != NULL && buffer + length - space >= 4 &&
          g_ascii_isdigit (space[1]) && g_ascii_isdigit (space[2]) && g_ascii_isdigit (space[3]))
        fetch->status = (space[1] - '0') * 100 + (space[2] - '0') * 10 + (space[3] - '0');
      return total;
    }

  if (length == 0)
    {
      if (fetch->status >= 100 && fetch->status < 200)
        return total;
      fetch->headers_done = TRUE;
      return total;
    }

  if (!take_header (buffer, length, "Location", &fetch->location) &&
      !take_header (buffer, length, "Strict-Transport-Security", &fetch->hsts) &&
      !take_header (buffer, length, "X-Content-Type-Options", &fetch->content_type_options) &&
      !take_header (buffer, length, "X-Frame-Options", &fetch->frame_options))
    take_header (buffer, length, "Content-Security-Policy", &fetch->csp);
  return total;
}

static size_t
on_body (char   *buffer,
         size_t  size,
         size_t  n_items,
         void   *user_data)
{
  /* The body is not wanted: stop at its first byte. */
  return 0;
}

static int
on_progress (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Fetch *fetch = user_data;
  gint64 now = g_get_monotonic_time ();

  if (g_cancellable_is_cancelled (fetch->cancellable))
    {
      fetch->cancelled = TRUE;
      return 1;
    }
  if (now >= fetch->deadline)
    return 1;
  if (fetch->last_activity != 0 &&
      now - fetch->last_activity > (gint64) fetch->options->stall_timeout_ms * 1000)
    {
      fetch->stalled = TRUE;
      return 1;
    }
  return 0;
}

static int
on_debug (CURL          *easy,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  Fetch *fetch = user_data;
  static const char prefix[] = "SSL connection using ";

  /* OpenSSL's back-end names the protocol here ("TLSv1.3 / TLS_AES_…"). */
  if (type == CURLINFO_TEXT && size > sizeof prefix - 1 &&
      memcmp (data, prefix, sizeof prefix - 1) == 0 && fetch->tls_version == NULL)
    {
      const char *start = data + sizeof prefix - 1;
      const char *end = start;

      while (end < data + size && *end != ' ' && *end != '\n' && *end != '/')
        end++;
      if (end - start == 5 && memcmp (start, "TLSv1", 5) == 0)
        fetch->tls_version = g_strdup ("TLSv1.0");
      else if (end > start && end - start < 16)
        fetch->tls_version = g_strndup (start, end - start);
    }
  if (type == CURLINFO_SSL_DATA_IN || type == CURLINFO_DATA_IN || type == CURLINFO_HEADER_IN)
    fetch->last_activity = g_get_monotonic_time ();
  return 0;
}

static int
on_prereq (void *user_data,
           char *conn_primary_ip,
           char *conn_local_ip,
           int   conn_primary_port,
           int   conn_local_port)
{
  Fetch *fetch = user_data;

  /* From here on, silence counts as a stall. */
  fetch->last_activity = g_get_monotonic_time ();
  return CURL_PREREQFUNC_OK;
}

static void
collect_certificates (CURL  *easy,
                      Fetch *fetch)
{
  struct curl_certinfo *info = NULL;
  gsize total = 0;

  if (curl_easy_getinfo (easy, CURLINFO_CERTINFO, &info) != CURLE_OK || info == NULL)
    return;

  fetch->certificates = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < info->num_of_certs; i++)
    for (struct curl_slist *item = info->certinfo[i]; item != NULL; item = item->next)
      if (g_str_has_prefix (item->data, "Cert:"))
        {
          total += strlen (item->data);
          if (total > MAX_CERT_BYTES)
            return;
          g_ptr_array_add (fetch->certificates, g_strdup (item->data + strlen ("Cert:")));
        }
}

/* One GET, the body not read. TRUE when an answer's headers arrived. */
static gboolean
fetch_run (Fetch *fetch)
{
  const OtasukeSiteCheckOptions *options = fetch->options;
  static const OtasukeCurlCallbacks callbacks = { on_header, on_body, on_progress, on_prereq };
  CURL *easy = curl_easy_init ();

  g_assert (easy != NULL);
  otasuke_curl_setup_bounded (easy, fetch->url, USER_AGENT, fetch->error_buffer,
                              options->connect_timeout_ms, options->stall_timeout_ms, fetch->deadline,
                              &callbacks, fetch);
  curl_easy_setopt (easy, CURLOPT_RESOLVE, fetch->resolve);
  /* Never a proxy: the check looks at the site itself. */
  curl_easy_setopt (easy, CURLOPT_PROXY, "");
  curl_easy_setopt (easy, CURLOPT_NOPROXY, "*");

  /* The program judges the chain itself (check_certificate()), so that an
   * untrusted or expired certificate is described rather than refused. */
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt (easy, CURLOPT_CERTINFO, 1L);
  curl_easy_setopt (easy, CURLOPT_SSL_OPTIONS, (long) CURLSSLOPT_REVOKE_BEST_EFFORT);
  if (fetch->legacy_tls)
    {
      curl_easy_setopt (easy, CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_0);
      /* OpenSSL 3 allows TLS 1.0 and 1.1 only at security level 0. */
      curl_easy_setopt (easy, CURLOPT_SSL_CIPHER_LIST, "DEFAULT:@SECLEVEL=0");
    }
  else
    curl_easy_setopt (easy, CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2);

  curl_easy_setopt (easy, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt (easy, CURLOPT_DEBUGDATA, fetch);
  curl_easy_setopt (easy, CURLOPT_VERBOSE, 1L);

  fetch->code = curl_easy_perform (easy);
  if (fetch->code != CURLE_OK)
    curl_easy_getinfo (easy, CURLINFO_OS_ERRNO, &fetch->os_errno);
  if (g_str_has_prefix (fetch->url, "https:"))
    collect_certificates (easy, fetch);
  curl_easy_cleanup (easy);

  g_debug ("GET %s: %s (%s), status %u", fetch->url, curl_easy_strerror (fetch->code),
           fetch->error_buffer, fetch->status);
  return fetch->headers_done && !fetch->headers_too_large && !fetch->cancelled &&
         (fetch->code == CURLE_OK || fetch->code == CURLE_WRITE_ERROR);
}

/* The server (or something in front of it) sent a TCP reset; 10054 is
 * WSAECONNRESET, what libcurl reports on Windows. */
static gboolean
connection_was_reset (const Fetch *fetch)
{
  switch ((int) fetch->code)
    {
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_SSL_CONNECT_ERROR:
      return fetch->os_errno == ECONNRESET || fetch->os_errno == 10054;
    default:
      return FALSE;
    }
}

/* One sentence for people about a request that got no answer. */
static char *
describe_failure (const Fetch *fetch)
{
  const char *host = fetch->host;

  if (fetch->stalled)
    return g_strdup_printf (_("%s accepted the connection but stopped answering."), host);
  if (fetch->headers_too_large)
    return g_strdup_printf (_("%s sent an answer with far too many header lines."), host);
  if (connection_was_reset (fetch))
    return g_strdup_printf (_("%s reset the connection before answering: the server, or a "
                              "firewall in front of it, broke it off."),
                            host);

  switch ((int) fetch->code)
    {
    case CURLE_ABORTED_BY_CALLBACK:
    case CURLE_OPERATION_TIMEDOUT:
      return g_strdup_printf (_("%s did not answer in time."), host);
    case CURLE_COULDNT_RESOLVE_HOST:
      return g_strdup_printf (_("The address %s could not be found."), host);
    case CURLE_COULDNT_CONNECT:
      return g_strdup_printf (_("Could not connect to %s."), host);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER:
    case CURLE_USE_SSL_FAILED:
      return g_strdup_printf (_("No secure connection to %s could be made."), host);
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      return g_strdup_printf (_("%s closed the connection without answering."), host);
    default:
      return g_strdup_printf (_("The answer from %s could not be read."), host);
    }
}

/* ------------------------------------------------------------- report */

static void
finding_free (OtasukeSiteFinding *finding)
{
  g_free (finding->id);
  g_free (finding->text);
  g_free (finding);
}

void
otasuke_site_report_free (OtasukeSiteReport *report)
{
  if (report == NULL)
    return;

  g_free (report->host);
  g_free (report->https_error);
  g_free (report->tls_version);
  g_free (report->cert_subject);
  g_free (report->cert_issuer);
  g_free (report->cert_not_after);
  g_free (report->mail_domain);
  g_strfreev (report->mx);
  g_free (report->spf);
  g_free (report->dmarc);
  g_free (report->dmarc_policy);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

static OtasukeSiteReport *
report_new (void)
{
  OtasukeSiteReport *report = g_new0 (OtasukeSiteReport, 1);

  report->hsts_max_age = -1;
  report->http_redirects_to_https = -1;
  report->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  return report;
}

static void
add_finding (OtasukeSiteReport   *report,
             const char          *id,
             OtasukeSiteSeverity  severity,
             char                *text)
{
  OtasukeSiteFinding *finding = g_new0 (OtasukeSiteFinding, 1);

  finding->id = g_strdup (id);
  finding->severity = severity;
  finding->text = text;
  g_ptr_array_add (report->findings, finding);
}

const char *
otasuke_site_severity_to_string (OtasukeSiteSeverity severity)
{
  switch (severity)
    {
    case OTASUKE_SITE_SEVERITY_HIGH:   return "high";
    case OTASUKE_SITE_SEVERITY_MEDIUM: return "medium";
    case OTASUKE_SITE_SEVERITY_LOW:    return "low";
    case OTASUKE_SITE_SEVERITY_INFO:
    default:                           return "info";
    }
}

static OtasukeSiteSeverity
severity_from_string (const char *text)
{
  if (g_strcmp0 (text, "high") == 0)
    return OTASUKE_SITE_SEVERITY_HIGH;
  if (g_strcmp0 (text, "medium") == 0)
    return OTASUKE_SITE_SEVERITY_MEDIUM;
  if (g_strcmp0 (text, "low") == 0)
    return OTASUKE_SITE_SEVERITY_LOW;
  return OTASUKE_SITE_SEVERITY_INFO;
}

int
otasuke_site_report_score (const OtasukeSiteReport *report)
{
  int score = 100;

  if (!report->https_ok && !report->has_certificate && report->port != 0)
    return 0;
  for (guint i = 0; i < report->findings->len; i++)
    {
      const OtasukeSiteFinding *finding = g_ptr_array_index (report->findings, i);

      switch (finding->severity)
        {
        case OTASUKE_SITE_SEVERITY_HIGH:   score -= 40; break;
        case OTASUKE_SITE_SEVERITY_MEDIUM: score -= 20; break;
        case OTASUKE_SITE_SEVERITY_LOW:    score -= 5;  break;
        case OTASUKE_SITE_SEVERITY_INFO:
        default:                           break;
        }
    }
  return MAX (score, 0);
}

/* ------------------------------------------------------------ parsing */

gboolean
otasuke_site_is_special_name (const char *host)
{
  static const char * const suffixes[] = { ".test", ".invalid", ".localhost", ".example", ".local" };
  g_autofree char *lower = NULL;

  if (host == NULL || *host == '\0' || g_hostname_is_ip_address (host))
    return TRUE;
  lower = g_ascii_strdown (host, -1);
  if (g_str_has_suffix (lower, "."))
    lower[strlen (lower) - 1] = '\0';
  if (g_strcmp0 (lower, "localhost") == 0 || g_strcmp0 (lower, "test") == 0 ||
      g_strcmp0 (lower, "invalid") == 0 || g_strcmp0 (lower, "example") == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
host_is_valid (const char *host)
{
  if (g_hostname_is_ip_address (host))
    return TRUE;
  if (strlen (host) > 253 || *host == '\0' || *host == '.' || *host == '-')
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return FALSE;
  return TRUE;
}

gboolean
otasuke_site_parse_target (const char  *text,
                           char       **host_out,
                           guint       *port_out,
                           GError     **error)
{
  g_autofree char *host = NULL;
  const char *port_text = NULL;
  guint64 port = 443;

  if (text == NULL)
    text = "";
  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close != NULL)
        {
          host = g_strndup (text + 1, close - text - 1);
          if (close[1] == ':')
            port_text = close + 2;
          else if (close[1] != '\0')
            g_clear_pointer (&host, g_free);
        }
    }
  else
    {
      const char *colon = strchr (text, ':');

      if (colon != NULL && strchr (colon + 1, ':') == NULL)
        {
          host = g_strndup (text, colon - text);
          port_text = colon + 1;
        }
      else
        host = g_strdup (text);
    }

  if (port_text != NULL &&
      (!g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL) || port == 25))
    host = (g_free (host), NULL);

  if (host == NULL || !host_is_valid (host))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is what the user typed */
                   _("“%s” is not a website address. Enter a host name such as "
                     "www.example.jp, optionally with a port."),
                   text);
      return FALSE;
    }

  *host_out = g_ascii_strdown (host, -1);
  *port_out = (guint) port;
  return TRUE;
}

/* ------------------------------------------------------- certificate */

static char *
format_iso (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
check_certificate (OtasukeSiteReport             *report,
                   const Fetch                   *fetch,
                   const OtasukeSiteCheckOptions *options,
                   gint64                         now,
                   GCancellable                  *cancellable)
{
  g_autoptr(GString) pem = g_string_new (NULL);
  g_autoptr(GTlsCertificate) chain = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificateFlags trust_flags, identity_flags;
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;

  if (fetch->certificates == NULL || fetch->certificates->len == 0)
    return;
  for (guint i = 0; i < fetch->certificates->len; i++)
    {
      g_string_append (pem, g_ptr_array_index (fetch->certificates, i));
      g_string_append_c (pem, '\n');
    }

  chain = g_tls_certificate_new_from_pem (pem->str, -1, &error);
  if (chain == NULL)
    {
      g_debug ("The certificate of %s could not be read: %s", fetch->host, error->message);
      return;
    }

  if (options->ca_file != NULL)
    database = g_tls_file_database_new (options->ca_file, &error);
  else
    database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  if (database == NULL)
    {
      g_debug ("No certificate database: %s", error != NULL ? error->message : "none");
      g_clear_error (&error);
    }

  g_object_get (chain, "not-valid-after", &not_after, "subject-name", &subject,
                "issuer-name", &issuer, NULL);

  report->has_certificate = TRUE;
  report->cert_subject = g_steal_pointer (&subject);
  report->cert_issuer = g_steal_pointer (&issuer);
  if (not_after != NULL)
    {
      report->cert_not_after = format_iso (not_after);
      report->cert_not_after_unix = g_date_time_to_unix (not_after);
      /* Whole days left, counted down: 0 on its last day, negative after. */
      report->cert_days_left = report->cert_not_after_unix >= now ?
                               (report->cert_not_after_unix - now) / 86400 :
                               -((now - report->cert_not_after_unix + 86399) / 86400);
    }

  identity = g_network_address_new (fetch->host, fetch->port);
  if (database != NULL)
    {
      /* Asked twice, since a back-end need not report every problem at once. */
      trust_flags = g_tls_database_verify_chain (database, chain,
                                                 G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                                 NULL, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                                 cancellable, &error);
      g_clear_error (&error);
      report->cert_trusted = (trust_flags & (G_TLS_CERTIFICATE_UNKNOWN_CA |
                                             G_TLS_CERTIFICATE_REVOKED |
                                             G_TLS_CERTIFICATE_INSECURE |
                                             G_TLS_CERTIFICATE_GENERIC_ERROR)) == 0;
    }
  identity_flags = g_tls_certificate_verify (chain, identity, NULL);
  report->cert_hostname_matches = (identity_flags & G_TLS_CERTIFICATE_BAD_IDENTITY) == 0;
}

/* ------------------------------------------------------------- website */

static char *
site_url (const char *scheme,
          const char *host,
          guint       port,
          guint       default_port)
{
  gboolean v6 = strchr (host, ':') != NULL;

  if (port == default_port)
    return g_strdup_printf ("%s://%s%s%s/", scheme, v6 ? "[" : "", host, v6 ? "]" : "");
  return g_strdup_printf ("%s://%s%s%s:%u/", scheme, v6 ? "[" : "", host, v6 ? "]" : "", port);
}

/* The absolute address of @location seen from @base, or NULL. */
static GUri *
resolve_location (const char *base,
                  const char *location)
{
  g_autoptr(GUri) base_uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);

  if (base_uri == NULL || location == NULL)
    return NULL;
  return g_uri_parse_relative (base_uri, location, G_URI_FLAGS_NONE, NULL);
}

static guint
uri_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return (guint) port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static gint64
hsts_max_age (const char *header)
{
  g_auto(GStrv) parts = g_strsplit (header, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      guint64 value;

      if (g_ascii_strncasecmp (part, "max-age", 7) != 0)
        continue;
      {
        char *value_text = g_strstrip (part + 7);

        if (*value_text != '=')
          return -1;
        value_text = g_strstrip (value_text + 1);
        if (*value_text == '"')
          {
            value_text++;
            if (g_str_has_suffix (value_text, "\""))
              value_text[strlen (value_text) - 1] = '\0';
          }
        if (g_ascii_string_to_unsigned (value_text, 10, 0, G_MAXINT64, &value, NULL))
          return (gint64) value;
      }
      return -1;
    }
  return -1;
}

static gboolean
csp_has_frame_ancestors (const char *csp)
{
  g_autofree char *lower = csp != NULL ? g_ascii_strdown (csp, -1) : NULL;

  return lower != NULL && strstr (lower, "frame-ancestors") != NULL;
}

static void
fetch_init (Fetch                         *fetch,
            const char                    *url,
            const char                    *host,
            guint                          port,
            const OtasukeSiteCheckOptions *options,
            struct curl_slist             *resolve,
            gint64                         overall_deadline,
            GCancellable                  *cancellable)
{
  memset (fetch, 0, sizeof *fetch);
  fetch->url = url;
  fetch->host = host;
  fetch->port = port;
  fetch->options = options;
  fetch->resolve = resolve;
  fetch->cancellable = cancellable;
  fetch->deadline = MIN (overall_deadline,
                         g_get_monotonic_time () + (gint64) options->total_timeout_ms * 1000);
}

static void
check_https (OtasukeSiteReport             *report,
             const OtasukeSiteCheckOptions *options,
             struct curl_slist             *resolve,
             gint64                         deadline,
             gint64                         now,
             GCancellable                  *cancellable)
{
  g_autofree char *url = site_url ("https", report->host, report->port, 443);
  gboolean first = TRUE;
  guint hops = 0;

  for (;;)
    {
      Fetch fetch;
      g_autoptr(GUri) next = NULL;
      gboolean answered;

      fetch_init (&fetch, url, report->host, report->port, options, resolve, deadline, cancellable);
      answered = fetch_run (&fetch);

      if (!answered && first && fetch.code == CURLE_SSL_CONNECT_ERROR && !fetch.cancelled)
        {
          /* Perhaps only an old TLS version: ask once more, only to name it. */
          Fetch legacy;

          fetch_init (&legacy, url, report->host, report->port, options, resolve, deadline,
                      cancellable);
          legacy.legacy_tls = TRUE;
          /* Only a handshake that showed a certificate names a version: a
           * server that resets every connection offers no TLS at all. */
          if (fetch_run (&legacy) ||
              (legacy.certificates != NULL && legacy.certificates->len > 0))
            {
              report->tls_version = g_strdup (legacy.tls_version);
              check_certificate (report, &legacy, options, now, cancellable);
              report->https_error =
                g_strdup_printf (_("%s only offers %s, an old version of the secure connection "
                                   "that current browsers refuse."),
                                 report->host,
                                 legacy.tls_version != NULL ? legacy.tls_version : "TLS 1.0/1.1");
              fetch_clear (&legacy);
              fetch_clear (&fetch);
              return;
            }
          fetch_clear (&legacy);
        }

      if (first)
        {
          report->tls_version = g_strdup (fetch.tls_version);
          check_certificate (report, &fetch, options, now, cancellable);
        }

      if (!answered)
        {
          report->https_error = describe_failure (&fetch);
          fetch_clear (&fetch);
          return;
        }

      /* HSTS counts on the first answer over a good connection, redirect or not. */
      if (first && fetch.hsts != NULL)
        {
          report->hsts_max_age = hsts_max_age (fetch.hsts);
          report->hsts = report->hsts_max_age >= 0;
          if (!report->hsts)
            report->hsts_max_age = -1;
        }

      if (fetch.status >= 300 && fetch.status < 400 && fetch.location != NULL)
        next = resolve_location (url, fetch.location);

      if (next != NULL && g_ascii_strcasecmp (g_uri_get_scheme (next), "https") == 0 &&
          g_uri_get_host (next) != NULL &&
          g_ascii_strcasecmp (g_uri_get_host (next), report->host) == 0 &&
          uri_port (next) == report->port)
        {
          if (++hops > OTASUKE_SITE_MAX_REDIRECTS)
            {
              report->https_error =
                g_strdup_printf (_("The pages of %s send the visitor round in a circle of "
                                   "redirections, so no page is shown."),
                                 report->host);
              add_finding (report, "redirect-loop", OTASUKE_SITE_SEVERITY_HIGH,
                           g_strdup_printf (_("The home page of %s never appears: it redirects "
                                              "round in a circle (more than %d times). Ask the "
                                              "web company to correct the redirect settings."),
                                            report->host, OTASUKE_SITE_MAX_REDIRECTS));
              fetch_clear (&fetch);
              return;
            }
          g_free (url);
          url = g_uri_to_string (next);
          first = FALSE;
          fetch_clear (&fetch);
          continue;
        }

      report->nosniff = fetch.content_type_options != NULL &&
                        g_ascii_strcasecmp (fetch.content_type_options, "nosniff") == 0;
      report->frame_protection = (fetch.frame_options != NULL &&
                                  (g_ascii_strcasecmp (fetch.frame_options, "DENY") == 0 ||
                                   g_ascii_strcasecmp (fetch.frame_options, "SAMEORIGIN") == 0)) ||
                                 csp_has_frame_ancestors (fetch.csp);
      report->https_ok = report->has_certificate && report->cert_trusted &&
                         report->cert_hostname_matches && report->cert_days_left >= 0;
      if (!report->https_ok)
        report->https_error = g_strdup_printf (_("Browsers warn visitors of %s that the "
                                                 "connection is not safe."),
                                               report->host);
      fetch_clear (&fetch);
      return;
    }
}

static void
check_http_redirect (OtasukeSiteReport             *report,
                     const OtasukeSiteCheckOptions *options,
                     struct curl_slist             *resolve,
                     gint64                         deadline,
                     GCancellable                  *cancellable)
{
  g_autofree char *url = site_url ("http", report->host, options->http_port, 80);

  for (guint hops = 0; hops <= OTASUKE_SITE_MAX_REDIRECTS; hops++)
    {
      Fetch fetch;
      g_autoptr(GUri) next = NULL;

      fetch_init (&fetch, url, report->host, options->http_port, options, resolve, deadline,
                  cancellable);
      if (!fetch_run (&fetch))
        {
          /* Nothing answers on plain HTTP: there is nothing to send anywhere. */
          report->http_redirects_to_https = hops == 0 ? -1 : 0;
          fetch_clear (&fetch);
          return;
        }
      if (fetch.status >= 300 && fetch.status < 400 && fetch.location != NULL)
        next = resolve_location (url, fetch.location);
      fetch_clear (&fetch);

      if (next == NULL)
        {
          report->http_redirects_to_https = 0;
          return;
        }
      if (g_ascii_strcasecmp (g_uri_get_scheme (next), "https") == 0)
        {
          report->http_redirects_to_https = 1;
          return;
        }
      if (g_ascii_strcasecmp (g_uri_get_scheme (next), "http") != 0 ||
          g_uri_get_host (next) == NULL ||
          g_ascii_strcasecmp (g_uri_get_host (next), report->host) != 0)
        {
          report->http_redirects_to_https = 0;
          return;
        }
      g_free (url);
      url = g_uri_to_string (next);
    }
  report->http_redirects_to_https = 0;
}

/* ---------------------------------------------------------------- mail */

typedef struct {
  int pending;
} MailLookups;

typedef struct {
  MailLookups *lookups;
  GList      **records;
  GError     **error;
} LookupSlot;

static void
slot_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LookupSlot *slot = user_data;

  *slot->records = g_resolver_lookup_records_finish (G_RESOLVER (object), result, slot->error);
  slot->lookups->pending--;
  g_free (slot);
}

static gboolean
deadline_reached (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
start_lookup (GResolver           *resolver,
              const char          *name,
              GResolverRecordType  type,
              MailLookups         *lookups,
              GList              **records,
              GError             **error,
              GCancellable        *cancellable)
{
  LookupSlot *slot = g_new0 (LookupSlot, 1);

  slot->lookups = lookups;
  slot->records = records;
  slot->error = error;
  lookups->pending++;
  g_resolver_lookup_records_async (resolver, name, type, cancellable, slot_done, slot);
}

/* The TXT record of @records that starts with @tag, joined, or NULL. */
static char *
find_txt (GList      *records,
          const char *tag)
{
  for (GList *l = records; l != NULL; l = l->next)
    {
      g_autofree const char **strings = NULL;
      g_autoptr(GString) joined = g_string_new (NULL);

      g_variant_get (l->data, "(^a&s)", &strings);
      for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
        g_string_append (joined, strings[i]);
      if (g_ascii_strncasecmp (joined->str, tag, strlen (tag)) == 0 &&
          (joined->str[strlen (tag)] == ' ' || joined->str[strlen (tag)] == ';' ||
           joined->str[strlen (tag)] == '\0'))
        return g_string_free (g_steal_pointer (&joined), FALSE);
    }
  return NULL;
}

static gboolean
lookup_not_found (const GError *error)
{
  return error == NULL || g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
}

static char *
dmarc_tag (const char *record,
           const char *tag)
{
  g_auto(GStrv) parts = g_strsplit (record, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));

      if (g_ascii_strncasecmp (part, tag, strlen (tag)) == 0 && part[strlen (tag)] == '=')
        return g_ascii_strdown (g_strstrip (part + strlen (tag) + 1), -1);
    }
  return NULL;
}

static gint
compare_mx (gconstpointer a,
            gconstpointer b)
{
  guint16 pa, pb;
  const char *ha, *hb;

  g_variant_get (*(GVariant **) a, "(q&s)", &pa, &ha);
  g_variant_get (*(GVariant **) b, "(q&s)", &pb, &hb);
  return pa != pb ? (int) pa - (int) pb : g_strcmp0 (ha, hb);
}

static void
check_mail (OtasukeSiteReport *report,
            GCancellable      *cancellable)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) lookup_cancellable = g_cancellable_new ();
  g_autofree char *dmarc_name = g_strconcat ("_dmarc.", report->mail_domain, NULL);
  GList *mx = NULL, *txt = NULL, *dmarc = NULL;
  GError *mx_error = NULL, *txt_error = NULL, *dmarc_error = NULL;
  MailLookups lookups = { 0 };
  GSource *timeout;
  gulong cancel_id = 0;

  g_main_context_push_thread_default (context);
  start_lookup (resolver, report->mail_domain, G_RESOLVER_RECORD_MX, &lookups, &mx, &mx_error,
                lookup_cancellable);
  start_lookup (resolver, report->mail_domain, G_RESOLVER_RECORD_TXT, &lookups, &txt, &txt_error,
                lookup_cancellable);
  start_lookup (resolver, dmarc_name, G_RESOLVER_RECORD_TXT, &lookups, &dmarc, &dmarc_error,
                lookup_cancellable);

  /* Bounded: the system resolver may take far longer. */
  timeout = g_timeout_source_new (MAIL_DEADLINE_MS);
  g_source_set_callback (timeout, deadline_reached, lookup_cancellable, NULL);
  g_source_attach (timeout, context);
  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel),
                                       lookup_cancellable, NULL);
  while (lookups.pending > 0)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);
  g_main_context_pop_thread_default (context);

  if (mx != NULL || lookup_not_found (mx_error))
    {
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
      g_autoptr(GStrvBuilder) hosts = g_strv_builder_new ();

      for (GList *l = mx; l != NULL; l = l->next)
        g_ptr_array_add (sorted, l->data);
      g_ptr_array_sort (sorted, compare_mx);
      for (guint i = 0; i < sorted->len; i++)
        {
          const char *host;
          guint16 preference;

          g_variant_get (g_ptr_array_index (sorted, i), "(q&s)", &preference, &host);
          g_strv_builder_add (hosts, host);
        }
      report->mx = g_strv_builder_end (hosts);
    }
  report->spf = find_txt (txt, "v=spf1");
  report->dmarc = find_txt (dmarc, "v=DMARC1");
  if (report->dmarc != NULL)
    report->dmarc_policy = dmarc_tag (report->dmarc, "p");

  if (report->mx == NULL || !lookup_not_found (txt_error) || !lookup_not_found (dmarc_error))
    add_finding (report, "mail-lookup-failed", OTASUKE_SITE_SEVERITY_INFO,
                 g_strdup_printf (_("The mail settings of %s could not all be looked up just now "
                                    "(no answer from the name server). They are checked again "
                                    "next time."),
                                  report->mail_domain));

  if (report->mx != NULL && report->mx[0] == NULL)
    add_finding (report, "mail-no-mx", OTASUKE_SITE_SEVERITY_LOW,
                 g_strdup_printf (_("%s names no mail server (MX record). If you receive mail at "
                                    "this domain, ask the mail provider to set the MX record; "
                                    "if you do not, that is fine."),
                                  report->mail_domain));

  if (report->spf == NULL && lookup_not_found (txt_error))
    add_finding (report, "mail-no-spf", OTASUKE_SITE_SEVERITY_MEDIUM,
                 g_strdup_printf (_("%s has no SPF record. SPF tells other mail servers which "
                                    "servers may send mail in your name, so forged mail from "
                                    "your address can be recognised. Ask your mail provider for "
                                    "the SPF record to add to the domain's DNS settings."),
                                  report->mail_domain));
  else if (report->spf != NULL &&
           (strstr (report->spf, "+all") != NULL || g_str_has_suffix (report->spf, " all") ||
            strstr (report->spf, "?all") != NULL))
    add_finding (report, "mail-spf-weak", OTASUKE_SITE_SEVERITY_MEDIUM,
                 g_strdup_printf (_("The SPF record of %s ends in “+all” or “?all”, so it allows "
                                    "any server to send mail in your name. Ask your mail provider "
                                    "to end it with “-all” or “~all”."),
                                  report->mail_domain));

  if (report->dmarc == NULL && lookup_not_found (dmarc_error))
    add_finding (report, "mail-no-dmarc", OTASUKE_SITE_SEVERITY_MEDIUM,
                 g_strdup_printf (_("%s has no DMARC record. DMARC tells receiving mail servers "
                                    "what to do with mail that pretends to come from you but "
                                    "fails SPF, and sends you reports about it. Ask your mail "
                                    "provider or web company to add a DMARC record "
                                    "(_dmarc.%s), starting with “p=none” and then "
                                    "“p=quarantine”."),
                                  report->mail_domain, report->mail_domain));
  else if (report->dmarc != NULL && g_strcmp0 (report->dmarc_policy, "none") == 0)
    add_finding (report, "mail-dmarc-none", OTASUKE_SITE_SEVERITY_LOW,
                 g_strdup_printf (_("The DMARC record of %s only watches (p=none): forged mail "
                                    "in your name is still delivered. Once the reports show that "
                                    "your own mail passes, ask for “p=quarantine”."),
                                  report->mail_domain));

  g_list_free_full (mx, (GDestroyNotify) g_variant_unref);
  g_list_free_full (txt, (GDestroyNotify) g_variant_unref);
  g_list_free_full (dmarc, (GDestroyNotify) g_variant_unref);
  g_clear_error (&mx_error);
  g_clear_error (&txt_error);
  g_clear_error (&dmarc_error);
}

/* ------------------------------------------------------------ findings */

static void
website_findings (OtasukeSiteReport *report)
{
  const char *host = report->host;

  if (!report->has_certificate)
    {
      add_finding (report, "https-unreachable", OTASUKE_SITE_SEVERITY_HIGH,
                   g_strdup_printf (_("The website %s could not be opened securely (https): %s "
                                      "Ask the web company to check that the site answers over "
                                      "HTTPS with a valid certificate."),
                                    host, report->https_error));
      return;
    }

  if (report->tls_version != NULL &&
      (g_str_equal (report->tls_version, "TLSv1.0") || g_str_equal (report->tls_version, "TLSv1.1") ||
       g_str_has_prefix (report->tls_version, "SSL")))
    add_finding (report, "tls-obsolete", OTASUKE_SITE_SEVERITY_HIGH,
                 g_strdup_printf (_("%s only uses %s, an old form of encryption that browsers "
                                    "no longer accept and that can be broken. Ask the web company "
                                    "to turn on TLS 1.2 and TLS 1.3 and to turn off the old "
                                    "versions."),
                                  host, report->tls_version));

  if (report->cert_days_left < 0)
    add_finding (report, "certificate-expired", OTASUKE_SITE_SEVERITY_HIGH,
                 g_strdup_printf (_("The certificate of %s expired on %s. Browsers show visitors a "
                                    "warning, and a site that looks abandoned invites fraud. Ask "
                                    "the web company to renew the certificate now (and to set up "
                                    "automatic renewal)."),
                                  host, report->cert_not_after));
  else if (report->cert_days_left <= 30)
    add_finding (report, "certificate-expiring", OTASUKE_SITE_SEVERITY_MEDIUM,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The certificate of %s expires in %d day. Ask the "
                                               "web company to renew it before then, or to "
                                               "confirm that it renews automatically.",
                                               "The certificate of %s expires in %d days. Ask the "
                                               "web company to renew it before then, or to "
                                               "confirm that it renews automatically.",
                                               (gulong) report->cert_days_left),
                                  host, (int) report->cert_days_left));

  if (!report->cert_trusted)
    add_finding (report, "certificate-untrusted", OTASUKE_SITE_SEVERITY_HIGH,
                 g_strdup_printf (_("The certificate of %s is not issued by an authority that "
                                    "browsers trust (for example a self-made certificate). "
                                    "Visitors see a warning and cannot tell your site from a fake "
                                    "one. Ask the web company for a certificate from a recognised "
                                    "authority (Let's Encrypt is free)."),
                                  host));

  if (!report->cert_hostname_matches)
    add_finding (report, "certificate-wrong-host", OTASUKE_SITE_SEVERITY_HIGH,
                 g_strdup_printf (_("The certificate shown by %s is made out for another name "
                                    "(%s). Browsers warn visitors that the site may be a fake. "
                                    "Ask the web company for a certificate that covers %s."),
                                  host,
                                  report->cert_subject != NULL ? report->cert_subject : "?", host));

  if (report->http_redirects_to_https == 0)
    add_finding (report, "no-https-redirect", OTASUKE_SITE_SEVERITY_MEDIUM,
                 g_strdup_printf (_("Visitors who type http://%s are not sent on to the secure "
                                    "https:// page, so what they send can be read or changed on "
                                    "the way. Ask the web company to redirect http to https."),
                                  host));

  if (!report->hsts)
    add_finding (report, "no-hsts", OTASUKE_SITE_SEVERITY_MEDIUM,
                 g_strdup_printf (_("%s does not tell browsers to use only the secure connection "
                                    "(HSTS). Without it, a visitor on a public Wi-Fi can be "
                                    "diverted to a fake page. Ask the web company to add the "
                                    "header “Strict-Transport-Security: max-age=31536000”."),
                                  host));
  else if (report->hsts_max_age < HSTS_GOOD_MAX_AGE)
    add_finding (report, "hsts-short", OTASUKE_SITE_SEVERITY_LOW,
                 g_strdup_printf (_("%s asks browsers to remember the secure connection for only "
                                    "%lld seconds (HSTS max-age). Ask the web company for at least "
                                    "half a year (15552000)."),
                                  host, (long long) report->hsts_max_age));

  if (!report->nosniff)
    add_finding (report, "no-content-type-options", OTASUKE_SITE_SEVERITY_LOW,
                 g_strdup_printf (_("%s does not send “X-Content-Type-Options: nosniff”, which "
                                    "stops browsers from running uploaded files as programs. Ask "
                                    "the web company to add it."),
                                  host));

  if (!report->frame_protection)
    add_finding (report, "no-frame-protection", OTASUKE_SITE_SEVERITY_LOW,
                 g_strdup_printf (_("%s can be shown inside another site's frame, which lets a "
                                    "fake page trick visitors into clicking on yours. Ask the web "
                                    "company to add “X-Frame-Options: SAMEORIGIN” (or the CSP "
                                    "frame-ancestors rule)."),
                                  host));
}

static gint
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const OtasukeSiteFinding *fa = *(const OtasukeSiteFinding **) a;
  const OtasukeSiteFinding *fb = *(const OtasukeSiteFinding **) b;

  return (int) fa->severity - (int) fb->severity;
}

/* ------------------------------------------------------------ the check */

OtasukeSiteReport *
otasuke_site_check_run (const OtasukeSiteCheckOptions *given,
                        GCancellable                  *cancellable,
                        GError                       **error)
{
  OtasukeSiteCheckOptions options = *given;
  g_autoptr(OtasukeSiteReport) report = report_new ();
  struct curl_slist *resolve = NULL;
  gint64 deadline;
  gint64 now;

  g_return_val_if_fail (given->host != NULL, NULL);

  if (!host_is_valid (given->host) || given->port == 25 || given->http_port == 25)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a website address. Enter a host name such as "
                     "www.example.jp, optionally with a port."),
                   given->host);
      return NULL;
    }

  if (options.port == 0)
    options.port = 443;
  if (options.http_port == 0)
    options.http_port = 80;
  if (options.connect_timeout_ms == 0)
    options.connect_timeout_ms = 5000;
  if (options.stall_timeout_ms == 0)
    options.stall_timeout_ms = 5000;
  if (options.total_timeout_ms == 0)
    options.total_timeout_ms = 10000;
  now = options.now != 0 ? options.now : g_get_real_time () / G_USEC_PER_SEC;
  /* The whole website part: at most three requests' worth of time. */
  deadline = g_get_monotonic_time () + 3 * (gint64) options.total_timeout_ms * 1000;

  curl_init_once ();
  for (guint i = 0; options.resolve != NULL && options.resolve[i] != NULL; i++)
    resolve = curl_slist_append (resolve, options.resolve[i]);

  report->host = g_ascii_strdown (options.host, -1);
  report->port = options.port;

  if (!options.mail_only)
    {
      check_https (report, &options, resolve, deadline, now, cancellable);
      if (!g_cancellable_is_cancelled (cancellable) && report->has_certificate)
        check_http_redirect (report, &options, resolve, deadline, cancellable);
      website_findings (report);
    }
  else
    {
      report->port = 0;
      if (options.mail_domain == NULL)
        options.mail_domain = report->host;
    }
  curl_slist_free_all (resolve);

  if (options.mail_domain == NULL)
    report->mail_domain = g_strdup (g_str_has_prefix (report->host, "www.") ?
                                    report->host + 4 : report->host);
  else if (*options.mail_domain != '\0')
    report->mail_domain = g_ascii_strdown (options.mail_domain, -1);
  /* Reserved names and addresses are never sent to a name server. */
  if (report->mail_domain != NULL && otasuke_site_is_special_name (report->mail_domain) &&
      options.mail_domain == NULL)
    g_clear_pointer (&report->mail_domain, g_free);
  if (report->mail_domain != NULL && !g_cancellable_is_cancelled (cancellable))
    check_mail (report, cancellable);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_ptr_array_sort (report->findings, compare_findings);
  report->score = otasuke_site_report_score (report);
  return g_steal_pointer (&report);
}

static void
options_free (OtasukeSiteCheckOptions *options)
{
  g_free ((char *) options->host);
  g_free ((char *) options->mail_domain);
  g_strfreev ((GStrv) options->resolve);
  g_free ((char *) options->ca_file);
  g_free (options);
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  OtasukeSiteReport *report = otasuke_site_check_run (task_data, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) otasuke_site_report_free);
}

void
otasuke_site_check_run_async (const OtasukeSiteCheckOptions *options,
                              GCancellable                  *cancellable,
                              GAsyncReadyCallback            callback,
                              gpointer                       user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OtasukeSiteCheckOptions *copy = g_new0 (OtasukeSiteCheckOptions, 1);

  *copy = *options;
  copy->host = g_strdup (options->host);
  copy->mail_domain = g_strdup (options->mail_domain);
  copy->resolve = (const char * const *) g_strdupv ((GStrv) options->resolve);
  copy->ca_file = g_strdup (options->ca_file);
  g_task_set_source_tag (task, otasuke_site_check_run_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) options_free);
  g_task_run_in_thread (task, run_in_thread);
}

OtasukeSiteReport *
otasuke_site_check_run_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------- JSON */

static json_t *
report_to_tree (const OtasukeSiteReport *report,
                gboolean                 for_store)
{
  json_t *root = json_object ();
  json_t *https = json_object ();
  json_t *mail = json_object ();
  json_t *findings = json_array ();

  otasuke_json_set_string (root, "host", report->host);
  otasuke_json_set (root, "https", https);
  otasuke_json_set_bool (https, "ok", report->https_ok);
  otasuke_json_set_string (https, "error", report->https_error);
  otasuke_json_set_string (https, "tls_version", report->tls_version);
  otasuke_json_set_bool (https, "hsts", report->hsts);
  if (report->hsts_max_age >= 0)
    otasuke_json_set_int (https, "hsts_max_age", report->hsts_max_age);
  else
    otasuke_json_set_null (https, "hsts_max_age");
  if (report->has_certificate)
    {
      json_t *certificate = otasuke_json_set (https, "certificate", json_object ());

      otasuke_json_set_string (certificate, "subject", report->cert_subject);
      otasuke_json_set_string (certificate, "issuer", report->cert_issuer);
      otasuke_json_set_string (certificate, "not_after", report->cert_not_after);
      otasuke_json_set_int (certificate, "days_left", report->cert_days_left);
      otasuke_json_set_bool (certificate, "trusted", report->cert_trusted);
      otasuke_json_set_bool (certificate, "hostname_matches", report->cert_hostname_matches);
    }
  else
    otasuke_json_set_null (https, "certificate");

  if (report->http_redirects_to_https < 0)
    otasuke_json_set_null (root, "http_redirects_to_https");
  else
    otasuke_json_set_bool (root, "http_redirects_to_https", report->http_redirects_to_https);

  otasuke_json_set (root, "mail", mail);
  if (report->mx != NULL)
    {
      json_t *mx = otasuke_json_set (mail, "mx", json_array ());

      for (guint i = 0; report->mx[i] != NULL; i++)
        json_array_append_new (mx, otasuke_json_string_new (report->mx[i]));
    }
  else
    otasuke_json_set_null (mail, "mx");
  otasuke_json_set_string (mail, "spf", report->spf);
  otasuke_json_set_string (mail, "dmarc", report->dmarc);

  otasuke_json_set (root, "findings", findings);
  for (guint i = 0; i < report->findings->len; i++)
    {
      const OtasukeSiteFinding *finding = g_ptr_array_index (report->findings, i);
      json_t *item = json_object ();

      otasuke_json_set_string (item, "id", finding->id);
      otasuke_json_set_string (item, "severity", otasuke_site_severity_to_string (finding->severity));
      otasuke_json_set_string (item, "text", finding->text);
      json_array_append_new (findings, item);
    }

  if (for_store)
    {
      json_t *extra = otasuke_json_set (root, "otasuke", json_object ());

      otasuke_json_set_int (extra, "port", report->port);
      otasuke_json_set_int (extra, "score", report->score);
      otasuke_json_set_bool (extra, "nosniff", report->nosniff);
      otasuke_json_set_bool (extra, "frame_protection", report->frame_protection);
      otasuke_json_set_int (extra, "not_after_unix", report->cert_not_after_unix);
      otasuke_json_set_string (extra, "mail_domain", report->mail_domain);
      otasuke_json_set_string (extra, "dmarc_policy", report->dmarc_policy);
    }
  return root;
}

char *
otasuke_site_report_to_json (const OtasukeSiteReport *report,
                             gboolean                 pretty)
{
  g_autoptr(json_t) root = report_to_tree (report, FALSE);

  return otasuke_json_to_string (root, pretty);
}

char *
otasuke_site_report_to_store_json (const OtasukeSiteReport *report)
{
  g_autoptr(json_t) root = report_to_tree (report, TRUE);

  return otasuke_json_to_string (root, FALSE);
}

static char *
dup_string (const json_t *object,
            const char   *name)
{
  return g_strdup (otasuke_json_get_string (object, name));
}

static gboolean
get_bool (const json_t *object,
          const char   *name)
{
  json_t *value = json_object_get (object, name);

  return value != NULL && json_is_true (value);
}

OtasukeSiteReport *
otasuke_site_report_from_json (const char  *text,
                               GError     **error)
{
  g_autoptr(json_t) root = otasuke_json_load_strict (text, strlen (text), 16, error);
  g_autoptr(OtasukeSiteReport) report = NULL;
  json_t *https, *certificate, *mail, *findings, *mx, *extra, *redirect;
  gint64 value;

  if (root == NULL)
    return NULL;
  https = otasuke_json_get_object (root, "https");
  mail = otasuke_json_get_object (root, "mail");
  findings = otasuke_json_get_array (root, "findings");
  if (otasuke_json_get_string (root, "host") == NULL || https == NULL || findings == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved website check could not be read."));
      return NULL;
    }

  report = report_new ();
  report->host = dup_string (root, "host");
  report->https_ok = get_bool (https, "ok");
  report->https_error = dup_string (https, "error");
  report->tls_version = dup_string (https, "tls_version");
  report->hsts = get_bool (https, "hsts");
  if (otasuke_json_get_int (https, "hsts_max_age", &value))
    report->hsts_max_age = value;
  certificate = otasuke_json_get_object (https, "certificate");
  if (certificate != NULL)
    {
      report->has_certificate = TRUE;
      report->cert_subject = dup_string (certificate, "subject");
      report->cert_issuer = dup_string (certificate, "issuer");
      report->cert_not_after = dup_string (certificate, "not_after");
      if (otasuke_json_get_int (certificate, "days_left", &value))
        report->cert_days_left = value;
      report->cert_trusted = get_bool (certificate, "trusted");
      report->cert_hostname_matches = get_bool (certificate, "hostname_matches");
    }
  redirect = json_object_get (root, "http_redirects_to_https");
  report->http_redirects_to_https = redirect == NULL || json_is_null (redirect) ? -1 :
                                    json_is_true (redirect) ? 1 : 0;
  if (mail != NULL)
    {
      mx = otasuke_json_get_array (mail, "mx");
      if (mx != NULL)
        {
          g_autoptr(GStrvBuilder) hosts = g_strv_builder_new ();

          for (gsize i = 0; i < json_array_size (mx); i++)
            if (json_is_string (json_array_get (mx, i)))
              g_strv_builder_add (hosts, json_string_value (json_array_get (mx, i)));
          report->mx = g_strv_builder_end (hosts);
        }
      report->spf = dup_string (mail, "spf");
      report->dmarc = dup_string (mail, "dmarc");
    }
  for (gsize i = 0; i < json_array_size (findings); i++)
    {
      json_t *item = json_array_get (findings, i);
      const char *id = otasuke_json_get_string (item, "id");
      const char *finding_text = otasuke_json_get_string (item, "text");

      if (id != NULL && finding_text != NULL)
        add_finding (report, id, severity_from_string (otasuke_json_get_string (item, "severity")),
                     g_strdup (finding_text));
    }

  extra = otasuke_json_get_object (root, "otasuke");
  if (extra != NULL)
    {
      if (otasuke_json_get_int (extra, "port", &value) && value > 0 && value < 65536)
        report->port = (guint) value;
      if (otasuke_json_get_int (extra, "not_after_unix", &value))
        report->cert_not_after_unix = value;
      report->nosniff = get_bool (extra, "nosniff");
      report->frame_protection = get_bool (extra, "frame_protection");
      report->mail_domain = dup_string (extra, "mail_domain");
      report->dmarc_policy = dup_string (extra, "dmarc_policy");
    }
  report->score = otasuke_site_report_score (report);
  return g_steal_pointer (&report);
}
