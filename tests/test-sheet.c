/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "otasuke-feed.h"
#include "otasuke-sheet-render.h"
#include "otasuke-sheet.h"
#include "otasuke-store-runs.h"
#include "otasuke-store-sheets.h"
#include "test-util.h"

/* Version 3 of the schema, as Otasuke wrote it before the sheets existed;
 * kept verbatim so the migration test does not depend on the code it tests. */
#define SCHEMA_V3 \
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
  "  read_at INTEGER, notified_at INTEGER) WITHOUT ROWID;"

/* 2025-03-10 09:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1741597200)

/* Helpers */

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("otasuke-sheet-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static GDateTime *
fixed_now (void)
{
  return g_date_time_new_from_unix_utc (T0 + 3 * 86400);
}

static char *
screenshot_dir (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "..", "screenshots", "sheet", NULL);
  char *canonical = g_canonicalize_filename (dir, NULL);

  g_assert_no_errno (g_mkdir_with_parents (canonical, 0755));
  return canonical;
}

static void
assert_mode_0600 (const char *path)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
#ifdef G_OS_UNIX
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
#endif
}

/* The PDF is read back with poppler-utils; without them these tests would prove
 * nothing, so a missing tool fails the test rather than skipping it. */
static void
require_poppler (void)
{
  static const char * const tools[] = { "pdftotext", "pdfinfo", "pdftoppm" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        g_error ("%s is not installed; the PDF tests need poppler-utils (build-aux/dev.sh installs it)", tools[i]);
    }
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:") + strspn (line + strlen ("\nPages:"), " "), NULL, 10);
}

/* Renders every page at 50 dpi into the screenshot folder and checks that
 * the outer 16 mm of each page is blank: nothing runs off the paper. */
static void
check_pages_png (const char *pdf,
                 const char *name,
                 guint       n_pages)
{
  g_autofree char *dir = screenshot_dir ();
  g_autofree char *prefix = g_build_filename (dir, name, NULL);
  const char *argv[] = { "pdftoppm", "-r", "50", "-png", pdf, prefix, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *stem = g_strconcat (name, "-", NULL);
  const char *entry;
  guint found = 0;

  /* Old pages of an earlier, longer run would be counted. */
  listing = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (entry, stem) && g_str_has_suffix (entry, ".png"))
      {
        g_autofree char *old = g_build_filename (dir, entry, NULL);
        g_unlink (old);
      }
  g_clear_pointer (&listing, g_dir_close);

  out = run_tool (argv);

  listing = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *png = NULL;
      cairo_surface_t *surface;
      const guchar *data;
      int width, height, stride, strip;
      guint ink = 0;

      if (!g_str_has_prefix (entry, stem) || !g_str_has_suffix (entry, ".png"))
        continue;

      png = g_build_filename (dir, entry, NULL);
      surface = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      found++;

      width = cairo_image_surface_get_width (surface);
      height = cairo_image_surface_get_height (surface);
      stride = cairo_image_surface_get_stride (surface);
      data = cairo_image_surface_get_data (surface);
      g_assert_cmpint (width, >=, 400);
      g_assert_cmpint (width, <=, 420);
      strip = (int) (16.0 / 25.4 * 50.0);

      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);
            gboolean white = ((pixel >> 16) & 0xff) > 0xf0 && ((pixel >> 8) & 0xff) > 0xf0 && (pixel & 0xff) > 0xf0;
            gboolean margin = x < strip || x >= width - strip || y < strip || y >= height - strip;

            if (margin && !white)
              g_error ("%s has ink at %d,%d, inside the page margin", png, x, y);
            if (!white)
              ink++;
          }

      g_assert_cmpuint (ink, >, 200);
      cairo_surface_destroy (surface);
    }

  g_assert_cmpuint (found, ==, n_pages);
  g_test_message ("Pages of %s saved as %s-*.png", pdf, prefix);
}

static OtasukeSheet *
filled_sheet (guint n_events)
{
  OtasukeSheet *sheet = otasuke_sheet_new ();
  const char * const services[] = { "Microsoft 365", "Google ドライブ", "freee会計", NULL };

  otasuke_sheet_set_title (sheet, "経理用パソコンの不審な動き");
  otasuke_sheet_set_company_name (sheet, "株式会社さくら印刷");
  otasuke_sheet_set_contact_person (sheet, "佐藤 花子（総務部）");
  otasuke_sheet_set_device_type (sheet, "ノートパソコン");
  otasuke_sheet_set_operating_system (sheet, "Windows 11 Pro 23H2");
  otasuke_sheet_set_security_software (sheet, "ウイルスバスター クラウド");
  otasuke_sheet_set_cloud_services (sheet, services);
  otasuke_sheet_set_suspicion (sheet, "取引先を名乗るメールの添付ファイル（Word）を開いてマクロを有効にした直後から、"
                                      "見覚えのない送信済みメールが大量に増えた。");
  otasuke_sheet_set_consulted (sheet, "契約しているパソコン販売店のサポート窓口");
  otasuke_sheet_set_affected_devices (sheet, 2);
  otasuke_sheet_set_affected_accounts (sheet, 3);
  otasuke_sheet_set_police (sheet, OTASUKE_SHEET_POLICE_NOT_YET);

  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *text = NULL;

      if (i % 7 == 3)
        text = g_strdup_printf ("出来事%u：取引先から「先日のメールは送っていない」と電話があった。"
                                "送信済みフォルダには同じ件名のメールが数十通あり、宛先はアドレス帳の全員だった。"
                                "念のためネットワークケーブルを抜き、ほかのパソコンも確認した。", i);
      else
        text = g_strdup_printf ("出来事%u：画面に見慣れない警告が表示された", i);
      otasuke_sheet_add_event (sheet, T0 + (gint64) (n_events - i) * 1800, text);
    }

  return sheet;
}

static OtasukeSheetCheckSummary *
sample_summary (void)
{
  OtasukeSheetCheckSummary *summary = otasuke_sheet_check_summary_new ();

  summary->score = 62;
  summary->checked_at = T0 - 86400;
  g_ptr_array_add (summary->findings, g_strdup ("Google Chrome is out of date (127.0.6533.88)"));
  g_ptr_array_add (summary->findings, g_strdup ("ルーターの管理パスワードが初期設定のまま"));
  g_ptr_array_add (summary->browsers, g_strdup ("Google Chrome 127.0.6533.88"));
  g_ptr_array_add (summary->browsers, g_strdup ("Mozilla Firefox 128.3.0esr"));
  summary->router = g_strdup ("BUFFALO WHR-1166DHP2 Ver.2.90: affected by JVN#12824024");
  return summary;
}

