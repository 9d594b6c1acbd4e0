/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-router"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "otasuke-json.h"
#include "otasuke-router-table-private.h"
#include "otasuke-router.h"
#include "otasuke-text.h"
#include "otasuke-version.h"

/* Loading and validating the bundled table (JSON → OtasukeRouterTable). */

#define TABLE_MAX_DEPTH       16
#define MODEL_MAX_CHARS       64
#define MAX_CVES              16

G_DEFINE_QUARK (otasuke-router-table-error-quark, otasuke_router_table_error)

gboolean
otasuke_router_is_plain_text (const char *text,
               guint       max_chars)
{
  guint n = 0;

  /* Nothing hidden (bidi controls, format characters), and no line ends or tabs either. */
  if (!otasuke_text_is_clean (text))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (++n > max_chars || g_unichar_iscntrl (c))
        return FALSE;
    }

  return n > 0;
}

gboolean
otasuke_router_is_condition (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > CONDITION_MAX_CHARS)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
is_date (const char *text)
{
  guint y, m, d;
  char rest;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &rest) != 3)
    return FALSE;

  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static gboolean G_GNUC_PRINTF (3, 4)
fail (GError                  **error,
      OtasukeRouterTableError   code,
      const char               *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (OTASUKE_ROUTER_TABLE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

/* A string member: NULL (and TRUE) when absent or null and not @required. */
static gboolean
get_string (json_t      *object,
            const char  *member,
            gboolean     required,
            guint        max_chars,
            const char  *path,
            const char **out,
            GError     **error)
{
  const char *value;

  *out = NULL;
  if (otasuke_json_is_absent (object, member))
    {
      if (required)
        return fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID,
                     "%s.%s is missing", path, member);
      return TRUE;
    }

  value = otasuke_json_get_string (object, member);
  if (value == NULL)
    return fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.%s is not a string", path, member);

  if (!otasuke_router_is_plain_text (value, max_chars))
    return fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID,
                 "%s.%s is empty, too long or not plain text", path, member);

  *out = value;
  return TRUE;
}

static json_t *
get_array (json_t      *object,
           const char  *member,
           const char  *path,
           GError     **error)
{
  json_t *array = otasuke_json_get_array (object, member);

  if (array == NULL)
    fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.%s is not an array", path, member);
  return array;
}

