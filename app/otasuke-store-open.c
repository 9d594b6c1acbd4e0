/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-store"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "otasuke-paths.h"
#include "otasuke-store-fs.h"
#include "otasuke-store-private.h"

#define BUSY_TIMEOUT_MS 5000

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

  /* 3: advisories. An advisory's own state lives apart from its text, so
   * replacing a feed keeps what the user has read and been told. */
  "ALTER TABLE feed_sources ADD COLUMN key_id TEXT;"
  "ALTER TABLE feed_sources ADD COLUMN content_hash TEXT;"
  "ALTER TABLE feed_sources ADD COLUMN generated_at INTEGER;"
  "ALTER TABLE feed_sources ADD COLUMN expires_at INTEGER;"
  "ALTER TABLE feed_sources ADD COLUMN accepted_at INTEGER;"
  "ALTER TABLE feed_sources ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE feed_sources ADD COLUMN contacts_json TEXT;"
  "CREATE TABLE feed_keys ("
  "  key_id TEXT PRIMARY KEY,"
  "  sequence INTEGER NOT NULL,"
  "  accepted_at INTEGER NOT NULL);"
  "CREATE TABLE advisories ("
  "  id TEXT PRIMARY KEY,"
  "  source TEXT NOT NULL,"
  "  item_json TEXT NOT NULL,"
  "  severity INTEGER NOT NULL,"
  "  date INTEGER NOT NULL);"
  "CREATE INDEX advisories_source ON advisories (source);"
  "CREATE TABLE advisory_state ("
  "  id TEXT PRIMARY KEY,"
  "  first_seen INTEGER NOT NULL,"
  "  read_at INTEGER,"
  "  notified_at INTEGER) WITHOUT ROWID;",

  /* 4: consultation sheet drafts. The fields, timeline included, are one
   * JSON document, so a draft is always written whole. */
  "CREATE TABLE sheets ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  fields_json TEXT NOT NULL);"
  "CREATE INDEX sheets_updated ON sheets (updated_at);",

  /* 5: check runs that can be resumed, with what the probes found and the
   * router as entered; whether an answer was Otasuke's suggestion. A run
   * stays unfinished (finished_at NULL) until it is scored. */
  "ALTER TABLE check_runs ADD COLUMN updated_at INTEGER;"
  "ALTER TABLE check_runs ADD COLUMN probe_json TEXT;"
  "ALTER TABLE check_runs ADD COLUMN router_model TEXT;"
  "ALTER TABLE check_runs ADD COLUMN router_firmware TEXT;"
  "ALTER TABLE check_answers ADD COLUMN from_suggestion INTEGER NOT NULL DEFAULT 0;"
  "UPDATE check_runs SET updated_at = coalesce (finished_at, started_at);"
  "CREATE INDEX check_runs_updated ON check_runs (updated_at);",

  /* 6: one replay mark per feed source instead of one per signing key, so
   * that with two trusted keys an older feed signed by one cannot replace a
   * newer one signed by the other. A mark is the highest sequence ever
   * accepted from the source and a digest of that feed's bytes. Marks start
   * from the highest sequence any key accepted (all keys signed the one
   * network feed) and from the source's own; the digest of a feed accepted
   * before this step is not known. feed_keys stays as it was, unused. */
  "CREATE TABLE feed_marks ("
  "  source TEXT PRIMARY KEY,"
  "  sequence INTEGER NOT NULL,"
  "  body_hash TEXT,"
  "  accepted_at INTEGER NOT NULL);"
  "INSERT INTO feed_marks (source, sequence, body_hash, accepted_at)"
  "  SELECT url, MAX (sequence, IFNULL ((SELECT MAX (sequence) FROM feed_keys), -1)), NULL, accepted_at"
  "  FROM feed_sources"
  "  WHERE url != 'bundled' AND accepted_at IS NOT NULL AND sequence IS NOT NULL;",

  /* 7: SECURITY ACTION (issue #13): the one company profile the sheets and the
   * basic policy share, the policy drafts (published_at set once the business
   * has published one), the user's own confirmations of the five principles
   * and the declarations made to IPA. */
  "CREATE TABLE company_profile ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  fields_json TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE TABLE policy_drafts ("
  "  id INTEGER PRIMARY KEY,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  published_at INTEGER,"
  "  fields_json TEXT NOT NULL);"
  "CREATE INDEX policy_drafts_updated ON policy_drafts (updated_at);"
  "CREATE TABLE action_confirmations ("
  "  need TEXT PRIMARY KEY,"
  "  confirmed_at INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE action_declarations ("
  "  id INTEGER PRIMARY KEY,"
  "  level INTEGER NOT NULL CHECK (level IN (1, 2)),"
  "  declared_on TEXT NOT NULL,"
  "  number TEXT NOT NULL DEFAULT '',"
  "  recorded_at INTEGER NOT NULL);",

  /* 8: what the evidence said was not done when a run was finished
   * ("!id id …"), so Home and the results list the same fixes. */
  "ALTER TABLE check_runs ADD COLUMN findings TEXT;",
};

