/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "otasuke-json.h"

/* jansson 2.14 builds from Debian's source with mingw, so the same code reads
 * and writes JSON on both platforms. Trees are jansson's; the writer is ours
 * so that what the program prints and stores keeps its earlier format. */

/* Numbers as integers where they are written without a fraction or exponent,
 * strings without NUL (the strict check refuses \u0000 before this). Any
 * value may be the root: the callers say what they expected. */
#define LOAD_FLAGS JSON_DECODE_ANY

static json_t *
load (const char  *data,
      gsize        len,
      GError     **error)
{
  json_error_t jerror;
  json_t *root;

  root = json_loadb (data, len, LOAD_FLAGS, &jerror);
  if (root == NULL)
    {
      /* Translators: where a problem is in the feed file */
      g_autofree char *where = g_strdup_printf (_("line %u, column %u"),
                                                (guint) MAX (jerror.line, 1),
                                                (guint) MAX (jerror.column, 1));

      g_set_error (error, OTASUKE_JSON_CHECK_ERROR, OTASUKE_JSON_CHECK_ERROR_SYNTAX,
                   "%s: %s", where, jerror.text);
    }
  return root;
}

json_t *
otasuke_json_load_strict (const char  *data,
                          gsize        len,
                          guint        max_depth,
                          GError     **error)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  if (!otasuke_json_check (data, len, max_depth, error))
    return NULL;
  return load (data, len, error);
}

json_t *
otasuke_json_load (const char  *data,
                   gssize       len,
                   GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load (data, len < 0 ? strlen (data) : (gsize) len, error);
}

/* ------------------------------------------------------------------------ */

const char *
otasuke_json_get_string (const json_t *object,
                         const char   *name)
{
  /* json_object_get() is NULL when object is not an object. */
  return json_string_value (json_object_get (object, name));
}

gboolean
otasuke_json_get_int (const json_t *object,
                      const char   *name,
                      gint64       *out)
{
  json_t *value = json_object_get (object, name);

  if (!json_is_integer (value))
    return FALSE;
  *out = json_integer_value (value);
  return TRUE;
}

json_t *
otasuke_json_get_array (const json_t *object,
                        const char   *name)
{
  json_t *value = json_object_get (object, name);

  return json_is_array (value) ? value : NULL;
}

json_t *
otasuke_json_get_object (const json_t *object,
                         const char   *name)
{
  json_t *value = json_object_get (object, name);

  return json_is_object (value) ? value : NULL;
}

gboolean
otasuke_json_is_absent (const json_t *object,
                        const char   *name)
{
  json_t *value = json_object_get (object, name);

  return value == NULL || json_is_null (value);
}

/* ------------------------------------------------------------------------ */

json_t *
otasuke_json_string_new (const char *value)
{
  g_autofree char *valid = NULL;

  if (value == NULL)
    return json_null ();
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  return json_string_nocheck (value);
}

json_t *
otasuke_json_set (json_t     *object,
                  const char *name,
                  json_t     *value)
{
  g_return_val_if_fail (json_is_object (object), NULL);

  if (json_object_set_new (object, name, value) != 0)
    g_error ("Cannot add “%s” to a JSON object (out of memory?)", name);
  return value;
}

void
otasuke_json_set_string (json_t     *object,
                         const char *name,
                         const char *value)
{
  otasuke_json_set (object, name, otasuke_json_string_new (value));
}

void
otasuke_json_set_int (json_t     *object,
                      const char *name,
                      gint64      value)
{
  otasuke_json_set (object, name, json_integer (value));
}

void
otasuke_json_set_bool (json_t     *object,
                       const char *name,
                       gboolean    value)
{
  otasuke_json_set (object, name, json_boolean (value));
}

void
otasuke_json_set_null (json_t     *object,
                       const char *name)
{
  otasuke_json_set (object, name, json_null ());
}

/* ------------------------------------------------------------------------ */
/* The writer */

void
otasuke_json_append_string (GString    *out,
                            const char *value)
{
  const char *run = value;
  const char *p;

  g_string_append_c (out, '"');
  for (p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
          break;
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
append_indent (GString *out,
               guint    level)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
append_value (GString      *out,
              const json_t *value,
              gboolean      pretty,
              guint         level)
{
  switch (json_typeof (value))
    {
    case JSON_OBJECT:
      {
        const char *name;
        json_t *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_foreach ((json_t *) value, name, member)
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            if (pretty)
              append_indent (out, level + 1);
            otasuke_json_append_string (out, name);
            g_string_append (out, pretty ? " : " : ":");
            append_value (out, member, pretty, level + 1);
          }
        /* json-glib's quirk, kept: an empty object holds the indent of its level. */
        if (pretty && first)
          for (guint i = 0; i < level; i++)
            g_string_append (out, "  ");
        else if (pretty)
          append_indent (out, level);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_ARRAY:
      {
        gsize n = json_array_size (value);

        g_string_append_c (out, '[');
        for (gsize i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (pretty)
              append_indent (out, level + 1);
            append_value (out, json_array_get (value, i), pretty, level + 1);
          }
        if (pretty && n > 0)
          append_indent (out, level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_STRING:
      otasuke_json_append_string (out, json_string_value (value));
      break;

    case JSON_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) json_integer_value (value));
      break;

    case JSON_REAL:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        /* %.17g, and a real stays a real when read back: 42.0, not 42. */
        g_ascii_dtostr (buffer, sizeof buffer, json_real_value (value));
        g_string_append (out, buffer);
        if (strpbrk (buffer, ".eE") == NULL)
          g_string_append (out, ".0");
      }
      break;

    case JSON_TRUE:
      g_string_append (out, "true");
      break;

    case JSON_FALSE:
      g_string_append (out, "false");
      break;

    case JSON_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
otasuke_json_to_string (const json_t *value,
                        gboolean      pretty)
{
  GString *out;

  g_return_val_if_fail (value != NULL, NULL);

  out = g_string_sized_new (256);
  append_value (out, value, pretty, 0);
  return g_string_free (out, FALSE);
}
