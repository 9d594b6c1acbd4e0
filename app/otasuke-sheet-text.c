/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "otasuke-sheet-render-private.h"

/* Plain text, for a mail to a desk. */

static guint
char_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

static guint
text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));
  return width;
}

/* Japanese punctuation that must not start a line (kinsoku). */
static gboolean
no_line_start (gunichar c)
{
  static const char no_start[] =
    "、。，．・：；？！ー）」』】〕〉》”’ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ,.;:!?)]}";

  return c != 0 && g_utf8_strchr (no_start, -1, c) != NULL;
}

/* Appends @paragraph (no newlines) wrapped to @width columns. */
static void
wrap_paragraph (GString    *out,
                const char *paragraph,
                const char *first_prefix,
                const char *rest_prefix,
                guint       width)
{
  guint column;
  gboolean line_empty = TRUE;
  const char *p = paragraph;

  g_string_append (out, first_prefix);
  column = text_width (first_prefix);

  while (*p != '\0')
    {
      gboolean space_before = FALSE;
      const char *start;
      guint unit_width = 0;

      while (*p == ' ')
        {
          space_before = TRUE;
          p++;
        }
      if (*p == '\0')
        break;

      /* A unit: one wide character, or a run of narrow ones; trailing
       * punctuation that may not start a line sticks to it. */
      start = p;
      if (g_unichar_iswide (g_utf8_get_char (p)))
        {
          unit_width += char_width (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }
      else
        {
          while (*p != '\0' && *p != ' ' && !g_unichar_iswide (g_utf8_get_char (p)))
            {
              unit_width += char_width (g_utf8_get_char (p));
              p = g_utf8_next_char (p);
            }
        }
      while (*p != '\0' && no_line_start (g_utf8_get_char (p)))
        {
          unit_width += char_width (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }

      if (!line_empty && column + (space_before ? 1 : 0) + unit_width > width)
        {
          g_string_append_c (out, '\n');
          g_string_append (out, rest_prefix);
          column = text_width (rest_prefix);
          line_empty = TRUE;
          space_before = FALSE;
        }

      if (space_before && !line_empty)
        {
          g_string_append_c (out, ' ');
          column++;
        }

      /* Longer than a whole line (a long address): cut it by characters. */
      for (const char *q = start; q < p; q = g_utf8_next_char (q))
        {
          guint w = char_width (g_utf8_get_char (q));

          if (!line_empty && column + w > width && unit_width > width - text_width (rest_prefix))
            {
              g_string_append_c (out, '\n');
              g_string_append (out, rest_prefix);
              column = text_width (rest_prefix);
            }
          g_string_append_unichar (out, g_utf8_get_char (q));
          column += w;
          line_empty = FALSE;
        }
    }

  g_string_append_c (out, '\n');
}

static void
wrap_text (GString    *out,
           const char *text,
           const char *first_prefix,
           const char *rest_prefix,
           guint       width)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    wrap_paragraph (out, paragraphs[i], i == 0 ? first_prefix : rest_prefix, rest_prefix, width);
}

#define BLANK_TEXT "____________________"

static char *
doc_render_text (const Doc *doc,
                 guint      width)
{
  GString *out = g_string_new (NULL);
  gboolean blank_events_done = FALSE;

  width = MAX (width, 30);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (doc->blocks, i);
      g_autofree char *prefix = NULL;
      g_autofree char *value = NULL;

      switch (block->kind)
        {
        case BLOCK_TITLE:
          wrap_text (out, block->text, "", "", width);
          for (guint n = MIN (text_width (block->text), width); n > 0; n--)
            g_string_append_c (out, '=');
          g_string_append_c (out, '\n');
          break;

        case BLOCK_SUBTITLE:
          wrap_text (out, block->text, "", "", width);
          break;

        case BLOCK_HEADING:
          g_string_append_c (out, '\n');
          wrap_text (out, block->label, "■ ", "  ", width);
          break;

        case BLOCK_CONTACT:
          g_string_append_c (out, '\n');
          wrap_text (out, block->text, "[", " ", width);
          g_string_truncate (out, out->len - 1);
          g_string_append (out, "]\n");
          break;

        case BLOCK_FIELD:
          value = block->text == NULL ? g_strdup (BLANK_TEXT)
                  : block->note != NULL ? g_strdup_printf ("%s (%s)", block->text, block->note)
                  : g_strdup (block->text);
          if (block->label == NULL)
            wrap_text (out, value, "", "", width);
          else if (strchr (value, '\n') != NULL)
            {
              prefix = g_strdup_printf ("%s:", block->label);
              wrap_text (out, prefix, "", "", width);
              wrap_text (out, value, "  ", "  ", width);
            }
          else
            {
              prefix = g_strdup_printf ("%s: ", block->label);
              wrap_text (out, value, prefix, "  ", width);
            }
          break;

        case BLOCK_TABLE_HEAD:
          break;

        case BLOCK_EVENT:
          if (block->label == NULL)
            {
              if (!blank_events_done)
                wrap_text (out, BLANK_TEXT, "- ", "  ", width);
              blank_events_done = TRUE;
              break;
            }
          prefix = g_strdup_printf ("- %s  ", block->label);
          wrap_text (out, block->text, prefix, "    ", width);
          break;

        case BLOCK_PARAGRAPH:
          wrap_text (out, block->text, "", "", width);
          break;

        case BLOCK_BULLET:
          wrap_text (out, block->text, "- ", "  ", width);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (out, FALSE);
}

char *
otasuke_sheet_render_text (OtasukeSheet                   *sheet,
                           const OtasukeSheetCheckSummary *summary,
                           GPtrArray                      *contacts,
                           GDateTime                      *now,
                           guint                           width)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), NULL);

  when = otasuke_sheet_now_or_current (now);
  doc = otasuke_sheet_doc_build (sheet, summary, contacts, when);
  return doc_render_text (doc, width);
}

gboolean
otasuke_sheet_write_text (OtasukeSheet                   *sheet,
                          const OtasukeSheetCheckSummary *summary,
                          GPtrArray                      *contacts,
                          GDateTime                      *now,
                          const char                     *path,
                          GError                        **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = otasuke_sheet_render_text (sheet, summary, contacts, now, 72);
  return otasuke_sheet_write_private_file (path, text, strlen (text), error);
}
