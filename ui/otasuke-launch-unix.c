/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-launch"

#include "config.h"

#include "otasuke-launch.h"

/* Linux: the desktop's handler through GTK (the portal inside a sandbox).
 * Desktops name their settings panels differently, so there are no
 * settings pages to open here. */

const char *
otasuke_launch_platform_settings_uri (OtasukeSettingsPage page)
{
  return NULL;
}

const char *
otasuke_launch_platform_settings_label (OtasukeSettingsPage page)
{
  return NULL;
}

gboolean
otasuke_launch_platform_open (GtkWindow  *parent,
                              const char *uri)
{
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
  return TRUE;
}
