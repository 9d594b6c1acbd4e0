/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-feed-updater"

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "otasuke-feed-updater.h"
#include "otasuke-minisign.h"
#include "otasuke-store-advisories.h"
#include "test-server.h"

/* The whole path a feed takes — download, signature, parse, sequence, store —
 * against a loopback server, with everything that can go wrong. Whatever
 * fails, the advisories already stored must stay exactly as they were. */

typedef struct {
  OtasukeStore       *store;
  OtasukeFeedFetcher *fetcher;
  OtasukeFeedUpdater *updater;
  OtasukeTestServer  *server;
  char               *public_key;   /* file contents */
  char               *secret_key;
  char               *key_line;     /* the base64 line */
  char               *other_secret; /* a key nobody trusts */
} Fixture;

static char *
make_feed (gint64      sequence,
           const char *expires,
           guint       n_items,
           const char *prefix)
{
  GString *json = g_string_new (NULL);

  g_string_append_printf (json,
                          "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Test\","
                          "\"_otasuke\":{\"schema\":1,\"sequence\":%" G_GINT64_FORMAT ","
                          "\"generated\":\"2019-06-01T00:00:00Z\",\"expires\":\"%s\"},\"items\":[",
                          sequence, expires);
  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (json,
                            "%s{\"id\":\"%s-%u\",\"title\":\"%s advisory %u\","
                            "\"content_text\":\"Text %u\",\"date_published\":\"2026-10-%02uT09:00:00+09:00\","
                            "\"_otasuke\":{\"severity\":\"high\",\"category\":\"browser\","
                            "\"checks\":[{\"type\":\"browser_min_version\",\"product\":\"chrome\",\"min\":\"128.0.6613.85\"}]}}",
                            i > 0 ? "," : "", prefix, i, prefix, i, i, 1 + i % 28);
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static char *
sign (const char *secret,
      const char *data)
{
  g_autoptr(GError) error = NULL;
  char *sig = otasuke_minisign_sign (secret, strlen (secret), (const guint8 *) data, strlen (data),
                                     "feed.json", NULL, &error);

  g_assert_no_error (error);
  return sig;
}

/* Serves @feed at /feed.json with a signature by @secret (none when NULL). */
static void
serve (Fixture    *fixture,
       const char *feed,
       const char *secret)
{
  otasuke_test_server_add_text (fixture->server, "/feed.json", SOUP_STATUS_OK, feed);
  if (secret != NULL)
    {
      g_autofree char *sig = sign (secret, feed);

      otasuke_test_server_add_text (fixture->server, "/feed.json.minisig", SOUP_STATUS_OK, sig);
    }
  else
    otasuke_test_server_add_text (fixture->server, "/feed.json.minisig", SOUP_STATUS_NOT_FOUND, "no");
}

typedef struct {
  OtasukeUpdateOutcome *outcome;
  GError               *error;
  gboolean              done;
} Result;

static void
update_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  Result *result = user_data;

  result->outcome = otasuke_feed_updater_update_finish (OTASUKE_FEED_UPDATER (object), res, &result->error);
  result->done = TRUE;
}

