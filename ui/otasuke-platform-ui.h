/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the UI needs from the platform once GTK is up (called from the
 * application's startup): otasuke-platform-ui-unix.c does nothing, the
 * desktop's settings apply; win32/otasuke-platform-ui-win32.c chooses a UI
 * font that has Japanese from those the system has (Yu Gothic UI, Meiryo UI,
 * Meiryo, Noto Sans CJK JP, MS UI Gothic) and sets gtk-font-name. */
void        otasuke_platform_ui_init      (void);

/* The first of @preferred (NULL-terminated) that is among @available
 * (font family names, compared without case), or NULL. */
const char *otasuke_platform_ui_pick_font (const char * const *preferred,
                                           const char * const *available);

G_END_DECLS
