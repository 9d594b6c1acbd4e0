/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-resume"

#include "config.h"

#include "otasuke-resume-monitor.h"

#define LOGIND_NAME "org.freedesktop.login1"
#define LOGIND_PATH "/org/freedesktop/login1"
#define LOGIND_MANAGER LOGIND_NAME ".Manager"

struct _OtasukeResumeMonitor
{
  GObject          parent_instance;

  GCancellable    *cancellable;
  GDBusConnection *connection;
  guint            subscription;
};

G_DEFINE_FINAL_TYPE (OtasukeResumeMonitor, otasuke_resume_monitor, G_TYPE_OBJECT)

enum {
  RESUMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  OtasukeResumeMonitor *self = user_data;
  gboolean going_to_sleep;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &going_to_sleep);
  g_debug ("PrepareForSleep(%s)", going_to_sleep ? "true" : "false");
  if (!going_to_sleep)
    g_signal_emit (self, signals[RESUMED], 0);
}

static void
watch (OtasukeResumeMonitor *self,
       GDBusConnection      *connection)
{
  self->connection = g_object_ref (connection);
  /* The signal is delivered on this thread's main context; the data is
   * weak, the subscription ends in dispose. */
  self->subscription = g_dbus_connection_signal_subscribe (connection, LOGIND_NAME, LOGIND_MANAGER,
                                                           "PrepareForSleep", LOGIND_PATH, NULL,
                                                           G_DBUS_SIGNAL_FLAGS_NONE,
                                                           prepare_for_sleep_cb, self, NULL);
}

static void
bus_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(OtasukeResumeMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) connection = g_bus_get_finish (result, &error);

  if (connection == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus, so no refresh after sleep: %s", error->message);
      return;
    }
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  watch (self, connection);
}

static void
otasuke_resume_monitor_dispose (GObject *object)
{
  OtasukeResumeMonitor *self = OTASUKE_RESUME_MONITOR (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->subscription);
  self->subscription = 0;
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (otasuke_resume_monitor_parent_class)->dispose (object);
}

static void
otasuke_resume_monitor_class_init (OtasukeResumeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = otasuke_resume_monitor_dispose;

  /* The computer has just woken up. */
  signals[RESUMED] = g_signal_new ("resumed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
otasuke_resume_monitor_init (OtasukeResumeMonitor *self)
{
  self->cancellable = g_cancellable_new ();
}

OtasukeResumeMonitor *
otasuke_resume_monitor_new (GDBusConnection *connection)
{
  OtasukeResumeMonitor *self;

  g_return_val_if_fail (connection == NULL || G_IS_DBUS_CONNECTION (connection), NULL);

  self = g_object_new (OTASUKE_TYPE_RESUME_MONITOR, NULL);
  if (connection != NULL)
    watch (self, connection);
  else
    g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, bus_cb, g_object_ref (self));
  return self;
}

gboolean
otasuke_resume_monitor_get_watching (OtasukeResumeMonitor *self)
{
  g_return_val_if_fail (OTASUKE_IS_RESUME_MONITOR (self), FALSE);

  return self->subscription != 0;
}
