/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "otasuke-checklist.h"
#include "otasuke-document.h"
#include "otasuke-router-table.h"
#include "otasuke-sheet.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

/* The consultation sheet as an A4 PDF (cairo and pango) or as plain text
 * for a mail: the sheet's fields, the latest check and where to get help. */

/* What the latest check found, as the sheet prints it. */
/* The self-assessment scores from -25 to 100. */
#define OTASUKE_SHEET_NO_SCORE G_MININT

typedef struct {
  int        score;      /* OTASUKE_SHEET_NO_SCORE when unknown */
  char      *band;       /* "Some gaps", may be NULL */
  gint64     checked_at; /* unix seconds, 0 when unknown */
  GPtrArray *findings;   /* of char*, most important first */
  GPtrArray *browsers;   /* of char*, "Google Chrome 128.0.6613.85" */
  char      *router;     /* the router verdict, may be NULL */
  gboolean   no_check;   /* only the declaration below is known: "no check yet" */
  int        declared_level;      /* SECURITY ACTION: 0 none, 1 ★, 2 ★★ */
  char      *declared_on;         /* "YYYY-MM-DD", may be NULL */
  char      *declaration_number;  /* may be NULL */
} OtasukeSheetCheckSummary;

OtasukeSheetCheckSummary *otasuke_sheet_check_summary_new       (void);
OtasukeSheetCheckSummary *otasuke_sheet_check_summary_copy      (const OtasukeSheetCheckSummary *summary);
void                      otasuke_sheet_check_summary_free      (OtasukeSheetCheckSummary       *summary);
/* {"score": 72, "band": "…", "checked_at": 1700000000, "findings": ["…"],
 *  "browsers": ["…" or {"name": "…", "version": "…"}], "router": "…"};
 * unknown members are ignored, sizes are bounded. */
OtasukeSheetCheckSummary *otasuke_sheet_check_summary_from_json (const char                     *json,
                                                                 GError                        **error);
/* The band of IPA's self-assessment for @score (translated), NULL when out of range. */
const char               *otasuke_sheet_score_band              (int                             score);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeSheetCheckSummary, otasuke_sheet_check_summary_free)

/* The one summary every output of the sheet prints (print, PDF, text, the
 * mail copy, `--export-sheet`): the latest FINISHED check in @store, with its
 * score, band, date, what to fix first (the question and the answer), the
 * browsers the probes found with their versions and the router with its
 * status, and the latest SECURITY ACTION declaration. NULL with no error
 * when no check was finished yet and nothing was declared (no_check is set
 * when only a declaration is known). @checklist and
 * @router_table may be NULL: the bundled ones are loaded (the application's
 * resources must be registered; the table then gets the stored feed's router
 * checks). Blocking: the UI calls it in a worker thread. */
OtasukeSheetCheckSummary *otasuke_sheet_check_summary_load      (OtasukeStore                   *store,
                                                                 OtasukeChecklist               *checklist,
                                                                 OtasukeRouterTable             *router_table,
                                                                 GError                        **error);

/* Makes user text safe to lay out: otasuke_text_sanitize() (no bidi
 * controls, other invisible format characters or control characters), then
 * tabs become spaces, newlines stay only when @multiline (at most one blank
 * line), and blank space at either end goes. */
char     *otasuke_sheet_sanitize_text         (const char                     *text,
                                               gboolean                        multiline);

/* In every call below: @summary NULL prints "no check yet"; @contacts (of
 * OtasukeFeedContact*) NULL or empty prints the bundled desks; @now NULL is
 * the current time. They read @sheet, so call them on its thread. */

GBytes   *otasuke_sheet_render_pdf            (OtasukeSheet                   *sheet,
                                               const OtasukeSheetCheckSummary *summary,
                                               GPtrArray                      *contacts,
                                               GDateTime                      *now,
                                               GError                        **error);
/* The same pages as a document to print or save (otasuke-document.h). */
OtasukeDocument *otasuke_sheet_render_document (OtasukeSheet                   *sheet,
                                                const OtasukeSheetCheckSummary *summary,
                                                GPtrArray                      *contacts,
                                                GDateTime                      *now);
/* Wrapped at @width columns (a wide character counts two), no markup. */
char     *otasuke_sheet_render_text           (OtasukeSheet                   *sheet,
                                               const OtasukeSheetCheckSummary *summary,
                                               GPtrArray                      *contacts,
                                               GDateTime                      *now,
                                               guint                           width);

/* Printing: the same pages one at a time, for GtkPrintOperation's
 * draw-page. Pass the same @now to both, or the dates may differ. Each page
 * is the A4 page scaled to fit @width × @height (in points) and centred;
 * @page_nr counts from 0. FALSE when there is no such page or drawing failed. */
int       otasuke_sheet_render_count_pages    (OtasukeSheet                   *sheet,
                                               const OtasukeSheetCheckSummary *summary,
                                               GPtrArray                      *contacts,
                                               GDateTime                      *now);
gboolean  otasuke_sheet_render_draw_page      (OtasukeSheet                   *sheet,
                                               const OtasukeSheetCheckSummary *summary,
                                               GPtrArray                      *contacts,
                                               GDateTime                      *now,
                                               cairo_t                        *cr,
                                               double                          width,
                                               double                          height,
                                               int                             page_nr);

/* The desks printed when the feed carries none (of OtasukeFeedContact*),
 * translated; the array frees its elements. */
GPtrArray *otasuke_sheet_default_contacts     (void);
/* @contacts (of OtasukeFeedContact*) in the order to show them: the desk for
 * who is asking first — for a company the first desk reached by mail only
 * (IPA's 企業・組織向け窓口), for an individual the first with a phone number
 * (the 安心相談窓口) — then the others as they came. The returned array does
 * not own the contacts. */
GPtrArray *otasuke_sheet_order_contacts       (GPtrArray                      *contacts,
                                               gboolean                        company);

/* Write @path atomically with mode 0600. */
gboolean  otasuke_sheet_write_pdf             (OtasukeSheet                   *sheet,
                                               const OtasukeSheetCheckSummary *summary,
                                               GPtrArray                      *contacts,
                                               GDateTime                      *now,
                                               const char                     *path,
                                               GError                        **error);
gboolean  otasuke_sheet_write_text            (OtasukeSheet                   *sheet,
                                               const OtasukeSheetCheckSummary *summary,
                                               GPtrArray                      *contacts,
                                               GDateTime                      *now,
                                               const char                     *path,
                                               GError                        **error);
/* Renders and writes in a worker thread, from copies of the inputs taken now. */
void      otasuke_sheet_write_pdf_async       (OtasukeSheet                   *sheet,
                                               const OtasukeSheetCheckSummary *summary,
                                               GPtrArray                      *contacts,
                                               const char                     *path,
                                               GCancellable                   *cancellable,
                                               GAsyncReadyCallback             callback,
                                               gpointer                        user_data);
gboolean  otasuke_sheet_write_pdf_finish      (GAsyncResult                   *result,
                                               GError                        **error);

/* `otasuke --export-sheet FILE.pdf [--sheet ID]`: the draft @sheet_id_or_0,
 * or the most recent one, or an empty sheet when there is none; with the
 * latest check and the contacts of the feed in @store. */
gboolean  otasuke_sheet_export_pdf_for_cli    (OtasukeStore                   *store,
                                               gint64                          sheet_id_or_0,
                                               const char                     *path,
                                               GError                        **error);

G_END_DECLS
