/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-check-run.h"
#include "otasuke-checklist.h"
#include "otasuke-history-page.h"
#include "otasuke-history-run-view.h"
#include "otasuke-score-chart.h"
#include "otasuke-store-runs.h"
#include "otasuke-time.h"
#include "otasuke-tone.h"

struct _OtasukeHistoryPage
{
  GtkWidget         parent_instance;

  OtasukeStore     *store;
  OtasukeChecklist *checklist;          /* loaded with the first list; NULL if that failed */
  GCancellable     *cancellable;        /* the list being read */
  GPtrArray        *runs;               /* OtasukeCheckRunInfo*, newest first */
  gint64            wanted_id;          /* the run the user chose, kept across reloads */
  gboolean          attached;           /* set_store() has been called */
  gboolean          loaded;
  gboolean          filling;            /* the list is being rebuilt */

  /* Template widgets */
  GtkWidget        *back_button;
  OtasukeScoreChart *chart;
  GtkWidget        *empty_check_button;
  AdwStatusPage    *empty_status;
  AdwLeaflet       *leaflet;
  GtkStack         *main_stack;
  GtkListBox       *run_list;
  OtasukeHistoryRunView *run_view;
};

G_DEFINE_FINAL_TYPE (OtasukeHistoryPage, otasuke_history_page, GTK_TYPE_WIDGET)

/* Actions */

static void
otasuke_history_page_actions_update (OtasukeHistoryPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.back", adw_leaflet_get_folded (self->leaflet));
}

/* The list */

static GtkWidget *
create_run_row (const OtasukeCheckRunInfo *info)
{
  g_autofree char *date = otasuke_time_format (info->finished_at, NULL);
  g_autofree char *score = g_strdup_printf ("%d", info->score);
  g_autofree char *accessible = NULL;
  const char *band = otasuke_score_band_get_title (info->band);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_widget_set_hexpand (texts, TRUE);
  label = gtk_label_new (date);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (texts), label);
  label = gtk_label_new (band);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (texts), label);
  gtk_box_append (GTK_BOX (box), texts);

  label = gtk_label_new (score);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "title-3");
  gtk_widget_add_css_class (label, "numeric");
  otasuke_tone_set (label, otasuke_tone_for_band (info->band));
  gtk_box_append (GTK_BOX (box), label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: a finished check in the history list, for screen readers: date, score, result */
  accessible = g_strdup_printf (_("%s, score %d out of 100, %s"), date, info->score, band);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return row;
}

static guint
find_run (OtasukeHistoryPage *self,
          gint64              id)
{
  for (guint i = 0; self->runs != NULL && i < self->runs->len; i++)
    {
      const OtasukeCheckRunInfo *info = g_ptr_array_index (self->runs, i);

      if (info->id == id)
        return i;
    }

  return G_MAXUINT;
}

static gboolean
same_runs (GPtrArray *a,
           GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const OtasukeCheckRunInfo *x = g_ptr_array_index (a, i);
      const OtasukeCheckRunInfo *y = g_ptr_array_index (b, i);

      if (x->id != y->id || x->finished_at != y->finished_at || x->score != y->score)
        return FALSE;
    }

  return TRUE;
}

static void
select_position (OtasukeHistoryPage *self,
                 guint               position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->run_list, position);

  if (row != NULL && gtk_list_box_get_selected_row (self->run_list) != row)
    gtk_list_box_select_row (self->run_list, row);
}

static void
fill_list (OtasukeHistoryPage *self,
           GPtrArray          *runs)
{
  g_autofree OtasukeScorePoint *points = NULL;
  GtkWidget *child;
  guint position;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->run_list))) != NULL)
    gtk_list_box_remove (self->run_list, child);

  g_clear_pointer (&self->runs, g_ptr_array_unref);
  self->runs = g_ptr_array_ref (runs);

  points = g_new0 (OtasukeScorePoint, MAX (runs->len, 1));
  for (guint i = 0; i < runs->len; i++)
    {
      const OtasukeCheckRunInfo *info = g_ptr_array_index (runs, i);

      points[i].time = info->finished_at;
      points[i].score = info->score;
      gtk_list_box_append (self->run_list, create_run_row (info));
    }
  otasuke_score_chart_set_points (self->chart, points, runs->len);
  self->filling = FALSE;

  if (runs->len == 0)
    {
      otasuke_history_run_view_clear (self->run_view);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "history");

  /* The run chosen since the page opened, if it is still there; the newest otherwise. */
  position = find_run (self, self->wanted_id);
  if (position == G_MAXUINT)
    position = 0;
  if (((const OtasukeCheckRunInfo *) g_ptr_array_index (runs, position))->id != otasuke_history_run_view_get_run_id (self->run_view))
    otasuke_history_run_view_forget (self->run_view);
  select_position (self, position);
}

typedef struct {
  OtasukeStore     *store;
  OtasukeChecklist *checklist;  /* NULL: load it */
  GPtrArray        *runs;
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->checklist, otasuke_checklist_unref);
  g_clear_pointer (&data->runs, g_ptr_array_unref);
  g_free (data);
}