static OtasukeUpdateOutcome *
update (Fixture     *fixture,
        const char  *path,
        GError     **error)
{
  g_autofree char *url = otasuke_test_server_get_url (fixture->server, path);
  Result result = { 0 };

  otasuke_feed_updater_update_async (fixture->updater, url, NULL, update_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  if (result.error != NULL)
    g_propagate_error (error, result.error);
  return result.outcome;
}

/* What the user would see: ids, titles and read state, and the feed's number. */
static char *
snapshot (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = otasuke_store_list_advisories (fixture->store, &error);
  g_autoptr(OtasukeFeedStatus) status = otasuke_store_get_feed_status (fixture->store, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_string_append_printf (out, "seq=%" G_GINT64_FORMAT " key=%s\n",
                          status ? status->sequence : -1, status && status->key_id ? status->key_id : "-");
  for (guint i = 0; i < list->len; i++)
    {
      OtasukeAdvisory *a = g_ptr_array_index (list, i);

      g_string_append_printf (out, "%s|%s|%d\n", otasuke_advisory_get_id (a),
                              otasuke_advisory_get_title (a), otasuke_advisory_get_read (a));
    }
  return g_string_free (out, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_public = NULL;
  g_autoptr(OtasukeMinisignKey) key = NULL;
  const char *keys[2] = { NULL, NULL };

  fixture->store = otasuke_store_open (NULL, &error);
  g_assert_no_error (error);
  fixture->fetcher = otasuke_feed_fetcher_new ();
  otasuke_feed_fetcher_set_limits (fixture->fetcher, 1024 * 1024, 2000, 1500);
  fixture->updater = otasuke_feed_updater_new (fixture->store, fixture->fetcher);
  fixture->server = otasuke_test_server_new ();

  otasuke_minisign_keygen (&fixture->public_key, &fixture->secret_key);
  otasuke_minisign_keygen (&other_public, &fixture->other_secret);
  key = otasuke_minisign_key_new_from_file_contents (fixture->public_key, strlen (fixture->public_key), &error);
  g_assert_no_error (error);
  fixture->key_line = otasuke_minisign_key_get_base64 (key);
  keys[0] = fixture->key_line;
  g_assert_cmpuint (otasuke_feed_updater_set_trusted_keys (fixture->updater, keys), ==, 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->updater);
  g_clear_object (&fixture->fetcher);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->server, otasuke_test_server_free);
  g_free (fixture->public_key);
  g_free (fixture->secret_key);
  g_free (fixture->key_line);
  g_free (fixture->other_secret);
}

/* Accepts a first feed (sequence 5, three items) and returns the snapshot. */
static char *
accept_first (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *feed = make_feed (5, "2099-01-01T00:00:00Z", 3, "first");
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;

  serve (fixture, feed, fixture->secret_key);
  outcome = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);
  g_assert_cmpint (outcome->sequence, ==, 5);
  g_assert_cmpuint (outcome->new_ids->len, ==, 3);
  g_assert_false (outcome->expired);
  return snapshot (fixture);
}

static void
assert_refused_and_unchanged (Fixture    *fixture,
                              const char *before,
                              GQuark      domain,
                              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = update (fixture, "/feed.json", &error);
  g_autofree char *after = snapshot (fixture);
  g_autoptr(OtasukeFeedStatus) status = otasuke_store_get_feed_status (fixture->store, NULL);

  g_assert_null (outcome);
  g_assert_error (error, domain, code);
  g_test_message ("refused: %s", error->message);
  g_assert_cmpstr (after, ==, before);
  /* The reason is kept for the banner on the Advisories page. */
  g_assert_nonnull (status);
  g_assert_cmpstr (status->last_error, ==, error->message);
  g_assert_cmpint (status->last_error_at, >, 0);
}

static void
test_accept_and_unchanged (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *before = accept_first (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) again = NULL;
  g_autofree char *after = NULL;
  g_autoptr(OtasukeFeedStatus) status = NULL;

  g_assert_nonnull (strstr (before, "first-0|first advisory 0|0"));
  g_assert_cmpuint (otasuke_test_server_get_request_count (fixture->server, "/feed.json.minisig"), ==, 1);
  g_assert_nonnull (strstr (otasuke_test_server_get_last_request_header (fixture->server, "/feed.json", "User-Agent"),
                            "Otasuke/"));

  again = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->status, ==, OTASUKE_UPDATE_UNCHANGED);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);

  status = otasuke_store_get_feed_status (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_null (status->last_error);
  g_assert_cmpint (status->last_success_at, >, 0);
}

