/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include <pango/pangocairo.h>

#include "otasuke-sheet-render-private.h"

/* The document on A4 pages: measuring blocks, breaking pages, drawing rows. */

#define MARGIN         (18.0 * PT_PER_MM)
#define CONTENT_TOP    (MARGIN + 24.0)
#define CONTENT_BOTTOM (PAGE_HEIGHT - MARGIN - 22.0)
#define CONTENT_WIDTH  (PAGE_WIDTH - 2 * MARGIN)
#define LABEL_WIDTH    128.0
#define LABEL_MAX      190.0
#define TIME_WIDTH     100.0
#define CELL_PAD_X     7.0
#define CELL_PAD_Y     5.0
#define BLANK_LINE     20.0
#define BULLET_INDENT  12.0
/* Windows has no Noto unless installed; Yu Gothic and Meiryo come with it. */
#define FONT_FAMILY    "Noto Sans CJK JP, Noto Sans JP, Yu Gothic, Meiryo, sans-serif"

typedef struct { double r, g, b; } Rgb;

static const Rgb ink = { 0.10, 0.11, 0.13 };
static const Rgb muted = { 0.38, 0.42, 0.47 };
static const Rgb accent = { 0.12, 0.31, 0.50 };
static const Rgb heading_fill = { 0.91, 0.94, 0.97 };
static const Rgb label_fill = { 0.96, 0.97, 0.98 };
static const Rgb rule = { 0.70, 0.74, 0.79 };
static const Rgb guide = { 0.80, 0.83, 0.86 };

