/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-sheet-page-private.h"
#include "otasuke-timeline-entry-dialog.h"

/* What happened, in order: the rows, the entry dialog and undoing a removal. */

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

void
otasuke_sheet_page_rebuild_timeline (OtasukeSheetPage *self)
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
                                 otasuke_sheet_page_icon_button_new ("document-edit-symbolic", _("Edit Entry"),
                                                  "sheet.edit-event", g_variant_new_uint32 (i)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 otasuke_sheet_page_icon_button_new ("user-trash-symbolic", _("Remove Entry"),
                                                  "sheet.remove-event", g_variant_new_uint32 (i)));
      gtk_list_box_append (self->timeline_list, row);
    }
}

static void
open_event_dialog (OtasukeSheetPage *self,
                   guint             position)
{
  GtkWidget *dialog;

  if (position != OTASUKE_TIMELINE_ENTRY_NEW && position >= otasuke_sheet_get_n_events (self->sheet))
    return;

  dialog = otasuke_timeline_entry_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              self->sheet, position);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_event_dialog (OTASUKE_SHEET_PAGE (widget), OTASUKE_TIMELINE_ENTRY_NEW);
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

  {
    /* Toast titles are markup; a translation may hold '&'. */
    g_autofree char *title = g_markup_escape_text (_("Entry removed"), -1);

    toast = adw_toast_new (title);
  }
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

void
otasuke_sheet_page_timeline_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sheet.add-event", NULL, add_event_action);
  gtk_widget_class_install_action (widget_class, "sheet.edit-event", "u", edit_event_action);
  gtk_widget_class_install_action (widget_class, "sheet.remove-event", "u", remove_event_action);
  gtk_widget_class_install_action (widget_class, "sheet.undo-remove-event", NULL, undo_remove_event_action);
}

void
otasuke_sheet_page_timeline_init (OtasukeSheetPage *self)
{
  GtkWidget *placeholder;

  placeholder = gtk_label_new (_("Nothing added yet. Start with the first thing that seemed strange."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->timeline_list, placeholder);
}
