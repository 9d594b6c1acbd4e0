/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A document laid out by the consultation sheet's renderer (the sheet, the
 * basic policy, a check's results), ready to become an A4 PDF or printed
 * pages. It does not change once made, so any thread may read it. */

typedef struct _OtasukeDocument OtasukeDocument;

OtasukeDocument *otasuke_document_ref              (OtasukeDocument      *self);
void             otasuke_document_unref            (OtasukeDocument      *self);
/* The PDF's title, also the print job's name. */
const char      *otasuke_document_get_title        (OtasukeDocument      *self);
int              otasuke_document_count_pages      (OtasukeDocument      *self);
/* Page @page_nr (from 0) scaled to fit @width × @height points and centred;
 * FALSE when there is no such page or drawing failed. */
gboolean         otasuke_document_draw_page        (OtasukeDocument      *self,
                                                    cairo_t              *cr,
                                                    double                width,
                                                    double                height,
                                                    int                   page_nr);
GBytes          *otasuke_document_render_pdf       (OtasukeDocument      *self,
                                                    GError              **error);
/* Writes @path atomically with mode 0600; only an ordinary file is replaced,
 * and the error names @path in the user's words. */
gboolean         otasuke_document_write_pdf        (OtasukeDocument      *self,
                                                    const char           *path,
                                                    GError              **error);
void             otasuke_document_write_pdf_async  (OtasukeDocument      *self,
                                                    const char           *path,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean         otasuke_document_write_pdf_finish (GAsyncResult         *result,
                                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeDocument, otasuke_document_unref)

G_END_DECLS
