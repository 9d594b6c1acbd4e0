/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-appdata"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "otasuke-appdata.h"

G_DEFINE_QUARK (otasuke-appdata-error-quark, otasuke_appdata_error)

typedef enum {
  NOTES_NONE,
  NOTES_DESCRIPTION,   /* directly inside the first release's <description> */
  NOTES_LIST,          /* inside <ul> or <ol> */
  NOTES_BLOCK,         /* inside <p> or <li> */
} NotesState;

typedef struct {
  OtasukeAppdata *appdata;
  GPtrArray      *stack;
  /* Depth of nesting below an element whose content is ignored: a
   * translation (xml:lang) or markup AdwAboutWindow cannot show. */
  guint           skip_depth;

  char          **target;
  guint           target_depth;
  GString        *text;

  gboolean        seen_release;
  gboolean        in_first_release;
  NotesState      notes_state;
  GString        *notes;
  GString        *block;
  const char     *list_tag;
} ParseState;

static void
parse_state_clear (ParseState *state)
{
  g_clear_pointer (&state->stack, g_ptr_array_unref);
  if (state->text != NULL)
    g_string_free (state->text, TRUE);
  if (state->notes != NULL)
    g_string_free (state->notes, TRUE);
  if (state->block != NULL)
    g_string_free (state->block, TRUE);
}

/* XML whitespace rules as AppStream applies them: runs collapse to one space,
 * none at either end. */
static char *
collapse_whitespace (const char *text)
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

static gboolean path_is (ParseState *state,
                         ...) G_GNUC_NULL_TERMINATED;

/* Matches the open elements against a NULL-terminated list of names. */
static gboolean
path_is (ParseState *state,
         ...)
{
  va_list args;
  const char *name;
  guint i = 0;
  gboolean matches = TRUE;

  va_start (args, state);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      if (i >= state->stack->len || g_strcmp0 (g_ptr_array_index (state->stack, i), name) != 0)
        {
          matches = FALSE;
          break;
        }
      i++;
    }
  va_end (args);

  return matches && i == state->stack->len;
}

static const char *
lookup_attribute (const char  *name,
                  const char **attribute_names,
                  const char **attribute_values)
{
  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      if (g_strcmp0 (attribute_names[i], name) == 0)
        return attribute_values[i];
    }

  return NULL;
}

static gboolean
is_translation (const char **attribute_names,
                const char **attribute_values)
{
  const char *lang = lookup_attribute ("xml:lang", attribute_names, attribute_values);

  return lang != NULL && *lang != '\0' && g_strcmp0 (lang, "C") != 0;
}

static void
start_collecting (ParseState  *state,
                  char       **target)
{
  if (*target != NULL)
    return;

  state->target = target;
  state->target_depth = state->stack->len;
  g_string_truncate (state->text, 0);
}

static void
set_release_attributes (ParseState  *state,
                        const char **attribute_names,
                        const char **attribute_values)
{
  OtasukeAppdata *appdata = state->appdata;
  const char *version = lookup_attribute ("version", attribute_names, attribute_values);
  const char *date = lookup_attribute ("date", attribute_names, attribute_values);
  const char *timestamp = lookup_attribute ("timestamp", attribute_names, attribute_values);

  appdata->release_version = g_strdup (version);

  if (date != NULL)
    {
      appdata->release_date = g_strdup (date);
    }
  else if (timestamp != NULL)
    {
      guint64 seconds;

      if (g_ascii_string_to_unsigned (timestamp, 10, 0, G_MAXINT64, &seconds, NULL))
        {
          g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) seconds);

          if (dt != NULL)
            appdata->release_date = g_date_time_format (dt, "%Y-%m-%d");
        }
    }
}

