/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "otasuke-store-advisories.h"
#include "otasuke-store-private.h"

void
otasuke_feed_status_free (OtasukeFeedStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->source);
  g_free (status->key_id);
  g_free (status->last_error);
  g_free (status->etag);
  g_free (status->last_modified);
  g_free (status->contacts_json);
  g_free (status);
}

#define STATUS_COLUMNS \
  "url, key_id, IFNULL(sequence, -1), IFNULL(generated_at, 0), IFNULL(expires_at, 0), " \
  "IFNULL(last_success_at, 0), last_error, IFNULL(last_error_at, 0), etag, last_modified, " \
  "failures, contacts_json"

static OtasukeFeedStatus *
read_status_row (sqlite3_stmt *stmt)
{
  OtasukeFeedStatus *status = g_new0 (OtasukeFeedStatus, 1);

  status->source = otasuke_store_column_dup_text (stmt, 0);
  status->key_id = otasuke_store_column_dup_text (stmt, 1);
  status->sequence = sqlite3_column_int64 (stmt, 2);
  status->generated_at = sqlite3_column_int64 (stmt, 3);
  status->expires_at = sqlite3_column_int64 (stmt, 4);
  status->last_success_at = sqlite3_column_int64 (stmt, 5);
  status->last_error = otasuke_store_column_dup_text (stmt, 6);
  status->last_error_at = sqlite3_column_int64 (stmt, 7);
  status->etag = otasuke_store_column_dup_text (stmt, 8);
  status->last_modified = otasuke_store_column_dup_text (stmt, 9);
  status->failures = (guint) sqlite3_column_int (stmt, 10);
  status->contacts_json = otasuke_store_column_dup_text (stmt, 11);
  return status;
}

/* Runs a status query with an optional text parameter; the lock must be held. */
static OtasukeFeedStatus *
query_status (OtasukeStore  *self,
              const char    *sql,
              const char    *param,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = otasuke_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);

  rc = otasuke_store_step (self, stmt, error);
  if (rc != SQLITE_ROW)
    return NULL;
  return read_status_row (stmt);
}

/* The network feed accepted most recently wins over the bundled one. */
#define ACTIVE_STATUS_SQL \
  "SELECT " STATUS_COLUMNS " FROM feed_sources WHERE accepted_at IS NOT NULL " \
  "ORDER BY (url = '" OTASUKE_FEED_SOURCE_BUNDLED "'), accepted_at DESC LIMIT 1"

