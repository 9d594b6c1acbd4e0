/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-json-check"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "otasuke-json-check.h"

/* The rules are ours, not a parser's: they stay the same whatever library
 * builds the tree (json-glib once, jansson now, see otasuke-json.c), and the
 * messages name the place in the same words. What passes here, jansson reads
 * without an error: numbers fit (integers in 64 bits, others in a double),
 * strings are UTF-8 without NUL. */

G_DEFINE_QUARK (otasuke-json-check-error-quark, otasuke_json_check_error)

typedef enum {
  SCAN_VALUE,
  SCAN_VALUE_OR_CLOSE,  /* just after '[' */
  SCAN_KEY,             /* after ',' in an object */
  SCAN_KEY_OR_CLOSE,    /* just after '{' */
  SCAN_COLON,
  SCAN_AFTER_VALUE,     /* ',' or the closing bracket */
  SCAN_END,
} ScanState;

static gboolean
scan_fail_with (GError                **error,
                OtasukeJsonCheckError   code,
                const char             *data,
                const char             *at,
                const char             *reason)
{
  g_autofree char *where = NULL;
  guint line = 1;
  guint column = 1;

  for (const char *p = data; p < at; p++)
    {
      if (*p == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar) *p & 0xC0) != 0x80)
        {
          column++;
        }
    }

  /* Translators: where a problem is in the feed file */
  where = g_strdup_printf (_("line %u, column %u"), line, column);
  g_set_error (error, OTASUKE_JSON_CHECK_ERROR, code, "%s: %s", where, reason);
  return FALSE;
}

static gboolean
scan_fail (GError     **error,
           const char  *data,
           const char  *at,
           const char  *reason)
{
  return scan_fail_with (error, OTASUKE_JSON_CHECK_ERROR_SYNTAX, data, at, reason);
}

static int
hex4 (const char *p,
      const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* *p is at the opening quote; on success it is moved past the closing one. */
static gboolean
scan_string (const char  *data,
             const char **pp,
             const char  *end,
             GError     **error)
{
  const char *p = *pp + 1;

  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c == '"')
        {
          *pp = p + 1;
          return TRUE;
        }

      if (c < 0x20)
        return scan_fail (error, data, p,
                          _("control character in a string"));

      if (c != '\\')
        {
          p++;
          continue;
        }

      if (p + 1 >= end)
        break;

      switch (p[1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          p += 2;
          break;

        case 'u':
          {
            int cp = hex4 (p + 2, end);

            if (cp < 0)
              return scan_fail (error, data, p,
                                _("bad \\u escape"));
            if (cp == 0)
              return scan_fail (error, data, p,
                                _("NUL character (\\u0000) in a string"));
            if (cp >= 0xDC00 && cp <= 0xDFFF)
              return scan_fail (error, data, p,
                                _("unpaired surrogate in a \\u escape"));
            if (cp >= 0xD800 && cp <= 0xDBFF)
              {
                int low = (end - p >= 12 && p[6] == '\\' && p[7] == 'u') ? hex4 (p + 8, end) : -1;

                if (low < 0xDC00 || low > 0xDFFF)
                  return scan_fail (error, data, p,
                                    _("unpaired surrogate in a \\u escape"));
                p += 12;
              }
            else
              {
                p += 6;
              }
          }
          break;

        default:
          return scan_fail (error, data, p,
                            _("bad escape in a string"));
        }
    }

  return scan_fail (error, data, *pp,
                    _("unterminated string"));
}

static gboolean
scan_number (const char  *data,
             const char **pp,
             const char  *end,
             GError     **error)
{
  const char *start = *pp;
  const char *p = start;
  const char *digits;
  gboolean negative = FALSE;
  gboolean integer = TRUE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  digits = p;
  if (p == end || !g_ascii_isdigit (*p))
    return scan_fail (error, data, start, _("bad number"));
  if (*p == '0')
    p++;
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;

  if (p < end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p == end || !g_ascii_isdigit (*p))
        return scan_fail (error, data, start, _("bad number"));
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !g_ascii_isdigit (*p))
        return scan_fail (error, data, start, _("bad number"));
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  /* Integers beyond 64 bits would wrap or be refused, reals beyond a
   * double would become infinite or be refused: refuse both here. */
  if (integer)
    {
      const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
      gsize n = (gsize) (p - digits);

      if (n > 19 || (n == 19 && memcmp (digits, limit, 19) > 0))
        return scan_fail (error, data, start,
                          _("number too large"));
    }
  else
    {
      g_autofree char *text = g_strndup (start, (gsize) (p - start));

      if (isinf (g_ascii_strtod (text, NULL)))
        return scan_fail (error, data, start,
                          _("number too large"));
    }

  *pp = p;
  return TRUE;
}

