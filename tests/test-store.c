/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-store"
#define _GNU_SOURCE  /* unshare() */

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#ifdef G_OS_UNIX
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/sysmacros.h>
#include <signal.h>
#include <unistd.h>
#endif

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "otasuke-store.h"
#include "test-util.h"

#define NOBODY 65534

/* The version 1 schema as Otasuke 0.1 wrote it; kept verbatim here so the
 * migration test does not depend on the code it tests. */
#define SCHEMA_V1 \
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);" \
  "CREATE TABLE check_runs (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL," \
  "  finished_at INTEGER," \
  "  score INTEGER CHECK (score IS NULL OR score BETWEEN -25 AND 100)," \
  "  checklist_version TEXT NOT NULL);" \
  "CREATE TABLE check_answers (" \
  "  run_id INTEGER NOT NULL REFERENCES check_runs (id) ON DELETE CASCADE," \
  "  item_id TEXT NOT NULL, answer INTEGER NOT NULL, PRIMARY KEY (run_id, item_id));"

/* Helpers */

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not mention “%s”", haystack, needle);
}

static void
assert_message_names (const GError *error,
                      const char   *path)
{
  g_autofree char *display = g_filename_display_name (path);

  assert_contains (error->message, display);
}

static char *
default_folder (void)
{
  g_autofree char *path = otasuke_store_default_path ();

  return g_path_get_dirname (path);
}

