/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-feed.h"
#include "otasuke-sheet-page.h"
#include "otasuke-sheet-render.h"
#include "otasuke-store-sheets.h"
#include "otasuke-time.h"

#define AUTOSAVE_DELAY_MS 1000
#define MAX_SERVICES      50
#define MAX_SERVICE_CHARS 200
#define TEXT_WIDTH        72
/* A4 in points, as the sheet is laid out. */
#define A4_WIDTH          (210.0 * 72.0 / 25.4)
#define A4_HEIGHT         (297.0 * 72.0 / 25.4)
#define NEW_EVENT         G_MAXUINT

struct _OtasukeSheetPage
{
  GtkWidget          parent_instance;

  OtasukeStore      *store;
  OtasukeAdvisories *advisories;
  GCancellable      *cancellable;
  gboolean           attached;

  char              *detected_os;
  char              *detected_device;

  OtasukeSheet      *sheet;
  GPtrArray         *bindings;      /* GBinding*, to the current sheet */
  gboolean           syncing;       /* widgets are being filled from the sheet */

  guint              autosave_id;
  gboolean           unsaved;
  OtasukeSheet      *saving;        /* a save is in flight for this sheet */
  OtasukeSheet      *save_again;    /* and it changed again meanwhile */

  OtasukeSheetEvent *removed_event; /* for "Undo" */

  /* Template widgets */
  GtkSpinButton     *accounts_spin;
  AdwEntryRow       *add_service_row;
  AdwEntryRow       *company_row;
  GtkTextView       *consulted_view;
  AdwEntryRow       *contact_row;
  GtkBox            *desks_box;
  GtkWidget         *device_detected;
  AdwEntryRow       *device_row;
  GtkSpinButton     *devices_spin;
  GtkLabel          *draft_label;
  GtkMenuButton     *drafts_button;
  GtkListBox        *drafts_list;
  GtkPopover        *drafts_popover;
  AdwPreferencesPage *form_page;
  GtkBox            *limits_box;
  GtkStack          *main_stack;
  GtkWidget         *os_detected;
  AdwEntryRow       *os_row;
  AdwComboRow       *police_row;
  GtkLabel          *saved_label;
  GtkWidget         *security_detected;
  AdwEntryRow       *security_row;
  GtkListBox        *services_list;
  GtkTextView       *suspicion_view;
  GtkListBox        *timeline_list;
  AdwEntryRow       *title_row;
  AdwToastOverlay   *toast_overlay;
};

G_DEFINE_FINAL_TYPE (OtasukeSheetPage, otasuke_sheet_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHEET,
  PROP_UNSAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void save_now (OtasukeSheetPage *self,
                      OtasukeSheet     *sheet);

/* Helpers */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
show_toast (OtasukeSheetPage *self,
            const char       *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (OtasukeSheetPage *self,
            const char       *heading,
            const char       *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
format_event_time (gint64 at)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (at);
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (local == NULL)
    return g_strdup ("?");

  /* Translators: the same strftime format as on the printed sheet */
  date = g_date_time_format (local, C_("sheet date", "%Y-%m-%d"));
  time = g_date_time_format (local, "%H:%M");
  return g_strdup_printf ("%s\n%s", date, time);
}

/* The feed's desks, parsed afresh so each job owns its copy; NULL for the bundled ones. */
static GPtrArray *
feed_contacts (OtasukeSheetPage *self)
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

static char *
dated_file_name (const char *extension)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  /* Translators: the start of a file name, "Consultation sheet-2026-11-26.pdf" */
  return g_strdup_printf ("%s-%s.%s", _("Consultation sheet"), date, extension);
}

/* Actions */

static void
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

/* Saving */

static void
set_unsaved (OtasukeSheetPage *self,
             gboolean          unsaved)
{
  if (self->unsaved == unsaved)
    return;
  self->unsaved = unsaved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSAVED]);
}

