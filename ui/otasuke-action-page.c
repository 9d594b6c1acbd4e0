/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-action-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-action-page-private.h"
#include "otasuke-launch.h"
#include "otasuke-policy-render.h"
#include "otasuke-url.h"

/* The page's state, the readiness rows, the company profile and declaring;
 * the policy editor and its output are in otasuke-action-page-policy.c. */

#define AUTOSAVE_MS 700

G_DEFINE_FINAL_TYPE (OtasukeActionPage, otasuke_action_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
otasuke_action_page_show_toast (OtasukeActionPage *self,
                                const char        *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
otasuke_action_page_show_error (OtasukeActionPage *self,
                                const char        *heading,
                                const char        *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gint64
otasuke_action_page_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Readiness */

static void
clear_rows (OtasukeActionPage    *self,
            AdwPreferencesGroup  *group,
            GPtrArray            *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void confirmation_toggled_cb (GtkCheckButton *button, OtasukeActionPage *self);

static GtkWidget *
need_row_new (OtasukeActionPage       *self,
              const OtasukeActionNeed *need)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (need->met ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  g_autofree char *title = g_markup_escape_text (need->title, -1);
  g_autofree char *evidence = g_markup_escape_text (need->evidence, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), evidence);
  gtk_widget_add_css_class (icon, need->met ? "success" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  need->met ? _("Done") : _("Still needed"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (need->confirmable)
    {
      GtkWidget *check = gtk_check_button_new_with_mnemonic (_("We do this"));

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), need->confirmed);
      gtk_widget_set_sensitive (check, self->store != NULL);
      g_object_set_data_full (G_OBJECT (check), "need-id", g_strdup (need->id), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (confirmation_toggled_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
    }
  return row;
}

static void
set_star_row (AdwActionRow                 *row,
              GtkImage                     *icon,
              const OtasukeActionReadiness *readiness,
              int                           level)
{
  g_autoptr(GPtrArray) missing = otasuke_action_readiness_missing (readiness, level);
  g_autofree char *subtitle = NULL;

  if (missing->len == 0)
    subtitle = g_strdup (_("Ready to declare"));
  else
    /* Translators: how many of the requirements for that level are not met yet */
    subtitle = g_strdup_printf (_("%u still needed (listed below)"), missing->len);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_image_set_from_icon_name (icon, missing->len == 0 ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), missing->len == 0 ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (icon), missing->len == 0 ? "success" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  missing->len == 0 ? _("Ready") : _("Still needed"), -1);
}

static void
show_declaration (OtasukeActionPage *self)
{
  const OtasukeDeclaration *d = self->state != NULL ? self->state->declaration : NULL;
  g_autofree char *subtitle = NULL;

  if (d == NULL)
    subtitle = g_strdup (_("Nothing recorded yet. Once the company has declared, record it here and it "
                           "appears on the consultation sheet."));
  else if (d->number[0] != '\0')
    /* Translators: level, date (year-month-day) and IPA's declaration ID */
    subtitle = g_strdup_printf (_("%s, declared on %s, ID %s"), otasuke_action_level_name (d->level),
                                d->declared_on, d->number);
  else
    subtitle = g_strdup_printf (_("%s, declared on %s"), otasuke_action_level_name (d->level), d->declared_on);
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

    adw_action_row_set_subtitle (self->declaration_row, escaped);
  }
}

static void
show_readiness (OtasukeActionPage *self)
{
  const OtasukeActionReadiness *readiness = self->state->readiness;

  clear_rows (self, self->principles_group, self->principle_rows);
  clear_rows (self, self->two_star_group, self->two_star_rows);
  for (guint i = 0; i < readiness->needs->len; i++)
    {
      const OtasukeActionNeed *need = g_ptr_array_index (readiness->needs, i);
      GtkWidget *row = need_row_new (self, need);

      adw_preferences_group_add (need->two_star ? self->two_star_group : self->principles_group, row);
      g_ptr_array_add (need->two_star ? self->two_star_rows : self->principle_rows, row);
    }
  set_star_row (self->one_star_row, self->one_star_icon, readiness, 1);
  set_star_row (self->two_star_row, self->two_star_icon, readiness, 2);
  show_declaration (self);
}

/* The profile's editors */

static void
profile_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OtasukeActionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!otasuke_store_save_company_profile_finish (OTASUKE_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        otasuke_action_page_show_error (self, _("The Company Profile Could Not Be Saved"), error->message);
      return;
    }
}

static gboolean
profile_autosave_cb (gpointer user_data)
{
  OtasukeActionPage *self = user_data;

  self->profile_save_id = 0;
  if (self->store == NULL || self->profile == NULL || !self->profile_dirty)
    return G_SOURCE_REMOVE;
  self->profile_dirty = FALSE;
  otasuke_store_save_company_profile_async (self->store, self->profile, otasuke_action_page_now (),
                                            self->cancellable, profile_saved_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
profile_changed_cb (GtkEditable       *editable,
                    OtasukeActionPage *self)
{
  char **field = g_object_get_data (G_OBJECT (editable), "profile-field");

  if (self->syncing || self->profile == NULL || field == NULL)
    return;
  if (!otasuke_company_profile_set (self->profile, field, gtk_editable_get_text (editable)))
    return;
  self->profile_dirty = TRUE;
  g_clear_handle_id (&self->profile_save_id, g_source_remove);
  self->profile_save_id = g_timeout_add (AUTOSAVE_MS, profile_autosave_cb, self);
}

static void
show_profile (OtasukeActionPage *self)
{
  struct {
    AdwEntryRow *row;
    char **field;
  } rows[] = {
    { self->company_row, &self->profile->company_name },
    { self->representative_row, &self->profile->representative },
    { self->contact_row, &self->profile->contact_person },
    { self->address_row, &self->profile->address },
    { self->phone_row, &self->profile->phone },
    { self->email_row, &self->profile->email },
  };

  self->syncing = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_object_set_data (G_OBJECT (rows[i].row), "profile-field", rows[i].field);
      gtk_editable_set_text (GTK_EDITABLE (rows[i].row), *rows[i].field);
    }
  self->syncing = FALSE;
}

/* Loading */

static void
state_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OtasukeActionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  OtasukeActionState *state = otasuke_action_state_load_finish (result, &error);
  gboolean first;

  if (state == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->one_star_row, error->message);
      return;
    }

  first = self->state == NULL;
  g_clear_pointer (&self->state, otasuke_action_state_free);
  self->state = state;
  show_readiness (self);

  /* Later reads only refresh what Otasuke says, never what is being typed. */
  if (first)
    {
      self->profile = otasuke_company_profile_copy (state->profile);
      show_profile (self);
      otasuke_action_page_policy_loaded (self, state->policy);
    }
  else if (!self->profile_dirty && self->profile_save_id == 0 &&
           !otasuke_company_profile_equal (self->profile, state->profile))
    {
      /* Changed on a consultation sheet meanwhile, and nothing typed here since. */
      otasuke_company_profile_free (self->profile);
      self->profile = otasuke_company_profile_copy (state->profile);
      show_profile (self);
    }
  otasuke_action_page_policy_list_drafts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

void
otasuke_action_page_reload (OtasukeActionPage *self)
{
  g_return_if_fail (OTASUKE_IS_ACTION_PAGE (self));

  if (self->store == NULL)
    return;
  otasuke_action_state_load_async (self->store, self->cancellable, state_loaded_cb, g_object_ref (self));
}

void
otasuke_action_page_set_store (OtasukeActionPage *self,
                               OtasukeStore      *store)
{
  g_return_if_fail (OTASUKE_IS_ACTION_PAGE (self));

  if (self->attached)
    return;
  self->attached = TRUE;
  g_set_object (&self->store, store);
  if (store == NULL)
    {
      adw_action_row_set_subtitle (self->one_star_row, _("Nothing can be kept: the history file could not be opened"));
      return;
    }
  otasuke_action_page_reload (self);
}

const OtasukeActionReadiness *
otasuke_action_page_get_readiness (OtasukeActionPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_ACTION_PAGE (self), NULL);

  return self->state != NULL ? self->state->readiness : NULL;
}

const OtasukePolicy *
otasuke_action_page_get_policy (OtasukeActionPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_ACTION_PAGE (self), NULL);

  return self->policy;
}

