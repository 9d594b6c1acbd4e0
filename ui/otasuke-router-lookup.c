/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-router-lookup"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-router-lookup.h"
#include "otasuke-router.h"

#define MAX_SUGGESTIONS 6

struct _OtasukeRouterLookup
{
  GtkWidget            parent_instance;

  OtasukeRouterTable  *table;
  OtasukeRouterResult *result;
  char                *model;
  char                *firmware;
  GPtrArray           *suggestion_rows;  /* AdwActionRow*, in router_list after model_row */
  gboolean             filling;          /* the entries are set from code */

  /* Template widgets */
  GtkLabel            *advice_label;
  GtkLabel            *advisories_label;
  AdwEntryRow         *firmware_row;
  AdwEntryRow         *model_row;
  GtkWidget           *result_box;
  GtkListBox          *router_list;
  GtkImage            *status_icon;
  GtkLabel            *status_label;
};

G_DEFINE_FINAL_TYPE (OtasukeRouterLookup, otasuke_router_lookup, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
stripped_or_null (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
clear_suggestions (OtasukeRouterLookup *self)
{
  for (guint i = 0; i < self->suggestion_rows->len; i++)
    gtk_list_box_remove (self->router_list, g_ptr_array_index (self->suggestion_rows, i));
  g_ptr_array_set_size (self->suggestion_rows, 0);
}

static void
show_suggestions (OtasukeRouterLookup *self)
{
  g_auto(GStrv) models = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *first = NULL;

  clear_suggestions (self);
  if (self->table == NULL || self->model == NULL)
    return;

  models = otasuke_router_table_suggest (self->table, self->model, MAX_SUGGESTIONS);
  if (models[0] == NULL)
    return;

  /* The model is already typed out in full: nothing to suggest. */
  typed = otasuke_router_normalize_model (self->model);
  first = otasuke_router_normalize_model (models[0]);
  if (models[1] == NULL && g_strcmp0 (typed, first) == 0)
    return;

  for (guint i = 0; models[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("system-search-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), models[i]);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (icon, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_tooltip_text (row, _("Use this model"));
      gtk_list_box_insert (self->router_list, row, (int) i + 1);
      g_ptr_array_add (self->suggestion_rows, row);
    }
}

static void
show_result (OtasukeRouterLookup *self)
{
  static const char * const classes[] = { "error", "success", "warning", "dim-label" };
  const OtasukeRouterResult *result = self->result;
  g_autoptr(GString) advice = g_string_new (NULL);
  g_autoptr(GString) advisories = g_string_new (NULL);
  const char *icon = "dialog-question-symbolic";
  const char *css = "dim-label";

  gtk_widget_set_visible (self->result_box, result != NULL);
  if (result == NULL)
    return;

  switch (result->status)
    {
    case OTASUKE_ROUTER_STATUS_AFFECTED:
    case OTASUKE_ROUTER_STATUS_END_OF_LIFE:
      icon = "dialog-warning-symbolic";
      css = "error";
      break;
    case OTASUKE_ROUTER_STATUS_NOT_AFFECTED:
      icon = "emblem-ok-symbolic";
      css = "success";
      break;
    case OTASUKE_ROUTER_STATUS_FIRMWARE_NEEDED:
      icon = "dialog-information-symbolic";
      css = "warning";
      break;
    case OTASUKE_ROUTER_STATUS_UNKNOWN_MODEL:
    default:
      break;
    }

  gtk_image_set_from_icon_name (self->status_icon, icon);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), css);
  gtk_label_set_text (self->status_label, otasuke_router_status_get_title (result->status));

  for (guint i = 0; result->advice != NULL && i < result->advice->len; i++)
    {
      if (advice->len > 0)
        g_string_append (advice, "\n");
      if (result->advice->len > 1)
        g_string_append (advice, "• ");
      g_string_append (advice, g_ptr_array_index (result->advice, i));
    }
  gtk_label_set_text (self->advice_label, advice->str);
  gtk_widget_set_visible (GTK_WIDGET (self->advice_label), advice->len > 0);

  for (guint i = 0; result->advisories != NULL && i < result->advisories->len; i++)
    {
      const OtasukeRouterAdvisory *adv = g_ptr_array_index (result->advisories, i);

      if (!adv->affected)
        continue;
      g_string_append_printf (advisories, "\n%s", adv->id);
      if (adv->title != NULL)
        g_string_append_printf (advisories, " — %s", adv->title);
    }
  if (advisories->len > 0)
    g_string_prepend (advisories, _("Known problems that affect it:"));
  gtk_label_set_text (self->advisories_label, advisories->str);
  gtk_widget_set_visible (GTK_WIDGET (self->advisories_label), advisories->len > 0);
}

static void
look_up (OtasukeRouterLookup *self)
{
  g_clear_pointer (&self->result, otasuke_router_result_free);
  if (self->table != NULL && self->model != NULL)
    self->result = otasuke_router_table_lookup (self->table, self->model, self->firmware);
  show_result (self);
}

static void
on_model_changed (OtasukeRouterLookup *self)
{
  g_free (self->model);
  self->model = stripped_or_null (GTK_EDITABLE (self->model_row));
  look_up (self);
  if (self->filling)
    return;

  show_suggestions (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_firmware_changed (OtasukeRouterLookup *self)
{
  g_free (self->firmware);
  self->firmware = stripped_or_null (GTK_EDITABLE (self->firmware_row));
  look_up (self);
  if (!self->filling)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_row_activated (OtasukeRouterLookup *self,
                  GtkListBoxRow       *row)
{
  g_autofree char *model = NULL;

  if (!g_ptr_array_find (self->suggestion_rows, row, NULL))
    return;

  model = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  /* The row goes away with the others: move the focus on first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->firmware_row));
  clear_suggestions (self);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->model_row), model);
  self->filling = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Down from the model entry goes into the suggestions; Escape leaves them. */
static gboolean
on_key_pressed (OtasukeRouterLookup   *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  gboolean in_model = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->model_row));

  if (self->suggestion_rows->len == 0)
    return GDK_EVENT_PROPAGATE;

  if (in_model && (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down))
    {
      gtk_widget_grab_focus (g_ptr_array_index (self->suggestion_rows, 0));
      return GDK_EVENT_STOP;
    }
  if (keyval == GDK_KEY_Escape)
    {
      clear_suggestions (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->model_row));
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
otasuke_router_lookup_dispose (GObject *object)
{
  OtasukeRouterLookup *self = OTASUKE_ROUTER_LOOKUP (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), OTASUKE_TYPE_ROUTER_LOOKUP);
  /* The template's root has no name to be cleared by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (otasuke_router_lookup_parent_class)->dispose (object);
}

static void
otasuke_router_lookup_finalize (GObject *object)
{
  OtasukeRouterLookup *self = OTASUKE_ROUTER_LOOKUP (object);

  g_clear_pointer (&self->table, otasuke_router_table_unref);
  g_clear_pointer (&self->result, otasuke_router_result_free);
  g_clear_pointer (&self->suggestion_rows, g_ptr_array_unref);
  g_free (self->model);
  g_free (self->firmware);

  G_OBJECT_CLASS (otasuke_router_lookup_parent_class)->finalize (object);
}

static void
otasuke_router_lookup_class_init (OtasukeRouterLookupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_router_lookup_dispose;
  object_class->finalize = otasuke_router_lookup_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-router-lookup.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, advice_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, advisories_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, firmware_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, model_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, result_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, router_list);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, status_icon);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_firmware_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_model_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
otasuke_router_lookup_init (OtasukeRouterLookup *self)
{
  self->suggestion_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
otasuke_router_lookup_new (void)
{
  return g_object_new (OTASUKE_TYPE_ROUTER_LOOKUP, NULL);
}

void
otasuke_router_lookup_set_table (OtasukeRouterLookup *self,
                                 OtasukeRouterTable  *table)
{
  g_return_if_fail (OTASUKE_IS_ROUTER_LOOKUP (self));

  if (table == self->table)
    return;
  g_clear_pointer (&self->table, otasuke_router_table_unref);
  if (table != NULL)
    self->table = otasuke_router_table_ref (table);
  look_up (self);
}

void
otasuke_router_lookup_set_router (OtasukeRouterLookup *self,
                                  const char          *model,
                                  const char          *firmware)
{
  g_return_if_fail (OTASUKE_IS_ROUTER_LOOKUP (self));

  clear_suggestions (self);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->model_row), model != NULL ? model : "");
  gtk_editable_set_text (GTK_EDITABLE (self->firmware_row), firmware != NULL ? firmware : "");
  self->filling = FALSE;
}

const char *
otasuke_router_lookup_get_model (OtasukeRouterLookup *self)
{
  g_return_val_if_fail (OTASUKE_IS_ROUTER_LOOKUP (self), NULL);

  return self->model;
}

const char *
otasuke_router_lookup_get_firmware (OtasukeRouterLookup *self)
{
  g_return_val_if_fail (OTASUKE_IS_ROUTER_LOOKUP (self), NULL);

  return self->firmware;
}

const OtasukeRouterResult *
otasuke_router_lookup_get_result (OtasukeRouterLookup *self)
{
  g_return_val_if_fail (OTASUKE_IS_ROUTER_LOOKUP (self), NULL);

  return self->result;
}

guint
otasuke_router_lookup_get_n_suggestions (OtasukeRouterLookup *self)
{
  g_return_val_if_fail (OTASUKE_IS_ROUTER_LOOKUP (self), 0);

  return self->suggestion_rows->len;
}
