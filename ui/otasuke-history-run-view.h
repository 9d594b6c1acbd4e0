/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-checklist.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

#define OTASUKE_TYPE_HISTORY_RUN_VIEW (otasuke_history_run_view_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeHistoryRunView, otasuke_history_run_view, OTASUKE, HISTORY_RUN_VIEW, GtkWidget)

/* One past check: its score, what changed since the one before, the
 * evidence and every answer. Reads run @id from @store off the main thread
 * (a spinner shows while nothing is on show); @checklist (may be NULL) names
 * the questions. @store NULL only stops a read in progress. */
void    otasuke_history_run_view_load             (OtasukeHistoryRunView *self,
                                                   OtasukeStore          *store,
                                                   OtasukeChecklist      *checklist,
                                                   gint64                 id);
/* "No Check Selected". */
void    otasuke_history_run_view_clear            (OtasukeHistoryRunView *self);
/* The next run loaded is another one: show the spinner and start at the top. */
void    otasuke_history_run_view_forget           (OtasukeHistoryRunView *self);
/* The run on show or being replaced, 0 for none. */
gint64  otasuke_history_run_view_get_run_id       (OtasukeHistoryRunView *self);
/* The run on show once it is read, 0 otherwise. */
gint64  otasuke_history_run_view_get_shown_run_id (OtasukeHistoryRunView *self);

G_END_DECLS
