/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-notifier-private.h"
#include "otasuke-notify-policy.h"
#include "otasuke-store-advisories.h"
#include "otasuke-text.h"

#define META_SINCE            "notifications.since"
#define META_REMINDER_PREFIX  "notifications.reminder."

struct _OtasukeNotifier
{
  GObject       parent_instance;

  OtasukeStore *store;
  GSettings    *settings;
  GCancellable *cancellable;
  OtasukeNotifierBackend *backend;
  guint         reminder_timer;
  gboolean      available;       /* the backend can show notifications now */
  gboolean      available_known; /* the backend has said whether it can */
  GPtrArray    *waiting_ids;     /* new advisories that arrived before it said */
  gboolean      can_fetch;
  gboolean      reminders_running;
  gboolean      reminders_again;
  gboolean      began;
};

G_DEFINE_FINAL_TYPE (OtasukeNotifier, otasuke_notifier, G_TYPE_OBJECT)

enum {
  SIGNAL_OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gint64
meta_get_int64 (OtasukeStore *store,
                const char   *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = otasuke_store_get_meta (store, key, &error);
  gint64 n = 0;

  if (error != NULL)
    g_message ("Could not read %s: %s", key, error->message);
  if (value != NULL && !g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &n, NULL))
    n = 0;
  return n;
}

static void
meta_set_int64 (OtasukeStore *store,
                const char   *key,
                gint64        value)
{
  g_autoptr(GError) error = NULL;
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  if (!otasuke_store_set_meta (store, key, text, &error))
    g_message ("Could not save %s: %s", key, error->message);
}

/* Without a server nothing is decided, so nothing is marked as shown and lost. */
static gboolean
enabled (OtasukeNotifier *self)
{
  return self->available && g_settings_get_boolean (self->settings, "notifications");
}

static void
show (OtasukeNotifier *self,
      const char      *summary,
      const char      *body,
      const char      *page,
      const char      *advisory_id,
      gboolean         backup_button)
{
  /* Both leave the program here, so hidden characters go once more (another
   * program draws them). */
  g_autofree char *clean_summary = otasuke_text_sanitize (summary);
  g_autofree char *clean_body = otasuke_text_sanitize (body);
  OtasukeNotification notification = {
    .summary = clean_summary,
    .body = clean_body,
    .page = page,
    .advisory_id = advisory_id,
    .backup_button = backup_button,
  };

  if (self->backend != NULL)
    self->backend->show (self->backend, &notification);
}

/* Advisories --------------------------------------------------------------- */

typedef struct {
  GPtrArray       *new_ids;
  OtasukeSeverity  min_severity;
} ArrivedData;

static void
arrived_data_free (ArrivedData *data)
{
  g_ptr_array_unref (data->new_ids);
  g_free (data);
}

static void
arrived_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  OtasukeStore *store = OTASUKE_STORE (source_object);
  ArrivedData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  gint64 since = meta_get_int64 (store, META_SINCE);
  gint64 now = now_seconds ();

  all = otasuke_store_list_advisories (store, &error);
  if (all == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  selected = otasuke_notify_policy_select_advisories (all, data->new_ids, since, data->min_severity);
  /* Recorded before they are shown: at most once, even if showing fails. */
  for (guint i = 0; i < selected->len; i++)
    if (!otasuke_store_set_advisory_notified (store, otasuke_advisory_get_id (g_ptr_array_index (selected, i)),
                                              now, &error))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }

  g_task_return_pointer (task, g_steal_pointer (&selected), (GDestroyNotify) g_ptr_array_unref);
}