static void
load_list_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;

  if (data->checklist == NULL)
    {
      g_autoptr(GError) checklist_error = NULL;

      data->checklist = otasuke_checklist_new_from_resource (&checklist_error);
      if (data->checklist == NULL)
        g_message ("Could not load the checklist: %s", checklist_error->message);
    }

  data->runs = otasuke_store_list_check_runs (data->store, &error);
  if (data->runs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_list_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OtasukeHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ListData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not read the history: %s", error->message);
      g_clear_object (&self->cancellable);
      self->loaded = TRUE;
      gtk_stack_set_visible_child_name (self->main_stack, "unavailable");
      return;
    }

  g_clear_object (&self->cancellable);
  if (self->checklist == NULL && data->checklist != NULL)
    self->checklist = otasuke_checklist_ref (data->checklist);

  if (!same_runs (self->runs, data->runs))
    fill_list (self, data->runs);
  self->loaded = TRUE;
}

void
otasuke_history_page_reload (OtasukeHistoryPage *self)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (OTASUKE_IS_HISTORY_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loaded = FALSE;

  if (self->store == NULL)
    return;

  if (self->runs == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");

  self->cancellable = g_cancellable_new ();
  data = g_new0 (ListData, 1);
  data->store = g_object_ref (self->store);
  data->checklist = self->checklist != NULL ? otasuke_checklist_ref (self->checklist) : NULL;

  task = g_task_new (NULL, self->cancellable, load_list_cb, g_object_ref (self));
  g_task_set_source_tag (task, otasuke_history_page_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_list_in_thread);
}

static void
on_row_selected (OtasukeHistoryPage *self,
                 GtkListBoxRow      *row)
{
  const OtasukeCheckRunInfo *info;
  int index;

  if (row == NULL || self->filling || self->runs == NULL)
    return;

  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->runs->len)
    return;

  info = g_ptr_array_index (self->runs, index);
  self->wanted_id = info->id;
  if (info->id != otasuke_history_run_view_get_run_id (self->run_view))
    otasuke_history_run_view_load (self->run_view, self->store, self->checklist, info->id);
}

static void
on_row_activated (OtasukeHistoryPage *self,
                  GtkListBoxRow      *row)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (self->back_button);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OtasukeHistoryPage *self = OTASUKE_HISTORY_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->run_list);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Public */

void
otasuke_history_page_set_store (OtasukeHistoryPage *self,
                                OtasukeStore       *store)
{
  g_return_if_fail (OTASUKE_IS_HISTORY_PAGE (self));
  g_return_if_fail (store == NULL || OTASUKE_IS_STORE (store));

  if (self->attached && self->store == store)
    return;
  self->attached = TRUE;

  g_set_object (&self->store, store);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  self->wanted_id = 0;
  otasuke_history_run_view_clear (self->run_view);

  otasuke_history_page_reload (self);
  if (store == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "unavailable");
}

OtasukeStore *
otasuke_history_page_get_store (OtasukeHistoryPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), NULL);

  return self->store;
}

gboolean
otasuke_history_page_get_loaded (OtasukeHistoryPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), FALSE);

  return self->loaded;
}

guint
otasuke_history_page_get_n_runs (OtasukeHistoryPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), 0);

  return self->runs != NULL ? self->runs->len : 0;
}

gint64
otasuke_history_page_get_run_id (OtasukeHistoryPage *self,
                                 guint               position)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), 0);

  if (self->runs == NULL || position >= self->runs->len)
    return 0;

  return ((const OtasukeCheckRunInfo *) g_ptr_array_index (self->runs, position))->id;
}

gboolean
otasuke_history_page_show_run (OtasukeHistoryPage *self,
                               gint64              id)
{
  guint position;

  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), FALSE);

  position = find_run (self, id);
  if (position == G_MAXUINT)
    return FALSE;

  select_position (self, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");

  return TRUE;
}

gint64
otasuke_history_page_get_shown_run_id (OtasukeHistoryPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_HISTORY_PAGE (self), 0);

  return otasuke_history_run_view_get_shown_run_id (self->run_view);
}

/* GObject */

static void
otasuke_history_page_map (GtkWidget *widget)
{
  OtasukeHistoryPage *self = OTASUKE_HISTORY_PAGE (widget);

  GTK_WIDGET_CLASS (otasuke_history_page_parent_class)->map (widget);

  /* The page opens on the newest check, which may have been finished since
   * the list was read. */
  self->wanted_id = 0;
  if (self->runs != NULL && self->runs->len > 0)
    select_position (self, 0);
  if (self->store != NULL && self->cancellable == NULL)
    otasuke_history_page_reload (self);
}

static void
otasuke_history_page_dispose (GObject *object)
{
  OtasukeHistoryPage *self = OTASUKE_HISTORY_PAGE (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), OTASUKE_TYPE_HISTORY_PAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->checklist, otasuke_checklist_unref);
  g_clear_pointer (&self->runs, g_ptr_array_unref);

  G_OBJECT_CLASS (otasuke_history_page_parent_class)->dispose (object);
}

static void
otasuke_history_page_class_init (OtasukeHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_history_page_dispose;

  widget_class->map = otasuke_history_page_map;

  g_type_ensure (OTASUKE_TYPE_HISTORY_RUN_VIEW);
  g_type_ensure (OTASUKE_TYPE_SCORE_CHART);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, chart);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, empty_check_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, run_list);
  gtk_widget_class_bind_template_child (widget_class, OtasukeHistoryPage, run_view);

  gtk_widget_class_install_action (widget_class, "history.back", NULL, back_action);
}

static void
otasuke_history_page_init (OtasukeHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->run_list, "row-selected",
                           G_CALLBACK (on_row_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run_list, "row-activated",
                           G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (otasuke_history_page_actions_update), self, G_CONNECT_SWAPPED);

  otasuke_history_page_actions_update (self);
}
