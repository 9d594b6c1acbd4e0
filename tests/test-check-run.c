/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-checklist"

#include "config.h"

#include <glib/gi18n.h>

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "otasuke-check-run.h"
#include "otasuke-store-runs.h"

/* Version 4 of the schema, as Otasuke wrote it before runs could be resumed;
 * kept verbatim so the migration test does not depend on the code it tests. */
#define SCHEMA_V4 \
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);" \
  "CREATE TABLE check_runs (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL," \
  "  finished_at INTEGER," \
  "  score INTEGER CHECK (score IS NULL OR score BETWEEN -25 AND 100)," \
  "  checklist_version TEXT NOT NULL);" \
  "CREATE TABLE check_answers (" \
  "  run_id INTEGER NOT NULL REFERENCES check_runs (id) ON DELETE CASCADE," \
  "  item_id TEXT NOT NULL, answer INTEGER NOT NULL, PRIMARY KEY (run_id, item_id));" \
  "CREATE TABLE feed_sources (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT," \
  "  sequence INTEGER, last_success_at INTEGER, last_error TEXT, last_error_at INTEGER);" \
  "CREATE INDEX check_runs_finished ON check_runs (finished_at);" \
  "ALTER TABLE feed_sources ADD COLUMN key_id TEXT;" \
  "ALTER TABLE feed_sources ADD COLUMN content_hash TEXT;" \
  "ALTER TABLE feed_sources ADD COLUMN generated_at INTEGER;" \
  "ALTER TABLE feed_sources ADD COLUMN expires_at INTEGER;" \
  "ALTER TABLE feed_sources ADD COLUMN accepted_at INTEGER;" \
  "ALTER TABLE feed_sources ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;" \
  "ALTER TABLE feed_sources ADD COLUMN contacts_json TEXT;" \
  "CREATE TABLE feed_keys (key_id TEXT PRIMARY KEY, sequence INTEGER NOT NULL," \
  "  accepted_at INTEGER NOT NULL);" \
  "CREATE TABLE advisories (id TEXT PRIMARY KEY, source TEXT NOT NULL, item_json TEXT NOT NULL," \
  "  severity INTEGER NOT NULL, date INTEGER NOT NULL);" \
  "CREATE INDEX advisories_source ON advisories (source);" \
  "CREATE TABLE advisory_state (id TEXT PRIMARY KEY, first_seen INTEGER NOT NULL," \
  "  read_at INTEGER, notified_at INTEGER) WITHOUT ROWID;" \
  "CREATE TABLE sheets (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT ''," \
  "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, fields_json TEXT NOT NULL);" \
  "CREATE INDEX sheets_updated ON sheets (updated_at);"

typedef struct {
  char             *dir;
  char             *path;
  OtasukeStore     *store;
  OtasukeChecklist *checklist;
} Fixture;