gboolean
otasuke_action_page_save_pending (OtasukeActionPage  *self,
                                  GError            **error)
{
  g_return_val_if_fail (OTASUKE_IS_ACTION_PAGE (self), FALSE);

  if (self->store == NULL)
    return TRUE;
  if (self->profile_dirty && self->profile != NULL)
    {
      if (!otasuke_store_save_company_profile (self->store, self->profile, otasuke_action_page_now (), error))
        return FALSE;
      self->profile_dirty = FALSE;
      g_clear_handle_id (&self->profile_save_id, g_source_remove);
    }
  return otasuke_action_page_policy_save_pending (self, error);
}

/* Confirmations */

static void
confirmation_saved_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(OtasukeActionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!otasuke_store_set_action_confirmation_finish (OTASUKE_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        otasuke_action_page_show_error (self, _("The Confirmation Could Not Be Saved"), error->message);
    }
  otasuke_action_page_reload (self);
}

static void
confirmation_toggled_cb (GtkCheckButton    *button,
                         OtasukeActionPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "need-id");

  if (self->store == NULL || id == NULL)
    return;
  otasuke_store_set_action_confirmation_async (self->store, id, gtk_check_button_get_active (button),
                                               otasuke_action_page_now (), self->cancellable,
                                               confirmation_saved_cb, g_object_ref (self));
}

/* Declaring */

