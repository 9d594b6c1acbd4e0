/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-version"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "otasuke-version.h"

/* Version strings come from other programs and from users: bound what we read. */
#define VERSION_MAX_CHARS 64
#define VERSION_MAX_PARTS 16
/* How much of a bad input an error message quotes. */
#define QUOTE_MAX_CHARS 40

typedef enum {
  SUFFIX_ALPHA,
  SUFFIX_BETA,
  SUFFIX_RC,
  SUFFIX_NONE,
  SUFFIX_ESR,
} SuffixKind;

typedef struct {
  guint64    parts[VERSION_MAX_PARTS];
  guint      n_parts;
  SuffixKind suffix;
  guint64    suffix_number;
} Version;

G_DEFINE_QUARK (otasuke-version-error-quark, otasuke_version_error)

/* Errors quote the input, so it must become valid, printable and short first. */
static char *
quote_for_message (const char *input)
{
  /* Enough bytes for one character more than is shown, so the "…" is honest. */
  gsize max_bytes = (QUOTE_MAX_CHARS + 1) * 4;
  g_autofree char *valid = g_utf8_make_valid (input, strnlen (input, max_bytes));
  GString *out = g_string_new (NULL);
  guint n_chars = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars++ == QUOTE_MAX_CHARS)
        {
          g_string_append (out, "…");
          break;
        }

      if (g_unichar_iscntrl (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static void
set_error (GError              **error,
           OtasukeVersionError   code,
           const char           *input)
{
  g_autofree char *quoted = NULL;

  switch (code)
    {
    case OTASUKE_VERSION_ERROR_EMPTY:
      g_set_error_literal (error, OTASUKE_VERSION_ERROR, code,
                           _("The version number is empty"));
      break;

    case OTASUKE_VERSION_ERROR_INVALID:
      quoted = quote_for_message (input);
      g_set_error (error, OTASUKE_VERSION_ERROR, code,
                   /* Translators: %s is what was read where a version number was expected */
                   _("“%s” is not a version number"), quoted);
      break;

    case OTASUKE_VERSION_ERROR_TOO_LARGE:
      quoted = quote_for_message (input);
      g_set_error (error, OTASUKE_VERSION_ERROR, code,
                   /* Translators: %s is a version number such as “99999999999999999999.1” */
                   _("“%s” contains a number too large to compare"), quoted);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Copies @input into @out as ASCII: full-width ASCII (U+FF01–U+FF5E) and the
 * ideographic space become their ASCII forms, anything else non-ASCII fails.
 * @out must hold VERSION_MAX_CHARS + 1 bytes. */
static gboolean
to_ascii (const char *input,
          char       *out)
{
  /* Bound the work on huge input before looking at characters. */
  gsize max_bytes = VERSION_MAX_CHARS * 4;
  guint n_chars = 0;

  if (strnlen (input, max_bytes + 1) > max_bytes)
    return FALSE;
  if (!g_utf8_validate (input, -1, NULL))
    return FALSE;

  for (const char *p = input; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars == VERSION_MAX_CHARS)
        return FALSE;

      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      else if (c == 0x3000)
        c = ' ';
      else if (c > 0x7F)
        return FALSE;

      out[n_chars++] = (char) c;
    }

  out[n_chars] = '\0';
  return TRUE;
}

/* Reads a run of ASCII digits at *p. FALSE if there is none; *overflow is set
 * (and parsing goes on) when the value does not fit in a guint64. */
static gboolean
parse_number (const char **p,
              guint64     *value,
              gboolean    *overflow)
{
  const char *s = *p;
  guint64 v = 0;

  if (!g_ascii_isdigit (*s))
    return FALSE;

  for (; g_ascii_isdigit (*s); s++)
    {
      guint digit = (guint) (*s - '0');

      if (v > (G_MAXUINT64 - digit) / 10)
        *overflow = TRUE;
      else
        v = v * 10 + digit;
    }

  *value = v;
  *p = s;
  return TRUE;
}

static const char *
skip_prefix (const char *s)
{
  if ((s[0] == 'V' || s[0] == 'v') && s[1] == 'e' && s[2] == 'r' && (s[3] == '.' || s[3] == ' '))
    return s + 4;
  if (s[0] == 'V' || s[0] == 'v')
    return s + 1;
  return s;
}

static gboolean
parse_version (const char  *input,
               Version     *version,
               GError     **error)
{
  char buf[VERSION_MAX_CHARS + 1];
  const char *p;
  gboolean overflow = FALSE;

  memset (version, 0, sizeof *version);
  version->suffix = SUFFIX_NONE;

  if (input == NULL)
    {
      set_error (error, OTASUKE_VERSION_ERROR_EMPTY, NULL);
      return FALSE;
    }

  if (!to_ascii (input, buf))
    {
      set_error (error, OTASUKE_VERSION_ERROR_INVALID, input);
      return FALSE;
    }

  g_strstrip (buf);
  if (buf[0] == '\0')
    {
      set_error (error, OTASUKE_VERSION_ERROR_EMPTY, input);
      return FALSE;
    }

  p = skip_prefix (buf);

  for (;;)
    {
      if (version->n_parts == VERSION_MAX_PARTS ||
          !parse_number (&p, &version->parts[version->n_parts], &overflow))
        goto invalid;
      version->n_parts++;

      if (*p != '.')
        break;
      p++;
    }

  if (*p == 'a' || *p == 'b')
    {
      version->suffix = *p == 'a' ? SUFFIX_ALPHA : SUFFIX_BETA;
      p++;
      if (!parse_number (&p, &version->suffix_number, &overflow))
        goto invalid;
    }
  else if (g_str_has_prefix (p, "rc"))
    {
      version->suffix = SUFFIX_RC;
      p += 2;
      if (!parse_number (&p, &version->suffix_number, &overflow))
        goto invalid;
    }
  else if (g_str_has_prefix (p, "esr"))
    {
      version->suffix = SUFFIX_ESR;
      p += 3;
    }

  if (*p != '\0')
    goto invalid;

  /* A bad shape is reported before a big number: it says more about the input. */
  if (overflow)
    {
      set_error (error, OTASUKE_VERSION_ERROR_TOO_LARGE, input);
      return FALSE;
    }

  return TRUE;

invalid:
  set_error (error, OTASUKE_VERSION_ERROR_INVALID, input);
  return FALSE;
}

static int
cmp_u64 (guint64 a,
         guint64 b)
{
  return (a > b) - (a < b);
}

/* ESR is a release: it ranks with no suffix at all. */
static int
suffix_rank (SuffixKind kind)
{
  return kind == SUFFIX_ESR ? (int) SUFFIX_NONE : (int) kind;
}

static int
version_compare (const Version *a,
                 const Version *b)
{
  guint n = MAX (a->n_parts, b->n_parts);
  int ra, rb;

  for (guint i = 0; i < n; i++)
    {
      guint64 pa = i < a->n_parts ? a->parts[i] : 0;
      guint64 pb = i < b->n_parts ? b->parts[i] : 0;
      int c = cmp_u64 (pa, pb);

      if (c != 0)
        return c;
    }

  ra = suffix_rank (a->suffix);
  rb = suffix_rank (b->suffix);
  if (ra != rb)
    return ra < rb ? -1 : 1;

  if (ra == (int) SUFFIX_NONE)
    return 0;

  return cmp_u64 (a->suffix_number, b->suffix_number);
}

gboolean
otasuke_version_compare (const char  *a,
                         const char  *b,
                         int         *result,
                         GError     **error)
{
  Version va, vb;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_version (a, &va, error) || !parse_version (b, &vb, error))
    return FALSE;

  *result = version_compare (&va, &vb);
  return TRUE;
}

gboolean
otasuke_version_is_valid (const char *version)
{
  Version v;

  return parse_version (version, &v, NULL);
}

char *
otasuke_version_normalize (const char *version)
{
  Version v;
  GString *out;

  if (!parse_version (version, &v, NULL))
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < v.n_parts; i++)
    g_string_append_printf (out, "%s%" G_GUINT64_FORMAT, i > 0 ? "." : "", v.parts[i]);

  switch (v.suffix)
    {
    case SUFFIX_ALPHA:
      g_string_append_printf (out, "a%" G_GUINT64_FORMAT, v.suffix_number);
      break;
    case SUFFIX_BETA:
      g_string_append_printf (out, "b%" G_GUINT64_FORMAT, v.suffix_number);
      break;
    case SUFFIX_RC:
      g_string_append_printf (out, "rc%" G_GUINT64_FORMAT, v.suffix_number);
      break;
    case SUFFIX_ESR:
      g_string_append (out, "esr");
      break;
    case SUFFIX_NONE:
      break;
    default:
      g_assert_not_reached ();
    }

  return g_string_free (out, FALSE);
}

gboolean
otasuke_version_is_esr (const char *version)
{
  Version v;

  return parse_version (version, &v, NULL) && v.suffix == SUFFIX_ESR;
}
