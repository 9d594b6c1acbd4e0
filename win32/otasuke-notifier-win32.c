/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-notifier"

#include "config.h"

#include "otasuke-notifier-private.h"

/* Windows: libnotify has nothing to talk to, so notifications are balloons
 * of the tray icon (toasts on Windows 10 and 11, shown under the program's
 * name). Only the latest balloon is live, so a click opens the page of the
 * last one shown. Balloons have no buttons: the backup reminder's click opens
 * the Overview, where the backup is confirmed. Available while the icon is
 * shown. */

typedef struct {
  OtasukeNotifierBackend  parent;
  OtasukeNotifier        *notifier;  /* owns us */
  OtasukeTray            *tray;      /* may be NULL */
  char                   *page;      /* of the balloon last shown */
  char                   *advisory_id;
  gulong                  clicked_id;
  gulong                  available_id;
} Balloons;

static void
balloon_show (OtasukeNotifierBackend    *backend,
              const OtasukeNotification *n)
{
  Balloons *self = (Balloons *) backend;

  if (self->tray == NULL)
    return;
  /* Plain text: balloons show no markup. */
  if (!otasuke_tray_show_balloon (self->tray, n->summary, n->body, FALSE))
    return;

  g_free (self->page);
  g_free (self->advisory_id);
  self->page = g_strdup (n->page);
  self->advisory_id = g_strdup (n->advisory_id);
}

static void
clicked_cb (OtasukeTray *tray,
            Balloons    *self)
{
  if (self->page == NULL)
    return;
  otasuke_notifier_backend_open (self->notifier, self->page, self->advisory_id);
}

static void
available_cb (OtasukeTray *tray,
              GParamSpec  *pspec,
              Balloons    *self)
{
  otasuke_notifier_backend_set_available (self->notifier, otasuke_tray_get_is_available (tray));
}

static void
balloon_free (OtasukeNotifierBackend *backend)
{
  Balloons *self = (Balloons *) backend;

  if (self->tray != NULL)
    {
      g_clear_signal_handler (&self->clicked_id, self->tray);
      g_clear_signal_handler (&self->available_id, self->tray);
      g_object_unref (self->tray);
    }
  g_free (self->page);
  g_free (self->advisory_id);
  g_free (self);
}

OtasukeNotifierBackend *
otasuke_notifier_platform_backend_new (OtasukeNotifier *notifier,
                                       OtasukeTray     *tray)
{
  Balloons *self = g_new0 (Balloons, 1);

  self->parent.show = balloon_show;
  self->parent.free = balloon_free;
  self->notifier = notifier;
  if (tray != NULL)
    {
      self->tray = g_object_ref (tray);
      self->clicked_id = g_signal_connect (tray, "balloon-clicked", G_CALLBACK (clicked_cb), self);
      self->available_id = g_signal_connect (tray, "notify::is-available", G_CALLBACK (available_cb), self);
      otasuke_notifier_backend_set_available (notifier, otasuke_tray_get_is_available (tray));
    }
  else
    g_message ("No tray icon, so no notifications");
  return &self->parent;
}