static void
open_site_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GUri) uri = otasuke_url_parse_link (OTASUKE_SECURITY_ACTION_URL, NULL, NULL);

  /* The link policy decides, as for every link the program opens. */
  if (uri != NULL)
    otasuke_launch_uri (GTK_WINDOW (gtk_widget_get_root (widget)), OTASUKE_SECURITY_ACTION_URL);
}

static void
declaration_recorded_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(OtasukeActionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!otasuke_store_add_declaration_finish (OTASUKE_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        otasuke_action_page_show_error (self, _("The Declaration Could Not Be Recorded"), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), "");
  otasuke_action_page_show_toast (self, _("Declaration recorded"));
  otasuke_action_page_reload (self);
}

static void
record_declaration_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  OtasukeActionPage *self = OTASUKE_ACTION_PAGE (widget);
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->declared_on_row))));
  int level = adw_combo_row_get_selected (self->level_row) == 1 ? 2 : 1;

  if (self->store == NULL)
    return;
  /* The store says what is wrong with the date, in the dialog. */
  otasuke_store_add_declaration_async (self->store, level, date,
                                       gtk_editable_get_text (GTK_EDITABLE (self->number_row)),
                                       otasuke_action_page_now (), self->cancellable,
                                       declaration_recorded_cb, g_object_ref (self));
}

/* GObject */

static void
otasuke_action_page_map (GtkWidget *widget)
{
  OtasukeActionPage *self = OTASUKE_ACTION_PAGE (widget);

  GTK_WIDGET_CLASS (otasuke_action_page_parent_class)->map (widget);

  /* A check may have been finished, or the sheet's company changed, since. */
  if (self->state != NULL)
    otasuke_action_page_reload (self);
}

static void
otasuke_action_page_dispose (GObject *object)
{
  OtasukeActionPage *self = OTASUKE_ACTION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->profile_save_id, g_source_remove);
  g_clear_handle_id (&self->policy_save_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), OTASUKE_TYPE_ACTION_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->state, otasuke_action_state_free);
  g_clear_pointer (&self->profile, otasuke_company_profile_free);
  g_clear_pointer (&self->policy, otasuke_policy_free);
  g_clear_pointer (&self->principle_rows, g_ptr_array_unref);
  g_clear_pointer (&self->two_star_rows, g_ptr_array_unref);
  g_clear_pointer (&self->section_views, g_ptr_array_unref);

  G_OBJECT_CLASS (otasuke_action_page_parent_class)->dispose (object);
}

static void
otasuke_action_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OtasukeActionPage *self = OTASUKE_ACTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->state != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_action_page_class_init (OtasukeActionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_action_page_dispose;
  object_class->get_property = otasuke_action_page_get_property;
  widget_class->map = otasuke_action_page_map;

  /* TRUE once the store has been read (tests wait for it). */
  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-action-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, company_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, contact_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, declaration_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, declared_on_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, drafts_model);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, drafts_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, enacted_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, level_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, number_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, one_star_icon);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, one_star_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, policy_company_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, policy_representative_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, policy_title_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, principles_group);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, published_switch);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, published_where_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, representative_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, sections_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, site_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, two_star_group);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, two_star_icon);
  gtk_widget_class_bind_template_child (widget_class, OtasukeActionPage, two_star_row);

  gtk_widget_class_install_action (widget_class, "action.open-site", NULL, open_site_action);
  gtk_widget_class_install_action (widget_class, "action.record-declaration", NULL, record_declaration_action);
  otasuke_action_page_policy_class_init (widget_class);
}

static void
otasuke_action_page_init (OtasukeActionPage *self)
{
  g_autofree char *display = NULL;
  g_autofree char *today = otasuke_policy_today ();
  g_autoptr(GUri) uri = NULL;
  AdwEntryRow *profile_rows[6];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->principle_rows = g_ptr_array_new ();
  self->two_star_rows = g_ptr_array_new ();
  self->section_views = g_ptr_array_new ();

  profile_rows[0] = self->company_row;
  profile_rows[1] = self->representative_row;
  profile_rows[2] = self->contact_row;
  profile_rows[3] = self->address_row;
  profile_rows[4] = self->phone_row;
  profile_rows[5] = self->email_row;
  for (guint i = 0; i < G_N_ELEMENTS (profile_rows); i++)
    g_signal_connect_object (profile_rows[i], "changed", G_CALLBACK (profile_changed_cb), self, 0);

  /* The real host first, as the link policy shows it. */
  uri = otasuke_url_parse_link (OTASUKE_SECURITY_ACTION_URL, &display, NULL);
  g_assert (uri != NULL);
  {
    /* Translators: the site's real host name follows */
    g_autofree char *title = g_strdup_printf (_("IPA’s SECURITY ACTION site: %s"), display);
    g_autofree char *escaped = g_markup_escape_text (title, -1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->site_row), escaped);
    adw_action_row_set_subtitle (self->site_row, OTASUKE_SECURITY_ACTION_URL);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->declared_on_row), today);
  otasuke_action_page_policy_init (self);
  show_declaration (self);
}
