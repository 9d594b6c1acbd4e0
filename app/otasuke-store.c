/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-store"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "otasuke-store.h"

#define BUSY_TIMEOUT_MS 5000

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
  guint    user_version;
};

G_DEFINE_FINAL_TYPE (OtasukeStore, otasuke_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (otasuke-store-error-quark, otasuke_store_error)

/* One entry per schema version; entry N - 1 takes user_version N - 1 to N.
 * Append only: released databases already carry the earlier steps. */
static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE check_runs ("
  "  id INTEGER PRIMARY KEY,"
  "  started_at INTEGER NOT NULL,"
  "  finished_at INTEGER,"
  "  score INTEGER CHECK (score IS NULL OR score BETWEEN -25 AND 100),"
  "  checklist_version TEXT NOT NULL);"
  "CREATE TABLE check_answers ("
  "  run_id INTEGER NOT NULL REFERENCES check_runs (id) ON DELETE CASCADE,"
  "  item_id TEXT NOT NULL,"
  "  answer INTEGER NOT NULL,"
  "  PRIMARY KEY (run_id, item_id));",

  /* 2 */
  "CREATE TABLE feed_sources ("
  "  url TEXT PRIMARY KEY,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  sequence INTEGER,"
  "  last_success_at INTEGER,"
  "  last_error TEXT,"
  "  last_error_at INTEGER);"
  "CREATE INDEX check_runs_finished ON check_runs (finished_at);",
};

/* Files SQLite keeps beside the database; they belong to it and must
 * travel with it when it is moved aside. */
static const char * const sidecar_suffixes[] = { "-wal", "-shm", "-journal" };

#define N_MIGRATIONS ((gint64) G_N_ELEMENTS (migrations))

static void
otasuke_store_finalize (GObject *object)
{
  OtasukeStore *self = (OtasukeStore *)object;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->recovered_path, g_free);
  g_clear_pointer (&self->recovery_reason, g_free);
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

char *
otasuke_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "otasuke", "otasuke.db", NULL);
}

guint
otasuke_store_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/* Errors */

static gboolean
errno_is_read_only (int errsv)
{
  return errsv == EACCES || errsv == EPERM || errsv == EROFS;
}

static gboolean
errno_is_full (int errsv)
{
#ifdef EDQUOT
  if (errsv == EDQUOT)
    return TRUE;
#endif
  return errsv == ENOSPC;
}

static void
set_read_only_error (GError     **error,
                     const char  *folder)
{
  g_autofree char *display = g_filename_display_name (folder);

  g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_READ_ONLY,
               _("Otasuke cannot write to %s. Check that the folder is not read-only."),
               display);
}

static void
set_full_error (GError **error)
{
  g_set_error_literal (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_FULL,
                       _("The disk is full, so Otasuke could not save. "
                         "Free some space and try again."));
}

static void
set_corrupt_error (GError     **error,
                   const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_CORRUPT,
               _("The history file %s is damaged."), display);
}

static void
set_too_new_error (GError     **error,
                   const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_TOO_NEW,
               _("The history file %s was saved by a newer version of Otasuke. "
                 "Update Otasuke to use it; the file was left unchanged."),
               display);
}

static void
set_cant_open_error (GError     **error,
                     const char  *path,
                     const char  *detail)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_CANT_OPEN,
               _("Otasuke cannot open its history file %s (%s). "
                 "Check that the folder exists and that you are allowed to use it."),
               display, detail);
}

/* Sets @error from a failed SQLite call on @db (which may be NULL) for the
 * database at @path. Must be called before anything else touches @db, or
 * sqlite3_errmsg() no longer describes this failure. */
static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *display = NULL;
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int errsv = 0;

  g_debug ("SQLite error %d on %s: %s", rc, path, detail);

  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      set_read_only_error (error, folder);
      return;

    case SQLITE_FULL:
      set_full_error (error);
      return;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      set_corrupt_error (error, path);
      return;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      display = g_filename_display_name (path);
      g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_BUSY,
                   _("The history file %s is in use by another program. "
                     "Close other copies of Otasuke and try again."),
                   display);
      return;

    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      /* SQLite folds most operating system failures into these two; the
       * errno tells a full disk and a read-only folder apart from the rest. */
      errsv = db != NULL ? sqlite3_system_errno (db) : 0;
      if (errno_is_read_only (errsv))
        set_read_only_error (error, folder);
      else if (errno_is_full (errsv))
        set_full_error (error);
      else if ((rc & 0xff) == SQLITE_CANTOPEN)
        set_cant_open_error (error, path, detail);
      else
        break;
      return;

    default:
      break;
    }

  display = g_filename_display_name (path);
  g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_FAILED,
               _("Otasuke could not use its history file %s (%s)."),
               display, detail);
}

