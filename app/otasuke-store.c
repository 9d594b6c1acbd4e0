/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-store"

#include "config.h"

#include "otasuke-store-private.h"

G_DEFINE_FINAL_TYPE (OtasukeStore, otasuke_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (otasuke-store-error-quark, otasuke_store_error)

static void
otasuke_store_finalize (GObject *object)
{
  OtasukeStore *self = (OtasukeStore *)object;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->recovered_path, g_free);
  g_clear_pointer (&self->recovery_reason, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (otasuke_store_parent_class)->finalize (object);
}

static void
otasuke_store_class_init (OtasukeStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = otasuke_store_finalize;
}

static void
otasuke_store_init (OtasukeStore *self)
{
  g_mutex_init (&self->mutex);
}


/* Connection helpers, shared with the other otasuke-store-*.c files */

GMutexLocker *
otasuke_store_lock (OtasukeStore *self)
{
  return g_mutex_locker_new (&self->mutex);
}

gboolean
otasuke_store_exec (OtasukeStore  *self,
                    const char    *sql,
                    GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      otasuke_store_set_error_from_sqlite (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
otasuke_store_prepare (OtasukeStore  *self,
                       const char    *sql,
                       GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      otasuke_store_set_error_from_sqlite (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

int
otasuke_store_step (OtasukeStore  *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    otasuke_store_set_error_from_sqlite (self, rc, error);

  return rc;
}

gboolean
otasuke_store_query_text (OtasukeStore  *self,
                          const char    *sql,
                          char         **out_text,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *out_text = NULL;

  stmt = otasuke_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = otasuke_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    *out_text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gboolean
otasuke_store_query_int (OtasukeStore  *self,
                         const char    *sql,
                         gint64        *out_value,
                         GError       **error)
{
  g_autofree char *text = NULL;

  if (!otasuke_store_query_text (self, sql, &text, error))
    return FALSE;

  *out_value = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
  return TRUE;
}

gboolean
otasuke_store_begin (OtasukeStore  *self,
                     GError       **error)
{
  return otasuke_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
otasuke_store_begin_read (OtasukeStore  *self,
                          GError       **error)
{
  return otasuke_store_exec (self, "BEGIN", error);
}

void
otasuke_store_rollback (OtasukeStore *self)
{
  /* SQLite rolls back by itself after some errors (SQLITE_FULL among
   * them); a second ROLLBACK would only fail. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
otasuke_store_commit (OtasukeStore  *self,
                      GError       **error)
{
  if (!otasuke_store_exec (self, "COMMIT", error))
    {
      otasuke_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

gboolean
otasuke_store_set_meta_locked (OtasukeStore  *self,
                               const char    *key,
                               const char    *value,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (value != NULL)
    stmt = otasuke_store_prepare (self,
                                  "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  error);
  else
    stmt = otasuke_store_prepare (self, "DELETE FROM meta WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return otasuke_store_step (self, stmt, error) == SQLITE_DONE;
}

gboolean
otasuke_store_exec_with_id (OtasukeStore  *self,
                            const char    *sql,
                            gint64         id,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = otasuke_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return otasuke_store_step (self, stmt, error) == SQLITE_DONE;
}

/* Async wrappers, shared with the other otasuke-store-*.c files */

void
otasuke_store_run_in_thread (OtasukeStore        *self,
                             gpointer             source_tag,
                             gpointer             task_data,
                             GDestroyNotify       task_data_free,
                             GTaskThreadFunc      thread_func,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  /* The task holds a reference to @self until the worker is done. */
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, task_data, task_data_free);
  g_task_run_in_thread (task, thread_func);
}

typedef struct {
  OtasukeStoreGetter getter;
  GDestroyNotify     value_free;
} GetOp;

static void
get_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GetOp *op = task_data;
  GError *error = NULL;
  gpointer value = op->getter (source_object, &error);

  otasuke_store_task_return_pointer (task, value, op->value_free, error);
}

void
otasuke_store_get_in_thread (OtasukeStore        *self,
                             gpointer             source_tag,
                             OtasukeStoreGetter   getter,
                             GDestroyNotify       value_free,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GetOp *op = g_new0 (GetOp, 1);

  op->getter = getter;
  op->value_free = value_free;
  otasuke_store_run_in_thread (self, source_tag, op, g_free, get_in_thread, cancellable, callback, user_data);
}

void
otasuke_store_task_return_pointer (GTask          *task,
                                   gpointer        value,
                                   GDestroyNotify  value_free,
                                   GError         *error)
{
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, value_free);
}

void
otasuke_store_task_return_boolean (GTask    *task,
                                   gboolean  ok,
                                   GError   *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

gpointer
otasuke_store_propagate_pointer (OtasukeStore  *self,
                                 GAsyncResult  *result,
                                 gpointer       source_tag,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
otasuke_store_propagate_boolean (OtasukeStore  *self,
                                 GAsyncResult  *result,
                                 gpointer       source_tag,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Opening: the blocking part is in otasuke-store-open.c */

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  OtasukeStore *store;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = otasuke_store_open (path, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * otasuke_store_open_async:
 * @path: (nullable): the database file, or %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Runs otasuke_store_open() in a worker thread.
 */
void
otasuke_store_open_async (const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, otasuke_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

OtasukeStore *
otasuke_store_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == otasuke_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
otasuke_store_get_path (OtasukeStore *self)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  return self->path;
}

/**
 * otasuke_store_get_recovered_path:
 *
 * Returns: (nullable): where a damaged database was moved when this store
 *   was opened, or %NULL if nothing was damaged
 */
const char *
otasuke_store_get_recovered_path (OtasukeStore *self)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  return self->recovered_path;
}

/**
 * otasuke_store_get_recovery_reason:
 *
 * Returns: (nullable): a sentence for the user explaining that a damaged
 *   database was set aside, or %NULL if nothing happened
 */
const char *
otasuke_store_get_recovery_reason (OtasukeStore *self)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  return self->recovery_reason;
}

guint
otasuke_store_get_user_version (OtasukeStore *self)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), 0);

  return self->user_version;
}

/**
 * otasuke_store_is_read_only:
 *
 * Returns: %TRUE when the file could only be opened for reading (a
 *   read-only folder, disk or file); writes will fail with
 *   %OTASUKE_STORE_ERROR_READ_ONLY
 */
gboolean
otasuke_store_is_read_only (OtasukeStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), TRUE);

  locker = otasuke_store_lock (self);
  return sqlite3_db_readonly (self->db, "main") == 1;
}

/**
 * otasuke_store_get_read_only_reason:
 *
 * Returns: (nullable): when the file could only be opened for reading, a
 *   sentence for the user saying which file or folder is read-only and that
 *   nothing will be saved; %NULL otherwise
 */
const char *
otasuke_store_get_read_only_reason (OtasukeStore *self)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  return self->read_only_reason;
}


/* Writes */

/* Steps @stmt, a write inside the transaction the caller began, to its end
 * and finalizes it; then commits, or rolls back when anything failed,
 * including preparing @stmt (%NULL, with @error already set). */
static gboolean
store_finish_write (OtasukeStore  *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc;

  if (stmt == NULL)
    {
      otasuke_store_rollback (self);
      return FALSE;
    }

  rc = otasuke_store_step (self, stmt, error);
  g_assert (rc != SQLITE_ROW);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      otasuke_store_rollback (self);
      return FALSE;
    }

  return otasuke_store_commit (self, error);
}

