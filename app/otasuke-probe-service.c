/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-probe"

#include "config.h"

#include "otasuke-feed.h"
#include "otasuke-probe-service.h"

struct _OtasukeProbeService
{
  GObject             parent_instance;

  GCancellable       *cancellable;
  char               *root;             /* NULL: this computer */
  char               *home_dir;         /* with a fake root only */
  char               *user_config_dir;
  char               *user_data_dir;
  GPtrArray          *os_checks;        /* OtasukeFeedCheck*, owned */

  OtasukeProbeReport *report;
  char               *report_json;
  gint64              report_time;
  OtasukeProbeReason  report_reason;
  guint               n_runs;

  gboolean            running;
  OtasukeProbeReason  running_reason;
  gboolean            pending;          /* a request came in during the run */
  OtasukeProbeReason  pending_reason;

  guint               interval;         /* seconds; 0: no background runs */
  guint               timer;

  OtasukeAdvisories  *advisories;       /* weak: followed, not owned */
  gboolean            feed_seen;
  char               *feed_source;
  gint64              feed_sequence;
};

G_DEFINE_FINAL_TYPE (OtasukeProbeService, otasuke_probe_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REPORT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_run (OtasukeProbeService *self,
                       OtasukeProbeReason   reason);

const char *
otasuke_probe_reason_to_string (OtasukeProbeReason reason)
{
  switch (reason)
    {
    case OTASUKE_PROBE_REASON_START_UP:
      return "start-up";
    case OTASUKE_PROBE_REASON_CHECK:
      return "check";
    case OTASUKE_PROBE_REASON_FEED:
      return "feed";
    case OTASUKE_PROBE_REASON_RESUME:
      return "resume";
    case OTASUKE_PROBE_REASON_BACKGROUND:
      return "background";
    default:
      g_return_val_if_reached ("unknown");
    }
}

static gboolean
timer_cb (gpointer user_data)
{
  OtasukeProbeService *self = user_data;

  self->timer = 0;
  otasuke_probe_service_refresh (self, OTASUKE_PROBE_REASON_BACKGROUND);
  return G_SOURCE_REMOVE;
}

static void
schedule_background (OtasukeProbeService *self)
{
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->interval > 0)
    self->timer = g_timeout_add_seconds_full (G_PRIORITY_LOW, self->interval, timer_cb, self, NULL);
}

