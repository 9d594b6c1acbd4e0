/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-os-info"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-os-info-private.h"

/* The platform-neutral part: fallbacks, freeing, and what Otasuke says about
 * the end of support of a system. Reading is in the platform twin. */

OtasukeOsInfo *
otasuke_os_info_read (const char *root)
{
  OtasukeOsInfo *info = g_new0 (OtasukeOsInfo, 1);

  otasuke_os_info_read_platform (info, root != NULL ? root : "/");

  if (info->name == NULL)
    info->name = g_strdup (otasuke_os_info_platform_name ());
  if (info->pretty_name == NULL)
    info->pretty_name = info->version != NULL
      ? g_strdup_printf ("%s %s", info->name, info->version)
      : g_strdup (info->name);

  return info;
}

/**
 * otasuke_os_info_support_note:
 * @id: (nullable): the os-release style id ("windows", "debian")
 * @version_id: (nullable): the version ("10", "12")
 *
 * Returns: (nullable): a translated sentence to add when @id/@version_id no
 *   longer gets security updates, or %NULL when there is nothing to add
 */
const char *
otasuke_os_info_support_note (const char *id,
                              const char *version_id)
{
  if (g_strcmp0 (id, "windows") == 0 && g_strcmp0 (version_id, "10") == 0)
    return _("Microsoft ended support for Windows 10 on 14 October 2025: without Extended "
             "Security Updates (ESU), a paid or enrolled extension for a limited time, it gets "
             "no more security fixes. Move to Windows 11 if the computer can run it, or plan to "
             "replace the computer.");
  return NULL;
}

void
otasuke_os_info_free (OtasukeOsInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info->version);
  g_free (info->version_id);
  g_free (info->pretty_name);
  g_free (info->id);
  g_free (info->architecture);
  g_free (info->kernel);
  g_free (info);
}
