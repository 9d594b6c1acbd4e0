/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-checklist"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "otasuke-checklist.h"
#include "otasuke-text.h"

struct _OtasukeChecklist
{
  gatomicrefcount  ref_count;
  char            *version;
  GStringChunk    *strings;   /* every text, translated */
  GPtrArray       *sections;  /* OtasukeChecklistSection* */
  GPtrArray       *items;     /* OtasukeChecklistItem*, wizard order */
  GHashTable      *by_id;     /* id → OtasukeChecklistItem* */
  GPtrArray       *terms;     /* OtasukeGlossaryTerm*, in the file's order */
};

G_DEFINE_QUARK (otasuke-checklist-error-quark, otasuke_checklist_error)

static const char * const evidence_names[] = {
  [OTASUKE_EVIDENCE_NONE] = "none",
  [OTASUKE_EVIDENCE_BROWSERS] = "browsers",
  [OTASUKE_EVIDENCE_OS_SUPPORT] = "os-support",
  [OTASUKE_EVIDENCE_ANTIVIRUS] = "antivirus",
  [OTASUKE_EVIDENCE_FIREWALL] = "firewall",
  [OTASUKE_EVIDENCE_OFFICE_MACROS] = "office-macros",
  [OTASUKE_EVIDENCE_SCREEN_LOCK] = "screen-lock",
  [OTASUKE_EVIDENCE_ROUTER] = "router",
  [OTASUKE_EVIDENCE_BACKUP] = "backup",
  [OTASUKE_EVIDENCE_WEBSITE] = "website",
  [OTASUKE_EVIDENCE_MAIL_DOMAIN] = "mail-domain",
};

static const char * const answer_names[] = {
  [OTASUKE_ANSWER_NONE] = NULL,
  [OTASUKE_ANSWER_DONE] = "done",
  [OTASUKE_ANSWER_PARTLY] = "partly",
  [OTASUKE_ANSWER_NOT_DONE] = "not-done",
  [OTASUKE_ANSWER_DONT_KNOW] = "dont-know",
  [OTASUKE_ANSWER_NOT_APPLICABLE] = "not-applicable",
};

static void
item_free (OtasukeChecklistItem *item)
{
  /* The strings live in the checklist's chunk; only the array is ours. */
  g_free ((gpointer) item->steps);
  g_free ((gpointer) item->step_unless);
  g_free ((gpointer) item->terms);
  g_free (item);
}

static void
checklist_free (OtasukeChecklist *self)
{
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->terms, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->version);
  g_free (self);
}

OtasukeChecklist *
otasuke_checklist_ref (OtasukeChecklist *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
otasuke_checklist_unref (OtasukeChecklist *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    checklist_free (self);
}

/* Parsing */

typedef enum {
  TEXT_NONE,
  TEXT_TITLE,
  TEXT_QUESTION,
  TEXT_WHY,
  TEXT_STEP,
  TEXT_NOT_APPLICABLE,
  TEXT_TASK,
  TEXT_TERM_NAME,
  TEXT_TERM_EXPLANATION,
} TextKind;

static const char * const entered_names[] = { "router-model", "website", "mail-domain" };

typedef struct {
  OtasukeChecklist        *checklist;
  gboolean                 seen_root;
  OtasukeChecklistSection *section;   /* the open <section>, or NULL */
  OtasukeChecklistItem    *item;      /* the open <item>, or NULL */
  GPtrArray               *steps;     /* of the open item (const char*) */
  GArray                  *step_unless; /* of the open item (guint, OtasukeEntered) */
  guint                    unless;    /* of the open <step> */
  OtasukeGlossaryTerm     *term;      /* the open <term>, or NULL */
  TextKind                 text_kind;
  GString                 *text;
  GHashTable              *ipa_seen;  /* IPA numbers already used */
} Parser;

static gboolean G_GNUC_PRINTF (3, 4)
set_invalid (GMarkupParseContext  *context,
             GError              **error,
             const char           *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;
  int line = 0;
  int column = 0;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_markup_parse_context_get_position (context, &line, &column);
  g_set_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_INVALID,
               "line %d: %s", line, message);
  return FALSE;
}

