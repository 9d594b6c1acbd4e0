/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-print"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-document-output.h"
#include "otasuke-print-preflight.h"

/* A4 in points, as the documents are laid out. */
#define A4_WIDTH  (210.0 * 72.0 / 25.4)
#define A4_HEIGHT (297.0 * 72.0 / 25.4)

void
otasuke_document_output_show_error (GtkWidget  *widget,
                                    const char *heading,
                                    const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  GtkWidget       *widget;
  OtasukeDocument *document;
  char            *error_heading;
  char            *save_pdf_action;
  GCancellable    *cancellable;
  GPtrArray       *pages;  /* of cairo_surface_t*, drawn in advance */
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->widget);
  g_clear_pointer (&job->document, otasuke_document_unref);
  g_free (job->error_heading);
  g_free (job->save_pdf_action);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->pages, g_ptr_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrintJob, print_job_free)

/* The pages drawn in advance, so the print dialog's thread only replays them. */
static void
record_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PrintJob *job = task_data;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  cairo_rectangle_t extents = { 0, 0, A4_WIDTH, A4_HEIGHT };
  int n_pages = otasuke_document_count_pages (job->document);

  for (int i = 0; i < n_pages; i++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cairo_t *cr = cairo_create (surface);
      gboolean ok = otasuke_document_draw_page (job->document, cr, A4_WIDTH, A4_HEIGHT, i);

      cairo_destroy (cr);
      g_ptr_array_add (pages, surface);
      if (!ok)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                                   _("The document could not be drawn for printing."));
          return;
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&pages), (GDestroyNotify) g_ptr_array_unref);
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
               PrintJob                *job)
{
  /* Only an operation that went on after run() returned is ours to end here. */
  if (g_object_get_data (G_OBJECT (operation), "in-progress") == NULL)
    return;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      otasuke_document_output_show_error (job->widget, job->error_heading, error != NULL ? error->message : "");
    }
  g_object_unref (operation);
}

static void
print_pages (PrintJob *job)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, (int) job->pages->len);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The documents have margins of their own. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, otasuke_document_get_title (job->document));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), g_ptr_array_ref (job->pages),
                         (GClosureNotify) (void (*) (void)) g_ptr_array_unref, 0);
  /* The job lives as long as the operation. */
  g_signal_connect_data (operation, "done", G_CALLBACK (print_done_cb), job,
                         (GClosureNotify) (void (*) (void)) print_job_free, 0);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (gtk_widget_get_root (job->widget)), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      g_object_set_data (G_OBJECT (operation), "in-progress", GINT_TO_POINTER (TRUE));
      return;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    otasuke_document_output_show_error (job->widget, job->error_heading, error != NULL ? error->message : "");
  g_object_unref (operation);
}

static void
unavailable_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         PrintJob         *job)
{
  if (g_str_equal (response, "pdf") && job->save_pdf_action != NULL)
    gtk_widget_activate_action (job->widget, job->save_pdf_action, NULL);
}

static void
preflight_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PrintJob) job = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (otasuke_print_preflight_finish (result, &error))
    {
      print_pages (g_steal_pointer (&job));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* GTK's print window would freeze the program here: say so, and offer the
   * way that works. */
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (job->widget)),
                                   _("Printing Is Not Possible Right Now"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "pdf", _("Save as _PDF…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "pdf", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "pdf");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_data (dialog, "response", G_CALLBACK (unavailable_response_cb), g_steal_pointer (&job),
                         (GClosureNotify) (void (*) (void)) print_job_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
recorded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PrintJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GPtrArray *pages = g_task_propagate_pointer (G_TASK (result), &error);
  PrintJob *next;

  if (pages == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        otasuke_document_output_show_error (job->widget, job->error_heading, error->message);
      return;
    }

  /* The task owns @job: hand what the next steps need to a job of their own. */
  next = g_new0 (PrintJob, 1);
  next->widget = g_object_ref (job->widget);
  next->document = otasuke_document_ref (job->document);
  next->error_heading = g_strdup (job->error_heading);
  next->save_pdf_action = g_strdup (job->save_pdf_action);
  next->cancellable = job->cancellable != NULL ? g_object_ref (job->cancellable) : NULL;
  next->pages = pages;
  otasuke_print_preflight_async (next->cancellable, preflight_cb, next);
}

void
otasuke_document_output_print (GtkWidget       *widget,
                               OtasukeDocument *document,
                               const char      *error_heading,
                               const char      *save_pdf_action,
                               GCancellable    *cancellable)
{
  g_autoptr(GTask) task = NULL;
  PrintJob *job;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (document != NULL);

  job = g_new0 (PrintJob, 1);
  job->widget = g_object_ref (widget);
  job->document = otasuke_document_ref (document);
  job->error_heading = g_strdup (error_heading);
  job->save_pdf_action = g_strdup (save_pdf_action);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  task = g_task_new (NULL, cancellable, recorded_cb, NULL);
  g_task_set_source_tag (task, otasuke_document_output_print);
  g_task_set_task_data (task, job, (GDestroyNotify) print_job_free);
  g_task_run_in_thread (task, record_in_thread);
}

typedef struct {
  GtkWidget                     *widget;
  char                          *error_heading;
  OtasukeDocumentOutputPathFunc  callback;
} Choice;

static void
choice_free (Choice *choice)
{
  g_clear_object (&choice->widget);
  g_free (choice->error_heading);
  g_free (choice);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Choice          *choice)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      path = g_file_get_path (file);
      if (path != NULL)
        choice->callback (choice->widget, path);
      else
        otasuke_document_output_show_error (choice->widget, choice->error_heading,
                                            _("Choose a folder on this computer."));
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  choice_free (choice);
}

static void
choose_file (GtkWidget                     *widget,
             const char                    *title,
             const char                    *file_name,
             const char                    *error_heading,
             gboolean                       pdf,
             OtasukeDocumentOutputPathFunc  callback)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup (file_name);
  GtkFileChooserNative *chooser;
  Choice *choice;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (callback != NULL);

  /* A title with a slash would name a folder. */
  g_strdelimit (name, "/\\", '-');
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("Text files"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/plain");
  gtk_file_filter_add_suffix (filter, pdf ? "pdf" : "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  choice = g_new0 (Choice, 1);
  choice->widget = g_object_ref (widget);
  choice->error_heading = g_strdup (error_heading);
  choice->callback = callback;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
otasuke_document_output_choose_pdf (GtkWidget                     *widget,
                                    const char                    *title,
                                    const char                    *file_name,
                                    const char                    *error_heading,
                                    OtasukeDocumentOutputPathFunc  callback)
{
  choose_file (widget, title, file_name, error_heading, TRUE, callback);
}

void
otasuke_document_output_choose_text (GtkWidget                     *widget,
                                     const char                    *title,
                                     const char                    *file_name,
                                     const char                    *error_heading,
                                     OtasukeDocumentOutputPathFunc  callback)
{
  choose_file (widget, title, file_name, error_heading, FALSE, callback);
}