static void
test_not_modified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *feed = make_feed (5, "2099-01-01T00:00:00Z", 3, "first");
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) first = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  g_autofree char *after = NULL;

  serve (fixture, feed, fixture->secret_key);
  otasuke_test_server_set_validators (fixture->server, "/feed.json", "\"v5\"", NULL);
  first = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->status, ==, OTASUKE_UPDATE_ACCEPTED);
  before = snapshot (fixture);
  otasuke_test_server_clear_requests (fixture->server);

  outcome = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_NOT_MODIFIED);
  g_assert_cmpstr (otasuke_test_server_get_last_request_header (fixture->server, "/feed.json", "If-None-Match"),
                   ==, "\"v5\"");
  g_assert_cmpuint (otasuke_test_server_get_request_count (fixture->server, "/feed.json.minisig"), ==, 0);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_signature_problems (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *before = accept_first (fixture);
  g_autofree char *newer = make_feed (6, "2099-01-01T00:00:00Z", 4, "evil");
  g_autofree char *honest = make_feed (6, "2099-01-01T00:00:00Z", 4, "honest");
  g_autofree char *honest_sig = sign (fixture->secret_key, honest);

  /* Signed by a key nobody trusts. */
  serve (fixture, newer, fixture->other_secret);
  assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_SIGNATURE);

  /* No signature published. */
  serve (fixture, newer, NULL);
  assert_refused_and_unchanged (fixture, before, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_NO_SIGNATURE);

  /* A genuine signature over different bytes: the file was changed on the way. */
  otasuke_test_server_add_text (fixture->server, "/feed.json", SOUP_STATUS_OK, newer);
  otasuke_test_server_add_text (fixture->server, "/feed.json.minisig", SOUP_STATUS_OK, honest_sig);
  assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_SIGNATURE);

  /* A signature file that is not one. */
  otasuke_test_server_add_text (fixture->server, "/feed.json.minisig", SOUP_STATUS_OK, "<html>Not found</html>");
  assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_SIGNATURE);
}

static void
test_no_trusted_key (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *feed = make_feed (5, "2099-01-01T00:00:00Z", 3, "first");
  g_autofree char *before = snapshot (fixture);
  const char *none[] = { NULL };

  g_assert_cmpuint (otasuke_feed_updater_set_trusted_keys (fixture->updater, none), ==, 0);
  serve (fixture, feed, fixture->secret_key);
  assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_NO_TRUSTED_KEY);
  /* It could only be refused, so it is not even downloaded. */
  g_assert_cmpuint (otasuke_test_server_get_request_count (fixture->server, "/feed.json"), ==, 0);
  g_assert_cmpuint (otasuke_test_server_get_request_count (fixture->server, "/feed.json.minisig"), ==, 0);
}

static void
test_unreadable_key (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *keys[] = { "RWQnot-a-key", fixture->key_line, NULL };
  g_autofree char *unreadable = NULL;

  g_assert_null (otasuke_feed_updater_get_unreadable_keys (fixture->updater));
  /* The good key is still trusted; the bad one is reported, not just logged. */
  g_assert_cmpuint (otasuke_feed_updater_set_trusted_keys (fixture->updater, keys), ==, 1);
  unreadable = otasuke_feed_updater_get_unreadable_keys (fixture->updater);
  g_assert_nonnull (unreadable);
  g_test_message ("%s", unreadable);
  g_assert_nonnull (strstr (unreadable, "RWQnot-a-key"));
}

static void
test_replay_and_equal_sequence (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *before = accept_first (fixture);
  g_autofree char *older = make_feed (4, "2099-01-01T00:00:00Z", 1, "old");
  g_autofree char *same_number = make_feed (5, "2099-01-01T00:00:00Z", 2, "other");
  g_autofree char *same_feed = make_feed (5, "2099-01-01T00:00:00Z", 3, "first");
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  g_autofree char *after = NULL;

  serve (fixture, older, fixture->secret_key);
  assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_REPLAY);

  /* The accepted number with other content is not "the same feed": refused. */
  serve (fixture, same_number, fixture->secret_key);
  assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_SAME_SEQUENCE);

  /* The very bytes accepted, with a fresh signature, are still no change. */
  serve (fixture, same_feed, fixture->secret_key);
  outcome = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_UNCHANGED);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* Trusts the fixture's key and a second one (a key being replaced); returns the second's secret. */