static gboolean
is_valid_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static const char *
intern_translated (Parser     *parser,
                   const char *text)
{
  g_autofree char *msgid = otasuke_text_collapse_whitespace (text);

  return g_string_chunk_insert (parser->checklist->strings, g_dgettext (GETTEXT_PACKAGE, msgid));
}

static gboolean
parse_uint_attribute (GMarkupParseContext  *context,
                      const char           *name,
                      const char           *value,
                      guint                 min,
                      guint                 max,
                      guint                *out,
                      GError              **error)
{
  guint64 number;

  if (value == NULL)
    {
      *out = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    return set_invalid (context, error, "%s=\"%s\" must be a number from %u to %u",
                        name, value, min, max);
  *out = (guint) number;
  return TRUE;
}

static gboolean
start_item (GMarkupParseContext  *context,
            Parser               *parser,
            const char          **names,
            const char          **values,
            GError              **error)
{
  const char *id = NULL;
  const char *ipa = NULL;
  const char *part = NULL;
  const char *evidence = NULL;
  const char *terms = NULL;
  g_autofree OtasukeChecklistItem *item = NULL;
  guint i;

  if (!g_markup_collect_attributes ("item", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "ipa", &ipa,
                                    G_MARKUP_COLLECT_STRING, "part", &part,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "evidence", &evidence,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "terms", &terms,
                                    G_MARKUP_COLLECT_INVALID))
    return FALSE;

  if (parser->checklist->items->len >= OTASUKE_CHECKLIST_MAX_ITEMS)
    {
      g_set_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_TOO_LARGE,
                   "more than %d items", OTASUKE_CHECKLIST_MAX_ITEMS);
      return FALSE;
    }
  if (!is_valid_id (id))
    return set_invalid (context, error, "item id \"%s\" is not lower-case letters, digits and dashes", id);
  if (g_hash_table_contains (parser->checklist->by_id, id))
    return set_invalid (context, error, "item id \"%s\" is used twice", id);

  item = g_new0 (OtasukeChecklistItem, 1);
  item->id = g_string_chunk_insert (parser->checklist->strings, id);
  item->section = parser->section->id;

  if (!parse_uint_attribute (context, "ipa", ipa, 1, OTASUKE_CHECKLIST_N_IPA_ITEMS,
                             &item->ipa_number, error) ||
      !parse_uint_attribute (context, "part", part, 1, 3, &item->part, error))
    return FALSE;
  if (item->ipa_number != 0)
    {
      if (g_hash_table_contains (parser->ipa_seen, GUINT_TO_POINTER (item->ipa_number)))
        return set_invalid (context, error, "IPA question %u is used twice", item->ipa_number);
      g_hash_table_add (parser->ipa_seen, GUINT_TO_POINTER (item->ipa_number));
    }

  item->evidence = OTASUKE_EVIDENCE_NONE;
  if (evidence != NULL)
    {
      for (i = 0; i < G_N_ELEMENTS (evidence_names); i++)
        if (g_str_equal (evidence, evidence_names[i]))
          break;
      if (i == G_N_ELEMENTS (evidence_names))
        return set_invalid (context, error, "unknown evidence \"%s\"", evidence);
      item->evidence = (OtasukeEvidenceKind) i;
    }

  {
    g_auto(GStrv) ids = g_strsplit (terms != NULL ? terms : "", " ", -1);
    GPtrArray *list = g_ptr_array_new ();

    for (i = 0; ids[i] != NULL; i++)
      {
        if (*ids[i] == '\0')
          continue;
        if (!is_valid_id (ids[i]) || list->len >= OTASUKE_CHECKLIST_MAX_TERMS)
          {
            g_ptr_array_free (list, TRUE);
            return set_invalid (context, error, "item %s: bad or too many terms", id);
          }
        g_ptr_array_add (list, g_string_chunk_insert (parser->checklist->strings, ids[i]));
      }
    g_ptr_array_add (list, NULL);
    item->terms = (const char * const *) g_ptr_array_free (list, FALSE);
  }

  parser->item = g_steal_pointer (&item);
  parser->steps = g_ptr_array_new ();
  parser->step_unless = g_array_new (FALSE, TRUE, sizeof (guint));
  return TRUE;
}