static void
set_rgb (cairo_t   *cr,
         const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static PangoLayout *
make_layout (Pdf        *pdf,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_layout_new (pdf->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* Plain text, never markup: user text cannot change the formatting. */
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  /* A hyphen in the middle of an address or a serial number would be
   * copied by hand as part of it. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* @note, if any, goes on its own line(s) after @text in small grey print. */
static PangoLayout *
make_value_layout (Pdf        *pdf,
                   const char *text,
                   const char *note,
                   double      width)
{
  g_autofree char *joined = NULL;
  PangoLayout *layout;
  PangoAttrList *attrs;
  PangoAttribute *attr;
  guint start;

  if (note == NULL)
    return make_layout (pdf, text, 10.0, FALSE, width);

  joined = g_strconcat (text, "\n", note, NULL);
  layout = make_layout (pdf, joined, 10.0, FALSE, width);
  start = strlen (text) + 1;

  attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));
  attr = pango_attr_size_new ((int) (7.5 * PANGO_SCALE));
  attr->start_index = start;
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_foreground_new ((guint16) (muted.r * 65535), (guint16) (muted.g * 65535),
                                    (guint16) (muted.b * 65535));
  attr->start_index = start;
  pango_attr_list_insert (attrs, attr);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  if (layout == NULL)
    return 0;
  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
show_layout (Pdf         *pdf,
             PangoLayout *layout,
             double       x,
             double       y,
             const Rgb   *color)
{
  if (pdf->cr == NULL || layout == NULL)
    return;
  set_rgb (pdf->cr, color);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
hline (Pdf       *pdf,
       double     x0,
       double     x1,
       double     y,
       double     width,
       const Rgb *color)
{
  if (pdf->cr == NULL)
    return;
  set_rgb (pdf->cr, color);
  cairo_set_line_width (pdf->cr, width);
  cairo_move_to (pdf->cr, x0, y);
  cairo_line_to (pdf->cr, x1, y);
  cairo_stroke (pdf->cr);
}

static void
fill_rect (Pdf       *pdf,
           double     x,
           double     y,
           double     w,
           double     h,
           const Rgb *color)
{
  if (pdf->cr == NULL)
    return;
  set_rgb (pdf->cr, color);
  cairo_rectangle (pdf->cr, x, y, w, h);
  cairo_fill (pdf->cr);
}

static void
draw_page_furniture (Pdf *pdf)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) date = NULL;
  g_autoptr(PangoLayout) page = NULL;
  g_autoptr(PangoLayout) mark = NULL;
  g_autofree char *page_text = NULL;
  int date_width;

  if (pdf->cr == NULL)
    return;

  date = make_layout (pdf, pdf->doc->date, 8.0, FALSE, -1);
  pango_layout_set_width (date, -1);
  pango_layout_get_size (date, &date_width, NULL);
  show_layout (pdf, date, PAGE_WIDTH - MARGIN - (double) date_width / PANGO_SCALE, MARGIN, &muted);

  title = make_layout (pdf, pdf->doc->header_title, 8.0, FALSE,
                       CONTENT_WIDTH - (double) date_width / PANGO_SCALE - 24.0);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  show_layout (pdf, title, MARGIN, MARGIN, &muted);
  hline (pdf, MARGIN, PAGE_WIDTH - MARGIN, MARGIN + 15.0, 0.6, &accent);

  hline (pdf, MARGIN, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN - 15.0, 0.4, &rule);
  /* Translators: the footer of each page of the consultation sheet */
  page_text = g_strdup_printf (_("Page %u of %u"), pdf->page, pdf->n_pages);
  page = make_layout (pdf, page_text, 8.0, FALSE, CONTENT_WIDTH);
  pango_layout_set_alignment (page, PANGO_ALIGN_RIGHT);
  show_layout (pdf, page, MARGIN, PAGE_HEIGHT - MARGIN - 11.0, &muted);

  if (pdf->doc->footer_mark == NULL)
    return;
  mark = make_layout (pdf, pdf->doc->footer_mark, 8.0, FALSE, CONTENT_WIDTH - 90.0);
  pango_layout_set_ellipsize (mark, PANGO_ELLIPSIZE_END);
  show_layout (pdf, mark, MARGIN, PAGE_HEIGHT - MARGIN - 11.0, &muted);
}

static void place_row (Pdf *pdf, const Block *block);

/* Where the content of the current page must end: a page can be made
 * shorter to move rows onto a last page that would be nearly empty. */
static double
content_bottom (const Pdf *pdf)
{
  if (pdf->short_page != 0 && pdf->page == pdf->short_page)
    return CONTENT_BOTTOM - pdf->short_by;
  return CONTENT_BOTTOM;
}

/* Vertical space scaled down when the document is tightened. */
static double
space (const Pdf *pdf,
       double     points)
{
  return points * pdf->squeeze;
}

static void
start_page (Pdf *pdf)
{
  pdf->page++;
  if (pdf->only_page != 0)
    pdf->cr = pdf->page == pdf->only_page ? pdf->target : NULL;
  pdf->y = CONTENT_TOP;
  pdf->row_open = FALSE;
  draw_page_furniture (pdf);

  /* A table that goes on repeats its column titles. */
  if (pdf->table_head != NULL)
    place_row (pdf, pdf->table_head);
}

static void
end_page (Pdf *pdf)
{
  pdf->prev_used = pdf->last_used;
  pdf->last_used = pdf->y - CONTENT_TOP;
  /* A printed page is ended by the print operation. */
  if (pdf->cr != NULL && pdf->only_page == 0)
    cairo_show_page (pdf->cr);
}

static void
new_page (Pdf *pdf)
{
  end_page (pdf);
  start_page (pdf);
}

/* One line of a layout, in layout units relative to its top. */
typedef struct {
  double top;
  double bottom;
  double baseline;
} LineBox;

static GArray *
layout_lines (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  PangoLayoutIter *iter;

  if (layout == NULL)
    return lines;

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      LineBox box;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.top = (double) logical.y / PANGO_SCALE;
      box.bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      box.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      g_array_append_val (lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return lines;
}

/* Draws lines [first, last) of @layout with the top of line @first at @y. */
static void
show_lines (Pdf         *pdf,
            PangoLayout *layout,
            GArray      *lines,
            guint        first,
            guint        last,
            double       x,
            double       y,
            const Rgb   *color)
{
  double origin;

  if (pdf->cr == NULL || first >= last)
    return;

  origin = g_array_index (lines, LineBox, first).top;
  set_rgb (pdf->cr, color);
  for (guint i = first; i < last; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, (int) i);
      const LineBox *box = &g_array_index (lines, LineBox, i);

      cairo_move_to (pdf->cr, x, y + box->baseline - origin);
      pango_cairo_show_layout_line (pdf->cr, line);
    }
}

typedef struct {
  gboolean bordered;
  gboolean label_fill;  /* the left cell is shaded */
  gboolean head_fill;   /* both cells are shaded (column titles) */
  double left_width;    /* 0: no left cell */
  double pad_x;
  double pad_y;
  double space_after;
  const Rgb *left_color;
  const Rgb *right_color;
} RowStyle;

static void
draw_row_frame (Pdf            *pdf,
                const RowStyle *style,
                double          y,
                double          height)
{
  double x0 = MARGIN;
  double x1 = PAGE_WIDTH - MARGIN;
  double divider = x0 + style->left_width;

  if (pdf->cr == NULL || !style->bordered)
    return;

  if (style->head_fill)
    fill_rect (pdf, x0, y, x1 - x0, height, &heading_fill);
  else if (style->label_fill && style->left_width > 0)
    fill_rect (pdf, x0, y, style->left_width, height, &label_fill);

  /* The top rule is drawn again over the row above's bottom one: the
   * shading of this row would otherwise cover half of it. */
  set_rgb (pdf->cr, &rule);
  cairo_set_line_width (pdf->cr, 0.6);
  cairo_move_to (pdf->cr, x0, y);
  cairo_line_to (pdf->cr, x1, y);
  cairo_move_to (pdf->cr, x0, y);
  cairo_line_to (pdf->cr, x0, y + height);
  cairo_line_to (pdf->cr, x1, y + height);
  cairo_line_to (pdf->cr, x1, y);
  if (style->left_width > 0)
    {
      cairo_move_to (pdf->cr, divider, y);
      cairo_line_to (pdf->cr, divider, y + height);
    }
  cairo_stroke (pdf->cr);
}

static void
draw_blank_guides (Pdf    *pdf,
                   double  x0,
                   double  x1,
                   double  y,
                   guint   lines,
                   double  line_height)
{
  static const double dash[] = { 1.0, 2.0 };

  if (pdf->cr == NULL)
    return;

  cairo_save (pdf->cr);
  cairo_set_dash (pdf->cr, dash, G_N_ELEMENTS (dash), 0);
  for (guint i = 1; i < lines; i++)
    hline (pdf, x0, x1, y + i * line_height, 0.5, &guide);
  cairo_restore (pdf->cr);
}

/* A blank line to write on by hand, and the cells' padding: tightened less
 * than the space between blocks, so a box stays big enough for a pen. */
static double
blank_line (const Pdf *pdf)
{
  return BLANK_LINE * (0.5 + 0.5 * pdf->squeeze);
}

static double
pad_y (const Pdf *pdf)
{
  return CELL_PAD_Y * (0.5 + 0.5 * pdf->squeeze);
}

/* Notes where the block being placed starts (the first time only). */
static void
mark_start (Pdf *pdf)
{
  if (pdf->block_marked)
    return;
  pdf->block_marked = TRUE;
  pdf->block_page = pdf->page;
  pdf->block_top = pdf->y;
}

/* A row ready to place: its style and its two cells. */
typedef struct {
  RowStyle style;
  PangoLayout *left;
  PangoLayout *right;
  GArray *lines;        /* of the right cell */
  double left_offset;   /* label and value on the same baseline */
  double left_height;
  guint blank_lines;
  double space_before;  /* a paragraph keeps its distance from a bordered row */
} Row;

static void
row_clear (Row *row)
{
  g_clear_object (&row->left);
  g_clear_object (&row->right);
  g_clear_pointer (&row->lines, g_array_unref);
}

/* The height of the row's first @n_lines lines in one piece, padding
 * included (all of them with G_MAXUINT). */
static double
row_height (const Pdf *pdf,
            const Row *row,
            guint      n_lines)
{
  double height;

  if (row->right == NULL)
    return row->blank_lines * blank_line (pdf);
  n_lines = MIN (n_lines, row->lines->len);
  height = n_lines > 0 ? g_array_index (row->lines, LineBox, n_lines - 1).bottom -
                         g_array_index (row->lines, LineBox, 0).top
                       : 0;
  return MAX (height, row->left_height) + 2 * row->style.pad_y;
}

/* The room on a fresh page for a row (a running table repeats its titles). */
static double
page_room (const Pdf *pdf)
{
  return CONTENT_BOTTOM - CONTENT_TOP - (pdf->table_head != NULL ? 40.0 : 0.0);
}

/* Places a row of up to two cells. A row that does not fit goes to the next
 * page whole; only a row taller than a page is split, between lines. */
static void
place_cells (Pdf *pdf,
             Row *row)
{
  const RowStyle *style = &row->style;
  PangoLayout *left = row->left;
  PangoLayout *right = row->right;
  GArray *lines = row->lines;
  double right_x = MARGIN + style->left_width + style->pad_x;
  guint first = 0;
  guint n_lines = right != NULL ? lines->len : 0;

  for (;;)
    {
      double room = content_bottom (pdf) - pdf->y - 2 * style->pad_y;
      double rest_height;
      double height;
      guint last = first;

      if (right == NULL)
        rest_height = row->blank_lines * blank_line (pdf) - 2 * style->pad_y;
      else
        rest_height = g_array_index (lines, LineBox, n_lines - 1).bottom -
                      g_array_index (lines, LineBox, first).top;
      if (first == 0)
        rest_height = MAX (rest_height, row->left_height);

      if (rest_height <= room)
        last = n_lines;
      else if (right != NULL && rest_height > page_room (pdf) - 2 * style->pad_y)
        {
          /* Taller than a page: as many whole lines as fit here. */
          while (last < n_lines &&
                 g_array_index (lines, LineBox, last).bottom -
                 g_array_index (lines, LineBox, first).top <= room &&
                 (first > 0 || row->left_height <= room))
            last++;
        }

      if (last == first && !(rest_height <= room))
        {
          /* Nothing fits here; a fresh page always holds at least a line. */
          new_page (pdf);
          continue;
        }

      height = (last > first
                ? g_array_index (lines, LineBox, last - 1).bottom - g_array_index (lines, LineBox, first).top
                : rest_height);
      if (first == 0)
        height = MAX (height, row->left_height);
      if (right == NULL)
        height = rest_height;
      height += 2 * style->pad_y;

      mark_start (pdf);
      draw_row_frame (pdf, style, pdf->y, height);
      if (first == 0)
        show_layout (pdf, left, MARGIN + style->pad_x, pdf->y + style->pad_y + row->left_offset, style->left_color);
      if (right == NULL)
        draw_blank_guides (pdf, MARGIN + style->left_width + style->pad_x,
                           PAGE_WIDTH - MARGIN - style->pad_x, pdf->y, row->blank_lines, blank_line (pdf));
      else
        show_lines (pdf, right, lines, first, last, right_x, pdf->y + style->pad_y, style->right_color);

      pdf->y += height;
      pdf->row_open = style->bordered;

      if (last >= n_lines)
        break;

      first = last;
      new_page (pdf);
    }

  if (style->space_after > 0)
    {
      pdf->y += style->space_after;
      pdf->row_open = FALSE;
    }
}

static PangoLayout *make_label_layout (Pdf *pdf, const char *label, double width);

static void
row_prepare (Pdf         *pdf,
             const Block *block,
             Row         *row)
{
  RowStyle style = {
    .bordered = TRUE,
    .label_fill = TRUE,
    .pad_x = CELL_PAD_X,
    .pad_y = pad_y (pdf),
    .left_color = &ink,
    .right_color = &ink,
  };
  PangoLayout *left = NULL;
  PangoLayout *right = NULL;
  double right_width;

  switch (block->kind)
    {
    case BLOCK_FIELD:
      style.left_width = block->label != NULL ? pdf->label_width : 0;
      break;
    case BLOCK_TABLE_HEAD:
    case BLOCK_EVENT:
      style.left_width = TIME_WIDTH;
      style.head_fill = block->kind == BLOCK_TABLE_HEAD;
      style.label_fill = FALSE;
      break;
    case BLOCK_PARAGRAPH:
    case BLOCK_BULLET:
      style.bordered = FALSE;
      style.label_fill = FALSE;
      style.pad_x = 0;
      style.pad_y = 0;
      style.space_after = space (pdf, 4.0);
      style.left_width = block->kind == BLOCK_BULLET ? BULLET_INDENT : 0;
      break;
    case BLOCK_TITLE:
    case BLOCK_SUBTITLE:
    case BLOCK_HEADING:
    case BLOCK_CONTACT:
    default:
      g_assert_not_reached ();
    }

  right_width = CONTENT_WIDTH - style.left_width - 2 * style.pad_x;

  switch (block->kind)
    {
    case BLOCK_FIELD:
      if (block->label != NULL)
        left = make_label_layout (pdf, block->label, pdf->label_width - 2 * CELL_PAD_X);
      if (block->text != NULL)
        right = make_value_layout (pdf, block->text, block->note, right_width);
      break;
    case BLOCK_TABLE_HEAD:
      left = make_layout (pdf, block->label, 8.5, TRUE, TIME_WIDTH - 2 * CELL_PAD_X);
      right = make_layout (pdf, block->text, 8.5, TRUE, right_width);
      break;
    case BLOCK_EVENT:
      if (block->label != NULL)
        left = make_layout (pdf, block->label, 9.0, FALSE, TIME_WIDTH - 2 * CELL_PAD_X);
      if (block->text != NULL)
        right = make_layout (pdf, block->text, 10.0, FALSE, right_width);
      break;
    case BLOCK_PARAGRAPH:
      right = make_layout (pdf, block->text, 9.0, FALSE, right_width);
      style.right_color = &muted;
      break;
    case BLOCK_BULLET:
      left = make_layout (pdf, "・", 9.5, FALSE, BULLET_INDENT);
      right = make_layout (pdf, block->text, 9.5, FALSE, right_width);
      break;
    case BLOCK_TITLE:
    case BLOCK_SUBTITLE:
    case BLOCK_HEADING:
    case BLOCK_CONTACT:
    default:
      g_assert_not_reached ();
    }

  row->style = style;
  row->left = left;
  row->right = right;
  row->lines = layout_lines (right);
  row->left_offset = 0;
  if (left != NULL && right != NULL)
    row->left_offset = MAX (0.0, (double) (pango_layout_get_baseline (right) - pango_layout_get_baseline (left)) / PANGO_SCALE);
  row->left_height = left != NULL ? layout_height (left) + row->left_offset : 0;
  row->blank_lines = block->kind == BLOCK_EVENT ? 1 : MAX (block->blank_lines, 1);
  row->space_before = block->kind == BLOCK_PARAGRAPH ? space (pdf, 5.0) : 0;
}

static void
place_row (Pdf         *pdf,
           const Block *block)
{
  Row row = { 0 };

  row_prepare (pdf, block, &row);
  if (row.space_before > 0 && pdf->row_open)
    pdf->y += row.space_before;
  place_cells (pdf, &row);
  row_clear (&row);
}

static PangoLayout *
heading_layout (Pdf         *pdf,
                const Block *block,
                double      *height,
                double      *space_before)
{
  PangoLayout *layout;

  if (block->kind == BLOCK_HEADING)
    {
      layout = make_layout (pdf, block->label, 11.5, TRUE, CONTENT_WIDTH - 20.0);
      *height = layout_height (layout) + 8.0;
      *space_before = space (pdf, 13.0);
    }
  else
    {
      layout = make_layout (pdf, block->text, 10.0, TRUE, CONTENT_WIDTH);
      *height = layout_height (layout) + 4.0;
      *space_before = space (pdf, 10.0);
    }
  return layout;
}

/* How much of the document from block @index on must fit below a heading
 * for the heading to stay on this page (keep with next): a row that moves to
 * the next page whole (all but the tallest) needs its whole height, a taller
 * one its first two lines; a heading or the timeline's column titles need
 * themselves and what they keep in turn. */
static double
keep_with_next (Pdf   *pdf,
                guint  index,
                guint  depth)
{
  const GPtrArray *blocks = pdf->doc->blocks;
  const Block *block;
  double need = 0;

  if (index >= blocks->len || depth > 3)
    return 0;

  block = g_ptr_array_index (blocks, index);
  switch (block->kind)
    {
    case BLOCK_TITLE:
    case BLOCK_SUBTITLE:
      return 0;

    case BLOCK_HEADING:
    case BLOCK_CONTACT:
      {
        double height, space_before;
        g_autoptr(PangoLayout) layout = heading_layout (pdf, block, &height, &space_before);

        need = space_before + height + (block->kind == BLOCK_HEADING ? 5.0 : 0.0);
        return need + keep_with_next (pdf, index + 1, depth + 1);
      }

    case BLOCK_TABLE_HEAD:
    case BLOCK_FIELD:
    case BLOCK_EVENT:
    case BLOCK_PARAGRAPH:
    case BLOCK_BULLET:
    default:
      {
        Row row = { 0 };
        double whole;

        row_prepare (pdf, block, &row);
        whole = row_height (pdf, &row, G_MAXUINT);
        if (row.right == NULL || whole <= page_room (pdf))
          need = whole;
        else
          need = row_height (pdf, &row, 2);
        need += row.space_before;
        row_clear (&row);
        /* The column titles stay with the first row under them. */
        if (block->kind == BLOCK_TABLE_HEAD)
          need += keep_with_next (pdf, index + 1, depth + 1);
        return need;
      }
    }
}

static void
place_heading (Pdf   *pdf,
               guint  index)
{
  const Block *block = g_ptr_array_index (pdf->doc->blocks, index);
  g_autoptr(PangoLayout) layout = NULL;
  double height;
  double space_before;
  double after = 0;
  double need;

  pdf->table_head = NULL;

  layout = heading_layout (pdf, block, &height, &space_before);
  if (pdf->y <= CONTENT_TOP)
    space_before = 0;

  /* Never more than a fresh page can give, or it would never stay anywhere. */
  if (block->kind == BLOCK_HEADING)
    after = 5.0;
  need = MIN (keep_with_next (pdf, index + 1, 0), page_room (pdf) - height - after);
  if (pdf->y > CONTENT_TOP && pdf->y + space_before + height + after + need > content_bottom (pdf))
    {
      new_page (pdf);
      space_before = 0;
    }

  pdf->y += space_before;
  pdf->row_open = FALSE;
  mark_start (pdf);

  if (block->kind == BLOCK_HEADING)
    {
      fill_rect (pdf, MARGIN, pdf->y, CONTENT_WIDTH, height, &heading_fill);
      fill_rect (pdf, MARGIN, pdf->y, 4.0, height, &accent);
      show_layout (pdf, layout, MARGIN + 12.0, pdf->y + 4.0, &accent);
      pdf->y += height + after;
    }
  else
    {
      show_layout (pdf, layout, MARGIN, pdf->y, &accent);
      pdf->y += height;
    }
}

static void
place_title (Pdf         *pdf,
             const Block *block)
{
  gboolean title = block->kind == BLOCK_TITLE;
  g_autoptr(PangoLayout) layout = make_layout (pdf, block->text, title ? 18.0 : 12.5, title, CONTENT_WIDTH);
  double height = layout_height (layout);

  if (pdf->y + height > content_bottom (pdf))
    new_page (pdf);

  mark_start (pdf);
  show_layout (pdf, layout, MARGIN, pdf->y, title ? &accent : &ink);
  pdf->y += height + space (pdf, title ? 4.0 : 6.0);
  pdf->row_open = FALSE;
}

/* Label text */

static gboolean
is_hiragana (gunichar c)
{
  return c >= 0x3041 && c <= 0x309F;
}

static gboolean
is_katakana (gunichar c)
{
  return (c >= 0x30A0 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F);
}

static gboolean
is_kanji (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

/* Whether a label may be broken between @a and @b without splitting a
 * word: after punctuation or a space, before an opening bracket, and where a
 * run of kana or kanji ends (「利用している｜クラウドサービス」) — never
 * inside a run of katakana, of kanji or of Latin letters. */
static gboolean
word_boundary (gunichar a,
               gunichar b)
{
  static const char after[] = " 、。・，．）」』】／,.;:)/";
  static const char before[] = "（「『【(";

  if (b == 0x30FC || b == 0x3001 || b == 0x3002 || b == 0xFF09 || b == 0x300D || b == 0x30FB ||
      (b >= 0x3041 && b <= 0x3049 && b % 2 == 1) || b == 0x3063 || b == 0x30C3 || b == ')' || b == ',' || b == '.')
    return FALSE;
  if (g_unichar_isspace (a) || g_utf8_strchr (after, -1, a) != NULL)
    return TRUE;
  if (g_utf8_strchr (before, -1, b) != NULL)
    return TRUE;
  if (is_hiragana (a) && !is_hiragana (b))
    return TRUE;
  if (is_katakana (a) && is_kanji (b))
    return TRUE;
  if (is_kanji (a) && is_katakana (b))
    return TRUE;
  return FALSE;
}

static double
natural_width (Pdf        *pdf,
               const char *text,
               gsize       length)
{
  g_autofree char *part = g_strndup (text, length);
  g_autoptr(PangoLayout) layout = make_layout (pdf, part, 8.5, TRUE, -1);
  int width;

  pango_layout_set_width (layout, -1);
  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

/* @label with a line break before each word that would not fit on the line
 * any more, so it wraps between words only; a single word longer than
 * @width is left to the layout. */
char *
otasuke_sheet_layout_break_label (Pdf        *pdf,
                                  const char *label,
                                  double      width)
{
  GString *out = g_string_new (NULL);
  const char *line = label;
  const char *last_break = NULL;

  if (label == NULL)
    return g_string_free (out, FALSE);
  if (natural_width (pdf, label, strlen (label)) <= width)
    {
      g_string_append (out, label);
      return g_string_free (out, FALSE);
    }

  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);

      if (*next == '\0' || word_boundary (g_utf8_get_char (p), g_utf8_get_char (next)))
        {
          /* A word ends at @next: does the line still fit with it? */
          if (last_break != NULL && natural_width (pdf, line, next - line) > width)
            {
              const char *start = line;
              const char *end = last_break;

              while (end > start && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
                end = g_utf8_prev_char (end);
              g_string_append_len (out, start, end - start);
              g_string_append_c (out, '\n');
              line = last_break;
              while (*line != '\0' && g_unichar_isspace (g_utf8_get_char (line)))
                line = g_utf8_next_char (line);
            }
          last_break = next;
        }
    }
  g_string_append (out, line);
  return g_string_free (out, FALSE);
}

static PangoLayout *
make_label_layout (Pdf        *pdf,
                   const char *label,
                   double      width)
{
  g_autofree char *broken = otasuke_sheet_layout_break_label (pdf, label, width);

  return make_layout (pdf, broken, 8.5, TRUE, width);
}

/* The labels' column is as wide as the longest label set on one line, up to
 * LABEL_MAX: a line break inside a label (「利用しているクラウドサービ／ス」)
 * splits a word, since Japanese may break between any two kana. Only a label
 * longer than that wraps, between words (otasuke_sheet_layout_break_label). */
static double
measure_label_width (Pdf *pdf)
{
  const GPtrArray *blocks = pdf->doc->blocks;
  double width = LABEL_WIDTH;

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (blocks, i);

      if (block->kind != BLOCK_FIELD || block->label == NULL)
        continue;
      width = MAX (width, natural_width (pdf, block->label, strlen (block->label)) + 2 * CELL_PAD_X + 1.0);
    }
  return MIN (width, LABEL_MAX);
}

static guint
run_pass (Pdf *pdf)
{
  const GPtrArray *blocks = pdf->doc->blocks;

  pdf->page = 0;
  pdf->table_head = NULL;
  pdf->last_used = pdf->prev_used = 0;
  if (pdf->placed != NULL)
    g_array_set_size (pdf->placed, 0);
  start_page (pdf);

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (blocks, i);

      pdf->block_marked = FALSE;
      switch (block->kind)
        {
        case BLOCK_TITLE:
        case BLOCK_SUBTITLE:
          place_title (pdf, block);
          break;
        case BLOCK_HEADING:
        case BLOCK_CONTACT:
          place_heading (pdf, i);
          break;
        case BLOCK_TABLE_HEAD:
          /* Keep the column titles with the first row. */
          if (pdf->y > CONTENT_TOP && pdf->y + keep_with_next (pdf, i, 0) > content_bottom (pdf))
            new_page (pdf);
          place_row (pdf, block);
          pdf->table_head = block;
          break;
        case BLOCK_FIELD:
        case BLOCK_EVENT:
        case BLOCK_PARAGRAPH:
        case BLOCK_BULLET:
        default:
          place_row (pdf, block);
          break;
        }

      if (pdf->placed != NULL)
        {
          OtasukeSheetPlaced placed = {
            .kind = block->kind,
            .first_page = pdf->block_marked ? pdf->block_page : pdf->page,
            .top = pdf->block_marked ? pdf->block_top : pdf->y,
            .last_page = pdf->page,
            .bottom = pdf->y,
          };

          g_array_append_val (pdf->placed, placed);
        }
    }

  end_page (pdf);
  return pdf->page;
}