/* Small SQLite helpers; the caller holds the mutex or owns @db alone. */

static gboolean
db_exec (sqlite3     *db,
         const char  *path,
         const char  *sql,
         GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, path);
      return FALSE;
    }

  return TRUE;
}

/* Runs @sql and hands back the first column of its first row as text, or
 * NULL when there is no row or the value is NULL. */
static gboolean
db_query_text (sqlite3     *db,
               const char  *path,
               const char  *sql,
               char       **out_text,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *out_text = NULL;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    set_sqlite_error (error, db, rc, path);

  sqlite3_finalize (stmt);

  return rc == SQLITE_OK;
}

static gboolean
db_query_int (sqlite3     *db,
              const char  *path,
              const char  *sql,
              gint64      *out_value,
              GError     **error)
{
  g_autofree char *text = NULL;

  if (!db_query_text (db, path, sql, &text, error))
    return FALSE;

  *out_value = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
  return TRUE;
}

static void
db_rollback (sqlite3 *db)
{
  /* SQLite rolls back by itself after some errors (SQLITE_FULL among
   * them); a second ROLLBACK would only fail. */
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
db_commit (sqlite3     *db,
           const char  *path,
           GError     **error)
{
  if (!db_exec (db, path, "COMMIT", error))
    {
      db_rollback (db);
      return FALSE;
    }

  return TRUE;
}

/* Opening */

/* Walks up from @folder to the nearest folder that exists, which is the
 * one that refused a new child, so the message points the user at it. */
static char *
find_existing_ancestor (const char *folder)
{
  g_autofree char *current = g_strdup (folder);

  while (!g_file_test (current, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *parent = g_path_get_dirname (current);

      if (g_strcmp0 (parent, current) == 0)
        break;

      g_free (current);
      current = g_steal_pointer (&parent);
    }

  return g_steal_pointer (&current);
}

static gboolean
prepare_folder (const char  *path,
                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *default_path = otasuke_store_default_path ();
  g_autofree char *default_folder = g_path_get_dirname (default_path);
  GStatBuf st;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int errsv = errno;

      if (errno_is_read_only (errsv))
        {
          g_autofree char *ancestor = find_existing_ancestor (folder);

          set_read_only_error (error, ancestor);
        }
      else if (errno_is_full (errsv))
        {
          set_full_error (error);
        }
      else
        {
          g_autofree char *display = g_filename_display_name (folder);

          g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_CANT_OPEN,
                       _("Otasuke cannot create the folder %s (%s)."),
                       display, g_strerror (errsv));
        }

      return FALSE;
    }

  /* Only our own folder: a caller-supplied path may live in a shared one. */
  if (strcmp (folder, default_folder) == 0 &&
      g_stat (folder, &st) == 0 &&
      (st.st_mode & 0077) != 0
#ifdef G_OS_UNIX
      && st.st_uid == geteuid ()
#endif
      )
    {
      if (g_chmod (folder, st.st_mode & 0700) != 0)
        g_debug ("Could not restrict %s: %s", folder, g_strerror (errno));
    }

  return TRUE;
}

/* Makes sure the database file exists with mode 0600 before SQLite sees it:
 * SQLite would create it with 0644 and copies the mode of the database to
 * its -wal and -shm files. */
static gboolean
prepare_file (const char  *path,
              GError     **error)
{
  int flags = O_RDWR | O_CREAT | O_EXCL;
  GStatBuf st;
  int fd;
  int errsv;

#ifdef O_CLOEXEC
  flags |= O_CLOEXEC;
#endif
#ifdef O_NOFOLLOW
  flags |= O_NOFOLLOW;
#endif

  fd = g_open (path, flags, 0600);
  if (fd >= 0)
    {
      g_close (fd, NULL);
      return TRUE;
    }

  errsv = errno;

  /* A read-only folder may report EACCES or EROFS for an existing file. */
  if (g_stat (path, &st) == 0)
    {
      if ((st.st_mode & 0077) != 0 && g_chmod (path, st.st_mode & 0600) != 0)
        g_debug ("Could not restrict %s: %s", path, g_strerror (errno));
      return TRUE;
    }

  if (errno_is_read_only (errsv))
    {
      g_autofree char *folder = g_path_get_dirname (path);

      set_read_only_error (error, folder);
    }
  else if (errno_is_full (errsv))
    {
      set_full_error (error);
    }
  else
    {
      set_cant_open_error (error, path, g_strerror (errsv));
    }

  return FALSE;
}