static char *
trust_two_keys (Fixture *fixture)
{
  g_autofree char *public_b = NULL;
  g_autofree char *line_b = NULL;
  g_autoptr(OtasukeMinisignKey) key_b = NULL;
  g_autoptr(GError) error = NULL;
  char *secret_b = NULL;
  const char *keys[3] = { NULL, NULL, NULL };

  otasuke_minisign_keygen (&public_b, &secret_b);
  key_b = otasuke_minisign_key_new_from_file_contents (public_b, strlen (public_b), &error);
  g_assert_no_error (error);
  line_b = otasuke_minisign_key_get_base64 (key_b);
  keys[0] = fixture->key_line;
  keys[1] = line_b;
  g_assert_cmpuint (otasuke_feed_updater_set_trusted_keys (fixture->updater, keys), ==, 2);
  return secret_b;
}

static void
test_key_rotation (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *secret_b = trust_two_keys (fixture);
  g_autofree char *before = accept_first (fixture);  /* number 5, signed by key A */
  g_autofree char *older_b = make_feed (4, "2099-01-01T00:00:00Z", 1, "old");
  g_autofree char *same_number_b = make_feed (5, "2099-01-01T00:00:00Z", 1, "other");
  g_autofree char *newer_b = make_feed (6, "2099-01-01T00:00:00Z", 2, "rotated");
  g_autofree char *first_a = make_feed (5, "2099-01-01T00:00:00Z", 3, "first");
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  g_autofree char *rotated = NULL;
  gint64 mark = 0;

  /* An older feed signed by the other trusted key does not replace the newer one. */
  serve (fixture, older_b, secret_b);
  assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_REPLAY);
  serve (fixture, same_number_b, secret_b);
  assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_SAME_SEQUENCE);

  /* A newer one does, and from then on key A's older feed is a replay. */
  serve (fixture, newer_b, secret_b);
  outcome = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);
  g_assert_cmpint (outcome->sequence, ==, 6);
  rotated = snapshot (fixture);
  g_assert_nonnull (strstr (rotated, "rotated-1|rotated advisory 1|0"));

  serve (fixture, first_a, fixture->secret_key);
  assert_refused_and_unchanged (fixture, rotated, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_REPLAY);

  {
    g_autofree char *url = otasuke_test_server_get_url (fixture->server, "/feed.json");

    g_assert_true (otasuke_store_get_feed_mark (fixture->store, url, &mark, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (mark, ==, 6);
  }
}

/* A damaged database is set aside and a fresh one starts with no replay
 * marks: the copy of the marks beside it still refuses the older feed, and
 * other bytes under the accepted number, while the accepted feed comes back. */
static void
test_marks_survive_new_database (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = g_strdup (otasuke_store_get_path (fixture->store));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *marks = g_build_filename (dir, "last-feed.json.marks", NULL);
  g_autofree char *first = accept_first (fixture);
  g_autofree char *older = make_feed (4, "2099-01-01T00:00:00Z", 1, "old");
  g_autofree char *same_number = make_feed (5, "2099-01-01T00:00:00Z", 2, "other");
  g_autofree char *same_feed = make_feed (5, "2099-01-01T00:00:00Z", 3, "first");
  g_autofree char *empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  const char *keys[2] = { NULL, NULL };
  GStatBuf st;

  g_assert_cmpint (g_stat (marks, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_clear_object (&fixture->updater);
  g_clear_object (&fixture->store);
  g_assert_cmpint (g_unlink (path), ==, 0);
  fixture->store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  fixture->updater = otasuke_feed_updater_new (fixture->store, fixture->fetcher);
  keys[0] = fixture->key_line;
  otasuke_feed_updater_set_trusted_keys (fixture->updater, keys);
  empty = snapshot (fixture);

  serve (fixture, older, fixture->secret_key);
  assert_refused_and_unchanged (fixture, empty, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_REPLAY);
  serve (fixture, same_number, fixture->secret_key);
  assert_refused_and_unchanged (fixture, empty, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_SAME_SEQUENCE);

  serve (fixture, same_feed, fixture->secret_key);
  outcome = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);
  g_assert_cmpint (outcome->sequence, ==, 5);
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A history file from before marks were kept per source (schema 5), where
 * the replay mark of key A (9) is higher than the feed shown (4, by key B),
 * as the old per-key rule allowed: the upgrade keeps the higher mark. */
static void
test_marks_migrated (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_strdup (otasuke_store_get_path (fixture->store));
  g_autofree char *url = otasuke_test_server_get_url (fixture->server, "/feed.json");
  char *sql = NULL;
  g_autofree char *eight = make_feed (8, "2099-01-01T00:00:00Z", 1, "eight");
  g_autofree char *nine = make_feed (9, "2099-01-01T00:00:00Z", 2, "nine");
  g_autofree char *nine_other = make_feed (9, "2099-01-01T00:00:00Z", 1, "forged");
  g_autofree char *ten = make_feed (10, "2099-01-01T00:00:00Z", 1, "ten");
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  const char *keys[2] = { NULL, NULL };
  gint64 mark = 0;
  sqlite3 *db = NULL;

  g_clear_object (&fixture->updater);
  g_clear_object (&fixture->store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* Back to schema 5: what steps 6 and later made goes (step 7: SECURITY ACTION;
   * step 8: the findings kept with a run). */
  sql = sqlite3_mprintf ("DROP TABLE feed_marks;"
                         "DROP TABLE company_profile; DROP TABLE policy_drafts;"
                         "DROP TABLE action_confirmations; DROP TABLE action_declarations;"
                         "ALTER TABLE check_runs DROP COLUMN findings;"
                         "INSERT INTO feed_keys (key_id, sequence, accepted_at) VALUES ('AAAA', 9, 100), ('BBBB', 4, 200);"
                         "INSERT INTO feed_sources (url, sequence, key_id, accepted_at) VALUES (%Q, 4, 'BBBB', 200);"
                         "PRAGMA user_version = 5;", url);
  raw_exec (db, sql);
  sqlite3_free (sql);
  sqlite3_close (db);

  fixture->store = otasuke_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (otasuke_store_get_user_version (fixture->store), ==, otasuke_store_schema_version ());
  g_assert_true (otasuke_store_get_feed_mark (fixture->store, url, &mark, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mark, ==, 9);

  fixture->updater = otasuke_feed_updater_new (fixture->store, fixture->fetcher);
  keys[0] = fixture->key_line;
  otasuke_feed_updater_set_trusted_keys (fixture->updater, keys);
  before = snapshot (fixture);
  serve (fixture, eight, fixture->secret_key);
  assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_REPLAY);

  /* Number 9 itself (the feed the old rule let number 4 replace) is shown again. */
  serve (fixture, nine, fixture->secret_key);
  outcome = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);
  g_assert_cmpint (outcome->sequence, ==, 9);
  g_clear_pointer (&outcome, otasuke_update_outcome_free);
  {
    g_autoptr(OtasukeFeedStatus) status = otasuke_store_get_feed_status (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_cmpint (status->sequence, ==, 9);
  }
  /* From now on the mark knows its content: other bytes at number 9 are refused. */
  g_clear_pointer (&before, g_free);
  before = snapshot (fixture);
  serve (fixture, nine_other, fixture->secret_key);
  assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_SAME_SEQUENCE);

  serve (fixture, ten, fixture->secret_key);
  outcome = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);
}

static void
test_invalid_content (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *before = accept_first (fixture);
  static const char * const bad[] = {
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[",      /* invalid JSON */
    "[1, 2, 3]",                                                          /* JSON, wrong shape */
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"x\",\"items\":[]}",  /* no extension */
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"x\",\"_otasuke\":{\"schema\":1,"
    "\"sequence\":9,\"generated\":\"2026-11-01T00:00:00Z\",\"expires\":\"2099-01-01T00:00:00Z\"},"
    "\"items\":[{\"id\":\"a\",\"title\":\"a\",\"content_text\":\"a\",\"_otasuke\":{\"severity\":\"urgent\","
    "\"category\":\"browser\"}}]}",                                     /* bad severity */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      serve (fixture, bad[i], fixture->secret_key);
      assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_INVALID_FEED);
    }
}

static void
test_http_failures_keep_feed (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *before = accept_first (fixture);
  g_autofree char *big = g_strnfill (2 * 1024 * 1024, ' ');
  g_autoptr(GBytes) big_bytes = g_bytes_new_take (g_steal_pointer (&big), 2 * 1024 * 1024);
  g_autoptr(GBytes) zeros = g_bytes_new_static ("0000000000000000000000000000000000000000000000000000000000000000", 64);
  g_autofree char *hop = NULL;

  otasuke_test_server_add_text (fixture->server, "/feed.json", SOUP_STATUS_NOT_FOUND, "gone");
  assert_refused_and_unchanged (fixture, before, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_HTTP);

  otasuke_test_server_add_text (fixture->server, "/feed.json", SOUP_STATUS_INTERNAL_SERVER_ERROR, "oops");
  assert_refused_and_unchanged (fixture, before, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_HTTP);

  otasuke_test_server_add_response (fixture->server, "/feed.json", SOUP_STATUS_OK, big_bytes, NULL);
  assert_refused_and_unchanged (fixture, before, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TOO_LARGE);

  otasuke_test_server_add_gzip (fixture->server, "/feed.json", zeros, 64 * 1024);
  assert_refused_and_unchanged (fixture, before, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TOO_LARGE);

  otasuke_test_server_add_hang (fixture->server, "/feed.json");
  assert_refused_and_unchanged (fixture, before, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TIMEOUT);

  otasuke_test_server_add_redirect (fixture->server, "/feed.json", 302, "http://example.invalid/feed.json");
  assert_refused_and_unchanged (fixture, before, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_INSECURE_REDIRECT);

  /* A chain of six redirects: /feed.json → /r1 → … → /r5 → /r6. */
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *from = i == 0 ? g_strdup ("/feed.json") : g_strdup_printf ("/r%u", i);

      g_free (hop);
      hop = g_strdup_printf ("/r%u", i + 1);
      otasuke_test_server_add_redirect (fixture->server, from, 302, hop);
    }
  assert_refused_and_unchanged (fixture, before, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TOO_MANY_REDIRECTS);
}

static void
test_expired_feed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *before = accept_first (fixture);
  g_autofree char *expired = make_feed (7, "2020-01-01T00:00:00Z", 3, "first");
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  g_autoptr(OtasukeFeedStatus) status = NULL;

  g_assert_nonnull (before);
  serve (fixture, expired, fixture->secret_key);
  outcome = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  /* Signed and newer, so kept; but shown as possibly out of date. */
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);
  g_assert_true (outcome->expired);
  status = otasuke_store_get_feed_status (fixture->store, &error);
  g_assert_cmpint (status->sequence, ==, 7);
  g_assert_cmpint (status->expires_at, <, g_get_real_time () / G_USEC_PER_SEC);
}