/* Files SQLite keeps beside the database; they belong to it and must
 * travel with it when it is moved aside. */
static const char * const sidecar_suffixes[] = { "-wal", "-shm", "-journal" };

#define N_MIGRATIONS ((gint64) G_N_ELEMENTS (migrations))

char *
otasuke_store_default_path (void)
{
  g_autofree char *folder = otasuke_paths_get_data_dir ();

  return g_build_filename (folder, "otasuke.db", NULL);
}

guint
otasuke_store_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}


/* Errors */

static void
set_read_only_error (GError     **error,
                     const char  *folder)
{
  g_autofree char *display = g_filename_display_name (folder);

  g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_READ_ONLY,
               _("Otasuke cannot write to %s. Check that the folder is not read-only."),
               display);
}

/* The database file itself refuses writing while its folder would not:
 * the user has to change the file, not the folder. */
static gboolean
file_alone_is_read_only (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return g_access (path, W_OK) != 0 && errno != ENOENT && g_access (folder, W_OK) == 0;
}

static void
set_read_only_file_error (GError     **error,
                          const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_READ_ONLY,
               _("The history file %s is read-only, so Otasuke cannot save to it. "
                 "Allow writing to the file and try again."),
               display);
}

/* What Home (and the command line) says about a history that can only be
 * read (issue #10): which file or folder, and that nothing will be saved. */
static char *
describe_read_only (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *display = NULL;

  if (file_alone_is_read_only (path))
    {
      display = g_filename_display_name (path);
      return g_strdup_printf (_("The history file %s is read-only. Otasuke shows what was saved before, "
                                "but nothing you do now will be saved. Allow writing to the file to save again."),
                              display);
    }

  display = g_filename_display_name (folder);
  return g_strdup_printf (_("The folder %s is read-only. Otasuke shows what was saved before, "
                            "but nothing you do now will be saved. Allow writing to the folder to save again."),
                          display);
}

static void
set_full_error (GError **error)
{
  g_set_error_literal (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_FULL,
                       _("The disk is full, so Otasuke could not save. "
                         "Free some space and try again."));
}

/* Sets @error when @errsv means a read-only @folder or a full disk, the two
 * failures a user can fix; returns FALSE and leaves @error alone otherwise. */
static gboolean
set_error_from_errno (GError     **error,
                      int          errsv,
                      const char  *folder)
{
  if (errsv == EACCES || errsv == EPERM || errsv == EROFS)
    set_read_only_error (error, folder);
  else if (otasuke_store_fs_errno_is_full (errsv))
    set_full_error (error);
  else
    return FALSE;

  return TRUE;
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

/* Must be called before anything else touches self->db (which may be NULL),
 * or sqlite3_errmsg() no longer describes this failure. */
void
otasuke_store_set_error_from_sqlite (OtasukeStore  *self,
                                     int            rc,
                                     GError       **error)
{
  const char *path = self->path;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *display = NULL;
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int errsv = 0;

  g_debug ("SQLite error %d on %s: %s", rc, path, detail);

  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      if (file_alone_is_read_only (path))
        set_read_only_file_error (error, path);
      else
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
      errsv = self->db != NULL ? sqlite3_system_errno (self->db) : 0;
      if (set_error_from_errno (error, errsv, folder))
        return;
      if ((rc & 0xff) != SQLITE_CANTOPEN)
        break;
      set_cant_open_error (error, path, detail);
      return;

    default:
      break;
    }

  display = g_filename_display_name (path);
  g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_FAILED,
               _("Otasuke could not use its history file %s (%s)."),
               display, detail);
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