static void
restrict_sidecars (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, sidecar_suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (sidecar, &st) == 0 && (st.st_mode & 0077) != 0 &&
          g_chmod (sidecar, st.st_mode & 0600) != 0)
        g_debug ("Could not restrict %s: %s", sidecar, g_strerror (errno));
    }
}

static void
db_close_untouched (sqlite3 *db)
{
  /* The file is either damaged or not ours to change; a checkpoint on
   * close would write into it. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_close_v2 (db);
}

static gboolean
db_quick_check (sqlite3     *db,
                const char  *path,
                GError     **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (3)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *row = (const char *) sqlite3_column_text (stmt, 0);

          ok = problems->len == 0 && g_strcmp0 (row, "ok") == 0;
          g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", row);
        }
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, path);
    }
  else if (!ok)
    {
      g_message ("Quick check of %s failed: %s", path, problems->str);
      set_corrupt_error (error, path);
    }

  sqlite3_finalize (stmt);

  return rc == SQLITE_OK && ok;
}

static gboolean
db_migrate (sqlite3     *db,
            const char  *path,
            GError     **error)
{
  for (;;)
    {
      g_autofree char *bump = NULL;
      gint64 version = 0;

      if (!db_exec (db, path, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Read again under the write lock: another Otasuke may have migrated
       * the file since we looked. */
      if (!db_query_int (db, path, "PRAGMA user_version", &version, error))
        goto fail;

      if (version < 0 || version >= N_MIGRATIONS)
        {
          db_rollback (db);
          if (version != N_MIGRATIONS)
            {
              set_too_new_error (error, path);
              return FALSE;
            }
          return TRUE;
        }

      g_debug ("Migrating %s from version %" G_GINT64_FORMAT, path, version);

      bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
      if (!db_exec (db, path, migrations[version], error) ||
          !db_exec (db, path, bump, error))
        goto fail;

      if (!db_commit (db, path, error))
        return FALSE;
    }

fail:
  db_rollback (db);
  return FALSE;
}

static sqlite3 *
db_open (const char  *path,
         gboolean     immutable,
         GError     **error)
{
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_FULLMUTEX;
  int rc;

  if (immutable)
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);

      if (file_uri == NULL)
        {
          set_cant_open_error (error, path, g_strerror (EINVAL));
          return NULL;
        }

      uri = g_strconcat (file_uri, "?immutable=1", NULL);
      flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    }
  else
    {
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }

  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, path);
      sqlite3_close_v2 (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, 1);

  return db;
}

/* Returns the SQLite result, so the caller can tell a read-only WAL file
 * apart from other failures before the error message is chosen. */
static int
db_read_user_version (sqlite3 *db,
                      gint64  *out_version)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_version = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  return rc;
}

/* Opens and upgrades the database at self->path. Errors with
 * OTASUKE_STORE_ERROR_CORRUPT mean the file should be moved aside. */
static gboolean
store_connect (OtasukeStore  *self,
               GError       **error)
{
  const char *path = self->path;
  g_autofree char *journal_mode = NULL;
  sqlite3 *db = NULL;
  gint64 version = 0;
  int rc;

  if (!prepare_file (path, error))
    return FALSE;

  db = db_open (path, FALSE, error);
  if (db == NULL)
    return FALSE;

  /* Nothing here may write to the file before the version and the
   * integrity are known: a newer or a damaged file must stay as it is. */
  rc = db_read_user_version (db, &version);
  if (rc == SQLITE_READONLY_CANTINIT || rc == SQLITE_READONLY_DIRECTORY)
    {
      /* A WAL database in a read-only folder cannot get the -wal and -shm
       * files that readers need. Nobody can write there either, so reading
       * it as an immutable file is safe and still shows the history. */
      g_debug ("%s is in a read-only folder; opening it as immutable", path);
      db_close_untouched (db);

      db = db_open (path, TRUE, error);
      if (db == NULL)
        return FALSE;

      rc = db_read_user_version (db, &version);
    }

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, path);
      goto fail;
    }

  if (!db_exec (db, path, "PRAGMA foreign_keys = ON", error))
    goto fail;

  if (version < 0 || version > N_MIGRATIONS)
    {
      set_too_new_error (error, path);
      goto fail;
    }

  if (!db_quick_check (db, path, error))
    goto fail;

  /* A read-only file keeps whatever mode it has; that is fine for reading. */
  if (sqlite3_db_readonly (db, "main") != 1)
    {
      if (!db_query_text (db, path, "PRAGMA journal_mode = WAL", &journal_mode, error))
        goto fail;

      if (g_strcmp0 (journal_mode, "wal") != 0)
        g_debug ("%s stays in journal mode %s", path, journal_mode);
    }

  if (!db_exec (db, path, "PRAGMA synchronous = NORMAL", error))
    goto fail;

  if (version < N_MIGRATIONS && !db_migrate (db, path, error))
    goto fail;

  restrict_sidecars (path);

  self->db = db;
  self->user_version = (guint) N_MIGRATIONS;

  return TRUE;

