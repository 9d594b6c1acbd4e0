/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-checklist"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-store-private.h"
#include "otasuke-store-runs.h"

/* Far more than any run holds; a bigger row is damage, not data. */
#define MAX_PROBE_JSON_BYTES (1024 * 1024)
#define MAX_TEXT_BYTES       1024
#define MAX_ANSWERS          1000

#define RUN_COLUMNS "id, started_at, updated_at, finished_at, score, checklist_version, " \
                    "probe_json, router_model, router_firmware, findings"

void
otasuke_check_run_info_free (OtasukeCheckRunInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->checklist_version);
  g_free (info);
}

/* A text column within @max bytes, else NULL. */
static char *
column_dup_text (sqlite3_stmt *stmt,
                 int           column,
                 int           max)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  if (text == NULL || sqlite3_column_bytes (stmt, column) > max)
    return NULL;
  return g_strdup ((const char *) text);
}

/* Loading */

static gboolean
load_answers_locked (OtasukeStore     *self,
                     OtasukeCheckRun  *run,
                     GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;
  int rc;

  stmt = otasuke_store_prepare (self,
                                "SELECT item_id, answer, from_suggestion FROM check_answers "
                                "WHERE run_id = ?1 ORDER BY item_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, otasuke_check_run_get_id (run));

  while ((rc = otasuke_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *item_id = column_dup_text (stmt, 0, MAX_TEXT_BYTES);
      gint64 answer = sqlite3_column_int64 (stmt, 1);

      /* Rows an older Otasuke or damage left behind are skipped, not guessed at. */
      if (item_id == NULL || answer <= OTASUKE_ANSWER_NONE || answer > OTASUKE_ANSWER_LAST)
        continue;
      if (++n > MAX_ANSWERS)
        break;
      otasuke_check_run_set_answer (run, item_id, (OtasukeAnswer) answer,
                                    sqlite3_column_int (stmt, 2) != 0);
    }

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Runs @sql, which selects RUN_COLUMNS with @id bound as ?1 (unless 0), and
 * builds the run of its first row with its answers. Needs the lock. */
static OtasukeCheckRun *
load_run_locked (OtasukeStore  *self,
                 const char    *sql,
                 gint64         id,
                 GError       **error)
{
  g_autoptr(OtasukeCheckRun) run = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *version = NULL;
  g_autofree char *model = NULL;
  g_autofree char *firmware = NULL;
  g_autofree char *probe_json = NULL;
  g_autofree char *findings = NULL;
  gint64 finished_at;

  stmt = otasuke_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);

  if (otasuke_store_step (self, stmt, error) != SQLITE_ROW)
    return NULL;

  version = column_dup_text (stmt, 5, MAX_TEXT_BYTES);
  run = otasuke_check_run_new (version != NULL ? version : "", sqlite3_column_int64 (stmt, 1));
  otasuke_check_run_set_id (run, sqlite3_column_int64 (stmt, 0));
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    otasuke_check_run_set_updated_at (run, sqlite3_column_int64 (stmt, 2));

  finished_at = sqlite3_column_type (stmt, 3) != SQLITE_NULL ? sqlite3_column_int64 (stmt, 3) : 0;
  if (finished_at > 0 && sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    otasuke_check_run_set_finished (run, finished_at, sqlite3_column_int (stmt, 4));

  probe_json = column_dup_text (stmt, 6, MAX_PROBE_JSON_BYTES);
  otasuke_check_run_set_probe_json (run, probe_json);
  model = column_dup_text (stmt, 7, MAX_TEXT_BYTES);
  firmware = column_dup_text (stmt, 8, MAX_TEXT_BYTES);
  otasuke_check_run_set_router (run, model, firmware);
  findings = column_dup_text (stmt, 9, MAX_PROBE_JSON_BYTES);
  otasuke_check_run_set_findings (run, findings);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!load_answers_locked (self, run, error))
    return NULL;

  return g_steal_pointer (&run);
}

/* The same in a read transaction, so the run and its answers match. */
static OtasukeCheckRun *
load_run (OtasukeStore  *self,
          const char    *sql,
          gint64         id,
          GError       **error)
{
  g_autoptr(GMutexLocker) locker = otasuke_store_lock (self);
  OtasukeCheckRun *run;

  if (!otasuke_store_begin_read (self, error))
    return NULL;
  run = load_run_locked (self, sql, id, error);
  otasuke_store_rollback (self);
  return run;
}

OtasukeCheckRun *
otasuke_store_load_check_run (OtasukeStore  *self,
                              gint64         id,
                              GError       **error)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (id <= 0)
    return NULL;
  return load_run (self, "SELECT " RUN_COLUMNS " FROM check_runs WHERE id = ?1", id, error);
}

OtasukeCheckRun *
otasuke_store_load_unfinished_check_run (OtasukeStore  *self,
                                         GError       **error)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_run (self,
                   "SELECT " RUN_COLUMNS " FROM check_runs WHERE finished_at IS NULL "
                   "ORDER BY coalesce (updated_at, started_at) DESC, id DESC LIMIT 1",
                   0, error);
}

