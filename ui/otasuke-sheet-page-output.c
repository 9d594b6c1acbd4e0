/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-document-output.h"
#include "otasuke-launch.h"
#include "otasuke-sheet-page-private.h"
#include "otasuke-sheet-render.h"

/* The sheet leaving the program: printed, saved as PDF or text, or copied for a mail. */

#define TEXT_WIDTH        72

typedef enum {
  JOB_COPY_TEXT,
  JOB_SAVE_TEXT,
  JOB_SAVE_PDF,
  JOB_PRINT,
} JobKind;

/* Every way out reads the latest finished check in the worker thread, through
 * otasuke_sheet_check_summary_load(), so they all print the same thing. */
typedef struct {
  JobKind                   kind;
  OtasukeSheet             *sheet;
  OtasukeStore             *store;    /* NULL: no history file, so no check to print */
  OtasukeSheetCheckSummary *summary;  /* read in the thread */
  GPtrArray                *contacts;
  char                     *path;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->sheet);
  g_clear_object (&job->store);
  g_clear_pointer (&job->summary, otasuke_sheet_check_summary_free);
  g_clear_pointer (&job->contacts, g_ptr_array_unref);
  g_free (job->path);
  g_free (job);
}

static void
job_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (job->store != NULL)
    {
      job->summary = otasuke_sheet_check_summary_load (job->store, NULL, NULL, &error);
      if (error != NULL)
        {
          g_prefix_error (&error, "%s ", _("The latest check could not be read from the history."));
          g_task_return_error (task, error);
          return;
        }
    }

  switch (job->kind)
    {
    case JOB_COPY_TEXT:
      g_task_return_pointer (task, otasuke_sheet_render_text (job->sheet, job->summary, job->contacts, NULL, TEXT_WIDTH),
                             g_free);
      break;

    case JOB_SAVE_TEXT:
      if (otasuke_sheet_write_text (job->sheet, job->summary, job->contacts, NULL, job->path, &error))
        g_task_return_pointer (task, g_strdup (job->path), g_free);
      else
        g_task_return_error (task, error);
      break;

    case JOB_SAVE_PDF:
      if (otasuke_sheet_write_pdf (job->sheet, job->summary, job->contacts, NULL, job->path, &error))
        g_task_return_pointer (task, g_strdup (job->path), g_free);
      else
        g_task_return_error (task, error);
      break;

    case JOB_PRINT:
      g_task_return_pointer (task, otasuke_sheet_render_document (job->sheet, job->summary, job->contacts, NULL),
                             (GDestroyNotify) otasuke_document_unref);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
open_saved_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (widget);

  if (self->saved_path == NULL)
    return;
  if (!otasuke_launch_file (GTK_WINDOW (gtk_widget_get_root (widget)), self->saved_path))
    otasuke_sheet_page_show_error (self, _("The File Could Not Be Opened"),
                                   _("No program on this computer opens this kind of file."));
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
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* A dialog, not a toast: a toast would cut the reason short. The
       * message names the file the user chose (otasuke_sheet_write_*). */
      otasuke_sheet_page_show_error (self, job->kind == JOB_PRINT ? _("The Sheet Could Not Be Printed")
                                           : job->kind == JOB_COPY_TEXT ? _("The Sheet Could Not Be Copied")
                                           : _("The Sheet Could Not Be Saved"),
                                     error->message);
      return;
    }

  switch (job->kind)
    {
    case JOB_COPY_TEXT:
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), value);
      otasuke_sheet_page_show_toast (self, _("Copied. Paste it into your mail to the desk."));
      g_free (value);
      break;

    case JOB_SAVE_TEXT:
    case JOB_SAVE_PDF:
      {
        g_autofree char *name = g_filename_display_basename (value);
        g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);

        otasuke_sheet_page_show_toast (self, message);
        /* The toast offers to open what was just saved. */
        g_free (self->saved_path);
        self->saved_path = value;
        adw_toast_set_button_label (self->toast, _("Open"));
        adw_toast_set_action_name (self->toast, "sheet.open-saved");
      }
      break;

    case JOB_PRINT:
      otasuke_document_output_print (GTK_WIDGET (self), value, _("The Sheet Could Not Be Printed"),
                                     "sheet.save-pdf", self->cancellable);
      otasuke_document_unref (value);
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
  job->store = self->store != NULL ? g_object_ref (self->store) : NULL;
  job->contacts = otasuke_sheet_page_feed_contacts (self);
  job->path = g_strdup (path);

  task = g_task_new (NULL, self->cancellable, job_cb, g_object_ref (self));
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_in_thread);
}