static void
set_saved_label (OtasukeSheetPage *self,
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

typedef struct {
  OtasukeSheetPage *self;
  OtasukeSheet     *sheet;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->sheet);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  OtasukeSheetPage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeSheet) again = NULL;
  gboolean current = data->sheet == self->sheet;

  g_clear_object (&self->saving);
  again = g_steal_pointer (&self->save_again);

  if (!otasuke_store_save_sheet_finish (OTASUKE_STORE (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      g_warning ("Could not save the consultation sheet: %s", error->message);
      if (current)
        set_saved_label (self, message, TRUE);
    }
  else if (current && again == NULL && self->autosave_id == 0)
    set_saved_label (self, _("Saved"), FALSE);

  if (again != NULL)
    save_now (self, again);
  else if (error == NULL && self->autosave_id == 0)
    set_unsaved (self, FALSE);
}

static void
save_now (OtasukeSheetPage *self,
          OtasukeSheet     *sheet)
{
  SaveData *data;

  if (self->store == NULL)
    {
      set_unsaved (self, FALSE);
      return;
    }

  /* One save at a time: a new draft must get its id before it is saved again. */
  if (self->saving != NULL)
    {
      g_set_object (&self->save_again, sheet);
      return;
    }

  self->saving = g_object_ref (sheet);
  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->sheet = g_object_ref (sheet);
  otasuke_store_save_sheet_async (self->store, sheet, g_get_real_time () / G_USEC_PER_SEC,
                                  NULL, save_cb, data);
}

static gboolean
autosave_cb (gpointer user_data)
{
  OtasukeSheetPage *self = user_data;

  self->autosave_id = 0;
  if (self->sheet != NULL)
    save_now (self, self->sheet);
  return G_SOURCE_REMOVE;
}

/* Saves what is waiting at once, before another sheet takes this one's place. */
static void
flush_autosave (OtasukeSheetPage *self)
{
  if (self->autosave_id == 0)
    return;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->sheet != NULL)
    save_now (self, self->sheet);
}

static void
sheet_changed (OtasukeSheetPage *self)
{
  if (self->syncing || self->store == NULL)
    return;

  set_unsaved (self, TRUE);
  set_saved_label (self, "", FALSE);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

/* The form */

static void
update_draft_label (OtasukeSheetPage *self)
{
  const char *title = self->sheet != NULL ? otasuke_sheet_get_title (self->sheet) : NULL;
  g_autofree char *clean = otasuke_sheet_sanitize_text (title, FALSE);

  gtk_label_set_text (self->draft_label, clean[0] != '\0' ? clean : _("Untitled Sheet"));
}

static GtkWidget *
icon_button_new (const char *icon_name,
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
                                 icon_button_new ("user-trash-symbolic", label,
                                                  "sheet.remove-service", g_variant_new_uint32 (i)));
      gtk_list_box_insert (self->services_list, service, (int) i);
    }
}

static void
rebuild_timeline (OtasukeSheetPage *self)
{
  guint n_events = otasuke_sheet_get_n_events (self->sheet);
  GtkListBoxRow *old;

  while ((old = gtk_list_box_get_row_at_index (self->timeline_list, 0)) != NULL)
    gtk_list_box_remove (self->timeline_list, GTK_WIDGET (old));

  for (guint i = 0; i < n_events; i++)
    {
      const OtasukeSheetEvent *event = otasuke_sheet_get_event (self->sheet, i);
      g_autofree char *when = format_event_time (event->at);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *time_label = gtk_label_new (when);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), event->text);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "sheet.edit-event");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_uint32 (i));

      gtk_label_set_xalign (GTK_LABEL (time_label), 0);
      gtk_label_set_width_chars (GTK_LABEL (time_label), 10);
      gtk_widget_add_css_class (time_label, "numeric");
      gtk_widget_add_css_class (time_label, "dim-label");
      gtk_widget_add_css_class (time_label, "caption");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), time_label);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button_new ("document-edit-symbolic", _("Edit Entry"),
                                                  "sheet.edit-event", g_variant_new_uint32 (i)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button_new ("user-trash-symbolic", _("Remove Entry"),
                                                  "sheet.remove-event", g_variant_new_uint32 (i)));
      gtk_list_box_append (self->timeline_list, row);
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
police_to_selected (GBinding     *binding,
                    const GValue *from_value,
                    GValue       *to_value,
                    gpointer      user_data)
{
  g_value_set_uint (to_value, (guint) g_value_get_enum (from_value));
  return TRUE;
}

static gboolean
selected_to_police (GBinding     *binding,
                    const GValue *from_value,
                    GValue       *to_value,
                    gpointer      user_data)
{
  guint selected = g_value_get_uint (from_value);

  if (selected > OTASUKE_SHEET_POLICE_NOT_YET)
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

  if (g_str_equal (name, "title"))
    update_draft_label (self);
  else if (g_str_equal (name, "cloud-services"))
    rebuild_services (self);

  sheet_changed (self);
}

static void
on_timeline_changed (OtasukeSheetPage *self)
{
  rebuild_timeline (self);
  sheet_changed (self);
}