static gboolean
start_text (GMarkupParseContext  *context,
            Parser               *parser,
            const char           *element,
            const char          **names,
            const char          **values,
            TextKind              kind,
            GError              **error)
{
  const char *unless = NULL;

  if (kind == TEXT_STEP)
    {
      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "unless", &unless,
                                        G_MARKUP_COLLECT_INVALID))
        return FALSE;
    }
  else if (!g_markup_collect_attributes (element, names, values, error,
                                         G_MARKUP_COLLECT_INVALID, NULL))
    return FALSE;

  parser->unless = 0;
  if (unless != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (entered_names); i++)
        if (g_str_equal (unless, entered_names[i]))
          break;
      if (i == G_N_ELEMENTS (entered_names))
        return set_invalid (context, error, "unknown unless=\"%s\"", unless);
      parser->unless = 1u << i;
    }

  if (kind == TEXT_STEP && parser->steps->len >= OTASUKE_CHECKLIST_MAX_STEPS)
    {
      g_set_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_TOO_LARGE,
                   "item %s has more than %d steps", parser->item->id, OTASUKE_CHECKLIST_MAX_STEPS);
      return FALSE;
    }
  if ((kind == TEXT_QUESTION && parser->item->question != NULL) ||
      (kind == TEXT_WHY && parser->item->why != NULL) ||
      (kind == TEXT_NOT_APPLICABLE && parser->item->not_applicable_label != NULL) ||
      (kind == TEXT_TASK && parser->item->task != NULL) ||
      (kind == TEXT_TERM_NAME && parser->term->name != NULL) ||
      (kind == TEXT_TERM_EXPLANATION && parser->term->explanation != NULL))
    return set_invalid (context, error, "%s has <%s> twice",
                        parser->item != NULL ? parser->item->id : parser->term->id, element);

  parser->text_kind = kind;
  g_string_truncate (parser->text, 0);
  return TRUE;
}

