/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The XDG autostart entry behind the "start at login" preference. On Windows
 * these report G_IO_ERROR_NOT_SUPPORTED until the registry Run key is done. */
gboolean  otasuke_autostart_set_enabled (gboolean     enabled,
                                         const char  *app_id,
                                         GError     **error);
gboolean  otasuke_autostart_is_enabled  (const char  *app_id);
/* $XDG_CONFIG_HOME/autostart/<app_id>.desktop; NULL on Windows. */
char     *otasuke_autostart_get_path    (const char  *app_id);

G_END_DECLS