OtasukeCheckRun *
otasuke_store_load_previous_check_run (OtasukeStore  *self,
                                       gint64         id,
                                       GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  OtasukeCheckRun *run;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin_read (self, error))
    return NULL;

  /* Before a finished run in history order; for an unfinished (or unknown)
   * one, the latest finished run. */
  run = load_run_locked (self,
                         "WITH this AS (SELECT finished_at AS f, id AS i FROM check_runs "
                         "              WHERE id = ?1 AND finished_at IS NOT NULL) "
                         "SELECT " RUN_COLUMNS " FROM check_runs "
                         "WHERE finished_at IS NOT NULL AND id != ?1 AND "
                         "  (NOT EXISTS (SELECT 1 FROM this) OR "
                         "   finished_at < (SELECT f FROM this) OR "
                         "   (finished_at = (SELECT f FROM this) AND id < (SELECT i FROM this))) "
                         "ORDER BY finished_at DESC, id DESC LIMIT 1",
                         id > 0 ? id : G_MAXINT64, error);
  otasuke_store_rollback (self);
  return run;
}

GPtrArray *
otasuke_store_list_check_runs (OtasukeStore  *self,
                               GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  int rc;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = otasuke_store_lock (self);
  stmt = otasuke_store_prepare (self,
                                "SELECT id, started_at, finished_at, score, checklist_version "
                                "FROM check_runs WHERE finished_at IS NOT NULL AND score IS NOT NULL "
                                "ORDER BY finished_at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;

  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_check_run_info_free);
  while ((rc = otasuke_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      OtasukeCheckRunInfo *info = g_new0 (OtasukeCheckRunInfo, 1);
      g_autofree char *version = column_dup_text (stmt, 4, MAX_TEXT_BYTES);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->started_at = sqlite3_column_int64 (stmt, 1);
      info->finished_at = sqlite3_column_int64 (stmt, 2);
      info->score = CLAMP (sqlite3_column_int (stmt, 3), -25, 100);
      info->band = otasuke_score_band_for_score (info->score);
      info->checklist_version = version != NULL ? g_steal_pointer (&version) : g_strdup ("");
      g_ptr_array_add (runs, info);
    }

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&runs);
}

/* Saving */

static gboolean
exec_bound (OtasukeStore  *self,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  return otasuke_store_step (self, stmt, error) == SQLITE_DONE;
}