static void
parser_start_element (GMarkupParseContext  *context,
                      const char           *element,
                      const char          **names,
                      const char          **values,
                      gpointer              user_data,
                      GError              **error)
{
  Parser *parser = user_data;

  if (parser->text_kind != TEXT_NONE)
    {
      set_invalid (context, error, "<%s> inside a text", element);
      return;
    }

  if (!parser->seen_root)
    {
      const char *version = NULL;

      if (!g_str_equal (element, "checklist"))
        {
          set_invalid (context, error, "the root element is <%s>, not <checklist>", element);
          return;
        }
      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "version", &version,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (*version == '\0' || strlen (version) > 32)
        {
          set_invalid (context, error, "the version is empty or too long");
          return;
        }
      parser->checklist->version = g_strdup (version);
      parser->seen_root = TRUE;
    }
  else if (parser->section == NULL && g_str_equal (element, "section"))
    {
      const char *id = NULL;
      OtasukeChecklistSection *section;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (parser->checklist->sections->len >= OTASUKE_CHECKLIST_MAX_SECTIONS)
        {
          g_set_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_TOO_LARGE,
                       "more than %d sections", OTASUKE_CHECKLIST_MAX_SECTIONS);
          return;
        }
      if (!is_valid_id (id))
        {
          set_invalid (context, error, "section id \"%s\" is not lower-case letters, digits and dashes", id);
          return;
        }
      if (otasuke_checklist_lookup_section (parser->checklist, id) != NULL)
        {
          set_invalid (context, error, "section id \"%s\" is used twice", id);
          return;
        }
      section = g_new0 (OtasukeChecklistSection, 1);
      section->id = g_string_chunk_insert (parser->checklist->strings, id);
      g_ptr_array_add (parser->checklist->sections, section);
      parser->section = section;
    }
  else if (parser->section != NULL && parser->item == NULL && g_str_equal (element, "title"))
    {
      if (parser->section->title != NULL)
        set_invalid (context, error, "section %s has two titles", parser->section->id);
      else
        start_text (context, parser, element, names, values, TEXT_TITLE, error);
    }
  else if (parser->section != NULL && parser->item == NULL && g_str_equal (element, "item"))
    start_item (context, parser, names, values, error);
  else if (parser->item != NULL && g_str_equal (element, "question"))
    start_text (context, parser, element, names, values, TEXT_QUESTION, error);
  else if (parser->item != NULL && g_str_equal (element, "why"))
    start_text (context, parser, element, names, values, TEXT_WHY, error);
  else if (parser->item != NULL && g_str_equal (element, "step"))
    start_text (context, parser, element, names, values, TEXT_STEP, error);
  else if (parser->item != NULL && g_str_equal (element, "not-applicable"))
    start_text (context, parser, element, names, values, TEXT_NOT_APPLICABLE, error);
  else if (parser->item != NULL && g_str_equal (element, "task"))
    start_text (context, parser, element, names, values, TEXT_TASK, error);
  else if (parser->section == NULL && parser->term == NULL && g_str_equal (element, "term"))
    {
      const char *id = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (!is_valid_id (id) || otasuke_checklist_lookup_term (parser->checklist, id) != NULL)
        {
          set_invalid (context, error, "term id \"%s\" is not valid or used twice", id);
          return;
        }
      if (parser->checklist->terms->len >= OTASUKE_CHECKLIST_MAX_ITEMS)
        {
          g_set_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_TOO_LARGE,
                       "more than %d terms", OTASUKE_CHECKLIST_MAX_ITEMS);
          return;
        }
      parser->term = g_new0 (OtasukeGlossaryTerm, 1);
      parser->term->id = g_string_chunk_insert (parser->checklist->strings, id);
      g_ptr_array_add (parser->checklist->terms, parser->term);
    }
  else if (parser->term != NULL && g_str_equal (element, "name"))
    start_text (context, parser, element, names, values, TEXT_TERM_NAME, error);
  else if (parser->term != NULL && g_str_equal (element, "explanation"))
    start_text (context, parser, element, names, values, TEXT_TERM_EXPLANATION, error);
  else
    set_invalid (context, error, "unexpected element <%s>", element);
}

static gboolean
end_text (GMarkupParseContext  *context,
          Parser               *parser,
          const char           *element,
          GError              **error)
{
  g_autofree char *normalized = otasuke_text_collapse_whitespace (parser->text->str);
  const char *text;

  if (*normalized == '\0')
    return set_invalid (context, error, "<%s> is empty", element);

  text = intern_translated (parser, normalized);
  switch (parser->text_kind)
    {
    case TEXT_TITLE:
      parser->section->title = text;
      break;
    case TEXT_QUESTION:
      parser->item->question = text;
      break;
    case TEXT_WHY:
      parser->item->why = text;
      break;
    case TEXT_STEP:
      g_ptr_array_add (parser->steps, (gpointer) text);
      g_array_append_val (parser->step_unless, parser->unless);
      break;
    case TEXT_NOT_APPLICABLE:
      parser->item->not_applicable_label = text;
      break;
    case TEXT_TASK:
      parser->item->task = text;
      break;
    case TEXT_TERM_NAME:
      parser->term->name = text;
      break;
    case TEXT_TERM_EXPLANATION:
      parser->term->explanation = text;
      break;
    case TEXT_NONE:
    default:
      g_assert_not_reached ();
    }

  parser->text_kind = TEXT_NONE;
  return TRUE;
}

