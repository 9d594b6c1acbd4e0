/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-application.h"

G_BEGIN_DECLS

#define OTASUKE_TYPE_WINDOW (otasuke_window_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeWindow, otasuke_window, OTASUKE, WINDOW, AdwApplicationWindow)

OtasukeWindow *otasuke_window_new              (OtasukeApplication *application);
const char    *otasuke_window_get_visible_page (OtasukeWindow      *self);
void           otasuke_window_set_visible_page (OtasukeWindow      *self,
                                                const char         *page);
/* Shows the Advisories page with @id selected; FALSE (and the list) when there is no such advisory. */
gboolean       otasuke_window_show_advisory    (OtasukeWindow      *self,
                                                const char         *id);

GtkWidget     *otasuke_window_get_page         (OtasukeWindow      *self,
                                                const char         *name);

G_END_DECLS
