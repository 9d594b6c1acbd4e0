/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-router"

#include "config.h"

#include <string.h>

#include "otasuke-router.h"

#define MODEL_MAX_CHARS 64

static const char * const colour_suffixes[] = {
  "-BK", "-WH", "-SV", "-BL", "-RD", "-GR", "-PK", "-GD", "-BR", "-NV", "-W", "-B",
};

char *
otasuke_router_normalize_model (const char *model)
{
  g_autofree char *nfkc = NULL;
  g_autoptr(GString) out = NULL;

  if (model == NULL || !g_utf8_validate (model, -1, NULL) || g_utf8_strlen (model, -1) > MODEL_MAX_CHARS)
    return NULL;

  /* NFKC folds full-width letters, digits and the full-width hyphen-minus. */
  nfkc = g_utf8_normalize (model, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      /* Other dashes people type for "-": U+2010–U+2015, U+2212, U+30FC, and the
       * rarer U+02D7, U+2043, U+2E3A, U+2E3B. NFKC has already mapped U+FF0D,
       * U+FE63, U+FE58 and U+FF70 to one of these. */
      if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x30fc ||
          c == 0x02d7 || c == 0x2043 || c == 0x2e3a || c == 0x2e3b)
        c = '-';
      if (c >= 0x80)
        return NULL;
      g_string_append_c (out, g_ascii_toupper ((char) c));
    }

  for (guint i = 0; i < G_N_ELEMENTS (colour_suffixes); i++)
    if (g_str_has_suffix (out->str, colour_suffixes[i]) && out->len > strlen (colour_suffixes[i]))
      {
        g_string_truncate (out, out->len - strlen (colour_suffixes[i]));
        break;
      }

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
