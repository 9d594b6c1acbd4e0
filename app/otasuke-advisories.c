/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-advisories"

#include "config.h"

#include "otasuke-advisories.h"
#include "otasuke-store-advisories.h"

struct _OtasukeAdvisories
{
  GObject              parent_instance;

  OtasukeStore        *store;
  OtasukeFeedUpdater  *updater;
  GListStore          *model;
  GCancellable        *cancellable;
  OtasukeMachineFacts  facts;
  OtasukeFeedStatus   *status;
  guint                n_unread;
  guint                busy;       /* updates running */
  guint                reload_serial;
  gboolean             loaded;
  gboolean             have_facts;
};

G_DEFINE_FINAL_TYPE (OtasukeAdvisories, otasuke_advisories, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_UNREAD,
  PROP_BUSY,
  PROP_LOADED,
  PROP_BUNDLED,
  PROP_STALE,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_LAST_ERROR_AT,
  PROP_CAN_UPDATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
update_n_unread (OtasukeAdvisories *self)
{
  guint n = 0;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (!otasuke_advisory_get_read (advisory))
        n++;
    }

  if (n != self->n_unread)
    {
      self->n_unread = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNREAD]);
    }
}

static void
apply_facts (OtasukeAdvisories *self,
             OtasukeAdvisory   *advisory)
{
  g_autofree char *reason = NULL;
  OtasukeAffects affects;

  affects = otasuke_advisory_match (otasuke_advisory_get_item (advisory), &self->facts, &reason);
  otasuke_advisory_set_affects (advisory, affects, reason);
}

typedef struct {
  GPtrArray         *advisories;
  OtasukeFeedStatus *status;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->advisories, g_ptr_array_unref);
  g_clear_pointer (&loaded->status, otasuke_feed_status_free);
  g_free (loaded);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OtasukeStore *store = task_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->advisories = otasuke_store_list_advisories (store, &error);
  if (loaded->advisories == NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  loaded->status = otasuke_store_get_feed_status (store, &error);
  if (error != NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
notify_status (OtasukeAdvisories *self)
{
  for (guint i = PROP_BUNDLED; i <= PROP_LAST_ERROR_AT; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  OtasukeAdvisories *self = OTASUKE_ADVISORIES (object);  /* the task holds a reference */
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);
  guint serial = GPOINTER_TO_UINT (user_data);
  guint old_len;

  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the advisories: %s", error->message);
      return;
    }

  /* A newer reload is on its way; its answer wins. */
  if (serial != self->reload_serial)
    {
      loaded_free (loaded);
      return;
    }

  if (self->have_facts)
    for (guint i = 0; i < loaded->advisories->len; i++)
      apply_facts (self, g_ptr_array_index (loaded->advisories, i));

  /* The state first: whoever hears "items-changed" reads the feed it belongs to. */
  g_clear_pointer (&self->status, otasuke_feed_status_free);
  self->status = g_steal_pointer (&loaded->status);

  old_len = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_list_store_splice (self->model, 0, old_len, loaded->advisories->pdata, loaded->advisories->len);
  loaded_free (loaded);

  g_object_freeze_notify (G_OBJECT (self));
  update_n_unread (self);
  notify_status (self);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
otasuke_advisories_reload (OtasukeAdvisories *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OTASUKE_IS_ADVISORIES (self));

  self->reload_serial++;
  task = g_task_new (self, self->cancellable, load_cb, GUINT_TO_POINTER (self->reload_serial));
  g_task_set_source_tag (task, otasuke_advisories_reload);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

static void
reapply_facts (OtasukeAdvisories *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  self->have_facts = TRUE;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      apply_facts (self, advisory);
    }
}

/* Facts with no router keep the router already known (from the check). */
void
otasuke_advisories_set_machine_facts (OtasukeAdvisories         *self,
                                      const OtasukeMachineFacts *facts)
{
  g_autofree char *router_vendor = NULL;
  g_autofree char *router_model = NULL;
  g_autofree char *router_firmware = NULL;

  g_return_if_fail (OTASUKE_IS_ADVISORIES (self));
  g_return_if_fail (facts != NULL);

  /* The router comes from the check, not from the probes: keep it. */
  router_vendor = g_steal_pointer (&self->facts.router_vendor);
  router_model = g_steal_pointer (&self->facts.router_model);
  router_firmware = g_steal_pointer (&self->facts.router_firmware);
  otasuke_machine_facts_clear (&self->facts);
  self->facts.browsers_known = facts->browsers_known;
  if (facts->browsers != NULL)
    {
      self->facts.browsers = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_browser_fact_free);
      for (guint i = 0; i < facts->browsers->len; i++)
        {
          const OtasukeBrowserFact *b = g_ptr_array_index (facts->browsers, i);

          g_ptr_array_add (self->facts.browsers, otasuke_browser_fact_new (b->id, b->name, b->version));
        }
    }
  self->facts.router_vendor = facts->router_model != NULL ? g_strdup (facts->router_vendor) : g_steal_pointer (&router_vendor);
  self->facts.router_model = facts->router_model != NULL ? g_strdup (facts->router_model) : g_steal_pointer (&router_model);
  self->facts.router_firmware = facts->router_model != NULL ? g_strdup (facts->router_firmware) : g_steal_pointer (&router_firmware);
  self->facts.os_id = g_strdup (facts->os_id);
  self->facts.os_version = g_strdup (facts->os_version);
  self->facts.now = facts->now;
  reapply_facts (self);
}