static void
arrived_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OtasukeNotifier) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) selected = g_task_propagate_pointer (G_TASK (result), &error);
  OtasukeAdvisory *first;

  if (selected == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not decide on notifications: %s", error->message);
      return;
    }
  if (selected->len == 0)
    return;

  /* One notification per fetch: the most severe advisory leads. */
  first = g_ptr_array_index (selected, 0);
  if (selected->len == 1)
    {
      show (self, otasuke_advisory_get_title (first),
            _("New security news. Open Otasuke to see what it means and what to do."),
            "advisories", otasuke_advisory_get_id (first), FALSE);
    }
  else
    {
      g_autofree char *summary = g_strdup_printf (ngettext ("%u new important security advisory",
                                                            "%u new important security advisories",
                                                            selected->len),
                                                  selected->len);
      g_autofree char *body = g_strdup_printf (_("The most serious: %s"), otasuke_advisory_get_title (first));

      show (self, summary, body, "advisories", NULL, FALSE);
    }
}

void
otasuke_notifier_advisories_arrived (OtasukeNotifier *self,
                                     GPtrArray       *new_ids)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *threshold = NULL;
  ArrivedData *data;

  g_return_if_fail (OTASUKE_IS_NOTIFIER (self));

  if (new_ids == NULL || new_ids->len == 0)
    return;
  /* Just started: kept until the backend says whether it can show them. */
  if (!self->available_known)
    {
      for (guint i = 0; i < new_ids->len; i++)
        g_ptr_array_add (self->waiting_ids, g_strdup (g_ptr_array_index (new_ids, i)));
      return;
    }
  if (!enabled (self))
    return;

  data = g_new0 (ArrivedData, 1);
  data->new_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < new_ids->len; i++)
    g_ptr_array_add (data->new_ids, g_strdup (g_ptr_array_index (new_ids, i)));
  threshold = g_settings_get_string (self->settings, "notify-min-severity");
  if (!otasuke_severity_from_string (threshold, &data->min_severity))
    data->min_severity = OTASUKE_SEVERITY_HIGH;

  task = g_task_new (self->store, self->cancellable, arrived_cb, g_object_ref (self));
  g_task_set_source_tag (task, otasuke_notifier_advisories_arrived);
  g_task_set_task_data (task, data, (GDestroyNotify) arrived_data_free);
  g_task_run_in_thread (task, arrived_in_thread);
}

/* Reminders ----------------------------------------------------------------- */

typedef struct {
  OtasukeReminderState state;  /* settings filled in on the main thread, the rest from the store */
  guint                due;
  gint64               next_at;
} RemindersData;