static void
make_default_folder (void)
{
  g_autofree char *folder = default_folder ();

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A database SQLite made, of no version yet (a file Otasuke did not create). */
static void
make_plain_database (const char *path)
{
  sqlite3 *db = raw_open (path);

  raw_exec (db, "CREATE TABLE elsewhere (a); DROP TABLE elsewhere;");
  sqlite3_close (db);
}

static gint64
raw_query_int (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
dup_pragma (OtasukeStore *store,
            const char   *pragma)
{
  g_autoptr(GError) error = NULL;
  char *value = otasuke_store_dup_pragma_for_testing (store, pragma, &error);

  g_assert_no_error (error);
  return value;
}

static guint
count_runs (OtasukeStore *store)
{
  g_autoptr(GError) error = NULL;
  OtasukeStoreSummary summary;

  g_assert_true (otasuke_store_get_summary (store, &summary, &error));
  g_assert_no_error (error);
  return summary.n_check_runs;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static GBytes *
random_bytes (gsize length)
{
  guint8 *data = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    data[i] = (guint8) g_test_rand_int_range (0, 256);

  return g_bytes_new_take (data, length);
}

static void
write_bytes_at (const char *path,
                long        offset,
                GBytes     *bytes)
{
  FILE *file = fopen (path, "r+b");
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  g_assert_nonnull (file);
  g_assert_no_errno (fseek (file, offset, SEEK_SET));
  g_assert_cmpuint (fwrite (data, 1, length, file), ==, length);
  g_assert_no_errno (fclose (file));
}

static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      g_chmod (path, 0700);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
      g_dir_close (dir);
    }

  g_remove (path);
}

/* 1. A new store is private to the user and set up for safe writes. */
static void
test_fresh_open (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = otasuke_store_default_path ();
  g_autofree char *folder = default_folder ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal_mode = NULL;
  g_autofree char *foreign_keys = NULL;
  g_autofree char *synchronous = NULL;
  g_autofree char *user_version = NULL;
  g_autofree char *expected_version = NULL;
  gint64 id;

  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpstr (otasuke_store_get_path (store), ==, path);
  g_assert_null (otasuke_store_get_recovered_path (store));
  g_assert_null (otasuke_store_get_recovery_reason (store));
  g_assert_false (otasuke_store_is_read_only (store));
  test_assert_mode (folder, 0700);
  test_assert_mode (path, 0600);

  id = otasuke_store_add_check_run (store, 1000, 2000, 75, "test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  test_assert_mode (wal, 0600);
  test_assert_mode (shm, 0600);

  journal_mode = dup_pragma (store, "journal_mode");
  foreign_keys = dup_pragma (store, "foreign_keys");
  synchronous = dup_pragma (store, "synchronous");
  user_version = dup_pragma (store, "user_version");
  expected_version = g_strdup_printf ("%u", otasuke_store_schema_version ());

  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpstr (foreign_keys, ==, "1");
  g_assert_cmpstr (synchronous, ==, "1");  /* NORMAL */
  g_assert_cmpstr (user_version, ==, expected_version);
  g_assert_cmpuint (otasuke_store_get_user_version (store), ==, otasuke_store_schema_version ());
  g_assert_cmpuint (otasuke_store_schema_version (), >=, 2);

  g_assert_true (otasuke_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

/* A folder or file left readable by others from an older version or by
 * hand is made private again; a folder that is not ours is left alone. */
static void
test_tightens_permissions (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(OtasukeStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = otasuke_store_default_path ();
  g_autofree char *folder = default_folder ();
  g_autofree char *shared = g_build_filename (g_get_user_data_dir (), "shared", NULL);
  g_autofree char *shared_path = g_build_filename (shared, "other.db", NULL);

  g_assert_no_errno (g_mkdir_with_parents (folder, 0755));
  g_assert_no_errno (g_chmod (folder, 0755));
  make_plain_database (path);
  g_assert_no_errno (g_chmod (path, 0644));

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (otasuke_store_get_recovered_path (store));
  test_assert_mode (folder, 0700);
  test_assert_mode (path, 0600);

  g_assert_no_errno (g_mkdir_with_parents (shared, 0755));
  g_assert_no_errno (g_chmod (shared, 0755));
  other = otasuke_store_open (shared_path, &error);
  g_assert_no_error (error);
  test_assert_mode (shared, 0755);
  test_assert_mode (shared_path, 0600);
}

static void
test_meta (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  store = otasuke_store_open (NULL, &error);
  g_assert_no_error (error);

  value = otasuke_store_get_meta (store, "missing", &error);
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (otasuke_store_set_meta (store, "reminder", "2024-09-01", &error));
  g_assert_no_error (error);
  value = otasuke_store_get_meta (store, "reminder", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "2024-09-01");
  g_clear_pointer (&value, g_free);

  g_assert_true (otasuke_store_set_meta (store, "reminder", "日本語", &error));
  g_assert_no_error (error);
  value = otasuke_store_get_meta (store, "reminder", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "日本語");
  g_clear_pointer (&value, g_free);

  g_assert_true (otasuke_store_set_meta (store, "reminder", NULL, &error));
  g_assert_no_error (error);
  value = otasuke_store_get_meta (store, "reminder", &error);
  g_assert_no_error (error);
  g_assert_null (value);
}

static void
test_summary (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  OtasukeStoreSummary summary;
  sqlite3 *db;

  store = otasuke_store_open (NULL, &error);
  g_assert_no_error (error);

  g_assert_true (otasuke_store_get_summary (store, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.last_check_at, ==, 0);
  g_assert_cmpint (summary.last_check_score, ==, -1);
  g_assert_cmpint (summary.last_feed_success_at, ==, 0);
  g_assert_cmpuint (summary.n_check_runs, ==, 0);

  g_assert_cmpint (otasuke_store_add_check_run (store, 100, 200, 40, "1", &error), >, 0);
  g_assert_cmpint (otasuke_store_add_check_run (store, 300, 400, -7, "1", &error), >, 0);
  g_assert_cmpint (otasuke_store_add_check_run (store, 500, 0, 0, "1", &error), >, 0);
  g_assert_no_error (error);

  /* The feed code writes feed_sources; stand in for it. */
  db = raw_open (otasuke_store_get_path (store));
  raw_exec (db, "INSERT INTO feed_sources (url, last_success_at) VALUES ('https://a', 1000);"
                "INSERT INTO feed_sources (url, last_success_at) VALUES ('https://b', 3000);"
                "INSERT INTO feed_sources (url, last_error_at) VALUES ('https://c', 9000);");
  sqlite3_close (db);

  g_assert_true (otasuke_store_get_summary (store, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.last_check_at, ==, 400);
  g_assert_cmpint (summary.last_check_score, ==, -7);
  g_assert_cmpint (summary.last_feed_success_at, ==, 3000);
  g_assert_cmpuint (summary.n_check_runs, ==, 3);
}

/* 2. Migrations */
static void
test_migrate_from_v1 (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = otasuke_store_default_path ();
  g_autofree char *user_version = NULL;
  g_autofree char *expected_version = NULL;
  OtasukeStoreSummary summary;
  sqlite3 *db;

  make_default_folder ();
  db = raw_open (path);
  raw_exec (db, SCHEMA_V1);
  raw_exec (db, "INSERT INTO check_runs (id, started_at, finished_at, score, checklist_version) "
                "VALUES (7, 1000, 2000, 80, '2024.1');"
                "INSERT INTO check_answers (run_id, item_id, answer) VALUES (7, 'backup', 1);"
                "INSERT INTO meta (key, value) VALUES ('kept', 'yes');"
                "PRAGMA user_version = 1;");
  sqlite3_close (db);

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (otasuke_store_get_recovered_path (store));

  user_version = dup_pragma (store, "user_version");
  expected_version = g_strdup_printf ("%u", otasuke_store_schema_version ());
  g_assert_cmpstr (user_version, ==, expected_version);

  g_assert_true (otasuke_store_get_summary (store, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_check_runs, ==, 1);
  g_assert_cmpint (summary.last_check_at, ==, 2000);
  g_assert_cmpint (summary.last_check_score, ==, 80);

  db = raw_open (path);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM sqlite_master "
                                      "WHERE type = 'table' AND name = 'feed_sources'"), ==, 1);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM sqlite_master "
                                      "WHERE type = 'index' AND name = 'check_runs_finished'"),
                   ==, 1);
  g_assert_cmpint (raw_query_int (db, "SELECT answer FROM check_answers "
                                      "WHERE run_id = 7 AND item_id = 'backup'"), ==, 1);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM meta WHERE value = 'yes'"), ==, 1);
  /* SECURITY ACTION's tables (issue #13), empty: nothing invented for old data. */
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                      "('company_profile', 'policy_drafts', 'action_confirmations', "
                                      "'action_declarations')"), ==, 4);
  g_assert_cmpint (raw_query_int (db, "SELECT (SELECT count(*) FROM company_profile) + "
                                      "(SELECT count(*) FROM policy_drafts) + "
                                      "(SELECT count(*) FROM action_declarations)"), ==, 0);
  /* The findings kept with a run (issue #11): an old run has none, so
   * "what to fix first" falls back to its answers. */
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM pragma_table_info ('check_runs') "
                                      "WHERE name = 'findings'"), ==, 1);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM check_runs WHERE id = 7 AND findings IS NULL"), ==, 1);
  sqlite3_close (db);

  g_assert_true (otasuke_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

/* 3. A database from a newer Otasuke is refused and left exactly as it is. */
static void
test_too_new (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *path = otasuke_store_default_path ();
  g_autofree char *folder = default_folder ();
  GStatBuf st_before, st_after;
  const char *name;
  sqlite3 *db;

  make_default_folder ();
  db = raw_open (path);
  raw_exec (db, "CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('later');"
                "PRAGMA user_version = 999;");
  sqlite3_close (db);

  before = read_file (path);
  g_assert_no_errno (g_stat (path, &st_before));

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      store = otasuke_store_open (path, &error);
      g_assert_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_TOO_NEW);
      g_assert_null (store);
      assert_message_names (error, path);
      g_clear_error (&error);
    }

  after = read_file (path);
  g_assert_no_errno (g_stat (path, &st_after));
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
#ifdef G_OS_UNIX
  g_assert_cmpint (st_before.st_mtim.tv_nsec, ==, st_after.st_mtim.tv_nsec);
#endif

  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_cmpstr (name, ==, "otasuke.db");
}