static void
test_read_state_survives_new_feed (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *before = accept_first (fixture);
  g_autofree char *next = make_feed (6, "2099-01-01T00:00:00Z", 4, "first");
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  g_autofree char *after = NULL;

  g_assert_nonnull (before);
  g_assert_true (otasuke_store_set_advisory_read (fixture->store, "first-1", TRUE, 1000, &error));
  serve (fixture, next, fixture->secret_key);
  outcome = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);
  /* Only the advisory never seen before counts as new. */
  g_assert_cmpuint (outcome->new_ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (outcome->new_ids, 0), ==, "first-3");
  after = snapshot (fixture);
  g_assert_nonnull (strstr (after, "first-1|first advisory 1|1"));
  g_assert_nonnull (strstr (after, "first-3|first advisory 3|0"));
}

static void
test_bundled_until_network (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *bundled = make_feed (1, "2099-01-01T00:00:00Z", 2, "bundled");
  g_autoptr(GBytes) bytes = g_bytes_new (bundled, strlen (bundled));
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) first = NULL;
  g_autoptr(OtasukeUpdateOutcome) again = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *network = NULL;
  g_autofree char *after_bundled = NULL;

  first = otasuke_feed_ingest_bundled (fixture->store, bytes, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->status, ==, OTASUKE_UPDATE_ACCEPTED);
  shown = snapshot (fixture);
  g_assert_nonnull (strstr (shown, "bundled-0"));

  /* A network feed replaces the bundled advisories… */
  network = accept_first (fixture);
  g_assert_null (strstr (network, "bundled-0"));

  /* …and the bundled ones do not come back at the next start. */
  again = otasuke_feed_ingest_bundled (fixture->store, bytes, 2000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->status, ==, OTASUKE_UPDATE_UNCHANGED);
  after_bundled = snapshot (fixture);
  g_assert_cmpstr (after_bundled, ==, network);
}

