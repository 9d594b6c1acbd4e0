/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-html-text"

#include "config.h"

#include <string.h>

#include "otasuke-html-text.h"

typedef enum {
  TAG_INLINE,
  TAG_PARAGRAPH,  /* a blank line */
  TAG_LINE,       /* a line break */
  TAG_SKIPPED,    /* dropped with its content */
} TagKind;

static const struct {
  const char *name;
  gsize       len;
  TagKind     kind;
} html_tags[] = {
#define TAG(name, kind) { name, sizeof name - 1, kind }
  TAG ("p", TAG_PARAGRAPH), TAG ("div", TAG_PARAGRAPH), TAG ("h1", TAG_PARAGRAPH),
  TAG ("h2", TAG_PARAGRAPH), TAG ("h3", TAG_PARAGRAPH), TAG ("h4", TAG_PARAGRAPH),
  TAG ("h5", TAG_PARAGRAPH), TAG ("h6", TAG_PARAGRAPH), TAG ("ul", TAG_PARAGRAPH),
  TAG ("ol", TAG_PARAGRAPH), TAG ("table", TAG_PARAGRAPH), TAG ("blockquote", TAG_PARAGRAPH),
  TAG ("pre", TAG_PARAGRAPH), TAG ("section", TAG_PARAGRAPH), TAG ("article", TAG_PARAGRAPH),
  TAG ("header", TAG_PARAGRAPH), TAG ("footer", TAG_PARAGRAPH), TAG ("hr", TAG_PARAGRAPH),
  TAG ("br", TAG_LINE), TAG ("li", TAG_LINE), TAG ("tr", TAG_LINE), TAG ("dt", TAG_LINE),
  TAG ("dd", TAG_LINE),
  TAG ("script", TAG_SKIPPED), TAG ("style", TAG_SKIPPED), TAG ("template", TAG_SKIPPED),
  TAG ("title", TAG_SKIPPED),
#undef TAG
};

/* Returns the index in html_tags, or -1. */
static int
find_tag (const char *name,
          gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (html_tags); i++)
    if (html_tags[i].len == len && g_ascii_strncasecmp (name, html_tags[i].name, len) == 0)
      return (int) i;
  return -1;
}

static void
text_break (GString *out,
            guint    n_newlines)
{
  guint have = 0;

  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    return;

  for (gsize i = out->len; i > 0 && out->str[i - 1] == '\n'; i--)
    have++;
  for (; have < n_newlines; have++)
    g_string_append_c (out, '\n');
}

/* Finds "</name" (any case) from @p; returns NULL when there is none. */
static const char *
find_closing_tag (const char *p,
                  const char *end,
                  const char *name)
{
  gsize name_len = strlen (name);

  for (; end - p >= (gssize) (name_len + 2); p++)
    {
      if (p[0] == '<' && p[1] == '/' && g_ascii_strncasecmp (p + 2, name, name_len) == 0)
        return p;
    }

  return NULL;
}

/* Decodes an entity at @p ('&'); returns the byte count used, 0 if none. */
static gsize
decode_entity (const char *p,
               const char *end,
               gunichar   *out)
{
  static const struct {
    const char *name;
    gunichar    c;
  } named[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
    { "&apos;", '\'' }, { "&nbsp;", ' ' },
  };
  const char *q;
  guint64 value = 0;
  gboolean hex;

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      gsize n = strlen (named[i].name);

      if ((gsize) (end - p) >= n && memcmp (p, named[i].name, n) == 0)
        {
          *out = named[i].c;
          return n;
        }
    }

  if (end - p < 4 || p[1] != '#')
    return 0;

  hex = p[2] == 'x' || p[2] == 'X';
  q = p + (hex ? 3 : 2);
  for (guint n = 0; q < end && *q != ';'; q++, n++)
    {
      int digit = hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q);

      if (digit < 0 || n == 8)
        return 0;
      value = value * (hex ? 16 : 10) + (guint) digit;
    }

  if (q == end || q == p + (hex ? 3 : 2))
    return 0;

  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    *out = 0xFFFD;
  else
    *out = (gunichar) value;
  return (gsize) (q + 1 - p);
}

char *
otasuke_html_to_text (const char *html,
                      gssize      len)
{
  const char *p;
  const char *end;
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (html != NULL || len == 0, NULL);

  if (html == NULL)
    html = "";
  if (len < 0)
    len = (gssize) strlen (html);
  p = html;
  end = html + len;
  out = g_string_sized_new ((gsize) len);

  while (p < end)
    {
      char c = *p;

      if (c == '<' && p + 1 < end && p[1] == '!')
        {
          const char *close;

          if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
            {
              close = g_strstr_len (p + 4, end - p - 4, "-->");
              p = close != NULL ? close + 3 : end;
            }
          else
            {
              close = memchr (p, '>', end - p);
              p = close != NULL ? close + 1 : end;
            }
          continue;
        }

      if (c == '<' && p + 1 < end && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '?'))
        {
          gboolean closing = p[1] == '/';
          const char *name = p + (closing ? 2 : 1);
          const char *q = name;
          char quote = 0;
          gsize name_len;
          int tag;

          while (q < end && g_ascii_isalnum (*q))
            q++;
          name_len = (gsize) (q - name);

          for (; q < end; q++)
            {
              if (quote != 0)
                {
                  if (*q == quote)
                    quote = 0;
                }
              else if ((*q == '"' || *q == '\'') && q[-1] == '=')
                {
                  /* Only a quoted attribute value can hide a '>'. */
                  quote = *q;
                }
              else if (*q == '>')
                {
                  break;
                }
            }
          p = q < end ? q + 1 : end;

          tag = find_tag (name, name_len);
          if (tag < 0)
            continue;

          switch (html_tags[tag].kind)
            {
            case TAG_PARAGRAPH:
              text_break (out, 2);
              space = FALSE;
              break;

            case TAG_LINE:
              text_break (out, 1);
              space = FALSE;
              break;

            case TAG_SKIPPED:
              if (!closing)
                {
                  const char *close = find_closing_tag (p, end, html_tags[tag].name);
                  const char *gt = close != NULL ? memchr (close, '>', end - close) : NULL;

                  p = gt != NULL ? gt + 1 : end;
                }
              break;

            case TAG_INLINE:
            default:
              break;
            }
          continue;
        }

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        {
          space = TRUE;
          p++;
          continue;
        }

      if (space && out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
      space = FALSE;

      if (c == '&')
        {
          gunichar decoded;
          gsize used = decode_entity (p, end, &decoded);

          if (used > 0)
            {
              /* Decoded controls are not text: treat them as a space. */
              if (decoded < 0x20 || (decoded >= 0x7F && decoded < 0xA0))
                space = TRUE;
              else
                g_string_append_unichar (out, decoded);
              p += used;
              continue;
            }
        }

      g_string_append_c (out, c);
      p++;
    }

  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}
