/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-advisories.h"
#include "otasuke-os-info.h"
#include "otasuke-sheet.h"
#include "otasuke-probe-service.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

#define OTASUKE_TYPE_SHEET_PAGE (otasuke_sheet_page_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeSheetPage, otasuke_sheet_page, OTASUKE, SHEET_PAGE, GtkWidget)

/* Called once the application is ready. @store NULL: drafts cannot be kept;
 * @advisories (may be NULL) gives the desks from the feed; @os_info (may be
 * NULL) pre-fills the operating system, the latest report of @probe_service
 * (may be NULL) the security software. Only the first call counts. */
void          otasuke_sheet_page_set_sources  (OtasukeSheetPage    *self,
                                               OtasukeStore        *store,
                                               OtasukeAdvisories   *advisories,
                                               const OtasukeOsInfo *os_info,
                                               OtasukeProbeService *probe_service);
/* The sheet being edited; NULL while it loads. */
OtasukeSheet *otasuke_sheet_page_get_sheet    (OtasukeSheetPage    *self);
/* TRUE from an edit until the store has it. */
gboolean      otasuke_sheet_page_get_unsaved  (OtasukeSheetPage    *self);
/* Saves a change still waiting for its autosave, now and in this thread (the
 * window is closing). FALSE when that failed: the change is still unsaved. */
gboolean      otasuke_sheet_page_save_pending (OtasukeSheetPage    *self,
                                               GError             **error);

G_END_DECLS
