/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-feed-updater"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "otasuke-feed-updater.h"
#include "otasuke-feed.h"
#include "otasuke-minisign.h"
#include "otasuke-store-advisories.h"

struct _OtasukeFeedUpdater
{
  GObject             parent_instance;

  OtasukeStore       *store;
  OtasukeFeedFetcher *fetcher;
  GPtrArray          *keys;  /* OtasukeMinisignKey* */
  GString            *unreadable;  /* one line per key that could not be read */
};

G_DEFINE_FINAL_TYPE (OtasukeFeedUpdater, otasuke_feed_updater, G_TYPE_OBJECT)

G_DEFINE_QUARK (otasuke-update-error-quark, otasuke_update_error)

void
otasuke_update_outcome_free (OtasukeUpdateOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_clear_pointer (&outcome->new_ids, g_ptr_array_unref);
  g_free (outcome);
}

static OtasukeUpdateOutcome *
outcome_new (OtasukeUpdateStatus status)
{
  OtasukeUpdateOutcome *outcome = g_new0 (OtasukeUpdateOutcome, 1);

  outcome->status = status;
  outcome->sequence = -1;
  outcome->new_ids = g_ptr_array_new_with_free_func (g_free);
  return outcome;
}

/* A BLAKE2b-256 digest of @bytes in base64. */
static char *
digest_base64 (GBytes *bytes)
{
  guint8 digest[32];
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  crypto_generichash (digest, sizeof digest, data, len, NULL, 0);
  return g_base64_encode (digest, sizeof digest);
}

/* Names the content without hashing it again: once the signature has been
 * verified against the bytes, the same signature means the same bytes, since
 * it covers their BLAKE2b-512 digest. */
static char *
content_hash (GBytes *signature)
{
  return digest_base64 (signature);
}

/* A digest of the feed's bytes alone, whichever key signed them: the replay
 * mark keeps it, so the accepted number with other content is told apart. */
static char *
body_hash (GBytes *body)
{
  return digest_base64 (body);
}

/* The last accepted network feed, kept beside the database exactly as it was
 * signed. Receiving those very bytes again (with the same signature) needs
 * no second verification: they were verified when they were accepted. */