static void
test_bundled_file_is_valid (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "feed", "otasuke-feed.json", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeFeed) feed = NULL;
  gboolean chrome = FALSE;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  feed = otasuke_feed_parse (contents, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->items->len, >=, 10);
  g_assert_cmpuint (feed->contacts->len, >=, 3);
  for (guint i = 0; i < feed->items->len; i++)
    {
      const OtasukeFeedItem *item = g_ptr_array_index (feed->items, i);

      for (guint j = 0; j < item->checks->len; j++)
        {
          const OtasukeFeedCheck *check = g_ptr_array_index (item->checks, j);

          if (check->type == OTASUKE_CHECK_BROWSER_MIN_VERSION && g_strcmp0 (check->product, "chrome") == 0)
            chrome = g_strcmp0 (check->min, "128.0.6613.85") == 0;
        }
    }
  /* The seed's Chrome advisory is there with its machine-readable check. */
  g_assert_true (chrome);
}

/* Serves @feed and its signature by the trusted key from the raw port, which
 * can also cut a body off, so that every attempt goes to the same address. */
static void
serve_raw (Fixture    *fixture,
           const char *feed,
           gsize       feed_length,
           gint64      content_length)
{
  g_autofree char *sig = sign (fixture->secret_key, feed);
  g_autoptr(GBytes) body = g_bytes_new (feed, feed_length);
  g_autoptr(GBytes) sig_bytes = g_bytes_new (sig, strlen (sig));

  otasuke_test_server_add_lying_length (fixture->server, "/feed.json", body, content_length);
  otasuke_test_server_add_lying_length (fixture->server, "/feed.json.minisig", sig_bytes,
                                        g_bytes_get_size (sig_bytes));
}