/**
 * otasuke_store_add_check_run:
 * @started_at: unix seconds
 * @finished_at: unix seconds, or 0 for a run that is not finished
 * @score: the result, -25 to 100; ignored when @finished_at is 0
 * @checklist_version: version of the checklist the run used
 *
 * Returns: the id of the new run, or 0 with @error set
 */
gint64
otasuke_store_add_check_run (OtasukeStore  *self,
                             gint64         started_at,
                             gint64         finished_at,
                             int            score,
                             const char    *checklist_version,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), 0);
  g_return_val_if_fail (started_at >= 0, 0);
  g_return_val_if_fail (finished_at <= 0 || (score >= -25 && score <= 100), 0);
  g_return_val_if_fail (checklist_version != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  locker = otasuke_store_lock (self);

  if (!otasuke_store_begin (self, error))
    return 0;

  stmt = otasuke_store_prepare (self,
                                "INSERT INTO check_runs "
                                "  (started_at, finished_at, score, checklist_version) "
                                "VALUES (?1, ?2, ?3, ?4)",
                                error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, started_at);
      if (finished_at > 0)
        {
          sqlite3_bind_int64 (stmt, 2, finished_at);
          sqlite3_bind_int (stmt, 3, score);
        }
      sqlite3_bind_text (stmt, 4, checklist_version, -1, SQLITE_TRANSIENT);
    }

  if (!store_finish_write (self, stmt, error))
    return 0;

  /* Still ours: COMMIT leaves it alone and we hold the connection. */
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * otasuke_store_set_meta:
 * @value: (nullable): the new value, or %NULL to remove @key
 */
gboolean
otasuke_store_set_meta (OtasukeStore  *self,
                        const char    *key,
                        const char    *value,
                        GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = otasuke_store_lock (self);

  if (!otasuke_store_begin (self, error))
    return FALSE;

  if (!otasuke_store_set_meta_locked (self, key, value, error))
    {
      otasuke_store_rollback (self);
      return FALSE;
    }

  return otasuke_store_commit (self, error);
}

/* Reads */

/**
 * otasuke_store_get_meta:
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when @key is not
 *   set (@error unset) or on failure (@error set)
 */
