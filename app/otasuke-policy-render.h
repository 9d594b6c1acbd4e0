/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "otasuke-document.h"
#include "otasuke-policy.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

/* The basic policy as an A4 PDF (or printed pages), drawn by the
 * consultation sheet's renderer: title, company, the sections in IPA's order,
 * the date and who enacted it, and that it is the basic policy for the
 * SECURITY ACTION ★★ self-declaration. @now NULL is the current time. */

GBytes   *otasuke_policy_render_pdf         (const OtasukePolicy *policy,
                                             GDateTime           *now,
                                             GError             **error);
/* The same pages as a document to print or save (otasuke-document.h). */
OtasukeDocument *otasuke_policy_render_document (const OtasukePolicy *policy,
                                                 GDateTime           *now);
int       otasuke_policy_render_count_pages (const OtasukePolicy *policy,
                                             GDateTime           *now);
gboolean  otasuke_policy_render_draw_page   (const OtasukePolicy *policy,
                                             GDateTime           *now,
                                             cairo_t             *cr,
                                             double               width,
                                             double               height,
                                             int                  page_nr);
/* Writes @path atomically with mode 0600; only an ordinary file is replaced. */
gboolean  otasuke_policy_write_pdf          (const OtasukePolicy *policy,
                                             GDateTime           *now,
                                             const char          *path,
                                             GError             **error);
void      otasuke_policy_write_pdf_async    (const OtasukePolicy *policy,
                                             const char          *path,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  otasuke_policy_write_pdf_finish   (GAsyncResult        *result,
                                             GError             **error);

/* `otasuke --export-policy FILE.pdf`: the most recent draft, or the template
 * when there is none, filled from the company profile and today's date. */
gboolean  otasuke_policy_export_pdf_for_cli (OtasukeStore        *store,
                                             const char          *path,
                                             GError             **error);

/* Today as "YYYY-MM-DD" in local time. */
char     *otasuke_policy_today              (void);

G_END_DECLS
