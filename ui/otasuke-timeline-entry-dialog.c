/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-sheet-render.h"
#include "otasuke-timeline-entry-dialog.h"

struct _OtasukeTimelineEntryDialog
{
  AdwMessageDialog parent_instance;

  OtasukeSheet    *sheet;
  guint            position;   /* OTASUKE_TIMELINE_ENTRY_NEW to add one */
  GtkCalendar     *calendar;
  GtkSpinButton   *hour;
  GtkSpinButton   *minute;
  GtkEditable     *text;
};

G_DEFINE_FINAL_TYPE (OtasukeTimelineEntryDialog, otasuke_timeline_entry_dialog, ADW_TYPE_MESSAGE_DIALOG)

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
text_changed_cb (GtkEditable      *editable,
                 AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "save",
                                           !otasuke_sheet_text_is_blank (gtk_editable_get_text (editable)));
}

static void
response_cb (OtasukeTimelineEntryDialog *self,
             const char                 *response,
             gpointer                    user_data)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "save"))
    return;

  text = otasuke_sheet_sanitize_text (gtk_editable_get_text (self->text), TRUE);
  if (text[0] == '\0')
    return;

  day = gtk_calendar_get_date (self->calendar);
  when = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour),
                                gtk_spin_button_get_value_as_int (self->minute), 0);
  if (when == NULL)
    return;

  if (self->position == OTASUKE_TIMELINE_ENTRY_NEW)
    otasuke_sheet_add_event (self->sheet, g_date_time_to_unix (when), text);
  else if (self->position < otasuke_sheet_get_n_events (self->sheet))
    otasuke_sheet_update_event (self->sheet, self->position, g_date_time_to_unix (when), text);
}

/* The text is what a person fills in first. */
static void
otasuke_timeline_entry_dialog_show (GtkWidget *widget)
{
  OtasukeTimelineEntryDialog *self = OTASUKE_TIMELINE_ENTRY_DIALOG (widget);

  GTK_WIDGET_CLASS (otasuke_timeline_entry_dialog_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->text));
}

static void
otasuke_timeline_entry_dialog_dispose (GObject *object)
{
  OtasukeTimelineEntryDialog *self = OTASUKE_TIMELINE_ENTRY_DIALOG (object);

  g_clear_object (&self->sheet);

  G_OBJECT_CLASS (otasuke_timeline_entry_dialog_parent_class)->dispose (object);
}

static void
otasuke_timeline_entry_dialog_class_init (OtasukeTimelineEntryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_timeline_entry_dialog_dispose;
  widget_class->show = otasuke_timeline_entry_dialog_show;
}

static void
otasuke_timeline_entry_dialog_init (OtasukeTimelineEntryDialog *self)
{
}

GtkWidget *
otasuke_timeline_entry_dialog_new (GtkWindow    *parent,
                                   OtasukeSheet *sheet,
                                   guint         position)
{
  const OtasukeSheetEvent *event = NULL;
  g_autoptr(GDateTime) when = NULL;
  OtasukeTimelineEntryDialog *self;
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkWidget *time_box;
  GtkWidget *label;
  GtkWidget *calendar;
  GtkWidget *entry;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), NULL);
  g_return_val_if_fail (position == OTASUKE_TIMELINE_ENTRY_NEW || position < otasuke_sheet_get_n_events (sheet),
                        NULL);

  if (position != OTASUKE_TIMELINE_ENTRY_NEW)
    {
      event = otasuke_sheet_get_event (sheet, position);
      when = g_date_time_new_from_unix_local (event->at);
    }
  if (when == NULL)
    when = g_date_time_new_now_local ();

  self = g_object_new (OTASUKE_TYPE_TIMELINE_ENTRY_DIALOG,
                       "transient-for", parent,
                       "heading", event != NULL ? _("Edit Entry") : _("Add an Entry"),
                       "body", _("When did it happen, and what did you see or notice?"),
                       NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->sheet = g_object_ref (sheet);
  self->position = position;

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

  self->calendar = GTK_CALENDAR (calendar);
  self->hour = time_spin_new (23, g_date_time_get_hour (when), _("Hour"));
  self->minute = time_spin_new (59, g_date_time_get_minute (when), _("Minute"));
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (self->hour));
  label = gtk_label_new (":");
  gtk_widget_add_css_class (label, "title-3");
  gtk_box_append (GTK_BOX (time_box), label);
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (self->minute));
  gtk_box_append (GTK_BOX (box), time_box);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What you saw or noticed"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What you saw or noticed"), -1);
  if (event != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), event->text);
  self->text = GTK_EDITABLE (entry);
  gtk_box_append (GTK_BOX (box), entry);

  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", event != NULL ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  text_changed_cb (GTK_EDITABLE (entry), dialog);

  g_signal_connect (entry, "changed", G_CALLBACK (text_changed_cb), dialog);
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);

  return GTK_WIDGET (self);
}