static void
set_sheet (OtasukeSheetPage *self,
           OtasukeSheet     *sheet)
{
  g_assert (OTASUKE_IS_SHEET (sheet));

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
  bind_text (self, "device-type", self->device_row);
  bind_text (self, "operating-system", self->os_row);
  bind_text (self, "security-software", self->security_row);
  bind (self, "affected-devices", gtk_spin_button_get_adjustment (self->devices_spin), "value",
        G_BINDING_BIDIRECTIONAL, NULL, NULL, NULL);
  bind (self, "affected-accounts", gtk_spin_button_get_adjustment (self->accounts_spin), "value",
        G_BINDING_BIDIRECTIONAL, NULL, NULL, NULL);
  bind (self, "police", self->police_row, "selected",
        G_BINDING_BIDIRECTIONAL, police_to_selected, selected_to_police, NULL);
  bind (self, "detected", self->device_detected, "visible", G_BINDING_DEFAULT,
        detected_to_visible, NULL, GUINT_TO_POINTER (OTASUKE_SHEET_FIELD_DEVICE_TYPE));
  bind (self, "detected", self->os_detected, "visible", G_BINDING_DEFAULT,
        detected_to_visible, NULL, GUINT_TO_POINTER (OTASUKE_SHEET_FIELD_OPERATING_SYSTEM));
  bind (self, "detected", self->security_detected, "visible", G_BINDING_DEFAULT,
        detected_to_visible, NULL, GUINT_TO_POINTER (OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE));
  set_buffer_text (self->suspicion_view, otasuke_sheet_get_suspicion (sheet));
  set_buffer_text (self->consulted_view, otasuke_sheet_get_consulted (sheet));
  gtk_editable_set_text (GTK_EDITABLE (self->add_service_row), "");
  rebuild_services (self);
  rebuild_timeline (self);
  self->syncing = FALSE;

  g_signal_connect_object (sheet, "notify", G_CALLBACK (on_sheet_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sheet, "timeline-changed", G_CALLBACK (on_timeline_changed), self,
                           G_CONNECT_SWAPPED);

  update_draft_label (self);
  set_saved_label (self, self->store == NULL ? _("Drafts cannot be kept: the history file could not be opened")
                                             : "",
                   self->store == NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "form");
  otasuke_sheet_page_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHEET]);
}

static void
start_new_sheet (OtasukeSheetPage *self)
{
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();

  otasuke_sheet_prefill (sheet, self->detected_device, self->detected_os, NULL);
  set_sheet (self, sheet);
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

/* The timeline */

typedef struct {
  OtasukeSheetPage *self;
  OtasukeSheet     *sheet;
  guint             position;   /* NEW_EVENT to add one */
  GtkCalendar      *calendar;
  GtkSpinButton    *hour;
  GtkSpinButton    *minute;
  GtkEditable      *text;
} EventDialog;

static void
event_dialog_free (EventDialog *data)
{
  g_object_unref (data->self);
  g_object_unref (data->sheet);
  g_free (data);
}

static gboolean
two_digits_output_cb (GtkSpinButton *spin,
                      gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static GtkSpinButton *
time_spin_new (int         max,
               int         value,
               const char *accessible_label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 2);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  g_signal_connect (spin, "output", G_CALLBACK (two_digits_output_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  two_digits_output_cb (GTK_SPIN_BUTTON (spin), NULL);
  return GTK_SPIN_BUTTON (spin);
}

static void
event_text_changed_cb (GtkEditable      *editable,
                       AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "save", !is_blank (gtk_editable_get_text (editable)));
}

static void
event_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          EventDialog      *data)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "save"))
    return;

  text = otasuke_sheet_sanitize_text (gtk_editable_get_text (data->text), TRUE);
  if (text[0] == '\0')
    return;

  day = gtk_calendar_get_date (data->calendar);
  when = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (data->hour),
                                gtk_spin_button_get_value_as_int (data->minute), 0);
  if (when == NULL)
    return;

  if (data->position == NEW_EVENT)
    otasuke_sheet_add_event (data->sheet, g_date_time_to_unix (when), text);
  else if (data->position < otasuke_sheet_get_n_events (data->sheet))
    otasuke_sheet_update_event (data->sheet, data->position, g_date_time_to_unix (when), text);
}

