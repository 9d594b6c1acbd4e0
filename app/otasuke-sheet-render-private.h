/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "otasuke-document.h"
#include "otasuke-sheet-render.h"

G_BEGIN_DECLS

/* Shared by otasuke-sheet-render.c (the document), otasuke-sheet-layout.c
 * (placing it on A4 pages), otasuke-sheet-pdf.c (PDF, printing and files)
 * and otasuke-sheet-text.c (plain text). */

/* The sheet is first turned into a flat list of blocks (headings, labelled
 * fields, timeline rows, paragraphs); the PDF and the plain text are two
 * readings of the same list, so they always say the same thing. */

typedef enum {
  BLOCK_TITLE,
  BLOCK_SUBTITLE,
  BLOCK_HEADING,
  BLOCK_FIELD,      /* label (may be NULL: full width) and text; NULL text is a blank to fill in */
  BLOCK_TABLE_HEAD, /* the timeline's column titles: label and text */
  BLOCK_EVENT,      /* label is the time; both NULL for a blank row */
  BLOCK_PARAGRAPH,
  BLOCK_BULLET,
  BLOCK_CONTACT,    /* a desk's name, a small heading */
} BlockKind;

typedef struct {
  BlockKind kind;
  char *label;
  char *text;
  char *note;        /* small print under the text, e.g. "detected" */
  guint blank_lines; /* for a blank field */
} Block;

typedef struct {
  char *header_title;
  char *date;
  char *pdf_title;
  char *footer_mark; /* small print at the foot of each page, NULL for none */
  GPtrArray *blocks; /* of Block* */
} Doc;

#define PT_PER_MM      (72.0 / 25.4)
#define PAGE_WIDTH     (210.0 * PT_PER_MM)
#define PAGE_HEIGHT    (297.0 * PT_PER_MM)

/* One pass of the layout over a document. */
typedef struct {
  const Doc *doc;
  PangoContext *context;
  cairo_t *cr;          /* NULL while counting pages */
  cairo_t *target;      /* drawing one page for printing: where it goes */
  guint only_page;      /* that page, from 1; 0 draws them all */
  guint page;
  guint n_pages;        /* 0 while counting */
  double y;
  gboolean row_open;    /* a bordered row is directly above: a paragraph keeps its distance */
  const Block *table_head;
  double label_width;   /* the field labels' column, wide enough for the longest label */
  /* Decided once per document by the first pass (see plan() in the layout). */
  gboolean planned;
  double squeeze;       /* 1.0, less to set the document tighter */
  guint short_page;     /* this page ends short_by points early (0: none) */
  double short_by;
  /* What the pass measured. */
  double last_used;     /* the height used on the page ended last */
  double prev_used;     /* and on the page before it */
  gboolean block_marked;
  guint block_page;     /* where the block being placed starts */
  double block_top;
  GArray *placed;       /* of OtasukeSheetPlaced, one per block, or NULL */
} Pdf;

/* Where a block landed: for the layout's tests. */
typedef struct {
  BlockKind kind;
  guint first_page;     /* from 1 */
  double top;           /* points from the top of the page */
  guint last_page;
  double bottom;
} OtasukeSheetPlaced;

G_GNUC_INTERNAL
Doc          *otasuke_sheet_doc_build             (OtasukeSheet                   *sheet,
                                                   const OtasukeSheetCheckSummary *summary,
                                                   GPtrArray                      *contacts,
                                                   GDateTime                      *now);
G_GNUC_INTERNAL
void          otasuke_sheet_doc_free              (Doc                            *doc);
/* An empty document, and a block added to one (for other documents drawn
 * the same way: the basic policy). */
G_GNUC_INTERNAL
Doc          *otasuke_sheet_doc_new               (void);
G_GNUC_INTERNAL
Block        *otasuke_sheet_doc_add_block         (Doc                            *doc,
                                                   BlockKind                       kind,
                                                   const char                     *label,
                                                   const char                     *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Doc, otasuke_sheet_doc_free)

/* The same document as a PDF, and one page of it for printing (see
 * otasuke_sheet_render_draw_page); @cr NULL only counts the pages. The basic
 * policy (app/otasuke-policy-render.c) is drawn by these too. */
G_GNUC_INTERNAL
GBytes       *otasuke_sheet_doc_render_pdf        (const Doc                      *doc,
                                                   GError                        **error);
G_GNUC_INTERNAL
guint         otasuke_sheet_doc_draw_page         (const Doc                      *doc,
                                                   cairo_t                        *cr,
                                                   double                          width,
                                                   double                          height,
                                                   guint                           page_nr);

/* A document owning @doc (for otasuke-document.h). */
G_GNUC_INTERNAL
OtasukeDocument *otasuke_document_new_take        (Doc                            *doc);

/* Our own copies of the feed's contacts, safe to hand to another thread. */
G_GNUC_INTERNAL
GPtrArray    *otasuke_sheet_copy_contacts         (GPtrArray                      *contacts);
G_GNUC_INTERNAL
GDateTime    *otasuke_sheet_now_or_current        (GDateTime                      *now);

G_GNUC_INTERNAL
PangoContext *otasuke_sheet_layout_create_context (PangoFontMap                   *font_map);
/* Lays out the whole document; draws only when pdf->cr is set. Returns the page count. */
G_GNUC_INTERNAL
guint         otasuke_sheet_layout_pass           (Pdf                            *pdf);

/* Lays @doc out without drawing; fills @placed (of OtasukeSheetPlaced, may
 * be NULL) and returns the page count. */
G_GNUC_INTERNAL
guint         otasuke_sheet_doc_layout            (const Doc                      *doc,
                                                   GArray                         *placed);
/* @label with line breaks between words only, for a column @width wide. */
G_GNUC_INTERNAL
char         *otasuke_sheet_layout_break_label    (Pdf                            *pdf,
                                                   const char                     *label,
                                                   double                          width);

/* Writes @path atomically with mode 0600. */
G_GNUC_INTERNAL
gboolean      otasuke_sheet_write_private_file    (const char                     *path,
                                                   const char                     *data,
                                                   gsize                           length,
                                                   GError                        **error);

G_END_DECLS