static void
reminders_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  OtasukeStore *store = OTASUKE_STORE (source_object);
  RemindersData *data = task_data;
  OtasukeReminderState *state = &data->state;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeFeedStatus) status = NULL;
  OtasukeStoreSummary summary;

  if (!otasuke_store_get_summary (store, &summary, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  status = otasuke_store_get_feed_status (store, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  state->since = meta_get_int64 (store, META_SINCE);
  state->last_check_at = summary.last_check_at;
  if (status != NULL && status->sequence >= 0)
    state->feed_expires_at = status->expires_at;
  for (guint r = 0; r < OTASUKE_N_REMINDERS; r++)
    {
      g_autofree char *key = g_strconcat (META_REMINDER_PREFIX, otasuke_reminder_to_string (r), NULL);

      state->last_shown[r] = meta_get_int64 (store, key);
    }

  data->due = otasuke_notify_policy_reminders_due (state, &data->next_at);
  for (guint r = 0; r < OTASUKE_N_REMINDERS; r++)
    if (data->due & (1u << r))
      {
        g_autofree char *key = g_strconcat (META_REMINDER_PREFIX, otasuke_reminder_to_string (r), NULL);

        meta_set_int64 (store, key, state->now);
      }

  g_task_return_boolean (task, TRUE);
}

static void start_reminders (OtasukeNotifier *self);

static gboolean
reminder_timer_cb (gpointer user_data)
{
  OtasukeNotifier *self = user_data;

  self->reminder_timer = 0;
  start_reminders (self);
  return G_SOURCE_REMOVE;
}

static void
show_reminder (OtasukeNotifier *self,
               OtasukeReminder  reminder)
{
  switch (reminder)
    {
    case OTASUKE_REMINDER_CHECK:
      show (self, _("Time for your monthly security check"),
            _("It takes about ten minutes. Otasuke walks you through it step by step."),
            "check", NULL, FALSE);
      break;

    case OTASUKE_REMINDER_BACKUP:
      show (self, _("Have you made a backup?"),
            _("Copy your important files to a drive you unplug afterwards, so that ransomware cannot reach them."),
            "overview", NULL, TRUE);
      break;

    case OTASUKE_REMINDER_FEED_STALE:
      show (self, _("Security news is out of date"),
            _("Otasuke has not received new advisories for more than two weeks. Check the internet connection and the feed address in Preferences."),
            "advisories", NULL, FALSE);
      break;

    case OTASUKE_N_REMINDERS:
    default:
      g_assert_not_reached ();
    }
}

static void
reminders_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OtasukeNotifier) self = user_data;
  g_autoptr(GError) error = NULL;
  RemindersData *data = g_task_get_task_data (G_TASK (result));

  self->reminders_running = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not check the reminders: %s", error->message);
    }
  else
    {
      for (guint r = 0; r < OTASUKE_N_REMINDERS; r++)
        if (data->due & (1u << r))
          show_reminder (self, r);

      /* One timer to the next reminder; nothing wakes the program before then. */
      g_clear_handle_id (&self->reminder_timer, g_source_remove);
      if (data->next_at > 0)
        {
          gint64 delay = CLAMP (data->next_at - now_seconds (), 60, G_MAXUINT);

          g_debug ("Next reminder check in %" G_GINT64_FORMAT " s", delay);
          self->reminder_timer = g_timeout_add_seconds_full (G_PRIORITY_LOW, (guint) delay,
                                                             reminder_timer_cb, self, NULL);
        }
    }

  if (self->reminders_again)
    start_reminders (self);
}

static void
start_reminders (OtasukeNotifier *self)
{
  g_autoptr(GTask) task = NULL;
  RemindersData *data;

  g_clear_handle_id (&self->reminder_timer, g_source_remove);
  if (!enabled (self))
    return;

  /* One at a time: two checks side by side could show a reminder twice. */
  if (self->reminders_running)
    {
      self->reminders_again = TRUE;
      return;
    }
  self->reminders_running = TRUE;
  self->reminders_again = FALSE;

  data = g_new0 (RemindersData, 1);
  data->state.now = now_seconds ();
  data->state.can_fetch = self->can_fetch;
  data->state.backup_days = g_settings_get_uint (self->settings, "backup-reminder-days");
  data->state.last_backup_confirmed = g_settings_get_int64 (self->settings, "last-backup-confirmed");

  task = g_task_new (self->store, self->cancellable, reminders_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_reminders);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, reminders_in_thread);
}

void
otasuke_notifier_check_reminders (OtasukeNotifier *self,
                                  gboolean         can_fetch)
{
  g_return_if_fail (OTASUKE_IS_NOTIFIER (self));

  self->can_fetch = can_fetch;
  start_reminders (self);
}

/* Start ---------------------------------------------------------------------- */

static void
begin_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  OtasukeStore *store = OTASUKE_STORE (source_object);

  /* The first time only: what is in the store by now is not news. */
  if (meta_get_int64 (store, META_SINCE) <= 0)
    meta_set_int64 (store, META_SINCE, now_seconds ());
  g_task_return_boolean (task, TRUE);
}

static void
begin_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(OtasukeNotifier) self = user_data;

  if (g_task_propagate_boolean (G_TASK (result), NULL))
    start_reminders (self);
}

void
otasuke_notifier_begin (OtasukeNotifier *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OTASUKE_IS_NOTIFIER (self));

  if (self->began)
    return;
  self->began = TRUE;

  task = g_task_new (self->store, self->cancellable, begin_cb, g_object_ref (self));
  g_task_set_source_tag (task, otasuke_notifier_begin);
  g_task_run_in_thread (task, begin_in_thread);
}

/* Object --------------------------------------------------------------------- */

