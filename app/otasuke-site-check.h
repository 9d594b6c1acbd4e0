/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The website and mail-domain check (issue #12), on libcurl and GResolver.
 *
 * Website: one HTTPS GET of "/" (same-host redirects followed, at most
 * OTASUKE_SITE_MAX_REDIRECTS), with verification done by the program itself
 * on the chain the server sent (CURLINFO_CERTINFO → GTlsDatabase), so an
 * untrusted, expired or wrongly named certificate is still described; the TLS
 * version; Strict-Transport-Security and two headers worth having
 * (X-Content-Type-Options, frame protection by X-Frame-Options or CSP
 * frame-ancestors); then whether http:// sends the visitor to https://.
 * A server that accepts nothing newer than TLS 1.1 is tried once more with the
 * old versions allowed, only to name its version. Every request has a connect,
 * stall and total limit and a body and header cap; port 25 is never used
 * (mail is judged by its DNS records alone: MX, SPF and DMARC, through
 * g_resolver_lookup_records() on the default GResolver).
 *
 * Blocking: run it in a worker thread (otasuke_site_check_run_async()). */

#define OTASUKE_SITE_MAX_REDIRECTS 5

typedef struct {
  const char  *host;             /* the website's host name (or IP literal) */
  guint        port;             /* HTTPS port, 0: 443 */
  guint        http_port;        /* the plain-HTTP port tried for the redirect, 0: 80 */
  const char  *mail_domain;      /* NULL: @host without a leading "www."; "" : no mail check */
  const char * const *resolve;   /* curl's "HOST:PORT:ADDRESS" entries, NULL-terminated; may be NULL */
  const char  *ca_file;          /* NULL: the system's trusted certificates */
  guint        connect_timeout_ms; /* 0: 5000 */
  guint        stall_timeout_ms;   /* 0: 5000 */
  guint        total_timeout_ms;   /* for each request; 0: 10000 */
  gint64       now;              /* unix seconds for days left; 0: the clock */
  gboolean     mail_only;        /* no web request: @host is the mail domain */
} OtasukeSiteCheckOptions;

typedef enum {
  OTASUKE_SITE_SEVERITY_HIGH,
  OTASUKE_SITE_SEVERITY_MEDIUM,
  OTASUKE_SITE_SEVERITY_LOW,
  OTASUKE_SITE_SEVERITY_INFO,
} OtasukeSiteSeverity;

typedef struct {
  char               *id;        /* stable, e.g. "certificate-expired" */
  OtasukeSiteSeverity severity;
  char               *text;      /* what it means and what to ask for, translated */
} OtasukeSiteFinding;

typedef struct {
  char      *host;
  guint      port;

  gboolean   https_ok;           /* a final (non-redirect) answer over trusted, current TLS */
  char      *https_error;        /* NULL when ok */
  char      *tls_version;        /* "TLSv1.3", NULL when unknown */
  gboolean   hsts;
  gint64     hsts_max_age;       /* -1 without HSTS */
  gboolean   nosniff;            /* X-Content-Type-Options: nosniff */
  gboolean   frame_protection;   /* X-Frame-Options or CSP frame-ancestors */

  gboolean   has_certificate;    /* FALSE: the fields below are empty */
  char      *cert_subject;
  char      *cert_issuer;
  char      *cert_not_after;     /* ISO 8601 UTC, "2027-01-31T12:00:00Z" */
  gint64     cert_not_after_unix;
  gint64     cert_days_left;     /* negative once expired */
  gboolean   cert_trusted;       /* the chain ends at a trusted authority */
  gboolean   cert_hostname_matches;

  int        http_redirects_to_https; /* 1 yes, 0 no, -1 could not be checked */

  char      *mail_domain;        /* NULL: no mail check */
  GStrv      mx;                 /* NULL: not looked up or failed; empty: none */
  char      *spf;                /* the v=spf1 record, NULL when none */
  char      *dmarc;              /* the v=DMARC1 record, NULL when none */
  char      *dmarc_policy;       /* "none", "quarantine", "reject" or NULL */

  GPtrArray *findings;           /* of OtasukeSiteFinding, worst first */
  int        score;              /* 0–100, see otasuke_site_report_score() */
} OtasukeSiteReport;

/* NULL only when the check could not run at all (a bad host or port, or
 * cancelled); a site that cannot be reached is a report saying so. */
OtasukeSiteReport *otasuke_site_check_run        (const OtasukeSiteCheckOptions *options,
                                                  GCancellable                  *cancellable,
                                                  GError                       **error);
/* The same in a worker thread; @options and its strings are copied. */
void               otasuke_site_check_run_async  (const OtasukeSiteCheckOptions *options,
                                                  GCancellable                  *cancellable,
                                                  GAsyncReadyCallback            callback,
                                                  gpointer                       user_data);
OtasukeSiteReport *otasuke_site_check_run_finish (GAsyncResult                  *result,
                                                  GError                       **error);

/* Parses "HOST", "HOST:PORT", "[V6]:PORT"; FALSE with a message otherwise. */
gboolean           otasuke_site_parse_target     (const char                    *text,
                                                  char                         **host,
                                                  guint                         *port,
                                                  GError                       **error);
/* Names the program never asks DNS about: IP literals, "localhost" and the
 * special-use names of RFC 6761 (.test, .invalid, .localhost, .example). */
gboolean           otasuke_site_is_special_name  (const char                    *host);

/* The score, in the spirit of Mozilla's Observatory: 100, less a fixed
 * amount for each finding by its severity (high 40, medium 20, low 5), at
 * least 0; nothing reachable over HTTPS is 0. */
int                otasuke_site_report_score     (const OtasukeSiteReport       *report);

/* The JSON object of `otasuke --site-check` (pretty when @pretty). */
char              *otasuke_site_report_to_json   (const OtasukeSiteReport       *report,
                                                  gboolean                       pretty);
/* The same with what the program keeps besides ("otasuke": port, score …). */
char              *otasuke_site_report_to_store_json (const OtasukeSiteReport   *report);
/* Back from that JSON (the store keeps the last report); NULL with @error. */
OtasukeSiteReport *otasuke_site_report_from_json (const char                    *json,
                                                  GError                       **error);
const char        *otasuke_site_severity_to_string (OtasukeSiteSeverity          severity);

void               otasuke_site_report_free      (OtasukeSiteReport             *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeSiteReport, otasuke_site_report_free)

G_END_DECLS
