/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-launch"

#include "config.h"

#include "otasuke-launch.h"
#include "otasuke-url.h"

gboolean
otasuke_launch_uri (GtkWindow  *parent,
                    const char *uri)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  /* The one link policy, checked once more right before the browser gets it. */
  if (!otasuke_url_is_link (uri))
    {
      g_warning ("Refusing to open an address that is not an http or https link");
      return FALSE;
    }

  return otasuke_launch_platform_open (parent, uri);
}

gboolean
otasuke_launch_file (GtkWindow  *parent,
                     const char *path)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri == NULL)
    return FALSE;
  return otasuke_launch_platform_open (parent, uri);
}

gboolean
otasuke_launch_has_settings (OtasukeSettingsPage page)
{
  return otasuke_launch_platform_settings_uri (page) != NULL;
}

const char *
otasuke_launch_settings_label (OtasukeSettingsPage page)
{
  if (otasuke_launch_platform_settings_uri (page) == NULL)
    return NULL;
  return otasuke_launch_platform_settings_label (page);
}

gboolean
otasuke_launch_settings (GtkWindow           *parent,
                         OtasukeSettingsPage  page)
{
  const char *uri = otasuke_launch_platform_settings_uri (page);

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);

  if (uri == NULL)
    return FALSE;
  return otasuke_launch_platform_open (parent, uri);
}