void
otasuke_notifier_backend_set_available (OtasukeNotifier *self,
                                        gboolean         available)
{
  g_return_if_fail (OTASUKE_IS_NOTIFIER (self));

  gboolean was_known = self->available_known;

  self->available_known = TRUE;
  if (was_known && self->available == !!available)
    return;
  self->available = !!available;
  g_debug ("Notifications %s", available ? "can be shown" : "cannot be shown");
  if (!available)
    {
      g_ptr_array_set_size (self->waiting_ids, 0);
      return;
    }
  start_reminders (self);
  if (self->waiting_ids->len > 0)
    {
      g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting_ids);

      self->waiting_ids = g_ptr_array_new_with_free_func (g_free);
      otasuke_notifier_advisories_arrived (self, waiting);
    }
}

void
otasuke_notifier_backend_open (OtasukeNotifier *self,
                               const char      *page,
                               const char      *advisory_id)
{
  g_return_if_fail (OTASUKE_IS_NOTIFIER (self));

  g_signal_emit (self, signals[SIGNAL_OPEN], 0, page, advisory_id);
}

void
otasuke_notifier_backend_backup_done (OtasukeNotifier *self)
{
  g_return_if_fail (OTASUKE_IS_NOTIFIER (self));

  g_settings_set_int64 (self->settings, "last-backup-confirmed", now_seconds ());
}

static void
otasuke_notifier_dispose (GObject *object)
{
  OtasukeNotifier *self = OTASUKE_NOTIFIER (object);
  OtasukeNotifierBackend *backend = g_steal_pointer (&self->backend);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reminder_timer, g_source_remove);
  if (backend != NULL)
    backend->free (backend);

  G_OBJECT_CLASS (otasuke_notifier_parent_class)->dispose (object);
}

static void
otasuke_notifier_finalize (GObject *object)
{
  OtasukeNotifier *self = OTASUKE_NOTIFIER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->waiting_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (otasuke_notifier_parent_class)->finalize (object);
}

static void
otasuke_notifier_class_init (OtasukeNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = otasuke_notifier_dispose;
  object_class->finalize = otasuke_notifier_finalize;

  signals[SIGNAL_OPEN] =
    g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
otasuke_notifier_init (OtasukeNotifier *self)
{
  self->cancellable = g_cancellable_new ();
  self->waiting_ids = g_ptr_array_new_with_free_func (g_free);
}

OtasukeNotifier *
otasuke_notifier_new (OtasukeStore *store,
                      GSettings    *settings,
                      OtasukeTray  *tray)
{
  OtasukeNotifier *self;

  g_return_val_if_fail (OTASUKE_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (tray == NULL || OTASUKE_IS_TRAY (tray), NULL);

  self = g_object_new (OTASUKE_TYPE_NOTIFIER, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);

  /* Turning notifications on, or changing the backup interval, may make a reminder due. */
  g_signal_connect_object (settings, "changed::notifications",
                           G_CALLBACK (start_reminders), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::backup-reminder-days",
                           G_CALLBACK (start_reminders), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::last-backup-confirmed",
                           G_CALLBACK (start_reminders), self, G_CONNECT_SWAPPED);

  self->backend = otasuke_notifier_platform_backend_new (self, tray);

  return self;
}

void
otasuke_notifier_certificate_expiring (OtasukeNotifier *self,
                                       const char      *host,
                                       gint64           days_left)
{
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (OTASUKE_IS_NOTIFIER (self));

  if (!enabled (self))
    return;
  if (days_left < 0)
    summary = g_strdup_printf (_("The certificate of %s has expired"), host);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The certificate of %s expires in %d day",
                                            "The certificate of %s expires in %d days",
                                            (gulong) days_left),
                               host, (int) days_left);
  body = g_strdup (_("Visitors will see a warning once it has expired. Ask the company that runs "
                     "your website to renew it, or to confirm that it renews automatically."));
  show (self, summary, body, "check", NULL, FALSE);
}
