/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-fetch"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-feed-fetcher.h"
#include "otasuke-url.h"

#define DEFAULT_MAX_BYTES          (4 * 1024 * 1024)
#define DEFAULT_CONNECT_TIMEOUT_MS (15 * 1000)
#define DEFAULT_STALL_TIMEOUT_MS   (15 * 1000)
#define DEFAULT_TOTAL_TIMEOUT_MS   (60 * 1000)
#define SIGNATURE_MAX_BYTES        (8 * 1024)
#define SIGNATURE_SUFFIX           ".minisig"
#define MAX_REDIRECTS              5
#define VALIDATOR_MAX_LENGTH       1024
/* As libsoup parses http(s) addresses. */
#define HTTP_URI_FLAGS             (G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_PATH | \
                                    G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_ENCODED_FRAGMENT | \
                                    G_URI_FLAGS_SCHEME_NORMALIZE)

#define BACKOFF_BASE_SECONDS       (5 * 60)
#define BACKOFF_JITTER             0.2
#define BACKOFF_MAX_DOUBLINGS      32

struct _OtasukeFeedFetcher
{
  GObject parent_instance;

  gsize           max_bytes;
  guint           connect_timeout_ms;
  guint           stall_timeout_ms;
  guint           total_timeout_ms;
  GProxyResolver *proxy_resolver;
  char           *ca_file;
};

G_DEFINE_FINAL_TYPE (OtasukeFeedFetcher, otasuke_feed_fetcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROXY_RESOLVER,
  PROP_CA_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One fetch, copied from the fetcher when it starts: the worker thread
 * owns it and shares nothing with the caller's thread. */
typedef struct
{
  GUri           *uri;
  char           *etag;
  char           *last_modified;
  gsize           max_bytes;
  guint           connect_timeout_ms;
  guint           stall_timeout_ms;
  guint           total_timeout_ms;
  GProxyResolver *proxy_resolver;
  char           *ca_file;
} FetchJob;

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
fetch_job_free (FetchJob *job)
{
  g_clear_pointer (&job->uri, g_uri_unref);
  g_free (job->etag);
  g_free (job->last_modified);
  g_clear_object (&job->proxy_resolver);
  g_free (job->ca_file);
  g_free (job);
}

static const char *
host_of (GUri *uri)
{
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return host != NULL ? host : "";
}

static GError *
http_status_error (GUri  *uri,
                   guint  status)
{
  /* The standard phrase, not the server's: that one is untrusted text. */
  return g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_HTTP,
                      /* Translators: "The server example.jp answered 404 Not Found." */
                      _("The server %s answered %u %s."),
                      host_of (uri), status, otasuke_http_status_phrase (status));
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
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
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

/* GETs *@uri, following up to MAX_REDIRECTS redirects, each one checked
 * before it is followed; *@uri is left at the last address asked. Answers
 * 200 (with a body), 304 when @conditional, or an error. */
static OtasukeHttpResponse *
get_following_redirects (OtasukeHttpSession  *session,
                         const FetchJob      *job,
                         GUri               **uri,
                         gsize                max_bytes,
                         gboolean             conditional,
                         gint64               deadline,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autofree char *if_none_match = NULL;
  g_autofree char *if_modified_since = NULL;
  const char *headers[3] = { NULL };
  guint n_headers = 0;

  if (conditional && job->etag != NULL)
    headers[n_headers++] = if_none_match = g_strconcat ("If-None-Match: ", job->etag, NULL);
  if (conditional && job->last_modified != NULL)
    headers[n_headers++] = if_modified_since = g_strconcat ("If-Modified-Since: ",
                                                            job->last_modified, NULL);

  for (guint redirects = 0; ; redirects++)
    {
      g_autoptr(OtasukeHttpResponse) response = NULL;
      g_autoptr(GUri) next = NULL;
      g_autofree char *url = g_uri_to_string_partial (*uri, G_URI_HIDE_FRAGMENT);
      OtasukeHttpOptions options = {
        .url = url,
        .host = host_of (*uri),
        .headers = headers,
        .max_bytes = max_bytes,
        .connect_timeout_ms = job->connect_timeout_ms,
        .stall_timeout_ms = job->stall_timeout_ms,
        .deadline = deadline,
        .proxy_resolver = job->proxy_resolver,
        .ca_file = job->ca_file,
      };

      response = otasuke_http_session_get (session, &options, cancellable, error);
      if (response == NULL)
        return NULL;

      if (response->status == 200 || (conditional && response->status == 304))
        return g_steal_pointer (&response);

      if (!is_followed_redirect (response->status) || response->location == NULL)
        {
          g_propagate_error (error, http_status_error (*uri, response->status));
          return NULL;
        }

      if (redirects >= MAX_REDIRECTS)
        {
          g_set_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TOO_MANY_REDIRECTS,
                       _("%s sent the download to other addresses too many times."),
                       host_of (*uri));
          return NULL;
        }

      next = g_uri_parse_relative (*uri, response->location, HTTP_URI_FLAGS, NULL);
      if (next == NULL || !redirect_is_allowed (*uri, next))
        {
          /* Not the whole Location: it may carry a password. */
          g_debug ("Refusing redirect from %s to %s://%s", host_of (*uri),
                   next != NULL ? g_uri_get_scheme (next) : "?",
                   next != NULL && g_uri_get_host (next) != NULL ? g_uri_get_host (next) : "?");
          g_set_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_INSECURE_REDIRECT,
                       _("%s sent the download to an address that is not secure. "
                         "It was not followed."),
                       host_of (*uri));
          return NULL;
        }

      g_uri_unref (*uri);
      *uri = g_steal_pointer (&next);
    }
}