static gboolean
end_item (GMarkupParseContext  *context,
          Parser               *parser,
          GError              **error)
{
  OtasukeChecklistItem *item = parser->item;

  if (item->question == NULL || item->why == NULL)
    return set_invalid (context, error, "item %s needs a <question> and a <why>", item->id);
  if (parser->steps->len == 0)
    return set_invalid (context, error, "item %s has no <step>", item->id);

  g_ptr_array_add (parser->steps, NULL);
  item->steps = (const char * const *) g_ptr_array_free (g_steal_pointer (&parser->steps), FALSE);
  item->step_unless = (const guint *) g_array_free (g_steal_pointer (&parser->step_unless), FALSE);
  /* Without its own task, the item reads as its question. */
  if (item->task == NULL)
    item->task = item->question;

  g_ptr_array_add (parser->checklist->items, item);
  g_hash_table_insert (parser->checklist->by_id, (gpointer) item->id, item);
  parser->item = NULL;
  return TRUE;
}

static void
parser_end_element (GMarkupParseContext  *context,
                    const char           *element,
                    gpointer              user_data,
                    GError              **error)
{
  Parser *parser = user_data;

  if (parser->text_kind != TEXT_NONE)
    end_text (context, parser, element, error);
  else if (parser->item != NULL)
    end_item (context, parser, error);
  else if (parser->term != NULL)
    {
      if (parser->term->name == NULL || parser->term->explanation == NULL)
        set_invalid (context, error, "term %s needs a <name> and an <explanation>", parser->term->id);
      parser->term = NULL;
    }
  else if (parser->section != NULL)
    {
      if (parser->section->title == NULL)
        set_invalid (context, error, "section %s has no <title>", parser->section->id);
      parser->section = NULL;
    }
}

static void
parser_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 len,
             gpointer              user_data,
             GError              **error)
{
  Parser *parser = user_data;

  if (parser->text_kind == TEXT_NONE)
    {
      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isspace (text[i]))
          {
            set_invalid (context, error, "text outside a text element");
            return;
          }
      return;
    }

  if (parser->text->len + len > OTASUKE_CHECKLIST_MAX_TEXT)
    {
      g_set_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_TOO_LARGE,
                   "a text is longer than %d bytes", OTASUKE_CHECKLIST_MAX_TEXT);
      return;
    }
  g_string_append_len (parser->text, text, (gssize) len);
}

static const GMarkupParser markup_parser = {
  parser_start_element,
  parser_end_element,
  parser_text,
  NULL,
  NULL,
};

/**
 * otasuke_checklist_new_from_bytes:
 *
 * Parses and validates a checklist document and translates its texts in the
 * current locale.
 *
 * Returns: (transfer full): the checklist, or %NULL with @error set
 */
