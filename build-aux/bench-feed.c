/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-bench-feed"

#include "config.h"

#include <libsoup/soup.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bench-util.h"
#include "otasuke-feed.h"
#include "otasuke-json.h"
#include "otasuke-feed-updater.h"
#include "otasuke-minisign.h"
#include "otasuke-store-advisories.h"

/* The feed benchmark (not a test): prints figures for
 *  1. ingesting a 10,000-item feed (verify, parse, store) against jansson
 *     parsing the same bytes alone — target at most 2×; and the feed parser
 *     (strict check, tree, every field) on its own;
 *  2. ingesting the same feed again — target at most 5 ms;
 *  3. the longest main-loop stall while fetching and ingesting it from a
 *     loopback server — target at most 20 ms.
 * Usage: bench-feed [ITEMS] [RUNS] */

static char *
make_feed (guint n_items)
{
  GString *json = g_string_new ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"佐倉商工会議所 セキュリティのお知らせ\","
                                "\"_otasuke\":{\"schema\":1,\"sequence\":42,\"generated\":\"2026-11-01T00:00:00+09:00\","
                                "\"expires\":\"2099-01-01T00:00:00+09:00\"},\"items\":[");

  /* About 400 bytes an item, so 10,000 items stay within the 4 MiB limit. */
  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (json,
                            "%s{\"id\":\"bench-%u\",\"url\":\"https://www.sakura-cci.or.jp/n/%u\","
                            "\"title\":\"ルーター更新（%u）\","
                            "\"content_text\":\"初期パスワードはすぐに変更してください。\","
                            "\"date_published\":\"2026-10-%02uT09:00:00+09:00\","
                            "\"_otasuke\":{\"severity\":\"%s\",\"category\":\"router\",\"checks\":["
                            "{\"type\":\"router_firmware\",\"vendor\":\"BUFFALO\",\"model\":\"WSR-%u\",\"affected_max\":\"1.%u\"}]}}",
                            i > 0 ? "," : "", i, i, i, 1 + i % 28,
                            (i % 5 == 0) ? "critical" : "high", 1000 + i, i % 100);
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static char *
fresh_db_path (const char *dir,
               guint       n)
{
  g_autofree char *name = g_strdup_printf ("bench-%u.db", n);

  return g_build_filename (dir, name, NULL);
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  GBytes **files = user_data;
  GBytes *body = g_str_has_suffix (path, ".minisig") ? files[1] : files[0];

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

typedef struct {
  gboolean              done;
  OtasukeUpdateOutcome *outcome;
  GError               *error;
} Wait;

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->outcome = otasuke_feed_updater_update_finish (OTASUKE_FEED_UPDATER (object), result, &wait->error);
  wait->done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint n_items = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 7;
  g_autofree char *feed = make_feed (n_items);
  gsize feed_len = strlen (feed);
  g_autofree char *public_file = NULL;
  g_autofree char *secret_file = NULL;
  g_autofree char *signature = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_minisign_key_free);
  g_autoptr(GArray) json_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) json_load_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parse_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ingest_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) again_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) body = g_bytes_new_static (feed, feed_len);
  g_autoptr(GBytes) sig_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("otasuke-bench-feed-XXXXXX", NULL);
  g_autoptr(OtasukeStore) store = NULL;
  g_autofree char *db = NULL;
  double json_ms, json_load_ms, parse_ms, ingest_ms, again_ms, stall_ms;

  otasuke_minisign_keygen (&public_file, &secret_file);
  g_ptr_array_add (keys, otasuke_minisign_key_new_from_file_contents (public_file, strlen (public_file), &error));
  g_assert_no_error (error);
  signature = otasuke_minisign_sign (secret_file, strlen (secret_file), (const guint8 *) feed, feed_len,
                                     "feed.json", NULL, &error);
  g_assert_no_error (error);
  sig_bytes = g_bytes_new_static (signature, strlen (signature));

  g_print ("Feed: %u items, %.1f MiB\n", n_items, feed_len / 1048576.0);

  /* jansson alone: loading the tree, and loading plus freeing it (the
   * ingest below frees its tree too, so the second is the like-for-like figure). */
  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      json_t *tree = otasuke_json_load (feed, (gssize) feed_len, &error);
      double ms, full_ms;

      if (tree == NULL)
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      json_decref (tree);
      full_ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (json_load_times, ms);
      g_array_append_val (json_times, full_ms);
    }

  /* The feed parser alone: strict check, JSON tree, every field and item read. */
  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      OtasukeFeed *parsed = otasuke_feed_parse (feed, feed_len, &error);
      double ms;

      g_assert_no_error (error);
      g_assert_cmpuint (parsed->items->len, ==, n_items);
      otasuke_feed_free (parsed);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (parse_times, ms);
    }

  for (guint r = 0; r < runs; r++)
    {
      g_autofree char *path = fresh_db_path (dir, r);
      g_autoptr(OtasukeStore) fresh = otasuke_store_open (path, &error);
      g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
      gint64 t0;
      double ms;

      g_assert_no_error (error);
      t0 = g_get_monotonic_time ();
      outcome = otasuke_feed_ingest (fresh, keys, "https://bench.invalid/feed.json", body, sig_bytes,
                                     NULL, NULL, 1000, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);
      g_array_append_val (ingest_times, ms);

      if (r == 0)
        {
          store = g_object_ref (fresh);
          db = g_strdup (path);
        }
    }

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      outcome = otasuke_feed_ingest (store, keys, "https://bench.invalid/feed.json", body, sig_bytes,
                                     NULL, NULL, 2000, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpint (outcome->status, ==, OTASUKE_UPDATE_UNCHANGED);
      g_array_append_val (again_times, ms);
    }

  /* Fetch and ingest from a loopback server while a 1 ms timer watches the loop. */
  {
    g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
    GBytes *files[2] = { body, sig_bytes };
    g_autoptr(GSList) uris = NULL;
    g_autofree char *url = NULL;
    g_autofree char *path = fresh_db_path (dir, 999);
    g_autoptr(OtasukeStore) fresh = otasuke_store_open (path, &error);
    g_autoptr(OtasukeFeedFetcher) fetcher = otasuke_feed_fetcher_new ();
    g_autoptr(OtasukeFeedUpdater) updater = NULL;
    g_autofree char *key_line = otasuke_minisign_key_get_base64 (g_ptr_array_index (keys, 0));
    const char *key_lines[] = { key_line, NULL };
    BenchStallMeter meter = { 0 };
    Wait wait = { 0 };
    guint tick;

    g_assert_no_error (error);
    soup_server_add_handler (server, NULL, serve_cb, files, NULL);
    soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
    g_assert_no_error (error);
    uris = soup_server_get_uris (server);
    url = g_strdup_printf ("http://127.0.0.1:%d/feed.json", g_uri_get_port (uris->data));
    g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

    updater = otasuke_feed_updater_new (fresh, fetcher);
    otasuke_feed_updater_set_trusted_keys (updater, key_lines);
    tick = bench_stall_meter_start (&meter);
    otasuke_feed_updater_update_async (updater, url, NULL, update_cb, &wait);
    while (!wait.done)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (tick);
    if (wait.error != NULL)
      g_error ("%s", wait.error->message);
    g_assert_cmpint (wait.outcome->status, ==, OTASUKE_UPDATE_ACCEPTED);
    otasuke_update_outcome_free (wait.outcome);
    stall_ms = meter.longest / 1000.0;
  }

  json_ms = bench_median (json_times);
  json_load_ms = bench_median (json_load_times);
  parse_ms = bench_median (parse_times);
  ingest_ms = bench_median (ingest_times);
  again_ms = bench_median (again_times);

  g_print ("jansson load alone:             %8.1f ms (median of %u)\n", json_load_ms, runs);
  g_print ("jansson load and free:          %8.1f ms (median of %u)\n", json_ms, runs);
  g_print ("feed parse (otasuke_feed_parse): %8.1f ms (median of %u)\n", parse_ms, runs);
  g_print ("ingest (verify, parse, store):  %8.1f ms (median of %u)\n", ingest_ms, runs);
  g_print ("ratio ingest/jansson (load and free)   = %.2f (target <= 2.00) %s\n", ingest_ms / json_ms,
           ingest_ms / json_ms <= 2.0 ? "PASS" : "MISS");
  g_print ("ratio ingest/jansson (load only)       = %.2f\n", ingest_ms / json_load_ms);
  g_print ("ingest of the same feed again:  %8.2f ms (target <= 5 ms) %s\n", again_ms,
           again_ms <= 5.0 ? "PASS" : "MISS");
  g_print ("longest main-loop stall during fetch+ingest: %.1f ms (target <= 20 ms) %s\n", stall_ms,
           stall_ms <= 20.0 ? "PASS" : "MISS");

  for (guint r = 0; r < runs; r++)
    {
      g_autofree char *path = fresh_db_path (dir, r);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (path);
      g_remove (wal);
      g_remove (shm);
    }
  {
    g_autofree char *path = fresh_db_path (dir, 999);
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (path);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
  return 0;
}