static void
open_event_dialog (OtasukeSheetPage *self,
                   guint             position)
{
  const OtasukeSheetEvent *event = NULL;
  g_autoptr(GDateTime) when = NULL;
  EventDialog *data;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *time_box;
  GtkWidget *label;
  GtkWidget *calendar;
  GtkWidget *entry;

  if (position != NEW_EVENT)
    {
      if (position >= otasuke_sheet_get_n_events (self->sheet))
        return;
      event = otasuke_sheet_get_event (self->sheet, position);
      when = g_date_time_new_from_unix_local (event->at);
    }
  if (when == NULL)
    when = g_date_time_new_now_local ();

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   event != NULL ? _("Edit Entry") : _("Add an Entry"),
                                   _("When did it happen, and what did you see or notice?"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  calendar = gtk_calendar_new ();
  gtk_calendar_select_day (GTK_CALENDAR (calendar), when);
  gtk_widget_add_css_class (calendar, "card");
  gtk_box_append (GTK_BOX (box), calendar);

  time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (time_box, GTK_ALIGN_CENTER);
  label = gtk_label_new (_("Time"));
  gtk_widget_set_margin_end (label, 6);
  gtk_box_append (GTK_BOX (time_box), label);

  data = g_new0 (EventDialog, 1);
  data->self = g_object_ref (self);
  data->sheet = g_object_ref (self->sheet);
  data->position = position;
  data->calendar = GTK_CALENDAR (calendar);
  data->hour = time_spin_new (23, g_date_time_get_hour (when), _("Hour"));
  data->minute = time_spin_new (59, g_date_time_get_minute (when), _("Minute"));
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (data->hour));
  label = gtk_label_new (":");
  gtk_widget_add_css_class (label, "title-3");
  gtk_box_append (GTK_BOX (time_box), label);
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (data->minute));
  gtk_box_append (GTK_BOX (box), time_box);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What you saw or noticed"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What you saw or noticed"), -1);
  if (event != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), event->text);
  data->text = GTK_EDITABLE (entry);
  gtk_box_append (GTK_BOX (box), entry);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", event != NULL ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  event_text_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));

  g_signal_connect (entry, "changed", G_CALLBACK (event_text_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (event_dialog_response_cb), data,
                         (GClosureNotify) (void (*) (void)) event_dialog_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_event_dialog (OTASUKE_SHEET_PAGE (widget), NEW_EVENT);
}

static void
edit_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_event_dialog (OTASUKE_SHEET_PAGE (widget), g_variant_get_uint32 (parameter));
}

static void
remove_event_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (widget);
  guint position = g_variant_get_uint32 (parameter);
  AdwToast *toast;

  if (position >= otasuke_sheet_get_n_events (self->sheet))
    return;

  g_clear_pointer (&self->removed_event, otasuke_sheet_event_free);
  self->removed_event = otasuke_sheet_event_copy (otasuke_sheet_get_event (self->sheet, position));
  otasuke_sheet_remove_event (self->sheet, position);
  otasuke_sheet_page_actions_update (self);

  toast = adw_toast_new (_("Entry removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "sheet.undo-remove-event");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_remove_event_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (widget);
  g_autoptr(OtasukeSheetEvent) event = g_steal_pointer (&self->removed_event);

  if (event != NULL)
    otasuke_sheet_add_event (self->sheet, event->at, event->text);
  otasuke_sheet_page_actions_update (self);
}

/* Drafts */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OtasukeSheetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeSheet) sheet = otasuke_store_load_sheet_finish (OTASUKE_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_warning ("Could not load a consultation sheet: %s", error->message);
      show_toast (self, _("The draft could not be opened"));
    }

  if (sheet != NULL)
    set_sheet (self, sheet);
  else if (self->sheet == NULL)
    start_new_sheet (self);
}

