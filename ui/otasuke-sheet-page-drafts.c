/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-sheet-page-private.h"
#include "otasuke-sheet-render.h"
#include "otasuke-store-sheets.h"
#include "otasuke-time.h"

/* Keeping the sheet: the debounced save, and the drafts menu (new, open, delete). */

#define AUTOSAVE_DELAY_MS 1000

static void save_now (OtasukeSheetPage *self,
                      OtasukeSheet     *sheet);

/* Saving */

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
        otasuke_sheet_page_set_saved_label (self, message, TRUE);
    }
  else if (current && again == NULL && self->autosave_id == 0)
    otasuke_sheet_page_set_saved_label (self, _("Saved"), FALSE);

  if (again != NULL)
    save_now (self, again);
  else if (error == NULL && self->autosave_id == 0)
    otasuke_sheet_page_set_unsaved (self, FALSE);
}

static void
save_now (OtasukeSheetPage *self,
          OtasukeSheet     *sheet)
{
  SaveData *data;

  if (self->store == NULL)
    {
      otasuke_sheet_page_set_unsaved (self, FALSE);
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

void
otasuke_sheet_page_sheet_changed (OtasukeSheetPage *self)
{
  if (self->syncing || self->store == NULL)
    return;

  otasuke_sheet_page_set_unsaved (self, TRUE);
  otasuke_sheet_page_set_saved_label (self, "", FALSE);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
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
      otasuke_sheet_page_show_toast (self, _("The draft could not be opened"));
    }

  if (sheet != NULL)
    otasuke_sheet_page_set_sheet (self, sheet);
  else if (self->sheet == NULL)
    otasuke_sheet_page_start_new_sheet (self);
}

static void
open_draft (OtasukeSheetPage *self,
            gint64            id)
{
  flush_autosave (self);
  otasuke_sheet_page_load_draft (self, id);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (widget);

  gtk_popover_popdown (self->drafts_popover);
  flush_autosave (self);
  otasuke_sheet_page_start_new_sheet (self);
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
        otasuke_sheet_page_show_error (self, _("The Draft Could Not Be Deleted"), error->message);
      return;
    }

  otasuke_sheet_page_show_toast (self, _("Draft deleted"));
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
      otasuke_sheet_page_start_new_sheet (self);
      otasuke_sheet_page_set_unsaved (self, self->saving != NULL);
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
                             otasuke_sheet_page_icon_button_new ("user-trash-symbolic", _("Delete Draft…"),
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

void
otasuke_sheet_page_load_draft (OtasukeSheetPage *self,
                               gint64            id)
{
  otasuke_store_load_sheet_async (self->store, id, self->cancellable, load_cb, g_object_ref (self));
}

/* The window is closing with an edit not saved yet. The application may
 * quit right after, before a worker thread could finish: save it now. */
gboolean
otasuke_sheet_page_save_pending (OtasukeSheetPage  *self,
                                 GError           **error)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET_PAGE (self), FALSE);

  if (!otasuke_sheet_page_profile_save_pending (self, error))
    return FALSE;
  if (self->autosave_id != 0 && self->store != NULL && self->sheet != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      g_clear_handle_id (&self->autosave_id, g_source_remove);
      if (!otasuke_store_save_sheet (self->store, self->sheet, g_get_real_time () / G_USEC_PER_SEC, &local_error))
        {
          g_autofree char *message = g_strdup_printf (_("Not saved: %s"), local_error->message);

          /* Still waiting to be saved: closing again tries again. */
          otasuke_sheet_page_set_saved_label (self, message, TRUE);
          g_set_error (error, local_error->domain, local_error->code,
                       _("The consultation sheet could not be saved: %s"), local_error->message);
          return FALSE;
        }
      otasuke_sheet_page_set_unsaved (self, FALSE);
    }
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  return TRUE;
}

void
otasuke_sheet_page_drafts_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sheet.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "sheet.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "sheet.delete", "x", delete_action);
}

void
otasuke_sheet_page_drafts_init (OtasukeSheetPage *self)
{
  GtkWidget *placeholder;

  placeholder = gtk_label_new (_("No saved drafts yet"));
  /* Wraps inside the popover rather than widening it past the window. */
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (placeholder), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (placeholder), 30);
  gtk_label_set_justify (GTK_LABEL (placeholder), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->drafts_list, placeholder);

  g_signal_connect_object (self->drafts_popover, "show", G_CALLBACK (drafts_popover_show_cb), self,
                           G_CONNECT_SWAPPED);
}
