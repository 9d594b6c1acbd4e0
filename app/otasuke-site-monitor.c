/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-site-monitor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "otasuke-site-monitor.h"

#define META_WEBSITE    "site.website"
#define META_MAIL       "site.mail"
#define META_REPORT     "site.report"
#define META_CHECKED_AT "site.checked_at"
#define META_REMINDED   "site.reminded"

/* ------------------------------------------------------------- store */

static char *
normalised (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *copy != '\0' ? g_ascii_strdown (copy, -1) : NULL;
}

gboolean
otasuke_site_domains_save (OtasukeStore  *store,
                           const char    *website,
                           const char    *mail_domain,
                           GError       **error)
{
  g_autofree char *site = normalised (website);
  g_autofree char *mail = normalised (mail_domain);
  g_autofree char *old_site = NULL;
  g_autofree char *old_mail = NULL;

  if (site != NULL)
    {
      g_autofree char *host = NULL;
      guint port;

      if (!otasuke_site_parse_target (site, &host, &port, error))
        return FALSE;
    }
  if (mail != NULL)
    {
      g_autofree char *host = NULL;
      guint port;

      if (strchr (mail, ':') != NULL || strchr (mail, '@') != NULL ||
          !otasuke_site_parse_target (mail, &host, &port, NULL) ||
          g_hostname_is_ip_address (mail))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is what the user typed */
                       _("“%s” is not a mail domain. Enter the part after the @ of your mail "
                         "address, such as example.jp."),
                       mail);
          return FALSE;
        }
    }

  if (!otasuke_site_domains_load (store, &old_site, &old_mail, error))
    return FALSE;
  if (g_strcmp0 (old_site, site) == 0 && g_strcmp0 (old_mail, mail) == 0)
    return TRUE;

  return otasuke_store_set_meta (store, META_WEBSITE, site != NULL ? site : "", error) &&
         otasuke_store_set_meta (store, META_MAIL, mail != NULL ? mail : "", error) &&
         otasuke_store_set_meta (store, META_REPORT, "", error) &&
         otasuke_store_set_meta (store, META_CHECKED_AT, "0", error);
}

