/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The first start's welcome: what the program does, that nothing leaves the
 * computer (only the Chamber's advisory feed is downloaded), a switch to
 * start at login (the autostart seam, app/otasuke-autostart.h) and a button
 * that opens the first check. The application shows it once (the
 * "welcome-shown" key); OTASUKE_NO_WELCOME in the environment keeps it away
 * (the tests set it). */

#define OTASUKE_TYPE_WELCOME (otasuke_welcome_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeWelcome, otasuke_welcome, OTASUKE, WELCOME, AdwWindow)

/* Over @parent (the main window, which has the win.page action). */
OtasukeWelcome *otasuke_welcome_new (GtkWindow *parent,
                                     GSettings *settings);

G_END_DECLS