OtasukeChecklist *
otasuke_checklist_new_from_bytes (GBytes  *bytes,
                                  GError **error)
{
  g_autoptr(OtasukeChecklist) checklist = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GHashTable) ipa_seen = NULL;
  g_autoptr(GError) local_error = NULL;
  Parser parser = { 0 };
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len > OTASUKE_CHECKLIST_MAX_BYTES)
    {
      g_set_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_TOO_LARGE,
                   "the checklist is larger than %d bytes", OTASUKE_CHECKLIST_MAX_BYTES);
      return NULL;
    }

  checklist = g_new0 (OtasukeChecklist, 1);
  g_atomic_ref_count_init (&checklist->ref_count);
  checklist->strings = g_string_chunk_new (4096);
  checklist->sections = g_ptr_array_new_with_free_func (g_free);
  checklist->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  checklist->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  checklist->terms = g_ptr_array_new_with_free_func (g_free);

  text = g_string_new (NULL);
  ipa_seen = g_hash_table_new (NULL, NULL);
  parser.checklist = checklist;
  parser.text = text;
  parser.ipa_seen = ipa_seen;

  context = g_markup_parse_context_new (&markup_parser, G_MARKUP_PREFIX_ERROR_POSITION,
                                        &parser, NULL);
  if (!g_markup_parse_context_parse (context, data != NULL ? data : "", (gssize) len, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      /* An item still open when parsing stopped is not in the checklist yet. */
      if (parser.item != NULL)
        item_free (parser.item);
      g_clear_pointer (&parser.steps, g_ptr_array_unref);
      if (parser.step_unless != NULL)
        g_array_free (parser.step_unless, TRUE);

      /* Wrong or missing attributes are well-formed XML, but not a checklist. */
      if (g_error_matches (local_error, G_MARKUP_ERROR, G_MARKUP_ERROR_MISSING_ATTRIBUTE) ||
          g_error_matches (local_error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ATTRIBUTE) ||
          g_error_matches (local_error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT))
        g_set_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_INVALID,
                     "%s", local_error->message);
      else if (local_error->domain == G_MARKUP_ERROR)
        g_set_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_SYNTAX,
                     "%s", local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (checklist->items->len == 0)
    {
      g_set_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_INVALID,
                   "the checklist has no items");
      return NULL;
    }
  for (guint i = 0; i < checklist->items->len; i++)
    {
      const OtasukeChecklistItem *item = g_ptr_array_index (checklist->items, i);

      for (guint j = 0; item->terms[j] != NULL; j++)
        if (otasuke_checklist_lookup_term (checklist, item->terms[j]) == NULL)
          {
            g_set_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_INVALID,
                         "item %s names the term \"%s\", which the glossary does not explain",
                         item->id, item->terms[j]);
            return NULL;
          }
    }

  return g_steal_pointer (&checklist);
}

/**
 * otasuke_checklist_new_from_resource:
 *
 * Returns: (transfer full): the bundled checklist, or %NULL with @error set
 */
OtasukeChecklist *
otasuke_checklist_new_from_resource (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resources_lookup_data (OTASUKE_CHECKLIST_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return otasuke_checklist_new_from_bytes (bytes, error);
}

/* Accessors */

const char *
otasuke_checklist_get_version (OtasukeChecklist *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->version;
}

guint
otasuke_checklist_get_n_items (OtasukeChecklist *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

const OtasukeChecklistItem *
otasuke_checklist_get_item (OtasukeChecklist *self,
                            guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return g_ptr_array_index (self->items, index);
}

const OtasukeChecklistItem *
otasuke_checklist_lookup (OtasukeChecklist *self,
                          const char       *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

const OtasukeChecklistItem *
otasuke_checklist_lookup_ipa (OtasukeChecklist *self,
                              guint             number)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; number != 0 && i < self->items->len; i++)
    {
      const OtasukeChecklistItem *item = g_ptr_array_index (self->items, i);

      if (item->ipa_number == number)
        return item;
    }
  return NULL;
}

guint
otasuke_checklist_get_n_sections (OtasukeChecklist *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->sections->len;
}

const OtasukeChecklistSection *
otasuke_checklist_get_section (OtasukeChecklist *self,
                               guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->sections->len, NULL);

  return g_ptr_array_index (self->sections, index);
}

const OtasukeChecklistSection *
otasuke_checklist_lookup_section (OtasukeChecklist *self,
                                  const char       *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; id != NULL && i < self->sections->len; i++)
    {
      const OtasukeChecklistSection *section = g_ptr_array_index (self->sections, i);

      if (g_str_equal (section->id, id))
        return section;
    }
  return NULL;
}

/**
 * otasuke_checklist_get_section_items:
 *
 * Returns: (transfer container): the items of section @id, in order
 */
GPtrArray *
otasuke_checklist_get_section_items (OtasukeChecklist *self,
                                     const char       *id)
{
  GPtrArray *items;

  g_return_val_if_fail (self != NULL, NULL);

  items = g_ptr_array_new ();
  for (guint i = 0; id != NULL && i < self->items->len; i++)
    {
      OtasukeChecklistItem *item = g_ptr_array_index (self->items, i);

      if (g_str_equal (item->section, id))
        g_ptr_array_add (items, item);
    }
  return items;
}

