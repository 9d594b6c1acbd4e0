/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-action"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "otasuke-json.h"
#include "otasuke-policy.h"
#include "otasuke-text.h"

#define MAX_TEXT_BYTES   (32 * 1024)
#define MAX_SECTIONS     30
#define MAX_POLICY_BYTES (1024 * 1024)

static void
section_free (OtasukePolicySection *section)
{
  g_free (section->id);
  g_free (section->heading);
  g_free (section->body);
  g_free (section);
}

static OtasukePolicySection *
section_new (const char *id,
             const char *heading,
             const char *body)
{
  OtasukePolicySection *section = g_new0 (OtasukePolicySection, 1);

  section->id = g_strdup (id != NULL ? id : "");
  section->heading = g_strdup (heading != NULL ? heading : "");
  section->body = g_strdup (body != NULL ? body : "");
  return section;
}

static OtasukePolicy *
policy_new_empty (void)
{
  OtasukePolicy *policy = g_new0 (OtasukePolicy, 1);

  policy->published_where = g_strdup ("");
  policy->template_version = g_strdup ("");
  policy->title = g_strdup ("");
  policy->company_name = g_strdup ("");
  policy->representative = g_strdup ("");
  policy->enacted_on = g_strdup ("");
  policy->preamble = g_strdup ("");
  policy->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  return policy;
}

OtasukePolicy *
otasuke_policy_new (void)
{
  return policy_new_empty ();
}

void
otasuke_policy_free (OtasukePolicy *policy)
{
  if (policy == NULL)
    return;
  g_free (policy->published_where);
  g_free (policy->template_version);
  g_free (policy->title);
  g_free (policy->company_name);
  g_free (policy->representative);
  g_free (policy->enacted_on);
  g_free (policy->preamble);
  g_ptr_array_unref (policy->sections);
  g_free (policy);
}

OtasukePolicy *
otasuke_policy_copy (const OtasukePolicy *policy)
{
  OtasukePolicy *copy;

  g_return_val_if_fail (policy != NULL, NULL);

  copy = policy_new_empty ();
  copy->id = policy->id;
  copy->created_at = policy->created_at;
  copy->updated_at = policy->updated_at;
  copy->published_at = policy->published_at;
  otasuke_policy_set_text (&copy->published_where, policy->published_where);
  otasuke_policy_set_text (&copy->template_version, policy->template_version);
  otasuke_policy_set_text (&copy->title, policy->title);
  otasuke_policy_set_text (&copy->company_name, policy->company_name);
  otasuke_policy_set_text (&copy->representative, policy->representative);
  otasuke_policy_set_text (&copy->enacted_on, policy->enacted_on);
  otasuke_policy_set_text (&copy->preamble, policy->preamble);
  for (guint i = 0; i < policy->sections->len; i++)
    {
      const OtasukePolicySection *s = g_ptr_array_index (policy->sections, i);

      g_ptr_array_add (copy->sections, section_new (s->id, s->heading, s->body));
    }
  return copy;
}

