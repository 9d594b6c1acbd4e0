/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-feed.h"
#include "otasuke-sheet-desks.h"
#include "otasuke-sheet-page-private.h"
#include "otasuke-sheet-render.h"
#include "otasuke-store-sheets.h"

#define MAX_SERVICES      50
#define MAX_SERVICE_CHARS 200

G_DEFINE_FINAL_TYPE (OtasukeSheetPage, otasuke_sheet_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHEET,
  PROP_UNSAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
toast_dismissed_cb (AdwToast         *toast,
                    OtasukeSheetPage *self)
{
  if (self->toast == toast)
    self->toast = NULL;
}

/* @title is plain text: a toast's title is markup in libadwaita 1.2, and file
 * names can hold '<' or '&'. The newest message replaces the one on show
 * rather than waiting behind it. */
void
otasuke_sheet_page_show_toast (OtasukeSheetPage *self,
                               const char       *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 4);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  self->toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
otasuke_sheet_page_show_error (OtasukeSheetPage *self,
                               const char       *heading,
                               const char       *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The feed's desks, parsed afresh so each job owns its copy; NULL for the bundled ones. */
GPtrArray *
otasuke_sheet_page_feed_contacts (OtasukeSheetPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *json;
  GPtrArray *contacts;

  if (self->advisories == NULL)
    return NULL;
  json = otasuke_advisories_get_contacts_json (self->advisories);
  if (json == NULL)
    return NULL;

  contacts = otasuke_feed_contacts_from_json (json, &error);
  if (contacts == NULL)
    {
      g_debug ("The feed's desks are not readable: %s", error->message);
      return NULL;
    }
  if (contacts->len == 0)
    g_clear_pointer (&contacts, g_ptr_array_unref);
  return contacts;
}

/* Actions */

void
otasuke_sheet_page_actions_update (OtasukeSheetPage *self)
{
  gboolean have_sheet = self->sheet != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.new", have_sheet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.open", have_sheet && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.delete", have_sheet && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.print", have_sheet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.save-pdf", have_sheet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.save-pdf-to", have_sheet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.save-text", have_sheet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.copy-text", have_sheet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.add-event", have_sheet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.edit-event", have_sheet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.remove-event", have_sheet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.undo-remove-event",
                                 have_sheet && self->removed_event != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.remove-service", have_sheet);
}

/* The form */

void
otasuke_sheet_page_set_unsaved (OtasukeSheetPage *self,
                                gboolean          unsaved)
{
  if (self->unsaved == unsaved)
    return;
  self->unsaved = unsaved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSAVED]);
}

void
otasuke_sheet_page_set_saved_label (OtasukeSheetPage *self,
                                    const char       *text,
                                    gboolean          problem)
{
  gtk_label_set_text (self->saved_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->saved_label), problem ? text : NULL);
  if (problem)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "dim-label");
    }
}

static void
update_draft_label (OtasukeSheetPage *self)
{
  const char *title = self->sheet != NULL ? otasuke_sheet_get_title (self->sheet) : NULL;
  g_autofree char *clean = otasuke_sheet_sanitize_text (title, FALSE);

  gtk_label_set_text (self->draft_label, clean[0] != '\0' ? clean : _("Untitled Sheet"));
}