static void
open_draft (OtasukeSheetPage *self,
            gint64            id)
{
  flush_autosave (self);
  otasuke_store_load_sheet_async (self->store, id, self->cancellable, load_cb, g_object_ref (self));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (widget);

  gtk_popover_popdown (self->drafts_popover);
  flush_autosave (self);
  start_new_sheet (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);

  gtk_popover_popdown (self->drafts_popover);
  if (id > 0 && (self->sheet == NULL || id != otasuke_sheet_get_id (self->sheet)))
    open_draft (self, id);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OtasukeSheetPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!otasuke_store_delete_sheet_finish (OTASUKE_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The Draft Could Not Be Deleted"), error->message);
      return;
    }

  show_toast (self, _("Draft deleted"));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OtasukeSheetPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "sheet-id");

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;

  /* The draft on screen goes too: an empty sheet takes its place, unsaved. */
  if (self->sheet != NULL && otasuke_sheet_get_id (self->sheet) == id)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      g_clear_object (&self->save_again);
      start_new_sheet (self);
      set_unsaved (self, self->saving != NULL);
    }

  otasuke_store_delete_sheet_async (self->store, id, self->cancellable, delete_cb, g_object_ref (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  GtkWidget *dialog;
  GtkListBoxRow *row;
  const char *title = NULL;

  gtk_popover_popdown (self->drafts_popover);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->drafts_list, i)) != NULL; i++)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row));

      if (ADW_IS_PREFERENCES_ROW (row) && target != NULL && g_variant_get_int64 (target) == id)
        title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Delete This Draft?"), NULL);
  if (title != NULL)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s” will be removed from this computer. This cannot be undone."),
                                    title);
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("The draft will be removed from this computer. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sheet-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
draft_row_new (OtasukeSheetPage       *self,
               const OtasukeSheetInfo *info,
               GDateTime              *now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = otasuke_sheet_sanitize_text (info->title, FALSE);
  g_autofree char *changed = otasuke_time_format (info->updated_at, now);

  if (title[0] == '\0')
    {
      g_free (title);
      title = g_strdup (_("Untitled Sheet"));
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), changed);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "sheet.open");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (info->id));

  if (self->sheet != NULL && otasuke_sheet_get_id (self->sheet) == info->id)
    {
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_widget_set_tooltip_text (check, _("On screen now"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
    }
  else
    {
      /* Keeps the titles in line with the one that has a check mark. */
      GtkWidget *spacer = gtk_image_new ();

      gtk_image_set_pixel_size (GTK_IMAGE (spacer), 16);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), spacer);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button_new ("user-trash-symbolic", _("Delete Draft…"),
                                              "sheet.delete", g_variant_new_int64 (info->id)));
  return row;
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OtasukeSheetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = otasuke_store_list_sheets_finish (OTASUKE_STORE (object), result, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkListBoxRow *row;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  while ((row = gtk_list_box_get_row_at_index (self->drafts_list, 0)) != NULL)
    gtk_list_box_remove (self->drafts_list, GTK_WIDGET (row));

  if (infos == NULL)
    {
      g_warning ("Could not list the consultation sheets: %s", error->message);
      return;
    }

  for (guint i = 0; i < infos->len; i++)
    gtk_list_box_append (self->drafts_list, draft_row_new (self, g_ptr_array_index (infos, i), now));
}

static void
drafts_popover_show_cb (OtasukeSheetPage *self)
{
  if (self->store == NULL)
    return;
  otasuke_store_list_sheets_async (self->store, self->cancellable, list_cb, g_object_ref (self));
}

/* Desks */

static void
add_desk_line (GtkGrid      *grid,
               GtkSizeGroup *labels,
               int           line,
               const char   *label,
               const char   *value)
{
  g_autofree char *clean = otasuke_sheet_sanitize_text (value, TRUE);
  GtkWidget *name;
  GtkWidget *text;

  if (clean[0] == '\0')
    return;

  name = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_valign (name, GTK_ALIGN_BASELINE);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_size_group_add_widget (labels, name);
  gtk_grid_attach (grid, name, 0, line, 1, 1);

  text = gtk_label_new (clean);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_BASELINE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_grid_attach (grid, text, 1, line, 1, 1);
}

static GtkWidget *
desk_card_new (const OtasukeFeedContact *contact,
               GtkSizeGroup             *labels)
{
  g_autofree char *name = otasuke_sheet_sanitize_text (contact->name, FALSE);
  g_autofree char *notes = otasuke_sheet_sanitize_text (contact->notes, TRUE);
  const char *url = contact->url;
  GtkWidget *card;
  GtkWidget *label;
  GtkWidget *grid;

  if (name[0] == '\0')
    return NULL;

  /* Only web addresses are shown as addresses. */
  if (url != NULL && !g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    url = NULL;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (card, "card");

  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 14);
  gtk_widget_set_margin_start (label, 16);
  gtk_widget_set_margin_end (label, 16);
  gtk_box_append (GTK_BOX (card), label);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_start (grid, 16);
  gtk_widget_set_margin_end (grid, 16);
  add_desk_line (GTK_GRID (grid), labels, 0, _("Phone"), contact->phone);
  add_desk_line (GTK_GRID (grid), labels, 1, _("Hours"), contact->hours);
  add_desk_line (GTK_GRID (grid), labels, 2, _("Mail"), contact->email);
  add_desk_line (GTK_GRID (grid), labels, 3, _("Website"), url);
  gtk_box_append (GTK_BOX (card), grid);
  gtk_widget_set_visible (grid, gtk_widget_get_first_child (grid) != NULL);

  if (notes[0] != '\0')
    {
      label = gtk_label_new (notes);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_start (label, 16);
      gtk_widget_set_margin_end (label, 16);
      gtk_box_append (GTK_BOX (card), label);
    }

  if (notes[0] != '\0')
    gtk_widget_set_margin_bottom (gtk_widget_get_last_child (card), 14);
  else
    gtk_widget_set_margin_bottom (grid, 14);
  return card;
}