static OtasukeRouterAdvisory *
parse_advisory (json_t      *object,
                const char  *path,
                GError     **error)
{
  g_autoptr(GPtrArray) cves = g_ptr_array_new_with_free_func (g_free);
  OtasukeRouterAdvisory *adv;
  json_t *array = NULL;
  const char *id, *title, *affected_max, *condition, *feed_item, *fixed, *source_url, *date;
  json_t *eol;
  gboolean end_of_life = FALSE;

  if (!json_is_object (object))
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s is not an object", path);
      return NULL;
    }

  if (!get_string (object, "id", TRUE, ID_MAX_CHARS, path, &id, error) ||
      !get_string (object, "title", TRUE, TITLE_MAX_CHARS, path, &title, error) ||
      !get_string (object, "affected_max", FALSE, ID_MAX_CHARS, path, &affected_max, error) ||
      !get_string (object, "fixed", FALSE, ID_MAX_CHARS, path, &fixed, error) ||
      !get_string (object, "source_url", FALSE, TITLE_MAX_CHARS, path, &source_url, error) ||
      !get_string (object, "date", FALSE, ID_MAX_CHARS, path, &date, error) ||
      !get_string (object, "condition", FALSE, CONDITION_MAX_CHARS, path, &condition, error) ||
      !get_string (object, "feed_item", FALSE, ID_MAX_CHARS, path, &feed_item, error))
    return NULL;

  if (!g_regex_match_simple ("^(JVN(VU)?#[0-9]{8}|CVE-[0-9]{4}-[0-9]{4,7})$", id, 0, 0))
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.id is not a JVN or CVE id", path);
      return NULL;
    }
  eol = json_object_get (object, "end_of_life");
  if (eol != NULL && !json_is_null (eol))
    {
      if (!json_is_boolean (eol))
        {
          fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.end_of_life is not a boolean", path);
          return NULL;
        }
      end_of_life = json_is_true (eol);
    }
  /* An end-of-life advisory has no fix, so every version is affected; a
   * source that names only the fix ("before Ver. 1.7.2") gives `fixed` alone. */
  if ((affected_max == NULL && !end_of_life && fixed == NULL) ||
      (affected_max != NULL && !otasuke_version_is_valid (affected_max)))
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.affected_max is not a version", path);
      return NULL;
    }
  if (fixed != NULL && !otasuke_version_is_valid (fixed))
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.fixed is not a version", path);
      return NULL;
    }
  if (end_of_life && fixed != NULL)
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s has both a fixed version and end_of_life", path);
      return NULL;
    }
  if (source_url != NULL && !g_str_has_prefix (source_url, "https://") && !g_str_has_prefix (source_url, "http://"))
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.source_url is not a web address", path);
      return NULL;
    }
  if (date != NULL && !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$", date, 0, 0))
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.date is not YYYY-MM or YYYY-MM-DD", path);
      return NULL;
    }
  if (condition != NULL && !otasuke_router_is_condition (condition))
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.condition is not a condition name", path);
      return NULL;
    }

  if (!otasuke_json_is_absent (object, "cves") &&
      (array = get_array (object, "cves", path, error)) == NULL)
    return NULL;

  if (array != NULL && json_array_size (array) > MAX_CVES)
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_TOO_LARGE, "%s.cves has too many entries", path);
      return NULL;
    }

  for (guint i = 0; array != NULL && i < json_array_size (array); i++)
    {
      const char *cve = json_string_value (json_array_get (array, i));

      if (cve == NULL || !g_regex_match_simple ("^CVE-[0-9]{4}-[0-9]{4,7}$", cve, 0, 0))
        {
          fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.cves[%u] is not a CVE id", path, i);
          return NULL;
        }
      g_ptr_array_add (cves, g_strdup (cve));
    }
  g_ptr_array_add (cves, NULL);

  adv = g_new0 (OtasukeRouterAdvisory, 1);
  adv->id = g_strdup (id);
  adv->cves = (char **) g_ptr_array_free (g_steal_pointer (&cves), FALSE);
  adv->title = g_strdup (title);
  adv->affected_max = g_strdup (affected_max);
  adv->condition = g_strdup (condition);
  adv->feed_item_id = g_strdup (feed_item);
  adv->fixed = g_strdup (fixed);
  adv->source_url = g_strdup (source_url);
  adv->date = g_strdup (date);
  adv->end_of_life = end_of_life;
  return adv;
}

static OtasukeRouterEntry *
parse_entry (json_t      *object,
             const char  *path,
             GError     **error)
{
  g_autoptr(OtasukeRouterEntry) entry = g_new0 (OtasukeRouterEntry, 1);
  json_t *array;
  json_t *eos;
  const char *vendor, *model;

  if (!json_is_object (object))
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s is not an object", path);
      return NULL;
    }

  if (!get_string (object, "vendor", TRUE, VENDOR_MAX_CHARS, path, &vendor, error) ||
      !get_string (object, "model", TRUE, MODEL_MAX_CHARS, path, &model, error))
    return NULL;

  entry->vendor = g_strdup (vendor);
  entry->model = g_strdup (model);
  entry->key = otasuke_router_normalize_model (model);
  if (entry->key == NULL)
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.model is not a model name", path);
      return NULL;
    }
  entry->loose = otasuke_router_loose_key (entry->key);

  eos = json_object_get (object, "end_of_support");
  if (eos == NULL || json_is_null (eos))
    entry->eos = OTASUKE_ROUTER_EOS_UNKNOWN;
  else if (json_is_boolean (eos))
    entry->eos = json_is_true (eos) ? OTASUKE_ROUTER_EOS_YES : OTASUKE_ROUTER_EOS_NO;
  else if (json_is_string (eos) && is_date (json_string_value (eos)))
    {
      entry->eos = OTASUKE_ROUTER_EOS_DATE;
      entry->eos_date = g_strdup (json_string_value (eos));
    }
  else
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID,
            "%s.end_of_support is not null, a boolean or a YYYY-MM-DD date", path);
      return NULL;
    }

  if ((array = get_array (object, "advisories", path, error)) == NULL)
    return NULL;
  if (json_array_size (array) > OTASUKE_ROUTER_TABLE_MAX_ADVISORIES)
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_TOO_LARGE, "%s.advisories has too many entries", path);
      return NULL;
    }

  entry->advisories = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_router_advisory_free);
  for (guint i = 0; i < json_array_size (array); i++)
    {
      g_autofree char *adv_path = g_strdup_printf ("%s.advisories[%u]", path, i);
      OtasukeRouterAdvisory *adv = parse_advisory (json_array_get (array, i), adv_path, error);

      if (adv == NULL)
        return NULL;

      for (guint j = 0; j < entry->advisories->len; j++)
        if (g_str_equal (((OtasukeRouterAdvisory *) entry->advisories->pdata[j])->id, adv->id))
          {
            otasuke_router_advisory_free (adv);
            fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.id is listed twice", adv_path);
            return NULL;
          }

      g_ptr_array_add (entry->advisories, adv);
    }

  return g_steal_pointer (&entry);
}