GtkWidget *
otasuke_sheet_page_icon_button_new (const char *icon_name,
                                    const char *tooltip,
                                    const char *action,
                                    GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static void
rebuild_services (OtasukeSheetPage *self)
{
  const char * const *services = otasuke_sheet_get_cloud_services (self->sheet);
  GtkListBoxRow *row;

  /* Everything but the "Add" row at the end. */
  while ((row = gtk_list_box_get_row_at_index (self->services_list, 0)) != NULL &&
         row != GTK_LIST_BOX_ROW (self->add_service_row))
    gtk_list_box_remove (self->services_list, GTK_WIDGET (row));

  for (guint i = 0; services[i] != NULL; i++)
    {
      GtkWidget *service = adw_action_row_new ();
      g_autofree char *label = g_strdup_printf (_("Remove “%s”"), services[i]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (service), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (service), services[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (service),
                                 otasuke_sheet_page_icon_button_new ("user-trash-symbolic", label,
                                                  "sheet.remove-service", g_variant_new_uint32 (i)));
      gtk_list_box_insert (self->services_list, service, (int) i);
    }
}

static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  /* Another sheet's text is not something to undo into. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
suspicion_changed_cb (OtasukeSheetPage *self)
{
  g_autofree char *text = NULL;

  if (self->syncing || self->sheet == NULL)
    return;
  text = buffer_text (self->suspicion_view);
  otasuke_sheet_set_suspicion (self->sheet, text);
}

static void
question_changed_cb (OtasukeSheetPage *self)
{
  g_autofree char *text = NULL;

  if (self->syncing || self->sheet == NULL)
    return;
  text = buffer_text (self->question_view);
  otasuke_sheet_set_question (self->sheet, text);
}

static void
consulted_changed_cb (OtasukeSheetPage *self)
{
  g_autofree char *text = NULL;

  if (self->syncing || self->sheet == NULL)
    return;
  text = buffer_text (self->consulted_view);
  otasuke_sheet_set_consulted (self->sheet, text);
}

static gboolean
null_to_empty (GBinding     *binding,
               const GValue *from_value,
               GValue       *to_value,
               gpointer      user_data)
{
  const char *text = g_value_get_string (from_value);

  g_value_set_string (to_value, text != NULL ? text : "");
  return TRUE;
}

static gboolean
detected_to_visible (GBinding     *binding,
                     const GValue *from_value,
                     GValue       *to_value,
                     gpointer      user_data)
{
  g_value_set_boolean (to_value, (g_value_get_flags (from_value) & GPOINTER_TO_UINT (user_data)) != 0);
  return TRUE;
}

static gboolean
enum_to_selected (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  g_value_set_uint (to_value, (guint) g_value_get_enum (from_value));
  return TRUE;
}

/* @user_data: the enum's last value; "no selection" is not taken. */
static gboolean
selected_to_enum (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  guint selected = g_value_get_uint (from_value);

  if (selected > GPOINTER_TO_UINT (user_data))
    return FALSE;
  g_value_set_enum (to_value, (int) selected);
  return TRUE;
}

static void
bind (OtasukeSheetPage     *self,
      const char           *source_property,
      gpointer              target,
      const char           *target_property,
      GBindingFlags         flags,
      GBindingTransformFunc to,
      GBindingTransformFunc from,
      gpointer              user_data)
{
  GBinding *binding = g_object_bind_property_full (self->sheet, source_property, target, target_property,
                                                   flags | G_BINDING_SYNC_CREATE, to, from, user_data, NULL);

  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
bind_text (OtasukeSheetPage *self,
           const char       *property,
           AdwEntryRow      *row)
{
  GBinding *binding = g_object_bind_property_full (self->sheet, property, row, "text",
                                                   G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                                                   null_to_empty, NULL, NULL, NULL);

  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
on_sheet_notify (OtasukeSheetPage *self,
                 GParamSpec       *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  /* The store sets these when it saves; they are not edits. */
  if (g_str_equal (name, "id") || g_str_equal (name, "created-at") || g_str_equal (name, "updated-at"))
    {
      if (g_str_equal (name, "id"))
        update_draft_label (self);
      return;
    }
  if (g_str_equal (name, "detected") || g_str_equal (name, "n-events"))
    return;

  if (g_str_equal (name, "company-name") || g_str_equal (name, "contact-person"))
    otasuke_sheet_page_profile_edited (self);

  if (g_str_equal (name, "title"))
    update_draft_label (self);
  else if (g_str_equal (name, "cloud-services"))
    rebuild_services (self);

  otasuke_sheet_page_sheet_changed (self);
}

static void
on_timeline_changed (OtasukeSheetPage *self)
{
  otasuke_sheet_page_rebuild_timeline (self);
  otasuke_sheet_page_sheet_changed (self);
}

static void update_desks (OtasukeSheetPage *self);

void
otasuke_sheet_page_set_sheet (OtasukeSheetPage *self,
                              OtasukeSheet     *sheet)
{
  g_assert (OTASUKE_IS_SHEET (sheet));

  /* A draft from the store is the user's: no late pre-fill. */
  self->prefill_pending = FALSE;
  if (self->sheet != NULL)
    {
      for (guint i = 0; i < self->bindings->len; i++)
        g_binding_unbind (g_ptr_array_index (self->bindings, i));
      g_ptr_array_set_size (self->bindings, 0);
      g_signal_handlers_disconnect_by_data (self->sheet, self);
    }

  g_set_object (&self->sheet, sheet);
  g_clear_pointer (&self->removed_event, otasuke_sheet_event_free);

  self->syncing = TRUE;
  bind_text (self, "title", self->title_row);
  bind_text (self, "company-name", self->company_row);
  bind_text (self, "contact-person", self->contact_row);
  bind_text (self, "phone", self->phone_row);
  bind_text (self, "email", self->email_row);
  bind (self, "machine", self->machine_row, "selected",
        G_BINDING_BIDIRECTIONAL, enum_to_selected, selected_to_enum,
        GUINT_TO_POINTER (OTASUKE_SHEET_MACHINE_POWERED_OFF));
  bind_text (self, "device-type", self->device_row);
  bind_text (self, "operating-system", self->os_row);
  bind_text (self, "security-software", self->security_row);
  bind (self, "affected-devices", gtk_spin_button_get_adjustment (self->devices_spin), "value",
        G_BINDING_BIDIRECTIONAL, NULL, NULL, NULL);
  bind (self, "affected-accounts", gtk_spin_button_get_adjustment (self->accounts_spin), "value",
        G_BINDING_BIDIRECTIONAL, NULL, NULL, NULL);
  bind (self, "police", self->police_row, "selected",
        G_BINDING_BIDIRECTIONAL, enum_to_selected, selected_to_enum,
        GUINT_TO_POINTER (OTASUKE_SHEET_POLICE_NOT_YET));
  bind (self, "detected", self->device_detected, "visible", G_BINDING_DEFAULT,
        detected_to_visible, NULL, GUINT_TO_POINTER (OTASUKE_SHEET_FIELD_DEVICE_TYPE));
  bind (self, "detected", self->os_detected, "visible", G_BINDING_DEFAULT,
        detected_to_visible, NULL, GUINT_TO_POINTER (OTASUKE_SHEET_FIELD_OPERATING_SYSTEM));
  bind (self, "detected", self->security_detected, "visible", G_BINDING_DEFAULT,
        detected_to_visible, NULL, GUINT_TO_POINTER (OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE));
  set_buffer_text (self->suspicion_view, otasuke_sheet_get_suspicion (sheet));
  set_buffer_text (self->consulted_view, otasuke_sheet_get_consulted (sheet));
  set_buffer_text (self->question_view, otasuke_sheet_get_question (sheet));
  gtk_editable_set_text (GTK_EDITABLE (self->add_service_row), "");
  rebuild_services (self);
  otasuke_sheet_page_rebuild_timeline (self);
  self->syncing = FALSE;

  g_signal_connect_object (sheet, "notify", G_CALLBACK (on_sheet_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sheet, "timeline-changed", G_CALLBACK (on_timeline_changed), self,
                           G_CONNECT_SWAPPED);
  /* A company is pointed at a different desk than an individual. */
  g_signal_connect_object (sheet, "notify::company-name", G_CALLBACK (update_desks), self,
                           G_CONNECT_SWAPPED);
  update_desks (self);

  update_draft_label (self);
  otasuke_sheet_page_set_saved_label (self, self->store == NULL ? _("Drafts cannot be kept: the history file could not be opened")
                                             : "",
                   self->store == NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "form");
  otasuke_sheet_page_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHEET]);
}

static char *
detected_security (OtasukeSheetPage *self)
{
  const OtasukeProbeReport *report = NULL;

  if (self->probe_service != NULL)
    report = otasuke_probe_service_get_report (self->probe_service);
  return report != NULL ? otasuke_probe_report_security_names (report) : NULL;
}

/* The system as the probes last saw it, else as read at start-up. */
static char *
detected_os (OtasukeSheetPage *self)
{
  const OtasukeProbeReport *report = NULL;
  OtasukeOsInfo info = { 0 };

  if (self->probe_service != NULL)
    report = otasuke_probe_service_get_report (self->probe_service);
  if (report == NULL || report->os.name == NULL)
    return g_strdup (self->detected_os);

  info.name = report->os.name;
  info.version = report->os.version;
  info.version_id = report->os.version_id;
  info.id = report->os.id;
  info.architecture = report->os.architecture;
  info.kernel = report->os.kernel;
  return otasuke_sheet_describe_os (&info);
}

void
otasuke_sheet_page_start_new_sheet (OtasukeSheetPage *self)
{
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();
  g_autofree char *security = detected_security (self);
  g_autofree char *os = detected_os (self);

  otasuke_sheet_prefill (sheet, self->detected_device, os, security);
  otasuke_sheet_page_profile_prefill (self, sheet);
  otasuke_sheet_page_set_sheet (self, sheet);
  /* The probes have not answered yet: their first report fills it in. */
  self->prefill_pending = self->probe_service != NULL &&
                          otasuke_probe_service_get_report (self->probe_service) == NULL;
}

static void
on_probe_report_changed (OtasukeSheetPage *self)
{
  g_autofree char *security = NULL;

  if (!self->prefill_pending || self->sheet == NULL)
    return;
  self->prefill_pending = FALSE;
  security = detected_security (self);
  otasuke_sheet_prefill (self->sheet, NULL, NULL, security);
}

/* The counts: empty rather than -1 while not filled in. */

static gboolean
count_output_cb (GtkSpinButton *spin,
                 gpointer       user_data)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = value < 0 ? g_strdup ("") : g_strdup_printf ("%d", (int) value);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
count_input_cb (GtkSpinButton *spin,
                double        *new_value,
                gpointer       user_data)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  double value = 0;

  if (text[0] == '\0')
    {
      *new_value = -1;
      return TRUE;
    }

  /* Full-width digits count too: they are what a Japanese input method types. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int digit = g_unichar_digit_value (g_utf8_get_char (p));

      if (digit < 0 || value > 100000)
        return GTK_INPUT_ERROR;
      value = value * 10 + digit;
    }

  *new_value = value;
  return TRUE;
}

/* Cloud services */

static void
add_service_cb (OtasukeSheetPage *self)
{
  g_autofree char *text = otasuke_sheet_sanitize_text (gtk_editable_get_text (GTK_EDITABLE (self->add_service_row)),
                                                       FALSE);
  const char * const *services;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  guint n;

  if (self->sheet == NULL || text[0] == '\0')
    return;

  services = otasuke_sheet_get_cloud_services (self->sheet);
  n = g_strv_length ((char **) services);
  if (n >= MAX_SERVICES)
    return;
  if (g_utf8_strlen (text, -1) > MAX_SERVICE_CHARS)
    {
      char *cut = g_utf8_substring (text, 0, MAX_SERVICE_CHARS);

      g_free (text);
      text = cut;
    }

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) services);
  g_strv_builder_add (builder, text);
  updated = g_strv_builder_end (builder);

  gtk_editable_set_text (GTK_EDITABLE (self->add_service_row), "");
  otasuke_sheet_set_cloud_services (self->sheet, (const char * const *) updated);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_service_row));
}