static void
update_desks (OtasukeSheetPage *self)
{
  g_autoptr(GPtrArray) contacts = feed_contacts (self);
  /* One column of labels across the cards. */
  g_autoptr(GtkSizeGroup) labels = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  GtkWidget *child;

  if (contacts == NULL)
    contacts = otasuke_sheet_default_contacts ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->desks_box))) != NULL)
    gtk_box_remove (self->desks_box, child);

  for (guint i = 0; i < contacts->len; i++)
    {
      GtkWidget *card = desk_card_new (g_ptr_array_index (contacts, i), labels);

      if (card != NULL)
        gtk_box_append (self->desks_box, card);
    }
}

/* Output */

typedef enum {
  JOB_COPY_TEXT,
  JOB_SAVE_TEXT,
  JOB_PRINT,
} JobKind;

typedef struct {
  JobKind       kind;
  OtasukeSheet *sheet;
  GPtrArray    *contacts;
  char         *path;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->sheet);
  g_clear_pointer (&job->contacts, g_ptr_array_unref);
  g_free (job->path);
  g_free (job);
}

/* The pages drawn in advance, so the print dialog's thread only replays them. */
static GPtrArray *
record_pages (Job     *job,
              GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  cairo_rectangle_t extents = { 0, 0, A4_WIDTH, A4_HEIGHT };
  int n_pages = otasuke_sheet_render_count_pages (job->sheet, NULL, job->contacts, now);

  for (int i = 0; i < n_pages; i++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cairo_t *cr = cairo_create (surface);
      gboolean ok = otasuke_sheet_render_draw_page (job->sheet, NULL, job->contacts, now, cr,
                                                    A4_WIDTH, A4_HEIGHT, i);

      cairo_destroy (cr);
      g_ptr_array_add (pages, surface);
      if (!ok)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The consultation sheet could not be drawn for printing."));
          return NULL;
        }
    }

  return g_steal_pointer (&pages);
}

static void
job_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  switch (job->kind)
    {
    case JOB_COPY_TEXT:
      g_task_return_pointer (task, otasuke_sheet_render_text (job->sheet, NULL, job->contacts, NULL, TEXT_WIDTH),
                             g_free);
      break;

    case JOB_SAVE_TEXT:
      if (otasuke_sheet_write_text (job->sheet, NULL, job->contacts, NULL, job->path, &error))
        g_task_return_pointer (task, g_strdup (job->path), g_free);
      else
        g_task_return_error (task, error);
      break;

    case JOB_PRINT:
      {
        GPtrArray *pages = record_pages (job, &error);

        if (pages != NULL)
          g_task_return_pointer (task, pages, (GDestroyNotify) g_ptr_array_unref);
        else
          g_task_return_error (task, error);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              GPtrArray         *pages)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double scale = MIN (width / A4_WIDTH, height / A4_HEIGHT);

  if (page_nr < 0 || (guint) page_nr >= pages->len)
    return;

  cairo_save (cr);
  cairo_translate (cr, (width - A4_WIDTH * scale) / 2, (height - A4_HEIGHT * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, g_ptr_array_index (pages, page_nr), 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               OtasukeSheetPage        *self)
{
  /* Only an operation that went on after run() returned is ours to end here. */
  if (g_object_get_data (G_OBJECT (operation), "in-progress") == NULL)
    return;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (self, _("The Sheet Could Not Be Printed"), error != NULL ? error->message : "");
    }
  g_object_unref (operation);
}

static void
print_pages (OtasukeSheetPage *self,
             GPtrArray        *pages)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, (int) pages->len);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The sheet has margins of its own. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, _("Consultation sheet"));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), g_ptr_array_ref (pages),
                         (GClosureNotify) (void (*) (void)) g_ptr_array_unref, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      g_object_set_data (G_OBJECT (operation), "in-progress", GINT_TO_POINTER (TRUE));
      return;
    }

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("The Sheet Could Not Be Printed"), error != NULL ? error->message : "");
  g_object_unref (operation);
}

