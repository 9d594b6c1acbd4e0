/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-launch"

#include "config.h"

#include <glib/gi18n.h>
#include <windows.h>
#include <shellapi.h>

#include "otasuke-launch.h"

/* Windows: ShellExecuteW hands an address to its registered handler: the
 * default browser for http(s), the Settings app for ms-settings:, Windows
 * Security for windowsdefender:. No command line is built: the address is
 * the only argument. */

const char *
otasuke_launch_platform_settings_uri (OtasukeSettingsPage page)
{
  switch (page)
    {
    case OTASUKE_SETTINGS_PAGE_UPDATES:
      return "ms-settings:windowsupdate";
    case OTASUKE_SETTINGS_PAGE_SECURITY:
      return "windowsdefender:";
    default:
      return NULL;
    }
}

const char *
otasuke_launch_platform_settings_label (OtasukeSettingsPage page)
{
  switch (page)
    {
    case OTASUKE_SETTINGS_PAGE_UPDATES:
      return _("Open Windows Update");
    case OTASUKE_SETTINGS_PAGE_SECURITY:
      return _("Open Windows Security");
    default:
      return NULL;
    }
}

gboolean
otasuke_launch_platform_open (GtkWindow  *parent,
                              const char *uri)
{
  g_autofree gunichar2 *wide = g_utf8_to_utf16 (uri, -1, NULL, NULL, NULL);
  HINSTANCE result;

  if (wide == NULL)
    return FALSE;
  result = ShellExecuteW (NULL, L"open", (const wchar_t *) wide, NULL, NULL, SW_SHOWNORMAL);
  /* Values above 32 mean success (the documented HINSTANCE convention). */
  if ((INT_PTR) result <= 32)
    {
      g_message ("Could not open %s: ShellExecute error %d", uri, (int) (INT_PTR) result);
      return FALSE;
    }
  return TRUE;
}
