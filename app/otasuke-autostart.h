/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Start at login, behind the "start at login" preference: an XDG autostart
 * entry on Linux (app/otasuke-autostart-xdg.c), the HKCU Run key on Windows
 * (win32/otasuke-autostart-win32.c). Either way the program is started with
 * --background. */
gboolean  otasuke_autostart_set_enabled (gboolean     enabled,
                                         const char  *app_id,
                                         GError     **error);
gboolean  otasuke_autostart_is_enabled  (const char  *app_id);
/* $XDG_CONFIG_HOME/autostart/<app_id>.desktop; on Windows the Run key and value. */
char     *otasuke_autostart_get_path    (const char  *app_id);

G_END_DECLS