static void
job_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(OtasukeSheetPage) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (value == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, job->kind == JOB_PRINT ? _("The Sheet Could Not Be Printed")
                                                 : _("The Sheet Could Not Be Saved"),
                    error->message);
      return;
    }

  switch (job->kind)
    {
    case JOB_COPY_TEXT:
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), value);
      show_toast (self, _("Copied. Paste it into your mail to the desk."));
      g_free (value);
      break;

    case JOB_SAVE_TEXT:
      {
        g_autofree char *name = g_filename_display_basename (value);
        g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);

        show_toast (self, message);
        g_free (value);
      }
      break;

    case JOB_PRINT:
      print_pages (self, value);
      g_ptr_array_unref (value);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
run_job (OtasukeSheetPage *self,
         JobKind           kind,
         const char       *path)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->sheet = otasuke_sheet_copy (self->sheet);
  job->contacts = feed_contacts (self);
  job->path = g_strdup (path);

  task = g_task_new (NULL, self->cancellable, job_cb, g_object_ref (self));
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_in_thread);
}

typedef struct {
  OtasukeSheetPage *self;
  char             *path;
} PdfData;

static void
pdf_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PdfData *data = user_data;
  g_autoptr(OtasukeSheetPage) self = data->self;
  g_autofree char *path = data->path;
  g_autoptr(GError) error = NULL;

  g_free (data);

  if (!otasuke_sheet_write_pdf_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The Sheet Could Not Be Saved"), error->message);
      return;
    }

  {
    g_autofree char *name = g_filename_display_basename (path);
    g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);

    show_toast (self, message);
  }
}

static void
save_pdf_to (OtasukeSheetPage *self,
             const char       *path)
{
  g_autoptr(GPtrArray) contacts = feed_contacts (self);
  PdfData *data = g_new0 (PdfData, 1);

  data->self = g_object_ref (self);
  data->path = g_strdup (path);
  /* No check wizard yet: the sheet says no check was done. */
  otasuke_sheet_write_pdf_async (self->sheet, NULL, contacts, path, self->cancellable, pdf_written_cb, data);
}

