/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-paths"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "otasuke-paths.h"

char *
otasuke_paths_get_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "otasuke", NULL);
}

char *
otasuke_paths_get_locale_dir (void)
{
  return g_strdup (LOCALEDIR);
}

int
otasuke_paths_create_flags (void)
{
  return O_CLOEXEC | O_NOFOLLOW;
}

int
otasuke_paths_read_flags (void)
{
  return O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
}

void
otasuke_paths_restrict (const char *path,
                        gboolean    is_folder,
                        gboolean    own_only)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0 || (st.st_mode & 0077) == 0)
    return;
  if (own_only && st.st_uid != geteuid ())
    return;
  if (g_chmod (path, st.st_mode & (is_folder ? 0700 : 0600)) != 0)
    g_debug ("Could not restrict %s: %s", path, g_strerror (errno));
}


