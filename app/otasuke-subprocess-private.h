/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-subprocess.h"

G_BEGIN_DECLS

/* The platform seam of otasuke_subprocess_run(): app/otasuke-subprocess-unix.c
 * and win32/otasuke-subprocess-win32.c. */

/* Sets up @launcher before the spawn (Unix: the child gets a process group
 * of its own, so a timeout also stops what it started). */
void     otasuke_subprocess_platform_prepare    (GSubprocessLauncher *launcher);
/* Kills the process group led by @pid. FALSE when there is no such group
 * (or no groups at all): the caller then kills the process alone. */
gboolean otasuke_subprocess_platform_kill_group (gint64               pid);

G_END_DECLS