gboolean
otasuke_site_domains_load (OtasukeStore  *store,
                           char         **website,
                           char         **mail_domain,
                           GError       **error)
{
  GError *local_error = NULL;
  g_autofree char *site = otasuke_store_get_meta (store, META_WEBSITE, &local_error);
  g_autofree char *mail = NULL;

  if (local_error == NULL)
    mail = otasuke_store_get_meta (store, META_MAIL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *website = site != NULL && *site != '\0' ? g_steal_pointer (&site) : NULL;
  *mail_domain = mail != NULL && *mail != '\0' ? g_steal_pointer (&mail) : NULL;
  return TRUE;
}

static gint64
meta_int (OtasukeStore *store,
          const char   *key)
{
  g_autofree char *text = otasuke_store_get_meta (store, key, NULL);
  gint64 value = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return 0;
  return value;
}

OtasukeSiteReport *
otasuke_site_report_load (OtasukeStore  *store,
                          gint64        *checked_at,
                          GError       **error)
{
  GError *local_error = NULL;
  g_autofree char *json = otasuke_store_get_meta (store, META_REPORT, &local_error);

  if (checked_at != NULL)
    *checked_at = meta_int (store, META_CHECKED_AT);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (json == NULL || *json == '\0')
    return NULL;
  return otasuke_site_report_from_json (json, error);
}

guint
otasuke_site_reminder_stage_due (gint64 days_left,
                                 guint  shown_stage)
{
  if (days_left <= 7 && shown_stage != 7)
    return 7;
  if (days_left <= 30 && shown_stage == 0)
    return 30;
  return 0;
}

/* ----------------------------------------------------------- monitor */

typedef struct {
  gboolean           force;
  char              *website;    /* set_domains: to save first */
  char              *mail;
  gboolean           save;
  GStrv              resolve;
  char              *ca_file;
  guint              http_port;

  /* Out */
  gboolean           loaded;
  char              *saved_website;
  char              *saved_mail;
  gboolean           changed;
  OtasukeSiteReport *report;
  gint64             checked_at;
  guint              reminder;   /* 30, 7 or 0 */
  char              *save_error;
} Work;


struct _OtasukeSiteMonitor
{
  GObject            parent_instance;

  OtasukeStore      *store;
  OtasukeSiteReport *report;
  GCancellable      *cancellable;
  guint              timer;
  gboolean           busy;
  gboolean           loaded;
  char              *website;
  char              *mail;
  Work              *pending;    /* asked for while busy: runs next */

  GStrv              resolve;
  char              *ca_file;
  guint              http_port;
};

G_DEFINE_FINAL_TYPE (OtasukeSiteMonitor, otasuke_site_monitor, G_TYPE_OBJECT)

enum {
  REPORT_CHANGED,
  CERTIFICATE_REMINDER,
  DOMAINS_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
work_free (Work *work)
{
  g_free (work->website);
  g_free (work->mail);
  g_strfreev (work->resolve);
  g_free (work->ca_file);
  g_clear_pointer (&work->report, otasuke_site_report_free);
  g_free (work->save_error);
  g_free (work->saved_website);
  g_free (work->saved_mail);
  g_free (work);
}

static void
note_reminder (OtasukeStore *store,
               Work         *work)
{
  OtasukeSiteReport *report = work->report;
  g_autofree char *shown = NULL;
  g_autofree char *value = NULL;
  gint64 shown_not_after = 0;
  guint64 shown_stage = 0;

  if (report == NULL || !report->has_certificate || report->cert_not_after_unix == 0)
    return;

  shown = otasuke_store_get_meta (store, META_REMINDED, NULL);
  if (shown != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (shown, " ", 2);

      if (g_strv_length (parts) == 2 &&
          g_ascii_string_to_signed (parts[0], 10, G_MININT64, G_MAXINT64, &shown_not_after, NULL) &&
          g_ascii_string_to_unsigned (parts[1], 10, 0, 30, &shown_stage, NULL) &&
          shown_not_after != report->cert_not_after_unix)
        shown_stage = 0;  /* a new certificate: start over */
    }

  work->reminder = otasuke_site_reminder_stage_due (report->cert_days_left, (guint) shown_stage);
  if (work->reminder == 0)
    return;
  value = g_strdup_printf ("%" G_GINT64_FORMAT " %u", report->cert_not_after_unix, work->reminder);
  if (!otasuke_store_set_meta (store, META_REMINDED, value, NULL))
    work->reminder = 0;  /* shown only once it is remembered */
}

static void
refresh_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  OtasukeStore *store = source;
  Work *work = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *website = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *host = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 checked_at = 0;
  OtasukeSiteCheckOptions options = { 0 };
  guint port = 0;

  if (work->save)
    {
      if (!otasuke_site_domains_save (store, work->website, work->mail, &error))
        {
          work->save_error = g_strdup (error->message);
          g_task_return_boolean (task, TRUE);
          return;
        }
      work->force = TRUE;
    }

  if (!otasuke_site_domains_load (store, &website, &mail, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  work->loaded = TRUE;
  work->saved_website = g_strdup (website);
  work->saved_mail = g_strdup (mail);
  if (website == NULL && mail == NULL)
    {
      /* Nothing entered: nothing is ever looked at. */
      work->changed = work->force;
      g_task_return_boolean (task, TRUE);
      return;
    }

  work->report = otasuke_site_report_load (store, &checked_at, NULL);
  work->checked_at = checked_at;
  if (!work->force && work->report != NULL && checked_at <= now &&
      now - checked_at < OTASUKE_SITE_RECHECK_AFTER)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_clear_pointer (&work->report, otasuke_site_report_free);

  if (website != NULL && !otasuke_site_parse_target (website, &host, &port, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  options.host = host != NULL ? host : mail;
  options.port = port;
  options.http_port = work->http_port;
  options.mail_domain = mail != NULL ? mail : "";
  options.resolve = (const char * const *) work->resolve;
  options.ca_file = work->ca_file;
  /* Only a mail domain: its records alone, no web request. */
  options.mail_only = host == NULL;
  work->report = otasuke_site_check_run (&options, cancellable, &error);
  if (work->report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *json = otasuke_site_report_to_store_json (work->report);
    g_autofree char *when = g_strdup_printf ("%" G_GINT64_FORMAT, now);

    if (!otasuke_store_set_meta (store, META_REPORT, json, &error) ||
        !otasuke_store_set_meta (store, META_CHECKED_AT, when, &error))
      g_message ("The website check could not be saved: %s", error->message);
  }
  work->checked_at = now;
  work->changed = TRUE;
  if (host != NULL)
    note_reminder (store, work);
  g_task_return_boolean (task, TRUE);
}

static void start_refresh (OtasukeSiteMonitor *self, Work *work);

static gboolean
timer_cb (gpointer user_data)
{
  OtasukeSiteMonitor *self = user_data;

  self->timer = 0;
  otasuke_site_monitor_refresh (self, FALSE);
  return G_SOURCE_REMOVE;
}

static Work *
work_new (OtasukeSiteMonitor *self,
          gboolean            force)
{
  Work *work = g_new0 (Work, 1);

  work->force = force;
  work->resolve = g_strdupv (self->resolve);
  work->ca_file = g_strdup (self->ca_file);
  work->http_port = self->http_port;
  return work;
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OtasukeSiteMonitor) self = user_data;
  Work *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("The website check could not run: %s", error->message);
    }
  self->busy = FALSE;

  if (work->save_error != NULL)
    g_signal_emit (self, signals[DOMAINS_ERROR], 0, work->save_error);
  if (work->loaded)
    {
      if (!self->loaded)
        work->changed = TRUE;  /* the first look: listeners learn the domains */
      self->loaded = TRUE;
      g_free (self->website);
      self->website = g_steal_pointer (&work->saved_website);
      g_free (self->mail);
      self->mail = g_steal_pointer (&work->saved_mail);
      if (self->website == NULL && self->mail == NULL)
        g_clear_pointer (&self->report, otasuke_site_report_free);
    }
  if (work->changed || (self->report == NULL && work->report != NULL))
    {
      g_clear_pointer (&self->report, otasuke_site_report_free);
      self->report = g_steal_pointer (&work->report);
      g_signal_emit (self, signals[REPORT_CHANGED], 0);
    }
  if (work->reminder != 0 && self->report != NULL)
    g_signal_emit (self, signals[CERTIFICATE_REMINDER], 0, self->report->host,
                   (gint64) self->report->cert_days_left);

  if (self->pending != NULL)
    {
      start_refresh (self, g_steal_pointer (&self->pending));
      return;
    }

  /* One timer to the next re-check, only while something is entered. */
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->report != NULL)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;
      gint64 delay = CLAMP (work->checked_at + OTASUKE_SITE_RECHECK_AFTER - now, 60,
                            OTASUKE_SITE_RECHECK_AFTER);

      self->timer = g_timeout_add_seconds_full (G_PRIORITY_LOW, (guint) delay, timer_cb, self, NULL);
    }
}

static void
start_refresh (OtasukeSiteMonitor *self,
               Work               *work)
{
  g_autoptr(GTask) task = NULL;

  if (self->busy)
    {
      /* One check at a time; what was asked meanwhile runs after it. A
       * save is never dropped for a plain refresh. */
      if (self->pending != NULL && self->pending->save && !work->save)
        {
          self->pending->force = self->pending->force || work->force;
          work_free (work);
          return;
        }
      if (self->pending != NULL)
        work->force = work->force || self->pending->force;
      g_clear_pointer (&self->pending, work_free);
      self->pending = work;
      return;
    }

  self->busy = TRUE;
  task = g_task_new (self->store, self->cancellable, refresh_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_refresh);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, refresh_in_thread);
}