void
otasuke_advisories_set_router (OtasukeAdvisories *self,
                               const char        *vendor,
                               const char        *model,
                               const char        *firmware)
{
  g_return_if_fail (OTASUKE_IS_ADVISORIES (self));

  g_free (self->facts.router_vendor);
  g_free (self->facts.router_model);
  g_free (self->facts.router_firmware);
  self->facts.router_vendor = g_strdup (vendor);
  self->facts.router_model = g_strdup (model);
  self->facts.router_firmware = g_strdup (firmware);
  reapply_facts (self);
}

typedef struct {
  char    *id;       /* NULL: all */
  gboolean read;
} ReadChange;

static void
read_change_free (ReadChange *change)
{
  g_free (change->id);
  g_free (change);
}

static void
write_read_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  OtasukeAdvisories *self = source_object;
  ReadChange *change = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (change->id != NULL)
    ok = otasuke_store_set_advisory_read (self->store, change->id, change->read, now_seconds (), &error);
  else
    ok = otasuke_store_mark_all_advisories_read (self->store, now_seconds (), &error);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The screen already shows the change; a failed write is re-read from the store. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not save the read state: %s", error->message);
      otasuke_advisories_reload (OTASUKE_ADVISORIES (object));
    }
}

static void
write_read (OtasukeAdvisories *self,
            const char        *id,
            gboolean           read)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, write_read_cb, NULL);
  ReadChange *change = g_new0 (ReadChange, 1);

  change->id = g_strdup (id);
  change->read = read;
  g_task_set_source_tag (task, write_read);
  g_task_set_task_data (task, change, (GDestroyNotify) read_change_free);
  g_task_run_in_thread (task, write_read_in_thread);
}

void
otasuke_advisories_set_read (OtasukeAdvisories *self,
                             OtasukeAdvisory   *advisory,
                             gboolean           read)
{
  g_return_if_fail (OTASUKE_IS_ADVISORIES (self));
  g_return_if_fail (OTASUKE_IS_ADVISORY (advisory));

  if (otasuke_advisory_get_read (advisory) == !!read)
    return;

  otasuke_advisory_set_read (advisory, read);
  update_n_unread (self);
  write_read (self, otasuke_advisory_get_id (advisory), read);
}

void
otasuke_advisories_mark_all_read (OtasukeAdvisories *self)
{
  guint n_items;

  g_return_if_fail (OTASUKE_IS_ADVISORIES (self));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      otasuke_advisory_set_read (advisory, TRUE);
    }
  update_n_unread (self);
  write_read (self, NULL, TRUE);
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OtasukeAdvisories *self = g_task_get_source_object (task);
  GError *error = NULL;
  OtasukeUpdateOutcome *outcome;

  outcome = otasuke_feed_updater_update_finish (OTASUKE_FEED_UPDATER (object), result, &error);

  self->busy--;
  if (self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* Success or failure, the state shown (list, banner) comes from the store. */
  otasuke_advisories_reload (self);

  if (outcome == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, outcome, (GDestroyNotify) otasuke_update_outcome_free);
}

void
otasuke_advisories_update_async (OtasukeAdvisories   *self,
                                 const char          *url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OTASUKE_IS_ADVISORIES (self));
  g_return_if_fail (self->updater != NULL);
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, otasuke_advisories_update_async);

  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  otasuke_feed_updater_update_async (self->updater, url, cancellable, update_cb, g_steal_pointer (&task));
}

gboolean
otasuke_advisories_get_can_update (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), FALSE);

  return self->updater != NULL && otasuke_feed_updater_get_n_trusted_keys (self->updater) > 0;
}

guint
otasuke_advisories_set_trusted_keys (OtasukeAdvisories  *self,
                                     const char * const *keys)
{
  gboolean could = FALSE;
  guint n = 0;

  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), 0);
  g_return_val_if_fail (self->updater != NULL, 0);

  could = otasuke_advisories_get_can_update (self);
  n = otasuke_feed_updater_set_trusted_keys (self->updater, keys);
  if (could != otasuke_advisories_get_can_update (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UPDATE]);
  return n;
}

OtasukeUpdateOutcome *
otasuke_advisories_update_finish (OtasukeAdvisories  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GListModel *
otasuke_advisories_get_model (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), NULL);
  return G_LIST_MODEL (self->model);
}