static void
remove_service_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (widget);
  const char * const *services = otasuke_sheet_get_cloud_services (self->sheet);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  if (index >= g_strv_length ((char **) services))
    return;

  for (guint i = 0; services[i] != NULL; i++)
    if (i != index)
      g_strv_builder_add (builder, services[i]);
  updated = g_strv_builder_end (builder);
  otasuke_sheet_set_cloud_services (self->sheet, (const char * const *) updated);
}

static void
update_desks (OtasukeSheetPage *self)
{
  g_autoptr(GPtrArray) contacts = otasuke_sheet_page_feed_contacts (self);

  g_autoptr(GPtrArray) ordered = NULL;

  if (contacts == NULL)
    contacts = otasuke_sheet_default_contacts ();
  ordered = otasuke_sheet_order_contacts (contacts,
                                          self->sheet != NULL && otasuke_sheet_is_company (self->sheet));
  otasuke_sheet_desks_fill (self->desks_box, ordered);
}

/* Start-up */

static void
detect_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_task_return_int (task, otasuke_sheet_read_device_kind ("/"));
}

static void
detect_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OtasukeSheetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize kind = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    return;

  self->detected_device = g_strdup (otasuke_device_kind_to_string ((OtasukeDeviceKind) kind));

  if (self->store != NULL)
    otasuke_sheet_page_profile_load_then_draft (self);
  else
    otasuke_sheet_page_start_new_sheet (self);
}

