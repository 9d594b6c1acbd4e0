/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-security-action.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

#define OTASUKE_TYPE_ACTION_PAGE (otasuke_action_page_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeActionPage, otasuke_action_page, OTASUKE, ACTION_PAGE, GtkWidget)

/* SECURITY ACTION: readiness for ★ and ★★, the company profile, the basic
 * policy draft (edited, saved, printed or saved as PDF) and the declaration. */

/* Called once the application is ready; @store NULL: nothing can be kept. */
void                          otasuke_action_page_set_store     (OtasukeActionPage *self,
                                                                 OtasukeStore      *store);
/* Reads the store again (after a check was finished elsewhere). */
void                          otasuke_action_page_reload        (OtasukeActionPage *self);
/* The readiness last read; NULL until the first read lands. */
const OtasukeActionReadiness *otasuke_action_page_get_readiness (OtasukeActionPage *self);
/* The draft being edited; NULL until the first read lands. */
const OtasukePolicy          *otasuke_action_page_get_policy    (OtasukeActionPage *self);
/* Saves edits still waiting for their autosave, now and in this thread (the
 * window is closing). FALSE when that failed. */
gboolean                      otasuke_action_page_save_pending  (OtasukeActionPage *self,
                                                                 GError           **error);

G_END_DECLS