static char *
cache_path (OtasukeStore *store,
            const char   *suffix)
{
  g_autofree char *dir = g_path_get_dirname (otasuke_store_get_path (store));
  g_autofree char *name = g_strconcat ("last-feed.json", suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

static gboolean
same_as_file (const char *path,
              GBytes     *bytes)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return file != NULL && g_mapped_file_get_length (file) == len &&
         (len == 0 || memcmp (g_mapped_file_get_contents (file), data, len) == 0);
}

static gboolean
same_as_last_accepted (OtasukeStore *store,
                       GBytes       *body,
                       GBytes       *signature)
{
  g_autofree char *body_path = cache_path (store, "");
  g_autofree char *sig_path = cache_path (store, ".minisig");

  return same_as_file (sig_path, signature) && same_as_file (body_path, body);
}

static void
remember_accepted (OtasukeStore *store,
                   GBytes       *body,
                   GBytes       *signature)
{
  g_autofree char *body_path = cache_path (store, "");
  g_autofree char *sig_path = cache_path (store, ".minisig");
  g_autoptr(GError) error = NULL;

  /* Only a shortcut: a torn or missing copy just means verifying again. */
  g_unlink (sig_path);
  if (!g_file_set_contents_full (body_path, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error) ||
      !g_file_set_contents_full (sig_path, g_bytes_get_data (signature, NULL), g_bytes_get_size (signature),
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_debug ("Could not keep a copy of the accepted feed: %s", error->message);
}

/* The replay marks again, outside the database: a damaged database is set
 * aside and a fresh one starts with no marks, and without this copy the
 * feed it had replaced could come back in. One group per source. */
static char *
marks_path (OtasukeStore *store)
{
  return cache_path (store, ".marks");
}

/* Raises *sequence (and sets *hash) when the copy beside the database holds a
 * higher mark than the store, or the same one with a hash the store lost. */
static void
merge_file_mark (OtasukeStore *store,
                 const char   *source,
                 gint64       *sequence,
                 char        **hash)
{
  g_autofree char *path = marks_path (store);
  g_autoptr(GKeyFile) marks = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *file_hash = NULL;
  gint64 file_sequence;

  if (!g_key_file_load_from_file (marks, path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("The copy of the replay marks could not be read: %s", error->message);
      return;
    }
  file_sequence = g_key_file_get_int64 (marks, source, "sequence", &error);
  if (error != NULL)
    return;
  file_hash = g_key_file_get_string (marks, source, "body-hash", NULL);
  if (file_sequence > *sequence)
    {
      *sequence = file_sequence;
      g_free (*hash);
      *hash = g_steal_pointer (&file_hash);
    }
  else if (file_sequence == *sequence && *hash == NULL)
    *hash = g_steal_pointer (&file_hash);
}

static void
remember_mark (OtasukeStore *store,
               const char   *source,
               gint64        sequence,
               const char   *hash)
{
  g_autofree char *path = marks_path (store);
  g_autoptr(GKeyFile) marks = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  /* Other sources' marks are kept; an unreadable copy is replaced. */
  g_key_file_load_from_file (marks, path, G_KEY_FILE_NONE, NULL);
  g_key_file_set_int64 (marks, source, "sequence", sequence);
  g_key_file_set_string (marks, source, "body-hash", hash);
  data = g_key_file_to_data (marks, &len, NULL);
  if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("Could not keep a copy of the replay mark: %s", error->message);
}

/* Keeps the reason for the user; the store's own failure is only logged,
 * since the caller reports the original error. */
static void
record_error (OtasukeStore *store,
              const char   *source,
              const GError *error,
              gint64        now)
{
  g_autoptr(GError) store_error = NULL;

  if (!otasuke_store_record_feed_error (store, source, error->message, now, &store_error))
    g_warning ("Could not record a feed error: %s", store_error->message);
}

static GError *
no_trusted_key_error (void)
{
  return g_error_new_literal (OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_NO_TRUSTED_KEY,
                              _("No key to check the Chamber’s signature is set up, so advisories from the network are not accepted."));
}

OtasukeUpdateOutcome *
otasuke_feed_ingest (OtasukeStore  *store,
                     GPtrArray     *keys,
                     const char    *source,
                     GBytes        *body,
                     GBytes        *signature,
                     const char    *etag,
                     const char    *last_modified,
                     gint64         now,
                     GError       **error)
{
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  g_autoptr(OtasukeFeed) feed = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *trusted_comment = NULL;
  g_autofree char *accepted_hash = NULL;
  g_autofree char *digest = NULL;
  const OtasukeMinisignKey *key = NULL;
  OtasukeApplyResult applied;
  const char *data;
  gsize len;
  gint64 accepted;

  g_return_val_if_fail (OTASUKE_IS_STORE (store), NULL);
  g_return_val_if_fail (body != NULL, NULL);

  data = g_bytes_get_data (body, &len);

  if (keys == NULL || keys->len == 0)
    {
      local_error = no_trusted_key_error ();
      goto fail;
    }

  if (signature == NULL)
    {
      g_set_error_literal (&local_error, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_SIGNATURE,
                           _("The advisories were not signed, so they were refused."));
      goto fail;
    }
  hash = content_hash (signature);
  if (otasuke_store_feed_has_content (store, source, hash, &local_error) &&
      same_as_last_accepted (store, body, signature))
    {
      if (!otasuke_store_record_feed_success (store, source, etag, last_modified, now, error))
        return NULL;
      return outcome_new (OTASUKE_UPDATE_UNCHANGED);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The signature is checked before a single byte is parsed. */
  if (!otasuke_minisign_verify (keys, (const guint8 *) data, len,
                                g_bytes_get_data (signature, NULL), g_bytes_get_size (signature),
                                &trusted_comment, &key, &local_error))
    {
      g_autofree char *reason = g_strdup (local_error->message);

      g_clear_error (&local_error);
      g_set_error (&local_error, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_SIGNATURE,
                   _("The advisories’ signature is not valid, so they were refused. %s"), reason);
      goto fail;
    }
  key_id = otasuke_minisign_key_get_id (key);

  feed = otasuke_feed_parse (data, len, &local_error);
  if (feed == NULL)
    {
      g_autofree char *reason = g_strdup (local_error->message);

      g_clear_error (&local_error);
      g_set_error (&local_error, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_INVALID_FEED,
                   _("The advisories could not be read, so they were refused: %s"), reason);
      goto fail;
    }

  /* One mark per source, whichever trusted key signed: with two keys (a key
   * being replaced) an older feed signed by one must not replace a newer
   * one signed by the other. */
  if (!otasuke_store_get_feed_mark (store, source, &accepted, &accepted_hash, error))
    return NULL;
  merge_file_mark (store, source, &accepted, &accepted_hash);
  if (feed->sequence < accepted)
    {
      g_set_error (&local_error, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_REPLAY,
                   _("The server sent older advisories (number %lld) than the ones already here (number %lld), so they were refused."),
                   (long long) feed->sequence, (long long) accepted);
      goto fail;
    }
  digest = body_hash (body);
  if (feed->sequence == accepted && accepted_hash != NULL && strcmp (accepted_hash, digest) != 0)
    {
      g_set_error (&local_error, OTASUKE_UPDATE_ERROR, OTASUKE_UPDATE_ERROR_SAME_SEQUENCE,
                   _("The server sent advisories with the same number (%lld) as the ones already here but different content, so they were refused."),
                   (long long) feed->sequence);
      goto fail;
    }

  outcome = outcome_new (OTASUKE_UPDATE_UNCHANGED);
  outcome->sequence = feed->sequence;
  outcome->n_items = feed->items->len;
  outcome->expired = otasuke_feed_is_expired (feed, now);
  g_clear_pointer (&outcome->new_ids, g_ptr_array_unref);

  if (!otasuke_store_apply_feed (store, source, key_id, feed, hash, digest, etag, last_modified, now,
                                 &applied, &outcome->new_ids, error))
    return NULL;

  outcome->status = applied == OTASUKE_APPLY_ACCEPTED ? OTASUKE_UPDATE_ACCEPTED : OTASUKE_UPDATE_UNCHANGED;
  if (applied == OTASUKE_APPLY_ACCEPTED)
    {
      remember_accepted (store, body, signature);
      remember_mark (store, source, feed->sequence, digest);
    }
  return g_steal_pointer (&outcome);

fail:
  record_error (store, source, local_error, now);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

OtasukeUpdateOutcome *
otasuke_feed_ingest_bundled (OtasukeStore  *store,
                             GBytes        *body,
                             gint64         now,
                             GError       **error)
{
  g_autoptr(OtasukeFeed) feed = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  OtasukeApplyResult applied;
  gsize len;
  const char *data;

  g_return_val_if_fail (OTASUKE_IS_STORE (store), NULL);
  g_return_val_if_fail (body != NULL, NULL);

  data = g_bytes_get_data (body, &len);
  feed = otasuke_feed_parse (data, len, error);
  if (feed == NULL)
    return NULL;

  outcome = outcome_new (OTASUKE_UPDATE_UNCHANGED);
  outcome->sequence = feed->sequence;
  outcome->n_items = feed->items->len;
  outcome->expired = otasuke_feed_is_expired (feed, now);
  g_clear_pointer (&outcome->new_ids, g_ptr_array_unref);

  if (!otasuke_store_apply_feed (store, OTASUKE_FEED_SOURCE_BUNDLED, NULL, feed, NULL, NULL, NULL, NULL, now,
                                 &applied, &outcome->new_ids, error))
    return NULL;

  outcome->status = applied == OTASUKE_APPLY_ACCEPTED ? OTASUKE_UPDATE_ACCEPTED : OTASUKE_UPDATE_UNCHANGED;
  return g_steal_pointer (&outcome);
}

/* One update, carried from the main context to a worker and back. */
typedef struct {
  char                 *url;
  GPtrArray            *keys;
  OtasukeFetchResult   *fetched;
} UpdateData;

static void
update_data_free (UpdateData *data)
{
  g_free (data->url);
  g_clear_pointer (&data->keys, g_ptr_array_unref);
  g_clear_pointer (&data->fetched, otasuke_fetch_result_free);
  g_free (data);
}

/* The server did not say where the body ends, so a connection closed on the
 * way ended it as well as the server could have. A signature that does not
 * match such bytes is not taken for tampering (issue #10): the user is told
 * the download may be incomplete, and it is refused all the same. */
static gboolean
body_may_be_cut_off (UpdateData  *data,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (data->fetched->final_url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "";
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data->fetched->body, &len);

  if (data->keys == NULL || data->keys->len == 0 || data->fetched->signature == NULL)
    return FALSE;

  if (otasuke_minisign_verify (data->keys, bytes, len,
                               (const char *) g_bytes_get_data (data->fetched->signature, NULL),
                               g_bytes_get_size (data->fetched->signature),
                               NULL, NULL, &local_error) ||
      !g_error_matches (local_error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE))
    return FALSE;

  g_set_error (error, OTASUKE_FETCH_ERROR, OTASUKE_FETCH_ERROR_TRUNCATED,
               _("The download from %s may be incomplete: the server did not say how long it "
                 "is, and what arrived does not match its signature. Try again later."),
               host);
  return TRUE;
}

static void
ingest_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  OtasukeFeedUpdater *self = source_object;
  UpdateData *data = task_data;
  GError *error = NULL;
  OtasukeUpdateOutcome *outcome;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (data->fetched->not_modified)
    {
      if (!otasuke_store_record_feed_success (self->store, data->url, data->fetched->etag,
                                              data->fetched->last_modified, now, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_task_return_pointer (task, outcome_new (OTASUKE_UPDATE_NOT_MODIFIED),
                             (GDestroyNotify) otasuke_update_outcome_free);
      return;
    }

  if (!data->fetched->body_length_known && body_may_be_cut_off (data, &error))
    {
      record_error (self->store, data->url, error, now);
      g_task_return_error (task, error);
      return;
    }

  outcome = otasuke_feed_ingest (self->store, data->keys, data->url,
                                 data->fetched->body, data->fetched->signature,
                                 data->fetched->etag, data->fetched->last_modified, now, &error);
  if (outcome == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, outcome, (GDestroyNotify) otasuke_update_outcome_free);
}

static void
record_error_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  OtasukeFeedUpdater *self = source_object;
  UpdateData *data = task_data;
  const GError *error = g_object_get_data (G_OBJECT (task), "fetch-error");

  record_error (self->store, data->url, error, g_get_real_time () / G_USEC_PER_SEC);
  g_task_return_error (task, g_error_copy (error));
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UpdateData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->fetched = otasuke_feed_fetcher_fetch_finish (OTASUKE_FEED_FETCHER (object), result, &error);
  if (data->fetched == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          return;
        }
      /* Writing the reason down is disk work too. */
      g_object_set_data_full (G_OBJECT (task), "fetch-error", error, (GDestroyNotify) g_error_free);
      g_task_run_in_thread (task, record_error_in_thread);
      return;
    }

  g_task_run_in_thread (task, ingest_in_thread);
}

static void
validators_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  OtasukeFeedUpdater *self = source_object;
  UpdateData *data = task_data;
  g_autoptr(GError) error = NULL;
  OtasukeFeedStatus *status = otasuke_store_get_source_status (self->store, data->url, &error);

  if (error != NULL)
    g_warning ("Could not read the feed state: %s", error->message);
  /* Without validators the download is unconditional, which is still correct. */
  g_task_return_pointer (task, status, (GDestroyNotify) otasuke_feed_status_free);
}

static void
validators_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  OtasukeFeedUpdater *self = OTASUKE_FEED_UPDATER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(OtasukeFeedStatus) status = g_task_propagate_pointer (G_TASK (result), NULL);
  UpdateData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean have_content;

  /* Conditional GET only makes sense when the content it validates is still stored. */
  have_content = status != NULL && status->sequence >= 0;
  otasuke_feed_fetcher_fetch_async (self->fetcher, data->url,
                                    have_content ? status->etag : NULL,
                                    have_content ? status->last_modified : NULL,
                                    cancellable, fetch_cb, g_steal_pointer (&task));
}

void
otasuke_feed_updater_update_async (OtasukeFeedUpdater  *self,
                                   const char          *url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) lookup = NULL;
  UpdateData *data;

  g_return_if_fail (OTASUKE_IS_FEED_UPDATER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, otasuke_feed_updater_update_async);

  data = g_new0 (UpdateData, 1);
  data->url = g_strdup (url);
  /* The worker gets its own list: settings may change the keys meanwhile. */
  data->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_minisign_key_free);
  for (guint i = 0; i < self->keys->len; i++)
    g_ptr_array_add (data->keys, otasuke_minisign_key_copy (g_ptr_array_index (self->keys, i)));
  g_task_set_task_data (task, data, (GDestroyNotify) update_data_free);

  /* Without a key every feed would be refused: do not download one at all. */
  if (data->keys->len == 0)
    {
      g_object_set_data_full (G_OBJECT (task), "fetch-error", no_trusted_key_error (), (GDestroyNotify) g_error_free);
      g_task_run_in_thread (task, record_error_in_thread);
      return;
    }

  lookup = g_task_new (self, cancellable, validators_cb, g_steal_pointer (&task));
  g_task_set_source_tag (lookup, otasuke_feed_updater_update_async);
  g_task_set_task_data (lookup, data, NULL);
  g_task_run_in_thread (lookup, validators_in_thread);
}

OtasukeUpdateOutcome *
otasuke_feed_updater_update_finish (OtasukeFeedUpdater  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (OTASUKE_IS_FEED_UPDATER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
otasuke_feed_updater_set_trusted_keys (OtasukeFeedUpdater *self,
                                       const char * const *keys)
{
  g_return_val_if_fail (OTASUKE_IS_FEED_UPDATER (self), 0);

  g_ptr_array_set_size (self->keys, 0);
  g_string_truncate (self->unreadable, 0);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      OtasukeMinisignKey *key;

      if (*keys[i] == '\0')
        continue;
      key = otasuke_minisign_key_new (keys[i], &error);
      if (key == NULL)
        {
          g_autofree char *shown = g_utf8_make_valid (keys[i], MIN (strlen (keys[i]), 60));

          /* Translators: a trusted key from the settings that is not a key; the key, then why */
          g_string_append_printf (self->unreadable, _("“%s” is not a valid key (%s)."), shown, error->message);
          g_string_append_c (self->unreadable, '\n');
          continue;
        }
      g_ptr_array_add (self->keys, key);
    }

  return self->keys->len;
}

guint
otasuke_feed_updater_get_n_trusted_keys (OtasukeFeedUpdater *self)
{
  g_return_val_if_fail (OTASUKE_IS_FEED_UPDATER (self), 0);

  return self->keys->len;
}

char *
otasuke_feed_updater_get_unreadable_keys (OtasukeFeedUpdater *self)
{
  g_return_val_if_fail (OTASUKE_IS_FEED_UPDATER (self), NULL);

  if (self->unreadable->len == 0)
    return NULL;
  /* Without the last newline. */
  return g_strndup (self->unreadable->str, self->unreadable->len - 1);
}

OtasukeFeedFetcher *
otasuke_feed_updater_get_fetcher (OtasukeFeedUpdater *self)
{
  g_return_val_if_fail (OTASUKE_IS_FEED_UPDATER (self), NULL);

  return self->fetcher;
}

static void
otasuke_feed_updater_finalize (GObject *object)
{
  OtasukeFeedUpdater *self = OTASUKE_FEED_UPDATER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->fetcher);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_string_free (self->unreadable, TRUE);

  G_OBJECT_CLASS (otasuke_feed_updater_parent_class)->finalize (object);
}

static void
otasuke_feed_updater_class_init (OtasukeFeedUpdaterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = otasuke_feed_updater_finalize;
}

static void
otasuke_feed_updater_init (OtasukeFeedUpdater *self)
{
  self->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_minisign_key_free);
  self->unreadable = g_string_new (NULL);
}

OtasukeFeedUpdater *
otasuke_feed_updater_new (OtasukeStore       *store,
                          OtasukeFeedFetcher *fetcher)
{
  OtasukeFeedUpdater *self;

  g_return_val_if_fail (OTASUKE_IS_STORE (store), NULL);
  g_return_val_if_fail (OTASUKE_IS_FEED_FETCHER (fetcher), NULL);

  self = g_object_new (OTASUKE_TYPE_FEED_UPDATER, NULL);
  self->store = g_object_ref (store);
  self->fetcher = g_object_ref (fetcher);
  return self;
}