char *
otasuke_store_get_meta (OtasukeStore  *self,
                        const char    *key,
                        GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = otasuke_store_lock (self);

  stmt = otasuke_store_prepare (self, "SELECT value FROM meta WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (otasuke_store_step (self, stmt, error) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
store_read_summary (OtasukeStore         *self,
                    OtasukeStoreSummary  *summary,
                    GError              **error)
{
  sqlite3_stmt *stmt;
  gint64 n_runs = 0;
  gint64 feed = 0;
  int rc;

  stmt = otasuke_store_prepare (self,
                                "SELECT finished_at, score FROM check_runs "
                                "WHERE finished_at IS NOT NULL "
                                "ORDER BY finished_at DESC, id DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;

  rc = otasuke_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    {
      summary->last_check_at = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        summary->last_check_score = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return FALSE;

  if (!otasuke_store_query_int (self, "SELECT count(*) FROM check_runs", &n_runs, error) ||
      !otasuke_store_query_int (self, "SELECT max(last_success_at) FROM feed_sources",
                                &feed, error))
    return FALSE;

  summary->n_check_runs = (guint) CLAMP (n_runs, 0, G_MAXUINT);
  summary->last_feed_success_at = feed;

  return TRUE;
}

/**
 * otasuke_store_get_summary:
 * @summary: (out caller-allocates): filled in on success
 *
 * Reads what the Overview page shows. Blocks.
 */
gboolean
otasuke_store_get_summary (OtasukeStore         *self,
                           OtasukeStoreSummary  *summary,
                           GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  OtasukeStoreSummary result = { 0, -1, 0, 0 };
  gboolean ok;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = otasuke_store_lock (self);

  /* One read transaction, so the numbers belong to the same moment. */
  if (!otasuke_store_begin_read (self, error))
    return FALSE;

  ok = store_read_summary (self, &result, error);
  otasuke_store_rollback (self);

  if (ok)
    *summary = result;
  return ok;
}

static void
summary_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  OtasukeStore *self = source_object;
  g_autofree OtasukeStoreSummary *summary = g_new0 (OtasukeStoreSummary, 1);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!otasuke_store_get_summary (self, summary, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&summary), g_free);
}

void
otasuke_store_get_summary_async (OtasukeStore        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (OTASUKE_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  otasuke_store_run_in_thread (self, otasuke_store_get_summary_async, NULL, NULL,
                               summary_in_thread, cancellable, callback, user_data);
}

gboolean
otasuke_store_get_summary_finish (OtasukeStore         *self,
                                  GAsyncResult         *result,
                                  OtasukeStoreSummary  *summary,
                                  GError              **error)
{
  g_autofree OtasukeStoreSummary *value = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  value = otasuke_store_propagate_pointer (self, result, otasuke_store_get_summary_async, error);
  if (value == NULL)
    return FALSE;

  *summary = *value;
  return TRUE;
}

/**
 * otasuke_store_check_integrity:
 *
 * Runs the full (slow) integrity check. Blocks.
 *
 * Returns: %TRUE if the file is sound; otherwise %FALSE with
 *   %OTASUKE_STORE_ERROR_CORRUPT or the error that stopped the check
 */
gboolean
otasuke_store_check_integrity (OtasukeStore  *self,
                               GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = otasuke_store_lock (self);

  return otasuke_store_run_check (self, "PRAGMA integrity_check", error);
}

/* Test hooks */

/**
 * otasuke_store_set_max_page_count_for_testing:
 * @max_pages: the new limit; SQLite never sets it below the current size
 *
 * Caps the file size so tests can run out of space without filling a disk.
 *
 * Returns: the limit now in force, or 0 with @error set
 */
guint
otasuke_store_set_max_page_count_for_testing (OtasukeStore  *self,
                                              guint          max_pages,
                                              GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *sql = NULL;
  gint64 limit = 0;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), 0);

  locker = otasuke_store_lock (self);

  sql = g_strdup_printf ("PRAGMA max_page_count = %u", max_pages);
  if (!otasuke_store_query_int (self, sql, &limit, error))
    return 0;

  return (guint) CLAMP (limit, 0, G_MAXUINT);
}

/**
 * otasuke_store_dup_pragma_for_testing:
 * @pragma: the name of a pragma, such as "journal_mode"
 *
 * Reads a setting of the store's own connection (some, like foreign_keys,
 * are not visible from another one).
 *
 * Returns: (transfer full) (nullable): the first value the pragma returns
 */
char *
otasuke_store_dup_pragma_for_testing (OtasukeStore  *self,
                                      const char    *pragma,
                                      GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *sql = NULL;
  char *value = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);
  g_return_val_if_fail (pragma != NULL, NULL);
  for (const char *p = pragma; *p != '\0'; p++)
    g_return_val_if_fail (g_ascii_isalnum (*p) || *p == '_', NULL);

  locker = otasuke_store_lock (self);

  sql = g_strdup_printf ("PRAGMA %s", pragma);
  if (!otasuke_store_query_text (self, sql, &value, error))
    return NULL;

  return value;
}

char *
otasuke_store_column_dup_text (sqlite3_stmt *stmt,
                               int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

void
otasuke_store_bind_text_or_null (sqlite3_stmt *stmt,
                                 int           index,
                                 const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}
