/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "otasuke-notifier-private.h"

/* Linux: desktop notifications through libnotify, with an "Open Otasuke"
 * default action and, for the backup reminder, an "I Made a Backup" button.
 * Whether a server is there is followed on the bus. */

typedef struct {
  OtasukeNotifierBackend  parent;
  OtasukeNotifier        *notifier;      /* owns us */
  GPtrArray              *shown;         /* NotifyNotification*, kept until closed for their actions */
  guint                   server_watch;
} Libnotify;

/* What a click on a notification (or one of its buttons) does. */
typedef struct {
  GWeakRef  notifier;
  char     *page;
  char     *advisory_id;
} Target;

static Target *
target_new (OtasukeNotifier *notifier,
            const char      *page,
            const char      *advisory_id)
{
  Target *target = g_new0 (Target, 1);

  g_weak_ref_init (&target->notifier, notifier);
  target->page = g_strdup (page);
  target->advisory_id = g_strdup (advisory_id);
  return target;
}

static void
target_free (gpointer data)
{
  Target *target = data;

  g_weak_ref_clear (&target->notifier);
  g_free (target->page);
  g_free (target->advisory_id);
  g_free (target);
}

static void
open_action_cb (NotifyNotification *notification,
                char               *action,
                gpointer            user_data)
{
  Target *target = user_data;
  g_autoptr(OtasukeNotifier) notifier = g_weak_ref_get (&target->notifier);

  if (notifier != NULL)
    otasuke_notifier_backend_open (notifier, target->page, target->advisory_id);
}

static void
backup_done_cb (NotifyNotification *notification,
                char               *action,
                gpointer            user_data)
{
  Target *target = user_data;
  g_autoptr(OtasukeNotifier) notifier = g_weak_ref_get (&target->notifier);

  if (notifier != NULL)
    otasuke_notifier_backend_backup_done (notifier);
}

static void
closed_cb (NotifyNotification *notification,
           Libnotify          *self)
{
  g_ptr_array_remove (self->shown, notification);
}

/* Bodies may be read as markup by the server; titles from the feed never are. */
static char *
body_text (const char *text)
{
  static int markup = -1;

  if (markup < 0)
    {
      GList *caps = notify_get_server_caps ();

      markup = g_list_find_custom (caps, "body-markup", (GCompareFunc) g_strcmp0) != NULL;
      g_list_free_full (caps, g_free);
    }
  return markup ? g_markup_escape_text (text, -1) : g_strdup (text);
}

static void
libnotify_show (OtasukeNotifierBackend    *backend,
                const OtasukeNotification *n)
{
  Libnotify *self = (Libnotify *) backend;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = body_text (n->body);
  NotifyNotification *notification = notify_notification_new (n->summary, escaped, APPLICATION_ID);

  notify_notification_set_hint_string (notification, "desktop-entry", APPLICATION_ID);
  notify_notification_add_action (notification, "default", _("Open Otasuke"),
                                  open_action_cb, target_new (self->notifier, n->page, n->advisory_id),
                                  target_free);
  if (n->backup_button)
    notify_notification_add_action (notification, "backup-done", _("I Made a Backup"),
                                    backup_done_cb, target_new (self->notifier, NULL, NULL), target_free);
  g_signal_connect (notification, "closed", G_CALLBACK (closed_cb), self);

  /* A short D-Bus call to the session's notification server; libnotify has no async variant. */
  if (!notify_notification_show (notification, &error))
    {
      g_message ("Could not show a notification: %s", error->message);
      g_signal_handlers_disconnect_by_data (notification, self);
      g_object_unref (notification);
      return;
    }

  g_ptr_array_add (self->shown, notification);
}

static void
server_appeared_cb (GDBusConnection *connection,
                    const char      *name,
                    const char      *name_owner,
                    gpointer         user_data)
{
  Libnotify *self = user_data;

  g_debug ("Notification server: %s", name_owner);
  otasuke_notifier_backend_set_available (self->notifier, TRUE);
}

static void
server_vanished_cb (GDBusConnection *connection,
                    const char      *name,
                    gpointer         user_data)
{
  Libnotify *self = user_data;

  g_debug ("No notification server");
  otasuke_notifier_backend_set_available (self->notifier, FALSE);
}

static void
libnotify_free (OtasukeNotifierBackend *backend)
{
  Libnotify *self = (Libnotify *) backend;

  g_clear_handle_id (&self->server_watch, g_bus_unwatch_name);
  for (guint i = 0; i < self->shown->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->shown, i), self);
  g_ptr_array_unref (self->shown);
  g_free (self);
}

OtasukeNotifierBackend *
otasuke_notifier_platform_backend_new (OtasukeNotifier *notifier,
                                       OtasukeTray     *tray)
{
  Libnotify *self;

  if (!notify_is_initted ())
    notify_init (_("Otasuke"));

  self = g_new0 (Libnotify, 1);
  self->parent.show = libnotify_show;
  self->parent.free = libnotify_free;
  self->notifier = notifier;
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);

  /* libnotify warns on every call when there is no server; follow it on the bus instead. */
  self->server_watch = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
                                         G_BUS_NAME_WATCHER_FLAGS_AUTO_START,
                                         server_appeared_cb, server_vanished_cb, self, NULL);
  return &self->parent;
}