OtasukeAdvisory *
otasuke_advisories_lookup (OtasukeAdvisories *self,
                           const char        *id)
{
  guint n_items;

  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (g_strcmp0 (otasuke_advisory_get_id (advisory), id) == 0)
        return advisory;  /* the model keeps its own reference */
    }
  return NULL;
}

guint
otasuke_advisories_get_n_unread (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), 0);
  return self->n_unread;
}

gboolean
otasuke_advisories_get_busy (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), FALSE);
  return self->busy > 0;
}

gboolean
otasuke_advisories_get_loaded (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), FALSE);
  return self->loaded;
}

gboolean
otasuke_advisories_get_bundled (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), FALSE);
  return self->status == NULL || self->status->key_id == NULL;
}

gint64
otasuke_advisories_get_sequence (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), -1);
  return self->status != NULL ? self->status->sequence : -1;
}

const char *
otasuke_advisories_get_source (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), NULL);
  return self->status != NULL ? self->status->source : NULL;
}

gint64
otasuke_advisories_get_expires (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), 0);
  return self->status != NULL ? self->status->expires_at : 0;
}

gboolean
otasuke_advisories_get_stale (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), FALSE);
  return self->status != NULL && self->status->sequence >= 0 &&
         self->status->expires_at > 0 && self->status->expires_at <= now_seconds ();
}

gint64
otasuke_advisories_get_last_success (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), 0);
  return self->status != NULL ? self->status->last_success_at : 0;
}

const char *
otasuke_advisories_get_last_error (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), NULL);
  return self->status != NULL ? self->status->last_error : NULL;
}

gint64
otasuke_advisories_get_last_error_at (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), 0);
  return self->status != NULL ? self->status->last_error_at : 0;
}

guint
otasuke_advisories_get_failures (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), 0);
  return self->status != NULL ? self->status->failures : 0;
}

const char *
otasuke_advisories_get_contacts_json (OtasukeAdvisories *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES (self), NULL);
  return self->status != NULL ? self->status->contacts_json : NULL;
}

static void
otasuke_advisories_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OtasukeAdvisories *self = OTASUKE_ADVISORIES (object);

  switch (prop_id)
    {
    case PROP_CAN_UPDATE:
      g_value_set_boolean (value, otasuke_advisories_get_can_update (self));
      break;
    case PROP_N_UNREAD:
      g_value_set_uint (value, self->n_unread);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, otasuke_advisories_get_busy (self));
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_BUNDLED:
      g_value_set_boolean (value, otasuke_advisories_get_bundled (self));
      break;
    case PROP_STALE:
      g_value_set_boolean (value, otasuke_advisories_get_stale (self));
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, otasuke_advisories_get_last_success (self));
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, otasuke_advisories_get_last_error (self));
      break;
    case PROP_LAST_ERROR_AT:
      g_value_set_int64 (value, otasuke_advisories_get_last_error_at (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_advisories_dispose (GObject *object)
{
  OtasukeAdvisories *self = OTASUKE_ADVISORIES (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (otasuke_advisories_parent_class)->dispose (object);
}

static void
otasuke_advisories_finalize (GObject *object)
{
  OtasukeAdvisories *self = OTASUKE_ADVISORIES (object);

  g_clear_object (&self->store);
  g_clear_object (&self->updater);
  g_clear_object (&self->model);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->status, otasuke_feed_status_free);
  otasuke_machine_facts_clear (&self->facts);

  G_OBJECT_CLASS (otasuke_advisories_parent_class)->finalize (object);
}

static void
otasuke_advisories_class_init (OtasukeAdvisoriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = otasuke_advisories_dispose;
  object_class->finalize = otasuke_advisories_finalize;
  object_class->get_property = otasuke_advisories_get_property;

  properties[PROP_N_UNREAD] = g_param_spec_uint ("n-unread", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, flags);
  properties[PROP_BUNDLED] = g_param_spec_boolean ("bundled", NULL, NULL, TRUE, flags);
  properties[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, flags);
  properties[PROP_LAST_SUCCESS] = g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_LAST_ERROR_AT] = g_param_spec_int64 ("last-error-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CAN_UPDATE] = g_param_spec_boolean ("can-update", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
otasuke_advisories_init (OtasukeAdvisories *self)
{
  self->model = g_list_store_new (OTASUKE_TYPE_ADVISORY);
  self->cancellable = g_cancellable_new ();
}

OtasukeAdvisories *
otasuke_advisories_new (OtasukeStore       *store,
                        OtasukeFeedUpdater *updater)
{
  OtasukeAdvisories *self;

  g_return_val_if_fail (OTASUKE_IS_STORE (store), NULL);
  g_return_val_if_fail (updater == NULL || OTASUKE_IS_FEED_UPDATER (updater), NULL);

  self = g_object_new (OTASUKE_TYPE_ADVISORIES, NULL);
  self->store = g_object_ref (store);
  self->updater = updater != NULL ? g_object_ref (updater) : NULL;
  return self;
}
