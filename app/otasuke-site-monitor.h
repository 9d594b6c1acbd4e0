/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-site-check.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

/* The website and mail domain the user entered, kept in the store (meta
 * "site.website", "site.mail"), with the last report ("site.report", the
 * store JSON of otasuke-site-check.h) and when it was made ("site.checked_at").
 *
 * OtasukeSiteMonitor re-checks them in a worker thread at most once a day
 * (OTASUKE_SITE_RECHECK_AFTER; earlier only when asked with @force, e.g.
 * after the user changed a domain), only when the user entered one, and
 * emits "certificate-reminder" (host, days left) when the website's
 * certificate is 30 and again 7 days from expiry, once each per certificate
 * ("site.reminded": its not-after and the last stage shown). One timer waits
 * for the next re-check; nothing runs for a business with neither domain. */

#define OTASUKE_SITE_RECHECK_AFTER ((gint64) 24 * 60 * 60)

/* Both may be NULL or "" (not entered). The website is "host" or "host:port";
 * FALSE with a message when it is not one. A change forgets the old report. */
gboolean           otasuke_site_domains_save       (OtasukeStore   *store,
                                                    const char     *website,
                                                    const char     *mail_domain,
                                                    GError        **error);
/* *website and *mail_domain get NULL when not entered. */
gboolean           otasuke_site_domains_load       (OtasukeStore   *store,
                                                    char          **website,
                                                    char          **mail_domain,
                                                    GError        **error);
/* The last report, NULL when there is none; *checked_at may be NULL. */
OtasukeSiteReport *otasuke_site_report_load        (OtasukeStore   *store,
                                                    gint64         *checked_at,
                                                    GError        **error);

/* The reminder stage to show now: 30, 7 or 0 (none), given the days left and
 * the last stage already shown for this certificate (0: none yet). */
guint              otasuke_site_reminder_stage_due (gint64          days_left,
                                                    guint           shown_stage);

#define OTASUKE_TYPE_SITE_MONITOR (otasuke_site_monitor_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeSiteMonitor, otasuke_site_monitor, OTASUKE, SITE_MONITOR, GObject)

OtasukeSiteMonitor *otasuke_site_monitor_new        (OtasukeStore       *store);
/* Re-checks now when @force or when the last check is a day old, in a
 * worker thread; "report-changed" follows when a check ran (or the domains
 * were removed). Then waits for the next one with a single timer. */
void                otasuke_site_monitor_refresh    (OtasukeSiteMonitor *self,
                                                     gboolean            force);
/* The last report (NULL: none); valid until the next "report-changed". */
OtasukeSiteReport  *otasuke_site_monitor_get_report (OtasukeSiteMonitor *self);
gboolean            otasuke_site_monitor_get_busy   (OtasukeSiteMonitor *self);
/* TRUE once a refresh has read the store; then the domains as saved (NULL:
 * not entered). */
gboolean            otasuke_site_monitor_get_loaded (OtasukeSiteMonitor *self);
const char         *otasuke_site_monitor_get_website (OtasukeSiteMonitor *self);
const char         *otasuke_site_monitor_get_mail_domain (OtasukeSiteMonitor *self);
/* Saves the domains off the UI thread and re-checks; "report-changed" follows. */
void                otasuke_site_monitor_set_domains (OtasukeSiteMonitor *self,
                                                      const char         *website,
                                                      const char         *mail_domain);
/* Tests: curl's --resolve entries, a CA file and the plain-HTTP port. */
void                otasuke_site_monitor_set_test_options (OtasukeSiteMonitor  *self,
                                                           const char * const  *resolve,
                                                           const char          *ca_file,
                                                           guint                http_port);

G_END_DECLS
