/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-document.h"

G_BEGIN_DECLS

/* The one way a document (the sheet, the basic policy, a check's results)
 * leaves the program on paper or as a PDF: printing, choosing a PDF file,
 * and the dialogs for what went wrong. Used by every page that prints. */

/* A message dialog over @widget's window with a Close button: a failure the
 * user must read (a toast would cut it short). */
void otasuke_document_output_show_error (GtkWidget       *widget,
                                         const char      *heading,
                                         const char      *message);

/* Prints @document: its A4 pages are drawn in a worker thread, the system
 * is asked whether it can list its printers (ui/otasuke-print-preflight.h),
 * then GTK's print window opens. A failure goes into a dialog headed
 * @error_heading; when printing is not possible the dialog offers to save a
 * PDF instead by activating @save_pdf_action on @widget. */
void otasuke_document_output_print      (GtkWidget       *widget,
                                         OtasukeDocument *document,
                                         const char      *error_heading,
                                         const char      *save_pdf_action,
                                         GCancellable    *cancellable);

typedef void (*OtasukeDocumentOutputPathFunc) (GtkWidget  *widget,
                                               const char *path);

/* Asks where to save a PDF (titled @title, suggesting @file_name) and calls
 * @callback with the chosen local path; nothing when cancelled, a dialog
 * headed @error_heading when the choice is not a local file. */
void otasuke_document_output_choose_pdf (GtkWidget                     *widget,
                                         const char                    *title,
                                         const char                    *file_name,
                                         const char                    *error_heading,
                                         OtasukeDocumentOutputPathFunc  callback);
/* The same for a plain text file (the sheet for a mail). */
void otasuke_document_output_choose_text (GtkWidget                     *widget,
                                          const char                    *title,
                                          const char                    *file_name,
                                          const char                    *error_heading,
                                          OtasukeDocumentOutputPathFunc  callback);

G_END_DECLS