void
otasuke_sheet_page_set_sources (OtasukeSheetPage    *self,
                                OtasukeStore        *store,
                                OtasukeAdvisories   *advisories,
                                const OtasukeOsInfo *os_info,
                                OtasukeProbeService *probe_service)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OTASUKE_IS_SHEET_PAGE (self));
  g_return_if_fail (store == NULL || OTASUKE_IS_STORE (store));
  g_return_if_fail (advisories == NULL || OTASUKE_IS_ADVISORIES (advisories));

  if (self->attached)
    return;
  self->attached = TRUE;

  g_set_object (&self->store, store);
  g_set_object (&self->advisories, advisories);
  self->detected_os = otasuke_sheet_describe_os (os_info);
  g_set_object (&self->probe_service, probe_service);
  if (probe_service != NULL)
    g_signal_connect_object (probe_service, "report-changed", G_CALLBACK (on_probe_report_changed), self,
                             G_CONNECT_SWAPPED);

  if (advisories != NULL)
    {
      g_signal_connect_object (advisories, "notify::loaded", G_CALLBACK (update_desks), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (advisories, "notify::last-success", G_CALLBACK (update_desks), self,
                               G_CONNECT_SWAPPED);
    }
  update_desks (self);

  task = g_task_new (NULL, self->cancellable, detect_cb, g_object_ref (self));
  g_task_set_source_tag (task, otasuke_sheet_page_set_sources);
  g_task_run_in_thread (task, detect_in_thread);
}