/* Returns FALSE when the element (and all it contains) is to be ignored. */
static gboolean
start_notes_element (ParseState *state,
                     const char *element_name)
{
  switch (state->notes_state)
    {
    case NOTES_DESCRIPTION:
      if (g_str_equal (element_name, "p"))
        {
          state->notes_state = NOTES_BLOCK;
          g_string_truncate (state->block, 0);
          return TRUE;
        }
      if (g_str_equal (element_name, "ul") || g_str_equal (element_name, "ol"))
        {
          state->notes_state = NOTES_LIST;
          state->list_tag = g_str_equal (element_name, "ul") ? "ul" : "ol";
          g_string_append_printf (state->notes, "<%s>\n", state->list_tag);
          return TRUE;
        }
      return FALSE;

    case NOTES_LIST:
      if (g_str_equal (element_name, "li"))
        {
          state->notes_state = NOTES_BLOCK;
          g_string_truncate (state->block, 0);
          return TRUE;
        }
      return FALSE;

    case NOTES_BLOCK:
      if (g_str_equal (element_name, "em") || g_str_equal (element_name, "code"))
        {
          g_string_append_printf (state->block, "<%s>", element_name);
          return TRUE;
        }
      return FALSE;

    case NOTES_NONE:
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static void
end_notes_element (ParseState *state,
                   const char *element_name)
{
  switch (state->notes_state)
    {
    case NOTES_BLOCK:
      if (g_str_equal (element_name, "em") || g_str_equal (element_name, "code"))
        {
          g_string_append_printf (state->block, "</%s>", element_name);
        }
      else
        {
          g_autofree char *text = collapse_whitespace (state->block->str);
          gboolean is_item = g_str_equal (element_name, "li");

          if (*text != '\0')
            g_string_append_printf (state->notes, "<%s>%s</%s>\n",
                                    element_name, text, element_name);
          state->notes_state = is_item ? NOTES_LIST : NOTES_DESCRIPTION;
        }
      break;

    case NOTES_LIST:
      g_string_append_printf (state->notes, "</%s>\n", state->list_tag);
      state->notes_state = NOTES_DESCRIPTION;
      break;

    case NOTES_DESCRIPTION:
      /* The end of <description> itself. */
      while (state->notes->len > 0 && state->notes->str[state->notes->len - 1] == '\n')
        g_string_truncate (state->notes, state->notes->len - 1);
      if (state->notes->len > 0 && state->appdata->release_notes == NULL)
        state->appdata->release_notes = g_strdup (state->notes->str);
      state->notes_state = NOTES_NONE;
      break;

    case NOTES_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
start_element_cb (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;
  OtasukeAppdata *appdata = state->appdata;

  if (state->stack->len == 0 && !g_str_equal (element_name, "component"))
    {
      g_set_error (error, OTASUKE_APPDATA_ERROR, OTASUKE_APPDATA_ERROR_INVALID,
                   _("The application data is not an AppStream component"));
      return;
    }

  if (state->skip_depth > 0 || is_translation (attribute_names, attribute_values))
    {
      state->skip_depth++;
      return;
    }

  if (state->notes_state != NOTES_NONE)
    {
      if (!start_notes_element (state, element_name))
        state->skip_depth++;
      else
        g_ptr_array_add (state->stack, g_strdup (element_name));
      return;
    }

  g_ptr_array_add (state->stack, g_strdup (element_name));

  if (state->target != NULL)
    return;

  if (path_is (state, "component", "id", NULL))
    start_collecting (state, &appdata->id);
  else if (path_is (state, "component", "name", NULL))
    start_collecting (state, &appdata->name);
  else if (path_is (state, "component", "summary", NULL))
    start_collecting (state, &appdata->summary);
  else if (path_is (state, "component", "developer_name", NULL) ||
           path_is (state, "component", "developer", "name", NULL))
    start_collecting (state, &appdata->developer_name);
  else if (path_is (state, "component", "project_license", NULL))
    start_collecting (state, &appdata->project_license);
  else if (path_is (state, "component", "url", NULL) &&
           g_strcmp0 (lookup_attribute ("type", attribute_names, attribute_values),
                      "homepage") == 0)
    start_collecting (state, &appdata->homepage);
  else if (path_is (state, "component", "releases", "release", NULL) && !state->seen_release)
    {
      /* Releases are listed newest first. */
      state->seen_release = TRUE;
      state->in_first_release = TRUE;
      set_release_attributes (state, attribute_names, attribute_values);
    }
  else if (state->in_first_release &&
           path_is (state, "component", "releases", "release", "description", NULL))
    {
      state->notes_state = NOTES_DESCRIPTION;
      g_string_truncate (state->notes, 0);
    }
}

static void
end_element_cb (GMarkupParseContext  *context,
             const char           *element_name,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;

  if (state->skip_depth > 0)
    {
      state->skip_depth--;
      return;
    }

  if (state->notes_state != NOTES_NONE)
    end_notes_element (state, element_name);

  if (state->target != NULL && state->stack->len == state->target_depth)
    {
      char *value = collapse_whitespace (state->text->str);

      if (*value != '\0')
        *state->target = value;
      else
        g_free (value);
      state->target = NULL;
    }

  if (path_is (state, "component", "releases", "release", NULL))
    state->in_first_release = FALSE;

  g_assert (state->stack->len > 0);
  g_ptr_array_set_size (state->stack, state->stack->len - 1);
}

static void
text_cb (GMarkupParseContext  *context,
      const char           *text_value,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  ParseState *state = user_data;

  if (state->skip_depth > 0)
    return;

  if (state->target != NULL)
    {
      g_string_append_len (state->text, text_value, text_len);
    }
  else if (state->notes_state == NOTES_BLOCK)
    {
      g_autofree char *escaped = g_markup_escape_text (text_value, text_len);

      g_string_append (state->block, escaped);
    }
}

static const GMarkupParser parser = {
  start_element_cb,
  end_element_cb,
  text_cb,
  NULL,
  NULL,
};

/**
 * otasuke_appdata_parse:
 * @data: the metainfo document
 * @len: the length of @data in bytes
 * @error: return location for an error
 *
 * Reads the untranslated values that AdwAboutWindow needs from an AppStream
 * metainfo document. Documents over %OTASUKE_APPDATA_MAX_SIZE are refused.
 *
 * Returns: (transfer full): the values, or %NULL with @error set
 */
OtasukeAppdata *
otasuke_appdata_parse (const char  *data,
                       gsize        len,
                       GError     **error)
{
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (OtasukeAppdata) appdata = NULL;
  ParseState state = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > OTASUKE_APPDATA_MAX_SIZE)
    {
      g_set_error (error, OTASUKE_APPDATA_ERROR, OTASUKE_APPDATA_ERROR_TOO_LARGE,
                   _("The application data is larger than 256 KiB"));
      return NULL;
    }

  appdata = g_new0 (OtasukeAppdata, 1);
  state.appdata = appdata;
  state.stack = g_ptr_array_new_with_free_func (g_free);
  state.text = g_string_new (NULL);
  state.notes = g_string_new (NULL);
  state.block = g_string_new (NULL);

  context = g_markup_parse_context_new (&parser,
                                        G_MARKUP_TREAT_CDATA_AS_TEXT |
                                        G_MARKUP_PREFIX_ERROR_POSITION,
                                        &state, NULL);
  ok = g_markup_parse_context_parse (context, data != NULL ? data : "", len, error) &&
       g_markup_parse_context_end_parse (context, error);
  parse_state_clear (&state);

  if (!ok)
    return NULL;

  return g_steal_pointer (&appdata);
}

void
otasuke_appdata_free (OtasukeAppdata *appdata)
{
  if (appdata == NULL)
    return;

  g_free (appdata->id);
  g_free (appdata->name);
  g_free (appdata->summary);
  g_free (appdata->developer_name);
  g_free (appdata->homepage);
  g_free (appdata->project_license);
  g_free (appdata->release_version);
  g_free (appdata->release_date);
  g_free (appdata->release_notes);
  g_free (appdata);
}