/* 4. A damaged file is kept aside byte for byte and a new history starts. */
static void
assert_recovered (OtasukeStore *store,
                  GBytes       *original,
                  GBytes       *original_wal)
{
  g_autofree char *path = otasuke_store_default_path ();
  g_autofree char *prefix = g_strconcat (path, ".corrupt-", NULL);
  g_autofree char *display = NULL;
  g_autoptr(GBytes) kept = NULL;
  const char *recovered = otasuke_store_get_recovered_path (store);
  const char *reason = otasuke_store_get_recovery_reason (store);

  g_assert_nonnull (recovered);
  g_assert_nonnull (reason);
  g_assert_true (g_str_has_prefix (recovered, prefix));
  /* .corrupt-YYYYMMDD-HHMMSS */
  g_assert_cmpuint (strlen (recovered), ==, strlen (prefix) + 15);

  kept = read_file (recovered);
  g_assert_true (g_bytes_equal (kept, original));

  if (original_wal != NULL)
    {
      g_autofree char *kept_wal_path = g_strconcat (recovered, "-wal", NULL);
      g_autoptr(GBytes) kept_wal = read_file (kept_wal_path);

      g_assert_true (g_bytes_equal (kept_wal, original_wal));
    }

  display = g_filename_display_name (recovered);
  assert_contains (reason, display);

  g_assert_cmpuint (otasuke_store_get_user_version (store), ==, otasuke_store_schema_version ());
  test_assert_mode (path, 0600);
  g_assert_true (otasuke_store_check_integrity (store, NULL));
}

/* A 0-byte history file (a crash, a full disk, a bad copy) is damage: set
 * aside with what was beside it and said, never silently taken as new. */
static void
test_corrupt_empty_file (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) wal_bytes = random_bytes (4096);
  g_autofree char *path = otasuke_store_default_path ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  make_default_folder ();
  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);
  g_file_set_contents (wal, g_bytes_get_data (wal_bytes, NULL), 4096, &error);
  g_assert_no_error (error);

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  assert_recovered (store, empty, wal_bytes);
  g_assert_cmpuint (count_runs (store), ==, 0);
  assert_contains (otasuke_store_get_recovery_reason (store), "Nothing in it could be read back.");
  g_test_message ("%s", otasuke_store_get_recovery_reason (store));

  /* The new file is a real database now: opening it again is no news. */
  g_clear_object (&store);
  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (otasuke_store_get_recovered_path (store));
}

static void
test_corrupt_garbage (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) garbage = random_bytes (8192);
  g_autoptr(GBytes) garbage_wal = random_bytes (4096);
  g_autofree char *path = otasuke_store_default_path ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  make_default_folder ();
  g_file_set_contents (path, g_bytes_get_data (garbage, NULL), 8192, &error);
  g_assert_no_error (error);
  g_file_set_contents (wal, g_bytes_get_data (garbage_wal, NULL), 4096, &error);
  g_assert_no_error (error);

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  assert_recovered (store, garbage, garbage_wal);
  g_assert_cmpuint (count_runs (store), ==, 0);

  /* The new history works. */
  g_assert_cmpint (otasuke_store_add_check_run (store, 1, 2, 3, "x", &error), >, 0);
  g_assert_no_error (error);
}