/* Writes the run row in the caller's transaction; returns its id, 0 on failure. */
static gint64
save_row_locked (OtasukeStore     *self,
                 OtasukeCheckRun  *run,
                 gint64            now,
                 GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = otasuke_check_run_get_id (run);
  gint64 finished_at = otasuke_check_run_get_finished_at (run);

  if (id > 0)
    {
      stmt = otasuke_store_prepare (self,
                                    "UPDATE check_runs SET started_at = ?2, updated_at = ?3, "
                                    "  finished_at = ?4, score = ?5, checklist_version = ?6, "
                                    "  probe_json = ?7, router_model = ?8, router_firmware = ?9, findings = ?10 "
                                    "WHERE id = ?1", error);
    }
  else
    {
      stmt = otasuke_store_prepare (self,
                                    "INSERT INTO check_runs (id, started_at, updated_at, finished_at, "
                                    "  score, checklist_version, probe_json, router_model, router_firmware, findings) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
    }
  if (stmt == NULL)
    return 0;

  for (int pass = 0; pass < 2; pass++)
    {
      if (id > 0)
        sqlite3_bind_int64 (stmt, 1, id);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, otasuke_check_run_get_started_at (run));
      sqlite3_bind_int64 (stmt, 3, now);
      if (finished_at > 0)
        {
          sqlite3_bind_int64 (stmt, 4, finished_at);
          sqlite3_bind_int (stmt, 5, otasuke_check_run_get_score (run));
        }
      else
        {
          sqlite3_bind_null (stmt, 4);
          sqlite3_bind_null (stmt, 5);
        }
      sqlite3_bind_text (stmt, 6, otasuke_check_run_get_checklist_version (run), -1, SQLITE_TRANSIENT);
      otasuke_store_bind_text_or_null (stmt, 7, otasuke_check_run_get_probe_json (run));
      otasuke_store_bind_text_or_null (stmt, 8, otasuke_check_run_get_router_model (run));
      otasuke_store_bind_text_or_null (stmt, 9, otasuke_check_run_get_router_firmware (run));
      otasuke_store_bind_text_or_null (stmt, 10, otasuke_check_run_get_findings (run));

      if (!exec_bound (self, stmt, error))
        return 0;
      if (id <= 0)
        return sqlite3_last_insert_rowid (self->db);
      if (pass > 0 || sqlite3_changes (self->db) > 0)
        return id;

      /* Deleted elsewhere while it was open: insert it again, keeping its id. */
      g_clear_pointer (&stmt, sqlite3_finalize);
      stmt = otasuke_store_prepare (self,
                                    "INSERT INTO check_runs (id, started_at, updated_at, finished_at, "
                                    "  score, checklist_version, probe_json, router_model, router_firmware, findings) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
      if (stmt == NULL)
        return 0;
    }

  g_assert_not_reached ();
  return 0;
}

static gboolean
save_answers_locked (OtasukeStore     *self,
                     OtasukeCheckRun  *run,
                     gint64            id,
                     GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree const char **ids = NULL;

  if (!otasuke_store_exec_with_id (self, "DELETE FROM check_answers WHERE run_id = ?1", id, error))
    return FALSE;

  stmt = otasuke_store_prepare (self,
                                "INSERT INTO check_answers (run_id, item_id, answer, from_suggestion) "
                                "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;

  ids = otasuke_check_run_get_answered_ids (run);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gboolean from_suggestion = FALSE;
      OtasukeAnswer answer = otasuke_check_run_get_answer (run, ids[i], &from_suggestion);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, ids[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, (int) answer);
      sqlite3_bind_int (stmt, 4, from_suggestion ? 1 : 0);
      if (!exec_bound (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
otasuke_store_save_check_run (OtasukeStore     *self,
                              OtasukeCheckRun  *run,
                              gint64            now,
                              GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  const char *model;
  gint64 id;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;

  id = save_row_locked (self, run, now, error);
  if (id <= 0 || !save_answers_locked (self, run, id, error))
    goto fail;

  model = otasuke_check_run_get_router_model (run);
  if (model != NULL &&
      (!otasuke_store_set_meta_locked (self, OTASUKE_STORE_META_ROUTER_MODEL, model, error) ||
       !otasuke_store_set_meta_locked (self, OTASUKE_STORE_META_ROUTER_FIRMWARE,
                                       otasuke_check_run_get_router_firmware (run), error)))
    goto fail;

  if (!otasuke_store_commit (self, error))
    return FALSE;

  otasuke_check_run_set_id (run, id);
  otasuke_check_run_set_updated_at (run, now);
  return TRUE;

fail:
  otasuke_store_rollback (self);
  return FALSE;
}

gboolean
otasuke_store_delete_check_run (OtasukeStore  *self,
                                gint64         id,
                                GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;

  /* The answers go with it (ON DELETE CASCADE); said again in case foreign keys are off. */
  if (!otasuke_store_exec_with_id (self, "DELETE FROM check_answers WHERE run_id = ?1", id, error) ||
      !otasuke_store_exec_with_id (self, "DELETE FROM check_runs WHERE id = ?1", id, error))
    {
      otasuke_store_rollback (self);
      return FALSE;
    }

  return otasuke_store_commit (self, error);
}

OtasukeCheckRunDiff *
otasuke_store_diff_check_run (OtasukeStore      *self,
                              gint64             id,
                              OtasukeChecklist  *checklist,
                              GError           **error)
{
  g_autoptr(OtasukeCheckRun) run = NULL;
  g_autoptr(OtasukeCheckRun) previous = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run = otasuke_store_load_check_run (self, id, error);
  if (run == NULL)
    return NULL;
  previous = otasuke_store_load_previous_check_run (self, id, error);
  if (previous == NULL)
    return NULL;

  return otasuke_check_run_diff (previous, run, checklist);
}

/* The router last entered */

gboolean
otasuke_store_get_router (OtasukeStore  *self,
                          char         **model,
                          char         **firmware,
                          GError       **error)
{
  g_autofree char *m = NULL;
  g_autofree char *f = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (model != NULL && firmware != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *model = NULL;
  *firmware = NULL;

  m = otasuke_store_get_meta (self, OTASUKE_STORE_META_ROUTER_MODEL, &local_error);
  if (local_error == NULL && m != NULL)
    f = otasuke_store_get_meta (self, OTASUKE_STORE_META_ROUTER_FIRMWARE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  *model = g_steal_pointer (&m);
  *firmware = g_steal_pointer (&f);
  return TRUE;
}

gboolean
otasuke_store_set_router (OtasukeStore  *self,
                          const char    *model,
                          const char    *firmware,
                          GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (model != NULL && *model == '\0')
    model = NULL;
  if (model == NULL || (firmware != NULL && *firmware == '\0'))
    firmware = NULL;

  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;

  if (!otasuke_store_set_meta_locked (self, OTASUKE_STORE_META_ROUTER_MODEL, model, error) ||
      !otasuke_store_set_meta_locked (self, OTASUKE_STORE_META_ROUTER_FIRMWARE, firmware, error))
    {
      otasuke_store_rollback (self);
      return FALSE;
    }

  return otasuke_store_commit (self, error);
}

/* Async */

typedef struct {
  gint64            id;
  gint64            now;
  OtasukeCheckRun  *run;        /* the caller's, touched only in finish */
  OtasukeCheckRun  *copy;       /* the thread's */
  OtasukeChecklist *checklist;  /* immutable, shared */
} RunOp;

static void
run_op_free (RunOp *op)
{
  g_clear_pointer (&op->run, otasuke_check_run_unref);
  g_clear_pointer (&op->copy, otasuke_check_run_unref);
  g_clear_pointer (&op->checklist, otasuke_checklist_unref);
  g_free (op);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RunOp *op = task_data;
  GError *error = NULL;
  gboolean ok = otasuke_store_save_check_run (source_object, op->copy, op->now, &error);

  otasuke_store_task_return_boolean (task, ok, error);
}

void
otasuke_store_save_check_run_async (OtasukeStore        *self,
                                    OtasukeCheckRun     *run,
                                    gint64               now,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  RunOp *op;

  g_return_if_fail (OTASUKE_IS_STORE (self));
  g_return_if_fail (run != NULL);

  op = g_new0 (RunOp, 1);
  op->now = now;
  op->run = otasuke_check_run_ref (run);
  op->copy = otasuke_check_run_copy (run);
  otasuke_store_run_in_thread (self, otasuke_store_save_check_run_async, op, (GDestroyNotify) run_op_free,
                               save_in_thread, cancellable, callback, user_data);
}

gboolean
otasuke_store_save_check_run_finish (OtasukeStore  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  RunOp *op;

  if (!otasuke_store_propagate_boolean (self, result, otasuke_store_save_check_run_async, error))
    return FALSE;

  op = g_task_get_task_data (G_TASK (result));
  otasuke_check_run_set_id (op->run, otasuke_check_run_get_id (op->copy));
  otasuke_check_run_set_updated_at (op->run, otasuke_check_run_get_updated_at (op->copy));
  return TRUE;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RunOp *op = task_data;
  GError *error = NULL;
  OtasukeCheckRun *run;

  if (op->id > 0)
    run = otasuke_store_load_check_run (source_object, op->id, &error);
  else
    run = otasuke_store_load_unfinished_check_run (source_object, &error);

  otasuke_store_task_return_pointer (task, run, (GDestroyNotify) otasuke_check_run_unref, error);
}

void
otasuke_store_load_check_run_async (OtasukeStore        *self,
                                    gint64               id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  RunOp *op;

  g_return_if_fail (OTASUKE_IS_STORE (self));

  op = g_new0 (RunOp, 1);
  op->id = id;
  otasuke_store_run_in_thread (self, otasuke_store_load_check_run_async, op, (GDestroyNotify) run_op_free,
                               load_in_thread, cancellable, callback, user_data);
}

OtasukeCheckRun *
otasuke_store_load_check_run_finish (OtasukeStore  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return otasuke_store_propagate_pointer (self, result, otasuke_store_load_check_run_async, error);
}

void
otasuke_store_list_check_runs_async (OtasukeStore        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (OTASUKE_IS_STORE (self));

  otasuke_store_get_in_thread (self, otasuke_store_list_check_runs_async, (OtasukeStoreGetter) otasuke_store_list_check_runs,
                               (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
otasuke_store_list_check_runs_finish (OtasukeStore  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return otasuke_store_propagate_pointer (self, result, otasuke_store_list_check_runs_async, error);
}

static void
diff_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RunOp *op = task_data;
  GError *error = NULL;
  OtasukeCheckRunDiff *diff;

  diff = otasuke_store_diff_check_run (source_object, op->id, op->checklist, &error);
  otasuke_store_task_return_pointer (task, diff, (GDestroyNotify) otasuke_check_run_diff_free, error);
}

void
otasuke_store_diff_check_run_async (OtasukeStore        *self,
                                    gint64               id,
                                    OtasukeChecklist    *checklist,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  RunOp *op;

  g_return_if_fail (OTASUKE_IS_STORE (self));

  op = g_new0 (RunOp, 1);
  op->id = id;
  op->checklist = checklist != NULL ? otasuke_checklist_ref (checklist) : NULL;
  otasuke_store_run_in_thread (self, otasuke_store_diff_check_run_async, op, (GDestroyNotify) run_op_free,
                               diff_in_thread, cancellable, callback, user_data);
}

OtasukeCheckRunDiff *
otasuke_store_diff_check_run_finish (OtasukeStore  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return otasuke_store_propagate_pointer (self, result, otasuke_store_diff_check_run_async, error);
}