OtasukeSheet *
otasuke_sheet_page_get_sheet (OtasukeSheetPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET_PAGE (self), NULL);

  return self->sheet;
}

gboolean
otasuke_sheet_page_get_unsaved (OtasukeSheetPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET_PAGE (self), FALSE);

  return self->unsaved;
}

/* GObject */

static void
otasuke_sheet_page_dispose (GObject *object)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (object);

  {
    g_autoptr(GError) error = NULL;

    /* The window asked before closing; this is the last chance. */
    if (!otasuke_sheet_page_save_pending (self, &error))
      g_message ("%s", error->message);
  }
  g_cancellable_cancel (self->cancellable);

  if (self->sheet != NULL)
    {
      for (guint i = 0; i < self->bindings->len; i++)
        g_binding_unbind (g_ptr_array_index (self->bindings, i));
      g_ptr_array_set_size (self->bindings, 0);
      g_signal_handlers_disconnect_by_data (self->sheet, self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (object), OTASUKE_TYPE_SHEET_PAGE);

  g_clear_object (&self->sheet);
  g_clear_object (&self->save_again);
  g_clear_object (&self->advisories);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (otasuke_sheet_page_parent_class)->dispose (object);
}

static void
otasuke_sheet_page_finalize (GObject *object)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->saving);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->removed_event, otasuke_sheet_event_free);
  g_clear_handle_id (&self->profile_save_id, g_source_remove);
  g_clear_pointer (&self->profile, otasuke_company_profile_free);
  g_free (self->saved_path);
  g_free (self->detected_os);
  g_free (self->detected_device);
  g_clear_object (&self->probe_service);

  G_OBJECT_CLASS (otasuke_sheet_page_parent_class)->finalize (object);
}

