/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-store-private.h"
#include "otasuke-store-sheets.h"

/* Far more than any sheet a person types; a bigger row is damage. */
#define MAX_FIELDS_JSON_BYTES (8 * 1024 * 1024)

void
otasuke_sheet_info_free (OtasukeSheetInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->title);
  g_free (info);
}

GPtrArray *
otasuke_store_list_sheets (OtasukeStore  *self,
                           GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  int rc;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  locker = otasuke_store_lock (self);
  stmt = otasuke_store_prepare (self,
                                "SELECT id, title, created_at, updated_at FROM sheets "
                                "ORDER BY updated_at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;

  sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_sheet_info_free);
  while ((rc = otasuke_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      OtasukeSheetInfo *info = g_new0 (OtasukeSheetInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->title = otasuke_store_column_dup_text (stmt, 1);
      if (info->title == NULL)
        info->title = g_strdup ("");
      info->created_at = sqlite3_column_int64 (stmt, 2);
      info->updated_at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (sheets, info);
    }

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&sheets);
}

/* Runs @sql with @id bound (when > 0) and builds the sheet of its row. */
static OtasukeSheet *
load_sheet (OtasukeStore  *self,
            const char    *sql,
            gint64         id,
            GError       **error)
{
  g_autoptr(OtasukeSheet) sheet = NULL;
  g_autofree char *title = NULL;
  g_autofree char *json = NULL;
  gint64 row_id;
  gint64 created_at;
  gint64 updated_at;

  {
    g_autoptr(GMutexLocker) locker = otasuke_store_lock (self);
    g_autoptr(sqlite3_stmt) stmt = otasuke_store_prepare (self, sql, error);
    int rc;

    if (stmt == NULL)
      return NULL;
    if (id > 0)
      sqlite3_bind_int64 (stmt, 1, id);

    rc = otasuke_store_step (self, stmt, error);
    if (rc != SQLITE_ROW)
      return NULL;

    row_id = sqlite3_column_int64 (stmt, 0);
    title = otasuke_store_column_dup_text (stmt, 1);
    created_at = sqlite3_column_int64 (stmt, 2);
    updated_at = sqlite3_column_int64 (stmt, 3);
    if (sqlite3_column_bytes (stmt, 4) <= MAX_FIELDS_JSON_BYTES)
      json = otasuke_store_column_dup_text (stmt, 4);
  }

  if (json == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved consultation sheet is too large to open."));
      return NULL;
    }

  sheet = otasuke_sheet_new ();
  if (!otasuke_sheet_fields_from_json (sheet, json, error))
    return NULL;

  otasuke_sheet_set_id (sheet, row_id);
  otasuke_sheet_set_title (sheet, title);
  otasuke_sheet_set_created_at (sheet, created_at);
  otasuke_sheet_set_updated_at (sheet, updated_at);

  return g_steal_pointer (&sheet);
}

#define SHEET_COLUMNS "id, title, created_at, updated_at, fields_json"

OtasukeSheet *
otasuke_store_load_sheet (OtasukeStore  *self,
                          gint64         id,
                          GError       **error)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  if (id <= 0)
    return NULL;

  return load_sheet (self, "SELECT " SHEET_COLUMNS " FROM sheets WHERE id = ?", id, error);
}

OtasukeSheet *
otasuke_store_load_latest_sheet (OtasukeStore  *self,
                                 GError       **error)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  return load_sheet (self,
                     "SELECT " SHEET_COLUMNS " FROM sheets ORDER BY updated_at DESC, id DESC LIMIT 1",
                     0, error);
}

