/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-router-lookup"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-router-lookup.h"
#include "otasuke-router.h"

#define MAX_SUGGESTIONS 8

struct _OtasukeRouterLookup
{
  GtkWidget            parent_instance;

  OtasukeRouterTable  *table;
  OtasukeRouterResult *result;
  char                *model;
  char                *firmware;
  char                *vendor;           /* as chosen in vendor_row, or NULL */
  char               **vendors;          /* the table's; vendor_row's item i + 1 */
  GPtrArray           *suggestion_rows;  /* AdwActionRow*, in router_list after model_row */
  gboolean             filling;          /* the entries are set from code */

  /* Template widgets */
  GtkLabel            *advice_label;
  GtkLabel            *advisories_label;
  AdwEntryRow         *firmware_row;
  GtkLabel            *hint_label;
  AdwEntryRow         *model_row;
  GtkWidget           *result_box;
  GtkListBox          *router_list;
  GtkImage            *status_icon;
  GtkLabel            *status_label;
  AdwComboRow         *vendor_row;
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
add_suggestion (OtasukeRouterLookup          *self,
                const OtasukeRouterCandidate *candidate)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("system-search-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), candidate->model);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), otasuke_router_vendor_get_display_name (candidate->vendor));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (icon, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_tooltip_text (row, _("Use this model"));
  g_object_set_data_full (G_OBJECT (row), "otasuke-vendor", g_strdup (candidate->vendor), g_free);
  g_object_set_data_full (G_OBJECT (row), "otasuke-model", g_strdup (candidate->model), g_free);
  /* After the vendor and model rows. */
  gtk_list_box_insert (self->router_list, row, (int) self->suggestion_rows->len + 2);
  g_ptr_array_add (self->suggestion_rows, row);
}

/* The models that match what is typed (the chosen maker's only), or, when the
 * name is several makers' models, those to choose from. */
static void
show_suggestions (OtasukeRouterLookup *self)
{
  g_autoptr(GPtrArray) models = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *first = NULL;

  clear_suggestions (self);
  if (self->table == NULL)
    return;

  if (self->result != NULL && otasuke_router_result_is_ambiguous (self->result))
    {
      for (guint i = 0; i < self->result->candidates->len; i++)
        add_suggestion (self, self->result->candidates->pdata[i]);
      return;
    }

  if (self->model == NULL && self->vendor == NULL)
    return;
  models = otasuke_router_table_suggest_models (self->table, self->vendor, self->model, MAX_SUGGESTIONS);
  if (models->len == 0)
    return;

  /* The model is already typed out in full: nothing to suggest. */
  typed = self->model != NULL ? otasuke_router_normalize_model (self->model) : NULL;
  first = otasuke_router_normalize_model (((OtasukeRouterCandidate *) models->pdata[0])->model);
  if (models->len == 1 && g_strcmp0 (typed, first) == 0)
    return;

  for (guint i = 0; i < models->len; i++)
    add_suggestion (self, models->pdata[i]);
}

/* Where the chosen maker's routers (or the matched model's maker's) show the
 * model name and the firmware version. */
static const char *
update_hint (OtasukeRouterLookup *self)
{
  const char *vendor = self->result != NULL && self->result->vendor != NULL ? self->result->vendor : self->vendor;
  const char *hint = vendor != NULL ? otasuke_router_vendor_get_hint (vendor) : NULL;

  gtk_label_set_text (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
  return hint;
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
  const char *hint = update_hint (self);
  gboolean ambiguous;

  gtk_widget_set_visible (self->result_box, result != NULL);
  if (result == NULL)
    return;
  ambiguous = otasuke_router_result_is_ambiguous (result);

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
  if (ambiguous)
    {
      icon = "dialog-question-symbolic";
      css = "warning";
    }

  gtk_image_set_from_icon_name (self->status_icon, icon);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), css);
  gtk_label_set_text (self->status_label, ambiguous ? _("Which maker made your router?")
                                                     : otasuke_router_status_get_title (result->status));

  for (guint i = 0; result->advice != NULL && i < result->advice->len; i++)
    {
      /* Said once, above. */
      if (g_strcmp0 (g_ptr_array_index (result->advice, i), hint) == 0)
        continue;
      if (advice->len > 0)
        g_string_append (advice, "\n");
      if (result->advice->len > 1)
        g_string_append (advice, "• ");
      g_string_append (advice, g_ptr_array_index (result->advice, i));
    }
  gtk_label_set_text (self->advice_label, advice->str);
  gtk_widget_set_visible (GTK_WIDGET (self->advice_label), advice->len > 0);