static void
set_busy (OtasukeProbeService *self,
          gboolean             busy)
{
  if (self->running == busy)
    return;
  self->running = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(OtasukeProbeService) self = user_data;
  g_autoptr(GError) error = NULL;
  OtasukeProbeReport *report = otasuke_probe_run_finish (result, &error);

  if (report == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* disposed */

  self->n_runs++;
  if (report == NULL)
    g_message ("The probes failed: %s", error->message);
  else
    {
      g_clear_pointer (&self->report, otasuke_probe_report_free);
      g_clear_pointer (&self->report_json, g_free);
      self->report = report;
      self->report_json = otasuke_probe_report_to_json (report);
      self->report_time = g_get_real_time () / G_USEC_PER_SEC;
      self->report_reason = self->running_reason;
      g_debug ("Probe report (%s): %u browsers", otasuke_probe_reason_to_string (self->report_reason),
               report->browsers->len);
    }

  if (self->pending)
    {
      self->pending = FALSE;
      start_run (self, self->pending_reason);
    }
  else
    {
      set_busy (self, FALSE);
      schedule_background (self);
    }

  if (report != NULL)
    g_signal_emit (self, signals[REPORT_CHANGED], 0);
}

static void
start_run (OtasukeProbeService *self,
           OtasukeProbeReason   reason)
{
  OtasukeProbeOptions options = { 0 };

  options.root = self->root;
  options.home_dir = self->home_dir;
  options.user_config_dir = self->user_config_dir;
  options.user_data_dir = self->user_data_dir;
  options.os_checks = self->os_checks;

  g_clear_handle_id (&self->timer, g_source_remove);
  self->running_reason = reason;
  set_busy (self, TRUE);
  /* The worker gets its own copy of the options. */
  otasuke_probe_run_async (&options, self->cancellable, run_cb, g_object_ref (self));
}

void
otasuke_probe_service_refresh (OtasukeProbeService *self,
                               OtasukeProbeReason   reason)
{
  g_return_if_fail (OTASUKE_IS_PROBE_SERVICE (self));

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (self->running)
    {
      /* What the running probe reads may predate the request: one more run
       * after it answers every request made meanwhile. */
      if (!self->pending)
        self->pending_reason = reason;
      self->pending = TRUE;
      return;
    }
  start_run (self, reason);
}

static gboolean
checks_equal (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const OtasukeFeedCheck *ca = g_ptr_array_index (a, i);
      const OtasukeFeedCheck *cb = g_ptr_array_index (b, i);

      if (g_strcmp0 (ca->os, cb->os) != 0 || g_strcmp0 (ca->version, cb->version) != 0 ||
          g_strcmp0 (ca->date, cb->date) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
otasuke_probe_service_set_feed_items (OtasukeProbeService *self,
                                      GPtrArray           *feed_items)
{
  g_autoptr(GPtrArray) checks = NULL;
  gboolean changed;

  g_return_val_if_fail (OTASUKE_IS_PROBE_SERVICE (self), FALSE);

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_feed_check_free);
  for (guint i = 0; feed_items != NULL && i < feed_items->len; i++)
    {
      const OtasukeFeedItem *item = g_ptr_array_index (feed_items, i);

      for (guint j = 0; item != NULL && item->checks != NULL && j < item->checks->len; j++)
        {
          const OtasukeFeedCheck *check = g_ptr_array_index (item->checks, j);

          if (check->type == OTASUKE_CHECK_OS_END_OF_SUPPORT)
            g_ptr_array_add (checks, otasuke_feed_check_copy (check));
        }
    }

  changed = !checks_equal (checks, self->os_checks);
  g_ptr_array_unref (self->os_checks);
  self->os_checks = g_steal_pointer (&checks);
  return changed;
}

static void
on_advisories_changed (OtasukeProbeService *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GListModel *model;
  const char *source;
  gint64 sequence;
  gboolean first = !self->feed_seen;
  gboolean new_feed;

  /* Disposed (the application is shutting down), or the advisories are gone. */
  if (self->advisories == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  model = otasuke_advisories_get_model (self->advisories);
  source = otasuke_advisories_get_source (self->advisories);
  sequence = otasuke_advisories_get_sequence (self->advisories);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (model, i);

      /* The model holds the advisory, so the item outlives this reference. */
      g_ptr_array_add (items, (gpointer) otasuke_advisory_get_item (advisory));
    }
  otasuke_probe_service_set_feed_items (self, items);

  new_feed = g_strcmp0 (source, self->feed_source) != 0 || sequence != self->feed_sequence;
  g_free (self->feed_source);
  self->feed_source = g_strdup (source);
  self->feed_sequence = sequence;
  self->feed_seen = TRUE;

  if (first)
    otasuke_probe_service_refresh (self, OTASUKE_PROBE_REASON_START_UP);
  else if (new_feed)
    otasuke_probe_service_refresh (self, OTASUKE_PROBE_REASON_FEED);
}

void
otasuke_probe_service_follow_advisories (OtasukeProbeService *self,
                                         OtasukeAdvisories   *advisories)
{
  g_return_if_fail (OTASUKE_IS_PROBE_SERVICE (self));
  g_return_if_fail (OTASUKE_IS_ADVISORIES (advisories));
  g_return_if_fail (self->advisories == NULL);

  self->advisories = advisories;
  g_object_add_weak_pointer (G_OBJECT (advisories), (gpointer *) &self->advisories);
  /* Every reload replaces the list, after a fetch too. */
  g_signal_connect_object (otasuke_advisories_get_model (advisories), "items-changed",
                           G_CALLBACK (on_advisories_changed), self, G_CONNECT_SWAPPED);
  if (otasuke_advisories_get_loaded (advisories))
    on_advisories_changed (self);
}

static void
on_resumed (OtasukeProbeService *self)
{
  otasuke_probe_service_refresh (self, OTASUKE_PROBE_REASON_RESUME);
}

void
otasuke_probe_service_follow_resume (OtasukeProbeService  *self,
                                     OtasukeResumeMonitor *monitor)
{
  g_return_if_fail (OTASUKE_IS_PROBE_SERVICE (self));
  g_return_if_fail (OTASUKE_IS_RESUME_MONITOR (monitor));

  g_signal_connect_object (monitor, "resumed", G_CALLBACK (on_resumed), self, G_CONNECT_SWAPPED);
}

static void
otasuke_probe_service_dispose (GObject *object)
{
  OtasukeProbeService *self = OTASUKE_PROBE_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->advisories != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->advisories), (gpointer *) &self->advisories);
  self->advisories = NULL;

  G_OBJECT_CLASS (otasuke_probe_service_parent_class)->dispose (object);
}

