/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-subprocess"

#include "config.h"

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include "otasuke-subprocess-private.h"

static void
child_setup (gpointer user_data)
{
  /* Its own process group, so a timeout also stops what it started. */
  setpgid (0, 0);
}

void
otasuke_subprocess_platform_prepare (GSubprocessLauncher *launcher)
{
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
}

gboolean
otasuke_subprocess_platform_kill_group (gint64 pid)
{
  return pid > 0 && kill ((pid_t) -pid, SIGKILL) == 0;
}