/* A last page holding less than this (a few lines) is nearly empty. */
#define NEARLY_EMPTY 110.0

/* Decides, once per document, how tight it is set: a last page that would
 * hold only a few lines is avoided by setting the document a little tighter
 * (less space between blocks, smaller padding and writing lines) when that
 * saves the page, or else by ending the page before it a little earlier, so
 * the last page holds a few lines more. */
static void
plan (Pdf *pdf)
{
  cairo_t *cr = pdf->cr;
  cairo_t *target = pdf->target;
  guint only_page = pdf->only_page;
  GArray *placed = pdf->placed;
  static const double squeezes[] = { 0.75, 0.5 };
  guint n_pages;

  pdf->cr = NULL;
  pdf->target = NULL;
  pdf->only_page = 0;
  pdf->placed = NULL;
  pdf->planned = TRUE;
  pdf->squeeze = 1.0;
  pdf->short_page = 0;
  pdf->short_by = 0;
  pdf->label_width = measure_label_width (pdf);

  n_pages = run_pass (pdf);
  if (n_pages > 1 && pdf->last_used < NEARLY_EMPTY)
    {
      double last_used = pdf->last_used;
      double prev_used = pdf->prev_used;
      gboolean saved = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (squeezes) && !saved; i++)
        {
          pdf->squeeze = squeezes[i];
          saved = run_pass (pdf) < n_pages;
        }
      if (!saved)
        {
          pdf->squeeze = 1.0;
          pdf->short_page = n_pages - 1;
          /* Enough to give the last page a few lines more than "nearly
           * empty", not so much that the page before looks cut short. */
          pdf->short_by = CLAMP (1.5 * NEARLY_EMPTY - last_used, 0.0, MAX (0.0, (prev_used - last_used) / 2));
          if (run_pass (pdf) != n_pages)
            pdf->short_page = 0;
        }
    }

  pdf->cr = cr;
  pdf->target = target;
  pdf->only_page = only_page;
  pdf->placed = placed;
}

guint
otasuke_sheet_layout_pass (Pdf *pdf)
{
  if (!pdf->planned)
    plan (pdf);
  return run_pass (pdf);
}

guint
otasuke_sheet_doc_layout (const Doc *doc,
                          GArray    *placed)
{
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(GObject) context = G_OBJECT (otasuke_sheet_layout_create_context (font_map));
  Pdf pdf = { .doc = doc, .context = PANGO_CONTEXT (context), .placed = placed };

  return otasuke_sheet_layout_pass (&pdf);
}

PangoContext *
otasuke_sheet_layout_create_context (PangoFontMap *font_map)
{
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Points in, points out; metrics that do not depend on a screen. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string ("ja"));
  return context;
}