fail:
  db_close_untouched (db);
  return FALSE;
}

static gboolean
path_is_free (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) != 0 && errno == ENOENT;
}

/* Renames the database and its sidecars to a name nothing uses yet, so the
 * damaged data is kept for whoever wants to look at it later. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = NULL;
  gboolean moved[G_N_ELEMENTS (sidecar_suffixes)] = { FALSE, };
  int errsv = 0;

  for (guint n = 0; target == NULL; n++)
    {
      g_autofree char *candidate = NULL;
      gboolean is_free;

      if (n == 0)
        candidate = g_strdup_printf ("%s.corrupt-%s", path, stamp);
      else
        candidate = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);

      is_free = path_is_free (candidate);
      for (guint i = 0; is_free && i < G_N_ELEMENTS (sidecar_suffixes); i++)
        {
          g_autofree char *sidecar = g_strconcat (candidate, sidecar_suffixes[i], NULL);

          is_free = path_is_free (sidecar);
        }

      if (is_free)
        target = g_steal_pointer (&candidate);
    }

  if (g_rename (path, target) != 0)
    {
      errsv = errno;
      goto fail;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, sidecar_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, sidecar_suffixes[i], NULL);

      if (path_is_free (from))
        continue;

      if (g_rename (from, to) != 0)
        {
          errsv = errno;

          /* A stale -wal left beside a fresh database would be replayed into
           * it, so put everything back rather than go on half moved. */
          for (guint j = 0; j < i; j++)
            {
              g_autofree char *back_from = g_strconcat (target, sidecar_suffixes[j], NULL);
              g_autofree char *back_to = g_strconcat (path, sidecar_suffixes[j], NULL);

              if (moved[j])
                g_rename (back_from, back_to);
            }
          g_rename (target, path);
          goto fail;
        }

      moved[i] = TRUE;
    }

  g_message ("Moved the damaged database %s aside to %s", path, target);

  return g_steal_pointer (&target);

fail:
  {
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_CORRUPT,
                 _("The history file %s is damaged, and Otasuke could not move it aside (%s). "
                   "Move it to another folder and start Otasuke again."),
                 display, g_strerror (errsv));
  }
  return NULL;
}