/* The parser recurses; refuse deep nesting before it sees the data. */
static gboolean
check_depth (const char *data,
             gsize       len)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > TABLE_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

OtasukeRouterTable *
otasuke_router_table_new_from_bytes (GBytes  *bytes,
                                     GError **error)
{
  g_autoptr(OtasukeRouterTable) table = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(json_t) root = NULL;
  const char *data;
  gsize len;
  gint64 schema;
  json_t *routers;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  if (len > OTASUKE_ROUTER_TABLE_MAX_BYTES)
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_TOO_LARGE,
            "The router table is larger than %d bytes", OTASUKE_ROUTER_TABLE_MAX_BYTES);
      return NULL;
    }
  if (len == 0 || memchr (data, '\0', len) != NULL || !g_utf8_validate (data, len, NULL))
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_SYNTAX, "The router table is empty or not UTF-8 text");
      return NULL;
    }
  if (!check_depth (data, len))
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_TOO_LARGE, "The router table is nested too deeply");
      return NULL;
    }

  root = otasuke_json_load (data, (gssize) len, &local_error);
  if (root == NULL)
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_SYNTAX, "The router table is not JSON: %s",
            local_error->message);
      return NULL;
    }

  if (!json_is_object (root))
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "The router table is not a JSON object");
      return NULL;
    }

  if (!otasuke_json_get_int (root, "schema", &schema) || schema != 1)
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "schema is not 1");
      return NULL;
    }

  if ((routers = get_array (root, "routers", "$", error)) == NULL)
    return NULL;
  if (json_array_size (routers) > OTASUKE_ROUTER_TABLE_MAX_MODELS)
    {
      fail (error, OTASUKE_ROUTER_TABLE_ERROR_TOO_LARGE, "The router table has too many models");
      return NULL;
    }

  table = otasuke_router_table_new_empty ();
  for (guint i = 0; i < json_array_size (routers); i++)
    {
      g_autofree char *path = g_strdup_printf ("routers[%u]", i);
      OtasukeRouterEntry *entry = parse_entry (json_array_get (routers, i), path, error);

      if (entry == NULL)
        return NULL;

      if (otasuke_router_table_find (table, entry->vendor, entry->key) != NULL)
        {
          fail (error, OTASUKE_ROUTER_TABLE_ERROR_INVALID, "%s.model %s is listed twice",
                path, entry->key);
          otasuke_router_entry_free (entry);
          return NULL;
        }

      otasuke_router_table_add (table, entry);
    }

  return g_steal_pointer (&table);
}

OtasukeRouterTable *
otasuke_router_table_new_from_resource (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resources_lookup_data (OTASUKE_ROUTER_TABLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return otasuke_router_table_new_from_bytes (bytes, error);
}