static void
save_pdf_to (OtasukeSheetPage *self,
             const char       *path)
{
  run_job (self, JOB_SAVE_PDF, path);
}

static void
save_pdf_to_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  save_pdf_to (OTASUKE_SHEET_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static char *
dated_file_name (const char *extension)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  /* Translators: the start of a file name, "Consultation sheet-2026-11-26.pdf" */
  return g_strdup_printf ("%s-%s.%s", _("Consultation sheet"), date, extension);
}

static void
pdf_chosen (GtkWidget  *widget,
            const char *path)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (widget);

  if (self->sheet != NULL)
    save_pdf_to (self, path);
}

static void
text_chosen (GtkWidget  *widget,
             const char *path)
{
  OtasukeSheetPage *self = OTASUKE_SHEET_PAGE (widget);

  if (self->sheet != NULL)
    run_job (self, JOB_SAVE_TEXT, path);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_autofree char *name = dated_file_name ("pdf");

  otasuke_document_output_choose_pdf (widget, _("Save the Sheet as PDF"), name,
                                      _("The Sheet Could Not Be Saved"), pdf_chosen);
}

static void
save_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autofree char *name = dated_file_name ("txt");

  otasuke_document_output_choose_text (widget, _("Save the Sheet as Text"), name,
                                       _("The Sheet Could Not Be Saved"), text_chosen);
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
    any_service |= !otasuke_sheet_text_is_blank (services[i]);

  if (otasuke_sheet_text_is_blank (otasuke_sheet_get_company_name (sheet)))
    g_ptr_array_add (items, (gpointer) _("Company name"));
  if (otasuke_sheet_text_is_blank (otasuke_sheet_get_contact_person (sheet)))
    g_ptr_array_add (items, (gpointer) _("Contact person"));
  if (otasuke_sheet_text_is_blank (otasuke_sheet_get_device_type (sheet)))
    g_ptr_array_add (items, (gpointer) _("Device type"));
  if (otasuke_sheet_text_is_blank (otasuke_sheet_get_operating_system (sheet)))
    g_ptr_array_add (items, (gpointer) _("Operating system"));
  if (otasuke_sheet_text_is_blank (otasuke_sheet_get_security_software (sheet)))
    g_ptr_array_add (items, (gpointer) _("Security software"));
  if (!any_service)
    g_ptr_array_add (items, (gpointer) _("Cloud services used"));
  if (otasuke_sheet_get_affected_devices (sheet) < 0)
    g_ptr_array_add (items, (gpointer) _("Affected devices"));
  if (otasuke_sheet_get_affected_accounts (sheet) < 0)
    g_ptr_array_add (items, (gpointer) _("Affected accounts"));
  if (otasuke_sheet_get_n_events (sheet) == 0)
    g_ptr_array_add (items, (gpointer) _("What happened, in order"));
  if (otasuke_sheet_text_is_blank (otasuke_sheet_get_suspicion (sheet)))
    g_ptr_array_add (items, (gpointer) _("Why you suspect malware or unauthorised access"));
  if (otasuke_sheet_text_is_blank (otasuke_sheet_get_consulted (sheet)))
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

void
otasuke_sheet_page_output_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sheet.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "sheet.open-saved", NULL, open_saved_action);
  gtk_widget_class_install_action (widget_class, "sheet.save-pdf", NULL, save_pdf_action);
  /* The same without the file dialog: for tests and scripts. */
  gtk_widget_class_install_action (widget_class, "sheet.save-pdf-to", "s", save_pdf_to_action);
  gtk_widget_class_install_action (widget_class, "sheet.save-text", NULL, save_text_action);
  gtk_widget_class_install_action (widget_class, "sheet.copy-text", NULL, copy_text_action);
}
