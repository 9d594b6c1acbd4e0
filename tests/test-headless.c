/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-headless"

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <string.h>
#include <unistd.h>

#include "otasuke-json.h"
#include "otasuke-minisign.h"
#include "otasuke-store.h"
#include "otasuke-store-action.h"
#include "otasuke-store-runs.h"
#include "test-server.h"
#include "test-util.h"

/* `otasuke --fetch-feed` as a script or a cron job would run it: no display,
 * one line of output, exit 0 when a feed was accepted or nothing changed,
 * 1 when it was refused or the fetch failed. */

typedef struct {
  OtasukeTestServer *server;
  char              *root;
  char              *secret_key;
  char              *key_line;
} Fixture;

static void
write_settings (Fixture    *fixture,
                const char *trusted_key)
{
  g_autofree char *dir = g_build_filename (fixture->root, "config", "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  contents = g_strdup_printf ("[jp/or/sakura_cci/Otasuke]\ntrusted-keys=[%s%s%s]\n",
                              trusted_key ? "'" : "", trusted_key ? trusted_key : "", trusted_key ? "'" : "");
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *public_key = NULL;
  g_autoptr(OtasukeMinisignKey) key = NULL;
  g_autoptr(GError) error = NULL;

  fixture->server = otasuke_test_server_new ();
  fixture->root = g_dir_make_tmp ("otasuke-headless-XXXXXX", &error);
  g_assert_no_error (error);
  otasuke_minisign_keygen (&public_key, &fixture->secret_key);
  key = otasuke_minisign_key_new_from_file_contents (public_key, strlen (public_key), &error);
  g_assert_no_error (error);
  fixture->key_line = otasuke_minisign_key_get_base64 (key);
  write_settings (fixture, fixture->key_line);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSubprocess) rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", fixture->root, NULL);

  g_subprocess_wait (rm, NULL, NULL);
  g_clear_pointer (&fixture->server, otasuke_test_server_free);
  g_free (fixture->root);
  g_free (fixture->secret_key);
  g_free (fixture->key_line);
}

/* Serves feed number @sequence, with @title as its first advisory's title. */
static void
serve_feed_titled (Fixture    *fixture,
                   gint64      sequence,
                   gboolean    signed_by_us,
                   const char *title)
{
  g_autofree char *feed = g_strdup_printf (
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",\"_otasuke\":{\"schema\":1,"
    "\"sequence\":%" G_GINT64_FORMAT ",\"generated\":\"2026-01-01T00:00:00Z\",\"expires\":\"2099-01-01T00:00:00Z\"},"
    "\"items\":[{\"id\":\"a\",\"title\":\"%s\",\"content_text\":\"a\",\"_otasuke\":{\"severity\":\"high\",\"category\":\"general\"}},"
    "{\"id\":\"b\",\"title\":\"B\",\"content_text\":\"b\",\"_otasuke\":{\"severity\":\"low\",\"category\":\"general\"}}]}",
    sequence, title);
  g_autofree char *other_public = NULL;
  g_autofree char *other_secret = NULL;
  g_autofree char *sig = NULL;
  g_autoptr(GError) error = NULL;

  otasuke_minisign_keygen (&other_public, &other_secret);
  sig = otasuke_minisign_sign (signed_by_us ? fixture->secret_key : other_secret,
                               strlen (signed_by_us ? fixture->secret_key : other_secret),
                               (const guint8 *) feed, strlen (feed), "feed.json", NULL, &error);
  g_assert_no_error (error);
  otasuke_test_server_add_text (fixture->server, "/feed.json", SOUP_STATUS_OK, feed);
  otasuke_test_server_add_text (fixture->server, "/feed.json.minisig", SOUP_STATUS_OK, sig);
}

static void
serve_feed (Fixture *fixture,
            gint64   sequence,
            gboolean signed_by_us)
{
  serve_feed_titled (fixture, sequence, signed_by_us, "A");
}

typedef struct {
  gboolean done;
  char    *out;
  char    *err;
} Run;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

