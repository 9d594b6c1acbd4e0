/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-os-info"

#include "config.h"

#include <string.h>
#include <sys/utsname.h>

#include "otasuke-os-info-private.h"

/* The Linux side of the OS identity: os-release below a root, and uname for
 * the running kernel. */

/* os-release is outside data: bound its size and the length of each value. */
#define OS_RELEASE_MAX_BYTES (64 * 1024)
#define OS_RELEASE_MAX_VALUE 256

static char *
unquote_value (const char *raw)
{
  g_autofree char *value = NULL;
  GError *error = NULL;

  if (raw[0] == '"' || raw[0] == '\'')
    {
      value = g_shell_unquote (raw, &error);
      if (value == NULL)
        {
          g_clear_error (&error);
          return NULL;
        }
    }
  else
    value = g_strdup (raw);

  g_strstrip (value);
  if (value[0] == '\0' || strlen (value) > OS_RELEASE_MAX_VALUE || !g_utf8_validate (value, -1, NULL))
    return NULL;

  /* Shown as plain text, but control characters have no business in a name. */
  for (char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';

  return g_steal_pointer (&value);
}

static gboolean
parse_os_release (const char    *contents,
                  OtasukeOsInfo *info)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  gboolean found = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *eq;
      g_autofree char *key = NULL;
      char **slot = NULL;

      while (g_ascii_isspace (*line))
        line++;
      if (*line == '#' || *line == '\0')
        continue;
      eq = strchr (line, '=');
      if (eq == NULL)
        continue;

      key = g_strndup (line, eq - line);
      if (g_str_equal (key, "NAME"))
        slot = &info->name;
      else if (g_str_equal (key, "VERSION"))
        slot = &info->version;
      else if (g_str_equal (key, "VERSION_ID"))
        slot = &info->version_id;
      else if (g_str_equal (key, "PRETTY_NAME"))
        slot = &info->pretty_name;
      else if (g_str_equal (key, "ID"))
        slot = &info->id;

      if (slot != NULL)
        {
          g_free (*slot);
          *slot = unquote_value (eq + 1);
          found |= (*slot != NULL);
        }
    }

  return found;
}

void
otasuke_os_info_read_platform (OtasukeOsInfo *info,
                               const char    *root)
{
  static const char * const candidates[] = { "etc/os-release", "usr/lib/os-release" };
  struct utsname uts;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *path = g_build_filename (root, candidates[i], NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, NULL))
        continue;
      if (len > OS_RELEASE_MAX_BYTES || memchr (contents, '\0', len) != NULL)
        continue;
      if (parse_os_release (contents, info))
        break;
    }

  /* Only the running kernel can be asked; a fake root describes files only. */
  if (g_strcmp0 (root, "/") == 0 && uname (&uts) == 0)
    {
      info->architecture = g_strdup (uts.machine);
      info->kernel = g_strdup (uts.release);
    }
}

const char *
otasuke_os_info_platform_name (void)
{
  return "Linux";
}