OtasukeFeedStatus *
otasuke_store_get_feed_status (OtasukeStore  *self,
                               GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(OtasukeFeedStatus) active = NULL;
  g_autoptr(OtasukeFeedStatus) last_fetch = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  locker = otasuke_store_lock (self);
  active = query_status (self, ACTIVE_STATUS_SQL, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  /* Fetch outcomes belong to the network source tried last, which may not
   * have been accepted yet (first start with a broken server). */
  last_fetch = query_status (self,
                             "SELECT " STATUS_COLUMNS " FROM feed_sources WHERE url != ? "
                             "ORDER BY MAX(IFNULL(last_success_at, 0), IFNULL(last_error_at, 0)) DESC LIMIT 1",
                             OTASUKE_FEED_SOURCE_BUNDLED, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (active == NULL)
    return g_steal_pointer (&last_fetch);

  if (last_fetch != NULL)
    {
      active->last_success_at = last_fetch->last_success_at;
      active->last_error_at = last_fetch->last_error_at;
      g_free (active->last_error);
      active->last_error = g_steal_pointer (&last_fetch->last_error);
      active->failures = last_fetch->failures;
    }
  else if (g_strcmp0 (active->source, OTASUKE_FEED_SOURCE_BUNDLED) == 0)
    active->last_success_at = 0;

  return g_steal_pointer (&active);
}

OtasukeFeedStatus *
otasuke_store_get_source_status (OtasukeStore  *self,
                                 const char    *source,
                                 GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  locker = otasuke_store_lock (self);
  return query_status (self, "SELECT " STATUS_COLUMNS " FROM feed_sources WHERE url = ?", source, error);
}

/* The replay mark of @source: sets *out_sequence (-1 when none) and
 * *out_body_hash (NULL when not known); the lock must be held. */
static gboolean
feed_mark_locked (OtasukeStore  *self,
                  const char    *source,
                  gint64        *out_sequence,
                  char         **out_body_hash,
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    otasuke_store_prepare (self, "SELECT sequence, body_hash FROM feed_marks WHERE source = ?", error);
  int rc;

  *out_sequence = -1;
  if (out_body_hash != NULL)
    *out_body_hash = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  rc = otasuke_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    {
      *out_sequence = sqlite3_column_int64 (stmt, 0);
      if (out_body_hash != NULL)
        *out_body_hash = otasuke_store_column_dup_text (stmt, 1);
    }
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gboolean
otasuke_store_get_feed_mark (OtasukeStore  *self,
                             const char    *source,
                             gint64        *out_sequence,
                             char         **out_body_hash,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (out_sequence != NULL, FALSE);

  locker = otasuke_store_lock (self);
  return feed_mark_locked (self, source, out_sequence, out_body_hash, error);
}

gboolean
otasuke_store_feed_has_content (OtasukeStore  *self,
                                const char    *source,
                                const char    *content_hash,
                                GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);

  locker = otasuke_store_lock (self);
  stmt = otasuke_store_prepare (self, "SELECT 1 FROM feed_sources WHERE url = ? AND content_hash = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  otasuke_store_bind_text_or_null (stmt, 2, content_hash);
  return otasuke_store_step (self, stmt, error) == SQLITE_ROW;
}

static gboolean
ensure_source_row (OtasukeStore  *self,
                   const char    *source,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    otasuke_store_prepare (self, "INSERT OR IGNORE INTO feed_sources (url) VALUES (?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  return otasuke_store_step (self, stmt, error) == SQLITE_DONE;
}

/* Runs @sql on the row of @source, made first if need be: in it ?1 is @now,
 * ?2 and ?3 are @text2 and @text3 (NULL allowed), ?4 is @source. */
static gboolean
update_source_locked (OtasukeStore  *self,
                      const char    *source,
                      const char    *sql,
                      gint64         now,
                      const char    *text2,
                      const char    *text3,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!ensure_source_row (self, source, error))
    return FALSE;

  stmt = otasuke_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  otasuke_store_bind_text_or_null (stmt, 2, text2);
  otasuke_store_bind_text_or_null (stmt, 3, text3);
  sqlite3_bind_text (stmt, 4, source, -1, SQLITE_TRANSIENT);
  return otasuke_store_step (self, stmt, error) == SQLITE_DONE;
}

/* A fetch that went well; the bundled feed is never "fetched". */
static gboolean
mark_fetch_success_locked (OtasukeStore  *self,
                           const char    *source,
                           const char    *etag,
                           const char    *last_modified,
                           gint64         now,
                           GError       **error)
{
  if (g_strcmp0 (source, OTASUKE_FEED_SOURCE_BUNDLED) == 0)
    return TRUE;

  return update_source_locked (self, source,
                               "UPDATE feed_sources SET last_success_at = ?1, failures = 0, "
                               "last_error = NULL, last_error_at = NULL, "
                               "etag = IFNULL(?2, etag), last_modified = IFNULL(?3, last_modified) "
                               "WHERE url = ?4",
                               now, etag, last_modified, error);
}

/* Ends the transaction otasuke_store_begin() started: commits when @ok, else rolls back. */
static gboolean
end_transaction (OtasukeStore  *self,
                 gboolean       ok,
                 GError       **error)
{
  if (!ok)
    {
      otasuke_store_rollback (self);
      return FALSE;
    }
  return otasuke_store_commit (self, error);
}

static gboolean
insert_advisories (OtasukeStore       *self,
                   const char         *source,
                   const OtasukeFeed  *feed,
                   gint64              now,
                   GPtrArray          *new_ids,
                   GError            **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) state = NULL;

  insert = otasuke_store_prepare (self,
                                  "INSERT OR REPLACE INTO advisories (id, source, item_json, severity, date) "
                                  "VALUES (?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  state = otasuke_store_prepare (self, "INSERT OR IGNORE INTO advisory_state (id, first_seen) VALUES (?, ?)", error);
  if (state == NULL)
    return FALSE;

  for (guint i = 0; i < feed->items->len; i++)
    {
      const OtasukeFeedItem *item = g_ptr_array_index (feed->items, i);
      char *json = otasuke_feed_item_to_json (item);
      gint64 date = item->date_published > 0 ? item->date_published : item->date_modified;

      sqlite3_bind_text (insert, 1, item->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, source, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 3, json, -1, g_free);
      sqlite3_bind_int (insert, 4, item->severity);
      sqlite3_bind_int64 (insert, 5, date > 0 ? date : now);
      if (otasuke_store_step (self, insert, error) != SQLITE_DONE)
        return FALSE;
      sqlite3_reset (insert);

      sqlite3_bind_text (state, 1, item->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (state, 2, now);
      if (otasuke_store_step (self, state, error) != SQLITE_DONE)
        return FALSE;
      if (sqlite3_changes (self->db) > 0 && new_ids != NULL)
        g_ptr_array_add (new_ids, g_strdup (item->id));
      sqlite3_reset (state);
    }

  return TRUE;
}

/* Sets the replay mark of @source; @accepted says a feed was accepted now
 * (else only the digest of the one already accepted is filled in). */
static gboolean
update_mark_locked (OtasukeStore  *self,
                    const char    *source,
                    gint64         sequence,
                    const char    *body_hash,
                    gint64         now,
                    gboolean       accepted,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = otasuke_store_prepare (self,
                                accepted
                                ? "INSERT INTO feed_marks (source, sequence, body_hash, accepted_at) VALUES (?1, ?2, ?3, ?4) "
                                  "ON CONFLICT (source) DO UPDATE SET sequence = excluded.sequence, "
                                  "body_hash = excluded.body_hash, accepted_at = excluded.accepted_at"
                                : "UPDATE feed_marks SET body_hash = ?3 WHERE source = ?1 AND sequence = ?2 AND body_hash IS NULL",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, sequence);
  otasuke_store_bind_text_or_null (stmt, 3, body_hash);
  if (accepted)
    sqlite3_bind_int64 (stmt, 4, now);
  return otasuke_store_step (self, stmt, error) == SQLITE_DONE;
}

static gboolean
apply_locked (OtasukeStore       *self,
              const char         *source,
              const char         *key_id,
              const OtasukeFeed  *feed,
              const char         *content_hash,
              const char         *body_hash,
              const char         *etag,
              const char         *last_modified,
              gint64              now,
              OtasukeApplyResult *result,
              GPtrArray          *new_ids,
              GError            **error)
{
  gboolean bundled = g_strcmp0 (source, OTASUKE_FEED_SOURCE_BUNDLED) == 0;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *contacts = NULL;
  g_autofree char *previous_hash = NULL;
  gint64 previous;
  gint64 shown;

  *result = OTASUKE_APPLY_UNCHANGED;

  if (bundled)
    {
      gint64 network = 0;

      /* The bundled feed only stands in until a network feed is accepted. */
      if (!otasuke_store_query_int (self,
                                    "SELECT COUNT(*) FROM feed_sources WHERE accepted_at IS NOT NULL "
                                    "AND url != '" OTASUKE_FEED_SOURCE_BUNDLED "'", &network, error))
        return FALSE;
      if (network > 0)
        return TRUE;
    }

  stmt = otasuke_store_prepare (self, "SELECT IFNULL(sequence, -1) FROM feed_sources WHERE url = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  shown = otasuke_store_step (self, stmt, error) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  g_clear_pointer (&stmt, sqlite3_finalize);
  previous = shown;

  if (!bundled)
    {
      g_return_val_if_fail (key_id != NULL, FALSE);
      if (!feed_mark_locked (self, source, &previous, &previous_hash, error))
        return FALSE;
    }

  /* The caller checked this already; checking again under the write lock
   * keeps a second Otasuke from slipping an older feed in meanwhile. */
  if (feed->sequence < previous)
    {
      g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_FAILED,
                   _("This feed is older (number %lld) than the one already accepted (number %lld)."),
                   (long long) feed->sequence, (long long) previous);
      return FALSE;
    }
  if (feed->sequence == previous)
    {
      if (previous_hash != NULL && body_hash != NULL && strcmp (previous_hash, body_hash) != 0)
        {
          g_set_error (error, OTASUKE_STORE_ERROR, OTASUKE_STORE_ERROR_FAILED,
                       _("This feed has the same number (%lld) as the one already accepted, but other content."),
                       (long long) feed->sequence);
          return FALSE;
        }
      /* A mark carried over from before marks kept a digest learns it now. */
      if (!bundled && previous_hash == NULL && body_hash != NULL &&
          !update_mark_locked (self, source, feed->sequence, body_hash, now, FALSE, error))
        return FALSE;
      /* Shown already, or the same again. But where the old per-key marks
       * let an older feed replace it, the marked one is shown again now. */
      if (shown >= feed->sequence)
        return mark_fetch_success_locked (self, source, etag, last_modified, now, error);
    }

  /* Accepting a network feed retires every other source's advisories. */
  stmt = otasuke_store_prepare (self, bundled ? "DELETE FROM advisories WHERE source = ?"
                                              : "DELETE FROM advisories WHERE source = ? OR source != ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  if (!bundled)
    sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  if (otasuke_store_step (self, stmt, error) != SQLITE_DONE)
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!insert_advisories (self, source, feed, now, new_ids, error))
    return FALSE;

  if (!ensure_source_row (self, source, error))
    return FALSE;
  if (feed->contacts != NULL && feed->contacts->len > 0)
    contacts = otasuke_feed_contacts_to_json (feed->contacts);

  stmt = otasuke_store_prepare (self,
                                "UPDATE feed_sources SET key_id = ?, sequence = ?, content_hash = ?, "
                                "generated_at = ?, expires_at = ?, contacts_json = ?, accepted_at = ? "
                                "WHERE url = ?", error);
  if (stmt == NULL)
    return FALSE;
  otasuke_store_bind_text_or_null (stmt, 1, key_id);
  sqlite3_bind_int64 (stmt, 2, feed->sequence);
  otasuke_store_bind_text_or_null (stmt, 3, content_hash);
  sqlite3_bind_int64 (stmt, 4, feed->generated);
  sqlite3_bind_int64 (stmt, 5, feed->expires);
  otasuke_store_bind_text_or_null (stmt, 6, contacts);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_text (stmt, 8, source, -1, SQLITE_TRANSIENT);
  if (otasuke_store_step (self, stmt, error) != SQLITE_DONE)
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!bundled && !update_mark_locked (self, source, feed->sequence, body_hash, now, TRUE, error))
    return FALSE;

  if (!mark_fetch_success_locked (self, source, etag, last_modified, now, error))
    return FALSE;

  *result = OTASUKE_APPLY_ACCEPTED;
  return TRUE;
}

gboolean
otasuke_store_apply_feed (OtasukeStore       *self,
                          const char         *source,
                          const char         *key_id,
                          const OtasukeFeed  *feed,
                          const char         *content_hash,
                          const char         *body_hash,
                          const char         *etag,
                          const char         *last_modified,
                          gint64              now,
                          OtasukeApplyResult *result,
                          GPtrArray         **new_ids,
                          GError            **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  OtasukeApplyResult dummy;
  gboolean ok;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (feed != NULL, FALSE);

  if (result == NULL)
    result = &dummy;

  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;
  ok = apply_locked (self, source, key_id, feed, content_hash, body_hash, etag, last_modified, now, result, ids, error);
  if (!end_transaction (self, ok, error))
    return FALSE;

  if (new_ids != NULL)
    *new_ids = g_steal_pointer (&ids);
  return TRUE;
}

gboolean
otasuke_store_record_feed_success (OtasukeStore  *self,
                                   const char    *source,
                                   const char    *etag,
                                   const char    *last_modified,
                                   gint64         now,
                                   GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean ok;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);

  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;
  ok = mark_fetch_success_locked (self, source, etag, last_modified, now, error);
  return end_transaction (self, ok, error);
}

gboolean
otasuke_store_record_feed_error (OtasukeStore  *self,
                                 const char    *source,
                                 const char    *message,
                                 gint64         now,
                                 GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean ok;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);

  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;
  ok = update_source_locked (self, source,
                             "UPDATE feed_sources SET last_error = ?2, last_error_at = ?1, "
                             "failures = failures + 1 WHERE url = ?4",
                             now, message, NULL, error);
  return end_transaction (self, ok, error);
}

GPtrArray *
otasuke_store_list_advisories (OtasukeStore  *self,
                               GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  locker = otasuke_store_lock (self);
  stmt = otasuke_store_prepare (self,
                                "SELECT a.item_json, s.first_seen, IFNULL(s.read_at, 0), IFNULL(s.notified_at, 0) "
                                "FROM advisories a JOIN advisory_state s ON s.id = a.id "
                                "ORDER BY a.date DESC, a.severity DESC, a.id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = otasuke_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(GError) item_error = NULL;
      g_autoptr(OtasukeFeedItem) item =
        otasuke_feed_item_from_json ((const char *) sqlite3_column_text (stmt, 0), &item_error);

      /* Items were validated on the way in; a bad row is skipped, not fatal. */
      if (item == NULL)
        {
          g_warning ("Skipping a stored advisory that no longer reads: %s", item_error->message);
          continue;
        }
      g_ptr_array_add (list, otasuke_advisory_new_from_item (item,
                                                             sqlite3_column_int64 (stmt, 1),
                                                             sqlite3_column_int64 (stmt, 2),
                                                             sqlite3_column_int64 (stmt, 3)));
    }

  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&list);
}