static OtasukeChecklist *
load_bundled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "data",
                                                 "otasuke.checklist.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  OtasukeChecklist *checklist;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  bytes = g_bytes_new_take (data, len);
  checklist = otasuke_checklist_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return checklist;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("otasuke-runs-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "otasuke.db", NULL);
  f->checklist = load_bundled ();
  if (data == NULL)
    {
      f->store = otasuke_store_open (f->path, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  g_clear_pointer (&f->checklist, otasuke_checklist_unref);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = otasuke_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
assert_same_run (OtasukeCheckRun *a,
                 OtasukeCheckRun *b)
{
  g_autofree const char **ids_a = otasuke_check_run_get_answered_ids (a);
  g_autofree const char **ids_b = otasuke_check_run_get_answered_ids (b);

  g_assert_cmpint (otasuke_check_run_get_id (a), ==, otasuke_check_run_get_id (b));
  g_assert_cmpint (otasuke_check_run_get_started_at (a), ==, otasuke_check_run_get_started_at (b));
  g_assert_cmpint (otasuke_check_run_get_updated_at (a), ==, otasuke_check_run_get_updated_at (b));
  g_assert_cmpint (otasuke_check_run_get_finished_at (a), ==, otasuke_check_run_get_finished_at (b));
  g_assert_cmpint (otasuke_check_run_get_score (a), ==, otasuke_check_run_get_score (b));
  g_assert_cmpstr (otasuke_check_run_get_checklist_version (a), ==, otasuke_check_run_get_checklist_version (b));
  g_assert_cmpstr (otasuke_check_run_get_probe_json (a), ==, otasuke_check_run_get_probe_json (b));
  g_assert_cmpstr (otasuke_check_run_get_findings (a), ==, otasuke_check_run_get_findings (b));
  g_assert_cmpstr (otasuke_check_run_get_router_model (a), ==, otasuke_check_run_get_router_model (b));
  g_assert_cmpstr (otasuke_check_run_get_router_firmware (a), ==, otasuke_check_run_get_router_firmware (b));
  g_assert_cmpstrv (ids_a, ids_b);
  for (guint i = 0; ids_a[i] != NULL; i++)
    {
      gboolean sa, sb;

      g_assert_cmpint (otasuke_check_run_get_answer (a, ids_a[i], &sa), ==,
                       otasuke_check_run_get_answer (b, ids_a[i], &sb));
      g_assert_cmpint (sa, ==, sb);
    }
}

/* The run in memory */

static void
test_run_model (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  g_autoptr(OtasukeCheckRun) run = otasuke_check_run_new ("2026.1", 100);
  g_autoptr(OtasukeCheckRun) copy = NULL;
  g_autofree const char **ids = NULL;
  gboolean from_suggestion = TRUE;

  g_assert_cmpint (otasuke_check_run_get_id (run), ==, 0);
  g_assert_false (otasuke_check_run_is_finished (run));
  g_assert_cmpint (otasuke_check_run_get_score (run), ==, OTASUKE_SCORE_NONE);
  g_assert_cmpint (otasuke_check_run_get_answer (run, "ipa-01", &from_suggestion), ==, OTASUKE_ANSWER_NONE);
  g_assert_false (from_suggestion);
  g_assert_true (otasuke_check_run_next_unanswered (run, checklist) == otasuke_checklist_get_item (checklist, 0));

  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    if (i != 3)
      otasuke_check_run_set_answer (run, otasuke_checklist_get_item (checklist, i)->id,
                                    OTASUKE_ANSWER_DONE, i % 2 == 0);
  g_assert_true (otasuke_check_run_next_unanswered (run, checklist) == otasuke_checklist_get_item (checklist, 3));
  g_assert_cmpint (otasuke_check_run_get_answer (run, otasuke_checklist_get_item (checklist, 2)->id,
                                                 &from_suggestion), ==, OTASUKE_ANSWER_DONE);
  g_assert_true (from_suggestion);

  otasuke_check_run_set_answer (run, "ipa-01", OTASUKE_ANSWER_NONE, FALSE);
  g_assert_cmpint (otasuke_check_run_get_answer (run, "ipa-01", NULL), ==, OTASUKE_ANSWER_NONE);
  g_assert_cmpuint (otasuke_check_run_get_n_answers (run), ==, otasuke_checklist_get_n_items (checklist) - 2);

  ids = otasuke_check_run_get_answered_ids (run);
  for (guint i = 1; ids[i] != NULL; i++)
    g_assert_cmpint (strcmp (ids[i - 1], ids[i]), <, 0);

  otasuke_check_run_set_router (run, "WSR-1166DHP3", "1.16");
  otasuke_check_run_set_router (run, otasuke_check_run_get_router_model (run), "");
  g_assert_cmpstr (otasuke_check_run_get_router_model (run), ==, "WSR-1166DHP3");
  g_assert_null (otasuke_check_run_get_router_firmware (run));

  /* A copy is independent. */
  copy = otasuke_check_run_copy (run);
  otasuke_check_run_set_answer (copy, "ipa-02", OTASUKE_ANSWER_NOT_DONE, FALSE);
  g_assert_cmpint (otasuke_check_run_get_answer (run, "ipa-02", NULL), ==, OTASUKE_ANSWER_DONE);
  g_assert_cmpstr (otasuke_check_run_get_router_model (copy), ==, "WSR-1166DHP3");
}

/* The store */

static void
test_save_load (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OtasukeCheckRun) run = otasuke_check_run_new ("2026.1", 1000);
  g_autoptr(OtasukeCheckRun) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  otasuke_check_run_set_answer (run, "ipa-01", OTASUKE_ANSWER_DONE, TRUE);
  otasuke_check_run_set_answer (run, "ipa-02", OTASUKE_ANSWER_DONT_KNOW, FALSE);
  otasuke_check_run_set_answer (run, "ipa-09", OTASUKE_ANSWER_NOT_APPLICABLE, FALSE);
  otasuke_check_run_set_probe_json (run, "{\"browsers\": []}");
  otasuke_check_run_set_router (run, "WSR-1166DHP3", "1.16");
  /* What the evidence said at the end, for the same fix-first list on Home. */
  otasuke_check_run_set_findings (run, "!seed-router-firmware seed-browsers");

  g_assert_true (otasuke_store_save_check_run (f->store, run, 1100, &error));
  g_assert_no_error (error);
  id = otasuke_check_run_get_id (run);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (otasuke_check_run_get_updated_at (run), ==, 1100);

  loaded = otasuke_store_load_check_run (f->store, id, &error);
  g_assert_no_error (error);
  assert_same_run (run, loaded);
  g_clear_pointer (&loaded, otasuke_check_run_unref);

  /* Saving again replaces the answers. */
  otasuke_check_run_set_answer (run, "ipa-02", OTASUKE_ANSWER_NONE, FALSE);
  otasuke_check_run_set_answer (run, "ipa-03", OTASUKE_ANSWER_PARTLY, FALSE);
  g_assert_true (otasuke_store_save_check_run (f->store, run, 1200, &error));
  g_assert_cmpint (otasuke_check_run_get_id (run), ==, id);
  loaded = otasuke_store_load_check_run (f->store, id, &error);
  g_assert_no_error (error);
  assert_same_run (run, loaded);
  g_clear_pointer (&loaded, otasuke_check_run_unref);

  /* Deleted elsewhere while open: saved again under its id. */
  g_assert_true (otasuke_store_delete_check_run (f->store, id, &error));
  g_assert_null (otasuke_store_load_check_run (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_true (otasuke_store_save_check_run (f->store, run, 1300, &error));
  g_assert_cmpint (otasuke_check_run_get_id (run), ==, id);
  loaded = otasuke_store_load_check_run (f->store, id, &error);
  assert_same_run (run, loaded);

  /* Missing runs and deleting twice are not errors. */
  g_assert_null (otasuke_store_load_check_run (f->store, id + 100, &error));
  g_assert_no_error (error);
  g_assert_null (otasuke_store_load_check_run (f->store, 0, &error));
  g_assert_true (otasuke_store_delete_check_run (f->store, id + 100, &error));
  g_assert_no_error (error);
}

static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(OtasukeCheckRun) run = otasuke_check_run_new ("2026.1", 1000);
  g_autoptr(OtasukeCheckRun) older = otasuke_check_run_new ("2026.1", 900);
  g_autoptr(OtasukeCheckRun) resumed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (otasuke_store_load_unfinished_check_run (f->store, &error));
  g_assert_no_error (error);

  /* Answer the first three items, then stop. */
  for (guint i = 0; i < 3; i++)
    otasuke_check_run_set_answer (run, otasuke_checklist_get_item (f->checklist, i)->id,
                                  OTASUKE_ANSWER_DONE, FALSE);
  g_assert_true (otasuke_store_save_check_run (f->store, older, 950, &error));
  g_assert_true (otasuke_store_save_check_run (f->store, run, 1050, &error));
  g_assert_no_error (error);

  reopen (f);
  resumed = otasuke_store_load_unfinished_check_run (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (resumed);
  assert_same_run (run, resumed);
  g_assert_true (otasuke_check_run_next_unanswered (resumed, f->checklist) ==
                 otasuke_checklist_get_item (f->checklist, 3));

  /* Finished, it no longer waits to be resumed; the older one does. */
  otasuke_check_run_finish (resumed, f->checklist, 1100);
  g_assert_true (otasuke_store_save_check_run (f->store, resumed, 1100, &error));
  g_clear_pointer (&resumed, otasuke_check_run_unref);
  resumed = otasuke_store_load_unfinished_check_run (f->store, &error);
  g_assert_nonnull (resumed);
  g_assert_cmpint (otasuke_check_run_get_id (resumed), ==, otasuke_check_run_get_id (older));
}

static OtasukeCheckRun *
save_finished (Fixture *f,
               gint64   finished_at,
               guint    n_done)
{
  OtasukeCheckRun *run = otasuke_check_run_new ("2026.1", finished_at - 60);
  g_autoptr(GError) error = NULL;

  for (guint n = 1; n <= OTASUKE_CHECKLIST_N_IPA_ITEMS; n++)
    {
      g_autofree char *id = g_strdup_printf ("ipa-%02u", n);

      otasuke_check_run_set_answer (run, id, n <= n_done ? OTASUKE_ANSWER_DONE : OTASUKE_ANSWER_NOT_DONE, FALSE);
    }
  otasuke_check_run_finish (run, f->checklist, finished_at);
  g_assert_true (otasuke_store_save_check_run (f->store, run, finished_at, &error));
  g_assert_no_error (error);
  return run;
}

static void
test_list_and_diff (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(OtasukeCheckRun) first = save_finished (f, 2000, 20);   /* 80 */
  g_autoptr(OtasukeCheckRun) second = save_finished (f, 3000, 22);  /* 88 */
  g_autoptr(OtasukeCheckRun) unfinished = otasuke_check_run_new ("2026.1", 3500);
  g_autoptr(OtasukeCheckRun) previous = NULL;
  g_autoptr(OtasukeCheckRunDiff) diff = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  const OtasukeAnswerChange *change;
  OtasukeCheckRunInfo *info;

  g_assert_true (otasuke_store_save_check_run (f->store, unfinished, 3500, &error));

  runs = otasuke_store_list_check_runs (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);
  info = g_ptr_array_index (runs, 0);
  g_assert_cmpint (info->id, ==, otasuke_check_run_get_id (second));
  g_assert_cmpint (info->finished_at, ==, 3000);
  g_assert_cmpint (info->score, ==, 88);
  g_assert_cmpint (info->band, ==, OTASUKE_SCORE_BAND_SOME_GAPS);
  g_assert_cmpstr (info->checklist_version, ==, "2026.1");
  info = g_ptr_array_index (runs, 1);
  g_assert_cmpint (info->score, ==, 80);

  previous = otasuke_store_load_previous_check_run (f->store, otasuke_check_run_get_id (second), &error);
  g_assert_cmpint (otasuke_check_run_get_id (previous), ==, otasuke_check_run_get_id (first));
  g_clear_pointer (&previous, otasuke_check_run_unref);
  previous = otasuke_store_load_previous_check_run (f->store, otasuke_check_run_get_id (unfinished), &error);
  g_assert_cmpint (otasuke_check_run_get_id (previous), ==, otasuke_check_run_get_id (second));
  g_clear_pointer (&previous, otasuke_check_run_unref);
  g_assert_null (otasuke_store_load_previous_check_run (f->store, otasuke_check_run_get_id (first), &error));
  g_assert_no_error (error);

  diff = otasuke_store_diff_check_run (f->store, otasuke_check_run_get_id (second), f->checklist, &error);
  g_assert_no_error (error);
  g_assert_cmpint (diff->old_run_id, ==, otasuke_check_run_get_id (first));
  g_assert_cmpint (diff->score_change, ==, 8);
  g_assert_cmpuint (diff->changes->len, ==, 2);
  change = g_ptr_array_index (diff->changes, 0);
  g_assert_cmpstr (change->item_id, ==, "ipa-21");
  g_assert_cmpint (change->old_answer, ==, OTASUKE_ANSWER_NOT_DONE);
  g_assert_cmpint (change->new_answer, ==, OTASUKE_ANSWER_DONE);
  g_clear_pointer (&diff, otasuke_check_run_diff_free);

  g_assert_null (otasuke_store_diff_check_run (f->store, otasuke_check_run_get_id (first), NULL, &error));
  g_assert_no_error (error);

  /* Without a checklist, an item it does not know, sorted by id. */
  otasuke_check_run_set_answer (unfinished, "zzz-retired", OTASUKE_ANSWER_DONE, FALSE);
  diff = otasuke_check_run_diff (second, unfinished, NULL);
  g_assert_cmpint (diff->new_score, ==, OTASUKE_SCORE_NONE);
  g_assert_cmpint (diff->score_change, ==, 0);
  g_assert_cmpuint (diff->changes->len, ==, 26);
  g_assert_cmpstr (((OtasukeAnswerChange *) g_ptr_array_index (diff->changes, 25))->item_id, ==, "zzz-retired");

  g_assert_true (otasuke_store_delete_check_run (f->store, otasuke_check_run_get_id (second), &error));
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = otasuke_store_list_check_runs (f->store, &error);
  g_assert_cmpuint (runs->len, ==, 1);
}

static void
test_router_meta (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OtasukeCheckRun) run = otasuke_check_run_new ("2026.1", 1000);
  g_autoptr(GError) error = NULL;
  g_autofree char *model = NULL;
  g_autofree char *firmware = NULL;

  g_assert_true (otasuke_store_get_router (f->store, &model, &firmware, &error));
  g_assert_null (model);
  g_assert_null (firmware);

  otasuke_check_run_set_router (run, "WHR-1166DHP2", "Ver.2.95");
  g_assert_true (otasuke_store_save_check_run (f->store, run, 1000, &error));
  reopen (f);
  g_assert_true (otasuke_store_get_router (f->store, &model, &firmware, &error));
  g_assert_cmpstr (model, ==, "WHR-1166DHP2");
  g_assert_cmpstr (firmware, ==, "Ver.2.95");
  g_clear_pointer (&model, g_free);
  g_clear_pointer (&firmware, g_free);

  g_assert_true (otasuke_store_set_router (f->store, "WSR-600DHP", NULL, &error));
  g_assert_true (otasuke_store_get_router (f->store, &model, &firmware, &error));
  g_assert_cmpstr (model, ==, "WSR-600DHP");
  g_assert_null (firmware);
  g_clear_pointer (&model, g_free);

  g_assert_true (otasuke_store_set_router (f->store, NULL, "1.0", &error));
  g_assert_true (otasuke_store_get_router (f->store, &model, &firmware, &error));
  g_assert_null (model);
  g_assert_null (firmware);
  g_assert_no_error (error);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(OtasukeCheckRun) run = otasuke_check_run_new ("2026.1", 1000);
  g_autoptr(OtasukeCheckRun) first = save_finished (f, 500, 25);
  g_autoptr(OtasukeCheckRun) loaded = NULL;
  g_autoptr(OtasukeCheckRunDiff) diff = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  otasuke_check_run_set_answer (run, "ipa-01", OTASUKE_ANSWER_PARTLY, TRUE);
  otasuke_store_save_check_run_async (f->store, run, 1500, NULL, on_done, &result);
  /* The caller's run is not touched until finish. */
  otasuke_check_run_set_answer (run, "ipa-02", OTASUKE_ANSWER_DONE, FALSE);
  g_assert_true (otasuke_store_save_check_run_finish (f->store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (otasuke_check_run_get_id (run), >, 0);
  g_assert_cmpint (otasuke_check_run_get_updated_at (run), ==, 1500);

  otasuke_store_load_check_run_async (f->store, 0, NULL, on_done, &result);
  loaded = otasuke_store_load_check_run_finish (f->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (otasuke_check_run_get_id (loaded), ==, otasuke_check_run_get_id (run));
  g_assert_cmpint (otasuke_check_run_get_answer (loaded, "ipa-01", NULL), ==, OTASUKE_ANSWER_PARTLY);
  g_assert_cmpint (otasuke_check_run_get_answer (loaded, "ipa-02", NULL), ==, OTASUKE_ANSWER_NONE);

  otasuke_store_list_check_runs_async (f->store, NULL, on_done, &result);
  runs = otasuke_store_list_check_runs_finish (f->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (runs->len, ==, 1);

  otasuke_check_run_finish (loaded, f->checklist, 2000);
  g_assert_true (otasuke_store_save_check_run (f->store, loaded, 2000, &error));
  otasuke_store_diff_check_run_async (f->store, otasuke_check_run_get_id (loaded), f->checklist,
                                      NULL, on_done, &result);
  diff = otasuke_store_diff_check_run_finish (f->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_nonnull (diff);
  g_assert_cmpint (diff->old_score, ==, 100);
  g_assert_cmpuint (diff->changes->len, ==, 25);
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

static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OtasukeCheckRun) old = NULL;
  g_autoptr(OtasukeCheckRun) resumed = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 added;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, SCHEMA_V4
                                 "INSERT INTO check_runs (id, started_at, finished_at, score, checklist_version) "
                                 "VALUES (7, 1000, 2000, 80, '2024.1');"
                                 "INSERT INTO check_runs (id, started_at, checklist_version) "
                                 "VALUES (8, 3000, '2024.1');"
                                 "INSERT INTO check_answers VALUES (7, 'ipa-01', 1);"
                                 "INSERT INTO check_answers VALUES (7, 'backup', 99);"
                                 "INSERT INTO sheets (title, created_at, updated_at, fields_json) "
                                 "VALUES ('kept', 1, 1, '{}');"
                                 "PRAGMA user_version = 4;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  reopen (f);
  g_assert_cmpuint (otasuke_store_get_user_version (f->store), ==, otasuke_store_schema_version ());
  g_assert_cmpuint (otasuke_store_schema_version (), >=, 5);

  old = otasuke_store_load_check_run (f->store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (otasuke_check_run_get_score (old), ==, 80);
  g_assert_cmpint (otasuke_check_run_get_finished_at (old), ==, 2000);
  g_assert_cmpint (otasuke_check_run_get_updated_at (old), ==, 2000);
  g_assert_cmpstr (otasuke_check_run_get_checklist_version (old), ==, "2024.1");
  g_assert_cmpint (otasuke_check_run_get_answer (old, "ipa-01", NULL), ==, OTASUKE_ANSWER_DONE);
  /* A value this version does not know is skipped, not guessed at. */
  g_assert_cmpuint (otasuke_check_run_get_n_answers (old), ==, 1);

  resumed = otasuke_store_load_unfinished_check_run (f->store, &error);
  g_assert_cmpint (otasuke_check_run_get_id (resumed), ==, 8);

  /* The step-1 writer still works beside the new one. */
  added = otasuke_store_add_check_run (f->store, 4000, 4100, 60, "2026.1", &error);
  g_assert_no_error (error);
  runs = otasuke_store_list_check_runs (f->store, &error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpint (((OtasukeCheckRunInfo *) g_ptr_array_index (runs, 0))->id, ==, added);
  g_clear_object (&f->store);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM check_answers WHERE run_id = 7"), ==, 2);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM sheets WHERE title = 'kept'"), ==, 1);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/check-run/model", test_run_model);
  g_test_add ("/check-run/save-load", Fixture, NULL, fixture_set_up, test_save_load, fixture_tear_down);
  g_test_add ("/check-run/resume", Fixture, NULL, fixture_set_up, test_resume, fixture_tear_down);
  g_test_add ("/check-run/list-diff", Fixture, NULL, fixture_set_up, test_list_and_diff, fixture_tear_down);
  g_test_add ("/check-run/router-meta", Fixture, NULL, fixture_set_up, test_router_meta, fixture_tear_down);
  g_test_add ("/check-run/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);
  g_test_add ("/check-run/migration", Fixture, "no-store", fixture_set_up, test_migration, fixture_tear_down);

  return g_test_run ();
}