/* Runs the program and returns its exit status; *line gets all of stdout. */
static int
run_fetch (Fixture  *fixture,
           char    **out)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "ui", "otasuke", NULL);
  g_autofree char *url = otasuke_test_server_get_url (fixture->server, "/feed.json");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (fixture->root, "data", NULL);
  g_autofree char *config = g_build_filename (fixture->root, "config", NULL);
  g_autofree char *cache = g_build_filename (fixture->root, "cache", NULL);
  Run run = { 0 };

  /* No display at all: the headless path must not need one. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, program, "--fetch-feed", "--feed-url", url, NULL);
  g_assert_no_error (error);

  /* The test server lives on this thread's main context: keep it turning. */
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("stdout: %s", run.out);
  g_test_message ("stderr: %s", run.err);
  *out = g_steal_pointer (&run.out);
  g_free (run.err);
  return g_subprocess_get_exit_status (process);
}

static void
assert_one_line (const char *out,
                 const char *starts_with)
{
  g_assert_true (g_str_has_prefix (out, starts_with));
  /* Exactly one line: its only newline is the last character. */
  g_assert_true (strchr (out, '\n') == out + strlen (out) - 1);
}

static void
test_accept_then_unchanged (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  serve_feed (fixture, 3, TRUE);
  g_assert_cmpint (run_fetch (fixture, &first), ==, 0);
  assert_one_line (first, "Accepted advisories number 3: 2 in all, 2 new.");

  g_assert_cmpint (run_fetch (fixture, &second), ==, 0);
  assert_one_line (second, "No change");
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *wrong_key = NULL;
  g_autofree char *replay = NULL;
  g_autofree char *same_number = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *accepted = NULL;

  serve_feed (fixture, 3, FALSE);
  g_assert_cmpint (run_fetch (fixture, &wrong_key), ==, 1);
  assert_one_line (wrong_key, "Refused: ");
  g_assert_nonnull (strstr (wrong_key, "signature"));

  serve_feed (fixture, 3, TRUE);
  g_assert_cmpint (run_fetch (fixture, &accepted), ==, 0);
  serve_feed (fixture, 2, TRUE);
  g_assert_cmpint (run_fetch (fixture, &replay), ==, 1);
  assert_one_line (replay, "Refused: ");
  g_assert_nonnull (strstr (replay, "older"));

  /* The accepted number again, with other content: refused too. */
  serve_feed_titled (fixture, 3, TRUE, "Changed");
  g_assert_cmpint (run_fetch (fixture, &same_number), ==, 1);
  assert_one_line (same_number, "Refused: ");
  g_assert_nonnull (strstr (same_number, "same number"));

  otasuke_test_server_add_text (fixture->server, "/feed.json", SOUP_STATUS_NOT_FOUND, "gone");
  g_assert_cmpint (run_fetch (fixture, &missing), ==, 1);
  assert_one_line (missing, "Failed: ");
  g_assert_nonnull (strstr (missing, "404"));
}

static void
test_no_key (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *out = NULL;

  write_settings (fixture, NULL);
  serve_feed (fixture, 3, TRUE);
  g_assert_cmpint (run_fetch (fixture, &out), ==, 1);
  assert_one_line (out, "Refused: ");
  g_assert_nonnull (strstr (out, "key"));
}

static void
test_unreadable_key (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;

  /* A trusted key that is not one is an error, even beside a good one. */
  write_settings (fixture, "RWQnot-a-key");
  serve_feed (fixture, 3, TRUE);
  g_assert_cmpint (run_fetch (fixture, &out), ==, 1);
  assert_one_line (out, "Failed: a trusted key in the settings cannot be read");
  g_assert_nonnull (strstr (out, "RWQnot-a-key"));
  g_assert_cmpuint (otasuke_test_server_get_request_count (fixture->server, "/feed.json"), ==, 0);
}

/* Runs `otasuke ARGS…` with the build's schema and no display; returns the exit status. */
static int run_program_in (const char * const *args, const char *locale, const char * const *env,
                           char **out, char **err);

static int
run_program (const char * const  *args,
             char               **out,
             char               **err)
{
  return run_program_in (args, NULL, NULL, out, err);
}

/* With @locale (e.g. "ja_JP.UTF-8") the program runs in that language; @env
 * (may be NULL) is NAME, VALUE, … NULL, a VALUE of NULL unsetting NAME. */