static void
save_pdf_to_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  save_pdf_to (OTASUKE_SHEET_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     OtasukeSheetPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "pdf"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL && self->sheet != NULL)
    {
      if (pdf)
        save_pdf_to (self, path);
      else
        run_job (self, JOB_SAVE_TEXT, path);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_file (OtasukeSheetPage *self,
             gboolean          pdf)
{
  g_autofree char *name = dated_file_name (pdf ? "pdf" : "txt");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (pdf ? _("Save the Sheet as PDF") : _("Save the Sheet as Text"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("Text files"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/plain");
  gtk_file_filter_add_suffix (filter, pdf ? "pdf" : "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_object_set_data (G_OBJECT (chooser), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  choose_file (OTASUKE_SHEET_PAGE (widget), TRUE);
}

static void
save_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  choose_file (OTASUKE_SHEET_PAGE (widget), FALSE);
}

static void
copy_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  run_job (OTASUKE_SHEET_PAGE (widget), JOB_COPY_TEXT, NULL);
}

/* What the desk will ask about and the sheet does not say yet. */
static GPtrArray *
empty_items (OtasukeSheet *sheet)
{
  GPtrArray *items = g_ptr_array_new ();
  const char * const *services = otasuke_sheet_get_cloud_services (sheet);
  gboolean any_service = FALSE;

  for (guint i = 0; services[i] != NULL; i++)
    any_service |= !is_blank (services[i]);

  if (is_blank (otasuke_sheet_get_company_name (sheet)))
    g_ptr_array_add (items, (gpointer) _("Company name"));
  if (is_blank (otasuke_sheet_get_contact_person (sheet)))
    g_ptr_array_add (items, (gpointer) _("Contact person"));
  if (is_blank (otasuke_sheet_get_device_type (sheet)))
    g_ptr_array_add (items, (gpointer) _("Device type"));
  if (is_blank (otasuke_sheet_get_operating_system (sheet)))
    g_ptr_array_add (items, (gpointer) _("Operating system"));
  if (is_blank (otasuke_sheet_get_security_software (sheet)))
    g_ptr_array_add (items, (gpointer) _("Security software"));
  if (!any_service)
    g_ptr_array_add (items, (gpointer) _("Cloud services used"));
  if (otasuke_sheet_get_affected_devices (sheet) < 0)
    g_ptr_array_add (items, (gpointer) _("Affected devices"));
  if (otasuke_sheet_get_affected_accounts (sheet) < 0)
    g_ptr_array_add (items, (gpointer) _("Affected accounts"));
  if (otasuke_sheet_get_n_events (sheet) == 0)
    g_ptr_array_add (items, (gpointer) _("What happened, in order"));
  if (is_blank (otasuke_sheet_get_suspicion (sheet)))
    g_ptr_array_add (items, (gpointer) _("Why you suspect malware or unauthorised access"));
  if (is_blank (otasuke_sheet_get_consulted (sheet)))
    g_ptr_array_add (items, (gpointer) _("Other desks or organisations already consulted"));
  if (otasuke_sheet_get_police (sheet) == OTASUKE_SHEET_POLICE_UNANSWERED)
    g_ptr_array_add (items, (gpointer) _("Police contacted"));

  return items;
}

static void
empty_items_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         OtasukeSheetPage *self)
{
  if (g_str_equal (response, "print") && self->sheet != NULL)
    run_job (self, JOB_PRINT, NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (widget);
  g_autoptr(GPtrArray) items = empty_items (self->sheet);
  g_autoptr(GString) list = NULL;
  GtkWidget *dialog;
  GtkWidget *label;

  if (items->len == 0)
    {
      run_job (self, JOB_PRINT, NULL);
      return;
    }

  list = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (list, "%s• %s", i > 0 ? "\n" : "", (const char *) g_ptr_array_index (items, i));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Some Items Are Still Empty"),
                                   _("The desk will ask about these. You can print anyway and fill them "
                                     "in by hand, or go back and add them first."));
  label = gtk_label_new (list->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_halign (label, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "back", _("_Go Back"),
                                    "print", _("_Print Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "back");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "back");
  g_signal_connect_object (dialog, "response", G_CALLBACK (empty_items_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
    otasuke_store_load_sheet_async (self->store, 0, self->cancellable, load_cb, g_object_ref (self));
  else
    start_new_sheet (self);
}

void
otasuke_sheet_page_set_sources (OtasukeSheetPage    *self,
                                OtasukeStore        *store,
                                OtasukeAdvisories   *advisories,
                                const OtasukeOsInfo *os_info)
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

  /* The window is closing with an edit not saved yet. The application may
   * quit right after, before a worker thread could finish: save it now. */
  if (self->autosave_id != 0 && self->store != NULL && self->sheet != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_clear_handle_id (&self->autosave_id, g_source_remove);
      if (!otasuke_store_save_sheet (self->store, self->sheet, g_get_real_time () / G_USEC_PER_SEC, &error))
        g_warning ("Could not save the consultation sheet: %s", error->message);
    }
  g_clear_handle_id (&self->autosave_id, g_source_remove);
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
  g_free (self->detected_os);
  g_free (self->detected_device);

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

  gtk_widget_class_install_action (widget_class, "sheet.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "sheet.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "sheet.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "sheet.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "sheet.save-pdf", NULL, save_pdf_action);
  /* The same without the file dialog: for tests and scripts. */
  gtk_widget_class_install_action (widget_class, "sheet.save-pdf-to", "s", save_pdf_to_action);
  gtk_widget_class_install_action (widget_class, "sheet.save-text", NULL, save_text_action);
  gtk_widget_class_install_action (widget_class, "sheet.copy-text", NULL, copy_text_action);
  gtk_widget_class_install_action (widget_class, "sheet.add-event", NULL, add_event_action);
  gtk_widget_class_install_action (widget_class, "sheet.edit-event", "u", edit_event_action);
  gtk_widget_class_install_action (widget_class, "sheet.remove-event", "u", remove_event_action);
  gtk_widget_class_install_action (widget_class, "sheet.undo-remove-event", NULL, undo_remove_event_action);
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
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);

  placeholder = gtk_label_new (_("Nothing added yet. Start with the first thing that seemed strange."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->timeline_list, placeholder);

  placeholder = gtk_label_new (_("No saved drafts yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->drafts_list, placeholder);

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
  g_signal_connect_object (gtk_text_view_get_buffer (self->consulted_view), "changed",
                           G_CALLBACK (consulted_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_service_row, "apply", G_CALLBACK (add_service_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_service_row, "entry-activated", G_CALLBACK (add_service_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drafts_popover, "show", G_CALLBACK (drafts_popover_show_cb), self,
                           G_CONNECT_SWAPPED);

  update_draft_label (self);
  otasuke_sheet_page_actions_update (self);
}