static void
otasuke_sheet_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHEET:
      g_value_set_object (value, self->sheet);
      break;

    case PROP_UNSAVED:
      g_value_set_boolean (value, self->unsaved);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_sheet_page_class_init (OtasukeSheetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_sheet_page_dispose;
  object_class->finalize = otasuke_sheet_page_finalize;
  object_class->get_property = otasuke_sheet_page_get_property;

  properties[PROP_SHEET] =
    g_param_spec_object ("sheet", NULL, NULL, OTASUKE_TYPE_SHEET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNSAVED] =
    g_param_spec_boolean ("unsaved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-sheet-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, accounts_spin);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, add_service_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, company_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, consulted_view);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, contact_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, question_view);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, machine_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, desks_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, device_detected);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, device_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, devices_spin);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, draft_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, drafts_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, drafts_list);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, drafts_popover);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, form_page);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, limits_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, os_detected);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, os_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, police_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, saved_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, security_detected);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, security_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, services_list);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, suspicion_view);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSheetPage, toast_overlay);

  otasuke_sheet_page_drafts_class_init (widget_class);
  otasuke_sheet_page_output_class_init (widget_class);
  otasuke_sheet_page_timeline_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "sheet.remove-service", "u", remove_service_action);
}

static void
otasuke_sheet_page_init (OtasukeSheetPage *self)
{
  static const char * const limits[] = {
    N_("The desks give advice. They do not examine devices or logs, give legal advice, "
       "recommend products, or contact other organisations for you."),
    N_("When you send this sheet or screenshots by mail, keep the attachments under "
       "about 3 MB in total."),
    N_("Never write passwords on this sheet or in a mail to a desk."),
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);

  otasuke_sheet_page_timeline_init (self);
  otasuke_sheet_page_drafts_init (self);

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *bullet = gtk_label_new ("•");
      GtkWidget *text = gtk_label_new (_(limits[i]));

      gtk_widget_set_valign (bullet, GTK_ALIGN_BASELINE);
      gtk_widget_set_valign (text, GTK_ALIGN_BASELINE);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      /* Copied with the mouse; Tab does not stop on (and select) it: not
       * focusable, and can-focus off too, or GTK 4.8 keeps Tab on it. */
      gtk_widget_set_focusable (text, FALSE);
      gtk_widget_set_can_focus (text, FALSE);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (line), bullet);
      gtk_box_append (GTK_BOX (line), text);
      gtk_box_append (self->limits_box, line);
    }

  g_signal_connect (self->devices_spin, "output", G_CALLBACK (count_output_cb), NULL);
  g_signal_connect (self->devices_spin, "input", G_CALLBACK (count_input_cb), NULL);
  g_signal_connect (self->accounts_spin, "output", G_CALLBACK (count_output_cb), NULL);
  g_signal_connect (self->accounts_spin, "input", G_CALLBACK (count_input_cb), NULL);
  count_output_cb (self->devices_spin, NULL);
  count_output_cb (self->accounts_spin, NULL);

  g_signal_connect_object (gtk_text_view_get_buffer (self->suspicion_view), "changed",
                           G_CALLBACK (suspicion_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->question_view), "changed",
                           G_CALLBACK (question_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->consulted_view), "changed",
                           G_CALLBACK (consulted_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_service_row, "apply", G_CALLBACK (add_service_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_service_row, "entry-activated", G_CALLBACK (add_service_cb), self,
                           G_CONNECT_SWAPPED);

  update_draft_label (self);
  otasuke_sheet_page_actions_update (self);
}