/* Model */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_model_properties (void)
{
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();
  g_autofree char *company = NULL;
  g_auto(GStrv) services = NULL;
  const char * const list[] = { "Dropbox", "LINE WORKS", NULL };
  guint notified = 0;
  int police = -1;

  g_assert_true (otasuke_sheet_is_empty (sheet));
  g_assert_cmpint (otasuke_sheet_get_affected_devices (sheet), ==, -1);
  g_assert_cmpint (otasuke_sheet_get_police (sheet), ==, OTASUKE_SHEET_POLICE_UNANSWERED);
  g_assert_null (otasuke_sheet_get_cloud_services (sheet)[0]);

  g_signal_connect (sheet, "notify::company-name", G_CALLBACK (count_notify), &notified);
  g_object_set (sheet, "company-name", "さくら商店", NULL);
  g_object_set (sheet, "company-name", "さくら商店", NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (sheet, "company-name", &company, NULL);
  g_assert_cmpstr (company, ==, "さくら商店");
  g_assert_false (otasuke_sheet_is_empty (sheet));

  g_object_set (sheet, "cloud-services", list, "police", OTASUKE_SHEET_POLICE_YES,
                "affected-accounts", 4, NULL);
  g_object_get (sheet, "cloud-services", &services, "police", &police, NULL);
  g_assert_true (g_strv_equal ((const char * const *) services, list));
  g_assert_cmpint (police, ==, OTASUKE_SHEET_POLICE_YES);
  g_assert_cmpint (otasuke_sheet_get_affected_accounts (sheet), ==, 4);

  otasuke_sheet_set_affected_accounts (sheet, -7);
  g_assert_cmpint (otasuke_sheet_get_affected_accounts (sheet), ==, -1);
}

static void
count_signal (OtasukeSheet *sheet,
              gpointer      user_data)
{
  (*(guint *) user_data)++;
}

static void
test_timeline_sorted (void)
{
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();
  guint changed = 0;
  guint pos;

  g_signal_connect (sheet, "timeline-changed", G_CALLBACK (count_signal), &changed);

  g_assert_cmpuint (otasuke_sheet_add_event (sheet, 300, "c"), ==, 0);
  g_assert_cmpuint (otasuke_sheet_add_event (sheet, 100, "a"), ==, 0);
  g_assert_cmpuint (otasuke_sheet_add_event (sheet, 200, "b1"), ==, 1);
  /* Same time: after the one added earlier. */
  g_assert_cmpuint (otasuke_sheet_add_event (sheet, 200, "b2"), ==, 2);
  g_assert_cmpuint (otasuke_sheet_get_n_events (sheet), ==, 4);
  g_assert_cmpstr (otasuke_sheet_get_event (sheet, 0)->text, ==, "a");
  g_assert_cmpstr (otasuke_sheet_get_event (sheet, 1)->text, ==, "b1");
  g_assert_cmpstr (otasuke_sheet_get_event (sheet, 2)->text, ==, "b2");
  g_assert_cmpstr (otasuke_sheet_get_event (sheet, 3)->text, ==, "c");

  /* Editing the time moves the entry. */
  pos = otasuke_sheet_update_event (sheet, 0, 400, "a, later");
  g_assert_cmpuint (pos, ==, 3);
  g_assert_cmpstr (otasuke_sheet_get_event (sheet, 3)->text, ==, "a, later");
  g_assert_cmpint (otasuke_sheet_get_event (sheet, 0)->at, ==, 200);

  pos = otasuke_sheet_update_event (sheet, 1, 200, "b2 edited");
  g_assert_cmpuint (pos, ==, 1);
  g_assert_cmpstr (otasuke_sheet_get_event (sheet, 1)->text, ==, "b2 edited");

  otasuke_sheet_remove_event (sheet, 0);
  g_assert_cmpuint (otasuke_sheet_get_n_events (sheet), ==, 3);
  g_assert_cmpstr (otasuke_sheet_get_event (sheet, 0)->text, ==, "b2 edited");
  g_assert_cmpuint (changed, ==, 7);

  for (guint i = 1; i < otasuke_sheet_get_n_events (sheet); i++)
    g_assert_cmpint (otasuke_sheet_get_event (sheet, i - 1)->at, <=, otasuke_sheet_get_event (sheet, i)->at);
}

static void
write_chassis (const char *root,
               const char *value)
{
  g_autofree char *dir = g_build_filename (root, "sys", "class", "dmi", "id", NULL);
  g_autofree char *path = g_build_filename (dir, "chassis_type", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  g_file_set_contents (path, value, -1, &error);
  g_assert_no_error (error);
}

static void
test_device_kind (void)
{
  g_autofree char *root = make_tmp_dir ();
  const struct {
    const char *value;
    OtasukeDeviceKind kind;
  } cases[] = {
    { "3\n", OTASUKE_DEVICE_KIND_DESKTOP },
    { "7", OTASUKE_DEVICE_KIND_DESKTOP },
    { "24\n", OTASUKE_DEVICE_KIND_DESKTOP },
    { "9\n", OTASUKE_DEVICE_KIND_LAPTOP },
    { "10\n", OTASUKE_DEVICE_KIND_LAPTOP },
    { "14\n", OTASUKE_DEVICE_KIND_LAPTOP },
    { "30\n", OTASUKE_DEVICE_KIND_TABLET },
    { "31\n", OTASUKE_DEVICE_KIND_TABLET },
    { "17\n", OTASUKE_DEVICE_KIND_SERVER },
    { "23\n", OTASUKE_DEVICE_KIND_SERVER },
    { "1\n", OTASUKE_DEVICE_KIND_UNKNOWN },
    { "2\n", OTASUKE_DEVICE_KIND_UNKNOWN },
    { "laptop\n", OTASUKE_DEVICE_KIND_UNKNOWN },
    { "9x\n", OTASUKE_DEVICE_KIND_UNKNOWN },
    { "", OTASUKE_DEVICE_KIND_UNKNOWN },
  };

  g_assert_cmpint (otasuke_sheet_read_device_kind (root), ==, OTASUKE_DEVICE_KIND_UNKNOWN);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      write_chassis (root, cases[i].value);
      g_assert_cmpint (otasuke_sheet_read_device_kind (root), ==, cases[i].kind);
    }

  g_assert_nonnull (otasuke_device_kind_to_string (OTASUKE_DEVICE_KIND_LAPTOP));
  g_assert_null (otasuke_device_kind_to_string (OTASUKE_DEVICE_KIND_UNKNOWN));
}

static void
test_prefill_keeps_typed (void)
{
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();
  OtasukeSheetFields filled;
  guint detected_notified = 0;

  g_signal_connect (sheet, "notify::detected", G_CALLBACK (count_notify), &detected_notified);

  otasuke_sheet_set_device_type (sheet, "事務所のデスクトップ");
  otasuke_sheet_set_security_software (sheet, "   ");

  filled = otasuke_sheet_prefill (sheet, "Laptop computer", "Debian GNU/Linux 12 (x86_64)", "ESET");
  g_assert_cmpint (filled, ==, OTASUKE_SHEET_FIELD_OPERATING_SYSTEM | OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE);
  g_assert_cmpstr (otasuke_sheet_get_device_type (sheet), ==, "事務所のデスクトップ");
  g_assert_cmpstr (otasuke_sheet_get_operating_system (sheet), ==, "Debian GNU/Linux 12 (x86_64)");
  g_assert_cmpstr (otasuke_sheet_get_security_software (sheet), ==, "ESET");
  g_assert_false (otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_DEVICE_TYPE));
  g_assert_true (otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_OPERATING_SYSTEM));
  g_assert_true (otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE));
  g_assert_cmpuint (detected_notified, ==, 1);

  /* Once everything is filled, a second pre-fill changes nothing. */
  filled = otasuke_sheet_prefill (sheet, "Server", "Windows 11", "Defender");
  g_assert_cmpint (filled, ==, OTASUKE_SHEET_FIELD_NONE);
  g_assert_cmpstr (otasuke_sheet_get_operating_system (sheet), ==, "Debian GNU/Linux 12 (x86_64)");
  g_assert_cmpstr (otasuke_sheet_get_device_type (sheet), ==, "事務所のデスクトップ");

  /* Typing over a detected value makes it the user's. */
  otasuke_sheet_set_operating_system (sheet, "Debian 12、自分で入れた");
  g_assert_false (otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_OPERATING_SYSTEM));
  g_assert_cmpint (otasuke_sheet_get_detected (sheet), ==, OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE);

  /* Empty or missing detections are skipped. */
  otasuke_sheet_set_security_software (sheet, NULL);
  filled = otasuke_sheet_prefill (sheet, NULL, NULL, "");
  g_assert_cmpint (filled, ==, OTASUKE_SHEET_FIELD_NONE);
  g_assert_null (otasuke_sheet_get_security_software (sheet));
}