gboolean
otasuke_json_check (const char  *data,
                    gsize        len,
                    guint        max_depth,
                    GError     **error)
{
  char small_stack[64];
  g_autofree char *large_stack = NULL;
  char *stack = small_stack;
  guint depth = 0;
  ScanState state = SCAN_VALUE;
  const char *end;
  const char *invalid = NULL;
  const char *p = data;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data == NULL)
    data = p = "";
  end = data + len;

  /* One byte per open bracket: the stack of what closes it. */
  if (max_depth > sizeof small_stack)
    stack = large_stack = g_malloc (max_depth);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    return scan_fail (error, data, data,
                      _("starts with a byte order mark"));

  if (!g_utf8_validate_len (data, len, &invalid))
    return scan_fail (error, data, invalid,
                      *invalid == '\0' ? _("NUL byte") : _("not valid UTF-8"));

  for (;;)
    {
      char c;

      while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;

      if (p == end)
        {
          if (state == SCAN_END)
            return TRUE;
          return scan_fail (error, data, p,
                            _("unexpected end of the data"));
        }

      c = *p;
      switch (state)
        {
        case SCAN_END:
          return scan_fail (error, data, p,
                            _("unexpected text after the end"));

        case SCAN_COLON:
          if (c != ':')
            return scan_fail (error, data, p,
                              _("expected “:”"));
          p++;
          state = SCAN_VALUE;
          continue;

        case SCAN_AFTER_VALUE:
          if (c == ',')
            {
              p++;
              state = stack[depth - 1] == '{' ? SCAN_KEY : SCAN_VALUE;
              continue;
            }
          if ((c == '}' && stack[depth - 1] == '{') || (c == ']' && stack[depth - 1] == '['))
            {
              p++;
              depth--;
              state = depth > 0 ? SCAN_AFTER_VALUE : SCAN_END;
              continue;
            }
          return scan_fail (error, data, p,
                            _("expected “,” or a closing bracket"));

        case SCAN_KEY_OR_CLOSE:
        case SCAN_KEY:
          if (c == '}' && state == SCAN_KEY_OR_CLOSE)
            {
              p++;
              depth--;
              state = depth > 0 ? SCAN_AFTER_VALUE : SCAN_END;
              continue;
            }
          if (c != '"')
            return scan_fail (error, data, p,
                              _("expected a member name in double quotes"));
          if (!scan_string (data, &p, end, error))
            return FALSE;
          state = SCAN_COLON;
          continue;

        case SCAN_VALUE_OR_CLOSE:
        case SCAN_VALUE:
          if (c == ']' && state == SCAN_VALUE_OR_CLOSE)
            {
              p++;
              depth--;
              state = depth > 0 ? SCAN_AFTER_VALUE : SCAN_END;
              continue;
            }
          if (c == '{' || c == '[')
            {
              if (depth == max_depth)
                {
                  g_autofree char *reason =
                    g_strdup_printf (_("nested more than %u levels deep"), max_depth);
                  return scan_fail_with (error, OTASUKE_JSON_CHECK_ERROR_TOO_DEEP, data, p,
                                         reason);
                }
              stack[depth++] = c;
              p++;
              state = c == '{' ? SCAN_KEY_OR_CLOSE : SCAN_VALUE_OR_CLOSE;
              continue;
            }

          if (c == '"')
            {
              if (!scan_string (data, &p, end, error))
                return FALSE;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scan_number (data, &p, end, error))
                return FALSE;
            }
          else if (end - p >= 4 && (memcmp (p, "true", 4) == 0 || memcmp (p, "null", 4) == 0))
            {
              p += 4;
            }
          else if (end - p >= 5 && memcmp (p, "false", 5) == 0)
            {
              p += 5;
            }
          else
            {
              return scan_fail (error, data, p,
                                _("unexpected character"));
            }
          state = depth > 0 ? SCAN_AFTER_VALUE : SCAN_END;
          continue;

        default:
          g_assert_not_reached ();
        }
    }
}