static void
fetch_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  FetchJob *job = task_data;
  g_autoptr(OtasukeHttpSession) session = otasuke_http_session_new ();
  g_autoptr(OtasukeHttpResponse) feed = NULL;
  g_autoptr(OtasukeHttpResponse) signature = NULL;
  g_autoptr(OtasukeFetchResult) result = g_new0 (OtasukeFetchResult, 1);
  g_autoptr(GUri) uri = g_uri_ref (job->uri);
  g_autoptr(GUri) sig_uri = NULL;
  GError *error = NULL;
  gint64 deadline = g_get_monotonic_time () + (gint64) job->total_timeout_ms * 1000;

  feed = get_following_redirects (session, job, &uri, job->max_bytes, TRUE, deadline,
                                  cancellable, &error);
  if (feed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  result->status = feed->status;
  result->final_url = g_uri_to_string (uri);

  if (feed->status == 304)
    {
      /* A 304 need not repeat the validators; the ones sent still hold. */
      result->not_modified = TRUE;
      result->etag = validator_is_sane (feed->etag) ? g_strdup (feed->etag) : g_strdup (job->etag);
      result->last_modified = validator_is_sane (feed->last_modified) ?
                              g_strdup (feed->last_modified) : g_strdup (job->last_modified);
      g_task_return_pointer (task, g_steal_pointer (&result),
                             (GDestroyNotify) otasuke_fetch_result_free);
      return;
    }

  result->body = g_steal_pointer (&feed->body);
  result->body_length_known = feed->length_known;
  result->etag = dup_validator (feed->etag);
  result->last_modified = dup_validator (feed->last_modified);

  /* Beside the final address: that is where the feed really lives. */
  sig_uri = signature_uri (uri);
  signature = get_following_redirects (session, job, &sig_uri, SIGNATURE_MAX_BYTES, FALSE,
                                       deadline, cancellable, &error);
  if (signature == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GError *wrapped = g_error_new (OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NO_SIGNATURE,
                                         _("The signature of the feed could not be downloaded: %s"),
                                         error->message);
          g_clear_error (&error);
          error = wrapped;
        }
      g_task_return_error (task, error);
      return;
    }

  result->signature = g_steal_pointer (&signature->body);
  g_task_return_pointer (task, g_steal_pointer (&result),
                         (GDestroyNotify) otasuke_fetch_result_free);
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
  FetchJob *job;

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

  job = g_new0 (FetchJob, 1);
  job->uri = g_uri_parse (url, HTTP_URI_FLAGS, NULL);
  g_assert (job->uri != NULL);
  job->etag = dup_validator (etag);
  job->last_modified = dup_validator (last_modified);
  job->max_bytes = self->max_bytes;
  job->connect_timeout_ms = self->connect_timeout_ms;
  job->stall_timeout_ms = self->stall_timeout_ms;
  job->total_timeout_ms = self->total_timeout_ms;
  job->proxy_resolver = self->proxy_resolver != NULL ? g_object_ref (self->proxy_resolver) :
                        g_object_ref (g_proxy_resolver_get_default ());
  job->ca_file = g_strdup (self->ca_file);
  g_task_set_task_data (task, job, (GDestroyNotify) fetch_job_free);

  g_task_run_in_thread (task, fetch_in_thread);
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

void
otasuke_feed_fetcher_set_stall_timeout (OtasukeFeedFetcher *self,
                                        guint               stall_timeout_ms)
{
  g_return_if_fail (OTASUKE_IS_FEED_FETCHER (self));
  g_return_if_fail (stall_timeout_ms > 0);

  self->stall_timeout_ms = stall_timeout_ms;
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
otasuke_feed_fetcher_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OtasukeFeedFetcher *self = OTASUKE_FEED_FETCHER (object);

  switch (prop_id)
    {
    case PROP_PROXY_RESOLVER:
      g_value_set_object (value, self->proxy_resolver);
      break;
    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_feed_fetcher_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OtasukeFeedFetcher *self = OTASUKE_FEED_FETCHER (object);

  switch (prop_id)
    {
    case PROP_PROXY_RESOLVER:
      g_set_object (&self->proxy_resolver, g_value_get_object (value));
      break;
    case PROP_CA_FILE:
      g_free (self->ca_file);
      self->ca_file = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_feed_fetcher_finalize (GObject *object)
{
  OtasukeFeedFetcher *self = OTASUKE_FEED_FETCHER (object);

  g_clear_object (&self->proxy_resolver);
  g_free (self->ca_file);

  G_OBJECT_CLASS (otasuke_feed_fetcher_parent_class)->finalize (object);
}

static void
otasuke_feed_fetcher_class_init (OtasukeFeedFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = otasuke_feed_fetcher_get_property;
  object_class->set_property = otasuke_feed_fetcher_set_property;
  object_class->finalize = otasuke_feed_fetcher_finalize;

  properties[PROP_PROXY_RESOLVER] =
    g_param_spec_object ("proxy-resolver", NULL, NULL, G_TYPE_PROXY_RESOLVER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
otasuke_feed_fetcher_init (OtasukeFeedFetcher *self)
{
  self->max_bytes = DEFAULT_MAX_BYTES;
  self->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
  self->stall_timeout_ms = DEFAULT_STALL_TIMEOUT_MS;
  self->total_timeout_ms = DEFAULT_TOTAL_TIMEOUT_MS;
}