  for (guint i = 0; !ambiguous && result->advisories != NULL && i < result->advisories->len; i++)
    {
      const OtasukeRouterAdvisory *adv = g_ptr_array_index (result->advisories, i);

      if (!adv->affected)
        continue;
      g_string_append_printf (advisories, "\n%s", adv->id);
      if (adv->title != NULL)
        g_string_append_printf (advisories, " — %s", otasuke_router_advisory_get_title (adv));
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
    self->result = otasuke_router_table_lookup_vendor (self->table, self->vendor, self->model, self->firmware);
  show_result (self);
}

/* The model or the maker changed: a new verdict, and new suggestions when the user made the change. */
static void
look_up_and_suggest (OtasukeRouterLookup *self)
{
  look_up (self);
  if (self->filling)
    return;

  show_suggestions (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_model_changed (OtasukeRouterLookup *self)
{
  g_free (self->model);
  self->model = stripped_or_null (GTK_EDITABLE (self->model_row));
  look_up_and_suggest (self);
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
on_vendor_changed (OtasukeRouterLookup *self)
{
  guint selected = adw_combo_row_get_selected (self->vendor_row);

  g_free (self->vendor);
  self->vendor = NULL;
  if (self->vendors != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
      selected <= g_strv_length (self->vendors))
    self->vendor = g_strdup (self->vendors[selected - 1]);
  look_up_and_suggest (self);
}

/* Sets vendor_row to @vendor (NULL: "Not sure"). */
static void
select_vendor (OtasukeRouterLookup *self,
               const char          *vendor)
{
  guint position = 0;

  for (guint i = 0; vendor != NULL && self->vendors != NULL && self->vendors[i] != NULL; i++)
    if (g_str_equal (self->vendors[i], vendor))
      position = i + 1;
  adw_combo_row_set_selected (self->vendor_row, position);
}

/* "Not sure", then the table's vendors. */
static void
fill_vendors (OtasukeRouterLookup *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *chosen = g_strdup (self->vendor);
  gboolean was_filling = self->filling;

  g_clear_pointer (&self->vendors, g_strfreev);
  if (self->table != NULL)
    self->vendors = otasuke_router_table_list_vendors (self->table);

  /* Translators: the router's maker is not known */
  gtk_string_list_append (names, C_("router maker", "Not sure"));
  for (guint i = 0; self->vendors != NULL && self->vendors[i] != NULL; i++)
    gtk_string_list_append (names, otasuke_router_vendor_get_display_name (self->vendors[i]));

  self->filling = TRUE;
  adw_combo_row_set_model (self->vendor_row, G_LIST_MODEL (names));
  select_vendor (self, chosen);
  self->filling = was_filling;
}

static void
on_row_activated (OtasukeRouterLookup *self,
                  GtkListBoxRow       *row)
{
  g_autofree char *model = NULL;
  g_autofree char *vendor = NULL;

  if (!g_ptr_array_find (self->suggestion_rows, row, NULL))
    return;

  model = g_strdup (g_object_get_data (G_OBJECT (row), "otasuke-model"));
  vendor = g_strdup (g_object_get_data (G_OBJECT (row), "otasuke-vendor"));
  /* The row goes away with the others: move the focus on first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->firmware_row));
  clear_suggestions (self);
  self->filling = TRUE;
  select_vendor (self, vendor);
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
  g_free (self->vendor);
  g_strfreev (self->vendors);

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
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, hint_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, model_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, result_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, router_list);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, status_icon);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, status_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeRouterLookup, vendor_row);
  gtk_widget_class_bind_template_callback (widget_class, on_firmware_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_model_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_vendor_changed);
}

static void
otasuke_router_lookup_init (OtasukeRouterLookup *self)
{
  self->suggestion_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  fill_vendors (self);
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
  fill_vendors (self);
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
  /* The maker follows from the model, or the vendor saved before it ("NEC WG1200HS"). */
  select_vendor (self, NULL);
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
otasuke_router_lookup_get_saved_model (OtasukeRouterLookup *self)
{
  g_return_val_if_fail (OTASUKE_IS_ROUTER_LOOKUP (self), NULL);

  if (self->result != NULL && self->result->canonical != NULL)
    return self->result->canonical;
  return self->model;
}

const char *
otasuke_router_lookup_get_vendor (OtasukeRouterLookup *self)
{
  g_return_val_if_fail (OTASUKE_IS_ROUTER_LOOKUP (self), NULL);

  return self->vendor;
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