/**
 * otasuke_store_open:
 * @path: (nullable): the database file, or %NULL for otasuke_store_default_path()
 * @error: return location for an #OtasukeStoreError
 *
 * Opens the database, creating it and its folder when needed and bringing
 * its schema up to date. Blocks; call it from a worker thread or use
 * otasuke_store_open_async(). A damaged file is moved aside and replaced by
 * an empty one; otasuke_store_get_recovery_reason() then says so.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
OtasukeStore *
otasuke_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(OtasukeStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *recovered = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (OTASUKE_TYPE_STORE, NULL);
  self->path = path != NULL ? g_strdup (path) : otasuke_store_default_path ();

  if (!prepare_folder (self->path, error))
    return NULL;

  if (store_connect (self, &local_error))
    return g_steal_pointer (&self);

  if (!g_error_matches (local_error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  recovered = move_aside (self->path, error);
  if (recovered == NULL)
    return NULL;

  display = g_filename_display_name (recovered);
  self->recovery_reason =
    g_strdup_printf (_("The history file was damaged. "
                       "Otasuke kept it as %s and started a new one."),
                     display);
  self->recovered_path = g_steal_pointer (&recovered);

  if (!store_connect (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

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

  locker = g_mutex_locker_new (&self->mutex);
  return sqlite3_db_readonly (self->db, "main") == 1;
}

/* Writes */

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
  sqlite3_stmt *stmt = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), 0);
  g_return_val_if_fail (started_at >= 0, 0);
  g_return_val_if_fail (finished_at <= 0 || (score >= -25 && score <= 100), 0);
  g_return_val_if_fail (checklist_version != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  locker = g_mutex_locker_new (&self->mutex);

  if (!db_exec (self->db, self->path, "BEGIN IMMEDIATE", error))
    return 0;

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO check_runs "
                           "  (started_at, finished_at, score, checklist_version) "
                           "VALUES (?1, ?2, ?3, ?4)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, started_at);
      if (finished_at > 0)
        {
          sqlite3_bind_int64 (stmt, 2, finished_at);
          sqlite3_bind_int (stmt, 3, score);
        }
      sqlite3_bind_text (stmt, 4, checklist_version, -1, SQLITE_TRANSIENT);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      sqlite3_finalize (stmt);
      db_rollback (self->db);
      return 0;
    }

  sqlite3_finalize (stmt);
  id = sqlite3_last_insert_rowid (self->db);

  if (!db_commit (self->db, self->path, error))
    return 0;

  return id;
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
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!db_exec (self->db, self->path, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (value != NULL)
    rc = sqlite3_prepare_v2 (self->db,
                             "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             -1, &stmt, NULL);
  else
    rc = sqlite3_prepare_v2 (self->db, "DELETE FROM meta WHERE key = ?1", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      if (value != NULL)
        sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      sqlite3_finalize (stmt);
      db_rollback (self->db);
      return FALSE;
    }

  sqlite3_finalize (stmt);

  return db_commit (self->db, self->path, error);
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
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);

  rc = sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    set_sqlite_error (error, self->db, rc, self->path);

  sqlite3_finalize (stmt);

  return value;
}

static gboolean
store_read_summary (OtasukeStore         *self,
                    OtasukeStoreSummary  *summary,
                    GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n_runs = 0;
  gint64 feed = 0;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT finished_at, score FROM check_runs "
                           "WHERE finished_at IS NOT NULL "
                           "ORDER BY finished_at DESC, id DESC LIMIT 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          summary->last_check_at = sqlite3_column_int64 (stmt, 0);
          if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
            summary->last_check_score = sqlite3_column_int (stmt, 1);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);

  if (!db_query_int (self->db, self->path, "SELECT count(*) FROM check_runs", &n_runs, error) ||
      !db_query_int (self->db, self->path,
                     "SELECT max(last_success_at) FROM feed_sources", &feed, error))
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

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  /* One read transaction, so the numbers belong to the same moment. */
  if (!db_exec (self->db, self->path, "BEGIN", error))
    return FALSE;

  if (!store_read_summary (self, &result, error))
    {
      db_rollback (self->db);
      return FALSE;
    }

  db_rollback (self->db);

  *summary = result;
  return TRUE;
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
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OTASUKE_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The task holds a reference to @self until the worker is done. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, otasuke_store_get_summary_async);
  g_task_run_in_thread (task, summary_in_thread);
}

gboolean
otasuke_store_get_summary_finish (OtasukeStore         *self,
                                  GAsyncResult         *result,
                                  OtasukeStoreSummary  *summary,
                                  GError              **error)
{
  g_autofree OtasukeStoreSummary *value = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == otasuke_store_get_summary_async,
                        FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  value = g_task_propagate_pointer (G_TASK (result), error);
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
  g_autofree char *result = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!db_query_text (self->db, self->path, "PRAGMA integrity_check", &result, error))
    return FALSE;

  if (g_strcmp0 (result, "ok") != 0)
    {
      g_message ("Integrity check of %s failed: %s", self->path, result);
      set_corrupt_error (error, self->path);
      return FALSE;
    }

  return TRUE;
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

  locker = g_mutex_locker_new (&self->mutex);

  sql = g_strdup_printf ("PRAGMA max_page_count = %u", max_pages);
  if (!db_query_int (self->db, self->path, sql, &limit, error))
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

  locker = g_mutex_locker_new (&self->mutex);

  sql = g_strdup_printf ("PRAGMA %s", pragma);
  if (!db_query_text (self->db, self->path, sql, &value, error))
    return NULL;

  return value;
}