static void
test_corrupt_page (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) noise = NULL;
  g_autofree char *path = otasuke_store_default_path ();
  g_autofree char *padding = g_strnfill (300, 'v');
  gint64 page_size;
  sqlite3 *db;

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      g_assert_cmpint (otasuke_store_add_check_run (store, i, i + 1, 50, padding, &error), >, 0);
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  db = raw_open (path);
  page_size = raw_query_int (db, "PRAGMA page_size");
  g_assert_cmpint (raw_query_int (db, "PRAGMA page_count"), >, 5);
  sqlite3_close (db);

  noise = random_bytes (page_size);
  write_bytes_at (path, page_size * 2, noise);
  damaged = read_file (path);

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  assert_recovered (store, damaged, NULL);
}

/* Damage in the middle of the check results: the runs on either side of the
 * damaged page, and the sheets elsewhere in the file, come back. */
static void
test_corrupt_salvage (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) noise = NULL;
  g_autofree char *path = otasuke_store_default_path ();
  g_autofree char *padding = g_strnfill (300, 'v');
  g_autofree char *reason = NULL;
  gint64 page_size, leaf, n_leaves;
  guint runs;
  sqlite3 *db;

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      g_assert_cmpint (otasuke_store_add_check_run (store, 1000 + i, 1001 + i, 50, padding, &error), >, 0);
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  db = raw_open (path);
  raw_exec (db, "INSERT INTO sheets (title, created_at, updated_at, fields_json) VALUES"
                " ('first', 1, 2, '{}'), ('second', 3, 4, '{}'), ('third', 5, 6, '{}')");
  raw_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  page_size = raw_query_int (db, "PRAGMA page_size");
  n_leaves = raw_query_int (db, "SELECT count(*) FROM dbstat WHERE name = 'check_runs' AND pagetype = 'leaf'");
  g_assert_cmpint (n_leaves, >=, 5);
  leaf = raw_query_int (db, "SELECT pageno FROM dbstat WHERE name = 'check_runs' AND pagetype = 'leaf'"
                            " ORDER BY pageno LIMIT 1 OFFSET 2");
  sqlite3_close (db);

  noise = random_bytes (page_size);
  write_bytes_at (path, page_size * (leaf - 1), noise);
  damaged = read_file (path);

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  assert_recovered (store, damaged, NULL);

  runs = count_runs (store);
  g_test_message ("%u of 200 check runs read back; %s", runs, otasuke_store_get_recovery_reason (store));
  g_assert_cmpuint (runs, >, 100);
  g_assert_cmpuint (runs, <, 200);
  reason = g_strdup_printf ("%u of its check results and 3 of its consultation sheets", runs);
  assert_contains (otasuke_store_get_recovery_reason (store), reason);
  g_clear_object (&store);

  /* The first and the last run, from both sides of the damage, with their data. */
  db = raw_open (path);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM check_runs WHERE started_at IN (1000, 1199)"), ==, 2);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM sheets"), ==, 3);
  sqlite3_close (db);
}

#ifdef G_OS_UNIX
/* 5. Read-only folders and files. Root ignores permission bits, so under
 * root the scenario runs in a child that has become nobody. */
static char *
make_scratch_folder_for_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_dir_make_tmp ("otasuke-store-ro-XXXXXX", &error);

  g_assert_no_error (error);

  if (geteuid () == 0)
    {
      g_assert_no_errno (chown (base, NOBODY, NOBODY));
      g_assert_no_errno (setgroups (0, NULL));
      g_assert_no_errno (setgid (NOBODY));
      g_assert_no_errno (setuid (NOBODY));
      g_assert_cmpint (geteuid (), ==, NOBODY);
      g_assert_cmpint (setuid (0), ==, -1);
    }

  if (g_access (base, W_OK | X_OK) != 0)
    g_error ("%s is not usable after dropping privileges: %s", base, g_strerror (errno));

  return g_steal_pointer (&base);
}

static void
read_only_folder_scenario (const char *base)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (base, "data", NULL);
  g_autofree char *folder = g_build_filename (data, "otasuke", NULL);
  g_autofree char *path = g_build_filename (folder, "otasuke.db", NULL);

  /* The folder that should hold ours is read-only. */
  g_assert_no_errno (g_mkdir (data, 0700));
  g_assert_no_errno (g_chmod (data, 0500));

  store = otasuke_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_READ_ONLY) ||
                 g_error_matches (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_CANT_OPEN));
  assert_message_names (error, data);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Our folder exists but is read-only. */
  g_assert_no_errno (g_chmod (data, 0700));
  g_assert_no_errno (g_mkdir (folder, 0700));
  g_assert_no_errno (g_chmod (folder, 0500));

  store = otasuke_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_READ_ONLY);
  assert_message_names (error, folder);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