static gboolean
write_one (OtasukeStore  *self,
           const char    *sql,
           gint64         value,
           const char    *id,
           GError       **error)
{
  g_autoptr(GMutexLocker) locker = otasuke_store_lock (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  if (!otasuke_store_begin (self, error))
    return FALSE;
  stmt = otasuke_store_prepare (self, sql, error);
  if (stmt != NULL)
    {
      if (value != 0)
        sqlite3_bind_int64 (stmt, 1, value);
      else
        sqlite3_bind_null (stmt, 1);
      if (id != NULL)
        sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
    }
  ok = stmt != NULL && otasuke_store_step (self, stmt, error) == SQLITE_DONE;
  g_clear_pointer (&stmt, sqlite3_finalize);
  return end_transaction (self, ok, error);
}

gboolean
otasuke_store_set_advisory_read (OtasukeStore  *self,
                                 const char    *id,
                                 gboolean       read,
                                 gint64         now,
                                 GError       **error)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return write_one (self, "UPDATE advisory_state SET read_at = ? WHERE id = ?", read ? now : 0, id, error);
}

gboolean
otasuke_store_mark_all_advisories_read (OtasukeStore  *self,
                                        gint64         now,
                                        GError       **error)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);

  return write_one (self,
                    "UPDATE advisory_state SET read_at = ? WHERE read_at IS NULL "
                    "AND id IN (SELECT id FROM advisories)", now, NULL, error);
}

gboolean
otasuke_store_set_advisory_notified (OtasukeStore  *self,
                                     const char    *id,
                                     gint64         now,
                                     GError       **error)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return write_one (self, "UPDATE advisory_state SET notified_at = ? WHERE id = ? AND notified_at IS NULL",
                    now, id, error);
}
