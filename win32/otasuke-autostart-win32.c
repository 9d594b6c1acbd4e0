/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-autostart"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "otasuke-autostart.h"
#include "otasuke-win32.h"

/* The Windows twin of app/otasuke-autostart-xdg.c: the value "Otasuke" under
 * HKCU\Software\Microsoft\Windows\CurrentVersion\Run, data
 * "\"<this otasuke.exe>\" --background". Per user, no administrator rights.
 * OTASUKE_REGISTRY_ROOT (tests only, e.g. "Software\\OtasukeTest") moves every
 * read and write below HKCU\<root>. */

#define RUN_KEY "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"

static OtasukeWin32Options *
options (OtasukeWin32Options *storage)
{
  const char *root = g_getenv ("OTASUKE_REGISTRY_ROOT");

  if (root == NULL || *root == '\0')
    return NULL;
  storage->registry_root = root;
  storage->skip_files = 0;
  return storage;
}

static void
set_error (GError            **error,
           OtasukeWin32Status  status)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: %s is a technical reason such as "access denied". */
               _("Could not change the programs that start at login (%s)"),
               otasuke_win32_status_to_string (status));
}

char *
otasuke_autostart_get_path (const char *app_id)
{
  g_return_val_if_fail (app_id != NULL && g_application_id_is_valid (app_id), NULL);

  return g_strdup (RUN_KEY "\\Otasuke");
}

gboolean
otasuke_autostart_set_enabled (gboolean     enabled,
                               const char  *app_id,
                               GError     **error)
{
  OtasukeWin32Options storage;
  OtasukeWin32Status status;

  g_return_val_if_fail (app_id != NULL && g_application_id_is_valid (app_id), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (enabled)
    {
      /* NULL: this process's executable, wherever the MSI put it. */
      status = otasuke_win32_autostart_set (options (&storage), NULL);
      if (status != OTASUKE_WIN32_OK)
        {
          set_error (error, status);
          return FALSE;
        }
    }
  else
    {
      status = otasuke_win32_autostart_remove (options (&storage));
      if (status != OTASUKE_WIN32_OK)
        {
          set_error (error, status);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
otasuke_autostart_is_enabled (const char *app_id)
{
  OtasukeWin32Options storage;
  OtasukeWin32AutostartState state = OTASUKE_WIN32_AUTOSTART_ABSENT;
  OtasukeWin32Status status;

  g_return_val_if_fail (app_id != NULL && g_application_id_is_valid (app_id), FALSE);

  status = otasuke_win32_autostart_query (options (&storage), NULL, &state, NULL);
  if (status != OTASUKE_WIN32_OK && status != OTASUKE_WIN32_ERROR_NOT_FOUND)
    {
      g_debug ("Could not read the Run key: %s", otasuke_win32_status_to_string (status));
      return FALSE;
    }

  switch (state)
    {
    case OTASUKE_WIN32_AUTOSTART_ENABLED:
      return TRUE;

    case OTASUKE_WIN32_AUTOSTART_OTHER:
      /* An older install's path: point it at this program, and it is on. */
      if (otasuke_win32_autostart_set (options (&storage), NULL) == OTASUKE_WIN32_OK)
        return TRUE;
      return FALSE;

    case OTASUKE_WIN32_AUTOSTART_DISABLED:
      /* Switched off in Task Manager's Startup tab: the user said no. */
    case OTASUKE_WIN32_AUTOSTART_ABSENT:
    default:
      return FALSE;
    }
}