/* Issue #10: a download cut off on the way is a network problem. The user
 * must never read "the signature is wrong" when the bytes were incomplete;
 * a signature failure means the bytes were all there. */
static void
test_cut_off_download (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *first = make_feed (5, "2099-01-01T00:00:00Z", 3, "first");
  g_autofree char *newer = make_feed (6, "2099-01-01T00:00:00Z", 4, "newer");
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeUpdateOutcome) accepted = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  g_autoptr(OtasukeFeedStatus) status = NULL;

  serve_raw (fixture, first, strlen (first), strlen (first));
  accepted = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (accepted->sequence, ==, 5);
  before = snapshot (fixture);
  otasuke_test_server_clear_requests (fixture->server);

  /* Half of the genuine bytes under the full length, then the connection
   * closes; the genuine signature sits beside them. */
  serve_raw (fixture, newer, strlen (newer) / 2, strlen (newer));
  assert_refused_and_unchanged (fixture, before, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TRUNCATED);
  /* Not even fetched: there was nothing complete to check it against. */
  g_assert_cmpuint (otasuke_test_server_get_request_count (fixture->server, "/feed.json.minisig"), ==, 0);
  status = otasuke_store_get_feed_status (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (status->last_error, "signature"));
  g_assert_nonnull (strstr (status->last_error, "before it was complete"));
  g_clear_pointer (&status, otasuke_feed_status_free);

  /* Reset in the middle of the body. */
  otasuke_test_server_add_reset (fixture->server, "/feed.json");
  assert_refused_and_unchanged (fixture, before, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_CONNECTION_RESET);

  /* No length announced and closed half way: it may be complete as far as
   * HTTP can tell, but it is not called tampering either. */
  serve_raw (fixture, newer, strlen (newer) / 2, -1);
  assert_refused_and_unchanged (fixture, before, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TRUNCATED);
  status = otasuke_store_get_feed_status (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (status->last_error, "may be incomplete"));
  g_clear_pointer (&status, otasuke_feed_status_free);

  /* Signed by a stranger, without a length: that is still a signature
   * problem, since cutting bytes off does not change who signed them. */
  {
    g_autofree char *stranger = sign (fixture->other_secret, newer);
    g_autoptr(GBytes) body = g_bytes_new (newer, strlen (newer));
    g_autoptr(GBytes) sig_bytes = g_bytes_new (stranger, strlen (stranger));

    otasuke_test_server_add_lying_length (fixture->server, "/feed.json", body, -1);
    otasuke_test_server_add_lying_length (fixture->server, "/feed.json.minisig", sig_bytes,
                                          g_bytes_get_size (sig_bytes));
    assert_refused_and_unchanged (fixture, before, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_SIGNATURE);
  }

  /* The whole of the same bytes is accepted, announced length or not. */
  serve_raw (fixture, newer, strlen (newer), -1);
  outcome = update (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);
  g_assert_cmpint (outcome->sequence, ==, 6);
  status = otasuke_store_get_feed_status (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_null (status->last_error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/feed-updater/accept-and-unchanged", test_accept_and_unchanged);
  ADD ("/feed-updater/not-modified", test_not_modified);
  ADD ("/feed-updater/signature-problems", test_signature_problems);
  ADD ("/feed-updater/no-trusted-key", test_no_trusted_key);
  ADD ("/feed-updater/unreadable-key", test_unreadable_key);
  ADD ("/feed-updater/replay-and-equal-sequence", test_replay_and_equal_sequence);
  ADD ("/feed-updater/marks-survive-new-database", test_marks_survive_new_database);
  ADD ("/feed-updater/key-rotation", test_key_rotation);
  ADD ("/feed-updater/marks-migrated", test_marks_migrated);
  ADD ("/feed-updater/invalid-content", test_invalid_content);
  ADD ("/feed-updater/http-failures-keep-feed", test_http_failures_keep_feed);
  ADD ("/feed-updater/cut-off-download", test_cut_off_download);
  ADD ("/feed-updater/expired-feed", test_expired_feed);
  ADD ("/feed-updater/read-state-survives", test_read_state_survives_new_feed);
  ADD ("/feed-updater/bundled-until-network", test_bundled_until_network);
#undef ADD
  g_test_add_func ("/feed-updater/bundled-file-is-valid", test_bundled_file_is_valid);

  return g_test_run ();
}