static void
test_prefill_detected (void)
{
  g_autofree char *root = make_tmp_dir ();
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();
  OtasukeOsInfo info = {
    .name = (char *) "Debian GNU/Linux",
    .pretty_name = (char *) "Debian GNU/Linux 12 (bookworm)",
    .architecture = (char *) "x86_64",
  };
  OtasukeSheetFields filled;

  write_chassis (root, "10\n");
  filled = otasuke_sheet_prefill_detected (sheet, root, &info, NULL);
  g_assert_cmpint (filled, ==, OTASUKE_SHEET_FIELD_DEVICE_TYPE | OTASUKE_SHEET_FIELD_OPERATING_SYSTEM);
  g_assert_cmpstr (otasuke_sheet_get_device_type (sheet), ==, "Laptop computer");
  g_assert_cmpstr (otasuke_sheet_get_operating_system (sheet), ==, "Debian GNU/Linux 12 (bookworm) (x86_64)");
  g_assert_null (otasuke_sheet_get_security_software (sheet));
}

static void
test_json_roundtrip (void)
{
  g_autoptr(OtasukeSheet) sheet = filled_sheet (5);
  g_autoptr(OtasukeSheet) copy = otasuke_sheet_new ();
  g_autoptr(OtasukeSheet) deep = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;

  otasuke_sheet_set_device_type (sheet, NULL);
  otasuke_sheet_prefill (sheet, "Desktop computer", NULL, NULL);
  json = otasuke_sheet_fields_to_json (sheet);

  g_assert_true (otasuke_sheet_fields_from_json (copy, json, &error));
  g_assert_no_error (error);
  json2 = otasuke_sheet_fields_to_json (copy);
  g_assert_cmpstr (json, ==, json2);
  g_assert_true (otasuke_sheet_is_detected (copy, OTASUKE_SHEET_FIELD_DEVICE_TYPE));
  g_assert_cmpuint (otasuke_sheet_get_n_events (copy), ==, 5);

  deep = otasuke_sheet_copy (sheet);
  g_clear_pointer (&json2, g_free);
  json2 = otasuke_sheet_fields_to_json (deep);
  g_assert_cmpstr (json, ==, json2);

  /* Damage: wrong shapes are skipped, not fatal; unsorted entries are sorted. */
  g_assert_true (otasuke_sheet_fields_from_json (copy,
                                                 "{\"company_name\": 5, \"cloud_services\": [1, \"A\"],"
                                                 " \"timeline\": [{\"at\": 9, \"text\": \"late\"}, {\"text\": \"no time\"},"
                                                 " {\"at\": 1, \"text\": \"early\"}], \"police\": \"maybe\","
                                                 " \"affected_devices\": -5, \"future_field\": {}}", &error));
  g_assert_no_error (error);
  g_assert_null (otasuke_sheet_get_company_name (copy));
  g_assert_cmpstr (otasuke_sheet_get_cloud_services (copy)[0], ==, "A");
  g_assert_cmpuint (otasuke_sheet_get_n_events (copy), ==, 2);
  g_assert_cmpstr (otasuke_sheet_get_event (copy, 0)->text, ==, "early");
  g_assert_cmpint (otasuke_sheet_get_police (copy), ==, OTASUKE_SHEET_POLICE_UNANSWERED);
  g_assert_cmpint (otasuke_sheet_get_affected_devices (copy), ==, -1);
  g_assert_cmpint (otasuke_sheet_get_detected (copy), ==, OTASUKE_SHEET_FIELD_NONE);

  g_assert_false (otasuke_sheet_fields_from_json (copy, "[1, 2]", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (otasuke_sheet_fields_from_json (copy, "{", &error));
  g_assert_nonnull (error);
}

/* Storage */

static OtasukeStore *
open_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "otasuke.db", NULL);
  g_autoptr(GError) error = NULL;
  OtasukeStore *store = otasuke_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_store_roundtrip (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(OtasukeStore) store = open_store (dir);
  g_autoptr(OtasukeSheet) sheet = filled_sheet (12);
  g_autoptr(OtasukeSheet) other = otasuke_sheet_new ();
  g_autoptr(OtasukeSheet) loaded = NULL;
  g_autoptr(OtasukeSheet) latest = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *loaded_json = NULL;
  gint64 id;

  g_assert_null (otasuke_store_load_latest_sheet (store, &error));
  g_assert_no_error (error);
  list = otasuke_store_list_sheets (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (otasuke_store_save_sheet (store, sheet, 1000, &error));
  g_assert_no_error (error);
  id = otasuke_sheet_get_id (sheet);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (otasuke_sheet_get_created_at (sheet), ==, 1000);
  g_assert_cmpint (otasuke_sheet_get_updated_at (sheet), ==, 1000);

  otasuke_sheet_set_title (other, "下書き2");
  g_assert_true (otasuke_store_save_sheet (store, other, 2000, &error));
  g_assert_cmpint (otasuke_sheet_get_id (other), !=, id);

  /* An update keeps the id and the creation date. */
  otasuke_sheet_set_contact_person (sheet, "田中 一郎");
  otasuke_sheet_add_event (sheet, T0 + 999999, "最後の出来事");
  g_assert_true (otasuke_store_save_sheet (store, sheet, 3000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (otasuke_sheet_get_id (sheet), ==, id);
  g_assert_cmpint (otasuke_sheet_get_created_at (sheet), ==, 1000);
  g_assert_cmpint (otasuke_sheet_get_updated_at (sheet), ==, 3000);

  loaded = otasuke_store_load_sheet (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (otasuke_sheet_get_title (loaded), ==, "経理用パソコンの不審な動き");
  g_assert_cmpint (otasuke_sheet_get_created_at (loaded), ==, 1000);
  g_assert_cmpint (otasuke_sheet_get_updated_at (loaded), ==, 3000);
  g_assert_cmpstr (otasuke_sheet_get_contact_person (loaded), ==, "田中 一郎");
  g_assert_cmpuint (otasuke_sheet_get_n_events (loaded), ==, 13);
  json = otasuke_sheet_fields_to_json (sheet);
  loaded_json = otasuke_sheet_fields_to_json (loaded);
  g_assert_cmpstr (json, ==, loaded_json);

  list = otasuke_store_list_sheets (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((OtasukeSheetInfo *) list->pdata[0])->id, ==, id);
  g_assert_cmpint (((OtasukeSheetInfo *) list->pdata[0])->updated_at, ==, 3000);
  g_assert_cmpstr (((OtasukeSheetInfo *) list->pdata[1])->title, ==, "下書き2");
  g_clear_pointer (&list, g_ptr_array_unref);

  latest = otasuke_store_load_latest_sheet (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (otasuke_sheet_get_id (latest), ==, id);

  g_assert_true (otasuke_store_delete_sheet (store, id, &error));
  g_assert_no_error (error);
  g_assert_null (otasuke_store_load_sheet (store, id, &error));
  g_assert_no_error (error);
  g_assert_true (otasuke_store_delete_sheet (store, id, &error));
  g_assert_no_error (error);
  list = otasuke_store_list_sheets (store, &error);
  g_assert_cmpuint (list->len, ==, 1);

  /* Saving a sheet whose row was deleted brings it back under its id. */
  g_assert_true (otasuke_store_save_sheet (store, sheet, 4000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (otasuke_sheet_get_id (sheet), ==, id);

  g_assert_true (otasuke_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

typedef struct {
  GMainLoop *loop;
  GAsyncResult *result;
} AsyncWait;

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
async_wait (AsyncWait *wait)
{
  g_main_loop_run (wait->loop);
  return wait->result;
}

static void
test_store_async (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(OtasukeStore) store = open_store (dir);
  g_autoptr(OtasukeSheet) sheet = filled_sheet (3);
  g_autoptr(OtasukeSheet) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { loop, NULL };

  otasuke_store_save_sheet_async (store, sheet, 5000, NULL, async_done, &wait);
  g_assert_true (otasuke_store_save_sheet_finish (store, async_wait (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpint (otasuke_sheet_get_id (sheet), >, 0);
  g_assert_cmpint (otasuke_sheet_get_updated_at (sheet), ==, 5000);

  otasuke_store_list_sheets_async (store, NULL, async_done, &wait);
  list = otasuke_store_list_sheets_finish (store, async_wait (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpuint (list->len, ==, 1);

  otasuke_store_load_sheet_async (store, 0, NULL, async_done, &wait);
  loaded = otasuke_store_load_sheet_finish (store, async_wait (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpstr (otasuke_sheet_get_company_name (loaded), ==, "株式会社さくら印刷");

  otasuke_store_delete_sheet_async (store, otasuke_sheet_get_id (sheet), NULL, async_done, &wait);
  g_assert_true (otasuke_store_delete_sheet_finish (store, async_wait (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  otasuke_store_load_sheet_async (store, otasuke_sheet_get_id (sheet), NULL, async_done, &wait);
  g_assert_null (otasuke_store_load_sheet_finish (store, async_wait (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
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
test_store_migration (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "otasuke.db", NULL);
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, SCHEMA_V3
                                 "INSERT INTO check_runs (id, started_at, finished_at, score, checklist_version) "
                                 "VALUES (7, 1000, 2000, 80, '2024.1');"
                                 "INSERT INTO check_answers VALUES (7, 'backup', 4);"
                                 "INSERT INTO advisories VALUES ('a1', 'bundled', '{}', 2, 1500);"
                                 "INSERT INTO advisory_state VALUES ('a1', 1500, 1600, NULL);"
                                 "INSERT INTO meta VALUES ('kept', 'yes');"
                                 "PRAGMA user_version = 3;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (otasuke_store_get_recovered_path (store));
  g_assert_cmpuint (otasuke_store_get_user_version (store), >=, 4);

  otasuke_sheet_set_title (sheet, "移行後");
  g_assert_true (otasuke_store_save_sheet (store, sheet, 3000, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (raw_query_int (db, "PRAGMA user_version"), >=, 4);
  g_assert_cmpint (raw_query_int (db, "SELECT score FROM check_runs WHERE id = 7"), ==, 80);
  g_assert_cmpint (raw_query_int (db, "SELECT answer FROM check_answers WHERE run_id = 7"), ==, 4);
  g_assert_cmpint (raw_query_int (db, "SELECT read_at FROM advisory_state WHERE id = 'a1'"), ==, 1600);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM meta WHERE value = 'yes'"), ==, 1);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM sheets WHERE title = '移行後'"), ==, 1);
  sqlite3_close (db);
}

/* Rendering */

static void
test_sanitize (void)
{
  const struct {
    const char *in;
    gboolean multiline;
    const char *out;
  } cases[] = {
    { "plain", FALSE, "plain" },
    { "  trimmed\t \n", TRUE, "trimmed" },
    { "a\tb", FALSE, "a b" },
    { "line1\r\nline2\rline3", TRUE, "line1\nline2\nline3" },
    { "line1\nline2", FALSE, "line1 line2" },
    { "a\n\n\n\n\nb", TRUE, "a\n\nb" },
    { "bell\a esc\033[31m red", FALSE, "bell esc[31m red" },
    { "del\x7f c1\xc2\x85x\xc2\x9b", TRUE, "del c1\nx" },
    { "abc\xe2\x80\xae" "cba\xe2\x80\xac ok", FALSE, "abccba ok" },
    { "\xe2\x81\xa6iso\xe2\x81\xa9 \xe2\x80\x8fm", FALSE, "iso m" },
    { "bad \xff utf8", FALSE, "bad \xef\xbf\xbd utf8" },
    { "\xe3\x80\x80全角\xe3\x80\x80", FALSE, "全角" },
    { NULL, FALSE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = otasuke_sheet_sanitize_text (cases[i].in, cases[i].multiline);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_summary_json (void)
{
  g_autoptr(OtasukeSheetCheckSummary) summary = NULL;
  g_autoptr(OtasukeSheetCheckSummary) copy = NULL;
  g_autoptr(GError) error = NULL;

  summary = otasuke_sheet_check_summary_from_json ("{\"score\": 72, \"checked_at\": 1700000000,"
                                                   " \"findings\": [\"Back up offline\", 3],"
                                                   " \"browsers\": [{\"name\": \"Firefox\", \"version\": \"128.0\"}, \"Chrome 128\"],"
                                                   " \"router\": \"Not affected\", \"extra\": true}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->score, ==, 72);
  g_assert_null (summary->band);
  g_assert_cmpint (summary->checked_at, ==, 1700000000);
  g_assert_cmpuint (summary->findings->len, ==, 1);
  g_assert_cmpuint (summary->browsers->len, ==, 2);
  g_assert_cmpstr (summary->browsers->pdata[0], ==, "Firefox 128.0");
  g_assert_cmpstr (summary->router, ==, "Not affected");

  copy = otasuke_sheet_check_summary_copy (summary);
  g_assert_cmpstr (copy->browsers->pdata[1], ==, "Chrome 128");
  g_clear_pointer (&summary, otasuke_sheet_check_summary_free);

  summary = otasuke_sheet_check_summary_from_json ("{\"score\": 500}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->score, ==, OTASUKE_SHEET_NO_SCORE);
  g_assert_null (otasuke_sheet_check_summary_from_json ("\"text\"", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  g_assert_cmpstr (otasuke_sheet_score_band (100), ==, "Entry level reached");
  g_assert_cmpstr (otasuke_sheet_score_band (70), ==, "Some gaps remain");
  g_assert_nonnull (otasuke_sheet_score_band (-3));
  g_assert_null (otasuke_sheet_score_band (101));
}

static void
test_pdf_long_timeline (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autoptr(OtasukeSheet) sheet = filled_sheet (60);
  g_autoptr(OtasukeSheetCheckSummary) summary = sample_summary ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *page_mark = NULL;
  guint pages;

  require_poppler ();

  otasuke_sheet_set_security_software (sheet, NULL);
  otasuke_sheet_prefill (sheet, NULL, NULL, "Microsoft Defender ウイルス対策");

  g_assert_true (otasuke_sheet_write_pdf (sheet, summary, NULL, now, path, &error));
  g_assert_no_error (error);
  assert_mode_0600 (path);

  pages = pdf_pages (path);
  g_assert_cmpuint (pages, >, 1);
  g_assert_cmpuint (pages, <, 12);

  text = test_pdf_text (path, FALSE);
  /* Headings, in the order they are printed. */
  g_assert_true (strstr (text, "Information Security Consultation Sheet") != NULL);
  test_assert_text_has (text, "Who is asking");
  test_assert_text_has (text, "What happened, in order");
  test_assert_text_has (text, "Why you suspect malware or unauthorised access");
  test_assert_text_has (text, "Latest check on this computer");
  test_assert_text_has (text, "Where to get help");
  /* The user's text, Japanese included. */
  test_assert_text_has (text, "株式会社さくら印刷");
  test_assert_text_has (text, "経理用パソコンの不審な動き");
  test_assert_text_has (text, "Microsoft Defender ウイルス対策");
  test_assert_text_has (text, "Filled in by Otasuke");
  test_assert_text_has (text, "見覚えのない送信済みメールが大量に増えた。");
  test_assert_text_has (text, "出来事0：画面に見慣れない警告が表示された");
  test_assert_text_has (text, "出来事58：画面に見慣れない警告が表示された");
  test_assert_text_has (text, "念のためネットワークケーブルを抜き、ほかのパソコンも確認した。");
  test_assert_text_has (text, "62 of 100");
  test_assert_text_has (text, "Google Chrome 127.0.6533.88");
  test_assert_text_has (text, "WHR-1166DHP2");
  test_assert_text_has (text, "■ Not yet");
  /* The bundled desks. */
  test_assert_text_has (text, "03-5978-7509");
  test_assert_text_has (text, "anshin@ipa.go.jp");
  test_assert_text_has (text, "cs-support@ipa.go.jp");
  test_assert_text_has (text, "https://www.sakura-cci.or.jp");
  test_assert_text_has (text, "3 MB");
  /* Header and footer on every page. */
  page_mark = g_strdup_printf ("Page %u of %u", pages, pages);
  test_assert_text_has (text, page_mark);
  test_assert_text_has (text, "Page 1 of");
  {
    g_auto(GStrv) parts = g_strsplit (text, "経理用パソコンの不審な動き", -1);

    g_assert_cmpuint (g_strv_length (parts) - 1, >=, pages);
  }

  /* The timeline is in time order: entry 59 is the earliest. */
  g_assert_true (strstr (text, "出来事59") < strstr (text, "出来事0："));

  check_pages_png (path, "long-timeline", pages);
}

static void
test_pdf_hostile_text (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "hostile.pdf", NULL);
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_word = g_string_new ("http://");
  g_autoptr(GString) many_lines = g_string_new (NULL);
  g_autofree char *text = NULL;
  const char * const services[] = { "Drop\xe2\x80\xae" "box", "<b>bold</b> &amp;", NULL };
  guint pages;

  require_poppler ();

  for (guint i = 0; i < 400; i++)
    g_string_append_c (long_word, "abcdefghij"[i % 10]);
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (many_lines, "行%u\n\n\n\n", i);

  otasuke_sheet_set_title (sheet, "\xe2\x80\xae" "evil title\xe2\x80\xac\n\n\n\n\nsecond");
  otasuke_sheet_set_company_name (sheet, "ACME\033[2J\a\b\f株式会社\xe2\x81\xa6ISO\xe2\x81\xa9");
  otasuke_sheet_set_contact_person (sheet, long_word->str);
  otasuke_sheet_set_cloud_services (sheet, services);
  otasuke_sheet_set_suspicion (sheet, many_lines->str);
  otasuke_sheet_add_event (sheet, T0, "\xe2\x80\xad\xe2\x80\xad\xe2\x80\xadRLO overflow\xe2\x80\xae\xe2\x80\xae");
  otasuke_sheet_add_event (sheet, T0 + 60, "\x01\x02\x03\x04\x05\x06");

  g_assert_true (otasuke_sheet_write_pdf (sheet, NULL, NULL, now, path, &error));
  g_assert_no_error (error);
  assert_mode_0600 (path);

  pages = pdf_pages (path);
  g_assert_cmpuint (pages, >=, 2);
  g_assert_cmpuint (pages, <=, 10);

  text = test_pdf_text (path, FALSE);
  test_assert_text_has (text, "evil title second");
  test_assert_text_has (text, "ACME[2J株式会社ISO");
  test_assert_text_has (text, "Dropbox");
  test_assert_text_has (text, "<b>bold</b> &amp;");
  test_assert_text_has (text, "RLO overflow");
  test_assert_text_has (text, "行0");
  test_assert_text_has (text, "行149");
  test_assert_text_has (text, long_word->str + 200);
  g_assert_null (strstr (text, "\xe2\x80\xae"));
  g_assert_null (strstr (text, "\xe2\x81\xa6"));
  g_assert_null (strstr (text, "\033"));
  test_assert_text_has (text, "No check has been done on this computer yet.");

  check_pages_png (path, "hostile-text", pages);
}

static void
test_pdf_empty_and_contacts (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.pdf", NULL);
  g_autofree char *path2 = g_build_filename (dir, "contacts.pdf", NULL);
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;

  require_poppler ();

  g_assert_true (otasuke_sheet_write_pdf (sheet, NULL, NULL, now, path, &error));
  g_assert_no_error (error);
  text = test_pdf_text (path, FALSE);
  test_assert_text_has (text, "Company name");
  test_assert_text_has (text, "Cloud services used");
  test_assert_text_has (text, "Date and time");
  test_assert_text_has (text, "□ Yes");
  test_assert_text_has (text, "No check has been done");
  test_assert_text_has (text, "Printed on 2025-03-13");
  test_assert_text_has (text, "IPA Information Security Safety Consultation Desk");
  check_pages_png (path, "empty", pdf_pages (path));

  contacts = otasuke_feed_contacts_from_json ("[{\"name\": \"さくら相談窓口\", \"phone\": \"0120-000-000\","
                                              " \"email\": \"help@example.jp\", \"url\": \"https://example.jp/help\","
                                              " \"notes\": \"平日のみ\\u202e受付\"}]", &error);
  g_assert_no_error (error);
  g_assert_true (otasuke_sheet_write_pdf (sheet, NULL, contacts, now, path2, &error));
  g_assert_no_error (error);
  text2 = test_pdf_text (path2, FALSE);
  test_assert_text_has (text2, "さくら相談窓口");
  test_assert_text_has (text2, "0120-000-000");
  test_assert_text_has (text2, "https://example.jp/help");
  test_assert_text_has (text2, "平日のみ受付");
  test_assert_text_has (text2, "3 MB");
  g_assert_null (strstr (text2, "anshin@ipa.go.jp"));
}

/* Issue #11: a desk can act on the sheet — how to reach the person, what they
 * want to ask and the state of the machine travel through JSON, the PDF and
 * the text; the desk for who is asking comes first. */
static void
test_pdf_contact_question (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "contact.pdf", NULL);
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();
  g_autoptr(OtasukeSheet) copy = otasuke_sheet_new ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *individual = NULL;
  const char *help;

  require_poppler ();

  otasuke_sheet_set_contact_person (sheet, "山田 花子");
  otasuke_sheet_set_phone (sheet, "03-0000-1234");
  otasuke_sheet_set_email (sheet, "hanako@example.jp");
  otasuke_sheet_set_question (sheet, "共有フォルダのファイルが開けなくなった。身代金の要求が表示されている。");
  otasuke_sheet_set_machine (sheet, OTASUKE_SHEET_MACHINE_DISCONNECTED);
  g_assert_false (otasuke_sheet_is_empty (sheet));

  json = otasuke_sheet_fields_to_json (sheet);
  g_assert_true (otasuke_sheet_fields_from_json (copy, json, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (otasuke_sheet_get_phone (copy), ==, "03-0000-1234");
  g_assert_cmpstr (otasuke_sheet_get_email (copy), ==, "hanako@example.jp");
  g_assert_cmpstr (otasuke_sheet_get_question (copy), ==, otasuke_sheet_get_question (sheet));
  g_assert_cmpint (otasuke_sheet_get_machine (copy), ==, OTASUKE_SHEET_MACHINE_DISCONNECTED);
  g_assert_true (otasuke_sheet_fields_from_json (copy, "{\"machine\": \"exploded\"}", &error));
  g_assert_cmpint (otasuke_sheet_get_machine (copy), ==, OTASUKE_SHEET_MACHINE_UNANSWERED);

  /* An individual: the 安心相談窓口 by phone comes first. */
  individual = otasuke_sheet_render_text (sheet, NULL, NULL, now, 72);
  help = strstr (individual, "Where to get help");
  g_assert_nonnull (help);
  g_assert_true (strstr (help, "Safety Consultation Desk") <
                 strstr (help, "Companies and Organisations"));

  /* A company: IPA's desk for companies, by mail, comes first. */
  otasuke_sheet_set_company_name (sheet, "さくら商事");
  g_assert_true (otasuke_sheet_write_pdf (sheet, NULL, NULL, now, path, &error));
  g_assert_no_error (error);
  text = test_pdf_text (path, FALSE);
  test_assert_text_has (text, "03-0000-1234");
  test_assert_text_has (text, "hanako@example.jp");
  test_assert_text_has (text, "What you want to ask");
  test_assert_text_has (text, "身代金の要求");
  test_assert_text_has (text, "State of the machine now");
  test_assert_text_has (text, "■ Switched on, taken off the network");
  test_assert_text_has (text, "□ Powered off");
  help = strstr (text, "Where to get help");
  g_assert_nonnull (help);
  g_assert_nonnull (strstr (help, "cs-support@ipa.go.jp"));
  g_assert_true (strstr (help, "cs-support@ipa.go.jp") < strstr (help, "03-5978-7509"));
  check_pages_png (path, "contact", pdf_pages (path));

  plain = otasuke_sheet_render_text (sheet, NULL, NULL, now, 72);
  test_assert_text_has (plain, "hanako@example.jp");
  test_assert_text_has (plain, "身代金の要求");
  help = strstr (plain, "Where to get help");
  g_assert_true (strstr (help, "Companies and Organisations") <
                 strstr (help, "Safety Consultation Desk"));
}

static void
test_text_export (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sheet.txt", NULL);
  g_autoptr(OtasukeSheet) sheet = filled_sheet (4);
  g_autoptr(OtasukeSheet) empty = otasuke_sheet_new ();
  g_autoptr(OtasukeSheetCheckSummary) summary = sample_summary ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;
  g_autofree char *empty_text = NULL;
  g_auto(GStrv) lines = NULL;

  text = otasuke_sheet_render_text (sheet, summary, NULL, now, 72);
  g_test_message ("%s", text);

  test_assert_text_has (text, "経理用パソコンの不審な動き");
  test_assert_text_has (text, "Company name: 株式会社さくら印刷");
  test_assert_text_has (text, "Contact person: 佐藤 花子（総務部）");
  test_assert_text_has (text, "Device type: ノートパソコン");
  test_assert_text_has (text, "Operating system: Windows 11 Pro 23H2");
  test_assert_text_has (text, "Security software: ウイルスバスター クラウド");
  test_assert_text_has (text, "Microsoft 365");
  test_assert_text_has (text, "Google ドライブ");
  test_assert_text_has (text, "freee会計");
  test_assert_text_has (text, "Affected devices: 2");
  test_assert_text_has (text, "Affected accounts: 3");
  test_assert_text_has (text, "2025-03-10 09:30");
  test_assert_text_has (text, "出来事3：取引先から「先日のメールは送っていない」と電話があった。");
  test_assert_text_has (text, "見覚えのない送信済みメールが大量に増えた。");
  test_assert_text_has (text, "契約しているパソコン販売店のサポート窓口");
  test_assert_text_has (text, "Police contacted: □ Yes　　□ No　　■ Not yet");
  test_assert_text_has (text, "62 of 100");
  test_assert_text_has (text, "Mozilla Firefox 128.3.0esr");
  test_assert_text_has (text, "ルーターの管理パスワードが初期設定のまま");
  test_assert_text_has (text, "anshin@ipa.go.jp");
  test_assert_text_has (text, "03-5978-7509");
  test_assert_text_has (text, "3 MB");
  g_assert_null (strstr (text, "<"));

  /* Wrapped: no line wider than 72 columns. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint width = 0;

      for (const char *p = lines[i]; *p != '\0'; p = g_utf8_next_char (p))
        width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
      if (width > 72)
        g_error ("Line %u is %u columns wide: %s", i, width, lines[i]);
      g_assert_false (g_str_has_prefix (lines[i], "。"));
    }

  g_assert_true (otasuke_sheet_write_text (sheet, summary, NULL, now, path, &error));
  g_assert_no_error (error);
  assert_mode_0600 (path);
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, text);

  empty_text = otasuke_sheet_render_text (empty, NULL, NULL, now, 72);
  test_assert_text_has (empty_text, "Company name: ______");
  test_assert_text_has (empty_text, "No check has been done");
}

static void
test_write_async (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "async.pdf", NULL);
  g_autoptr(OtasukeSheet) sheet = filled_sheet (10);
  g_autoptr(OtasukeSheetCheckSummary) summary = sample_summary ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  AsyncWait wait = { loop, NULL };
  gsize length = 0;

  otasuke_sheet_write_pdf_async (sheet, summary, NULL, path, NULL, async_done, &wait);
  /* The job works on copies: changing the sheet now does not race. */
  otasuke_sheet_set_company_name (sheet, "changed");
  g_assert_true (otasuke_sheet_write_pdf_finish (async_wait (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  assert_mode_0600 (path);
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
}

static void
test_cli_export (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "cli.pdf", NULL);
  g_autoptr(OtasukeStore) store = open_store (dir);
  g_autoptr(OtasukeSheet) first = otasuke_sheet_new ();
  g_autoptr(OtasukeSheet) second = otasuke_sheet_new ();
  g_autoptr(GError) error = NULL;

  require_poppler ();

  /* No draft yet: an empty sheet with its headings. */
  g_assert_true (otasuke_sheet_export_pdf_for_cli (store, 0, path, &error));
  g_assert_no_error (error);
  assert_mode_0600 (path);
  {
    g_autofree char *text = test_pdf_text (path, FALSE);

    test_assert_text_has (text, "Company name");
  }

  otasuke_sheet_set_company_name (first, "First Draft KK");
  g_assert_true (otasuke_store_save_sheet (store, first, 100, &error));
  otasuke_sheet_set_company_name (second, "Second Draft KK");
  g_assert_true (otasuke_store_save_sheet (store, second, 200, &error));
  g_assert_no_error (error);
  g_assert_cmpint (otasuke_store_add_check_run (store, 10, 20, 55, "2024.1", &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (otasuke_sheet_export_pdf_for_cli (store, 0, path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = test_pdf_text (path, FALSE);

    test_assert_text_has (text, "Second Draft KK");
    test_assert_text_has (text, "55 of 100");
  }

  g_assert_true (otasuke_sheet_export_pdf_for_cli (store, otasuke_sheet_get_id (first), path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = test_pdf_text (path, FALSE);

    test_assert_text_has (text, "First Draft KK");
  }

  g_assert_false (otasuke_sheet_export_pdf_for_cli (store, 9999, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* A finished run: everything done but ipa-03 (not done) and ipa-20 (partly). */
static gint64
save_run (OtasukeStore     *store,
          OtasukeChecklist *checklist,
          gint64            finished_at,
          const char       *probe_json,
          const char       *router_model,
          const char       *router_firmware,
          gboolean          finish)
{
  g_autoptr(OtasukeCheckRun) run = otasuke_check_run_new (otasuke_checklist_get_version (checklist), finished_at - 600);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (checklist, i);
      OtasukeAnswer answer = g_str_equal (item->id, "ipa-03") ? OTASUKE_ANSWER_NOT_DONE
                             : g_str_equal (item->id, "ipa-20") ? OTASUKE_ANSWER_PARTLY
                             : OTASUKE_ANSWER_DONE;

      otasuke_check_run_set_answer (run, item->id, answer, FALSE);
    }
  otasuke_check_run_set_probe_json (run, probe_json);
  otasuke_check_run_set_router (run, router_model, router_firmware);
  if (finish)
    otasuke_check_run_finish (run, checklist, finished_at);
  g_assert_true (otasuke_store_save_check_run (store, run, finished_at, &error));
  g_assert_no_error (error);
  return otasuke_check_run_get_id (run);
}

static gboolean
has_string (GPtrArray  *strings,
            const char *prefix)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (strings, i), prefix))
      return TRUE;
  return FALSE;
}

/* The one summary every output prints: the latest FINISHED run, whole. */
static void
test_summary_from_store (void)
{
  static const char probe_json[] =
    "{\"browsers\": [{\"id\": \"chrome\", \"name\": \"Google Chrome\", \"version\": \"127.0.6533.88\"},"
    " {\"id\": \"firefox\", \"name\": \"Mozilla Firefox\", \"version\": \"128.3.0esr\"}]}";
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "latest.pdf", NULL);
  g_autoptr(OtasukeStore) store = open_store (dir);
  g_autoptr(OtasukeChecklist) checklist = NULL;
  g_autoptr(OtasukeRouterTable) table = NULL;
  g_autoptr(OtasukeSheetCheckSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  checklist = otasuke_checklist_new_from_resource (&error);
  g_assert_no_error (error);
  table = otasuke_router_table_new_from_resource (&error);
  g_assert_no_error (error);

  /* Nothing finished yet: no summary, no error (the sheet says "no check yet"). */
  summary = otasuke_sheet_check_summary_load (store, checklist, table, &error);
  g_assert_no_error (error);
  g_assert_null (summary);
  save_run (store, checklist, now - 60, probe_json, NULL, NULL, FALSE);
  summary = otasuke_sheet_check_summary_load (store, checklist, table, &error);
  g_assert_no_error (error);
  g_assert_null (summary);

  /* An older finished run, then the latest, then an unfinished one after it. */
  save_run (store, checklist, now - 86400 * 30, NULL, NULL, NULL, TRUE);
  save_run (store, checklist, now - 3600, probe_json, "WSR-1166DHP3", "1.16", TRUE);
  save_run (store, checklist, now - 10, NULL, "WHR-1166DHP2", "9.99", FALSE);

  summary = otasuke_sheet_check_summary_load (store, checklist, table, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  /* (23 × 4 + 0 + 2) = 94 */
  g_assert_cmpint (summary->score, ==, 94);
  g_assert_cmpstr (summary->band, ==, otasuke_score_band_get_title (OTASUKE_SCORE_BAND_SOME_GAPS));
  g_assert_cmpint (summary->checked_at, ==, now - 3600);
  g_assert_cmpuint (summary->browsers->len, ==, 2);
  g_assert_cmpstr (summary->browsers->pdata[0], ==, "Google Chrome 127.0.6533.88");
  g_assert_cmpstr (summary->browsers->pdata[1], ==, "Mozilla Firefox 128.3.0esr");
  g_assert_nonnull (summary->router);
  g_test_message ("router: %s", summary->router);
  test_assert_text_has (summary->router, "WSR-1166DHP3");
  test_assert_text_has (summary->router, "1.16");
  test_assert_text_has (summary->router, "This router is affected by a known problem");
  /* What to fix first: the two answers short of done, questions as asked. */
  g_assert_cmpuint (summary->findings->len, >=, 2);
  g_assert_true (has_string (summary->findings, otasuke_checklist_lookup (checklist, "ipa-03")->question));
  g_assert_true (has_string (summary->findings, otasuke_checklist_lookup (checklist, "ipa-20")->question));

  /* The command line prints the same, from the bundled data. */
  g_assert_true (otasuke_sheet_export_pdf_for_cli (store, 0, path, &error));
  g_assert_no_error (error);
  {
    /* pdftotext is a hard dependency of the tests (pdf_text fails without it). */
    g_autofree char *text = test_pdf_text (path, FALSE);

    test_assert_text_has (text, "94 of 100");
    test_assert_text_has (text, "Google Chrome 127.0.6533.88");
    test_assert_text_has (text, "WSR-1166DHP3");
    test_assert_text_has (text, otasuke_checklist_lookup (checklist, "ipa-20")->question);
  }
}

/* A router saved as it was typed before the check kept the table's spelling:
 * the sheet shows the table's. */
static void
test_summary_router_spelling (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(OtasukeStore) store = open_store (dir);
  g_autoptr(OtasukeChecklist) checklist = NULL;
  g_autoptr(OtasukeSheetCheckSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  checklist = otasuke_checklist_new_from_resource (&error);
  g_assert_no_error (error);
  save_run (store, checklist, now - 60, NULL, "ａｔｅｒｍ ｗｇ２６００ｈｓ", "1.5.2", TRUE);

  summary = otasuke_sheet_check_summary_load (store, checklist, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_test_message ("router: %s", summary->router);
  g_assert_true (g_str_has_prefix (summary->router, "WG2600HS, firmware 1.5.2"));
  g_assert_null (strstr (summary->router, "ｗｇ"));
}

/* Compiled into this program from resources/ (tests/meson.build), as in the application. */
void otasuke_register_resource (void);

int
main (int   argc,
      char *argv[])
{
  /* English headings (the msgids) and predictable dates. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  otasuke_register_resource ();

  g_test_add_func ("/sheet/model/properties", test_model_properties);
  g_test_add_func ("/sheet/model/timeline-sorted", test_timeline_sorted);
  g_test_add_func ("/sheet/model/json", test_json_roundtrip);
  g_test_add_func ("/sheet/prefill/device-kind", test_device_kind);
  g_test_add_func ("/sheet/prefill/keeps-typed", test_prefill_keeps_typed);
  g_test_add_func ("/sheet/prefill/detected", test_prefill_detected);
  g_test_add_func ("/sheet/store/roundtrip", test_store_roundtrip);
  g_test_add_func ("/sheet/store/async", test_store_async);
  g_test_add_func ("/sheet/store/migration", test_store_migration);
  g_test_add_func ("/sheet/render/sanitize", test_sanitize);
  g_test_add_func ("/sheet/render/summary-json", test_summary_json);
  g_test_add_func ("/sheet/render/pdf-long-timeline", test_pdf_long_timeline);
  g_test_add_func ("/sheet/render/pdf-hostile-text", test_pdf_hostile_text);
  g_test_add_func ("/sheet/render/pdf-empty-and-contacts", test_pdf_empty_and_contacts);
  g_test_add_func ("/sheet/render/text", test_text_export);
  g_test_add_func ("/sheet/render/contact-question", test_pdf_contact_question);
  g_test_add_func ("/sheet/render/async", test_write_async);
  g_test_add_func ("/sheet/render/cli", test_cli_export);
  g_test_add_func ("/sheet/summary/from-store", test_summary_from_store);
  g_test_add_func ("/sheet/summary/router-spelling", test_summary_router_spelling);

  return g_test_run ();
}