void
otasuke_site_monitor_refresh (OtasukeSiteMonitor *self,
                              gboolean            force)
{
  g_return_if_fail (OTASUKE_IS_SITE_MONITOR (self));

  start_refresh (self, work_new (self, force));
}

void
otasuke_site_monitor_set_domains (OtasukeSiteMonitor *self,
                                  const char         *website,
                                  const char         *mail_domain)
{
  Work *work;

  g_return_if_fail (OTASUKE_IS_SITE_MONITOR (self));

  work = work_new (self, TRUE);
  work->save = TRUE;
  work->website = g_strdup (website);
  work->mail = g_strdup (mail_domain);
  start_refresh (self, work);
}

OtasukeSiteReport *
otasuke_site_monitor_get_report (OtasukeSiteMonitor *self)
{
  g_return_val_if_fail (OTASUKE_IS_SITE_MONITOR (self), NULL);
  return self->report;
}

gboolean
otasuke_site_monitor_get_loaded (OtasukeSiteMonitor *self)
{
  g_return_val_if_fail (OTASUKE_IS_SITE_MONITOR (self), FALSE);
  return self->loaded;
}

const char *
otasuke_site_monitor_get_website (OtasukeSiteMonitor *self)
{
  g_return_val_if_fail (OTASUKE_IS_SITE_MONITOR (self), NULL);
  return self->website;
}

