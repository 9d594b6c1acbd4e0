/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-sheet.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

/* Consultation sheet drafts in the store. Each call is one transaction. */

typedef struct {
  gint64  id;
  char   *title;      /* as typed, may be empty */
  gint64  created_at;
  gint64  updated_at;
} OtasukeSheetInfo;

void          otasuke_sheet_info_free            (OtasukeSheetInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeSheetInfo, otasuke_sheet_info_free)

/* The drafts, most recently updated first (OtasukeSheetInfo*). */
GPtrArray    *otasuke_store_list_sheets          (OtasukeStore  *self,
                                                  GError       **error);
/* NULL with no error when there is no such draft. */
OtasukeSheet *otasuke_store_load_sheet           (OtasukeStore  *self,
                                                  gint64         id,
                                                  GError       **error);
/* The most recently updated draft; NULL with no error when there is none. */
OtasukeSheet *otasuke_store_load_latest_sheet    (OtasukeStore  *self,
                                                  GError       **error);
/* Inserts @sheet when its id is 0 (or its row is gone) and updates it
 * otherwise. Sets the sheet's id, its updated-at to @now and, the first
 * time, its created-at. */
gboolean      otasuke_store_save_sheet           (OtasukeStore  *self,
                                                  OtasukeSheet  *sheet,
                                                  gint64         now,
                                                  GError       **error);
/* Deleting a draft that does not exist is not an error. */
gboolean      otasuke_store_delete_sheet         (OtasukeStore  *self,
                                                  gint64         id,
                                                  GError       **error);

/* The same in a worker thread, for the UI. */
void          otasuke_store_list_sheets_async    (OtasukeStore         *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray    *otasuke_store_list_sheets_finish   (OtasukeStore         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* @id 0 loads the most recent draft. */
void          otasuke_store_load_sheet_async     (OtasukeStore         *self,
                                                  gint64                id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
OtasukeSheet *otasuke_store_load_sheet_finish    (OtasukeStore         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* Saves a copy of @sheet as it is now; finish sets the id and dates on @sheet. */
void          otasuke_store_save_sheet_async     (OtasukeStore         *self,
                                                  OtasukeSheet         *sheet,
                                                  gint64                now,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      otasuke_store_save_sheet_finish    (OtasukeStore         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void          otasuke_store_delete_sheet_async   (OtasukeStore         *self,
                                                  gint64                id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      otasuke_store_delete_sheet_finish  (OtasukeStore         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
