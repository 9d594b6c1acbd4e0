/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-text"

#include "config.h"

#include <string.h>

#include "otasuke-text.h"

#define ZERO_WIDTH_JOINER  0x200D
#define VARIATION_EMOJI    0xFE0F

typedef enum {
  KEEP,
  DROP,
  NEWLINE,
} Action;

static gboolean
is_emoji (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_OTHER_SYMBOL;
}

/* What may come just before a joiner in an emoji sequence. */
static gboolean
ends_emoji (gunichar c)
{
  return is_emoji (c) || c == VARIATION_EMOJI || (c >= 0x1F3FB && c <= 0x1F3FF);
}

static Action
classify (gunichar c)
{
  if (c < 0x80)
    {
      if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F))
        return KEEP;
      return c == '\r' ? NEWLINE : DROP;
    }

  if (c <= 0x9F)
    return c == 0x85 ? NEWLINE : DROP;
  if (c == 0x2028 || c == 0x2029)
    return NEWLINE;
  if (c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0)
    return DROP;
  /* Bidi controls and marks, zero widths, tags and the rest of Cf; the
   * joiner is decided with its neighbours. */
  if (g_unichar_type (c) == G_UNICODE_FORMAT)
    return DROP;
  return KEEP;
}

/* One pass; with @out NULL it stops at the first change. TRUE when the text
 * changes. */
static gboolean
scan (const char *text,
      GString    *out)
{
  const char *p = text;
  const char *run = text;
  gunichar previous = 0;
  gboolean changed = FALSE;

  while (*p != '\0')
    {
      guchar lead = (guchar) *p;
      gunichar c;
      const char *next;
      Action action;

      /* Kana (U+3040–U+30FF) and the CJK ideographs U+5000–U+9FFF, most of
       * Japanese text: letters, never hidden, never emoji. */
      if ((lead == 0xE3 && (guchar) p[1] >= 0x81 && (guchar) p[1] <= 0x83) ||
          (lead >= 0xE5 && lead <= 0xE9 && ((guchar) p[1] & 0xC0) == 0x80))
        {
          if (((guchar) p[2] & 0xC0) == 0x80)
            {
              previous = 0x3042;
              p += 3;
              continue;
            }
        }

      c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: one byte becomes U+FFFD. */
          if (out == NULL)
            return TRUE;
          g_string_append_len (out, run, p - run);
          g_string_append (out, "\xEF\xBF\xBD");
          changed = TRUE;
          previous = 0xFFFD;
          run = ++p;
          continue;
        }

      next = g_utf8_next_char (p);
      if ((guchar) *p < 0x80 && c >= 0x20 && c != 0x7F)
        {
          /* The common case, in short. */
          previous = c;
          p = next;
          continue;
        }

      if (c == ZERO_WIDTH_JOINER)
        {
          gunichar following = g_utf8_get_char_validated (next, -1);

          action = ends_emoji (previous) && following != (gunichar) -1 &&
                   following != (gunichar) -2 && is_emoji (following) ? KEEP : DROP;
        }
      else
        {
          action = classify (c);
        }

      /* CR LF is one line end. */
      if (c == '\r' && *next == '\n')
        action = DROP;

      if (action == KEEP)
        {
          previous = c;
          p = next;
          continue;
        }

      if (out == NULL)
        return TRUE;
      changed = TRUE;
      g_string_append_len (out, run, p - run);
      if (action == NEWLINE)
        {
          g_string_append_c (out, '\n');
          previous = '\n';
        }
      p = run = next;
    }

  if (out != NULL && changed)
    g_string_append_len (out, run, p - run);
  return changed;
}

char *
otasuke_text_sanitize (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  if (!scan (text, out))
    {
      g_string_free (out, TRUE);
      return g_strdup (text);
    }
  return g_string_free (out, FALSE);
}

gboolean
otasuke_text_is_clean (const char *text)
{
  return text == NULL || !scan (text, NULL);
}

char *
otasuke_text_bounded (const char *text,
                      gsize       max_bytes)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  const char *end;

  if (strlen (valid) <= max_bytes)
    return g_steal_pointer (&valid);

  end = g_utf8_find_prev_char (valid, valid + max_bytes + 1);
  return g_strndup (valid, end != NULL ? (gsize) (end - valid) : 0);
}

char *
otasuke_text_collapse_whitespace (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}
