/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-store.h"

G_BEGIN_DECLS

#define OTASUKE_TYPE_HISTORY_PAGE (otasuke_history_page_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeHistoryPage, otasuke_history_page, OTASUKE, HISTORY_PAGE, GtkWidget)

/* NULL once set means the history cannot be had (the history file could not
 * be opened); before the first call the page shows that it is loading. The
 * list is read again each time the page is shown, so finished checks appear. */
void          otasuke_history_page_set_store       (OtasukeHistoryPage *self,
                                                    OtasukeStore       *store);
OtasukeStore *otasuke_history_page_get_store       (OtasukeHistoryPage *self);
/* Reads the list of finished checks again. */
void          otasuke_history_page_reload          (OtasukeHistoryPage *self);
/* TRUE once the list has been read since the last reload. */
gboolean      otasuke_history_page_get_loaded      (OtasukeHistoryPage *self);
/* Finished checks in the list. */
guint         otasuke_history_page_get_n_runs      (OtasukeHistoryPage *self);
/* The run listed at @position (0 is the newest), or 0 past the end. */
gint64        otasuke_history_page_get_run_id      (OtasukeHistoryPage *self,
                                                    guint               position);
/* Selects run @id and shows it; FALSE when it is not listed. Its details
 * arrive from the store: see get_shown_run_id(). */
gboolean      otasuke_history_page_show_run        (OtasukeHistoryPage *self,
                                                    gint64              id);
/* The run in the detail pane once its details are there, or 0. */
gint64        otasuke_history_page_get_shown_run_id (OtasukeHistoryPage *self);

G_END_DECLS
