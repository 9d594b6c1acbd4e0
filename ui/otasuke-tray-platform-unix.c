/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-tray"

#include "config.h"

#include "otasuke-tray.h"

/* Linux: the StatusNotifierItem over the session bus (otasuke-tray-sni.c).
 * Notifications are libnotify's business, so the item has no balloons. */
OtasukeTrayBackend *
otasuke_tray_platform_backend_new (OtasukeTray     *tray,
                                   GDBusConnection *connection)
{
  if (connection == NULL)
    return NULL;
  return otasuke_tray_sni_new (tray, connection);
}