static int
run_program_in (const char * const  *args,
                const char          *locale,
                const char * const  *env,
                char               **out,
                char               **err)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "ui", "otasuke", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  /* A history file of its own, in this test's private tree. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  if (locale != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "LC_ALL", locale, TRUE);
      g_subprocess_launcher_setenv (launcher, "LANG", locale, TRUE);
      g_subprocess_launcher_setenv (launcher, "LANGUAGE", "", TRUE);
    }
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    {
      if (env[i + 1] != NULL)
        g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, env[i]);
    }
  g_ptr_array_add (argv, program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", *out, *err);
  return g_subprocess_get_exit_status (process);
}

static void
test_router_check (void)
{
  static const char * const affected[] = { "--router-check", "ＷＳＲ－１１６６ＤＨＰ３ -BK", "--firmware", "Ver.1.18", NULL };
  static const char * const fixed[] = { "--router-check", "wsr-1166dhp3", "--firmware", "1.19", NULL };
  static const char * const unknown[] = { "--router-check", "XYZ-1000", NULL };
  static const char * const no_model[] = { "--firmware", "1.0", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(json_t) root = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_program (affected, &out, &err), ==, 0);
  root = otasuke_json_load_strict (out, strlen (out), 8, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (otasuke_json_get_string (root, "model"), ==, "WSR-1166DHP3");
  g_assert_cmpstr (otasuke_json_get_string (root, "status"), ==, "affected");
  g_assert_cmpuint (json_array_size (otasuke_json_get_array (root, "advisories")), >=, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_program (fixed, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "\"status\":\"not_affected\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_program (unknown, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "\"status\":\"unknown_model\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Other vendors, typed the way people type them. */
  {
    static const struct {
      const char *model, *firmware, *status, *vendor;
    } cases[] = {
      { "Aterm WG2600HS", "Ver1.5.1", "affected", "NEC" },
      { "WG1200CR", "v1.3.4", "affected", "NEC" },
      { "WG1200CR", "v1.5.0", "not_affected", "NEC" },
      { "ＹＡＭＡＨＡ ＲＴＸ１２１０", "Rev.14.01.38", "affected", "YAMAHA" },
      { "RTX830", "Rev.15.02.20", "not_affected", "YAMAHA" },
      { "ELECOM WRC-1167FS-B", "1.0", "end_of_life", "ELECOM" },
      { "WRH-300BK", NULL, "end_of_life", "ELECOM" },
      { "I-O DATA UD-LT1/EX", "2.1.9", "affected", "I-O DATA" },
      { "UD-LT1", NULL, "firmware_needed", "I-O DATA" },
      /* The example: every firmware affected, replace it. */
      { "Aterm WG1200HS", NULL, "end_of_life", "NEC" },
      { "wg1200hs", "Ver1.0.2", "end_of_life", "NEC" },
      { "ＷＧ１２００ＨＳ－ＢＫ", "1.0.2", "end_of_life", "NEC" },
      { "TP-Link Archer C50", NULL, "end_of_life", "TP-Link" },
      { "PR-500MI", "Ver.08.00.0004", "affected", "NTT" },
      { "ｒｘ－６００ｍｉ", "01.00.0009", "not_affected", "NTT" },
      { "ELECOM WRC-X1800GS-B", "v1.19", "affected", "ELECOM" },
      { "wrc-x1800gs-b", "v1.20", "not_affected", "ELECOM" },
      { "LAN-W300N/DR", NULL, "end_of_life", "LOGITEC" },
      /* Brand first, as people type it. */
      { "logitec lan-w300n/rs", NULL, "end_of_life", "LOGITEC" },
      { "NTT PR-500MI", "Ver.08.00.0004", "affected", "NTT" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        const char *argv[] = { "--router-check", cases[i].model, "--firmware", cases[i].firmware, NULL };
        g_autoptr(json_t) result = NULL;

        if (cases[i].firmware == NULL)
          argv[2] = NULL;
        g_assert_cmpint (run_program ((const char * const *) argv, &out, &err), ==, 0);
        result = otasuke_json_load_strict (out, strlen (out), 8, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (otasuke_json_get_string (result, "status"), ==, cases[i].status);
        g_assert_cmpstr (otasuke_json_get_string (result, "vendor"), ==, cases[i].vendor);
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
      }
  }

  /* No model: a usage message and a failure status. */
  g_assert_cmpint (run_program (no_model, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "--router-check MODEL"));
}

static void
test_export_sheet (void)
{
  g_autofree char *dir = g_dir_make_tmp ("otasuke-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
  const char *args[] = { "--export-sheet", pdf, NULL };
  static const char * const usage[] = { "--sheet", "1", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  /* No draft yet: an empty sheet with its headings, private to the user. */
  g_assert_cmpint (run_program (args, &out, &err), ==, 0);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  text = test_pdf_text (pdf, FALSE);
  g_assert_nonnull (strstr (text, "Information Security Consultation Sheet"));
  g_assert_nonnull (strstr (text, "03-5978-7509"));
  g_assert_nonnull (strstr (text, "No check has been done on this computer yet."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&text, g_free);

  /* After a finished check, the program prints it, through the bundled data. */
  {
    g_autofree char *db_path = otasuke_store_default_path ();
    g_autoptr(OtasukeStore) store = otasuke_store_open (db_path, &error);
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_no_error (error);
    g_assert_cmpint (otasuke_store_add_check_run (store, now - 600, now, 61, "test", &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_cmpint (run_program (args, &out, &err), ==, 0);
  text = test_pdf_text (pdf, FALSE);
  g_assert_nonnull (strstr (text, "61 of 100"));
  g_assert_null (strstr (text, "No check has been done on this computer yet."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_program (usage, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--export-sheet FILE.pdf"));

  g_remove (pdf);
  g_rmdir (dir);
}

/* `otasuke --security-action`: what ★ and ★★ still need, as JSON, before
 * and after a finished check with every IPA question done. */
static void
test_security_action_command (void)
{
  static const char * const args[] = { "--security-action", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(json_t) top = NULL;
  json_t *one;
  json_t *two;

  g_assert_cmpint (run_program (args, &out, &err), ==, 0);
  top = otasuke_json_load_strict (out, strlen (out), 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_size (top), ==, 2);
  one = otasuke_json_get_object (top, "one_star");
  two = otasuke_json_get_object (top, "two_star");
  g_assert_cmpuint (json_object_size (one), ==, 2);
  g_assert_cmpuint (json_object_size (two), ==, 2);
  g_assert_true (json_is_false (json_object_get (one, "ready")));
  g_assert_true (json_is_false (json_object_get (two, "ready")));
  g_assert_cmpuint (json_array_size (otasuke_json_get_array (one, "missing")), ==, 5);
  g_assert_cmpuint (json_array_size (otasuke_json_get_array (two, "missing")), ==, 8);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    g_autofree char *db_path = otasuke_store_default_path ();
    g_autoptr(OtasukeStore) store = otasuke_store_open (db_path, &error);
    g_autoptr(OtasukeCheckRun) run = otasuke_check_run_new ("2026.1", 1700000000);
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_no_error (error);
    for (guint i = 1; i <= 25; i++)
      {
        g_autofree char *id = g_strdup_printf ("ipa-%02u", i);

        otasuke_check_run_set_answer (run, id, OTASUKE_ANSWER_DONE, FALSE);
      }
    otasuke_check_run_set_finished (run, now, 100);
    g_assert_true (otasuke_store_save_check_run (store, run, now, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (run_program (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "{\"one_star\":{\"ready\":true,\"missing\":[]},"
                            "\"two_star\":{\"ready\":false,\"missing\":[\"policy-drafted\",\"policy-published\"]}}\n");
}

/* `otasuke --export-policy` in Japanese: IPA's headings, the company from
 * the profile, what the policy is for, never 認定; private to the user;
 * the same refusals as --export-sheet. */
static void
test_export_policy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("otasuke-policy-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "policy.pdf", NULL);
  const char *args[] = { "--export-policy", pdf, NULL };
  const char *onto_folder[] = { "--export-policy", dir, NULL };
  static const char * const usage[] = { "--export-policy", "", NULL };
  static const char * const headings[] = {
    "1. 経営者の責任", "2. 社内体制の整備", "3. 従業員の取組み", "4. 法令及び契約上の要求事項の遵守",
    "5. 違反及び事故への対応", "6. 継続的な改善",
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *last = NULL;
  struct stat st;

  {
    g_autofree char *db_path = otasuke_store_default_path ();
    g_autoptr(OtasukeStore) store = otasuke_store_open (db_path, &error);
    g_autoptr(OtasukeCompanyProfile) profile = otasuke_company_profile_new ();

    g_assert_no_error (error);
    otasuke_company_profile_set (profile, &profile->company_name, "有限会社さくら商店");
    otasuke_company_profile_set (profile, &profile->representative, "代表取締役　佐倉花子");
    g_assert_true (otasuke_store_save_company_profile (store, profile, 1700000000, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (run_program_in (args, "ja_JP.UTF-8", NULL, &out, &err), ==, 0);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  text = test_pdf_text (pdf, FALSE);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "情報セキュリティ基本方針"));
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      const char *at = strstr (text, headings[i]);

      g_assert_nonnull (at);
      g_assert_true (last == NULL || at > last);
      last = at;
    }
  g_assert_nonnull (strstr (text, "有限会社さくら商店"));
  g_assert_nonnull (strstr (text, "佐倉花子"));
  g_assert_nonnull (strstr (text, "制定日"));
  g_assert_nonnull (strstr (text, "SECURITY ACTION"));
  g_assert_nonnull (strstr (text, "二つ星"));
  g_assert_nonnull (strstr (text, "自己宣言"));
  g_assert_null (strstr (text, "認定"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_program (onto_folder, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is a folder"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_program (usage, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--export-policy FILE.pdf"));

  g_remove (pdf);
  g_rmdir (dir);
}

/* `otasuke --probe`: the same JSON on every platform, here over a fake root. */
static void
test_probe_command (void)
{
  static const char * const args[] = { "--probe", NULL };
  g_autofree char *root = g_dir_make_tmp ("otasuke-probe-XXXXXX", NULL);
  g_autofree char *status = g_build_filename (root, "var", "lib", "dpkg", NULL);
  g_autofree char *ufw = g_build_filename (root, "etc", "ufw", NULL);
  g_autofree char *status_file = NULL;
  g_autofree char *ufw_conf = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(json_t) top = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) rm = NULL;
  static const char * const members[] = {
    "browsers", "os", "security_products", "firewall", "automatic_updates",
    "disk_encryption", "screen_lock", "office_macros", "backup",
  };
  json_t *browsers;

  g_assert_cmpint (g_mkdir_with_parents (status, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (ufw, 0700), ==, 0);
  status_file = g_build_filename (status, "status", NULL);
  ufw_conf = g_build_filename (ufw, "ufw.conf", NULL);
  g_file_set_contents (status_file,
                       "Package: firefox-esr\nStatus: install ok installed\nVersion: 128.5.0esr-1~deb12u1\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (ufw_conf, "ENABLED=yes\n", -1, &error);
  g_assert_no_error (error);

  g_setenv ("OTASUKE_PROBE_ROOT", root, TRUE);
  g_assert_cmpint (run_program (args, &out, &err), ==, 0);
  g_unsetenv ("OTASUKE_PROBE_ROOT");

  top = otasuke_json_load_strict (out, strlen (out), 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_size (top), ==, G_N_ELEMENTS (members));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_nonnull (json_object_get (top, members[i]));
  browsers = otasuke_json_get_array (top, "browsers");
  g_assert_cmpuint (json_array_size (browsers), ==, 1);
  g_assert_cmpstr (otasuke_json_get_string (json_array_get (browsers, 0), "version"), ==, "128.5.0esr");
  g_assert_true (json_is_true (json_object_get (otasuke_json_get_object (top, "firewall"), "enabled")));
  g_assert_cmpstr (otasuke_json_get_string (otasuke_json_get_object (top, "firewall"), "name"), ==, "ufw");

  rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", root, NULL);
  g_subprocess_wait (rm, NULL, NULL);
}

/* Runs `otasuke --export-sheet @target` and returns its exit status; *err gets stderr. */
static int
export_to (const char  *target,
           char       **err)
{
  const char *args[] = { "--export-sheet", target, NULL };
  g_autofree char *out = NULL;

  return run_program (args, &out, err);
}

/* --export-sheet onto something that is not an ordinary file: refused, and
 * what was there is still there, untouched. */
static void
test_export_refuses_special (void)
{
  g_autofree char *dir = g_dir_make_tmp ("otasuke-export-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.pdf", NULL);
  g_autofree char *device = g_build_filename (dir, "full.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.pdf", NULL);
  g_autofree char *link = g_build_filename (dir, "link.pdf", NULL);
  g_autofree char *err = NULL;
  struct stat st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (export_to (fifo, &err), ==, 1);
  g_assert_nonnull (strstr (err, "not an ordinary file"));
  g_assert_nonnull (strstr (err, fifo));
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (export_to (folder, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is a folder"));
  g_assert_cmpint (lstat (folder, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_clear_pointer (&err, g_free);

  /* A link to a device: the link is not replaced and the device not written. */
  g_assert_cmpint (symlink ("/dev/null", link), ==, 0);
  g_assert_cmpint (export_to (link, &err), ==, 1);
  g_assert_nonnull (strstr (err, "not an ordinary file"));
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_clear_pointer (&err, g_free);

  /* A character device of its own, like /dev/full (only root can make one). */
  if (mknod (device, S_IFCHR | 0600, makedev (1, 7)) == 0)
    {
      g_assert_cmpint (export_to (device, &err), ==, 1);
      g_assert_nonnull (strstr (err, "not an ordinary file"));
      g_assert_cmpint (lstat (device, &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
      g_clear_pointer (&err, g_free);
      g_remove (device);
    }

  /* Nothing else was left behind (no temporary files). */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 3);
  }

  g_remove (fifo);
  g_rmdir (folder);
  g_remove (link);
  g_rmdir (dir);
}

/* Runs `sh -c SCRIPT sh DIR PROGRAM ARG` in a mount namespace of its own
 * (unshare -rm, so no root is needed), with the program's usual environment;
 * SCRIPT exits 99 when it cannot mount, which fails the test. Returns the
 * exit status. */
static int
run_in_own_mounts (const char  *script,
                   const char  *dir,
                   const char  *arg,
                   char       **err)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "ui", "otasuke", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, "unshare", "-rm", "sh", "-c", script,
                                         "sh", dir, program, arg, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", *err);
  g_assert_false (g_subprocess_get_if_signaled (process));
  /* 99: this machine cannot give the test its own mounts; that is a failure, not a pass. */
  g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 99);
  return g_subprocess_get_exit_status (process);
}

/* A full disk, for real: a 8 KiB tmpfs mounted in a mount namespace of the
 * export's own (unshare -rm, so no root is needed). The message says the
 * disk is full and names the file asked for, and nothing is left there. */
static void
test_export_disk_full (gconstpointer data)
{
  const char *option = data;
  g_autofree char *dir = g_dir_make_tmp ("otasuke-export-full-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run_in_own_mounts ("mount -t tmpfs -o size=8k tmpfs \"$1\" || exit 99; "
                                      "\"$2\" \"$3\" \"$1/sheet.pdf\"; status=$?; "
                                      "ls -A \"$1\" >&2; exit $status",
                                      dir, option, &err), ==, 1);
  g_assert_nonnull (strstr (err, "The disk is full"));
  g_assert_nonnull (strstr (err, pdf));
  /* ls -A printed nothing: no half sheet, no temporary file. */
  g_assert_nonnull (g_str_has_suffix (err, "try again.\n") ? err : NULL);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* A 0-byte history file is damage on the command line too: set aside as
 * otasuke.db.corrupt-…, and the user is told, before the command goes on. */
static void
test_empty_database_reported (void)
{
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "otasuke", "otasuke.db", NULL);
  g_autofree char *folder = g_path_get_dirname (db);
  g_autofree char *dir = g_dir_make_tmp ("otasuke-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  gboolean kept = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (db, "", 0, &error);
  g_assert_no_error (error);

  g_assert_cmpint (export_to (pdf, &err), ==, 0);
  g_assert_nonnull (strstr (err, "The history file was damaged"));
  listing = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "otasuke.db.corrupt-"))
      {
        g_assert_nonnull (strstr (err, name));
        kept = TRUE;
      }
  g_assert_true (kept);

  g_remove (pdf);
  g_rmdir (dir);
}

/* Issue #10: on the command line too, a history that can only be read is
 * said so: here the data folder is a read-only bind mount in a mount
 * namespace of the command's own (unshare -rm). The sheet is still written,
 * with the check that was saved before. */
static void
test_read_only_history_reported (void)
{
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "otasuke", "otasuke.db", NULL);
  g_autofree char *folder = g_path_get_dirname (db);
  g_autofree char *dir = g_dir_make_tmp ("otasuke-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  {
    g_autoptr(OtasukeStore) store = otasuke_store_open (db, &error);
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_no_error (error);
    g_assert_cmpint (otasuke_store_add_check_run (store, now - 600, now, 61, "test", &error), >, 0);
    g_assert_no_error (error);
  }

  g_assert_cmpint (run_in_own_mounts ("mount --bind \"$1\" \"$1\" && "
                                      "mount -o remount,bind,ro \"$1\" \"$1\" || exit 99; "
                                      "exec \"$2\" --export-sheet \"$3\"",
                                      folder, pdf, &err), ==, 0);
  g_assert_nonnull (strstr (err, folder));
  g_assert_nonnull (strstr (err, "nothing you do now will be saved"));
  text = test_pdf_text (pdf, FALSE);
  g_assert_nonnull (strstr (text, "61 of 100"));

  g_remove (pdf);
  g_rmdir (dir);
}

/* Issue #10: a GLib warning in a command-line path never reaches the user's
 * terminal. GSETTINGS_BACKEND naming no module makes GIO warn as soon as the
 * settings are read; with OTASUKE_LOG=stderr (a developer) it shows, so the
 * warning really happens, and without it the terminal stays quiet. */
static void
test_warnings_off_terminal (void)
{
  g_autofree char *dir = g_dir_make_tmp ("otasuke-warn-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *log = g_build_filename (g_get_user_data_dir (), "otasuke", "otasuke.log", NULL);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *site = NULL;
  g_autofree char *port = NULL;
  /* The tests' G_DEBUG=fatal-warnings would turn the warning into an abort. */
  static const char * const quiet[] = { "G_DEBUG", NULL, "OTASUKE_LOG", NULL,
                                        "GSETTINGS_BACKEND", "otasuke-no-such-module", NULL };
  static const char * const loud[] = { "G_DEBUG", NULL, "OTASUKE_LOG", "stderr",
                                       "GSETTINGS_BACKEND", "otasuke-no-such-module", NULL };
  static const char * const router[] = { "--router-check", "WSR-1166DHP3", NULL };

  /* A loopback port bound but not listening: the check is refused at once. */
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  site = g_strdup_printf ("127.0.0.1:%s", port);

  {
    const char *export[] = { "--export-sheet", pdf, NULL };
    const char *site_check[] = { "--site-check", site, "--http-port", port, NULL };
    const char * const *commands[] = { router, export, site_check };

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        int loud_status, quiet_status;

        loud_status = run_program_in (commands[i], NULL, loud, &out, &err);
        g_assert_nonnull (strstr (err, "GSETTINGS_BACKEND"));
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);

        quiet_status = run_program_in (commands[i], NULL, quiet, &out, &err);
        g_assert_cmpint (quiet_status, ==, loud_status);
        g_assert_null (strstr (err, "GSETTINGS_BACKEND"));
        g_assert_null (strstr (err, "WARNING"));
        g_assert_null (strstr (out, "GSETTINGS_BACKEND"));
        /* The command did its work all the same: JSON, or the sheet (below). */
        if (commands[i] != export)
          g_assert_true (g_str_has_prefix (out, "{"));
      }
  }

  /* The commands that open the history keep the warning in the private log. */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (log, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "WARNING GLib-GIO: Can't find module 'otasuke-no-such-module'"));
  }
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  g_remove (pdf);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/headless/accept-then-unchanged", Fixture, NULL, fixture_set_up, test_accept_then_unchanged,
              fixture_tear_down);
  g_test_add ("/headless/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/headless/no-key", Fixture, NULL, fixture_set_up, test_no_key, fixture_tear_down);
  g_test_add ("/headless/unreadable-key", Fixture, NULL, fixture_set_up, test_unreadable_key, fixture_tear_down);
  g_test_add_func ("/headless/router-check", test_router_check);
  g_test_add_func ("/headless/export-sheet", test_export_sheet);
  g_test_add_func ("/headless/probe", test_probe_command);
  g_test_add_func ("/headless/export-refuses-special", test_export_refuses_special);
  g_test_add_data_func ("/headless/export-disk-full", "--export-sheet", test_export_disk_full);
  g_test_add_data_func ("/headless/export-policy-disk-full", "--export-policy", test_export_disk_full);
  g_test_add_func ("/headless/security-action", test_security_action_command);
  g_test_add_func ("/headless/export-policy", test_export_policy);
  g_test_add_func ("/headless/empty-database-reported", test_empty_database_reported);
  g_test_add_func ("/headless/warnings-off-terminal", test_warnings_off_terminal);
  g_test_add_func ("/headless/read-only-history-reported", test_read_only_history_reported);

  return g_test_run ();
}
