/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-os-info"

#include "config.h"

#include "otasuke-os-info-private.h"
#include "otasuke-win32.h"

/* The Windows side of the OS identity (the twin of
 * app/otasuke-os-info-linux.c): RtlGetVersion and the CurrentVersion key
 * through otasuke_win32_get_os(). g_get_os_info() cannot tell Windows 11
 * from 10 by name. Windows has no file tree to read: @root is ignored. */

void
otasuke_os_info_read_platform (OtasukeOsInfo *info,
                               const char    *root)
{
  OtasukeWin32Os os = { 0 };
  OtasukeWin32Status status = otasuke_win32_get_os (NULL, &os);

  if (status != OTASUKE_WIN32_OK)
    {
      g_message ("Could not read the Windows version: %s", otasuke_win32_status_to_string (status));
      info->id = g_strdup ("windows");
      return;
    }

  info->id = g_strdup ("windows");
  info->name = g_strdup (os.name);                   /* "Windows 11 Pro" */
  info->version_id = g_strdup (os.version_id);       /* "10", "11": what the feed's checks name */
  info->architecture = g_strdup (os.architecture);
  if (os.display_version != NULL && os.build != NULL)
    /* "23H2 (22631.3880)", as winver shows it. */
    info->version = g_strdup_printf ("%s (%s)", os.display_version, os.build);
  else if (os.display_version != NULL)
    info->version = g_strdup (os.display_version);
  else if (os.build != NULL)
    info->version = g_strdup (os.build);
  if (os.build != NULL)
    info->kernel = g_strdup_printf ("%lu.%lu.%s", os.major, os.minor, os.build);
  otasuke_win32_os_clear (&os);
}

const char *
otasuke_os_info_platform_name (void)
{
  return "Windows";
}