/* Sets @error for what otasuke_store_fs_inspect() found wrong at @path (the
 * database, one of its sidecars, or its folder); returns FALSE when nothing. */
static gboolean
set_error_from_fs (GError               **error,
                   OtasukeStoreFsStatus   status,
                   int                    errsv,
                   const char            *path,
                   gboolean               folder)
{
  g_autofree char *display = g_filename_display_name (path);

  switch (status)
    {
    case OTASUKE_STORE_FS_OK:
    case OTASUKE_STORE_FS_ABSENT:
      return FALSE;

    case OTASUKE_STORE_FS_LINK:
      g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_CANT_OPEN,
                   folder
                   ? _("The folder %s is a link to another place, so Otasuke does not keep its history there. "
                       "Put a real folder in its place and start Otasuke again.")
                   : _("%s is a link to another file, so Otasuke does not use it as its history file "
                       "(it would write into that file). Remove the link and start Otasuke again."),
                   display);
      return TRUE;

    case OTASUKE_STORE_FS_NOT_OWNED:
      g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_CANT_OPEN,
                   folder
                   ? _("The folder %s belongs to another user, so Otasuke does not keep its history there.")
                   : _("%s belongs to another user, so Otasuke does not use it as its history file."),
                   display);
      return TRUE;

    case OTASUKE_STORE_FS_WRONG_KIND:
      g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_CANT_OPEN,
                   folder
                   ? _("%s is not a folder, so Otasuke cannot keep its history in it.")
                   : _("%s is not an ordinary file, so Otasuke does not use it as its history file."),
                   display);
      return TRUE;

    case OTASUKE_STORE_FS_SYSTEM:
    default:
      {
        g_autofree char *parent = g_path_get_dirname (path);

        if (!set_error_from_errno (error, errsv, folder ? path : parent))
          set_cant_open_error (error, path, g_strerror (errsv));
      }
      return TRUE;
    }
}

static gboolean
prepare_folder (const char  *path,
                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *default_path = otasuke_store_default_path ();
  g_autofree char *default_folder = g_path_get_dirname (default_path);
  OtasukeStoreFsStatus status;
  int errsv = 0;
  int restricted;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      errsv = errno;
      g_autofree char *ancestor = find_existing_ancestor (folder);

      if (!set_error_from_errno (error, errsv, ancestor))
        {
          g_autofree char *display = g_filename_display_name (folder);

          g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_CANT_OPEN,
                       _("Otasuke cannot create the folder %s (%s)."),
                       display, g_strerror (errsv));
        }

      return FALSE;
    }

  /* The folder itself, not what a link would lead to. */
  status = otasuke_store_fs_inspect (folder, TRUE, NULL, &errsv);
  if (set_error_from_fs (error, status, errsv, folder, TRUE))
    return FALSE;

  /* Only our own folder: a caller-supplied path may live in a shared one. */
  if (strcmp (folder, default_folder) == 0 &&
      (restricted = otasuke_store_fs_make_private (folder, TRUE)) != 0)
    g_debug ("Could not restrict %s: %s", folder, g_strerror (restricted));

  return TRUE;
}

/* Makes sure the database file exists with mode 0600 before SQLite sees it:
 * SQLite would create it with 0644 and copies the mode of the database to
 * its -wal and -shm files. An existing file, and any sidecar, must be an
 * ordinary file of the user's, never a link: SQLite would write through it.
 * Sets *size to the size of a file that was already there, -1 when it was
 * made now. */
static gboolean
prepare_file (const char  *path,
              gint64      *size,
              GError     **error)
{
  OtasukeStoreFsStatus status;
  long long existing = 0;
  int created = 0;
  int errsv = 0;
  int restricted;

  *size = -1;
  status = otasuke_store_fs_create_file (path, &created, &errsv);
  if (status == OTASUKE_STORE_FS_OK && !created)
    {
      status = otasuke_store_fs_inspect (path, FALSE, &existing, &errsv);
      *size = existing;
    }
  if (set_error_from_fs (error, status, errsv, path, FALSE))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, sidecar_suffixes[i], NULL);

      status = otasuke_store_fs_inspect (sidecar, FALSE, NULL, &errsv);
      if (set_error_from_fs (error, status, errsv, sidecar, FALSE))
        return FALSE;
    }

  /* Only the file itself, and only while it has no other name. */
  if (!created && (restricted = otasuke_store_fs_make_private (path, FALSE)) != 0)
    g_debug ("Could not restrict %s: %s", path, g_strerror (restricted));

  return TRUE;
}