gboolean
otasuke_policy_set_text (char       **field,
                         const char  *value)
{
  g_return_val_if_fail (field != NULL, FALSE);

  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = otasuke_text_bounded (value, MAX_TEXT_BYTES);
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

void
otasuke_policy_fill (OtasukePolicy               *policy,
                     const OtasukeCompanyProfile *profile,
                     const char                  *today)
{
  g_return_if_fail (policy != NULL);

  if (profile != NULL && is_blank (policy->company_name))
    otasuke_policy_set_text (&policy->company_name, profile->company_name);
  if (profile != NULL && is_blank (policy->representative))
    otasuke_policy_set_text (&policy->representative, profile->representative);
  if (today != NULL && is_blank (policy->enacted_on))
    otasuke_policy_set_text (&policy->enacted_on, today);
}

gboolean
otasuke_policy_date_is_valid (const char *date)
{
  guint year, month, day;
  char end;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  if (sscanf (date, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year) && year >= 1900;
}

gboolean
otasuke_policy_is_complete (const OtasukePolicy *policy)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  if (is_blank (policy->company_name) || is_blank (policy->representative) ||
      !otasuke_policy_date_is_valid (policy->enacted_on) || policy->sections->len == 0)
    return FALSE;
  for (guint i = 0; i < policy->sections->len; i++)
    {
      const OtasukePolicySection *s = g_ptr_array_index (policy->sections, i);

      if (is_blank (s->heading) || is_blank (s->body))
        return FALSE;
    }
  return TRUE;
}

/* The template */

typedef struct {
  OtasukePolicy *policy;
  GString *text;
  const char *element;      /* the text element being read, or NULL */
  OtasukePolicySection *section;
} Parser;

static void
start_element (GMarkupParseContext  *context,
               const char           *name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  Parser *parser = user_data;
  const char *version = NULL;
  const char *source = NULL;
  const char *id = NULL;

  if (g_str_equal (name, "policy"))
    {
      if (!g_markup_collect_attributes (name, attribute_names, attribute_values, error,
                                        G_MARKUP_COLLECT_STRING, "version", &version,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "source", &source,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      otasuke_policy_set_text (&parser->policy->template_version, version);
    }
  else if (g_str_equal (name, "section"))
    {
      if (!g_markup_collect_attributes (name, attribute_names, attribute_values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (parser->policy->sections->len >= MAX_SECTIONS)
        {
          g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "too many sections");
          return;
        }
      parser->section = section_new (id, NULL, NULL);
      g_ptr_array_add (parser->policy->sections, parser->section);
    }
  else if (g_str_equal (name, "title") || g_str_equal (name, "preamble") ||
           g_str_equal (name, "heading") || g_str_equal (name, "body"))
    {
      parser->element = g_intern_string (name);
      g_string_truncate (parser->text, 0);
    }
  else
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT, "unknown element <%s>", name);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *name,
             gpointer              user_data,
             GError              **error)
{
  Parser *parser = user_data;
  g_autofree char *msgid = NULL;
  const char *translated;
  char **slot = NULL;

  if (g_str_equal (name, "section"))
    {
      parser->section = NULL;
      return;
    }
  if (parser->element == NULL)
    return;

  msgid = otasuke_text_collapse_whitespace (parser->text->str);
  translated = g_dgettext (GETTEXT_PACKAGE, msgid);
  if (g_str_equal (name, "title"))
    slot = &parser->policy->title;
  else if (g_str_equal (name, "preamble"))
    slot = &parser->policy->preamble;
  else if (parser->section != NULL && g_str_equal (name, "heading"))
    slot = &parser->section->heading;
  else if (parser->section != NULL && g_str_equal (name, "body"))
    slot = &parser->section->body;

  if (slot != NULL)
    otasuke_policy_set_text (slot, translated);
  parser->element = NULL;
}

static void
text (GMarkupParseContext  *context,
      const char           *text_value,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  Parser *parser = user_data;

  if (parser->element != NULL)
    g_string_append_len (parser->text, text_value, text_len);
}

OtasukePolicy *
otasuke_policy_new_from_bytes (GBytes  *bytes,
                               GError **error)
{
  static const GMarkupParser markup = { start_element, end_element, text, NULL, NULL };
  g_autoptr(OtasukePolicy) policy = policy_new_empty ();
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  Parser parser = { .policy = policy, .text = buffer };
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  context = g_markup_parse_context_new (&markup, G_MARKUP_TREAT_CDATA_AS_TEXT, &parser, NULL);
  if (!g_markup_parse_context_parse (context, data, size, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy template is damaged (%s)."), local_error->message);
      return NULL;
    }
  if (policy->sections->len == 0 || policy->title[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The policy template has no sections."));
      return NULL;
    }
  return g_steal_pointer (&policy);
}

OtasukePolicy *
otasuke_policy_new_from_template (GError **error)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (OTASUKE_POLICY_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (bytes == NULL)
    return NULL;
  return otasuke_policy_new_from_bytes (bytes, error);
}

/* JSON, for the store */

char *
otasuke_policy_to_json (const OtasukePolicy *policy)
{
  g_autoptr(json_t) root = json_object ();
  json_t *sections;

  g_return_val_if_fail (policy != NULL, NULL);

  otasuke_json_set_int (root, "version", 1);
  otasuke_json_set_string (root, "template_version", policy->template_version);
  otasuke_json_set_string (root, "title", policy->title);
  otasuke_json_set_string (root, "company_name", policy->company_name);
  otasuke_json_set_string (root, "representative", policy->representative);
  otasuke_json_set_string (root, "enacted_on", policy->enacted_on);
  otasuke_json_set_string (root, "preamble", policy->preamble);
  otasuke_json_set_string (root, "published_where", policy->published_where);
  sections = otasuke_json_set (root, "sections", json_array ());
  for (guint i = 0; i < policy->sections->len; i++)
    {
      const OtasukePolicySection *s = g_ptr_array_index (policy->sections, i);
      json_t *entry = json_object ();

      json_array_append_new (sections, entry);
      otasuke_json_set_string (entry, "id", s->id);
      otasuke_json_set_string (entry, "heading", s->heading);
      otasuke_json_set_string (entry, "body", s->body);
    }
  return otasuke_json_to_string (root, FALSE);
}

gboolean
otasuke_policy_fields_from_json (OtasukePolicy  *policy,
                                 const char     *json,
                                 GError        **error)
{
  g_autoptr(json_t) root = NULL;
  json_t *sections;
  struct {
    const char *name;
    char **slot;
  } fields[] = {
    { "template_version", &policy->template_version },
    { "title", &policy->title },
    { "company_name", &policy->company_name },
    { "representative", &policy->representative },
    { "enacted_on", &policy->enacted_on },
    { "preamble", &policy->preamble },
    { "published_where", &policy->published_where },
  };

  g_return_val_if_fail (policy != NULL && json != NULL, FALSE);

  if (strlen (json) > MAX_POLICY_BYTES)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved policy draft is too large to open."));
      return FALSE;
    }
  root = otasuke_json_load (json, -1, error);
  if (root == NULL)
    return FALSE;
  if (!json_is_object (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved policy draft is not readable."));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    otasuke_policy_set_text (fields[i].slot, otasuke_json_get_string (root, fields[i].name));

  g_ptr_array_set_size (policy->sections, 0);
  sections = otasuke_json_get_array (root, "sections");
  for (guint i = 0; i < json_array_size (sections) && policy->sections->len < MAX_SECTIONS; i++)
    {
      json_t *entry = json_array_get (sections, i);
      OtasukePolicySection *s;

      if (!json_is_object (entry))
        continue;
      s = section_new (NULL, NULL, NULL);
      otasuke_policy_set_text (&s->id, otasuke_json_get_string (entry, "id"));
      otasuke_policy_set_text (&s->heading, otasuke_json_get_string (entry, "heading"));
      otasuke_policy_set_text (&s->body, otasuke_json_get_string (entry, "body"));
      g_ptr_array_add (policy->sections, s);
    }
  return TRUE;
}
