/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "otasuke-store.h"

G_BEGIN_DECLS

struct _OtasukeStore
{
  GObject  parent_instance;

  /* SQLITE_OPEN_FULLMUTEX alone keeps the connection safe, but not
   * multi-statement transactions or sqlite3_errmsg(): those need the
   * connection to ourselves from BEGIN to COMMIT. */
  GMutex   mutex;
  sqlite3 *db;

  char    *path;
  char    *recovered_path;
  char    *recovery_reason;
  char    *read_only_reason;  /* set when the file can only be read */
  guint    user_version;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Everything below runs on self->db and needs the lock (or, while the store
 * is being opened, a store nobody else has seen yet). On failure each one
 * sets @error from SQLite before anything else touches the connection. */

/* Locks the connection: g_autoptr(GMutexLocker) locker = otasuke_store_lock (self); */
GMutexLocker *otasuke_store_lock                  (OtasukeStore   *self);

/* Runs @sql, which may hold several statements, and drops any rows. */
gboolean      otasuke_store_exec                  (OtasukeStore   *self,
                                                   const char     *sql,
                                                   GError        **error);
/* Returns a statement to bind, step and finalize (g_autoptr(sqlite3_stmt) works), or NULL. */
sqlite3_stmt *otasuke_store_prepare               (OtasukeStore   *self,
                                                   const char     *sql,
                                                   GError        **error);
/* Returns SQLITE_ROW or SQLITE_DONE, or another result with @error set. */
int           otasuke_store_step                  (OtasukeStore   *self,
                                                   sqlite3_stmt   *stmt,
                                                   GError        **error);
/* First column of the first row as text; NULL when there is no row or it is NULL. */
gboolean      otasuke_store_query_text            (OtasukeStore   *self,
                                                   const char     *sql,
                                                   char          **out_text,
                                                   GError        **error);
/* Same as an integer; 0 when there is no row or it is NULL. */
gboolean      otasuke_store_query_int             (OtasukeStore   *self,
                                                   const char     *sql,
                                                   gint64         *out_value,
                                                   GError        **error);

/* Copies what can still be read from the damaged copy @damaged (set aside)
 * into the new database: check runs, answers, sheets and the SECURITY ACTION
 * records (app/otasuke-store-salvage.c). Takes the lock itself. */
void          otasuke_store_salvage               (OtasukeStore   *self,
                                                   const char     *damaged,
                                                   guint          *n_runs,
                                                   guint          *n_sheets);

/* A text column as a new string; NULL when the value is NULL. */
char         *otasuke_store_column_dup_text       (sqlite3_stmt   *stmt,
                                                   int             column);
/* Binds @text, or NULL when @text is NULL. */
void          otasuke_store_bind_text_or_null     (sqlite3_stmt   *stmt,
                                                   int             index,
                                                   const char     *text);

/* BEGIN IMMEDIATE: takes the write lock now, so a write never fails half way on BUSY. */
gboolean      otasuke_store_begin                 (OtasukeStore   *self,
                                                   GError        **error);
/* BEGIN: a read transaction, so several queries see the same moment; end it with a rollback. */
gboolean      otasuke_store_begin_read            (OtasukeStore   *self,
                                                   GError        **error);
/* COMMIT; rolls back when that fails, so the caller only returns. */
gboolean      otasuke_store_commit                (OtasukeStore   *self,
                                                   GError        **error);
/* ROLLBACK if a transaction is still open (SQLite ends some by itself on errors). */
void          otasuke_store_rollback              (OtasukeStore   *self);

/* Sets @key to @value (NULL removes it) in the caller's transaction. */
gboolean      otasuke_store_set_meta_locked       (OtasukeStore   *self,
                                                   const char     *key,
                                                   const char     *value,
                                                   GError        **error);
/* Runs @sql, a write with @id bound as its only parameter, in the caller's transaction. */
gboolean      otasuke_store_exec_with_id          (OtasukeStore   *self,
                                                   const char     *sql,
                                                   gint64          id,
                                                   GError        **error);

/* The shape every *_async / *_finish pair of the store takes: @thread_func
 * runs a blocking store call on @task_data (a copy of the caller's input,
 * freed with @task_data_free) in a worker thread. */
void          otasuke_store_run_in_thread         (OtasukeStore        *self,
                                                   gpointer             source_tag,
                                                   gpointer             task_data,
                                                   GDestroyNotify       task_data_free,
                                                   GTaskThreadFunc      thread_func,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* A store call that takes nothing but the store and returns a value. */
typedef gpointer (*OtasukeStoreGetter) (OtasukeStore  *self,
                                        GError       **error);
/* The *_async half of such a call: @getter runs in a worker thread and its
 * value, freed with @value_free if nobody takes it, ends the task. */
void          otasuke_store_get_in_thread         (OtasukeStore        *self,
                                                   gpointer             source_tag,
                                                   OtasukeStoreGetter   getter,
                                                   GDestroyNotify       value_free,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* In @thread_func: ends the task with @error when set, else with @value (NULL allowed). */
void          otasuke_store_task_return_pointer   (GTask          *task,
                                                   gpointer        value,
                                                   GDestroyNotify  value_free,
                                                   GError         *error);
/* In @thread_func: ends the task with TRUE when @ok, else with @error. */
void          otasuke_store_task_return_boolean   (GTask          *task,
                                                   gboolean        ok,
                                                   GError         *error);
/* In the *_finish functions: checks @result came from @source_tag on @self and returns its value. */
gpointer      otasuke_store_propagate_pointer     (OtasukeStore   *self,
                                                   GAsyncResult   *result,
                                                   gpointer        source_tag,
                                                   GError        **error);
gboolean      otasuke_store_propagate_boolean     (OtasukeStore   *self,
                                                   GAsyncResult   *result,
                                                   gpointer        source_tag,
                                                   GError        **error);

/* In otasuke-store-open.c. */

/* Sets @error to the OTASUKE_STORE_ERROR matching SQLite result @rc, with a message for the user. */
void          otasuke_store_set_error_from_sqlite (OtasukeStore   *self,
                                                   int             rc,
                                                   GError        **error);
/* Runs a check pragma such as "PRAGMA quick_check"; OTASUKE_STORE_ERROR_CORRUPT unless it says "ok". */
gboolean      otasuke_store_run_check             (OtasukeStore   *self,
                                                   const char     *sql,
                                                   GError        **error);

G_END_DECLS