static void
restrict_sidecars (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, sidecar_suffixes[i], NULL);
      int errsv = 0;
      int restricted;

      if (otasuke_store_fs_inspect (sidecar, FALSE, NULL, &errsv) != OTASUKE_STORE_FS_OK)
        continue;
      if ((restricted = otasuke_store_fs_make_private (sidecar, FALSE)) != 0)
        g_debug ("Could not restrict %s: %s", sidecar, g_strerror (restricted));
    }
}


/* The file is either damaged or not ours to change; a checkpoint on close
 * would write into it. */
static void
store_close_untouched (OtasukeStore *self)
{
  if (self->db == NULL)
    return;

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_close_v2 (g_steal_pointer (&self->db));
}

gboolean
otasuke_store_run_check (OtasukeStore  *self,
                         const char    *sql,
                         GError       **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  stmt = otasuke_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = otasuke_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (stmt, 0);

      ok = problems->len == 0 && g_strcmp0 (row, "ok") == 0;
      g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", row);
    }

  if (rc != SQLITE_DONE)
    return FALSE;

  if (!ok)
    {
      g_message ("%s on %s failed: %s", sql, self->path, problems->str);
      set_corrupt_error (error, self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
store_migrate (OtasukeStore  *self,
               GError       **error)
{
  for (;;)
    {
      g_autofree char *bump = NULL;
      gint64 version = 0;

      if (!otasuke_store_begin (self, error))
        return FALSE;

      /* Read again under the write lock: another Otasuke may have migrated
       * the file since we looked. */
      if (!otasuke_store_query_int (self, "PRAGMA user_version", &version, error))
        goto fail;

      if (version < 0 || version >= N_MIGRATIONS)
        {
          otasuke_store_rollback (self);
          if (version != N_MIGRATIONS)
            {
              set_too_new_error (error, self->path);
              return FALSE;
            }
          return TRUE;
        }

      g_debug ("Migrating %s from version %" G_GINT64_FORMAT, self->path, version);

      bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
      if (!otasuke_store_exec (self, migrations[version], error) ||
          !otasuke_store_exec (self, bump, error))
        goto fail;

      if (!otasuke_store_commit (self, error))
        return FALSE;
    }

fail:
  otasuke_store_rollback (self);
  return FALSE;
}

/* Opens self->path into self->db. */
static gboolean
store_open_db (OtasukeStore  *self,
               gboolean       immutable,
               GError       **error)
{
  g_autofree char *uri = NULL;
  /* Never through a link: SQLite would write the whole history into its target. */
  int flags = SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_NOFOLLOW;
  int rc;

  g_assert (self->db == NULL);

  if (immutable)
    {
      g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
      g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);

      if (file_uri == NULL)
        {
          set_cant_open_error (error, self->path, g_strerror (EINVAL));
          return FALSE;
        }

      uri = g_strconcat (file_uri, "?immutable=1", NULL);
      flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    }
  else
    {
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }

  rc = sqlite3_open_v2 (uri != NULL ? uri : self->path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      otasuke_store_set_error_from_sqlite (self, rc, error);
      sqlite3_close_v2 (g_steal_pointer (&self->db));
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  return TRUE;
}

/* Returns the SQLite result, so the caller can tell a read-only WAL file
 * apart from other failures before the error message is chosen. */
static int
store_read_user_version (OtasukeStore *self,
                         gint64       *out_version)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_version = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  return rc;
}

static gboolean
folder_is_read_only (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return g_access (folder, W_OK) != 0 && (errno == EROFS || errno == EACCES);
}

/* Opens and upgrades the database at self->path into self->db. Errors with
 * OTASUKE_STORE_ERROR_CORRUPT mean the file should be moved aside. */
static gboolean
store_connect (OtasukeStore  *self,
               GError       **error)
{
  const char *path = self->path;
  g_autofree char *journal_mode = NULL;
  gint64 version = 0;
  gint64 size = -1;
  int rc;

  if (!prepare_file (path, &size, error))
    return FALSE;

  /* An empty file that was already there is damage, not a new database:
   * SQLite would quietly start over (deleting any -wal beside it) and the
   * history would be gone without a word. It is moved aside, -wal too. */
  if (size == 0)
    {
      g_debug ("%s is empty", path);
      set_corrupt_error (error, path);
      return FALSE;
    }

  if (!store_open_db (self, FALSE, error))
    return FALSE;

  /* Nothing here may write to the file before the version and the
   * integrity are known: a newer or a damaged file must stay as it is. */
  rc = store_read_user_version (self, &version);
  /* SQLite tells a read-only folder (EACCES) by its own codes, but a
   * read-only disk (EROFS) only as "cannot open" the -shm file. */
  if (rc == SQLITE_READONLY_CANTINIT || rc == SQLITE_READONLY_DIRECTORY ||
      ((rc & 0xff) == SQLITE_CANTOPEN && folder_is_read_only (path)))
    {
      /* A WAL database in a read-only folder cannot get the -wal and -shm
       * files that readers need. Nobody can write there either, so reading
       * it as an immutable file is safe and still shows the history. */
      g_debug ("%s is in a read-only folder; opening it as immutable", path);
      store_close_untouched (self);

      if (!store_open_db (self, TRUE, error))
        return FALSE;

      rc = store_read_user_version (self, &version);
    }

  if (rc != SQLITE_OK)
    {
      otasuke_store_set_error_from_sqlite (self, rc, error);
      goto fail;
    }

  if (!otasuke_store_exec (self, "PRAGMA foreign_keys = ON", error))
    goto fail;

  if (version < 0 || version > N_MIGRATIONS)
    {
      set_too_new_error (error, path);
      goto fail;
    }

  if (!otasuke_store_run_check (self, "PRAGMA quick_check (3)", error))
    goto fail;

  /* A read-only file keeps whatever mode it has; that is fine for reading. */
  if (sqlite3_db_readonly (self->db, "main") != 1)
    {
      if (!otasuke_store_query_text (self, "PRAGMA journal_mode = WAL", &journal_mode, error))
        goto fail;

      if (g_strcmp0 (journal_mode, "wal") != 0)
        g_debug ("%s stays in journal mode %s", path, journal_mode);
    }

  if (!otasuke_store_exec (self, "PRAGMA synchronous = NORMAL", error))
    goto fail;

  /* A cache of up to 16 MiB (used only as needed) holds a whole feed's
   * transaction, and a WAL of up to 16 MiB lets that commit end without an
   * immediate checkpoint (a second full copy and an fsync); SQLite
   * checkpoints at a later commit or when the store is closed. */
  if (!otasuke_store_exec (self, "PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 4096", error))
    goto fail;

  if (version < N_MIGRATIONS && !store_migrate (self, error))
    goto fail;

  restrict_sidecars (path);

  g_clear_pointer (&self->read_only_reason, g_free);
  if (sqlite3_db_readonly (self->db, "main") == 1)
    self->read_only_reason = describe_read_only (path);

  self->user_version = (guint) N_MIGRATIONS;

  return TRUE;

fail:
  store_close_untouched (self);
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

  /* The user is told through the recovery reason; this is for the log. */
  g_debug ("Moved the damaged database %s aside to %s", path, target);

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
 * otasuke_store_open_async(). A damaged (or 0-byte) file is moved aside and replaced by
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
  self->recovered_path = g_steal_pointer (&recovered);

  if (!store_connect (self, error))
    return NULL;

  {
    guint n_runs = 0, n_sheets = 0;
    g_autofree char *kept = NULL;

    otasuke_store_salvage (self, self->recovered_path, &n_runs, &n_sheets);
    if (n_runs > 0 || n_sheets > 0)
      kept = g_strdup_printf (_("%u of its check results and %u of its consultation sheets could be read and were copied into the new one."),
                              n_runs, n_sheets);
    else
      kept = g_strdup (_("Nothing in it could be read back."));
    self->recovery_reason =
      g_strdup_printf (_("The history file was damaged. "
                         "Otasuke kept it as %s and started a new one. %s"),
                       display, kept);
  }

  return g_steal_pointer (&self);
}
