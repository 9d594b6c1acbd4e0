/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OTASUKE_TYPE_PREFERENCES_WINDOW (otasuke_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (OtasukePreferencesWindow, otasuke_preferences_window, OTASUKE, PREFERENCES_WINDOW, AdwPreferencesWindow)

OtasukePreferencesWindow *otasuke_preferences_window_new               (GSettings                *settings);
void                      otasuke_preferences_window_set_trust          (OtasukePreferencesWindow *self,
                                                                         guint                     n_keys,
                                                                         const char               *unreadable);

/* Turns start at login on or off (the autostart seam); a failure is said in
 * a dialog over @parent. The "start-at-login" key is set to what is true
 * afterwards, which is returned. Preferences and the welcome use it. */
gboolean otasuke_preferences_set_autostart (GtkWindow *parent,
                                            GSettings *settings,
                                            gboolean   wanted);

G_END_DECLS