static void
otasuke_probe_service_finalize (GObject *object)
{
  OtasukeProbeService *self = OTASUKE_PROBE_SERVICE (object);

  g_clear_object (&self->cancellable);
  g_free (self->root);
  g_free (self->home_dir);
  g_free (self->user_config_dir);
  g_free (self->user_data_dir);
  g_ptr_array_unref (self->os_checks);
  g_clear_pointer (&self->report, otasuke_probe_report_free);
  g_free (self->report_json);
  g_free (self->feed_source);

  G_OBJECT_CLASS (otasuke_probe_service_parent_class)->finalize (object);
}

static void
otasuke_probe_service_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OtasukeProbeService *self = OTASUKE_PROBE_SERVICE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_probe_service_class_init (OtasukeProbeServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = otasuke_probe_service_dispose;
  object_class->finalize = otasuke_probe_service_finalize;
  object_class->get_property = otasuke_probe_service_get_property;

  /* A run is under way. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A new report is in: read it with otasuke_probe_service_get_report(). */
  signals[REPORT_CHANGED] = g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
otasuke_probe_service_init (OtasukeProbeService *self)
{
  self->cancellable = g_cancellable_new ();
  self->os_checks = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_feed_check_free);
  self->interval = OTASUKE_PROBE_SERVICE_DEFAULT_INTERVAL;
  self->feed_sequence = -1;
}

OtasukeProbeService *
otasuke_probe_service_new (const char *root)
{
  OtasukeProbeService *self = g_object_new (OTASUKE_TYPE_PROBE_SERVICE, NULL);

  if (root != NULL && g_strcmp0 (root, "/") != 0)
    {
      self->root = g_strdup (root);
      self->home_dir = g_build_filename (root, "home", "user", NULL);
      self->user_config_dir = g_build_filename (self->home_dir, ".config", NULL);
      self->user_data_dir = g_build_filename (self->home_dir, ".local", "share", NULL);
    }
  return self;
}

const OtasukeProbeReport *
otasuke_probe_service_get_report (OtasukeProbeService *self)
{
  g_return_val_if_fail (OTASUKE_IS_PROBE_SERVICE (self), NULL);

  return self->report;
}

const char *
otasuke_probe_service_get_report_json (OtasukeProbeService *self)
{
  g_return_val_if_fail (OTASUKE_IS_PROBE_SERVICE (self), NULL);

  return self->report_json;
}

gint64
otasuke_probe_service_get_report_time (OtasukeProbeService *self)
{
  g_return_val_if_fail (OTASUKE_IS_PROBE_SERVICE (self), 0);

  return self->report_time;
}

OtasukeProbeReason
otasuke_probe_service_get_report_reason (OtasukeProbeService *self)
{
  g_return_val_if_fail (OTASUKE_IS_PROBE_SERVICE (self), OTASUKE_PROBE_REASON_START_UP);

  return self->report_reason;
}

guint
otasuke_probe_service_get_n_runs (OtasukeProbeService *self)
{
  g_return_val_if_fail (OTASUKE_IS_PROBE_SERVICE (self), 0);

  return self->n_runs;
}

gboolean
otasuke_probe_service_get_busy (OtasukeProbeService *self)
{
  g_return_val_if_fail (OTASUKE_IS_PROBE_SERVICE (self), FALSE);

  return self->running;
}

void
otasuke_probe_service_set_background_interval (OtasukeProbeService *self,
                                               guint                seconds)
{
  g_return_if_fail (OTASUKE_IS_PROBE_SERVICE (self));

  self->interval = seconds;
  if (!self->running)
    schedule_background (self);
}