read_only_file_scenario (const char *base)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (base, "otasuke", NULL);
  g_autofree char *path = g_build_filename (folder, "otasuke.db", NULL);
  g_autofree char *value = NULL;
  OtasukeStoreSummary summary;

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (otasuke_store_add_check_run (store, 10, 20, 90, "1", &error), >, 0);
  g_assert_true (otasuke_store_set_meta (store, "kept", "yes", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_no_errno (g_chmod (path, 0400));
  g_assert_no_errno (g_chmod (folder, 0500));

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (otasuke_store_is_read_only (store));
  /* Home says that nothing will be saved, and which folder to look at. */
  assert_contains (otasuke_store_get_read_only_reason (store), "nothing you do now will be saved");
  {
    g_autofree char *display = g_filename_display_name (folder);

    assert_contains (otasuke_store_get_read_only_reason (store), display);
    assert_contains (otasuke_store_get_read_only_reason (store), "The folder");
  }

  g_assert_cmpint (otasuke_store_add_check_run (store, 30, 40, 10, "1", &error), ==, 0);
  g_assert_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_READ_ONLY);
  assert_message_names (error, folder);
  g_clear_error (&error);

  g_assert_false (otasuke_store_set_meta (store, "kept", "no", &error));
  g_assert_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* What was saved before is still there to see. */
  g_assert_true (otasuke_store_get_summary (store, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_check_runs, ==, 1);
  g_assert_cmpint (summary.last_check_at, ==, 20);
  g_assert_cmpint (summary.last_check_score, ==, 90);
  value = otasuke_store_get_meta (store, "kept", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "yes");
  g_assert_true (otasuke_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

/* Issue #10: only the file is read-only (its folder is not): the sentence
 * names the file, not the folder. */
static void
read_only_file_alone_scenario (const char *base)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (base, "otasuke", NULL);
  g_autofree char *path = g_build_filename (folder, "otasuke.db", NULL);
  g_autofree char *display = g_filename_display_name (path);
  OtasukeStoreSummary summary;

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (otasuke_store_get_read_only_reason (store));
  g_assert_cmpint (otasuke_store_add_check_run (store, 10, 20, 90, "1", &error), >, 0);
  g_clear_object (&store);

  g_assert_no_errno (g_chmod (path, 0400));

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (otasuke_store_is_read_only (store));
  g_test_message ("%s", otasuke_store_get_read_only_reason (store));
  assert_contains (otasuke_store_get_read_only_reason (store), display);
  assert_contains (otasuke_store_get_read_only_reason (store), "The history file");
  assert_contains (otasuke_store_get_read_only_reason (store), "nothing you do now will be saved");

  g_assert_cmpint (otasuke_store_add_check_run (store, 30, 40, 10, "1", &error), ==, 0);
  g_assert_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  assert_contains (error->message, display);
  assert_contains (error->message, "is read-only");
  g_clear_error (&error);

  g_assert_true (otasuke_store_get_summary (store, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_check_runs, ==, 1);
}

/* Issue #10: only the folder is read-only (the file could be written):
 * the sentence names the folder. */
static void
read_only_folder_alone_scenario (const char *base)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (base, "otasuke", NULL);
  g_autofree char *path = g_build_filename (folder, "otasuke.db", NULL);
  g_autofree char *display = g_filename_display_name (folder);

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (otasuke_store_add_check_run (store, 10, 20, 90, "1", &error), >, 0);
  g_clear_object (&store);

  g_assert_no_errno (g_chmod (folder, 0500));

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (otasuke_store_is_read_only (store));
  g_test_message ("%s", otasuke_store_get_read_only_reason (store));
  assert_contains (otasuke_store_get_read_only_reason (store), "The folder");
  assert_contains (otasuke_store_get_read_only_reason (store), display);
  assert_contains (otasuke_store_get_read_only_reason (store), "nothing you do now will be saved");
  g_clear_object (&store);
  g_assert_no_errno (g_chmod (folder, 0700));
}

static void
test_read_only (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *base = make_scratch_folder_for_child ();
      g_autofree char *folder_base = g_build_filename (base, "folder", NULL);
      g_autofree char *file_base = g_build_filename (base, "file", NULL);

      g_autofree char *file_alone_base = g_build_filename (base, "file-alone", NULL);
      g_autofree char *folder_alone_base = g_build_filename (base, "folder-alone", NULL);

      g_assert_no_errno (g_mkdir (folder_base, 0700));
      g_assert_no_errno (g_mkdir (file_base, 0700));
      g_assert_no_errno (g_mkdir (file_alone_base, 0700));
      g_assert_no_errno (g_mkdir (folder_alone_base, 0700));

      read_only_folder_scenario (folder_base);
      read_only_file_scenario (file_base);
      read_only_file_alone_scenario (file_alone_base);
      read_only_folder_alone_scenario (folder_alone_base);

      rm_rf (base);
      g_print ("read-only scenarios checked as uid %u\n", (guint) geteuid ());
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  if (geteuid () == 0)
    g_test_trap_assert_stdout ("*read-only scenarios checked as uid 65534*");
  else
    g_test_trap_assert_stdout ("*read-only scenarios checked as uid*");
}
#endif

#ifdef G_OS_UNIX
/* Makes this (single-threaded) child a mount namespace of its own, so it
 * can mount without touching the machine; a user namespace too when it is
 * not root, as `unshare -rm` does. */
static void
enter_own_mount_namespace (void)
{
  uid_t uid = geteuid ();
  gid_t gid = getegid ();

  if (uid != 0)
    {
      g_autofree char *uid_map = g_strdup_printf ("0 %u 1\n", (guint) uid);
      g_autofree char *gid_map = g_strdup_printf ("0 %u 1\n", (guint) gid);

      g_assert_no_errno (unshare (CLONE_NEWUSER | CLONE_NEWNS));
      g_assert_true (g_file_set_contents ("/proc/self/setgroups", "deny", -1, NULL));
      g_assert_true (g_file_set_contents ("/proc/self/uid_map", uid_map, -1, NULL));
      g_assert_true (g_file_set_contents ("/proc/self/gid_map", gid_map, -1, NULL));
    }
  else
    g_assert_no_errno (unshare (CLONE_NEWNS));
  g_assert_no_errno (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
}

/* Issue #10: a history on a read-only disk (EROFS, which SQLite reports as
 * "unable to open database file", not as read-only) is shown, and the user
 * is told nothing will be saved. The disk is a read-only bind mount. */
static void
test_read_only_disk (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(OtasukeStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) write_error = NULL;
      g_autofree char *path = otasuke_store_default_path ();
      g_autofree char *folder = g_path_get_dirname (path);
      g_autofree char *display = g_filename_display_name (folder);
      OtasukeStoreSummary summary;

      store = otasuke_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (otasuke_store_add_check_run (store, 10, 20, 90, "1", &error), >, 0);
      g_clear_object (&store);

      enter_own_mount_namespace ();
      g_assert_no_errno (mount (folder, folder, NULL, MS_BIND, NULL));
      g_assert_no_errno (mount (NULL, folder, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL));
      g_assert_cmpint (g_access (folder, W_OK), !=, 0);
      g_assert_cmpint (errno, ==, EROFS);

      store = otasuke_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (otasuke_store_is_read_only (store));
      g_test_message ("%s", otasuke_store_get_read_only_reason (store));
      assert_contains (otasuke_store_get_read_only_reason (store), display);
      assert_contains (otasuke_store_get_read_only_reason (store), "nothing you do now will be saved");
      g_assert_true (otasuke_store_get_summary (store, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (summary.n_check_runs, ==, 1);
      g_assert_cmpint (otasuke_store_add_check_run (store, 30, 40, 10, "1", &write_error), ==, 0);
      g_assert_error (write_error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_READ_ONLY);
      g_clear_object (&store);
      g_assert_no_errno (umount2 (folder, 0));
      g_print ("read-only disk checked\n");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*read-only disk checked*");
}
#endif

/* 6. A full disk fails cleanly: the failed write leaves nothing behind and
 * the store works again once there is room. */
static void
test_full (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *padding = g_strnfill (1500, 'p');
  guint n_saved = 5;
  guint limit;
  gint64 id = 0;

  store = otasuke_store_open (NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_saved; i++)
    g_assert_cmpint (otasuke_store_add_check_run (store, i, i + 1, 10, "1", &error), >, 0);
  g_assert_no_error (error);

  /* SQLite keeps the limit at or above the current size. */
  limit = otasuke_store_set_max_page_count_for_testing (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limit, >, 1);

  for (guint i = 0; i < 100; i++)
    {
      id = otasuke_store_add_check_run (store, 100, 200, 20, padding, &error);
      if (id == 0)
        break;
      n_saved++;
    }

  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_FULL);
  assert_contains (error->message, "full");
  g_clear_error (&error);

  g_assert_cmpuint (count_runs (store), ==, n_saved);

  /* No transaction was left open: the next write fails the same way
   * rather than with "cannot start a transaction within a transaction". */
  g_assert_cmpint (otasuke_store_add_check_run (store, 1, 2, 3, padding, &error), ==, 0);
  g_assert_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_FULL);
  g_clear_error (&error);

  limit = otasuke_store_set_max_page_count_for_testing (store, 100000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limit, ==, 100000);

  g_assert_cmpint (otasuke_store_add_check_run (store, 100, 200, 20, padding, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (store), ==, n_saved + 1);
  g_assert_true (otasuke_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

/* 7. Killing a writer at random moments never loses a run it reported as
 * saved, and never damages the file. */
/* Blocks until the writer has promised its first row: a kill before that
 * (the writer still starting, slow under ASan) would test nothing. */
static char *
read_first_line (GSubprocess *process)
{
  GInputStream *stream = g_subprocess_get_stdout_pipe (process);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char c = 0;

  while (c != '\n')
    {
      /* The writer never stops by itself: an end of output here is its failure. */
      g_assert_cmpint (g_input_stream_read (stream, &c, 1, NULL, &error), ==, 1);
      g_assert_no_error (error);
      g_string_append_c (line, c);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
collect_lines (GSubprocess *process,
               const char  *first_line,
               GArray      *ids)
{
  g_autoptr(GString) output = g_string_new (first_line);
  g_autoptr(GError) error = NULL;
  GInputStream *stream = g_subprocess_get_stdout_pipe (process);
  char buffer[4096];
  gssize n_read;
  const char *line;

  while ((n_read = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error)) > 0)
    g_string_append_len (output, buffer, n_read);
  g_assert_no_error (error);

  /* A line cut short by the kill is not a promise yet. */
  line = output->str;
  for (const char *end; (end = strchr (line, '\n')) != NULL; line = end + 1)
    {
      gint64 id = g_ascii_strtoll (line, NULL, 10);

      g_assert_cmpint (id, >, 0);
      g_array_append_val (ids, id);
    }
}

static void
assert_ids_present (sqlite3 *db,
                    GArray  *ids,
                    guint    from)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 1 FROM check_runs WHERE id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = from; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        g_error ("Run %" G_GINT64_FORMAT " was reported saved but is gone", id);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
}

static void
test_crash_consistency (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "store-crash-writer" TEST_EXEEXT, NULL);
  g_autofree char *path = otasuke_store_default_path ();
  gint64 n_rows;
  sqlite3 *db;

  g_assert_true (g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE));

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *first_line = NULL;
      guint checked = ids->len;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, path, NULL);
      g_assert_no_error (error);

      /* Then killed at a moment of its writing picked at random. */
      first_line = read_first_line (process);
      g_usleep (g_test_rand_int_range (5, 81) * G_TIME_SPAN_MILLISECOND);
      g_subprocess_force_exit (process);  /* SIGKILL on Unix */
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);

#ifdef G_OS_UNIX
      /* The writer never stops by itself; an exit means it failed. */
      g_assert_true (g_subprocess_get_if_signaled (process));
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
#endif

      collect_lines (process, first_line, ids);

      store = otasuke_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_null (otasuke_store_get_recovered_path (store));
      g_assert_true (otasuke_store_check_integrity (store, &error));
      g_assert_no_error (error);
      g_clear_object (&store);

      db = raw_open (path);
      assert_ids_present (db, ids, checked);
      sqlite3_close (db);
    }

  db = raw_open (path);
  assert_ids_present (db, ids, 0);
  n_rows = raw_query_int (db, "SELECT count(*) FROM check_runs");
  sqlite3_close (db);

  g_test_message ("%u runs reported saved, %" G_GINT64_FORMAT " in the file", ids->len, n_rows);
  g_assert_cmpuint (ids->len, >, 50);
  g_assert_cmpint (n_rows, >=, ids->len);
}

/* Worker threads may share one store. */
static gpointer
add_runs_thread (gpointer data)
{
  OtasukeStore *store = data;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;
      OtasukeStoreSummary summary;

      g_assert_cmpint (otasuke_store_add_check_run (store, i, i + 1, 1, "t", &error), >, 0);
      g_assert_no_error (error);
      g_assert_true (otasuke_store_get_summary (store, &summary, &error));
      g_assert_no_error (error);
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GThread *threads[4];

  store = otasuke_store_open (NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("writer", add_runs_thread, store);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (count_runs (store), ==, 4 * 50);
}

/* 8. The asynchronous calls deliver on the caller's main context. */
static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GMainContext   *context,
                 GAsyncResult  **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (context, TRUE);

  return g_steal_pointer (slot);
}

static void
test_async (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  GAsyncResult *slot = NULL;
  OtasukeStoreSummary summary;
  sqlite3 *db;

  g_main_context_push_thread_default (context);

  otasuke_store_open_async (NULL, NULL, store_result_cb, &slot);
  result = wait_for_result (context, &slot);
  store = otasuke_store_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&result);

  g_assert_cmpint (otasuke_store_add_check_run (store, 100, 200, 30, "1", &error), >, 0);
  g_assert_cmpint (otasuke_store_add_check_run (store, 300, 400, 60, "1", &error), >, 0);
  g_assert_no_error (error);
  db = raw_open (otasuke_store_get_path (store));
  raw_exec (db, "INSERT INTO feed_sources (url, last_success_at) VALUES ('https://a', 500)");
  sqlite3_close (db);

  otasuke_store_get_summary_async (store, NULL, store_result_cb, &slot);
  result = wait_for_result (context, &slot);
  g_assert_true (otasuke_store_get_summary_finish (store, result, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.last_check_at, ==, 400);
  g_assert_cmpint (summary.last_check_score, ==, 60);
  g_assert_cmpint (summary.last_feed_success_at, ==, 500);
  g_assert_cmpuint (summary.n_check_runs, ==, 2);
  g_clear_object (&result);

  /* Cancelled before they start, both report it rather than a result. */
  g_cancellable_cancel (cancelled);

  otasuke_store_get_summary_async (store, cancelled, store_result_cb, &slot);
  result = wait_for_result (context, &slot);
  g_assert_false (otasuke_store_get_summary_finish (store, result, &summary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  g_clear_object (&store);
  otasuke_store_open_async (NULL, cancelled, store_result_cb, &slot);
  result = wait_for_result (context, &slot);
  store = otasuke_store_open_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (store);
  g_clear_object (&result);

  g_main_context_pop_thread_default (context);
}

#ifdef G_OS_UNIX
/* 6. Links and other people's files. */

static void
assert_file_is (const char *path,
                const char *contents,
                guint       mode)
{
  g_autofree char *now = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &now, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (now, ==, contents);
  test_assert_mode (path, mode);
}

static void
assert_refused (const char *path,
                const char *names,
                const char *says)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = otasuke_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_CANT_OPEN);
  g_test_message ("refused: %s", error->message);
  assert_message_names (error, names);
  assert_contains (error->message, says);
}

/* A history file that is a link is refused: its target keeps its bytes and
 * its mode, whether the link leads to a file, nowhere, or the history
 * folder itself is a link. */
static void
test_links_refused (void)
{
  g_autofree char *path = otasuke_store_default_path ();
  g_autofree char *folder = default_folder ();
  g_autofree char *elsewhere = g_build_filename (g_get_user_data_dir (), "elsewhere", NULL);
  g_autofree char *precious = g_build_filename (elsewhere, "precious.txt", NULL);
  g_autofree char *nowhere = g_build_filename (elsewhere, "nowhere.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *moved = g_build_filename (g_get_user_data_dir (), "otasuke-real", NULL);
  g_autoptr(GError) error = NULL;

  make_default_folder ();
  g_assert_no_errno (g_mkdir_with_parents (elsewhere, 0755));
  g_file_set_contents (precious, "the user's own words", -1, &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_chmod (precious, 0644));

  /* A link to a file. */
  g_assert_no_errno (symlink (precious, path));
  assert_refused (path, path, "link");
  assert_file_is (precious, "the user's own words", 0644);
  g_assert_no_errno (g_unlink (path));

  /* A link to nothing yet: not created through it. */
  g_assert_no_errno (symlink (nowhere, path));
  assert_refused (path, path, "link");
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_assert_no_errno (g_unlink (path));

  /* A sidecar that is a link: SQLite would write the journal into its target. */
  g_assert_no_errno (symlink (precious, wal));
  assert_refused (path, wal, "link");
  assert_file_is (precious, "the user's own words", 0644);
  g_assert_no_errno (g_unlink (wal));
  g_unlink (path);

  /* The folder itself a link. */
  g_assert_no_errno (g_rename (folder, moved));
  g_assert_no_errno (symlink (moved, folder));
  assert_refused (path, folder, "link");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  {
    g_autofree char *inside = g_build_filename (moved, "otasuke.db", NULL);

    g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  }
  g_assert_no_errno (g_unlink (folder));
}

/* A file with a second name is another file too: opened, but its mode left
 * alone. So is a file of another user (refused), or a device. */
static void
test_not_ours (void)
{
  g_autofree char *path = otasuke_store_default_path ();
  g_autofree char *other_name = g_build_filename (g_get_user_data_dir (), "second-name.db", NULL);
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;

  make_default_folder ();

  make_plain_database (path);
  g_assert_no_errno (g_chmod (path, 0644));
  g_assert_no_errno (link (path, other_name));
  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (otasuke_store_get_recovered_path (store));
  test_assert_mode (other_name, 0644);
  g_clear_object (&store);
  g_assert_no_errno (g_unlink (other_name));
  g_assert_no_errno (g_unlink (path));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *sidecar = g_strconcat (path, i == 0 ? "-wal" : "-shm", NULL);

      g_unlink (sidecar);
    }

  /* A device node in its place (only root can make one; /dev/null stands in otherwise). */
  g_assert_no_errno (symlink ("/dev/null", path));
  assert_refused (path, path, "link");
  g_assert_no_errno (g_unlink (path));
  if (mknod (path, S_IFCHR | 0600, makedev (1, 3)) == 0)
    {
      assert_refused (path, path, "not an ordinary file");
      g_assert_no_errno (g_unlink (path));
    }

  if (geteuid () != 0)
    {
      g_test_skip ("only root can give a file to another user");
      return;
    }
  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_chmod (path, 0644));
  g_assert_no_errno (chown (path, NOBODY, NOBODY));
  assert_refused (path, path, "another user");
  test_assert_mode (path, 0644);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/fresh", test_fresh_open);
  g_test_add_func ("/store/open/tightens-permissions", test_tightens_permissions);
  g_test_add_func ("/store/meta", test_meta);
  g_test_add_func ("/store/summary", test_summary);
  g_test_add_func ("/store/corrupt/empty-file", test_corrupt_empty_file);
  g_test_add_func ("/store/migrate/from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/open/too-new", test_too_new);
  g_test_add_func ("/store/corrupt/garbage", test_corrupt_garbage);
  g_test_add_func ("/store/corrupt/page", test_corrupt_page);
  g_test_add_func ("/store/corrupt/salvage", test_corrupt_salvage);
#ifdef G_OS_UNIX
  g_test_add_func ("/store/read-only", test_read_only);
  g_test_add_func ("/store/read-only-disk", test_read_only_disk);
  g_test_add_func ("/store/open/links-refused", test_links_refused);
  g_test_add_func ("/store/open/not-ours", test_not_ours);
#endif
  g_test_add_func ("/store/full", test_full);
  g_test_add_func ("/store/crash-consistency", test_crash_consistency);
  g_test_add_func ("/store/threads", test_threads);
  g_test_add_func ("/store/async", test_async);

  return g_test_run ();
}