const char *
otasuke_site_monitor_get_mail_domain (OtasukeSiteMonitor *self)
{
  g_return_val_if_fail (OTASUKE_IS_SITE_MONITOR (self), NULL);
  return self->mail;
}

gboolean
otasuke_site_monitor_get_busy (OtasukeSiteMonitor *self)
{
  g_return_val_if_fail (OTASUKE_IS_SITE_MONITOR (self), FALSE);
  return self->busy;
}

void
otasuke_site_monitor_set_test_options (OtasukeSiteMonitor  *self,
                                       const char * const  *resolve,
                                       const char          *ca_file,
                                       guint                http_port)
{
  g_strfreev (self->resolve);
  self->resolve = g_strdupv ((GStrv) resolve);
  g_free (self->ca_file);
  self->ca_file = g_strdup (ca_file);
  self->http_port = http_port;
}

static void
otasuke_site_monitor_dispose (GObject *object)
{
  OtasukeSiteMonitor *self = OTASUKE_SITE_MONITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  G_OBJECT_CLASS (otasuke_site_monitor_parent_class)->dispose (object);
}

static void
otasuke_site_monitor_finalize (GObject *object)
{
  OtasukeSiteMonitor *self = OTASUKE_SITE_MONITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, otasuke_site_report_free);
  g_clear_pointer (&self->pending, work_free);
  g_free (self->website);
  g_free (self->mail);
  g_strfreev (self->resolve);
  g_free (self->ca_file);
  G_OBJECT_CLASS (otasuke_site_monitor_parent_class)->finalize (object);
}

static void
otasuke_site_monitor_class_init (OtasukeSiteMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = otasuke_site_monitor_dispose;
  object_class->finalize = otasuke_site_monitor_finalize;

  signals[REPORT_CHANGED] =
    g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* (host, days left) */
  signals[CERTIFICATE_REMINDER] =
    g_signal_new ("certificate-reminder", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
  /* (message): the entered domains were not saved */
  signals[DOMAINS_ERROR] =
    g_signal_new ("domains-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
otasuke_site_monitor_init (OtasukeSiteMonitor *self)
{
  self->cancellable = g_cancellable_new ();
}

OtasukeSiteMonitor *
otasuke_site_monitor_new (OtasukeStore *store)
{
  OtasukeSiteMonitor *self = g_object_new (OTASUKE_TYPE_SITE_MONITOR, NULL);

  self->store = g_object_ref (store);
  return self;
}