/* Answers */

const char *
otasuke_answer_to_string (OtasukeAnswer answer)
{
  if ((guint) answer >= G_N_ELEMENTS (answer_names))
    return NULL;
  return answer_names[answer];
}

OtasukeAnswer
otasuke_answer_from_string (const char *text)
{
  for (guint i = 1; text != NULL && i < G_N_ELEMENTS (answer_names); i++)
    if (g_str_equal (text, answer_names[i]))
      return (OtasukeAnswer) i;
  return OTASUKE_ANSWER_NONE;
}

const char *
otasuke_answer_get_label (OtasukeAnswer answer)
{
  switch (answer)
    {
    case OTASUKE_ANSWER_DONE:
      /* Translators: an answer in the check wizard (IPA: 実施している) */
      return C_("answer", "Done");
    case OTASUKE_ANSWER_PARTLY:
      /* Translators: an answer in the check wizard (IPA: 一部実施している) */
      return C_("answer", "Partly");
    case OTASUKE_ANSWER_NOT_DONE:
      /* Translators: an answer in the check wizard (IPA: 実施していない) */
      return C_("answer", "Not done");
    case OTASUKE_ANSWER_DONT_KNOW:
      /* Translators: an answer in the check wizard (IPA: わからない) */
      return C_("answer", "Don’t know");
    case OTASUKE_ANSWER_NOT_APPLICABLE:
      /* Translators: an answer in the check wizard */
      return C_("answer", "Does not apply");
    case OTASUKE_ANSWER_NONE:
    default:
      /* Translators: a check not answered yet */
      return C_("answer", "Not answered");
    }
}

int
otasuke_answer_get_points (OtasukeAnswer answer)
{
  switch (answer)
    {
    case OTASUKE_ANSWER_DONE:
      return 4;
    case OTASUKE_ANSWER_PARTLY:
      return 2;
    case OTASUKE_ANSWER_DONT_KNOW:
      return -1;
    case OTASUKE_ANSWER_NOT_DONE:
    case OTASUKE_ANSWER_NONE:
    case OTASUKE_ANSWER_NOT_APPLICABLE:
    default:
      return 0;
    }
}

const char *
otasuke_evidence_kind_to_string (OtasukeEvidenceKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (evidence_names))
    return NULL;
  return evidence_names[kind];
}

/* The glossary */

guint
otasuke_checklist_get_n_terms (OtasukeChecklist *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->terms->len;
}

const OtasukeGlossaryTerm *
otasuke_checklist_get_term (OtasukeChecklist *self,
                            guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->terms->len, NULL);
  return g_ptr_array_index (self->terms, index);
}

const OtasukeGlossaryTerm *
otasuke_checklist_lookup_term (OtasukeChecklist *self,
                               const char       *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; id != NULL && i < self->terms->len; i++)
    {
      const OtasukeGlossaryTerm *term = g_ptr_array_index (self->terms, i);

      if (g_str_equal (term->id, id))
        return term;
    }
  return NULL;
}

const char **
otasuke_checklist_item_get_steps (const OtasukeChecklistItem *item,
                                  OtasukeEntered              entered)
{
  GPtrArray *steps;

  g_return_val_if_fail (item != NULL, NULL);

  steps = g_ptr_array_new ();
  for (guint i = 0; item->steps[i] != NULL; i++)
    {
      guint unless = item->step_unless != NULL ? item->step_unless[i] : 0;

      if (unless != 0 && (unless & entered) == unless)
        continue;
      g_ptr_array_add (steps, (gpointer) item->steps[i]);
    }
  g_ptr_array_add (steps, NULL);
  return (const char **) g_ptr_array_free (steps, FALSE);
}