/* Writes the row in the transaction the caller began; returns the row's id, 0 on failure. */
static gint64
save_locked (OtasukeStore  *self,
             gint64         id,
             const char    *title,
             gint64         created_at,
             gint64         now,
             const char    *json,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (id > 0)
    {
      stmt = otasuke_store_prepare (self,
                                    "UPDATE sheets SET title = ?, updated_at = ?, fields_json = ? "
                                    "WHERE id = ?", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_text (stmt, 3, json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, id);
      if (otasuke_store_step (self, stmt, error) != SQLITE_DONE)
        return 0;
      if (sqlite3_changes (self->db) > 0)
        return id;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  /* New, or deleted elsewhere while it was open: keep the id it had. */
  stmt = otasuke_store_prepare (self,
                                "INSERT INTO sheets (id, title, created_at, updated_at, fields_json) "
                                "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, created_at > 0 ? created_at : now);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_text (stmt, 5, json, -1, SQLITE_TRANSIENT);
  if (otasuke_store_step (self, stmt, error) != SQLITE_DONE)
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
otasuke_store_save_sheet (OtasukeStore  *self,
                          OtasukeSheet  *sheet,
                          gint64         now,
                          GError       **error)
{
  g_autofree char *json = NULL;
  const char *title;
  gint64 created_at;
  gint64 id;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), FALSE);

  json = otasuke_sheet_fields_to_json (sheet);
  title = otasuke_sheet_get_title (sheet);
  created_at = otasuke_sheet_get_created_at (sheet);

  {
    g_autoptr(GMutexLocker) locker = otasuke_store_lock (self);

    if (!otasuke_store_begin (self, error))
      return FALSE;

    id = save_locked (self, otasuke_sheet_get_id (sheet), title != NULL ? title : "",
                      created_at, now, json, error);
    if (id <= 0)
      {
        otasuke_store_rollback (self);
        return FALSE;
      }

    if (!otasuke_store_commit (self, error))
      return FALSE;
  }

  g_object_freeze_notify (G_OBJECT (sheet));
  otasuke_sheet_set_id (sheet, id);
  if (created_at <= 0)
    otasuke_sheet_set_created_at (sheet, now);
  otasuke_sheet_set_updated_at (sheet, now);
  g_object_thaw_notify (G_OBJECT (sheet));

  return TRUE;
}

gboolean
otasuke_store_delete_sheet (OtasukeStore  *self,
                            gint64         id,
                            GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);

  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;

  if (!otasuke_store_exec_with_id (self, "DELETE FROM sheets WHERE id = ?", id, error))
    {
      otasuke_store_rollback (self);
      return FALSE;
    }

  return otasuke_store_commit (self, error);
}

/* Async */

typedef struct {
  gint64 id;
  gint64 now;
  OtasukeSheet *sheet; /* the caller's, touched only in finish */
  OtasukeSheet *copy;  /* the thread's */
} SheetOp;

static void
sheet_op_free (SheetOp *op)
{
  g_clear_object (&op->sheet);
  g_clear_object (&op->copy);
  g_free (op);
}

void
otasuke_store_list_sheets_async (OtasukeStore        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (OTASUKE_IS_STORE (self));

  otasuke_store_get_in_thread (self, otasuke_store_list_sheets_async, (OtasukeStoreGetter) otasuke_store_list_sheets,
                               (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
otasuke_store_list_sheets_finish (OtasukeStore  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return otasuke_store_propagate_pointer (self, result, otasuke_store_list_sheets_async, error);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SheetOp *op = task_data;
  GError *error = NULL;
  OtasukeSheet *sheet;

  if (op->id > 0)
    sheet = otasuke_store_load_sheet (source_object, op->id, &error);
  else
    sheet = otasuke_store_load_latest_sheet (source_object, &error);

  otasuke_store_task_return_pointer (task, sheet, g_object_unref, error);
}

void
otasuke_store_load_sheet_async (OtasukeStore        *self,
                                gint64               id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  SheetOp *op;

  g_return_if_fail (OTASUKE_IS_STORE (self));

  op = g_new0 (SheetOp, 1);
  op->id = id;
  otasuke_store_run_in_thread (self, otasuke_store_load_sheet_async, op, (GDestroyNotify) sheet_op_free,
                               load_in_thread, cancellable, callback, user_data);
}

/* NULL with no error when the draft does not exist. */
OtasukeSheet *
otasuke_store_load_sheet_finish (OtasukeStore  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return otasuke_store_propagate_pointer (self, result, otasuke_store_load_sheet_async, error);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SheetOp *op = task_data;
  GError *error = NULL;
  gboolean ok = otasuke_store_save_sheet (source_object, op->copy, op->now, &error);

  otasuke_store_task_return_boolean (task, ok, error);
}

void
otasuke_store_save_sheet_async (OtasukeStore        *self,
                                OtasukeSheet        *sheet,
                                gint64               now,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  SheetOp *op;

  g_return_if_fail (OTASUKE_IS_STORE (self));
  g_return_if_fail (OTASUKE_IS_SHEET (sheet));

  op = g_new0 (SheetOp, 1);
  op->now = now;
  op->sheet = g_object_ref (sheet);
  op->copy = otasuke_sheet_copy (sheet);
  otasuke_store_run_in_thread (self, otasuke_store_save_sheet_async, op, (GDestroyNotify) sheet_op_free,
                               save_in_thread, cancellable, callback, user_data);
}

gboolean
otasuke_store_save_sheet_finish (OtasukeStore  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  SheetOp *op;

  if (!otasuke_store_propagate_boolean (self, result, otasuke_store_save_sheet_async, error))
    return FALSE;

  op = g_task_get_task_data (G_TASK (result));
  g_object_freeze_notify (G_OBJECT (op->sheet));
  otasuke_sheet_set_id (op->sheet, otasuke_sheet_get_id (op->copy));
  otasuke_sheet_set_created_at (op->sheet, otasuke_sheet_get_created_at (op->copy));
  otasuke_sheet_set_updated_at (op->sheet, otasuke_sheet_get_updated_at (op->copy));
  g_object_thaw_notify (G_OBJECT (op->sheet));

  return TRUE;
}

static void
delete_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SheetOp *op = task_data;
  GError *error = NULL;
  gboolean ok = otasuke_store_delete_sheet (source_object, op->id, &error);

  otasuke_store_task_return_boolean (task, ok, error);
}

void
otasuke_store_delete_sheet_async (OtasukeStore        *self,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  SheetOp *op;

  g_return_if_fail (OTASUKE_IS_STORE (self));

  op = g_new0 (SheetOp, 1);
  op->id = id;
  otasuke_store_run_in_thread (self, otasuke_store_delete_sheet_async, op, (GDestroyNotify) sheet_op_free,
                               delete_in_thread, cancellable, callback, user_data);
}

gboolean
otasuke_store_delete_sheet_finish (OtasukeStore  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return otasuke_store_propagate_boolean (self, result, otasuke_store_delete_sheet_async, error);
}
