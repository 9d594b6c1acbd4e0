/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-subprocess"

#include "config.h"

#include "otasuke-subprocess-private.h"

/* The Windows twin of app/otasuke-subprocess-unix.c. Windows has no process
 * groups to signal: a timed-out program is ended with
 * g_subprocess_force_exit() (TerminateProcess) alone. The Windows probes read
 * the registry, WMI and version resources and run no programs. */

void
otasuke_subprocess_platform_prepare (GSubprocessLauncher *launcher)
{
}

gboolean
otasuke_subprocess_platform_kill_group (gint64 pid)
{
  return FALSE;
}
