/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include <cairo-pdf.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#include "otasuke-feed.h"
#include "otasuke-sheet-render.h"
#include "otasuke-store-advisories.h"
#include "otasuke-store-sheets.h"

/* The sheet is first turned into a flat list of blocks (headings, labelled
 * fields, timeline rows, paragraphs); the PDF and the plain text are two
 * readings of the same list, so they always say the same thing. */

#define MAX_SUMMARY_JSON_BYTES (256 * 1024)
#define MAX_SUMMARY_ITEMS      50
#define MAX_SUMMARY_TEXT       2048
#define BLANK_TIMELINE_ROWS    6

typedef enum {
  BLOCK_TITLE,
  BLOCK_SUBTITLE,
  BLOCK_HEADING,
  BLOCK_FIELD,      /* label (may be NULL: full width) and text; NULL text is a blank to fill in */
  BLOCK_TABLE_HEAD, /* the timeline's column titles: label and text */
  BLOCK_EVENT,      /* label is the time; both NULL for a blank row */
  BLOCK_PARAGRAPH,
  BLOCK_BULLET,
  BLOCK_CONTACT,    /* a desk's name, a small heading */
} BlockKind;

typedef struct {
  BlockKind kind;
  char *label;
  char *text;
  char *note;        /* small print under the text, e.g. "detected" */
  guint blank_lines; /* for a blank field */
} Block;

typedef struct {
  char *header_title;
  char *date;
  char *pdf_title;
  GPtrArray *blocks; /* of Block* */
} Doc;

static void
block_free (Block *block)
{
  g_free (block->label);
  g_free (block->text);
  g_free (block->note);
  g_free (block);
}

static void
doc_free (Doc *doc)
{
  g_free (doc->header_title);
  g_free (doc->date);
  g_free (doc->pdf_title);
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Doc, doc_free)

/* Text hygiene */

static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x200E || c == 0x200F || c == 0x061C;
}

char *
otasuke_sheet_sanitize_text (const char *text,
                             gboolean    multiline)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint newlines = 0;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' && p[1] == '\n')
        continue;

      if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)
        {
          if (!multiline)
            c = ' ';
          else if (++newlines > 2)
            continue;
          else
            {
              g_string_append_c (out, '\n');
              continue;
            }
        }

      if (c == '\t')
        c = ' ';

      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || is_bidi_control (c) ||
          c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB))
        continue;

      if (c != ' ')
        newlines = 0;
      g_string_append_unichar (out, c);
    }

  /* Leading and trailing blank space, ASCII or not. */
  while (out->len > 0)
    {
      char *last = g_utf8_find_prev_char (out->str, out->str + out->len);

      if (last == NULL || !g_unichar_isspace (g_utf8_get_char (last)))
        break;
      g_string_truncate (out, last - out->str);
    }
  {
    const char *start = out->str;

    while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
      start = g_utf8_next_char (start);
    g_string_erase (out, 0, start - out->str);
  }

  return g_string_free (out, FALSE);
}

/* A sanitized copy, NULL when nothing is left. */
static char *
clean_or_null (const char *text,
               gboolean    multiline)
{
  char *clean = otasuke_sheet_sanitize_text (text, multiline);

  if (clean[0] == '\0')
    g_clear_pointer (&clean, g_free);
  return clean;
}

static char *
format_date (gint64      unix_seconds,
             GDateTime  *now,
             gboolean    with_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = NULL;
  GTimeZone *tz = g_date_time_get_timezone (now);

  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_timezone (utc, tz);
  if (local == NULL)
    return g_strdup ("?");

  /* Translators: strftime formats for the consultation sheet, e.g. %Y年%-m月%-d日 %H:%M */
  return g_date_time_format (local, with_time ? C_("sheet date and time", "%Y-%m-%d %H:%M")
                                              : C_("sheet date", "%Y-%m-%d"));
}

/* Check summary */

OtasukeSheetCheckSummary *
otasuke_sheet_check_summary_new (void)
{
  OtasukeSheetCheckSummary *summary = g_new0 (OtasukeSheetCheckSummary, 1);

  summary->score = OTASUKE_SHEET_NO_SCORE;
  summary->findings = g_ptr_array_new_with_free_func (g_free);
  summary->browsers = g_ptr_array_new_with_free_func (g_free);
  return summary;
}

static void
copy_strings (GPtrArray *to,
              GPtrArray *from)
{
  for (guint i = 0; from != NULL && i < from->len; i++)
    g_ptr_array_add (to, g_strdup (g_ptr_array_index (from, i)));
}

OtasukeSheetCheckSummary *
otasuke_sheet_check_summary_copy (const OtasukeSheetCheckSummary *summary)
{
  OtasukeSheetCheckSummary *copy;

  g_return_val_if_fail (summary != NULL, NULL);

  copy = otasuke_sheet_check_summary_new ();
  copy->score = summary->score;
  copy->band = g_strdup (summary->band);
  copy->checked_at = summary->checked_at;
  copy->router = g_strdup (summary->router);
  copy_strings (copy->findings, summary->findings);
  copy_strings (copy->browsers, summary->browsers);
  return copy;
}

void
otasuke_sheet_check_summary_free (OtasukeSheetCheckSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->band);
  g_free (summary->router);
  g_clear_pointer (&summary->findings, g_ptr_array_unref);
  g_clear_pointer (&summary->browsers, g_ptr_array_unref);
  g_free (summary);
}

const char *
otasuke_sheet_score_band (int score)
{
  /* IPA's bands for the 25-question self-assessment. */
  if (score == 100)
    return _("Entry level reached");
  if (score >= 70 && score <= 99)
    return _("Some gaps remain");
  if (score >= 50 && score <= 69)
    return _("Not enough yet: fix the lowest items first");
  if (score >= -25 && score <= 49)
    return _("An incident could happen at any time: act now");
  return NULL;
}

static const char *
json_string_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
bounded_strdup (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  if (g_utf8_strlen (valid, -1) > MAX_SUMMARY_TEXT)
    return g_utf8_substring (valid, 0, MAX_SUMMARY_TEXT);
  return g_steal_pointer (&valid);
}

static void
read_string_list (JsonObject *object,
                  const char *name,
                  GPtrArray  *into)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array) && into->len < MAX_SUMMARY_ITEMS; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_ptr_array_add (into, bounded_strdup (json_node_get_string (element)));
      else if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *item = json_node_get_object (element);
          const char *item_name = json_string_member (item, "name");
          const char *version = json_string_member (item, "version");
          g_autofree char *joined = NULL;

          if (item_name == NULL)
            continue;
          joined = version != NULL ? g_strdup_printf ("%s %s", item_name, version) : g_strdup (item_name);
          g_ptr_array_add (into, bounded_strdup (joined));
        }
    }
}

OtasukeSheetCheckSummary *
otasuke_sheet_check_summary_from_json (const char  *json,
                                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(OtasukeSheetCheckSummary) summary = NULL;
  JsonObject *object;
  JsonNode *root;
  JsonNode *node;

  g_return_val_if_fail (json != NULL, NULL);

  if (strlen (json) > MAX_SUMMARY_JSON_BYTES)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The check summary is too large."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The check summary is not readable."));
      return NULL;
    }
  object = json_node_get_object (root);

  summary = otasuke_sheet_check_summary_new ();
  node = json_object_get_member (object, "score");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= -25 && json_node_get_int (node) <= 100)
    summary->score = (int) json_node_get_int (node);
  node = json_object_get_member (object, "checked_at");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) > 0)
    summary->checked_at = json_node_get_int (node);
  summary->band = bounded_strdup (json_string_member (object, "band"));
  summary->router = bounded_strdup (json_string_member (object, "router"));
  read_string_list (object, "findings", summary->findings);
  read_string_list (object, "browsers", summary->browsers);

  return g_steal_pointer (&summary);
}

/* Contacts */

static OtasukeFeedContact *
contact_new (const char *name,
             const char *phone,
             const char *hours,
             const char *email,
             const char *url,
             const char *notes)
{
  OtasukeFeedContact *contact = g_new0 (OtasukeFeedContact, 1);

  contact->name = g_strdup (name);
  contact->phone = g_strdup (phone);
  contact->hours = g_strdup (hours);
  contact->email = g_strdup (email);
  contact->url = g_strdup (url);
  contact->notes = g_strdup (notes);
  return contact;
}

/* Our own copies, freed by our own function: the feed's free function is private to it. */
static void
contact_free (OtasukeFeedContact *contact)
{
  g_free (contact->name);
  g_free (contact->phone);
  g_free (contact->hours);
  g_free (contact->email);
  g_free (contact->url);
  g_free (contact->notes);
  g_free (contact);
}

static GPtrArray *
copy_contacts (GPtrArray *contacts)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) contact_free);

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      const OtasukeFeedContact *c = g_ptr_array_index (contacts, i);

      g_ptr_array_add (copy, contact_new (c->name, c->phone, c->hours, c->email, c->url, c->notes));
    }
  return copy;
}

/* The desks as REFERENCE.md describes them, for when the feed carries none. */
static GPtrArray *
default_contacts (void)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) contact_free);

  g_ptr_array_add (contacts,
                   contact_new (_("IPA Information Security Safety Consultation Desk"),
                                "03-5978-7509",
                                _("Weekdays 10:00–12:00 and 13:30–17:00 "
                                  "(closed on weekends, public holidays and over the New Year)"),
                                "anshin@ipa.go.jp", NULL,
                                _("Mainly for individuals since April 2025. Mail is answered within "
                                  "about five business days. Calls are limited to 30 minutes and "
                                  "are recorded.")));
  g_ptr_array_add (contacts,
                   contact_new (_("IPA Cybersecurity Consultation Desk for Companies and Organisations"),
                                NULL, NULL, "cs-support@ipa.go.jp", NULL,
                                _("For companies and organisations since April 2025, by mail: first "
                                  "advice after an incident, targeted attacks and general security "
                                  "questions.")));
  g_ptr_array_add (contacts,
                   contact_new (_("Sakura Chamber of Commerce and Industry"),
                                NULL, NULL, NULL, "https://www.sakura-cci.or.jp",
                                _("Basic advice on information security and website safety for "
                                  "small businesses, the Cybersecurity Otasuketai service and the "
                                  "Chamber's website maintenance service.")));
  return contacts;
}

/* Building the document */

static Block *
add_block (Doc        *doc,
           BlockKind   kind,
           const char *label,
           const char *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->label = g_strdup (label);
  block->text = g_strdup (text);
  g_ptr_array_add (doc->blocks, block);
  return block;
}

/* A labelled field; @value is user text, sanitized here. */
static void
add_field (Doc          *doc,
           const char   *label,
           const char   *value,
           gboolean      multiline,
           guint         blank_lines,
           gboolean      detected)
{
  g_autofree char *clean = clean_or_null (value, multiline);
  Block *block = add_block (doc, BLOCK_FIELD, label, clean);

  block->blank_lines = blank_lines;
  if (clean != NULL && detected)
    block->note = g_strdup (_("Filled in by Otasuke from this computer"));
}

static void
add_count_field (Doc        *doc,
                 const char *label,
                 int         count)
{
  g_autofree char *text = count >= 0 ? g_strdup_printf ("%d", count) : NULL;

  add_field (doc, label, text, FALSE, 1, FALSE);
}

static void
add_police_field (Doc                *doc,
                  OtasukeSheetPolice  police)
{
  /* Boxes to tick, so the answer can also be given on paper. */
  g_autofree char *text =
    g_strdup_printf ("%s %s　　%s %s　　%s %s",
                     police == OTASUKE_SHEET_POLICE_YES ? "■" : "□", C_("police contacted", "Yes"),
                     police == OTASUKE_SHEET_POLICE_NO ? "■" : "□", C_("police contacted", "No"),
                     police == OTASUKE_SHEET_POLICE_NOT_YET ? "■" : "□", C_("police contacted", "Not yet"));

  add_field (doc, _("Police contacted"), text, FALSE, 1, FALSE);
}

static void
add_summary (Doc                            *doc,
             const OtasukeSheetCheckSummary *summary,
             GDateTime                      *now)
{
  add_block (doc, BLOCK_HEADING, _("Latest check on this computer"), NULL);

  if (summary == NULL)
    {
      add_block (doc, BLOCK_PARAGRAPH, NULL,
                 _("No check has been done on this computer yet. Otasuke’s check takes about "
                   "ten minutes and shows what to fix first."));
      return;
    }

  if (summary->score != OTASUKE_SHEET_NO_SCORE)
    {
      const char *band = summary->band != NULL ? summary->band : otasuke_sheet_score_band (summary->score);
      g_autofree char *clean_band = clean_or_null (band, FALSE);
      /* Translators: the check's score out of 100 */
      g_autofree char *score = g_strdup_printf (_("%d of 100"), summary->score);
      g_autofree char *text = clean_band != NULL ? g_strdup_printf ("%s — %s", score, clean_band)
                                                 : g_steal_pointer (&score);

      add_field (doc, _("Score"), text, FALSE, 1, FALSE);
    }

  if (summary->checked_at > 0)
    {
      g_autofree char *date = format_date (summary->checked_at, now, TRUE);

      add_field (doc, _("Checked on"), date, FALSE, 1, FALSE);
    }

  {
    struct {
      const char *label;
      GPtrArray *items;
    } lists[] = {
      { _("Main findings"), summary->findings },
      { _("Browsers found"), summary->browsers },
    };

    for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
      {
        g_autoptr(GString) text = g_string_new (NULL);

        for (guint i = 0; lists[l].items != NULL && i < lists[l].items->len; i++)
          {
            g_autofree char *item = clean_or_null (g_ptr_array_index (lists[l].items, i), FALSE);

            if (item != NULL)
              g_string_append_printf (text, "%s・%s", text->len > 0 ? "\n" : "", item);
          }

        if (text->len > 0)
          add_field (doc, lists[l].label, text->str, TRUE, 1, FALSE);
      }
  }

  if (summary->router != NULL)
    add_field (doc, _("Router"), summary->router, TRUE, 1, FALSE);
}

static void
add_contacts (Doc       *doc,
              GPtrArray *contacts)
{
  g_autoptr(GPtrArray) defaults = NULL;

  add_block (doc, BLOCK_HEADING, _("Where to get help"), NULL);

  if (contacts == NULL || contacts->len == 0)
    contacts = defaults = default_contacts ();

  for (guint i = 0; i < contacts->len; i++)
    {
      const OtasukeFeedContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *name = clean_or_null (contact->name, FALSE);
      g_autofree char *notes = clean_or_null (contact->notes, TRUE);
      const char *url = contact->url;

      if (name == NULL)
        continue;

      /* Only web addresses are printed as addresses. */
      if (url != NULL && !g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
        url = NULL;

      add_block (doc, BLOCK_CONTACT, NULL, name);
      if (contact->phone != NULL)
        add_field (doc, _("Phone"), contact->phone, FALSE, 0, FALSE);
      if (contact->hours != NULL)
        add_field (doc, _("Hours"), contact->hours, TRUE, 0, FALSE);
      if (contact->email != NULL)
        add_field (doc, _("Mail"), contact->email, FALSE, 0, FALSE);
      if (url != NULL)
        add_field (doc, _("Website"), url, FALSE, 0, FALSE);
      if (notes != NULL)
        add_block (doc, BLOCK_PARAGRAPH, NULL, notes);
    }

  add_block (doc, BLOCK_CONTACT, NULL, _("Before you get in touch"));
  add_block (doc, BLOCK_BULLET, NULL,
             _("The desks give advice. They do not examine devices or logs, give legal advice, "
               "recommend products, or contact other organisations for you."));
  add_block (doc, BLOCK_BULLET, NULL,
             _("When you send this sheet or screenshots by mail, keep the attachments under "
               "about 3 MB in total."));
  add_block (doc, BLOCK_BULLET, NULL,
             _("Never write passwords on this sheet or in a mail to a desk."));
}

static Doc *
doc_build (OtasukeSheet                   *sheet,
           const OtasukeSheetCheckSummary *summary,
           GPtrArray                      *contacts,
           GDateTime                      *now)
{
  g_autoptr(Doc) doc = g_new0 (Doc, 1);
  g_autofree char *title = clean_or_null (otasuke_sheet_get_title (sheet), FALSE);
  g_autofree char *printed = format_date (g_date_time_to_unix (now), now, FALSE);
  g_autoptr(GString) dates = g_string_new (NULL);
  g_autoptr(GString) services = g_string_new (NULL);
  const char * const *cloud = otasuke_sheet_get_cloud_services (sheet);
  guint n_events = otasuke_sheet_get_n_events (sheet);
  const char *doc_title = _("Information Security Consultation Sheet");

  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  doc->header_title = g_strdup (title != NULL ? title : doc_title);
  doc->pdf_title = g_strdup (doc->header_title);
  doc->date = g_strdup (printed);

  add_block (doc, BLOCK_TITLE, NULL, doc_title);
  if (title != NULL)
    add_block (doc, BLOCK_SUBTITLE, NULL, title);

  if (otasuke_sheet_get_created_at (sheet) > 0)
    {
      g_autofree char *created = format_date (otasuke_sheet_get_created_at (sheet), now, FALSE);

      g_string_append_printf (dates, _("Started on %s"), created);
      g_string_append (dates, "　");
    }
  if (otasuke_sheet_get_updated_at (sheet) > 0)
    {
      g_autofree char *updated = format_date (otasuke_sheet_get_updated_at (sheet), now, FALSE);

      g_string_append_printf (dates, _("Last changed on %s"), updated);
      g_string_append (dates, "　");
    }
  g_string_append_printf (dates, _("Printed on %s"), printed);
  add_block (doc, BLOCK_PARAGRAPH, NULL, dates->str);
  add_block (doc, BLOCK_PARAGRAPH, NULL,
             _("What a consultation desk asks you to prepare. Bring this sheet to your call or "
               "attach it to your mail; fill in any empty boxes by hand."));

  add_block (doc, BLOCK_HEADING, _("Who is asking"), NULL);
  add_field (doc, _("Company name"), otasuke_sheet_get_company_name (sheet), FALSE, 1, FALSE);
  add_field (doc, _("Contact person"), otasuke_sheet_get_contact_person (sheet), FALSE, 1, FALSE);

  add_block (doc, BLOCK_HEADING, _("The device and the services"), NULL);
  add_field (doc, _("Device type"), otasuke_sheet_get_device_type (sheet), FALSE, 1,
             otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_DEVICE_TYPE));
  add_field (doc, _("Operating system"), otasuke_sheet_get_operating_system (sheet), FALSE, 1,
             otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_OPERATING_SYSTEM));
  add_field (doc, _("Security software"), otasuke_sheet_get_security_software (sheet), FALSE, 1,
             otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE));
  for (guint i = 0; cloud[i] != NULL; i++)
    {
      g_autofree char *service = clean_or_null (cloud[i], FALSE);

      if (service != NULL)
        g_string_append_printf (services, "%s%s", services->len > 0 ? "\n" : "", service);
    }
  add_field (doc, _("Cloud services used"), services->str, TRUE, 2, FALSE);
  add_count_field (doc, _("Affected devices"), otasuke_sheet_get_affected_devices (sheet));
  add_count_field (doc, _("Affected accounts"), otasuke_sheet_get_affected_accounts (sheet));

  add_block (doc, BLOCK_HEADING, _("What happened, in order"), NULL);
  add_block (doc, BLOCK_TABLE_HEAD, _("Date and time"), _("What you saw or noticed"));
  for (guint i = 0; i < n_events; i++)
    {
      const OtasukeSheetEvent *event = otasuke_sheet_get_event (sheet, i);
      g_autofree char *when = format_date (event->at, now, TRUE);
      g_autofree char *text = clean_or_null (event->text, TRUE);

      add_block (doc, BLOCK_EVENT, when, text != NULL ? text : "");
    }
  for (guint i = n_events; i < BLANK_TIMELINE_ROWS && n_events == 0; i++)
    add_block (doc, BLOCK_EVENT, NULL, NULL);

  add_block (doc, BLOCK_HEADING, _("Why you suspect malware or unauthorised access"), NULL);
  add_field (doc, NULL, otasuke_sheet_get_suspicion (sheet), TRUE, 4, FALSE);

  add_block (doc, BLOCK_HEADING, _("Help asked for so far"), NULL);
  add_field (doc, _("Other desks or organisations already consulted"),
             otasuke_sheet_get_consulted (sheet), TRUE, 2, FALSE);
  add_police_field (doc, otasuke_sheet_get_police (sheet));

  add_summary (doc, summary, now);
  add_contacts (doc, contacts);

  return g_steal_pointer (&doc);
}

/* PDF */

#define PT_PER_MM      (72.0 / 25.4)
#define PAGE_WIDTH     (210.0 * PT_PER_MM)
#define PAGE_HEIGHT    (297.0 * PT_PER_MM)
#define MARGIN         (18.0 * PT_PER_MM)
#define CONTENT_TOP    (MARGIN + 24.0)
#define CONTENT_BOTTOM (PAGE_HEIGHT - MARGIN - 22.0)
#define CONTENT_WIDTH  (PAGE_WIDTH - 2 * MARGIN)
#define LABEL_WIDTH    128.0
#define TIME_WIDTH     100.0
#define CELL_PAD_X     7.0
#define CELL_PAD_Y     5.0
#define BLANK_LINE     20.0
#define BULLET_INDENT  12.0
/* Windows has no Noto unless installed; Yu Gothic and Meiryo come with it. */
#define FONT_FAMILY    "Noto Sans CJK JP, Noto Sans JP, Yu Gothic, Meiryo, sans-serif"

typedef struct { double r, g, b; } Rgb;

static const Rgb ink = { 0.10, 0.11, 0.13 };
static const Rgb muted = { 0.38, 0.42, 0.47 };
static const Rgb accent = { 0.12, 0.31, 0.50 };
static const Rgb heading_fill = { 0.91, 0.94, 0.97 };
static const Rgb label_fill = { 0.96, 0.97, 0.98 };
static const Rgb rule = { 0.70, 0.74, 0.79 };
static const Rgb guide = { 0.80, 0.83, 0.86 };

typedef struct {
  const Doc *doc;
  PangoContext *context;
  cairo_t *cr;          /* NULL while counting pages */
  cairo_t *target;      /* drawing one page for printing: where it goes */
  guint only_page;      /* that page, from 1; 0 draws them all */
  guint page;
  guint n_pages;        /* 0 while counting */
  double y;
  gboolean row_open;    /* a bordered row is directly above: a paragraph keeps its distance */
  const Block *table_head;
} Pdf;

static void
set_rgb (cairo_t   *cr,
         const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static PangoLayout *
make_layout (Pdf        *pdf,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_layout_new (pdf->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* Plain text, never markup: user text cannot change the formatting. */
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  /* A hyphen in the middle of an address or a serial number would be
   * copied by hand as part of it. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* @note, if any, goes on its own line(s) after @text in small grey print. */
static PangoLayout *
make_value_layout (Pdf        *pdf,
                   const char *text,
                   const char *note,
                   double      width)
{
  g_autofree char *joined = NULL;
  PangoLayout *layout;
  PangoAttrList *attrs;
  PangoAttribute *attr;
  guint start;

  if (note == NULL)
    return make_layout (pdf, text, 10.0, FALSE, width);

  joined = g_strconcat (text, "\n", note, NULL);
  layout = make_layout (pdf, joined, 10.0, FALSE, width);
  start = strlen (text) + 1;

  attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));
  attr = pango_attr_size_new ((int) (7.5 * PANGO_SCALE));
  attr->start_index = start;
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_foreground_new ((guint16) (muted.r * 65535), (guint16) (muted.g * 65535),
                                    (guint16) (muted.b * 65535));
  attr->start_index = start;
  pango_attr_list_insert (attrs, attr);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  if (layout == NULL)
    return 0;
  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
show_layout (Pdf         *pdf,
             PangoLayout *layout,
             double       x,
             double       y,
             const Rgb   *color)
{
  if (pdf->cr == NULL || layout == NULL)
    return;
  set_rgb (pdf->cr, color);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
hline (Pdf       *pdf,
       double     x0,
       double     x1,
       double     y,
       double     width,
       const Rgb *color)
{
  if (pdf->cr == NULL)
    return;
  set_rgb (pdf->cr, color);
  cairo_set_line_width (pdf->cr, width);
  cairo_move_to (pdf->cr, x0, y);
  cairo_line_to (pdf->cr, x1, y);
  cairo_stroke (pdf->cr);
}

static void
fill_rect (Pdf       *pdf,
           double     x,
           double     y,
           double     w,
           double     h,
           const Rgb *color)
{
  if (pdf->cr == NULL)
    return;
  set_rgb (pdf->cr, color);
  cairo_rectangle (pdf->cr, x, y, w, h);
  cairo_fill (pdf->cr);
}

static void
draw_page_furniture (Pdf *pdf)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) date = NULL;
  g_autoptr(PangoLayout) page = NULL;
  g_autoptr(PangoLayout) mark = NULL;
  g_autofree char *page_text = NULL;
  int date_width;

  if (pdf->cr == NULL)
    return;

  date = make_layout (pdf, pdf->doc->date, 8.0, FALSE, -1);
  pango_layout_set_width (date, -1);
  pango_layout_get_size (date, &date_width, NULL);
  show_layout (pdf, date, PAGE_WIDTH - MARGIN - (double) date_width / PANGO_SCALE, MARGIN, &muted);

  title = make_layout (pdf, pdf->doc->header_title, 8.0, FALSE,
                       CONTENT_WIDTH - (double) date_width / PANGO_SCALE - 24.0);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  show_layout (pdf, title, MARGIN, MARGIN, &muted);
  hline (pdf, MARGIN, PAGE_WIDTH - MARGIN, MARGIN + 15.0, 0.6, &accent);

  hline (pdf, MARGIN, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN - 15.0, 0.4, &rule);
  /* Translators: the footer of each page of the consultation sheet */
  page_text = g_strdup_printf (_("Page %u of %u"), pdf->page, pdf->n_pages);
  page = make_layout (pdf, page_text, 8.0, FALSE, CONTENT_WIDTH);
  pango_layout_set_alignment (page, PANGO_ALIGN_RIGHT);
  show_layout (pdf, page, MARGIN, PAGE_HEIGHT - MARGIN - 11.0, &muted);

  mark = make_layout (pdf, _("Confidential: contains details of a security incident"), 8.0, FALSE,
                      CONTENT_WIDTH - 90.0);
  pango_layout_set_ellipsize (mark, PANGO_ELLIPSIZE_END);
  show_layout (pdf, mark, MARGIN, PAGE_HEIGHT - MARGIN - 11.0, &muted);
}

static void place_row (Pdf *pdf, const Block *block);

static void
start_page (Pdf *pdf)
{
  pdf->page++;
  if (pdf->only_page != 0)
    pdf->cr = pdf->page == pdf->only_page ? pdf->target : NULL;
  pdf->y = CONTENT_TOP;
  pdf->row_open = FALSE;
  draw_page_furniture (pdf);

  /* A table that goes on repeats its column titles. */
  if (pdf->table_head != NULL)
    place_row (pdf, pdf->table_head);
}

static void
end_page (Pdf *pdf)
{
  /* A printed page is ended by the print operation. */
  if (pdf->cr != NULL && pdf->only_page == 0)
    cairo_show_page (pdf->cr);
}

static void
new_page (Pdf *pdf)
{
  end_page (pdf);
  start_page (pdf);
}

/* One line of a layout, in layout units relative to its top. */
typedef struct {
  double top;
  double bottom;
  double baseline;
} LineBox;

static GArray *
layout_lines (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  PangoLayoutIter *iter;

  if (layout == NULL)
    return lines;

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      LineBox box;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.top = (double) logical.y / PANGO_SCALE;
      box.bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      box.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      g_array_append_val (lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return lines;
}

/* Draws lines [first, last) of @layout with the top of line @first at @y. */
static void
show_lines (Pdf         *pdf,
            PangoLayout *layout,
            GArray      *lines,
            guint        first,
            guint        last,
            double       x,
            double       y,
            const Rgb   *color)
{
  double origin;

  if (pdf->cr == NULL || first >= last)
    return;

  origin = g_array_index (lines, LineBox, first).top;
  set_rgb (pdf->cr, color);
  for (guint i = first; i < last; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, (int) i);
      const LineBox *box = &g_array_index (lines, LineBox, i);

      cairo_move_to (pdf->cr, x, y + box->baseline - origin);
      pango_cairo_show_layout_line (pdf->cr, line);
    }
}

typedef struct {
  gboolean bordered;
  gboolean label_fill;  /* the left cell is shaded */
  gboolean head_fill;   /* both cells are shaded (column titles) */
  double left_width;    /* 0: no left cell */
  double pad_x;
  double pad_y;
  double space_after;
  const Rgb *left_color;
  const Rgb *right_color;
} RowStyle;

static void
draw_row_frame (Pdf            *pdf,
                const RowStyle *style,
                double          y,
                double          height)
{
  double x0 = MARGIN;
  double x1 = PAGE_WIDTH - MARGIN;
  double divider = x0 + style->left_width;

  if (pdf->cr == NULL || !style->bordered)
    return;

  if (style->head_fill)
    fill_rect (pdf, x0, y, x1 - x0, height, &heading_fill);
  else if (style->label_fill && style->left_width > 0)
    fill_rect (pdf, x0, y, style->left_width, height, &label_fill);

  /* The top rule is drawn again over the row above's bottom one: the
   * shading of this row would otherwise cover half of it. */
  set_rgb (pdf->cr, &rule);
  cairo_set_line_width (pdf->cr, 0.6);
  cairo_move_to (pdf->cr, x0, y);
  cairo_line_to (pdf->cr, x1, y);
  cairo_move_to (pdf->cr, x0, y);
  cairo_line_to (pdf->cr, x0, y + height);
  cairo_line_to (pdf->cr, x1, y + height);
  cairo_line_to (pdf->cr, x1, y);
  if (style->left_width > 0)
    {
      cairo_move_to (pdf->cr, divider, y);
      cairo_line_to (pdf->cr, divider, y + height);
    }
  cairo_stroke (pdf->cr);
}

static void
draw_blank_guides (Pdf    *pdf,
                   double  x0,
                   double  x1,
                   double  y,
                   guint   lines)
{
  static const double dash[] = { 1.0, 2.0 };

  if (pdf->cr == NULL)
    return;

  cairo_save (pdf->cr);
  cairo_set_dash (pdf->cr, dash, G_N_ELEMENTS (dash), 0);
  for (guint i = 1; i < lines; i++)
    hline (pdf, x0, x1, y + i * BLANK_LINE, 0.5, &guide);
  cairo_restore (pdf->cr);
}

/* Places a row of up to two cells. A row that does not fit goes to the next
 * page whole; only a row taller than a page is split, between lines. */
static void
place_cells (Pdf            *pdf,
             const RowStyle *style,
             PangoLayout    *left,
             PangoLayout    *right,
             guint           blank_lines)
{
  g_autoptr(GArray) lines = layout_lines (right);
  double left_offset = 0;
  double left_height;
  double right_x = MARGIN + style->left_width + style->pad_x;
  double page_room = CONTENT_BOTTOM - CONTENT_TOP - (pdf->table_head != NULL ? 40.0 : 0.0);
  guint first = 0;
  guint n_lines = right != NULL ? lines->len : 0;

  /* Label and value sit on the same baseline, whatever their sizes. */
  if (left != NULL && right != NULL)
    left_offset = MAX (0.0, (double) (pango_layout_get_baseline (right) - pango_layout_get_baseline (left)) / PANGO_SCALE);
  left_height = left != NULL ? layout_height (left) + left_offset : 0;

  for (;;)
    {
      double room = CONTENT_BOTTOM - pdf->y - 2 * style->pad_y;
      double rest_height;
      double height;
      guint last = first;

      if (right == NULL)
        rest_height = blank_lines * BLANK_LINE - 2 * style->pad_y;
      else
        rest_height = g_array_index (lines, LineBox, n_lines - 1).bottom -
                      g_array_index (lines, LineBox, first).top;
      if (first == 0)
        rest_height = MAX (rest_height, left_height);

      if (rest_height <= room)
        last = n_lines;
      else if (right != NULL && rest_height > page_room - 2 * style->pad_y)
        {
          /* Taller than a page: as many whole lines as fit here. */
          while (last < n_lines &&
                 g_array_index (lines, LineBox, last).bottom -
                 g_array_index (lines, LineBox, first).top <= room &&
                 (first > 0 || left_height <= room))
            last++;
        }

      if (last == first && !(rest_height <= room))
        {
          /* Nothing fits here; a fresh page always holds at least a line. */
          new_page (pdf);
          continue;
        }

      height = (last > first
                ? g_array_index (lines, LineBox, last - 1).bottom - g_array_index (lines, LineBox, first).top
                : rest_height);
      if (first == 0)
        height = MAX (height, left_height);
      if (right == NULL)
        height = rest_height;
      height += 2 * style->pad_y;

      draw_row_frame (pdf, style, pdf->y, height);
      if (first == 0)
        show_layout (pdf, left, MARGIN + style->pad_x, pdf->y + style->pad_y + left_offset, style->left_color);
      if (right == NULL)
        draw_blank_guides (pdf, MARGIN + style->left_width + style->pad_x,
                           PAGE_WIDTH - MARGIN - style->pad_x, pdf->y, blank_lines);
      else
        show_lines (pdf, right, lines, first, last, right_x, pdf->y + style->pad_y, style->right_color);

      pdf->y += height;
      pdf->row_open = style->bordered;

      if (last >= n_lines)
        break;

      first = last;
      new_page (pdf);
    }

  if (style->space_after > 0)
    {
      pdf->y += style->space_after;
      pdf->row_open = FALSE;
    }
}

static void
place_row (Pdf         *pdf,
           const Block *block)
{
  RowStyle style = {
    .bordered = TRUE,
    .label_fill = TRUE,
    .pad_x = CELL_PAD_X,
    .pad_y = CELL_PAD_Y,
    .left_color = &ink,
    .right_color = &ink,
  };
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double right_width;

  switch (block->kind)
    {
    case BLOCK_FIELD:
      style.left_width = block->label != NULL ? LABEL_WIDTH : 0;
      break;
    case BLOCK_TABLE_HEAD:
    case BLOCK_EVENT:
      style.left_width = TIME_WIDTH;
      style.head_fill = block->kind == BLOCK_TABLE_HEAD;
      style.label_fill = FALSE;
      break;
    case BLOCK_PARAGRAPH:
    case BLOCK_BULLET:
      style.bordered = FALSE;
      style.label_fill = FALSE;
      style.pad_x = 0;
      style.pad_y = 0;
      style.space_after = 4.0;
      style.left_width = block->kind == BLOCK_BULLET ? BULLET_INDENT : 0;
      break;
    case BLOCK_TITLE:
    case BLOCK_SUBTITLE:
    case BLOCK_HEADING:
    case BLOCK_CONTACT:
    default:
      g_assert_not_reached ();
    }

  right_width = CONTENT_WIDTH - style.left_width - 2 * style.pad_x;

  switch (block->kind)
    {
    case BLOCK_FIELD:
      if (block->label != NULL)
        left = make_layout (pdf, block->label, 8.5, TRUE, LABEL_WIDTH - 2 * CELL_PAD_X);
      if (block->text != NULL)
        right = make_value_layout (pdf, block->text, block->note, right_width);
      break;
    case BLOCK_TABLE_HEAD:
      left = make_layout (pdf, block->label, 8.5, TRUE, TIME_WIDTH - 2 * CELL_PAD_X);
      right = make_layout (pdf, block->text, 8.5, TRUE, right_width);
      break;
    case BLOCK_EVENT:
      if (block->label != NULL)
        left = make_layout (pdf, block->label, 9.0, FALSE, TIME_WIDTH - 2 * CELL_PAD_X);
      if (block->text != NULL)
        right = make_layout (pdf, block->text, 10.0, FALSE, right_width);
      break;
    case BLOCK_PARAGRAPH:
      right = make_layout (pdf, block->text, 9.0, FALSE, right_width);
      style.right_color = &muted;
      break;
    case BLOCK_BULLET:
      left = make_layout (pdf, "・", 9.5, FALSE, BULLET_INDENT);
      right = make_layout (pdf, block->text, 9.5, FALSE, right_width);
      break;
    case BLOCK_TITLE:
    case BLOCK_SUBTITLE:
    case BLOCK_HEADING:
    case BLOCK_CONTACT:
    default:
      g_assert_not_reached ();
    }

  if (block->kind == BLOCK_PARAGRAPH && pdf->row_open)
    pdf->y += 5.0;

  place_cells (pdf, &style, left, right,
               block->kind == BLOCK_EVENT ? 1 : MAX (block->blank_lines, 1));
}

/* Room a block needs at least, so a heading never ends a page alone. */
static double
min_height (Pdf         *pdf,
            const Block *block)
{
  if (block == NULL)
    return 0;
  if (block->kind == BLOCK_TABLE_HEAD)
    return 60.0;
  /* A box to write in is never split, so it needs its whole height. */
  if (block->kind == BLOCK_FIELD && block->text == NULL)
    return MAX (block->blank_lines, 1) * BLANK_LINE + 2.0;
  return 36.0;
}

static void
place_heading (Pdf         *pdf,
               const Block *block,
               const Block *next)
{
  g_autoptr(PangoLayout) layout = NULL;
  double height;
  double space_before = pdf->y > CONTENT_TOP ? 13.0 : 0.0;

  pdf->table_head = NULL;

  if (block->kind == BLOCK_HEADING)
    {
      layout = make_layout (pdf, block->label, 11.5, TRUE, CONTENT_WIDTH - 20.0);
      height = layout_height (layout) + 8.0;
    }
  else
    {
      layout = make_layout (pdf, block->text, 10.0, TRUE, CONTENT_WIDTH);
      height = layout_height (layout) + 4.0;
      space_before = pdf->y > CONTENT_TOP ? 10.0 : 0.0;
    }

  if (pdf->y + space_before + height + min_height (pdf, next) > CONTENT_BOTTOM)
    {
      new_page (pdf);
      space_before = 0;
    }

  pdf->y += space_before;
  pdf->row_open = FALSE;

  if (block->kind == BLOCK_HEADING)
    {
      fill_rect (pdf, MARGIN, pdf->y, CONTENT_WIDTH, height, &heading_fill);
      fill_rect (pdf, MARGIN, pdf->y, 4.0, height, &accent);
      show_layout (pdf, layout, MARGIN + 12.0, pdf->y + 4.0, &accent);
      pdf->y += height + 5.0;
    }
  else
    {
      show_layout (pdf, layout, MARGIN, pdf->y, &accent);
      pdf->y += height;
    }
}

static void
place_title (Pdf         *pdf,
             const Block *block)
{
  gboolean title = block->kind == BLOCK_TITLE;
  g_autoptr(PangoLayout) layout = make_layout (pdf, block->text, title ? 18.0 : 12.5, title, CONTENT_WIDTH);
  double height = layout_height (layout);

  if (pdf->y + height > CONTENT_BOTTOM)
    new_page (pdf);

  show_layout (pdf, layout, MARGIN, pdf->y, title ? &accent : &ink);
  pdf->y += height + (title ? 4.0 : 6.0);
  pdf->row_open = FALSE;
}

/* Lays out the whole document; draws only when pdf->cr is set. Returns the page count. */
static guint
pdf_pass (Pdf *pdf)
{
  const GPtrArray *blocks = pdf->doc->blocks;

  pdf->page = 0;
  pdf->table_head = NULL;
  start_page (pdf);

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (blocks, i);
      const Block *next = i + 1 < blocks->len ? g_ptr_array_index (blocks, i + 1) : NULL;

      switch (block->kind)
        {
        case BLOCK_TITLE:
        case BLOCK_SUBTITLE:
          place_title (pdf, block);
          break;
        case BLOCK_HEADING:
        case BLOCK_CONTACT:
          place_heading (pdf, block, next);
          break;
        case BLOCK_TABLE_HEAD:
          /* Keep the column titles with the first row. */
          if (pdf->y + min_height (pdf, block) > CONTENT_BOTTOM)
            new_page (pdf);
          place_row (pdf, block);
          pdf->table_head = block;
          break;
        case BLOCK_FIELD:
        case BLOCK_EVENT:
        case BLOCK_PARAGRAPH:
        case BLOCK_BULLET:
        default:
          place_row (pdf, block);
          break;
        }
    }

  end_page (pdf);
  return pdf->page;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static PangoContext *
create_context (PangoFontMap *font_map)
{
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Points in, points out; metrics that do not depend on a screen. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string ("ja"));
  return context;
}

static GBytes *
doc_render_pdf (const Doc  *doc,
                GError    **error)
{
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(GObject) context = G_OBJECT (create_context (font_map));
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { .doc = doc, .context = PANGO_CONTEXT (context) };

  pdf.n_pages = pdf_pass (&pdf);

  surface = cairo_pdf_surface_create_for_stream (append_to_array, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->pdf_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Otasuke " PACKAGE_VERSION);
  pdf.cr = cairo_create (surface);

  if (pdf_pass (&pdf) != pdf.n_pages)
    g_warning ("The two passes over the consultation sheet disagree on the page count");

  status = cairo_status (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the consultation sheet (%s)."), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static GDateTime *
now_or_current (GDateTime *now)
{
  return now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
}

GBytes *
otasuke_sheet_render_pdf (OtasukeSheet                   *sheet,
                          const OtasukeSheetCheckSummary *summary,
                          GPtrArray                      *contacts,
                          GDateTime                      *now,
                          GError                        **error)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  when = now_or_current (now);
  doc = doc_build (sheet, summary, contacts, when);
  return doc_render_pdf (doc, error);
}

/* Printing, a page at a time */

/* Lays the document out on @cr's page @page_nr (from 0), scaled to fit
 * @width × @height and centred; with @cr NULL only counts the pages. */
static guint
doc_draw_page (const Doc *doc,
               cairo_t   *cr,
               double     width,
               double     height,
               guint      page_nr)
{
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(GObject) context = G_OBJECT (create_context (font_map));
  Pdf pdf = { .doc = doc, .context = PANGO_CONTEXT (context) };
  double scale;

  pdf.n_pages = pdf_pass (&pdf);
  if (cr == NULL || page_nr >= pdf.n_pages)
    return pdf.n_pages;

  scale = MIN (width / PAGE_WIDTH, height / PAGE_HEIGHT);
  cairo_save (cr);
  cairo_translate (cr, (width - PAGE_WIDTH * scale) / 2, (height - PAGE_HEIGHT * scale) / 2);
  cairo_scale (cr, scale, scale);
  pdf.target = cr;
  pdf.only_page = page_nr + 1;
  pdf_pass (&pdf);
  cairo_restore (cr);

  return pdf.n_pages;
}

int
otasuke_sheet_render_count_pages (OtasukeSheet                   *sheet,
                                  const OtasukeSheetCheckSummary *summary,
                                  GPtrArray                      *contacts,
                                  GDateTime                      *now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), 0);

  when = now_or_current (now);
  doc = doc_build (sheet, summary, contacts, when);
  return (int) doc_draw_page (doc, NULL, 0, 0, 0);
}

gboolean
otasuke_sheet_render_draw_page (OtasukeSheet                   *sheet,
                                const OtasukeSheetCheckSummary *summary,
                                GPtrArray                      *contacts,
                                GDateTime                      *now,
                                cairo_t                        *cr,
                                double                          width,
                                double                          height,
                                int                             page_nr)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  if (page_nr < 0)
    return FALSE;

  when = now_or_current (now);
  doc = doc_build (sheet, summary, contacts, when);
  return (guint) page_nr < doc_draw_page (doc, cr, width, height, (guint) page_nr) &&
         cairo_status (cr) == CAIRO_STATUS_SUCCESS;
}

GPtrArray *
otasuke_sheet_default_contacts (void)
{
  return default_contacts ();
}

/* Plain text */

static guint
char_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

static guint
text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));
  return width;
}

/* Japanese punctuation that must not start a line (kinsoku). */
static gboolean
no_line_start (gunichar c)
{
  static const char no_start[] =
    "、。，．・：；？！ー）」』】〕〉》”’ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ,.;:!?)]}";

  return c != 0 && g_utf8_strchr (no_start, -1, c) != NULL;
}

/* Appends @paragraph (no newlines) wrapped to @width columns. */
static void
wrap_paragraph (GString    *out,
                const char *paragraph,
                const char *first_prefix,
                const char *rest_prefix,
                guint       width)
{
  guint column;
  gboolean line_empty = TRUE;
  const char *p = paragraph;

  g_string_append (out, first_prefix);
  column = text_width (first_prefix);

  while (*p != '\0')
    {
      gboolean space_before = FALSE;
      const char *start;
      guint unit_width = 0;

      while (*p == ' ')
        {
          space_before = TRUE;
          p++;
        }
      if (*p == '\0')
        break;

      /* A unit: one wide character, or a run of narrow ones; trailing
       * punctuation that may not start a line sticks to it. */
      start = p;
      if (g_unichar_iswide (g_utf8_get_char (p)))
        {
          unit_width += char_width (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }
      else
        {
          while (*p != '\0' && *p != ' ' && !g_unichar_iswide (g_utf8_get_char (p)))
            {
              unit_width += char_width (g_utf8_get_char (p));
              p = g_utf8_next_char (p);
            }
        }
      while (*p != '\0' && no_line_start (g_utf8_get_char (p)))
        {
          unit_width += char_width (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }

      if (!line_empty && column + (space_before ? 1 : 0) + unit_width > width)
        {
          g_string_append_c (out, '\n');
          g_string_append (out, rest_prefix);
          column = text_width (rest_prefix);
          line_empty = TRUE;
          space_before = FALSE;
        }

      if (space_before && !line_empty)
        {
          g_string_append_c (out, ' ');
          column++;
        }

      /* Longer than a whole line (a long address): cut it by characters. */
      for (const char *q = start; q < p; q = g_utf8_next_char (q))
        {
          guint w = char_width (g_utf8_get_char (q));

          if (!line_empty && column + w > width && unit_width > width - text_width (rest_prefix))
            {
              g_string_append_c (out, '\n');
              g_string_append (out, rest_prefix);
              column = text_width (rest_prefix);
            }
          g_string_append_unichar (out, g_utf8_get_char (q));
          column += w;
          line_empty = FALSE;
        }
    }

  g_string_append_c (out, '\n');
}

static void
wrap_text (GString    *out,
           const char *text,
           const char *first_prefix,
           const char *rest_prefix,
           guint       width)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    wrap_paragraph (out, paragraphs[i], i == 0 ? first_prefix : rest_prefix, rest_prefix, width);
}

#define BLANK_TEXT "____________________"

static char *
doc_render_text (const Doc *doc,
                 guint      width)
{
  GString *out = g_string_new (NULL);
  gboolean blank_events_done = FALSE;

  width = MAX (width, 30);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (doc->blocks, i);
      g_autofree char *prefix = NULL;
      g_autofree char *value = NULL;

      switch (block->kind)
        {
        case BLOCK_TITLE:
          wrap_text (out, block->text, "", "", width);
          for (guint n = MIN (text_width (block->text), width); n > 0; n--)
            g_string_append_c (out, '=');
          g_string_append_c (out, '\n');
          break;

        case BLOCK_SUBTITLE:
          wrap_text (out, block->text, "", "", width);
          break;

        case BLOCK_HEADING:
          g_string_append_c (out, '\n');
          wrap_text (out, block->label, "■ ", "  ", width);
          break;

        case BLOCK_CONTACT:
          g_string_append_c (out, '\n');
          wrap_text (out, block->text, "[", " ", width);
          g_string_truncate (out, out->len - 1);
          g_string_append (out, "]\n");
          break;

        case BLOCK_FIELD:
          value = block->text == NULL ? g_strdup (BLANK_TEXT)
                  : block->note != NULL ? g_strdup_printf ("%s (%s)", block->text, block->note)
                  : g_strdup (block->text);
          if (block->label == NULL)
            wrap_text (out, value, "", "", width);
          else if (strchr (value, '\n') != NULL)
            {
              prefix = g_strdup_printf ("%s:", block->label);
              wrap_text (out, prefix, "", "", width);
              wrap_text (out, value, "  ", "  ", width);
            }
          else
            {
              prefix = g_strdup_printf ("%s: ", block->label);
              wrap_text (out, value, prefix, "  ", width);
            }
          break;

        case BLOCK_TABLE_HEAD:
          break;

        case BLOCK_EVENT:
          if (block->label == NULL)
            {
              if (!blank_events_done)
                wrap_text (out, BLANK_TEXT, "- ", "  ", width);
              blank_events_done = TRUE;
              break;
            }
          prefix = g_strdup_printf ("- %s  ", block->label);
          wrap_text (out, block->text, prefix, "    ", width);
          break;

        case BLOCK_PARAGRAPH:
          wrap_text (out, block->text, "", "", width);
          break;

        case BLOCK_BULLET:
          wrap_text (out, block->text, "- ", "  ", width);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (out, FALSE);
}

char *
otasuke_sheet_render_text (OtasukeSheet                   *sheet,
                           const OtasukeSheetCheckSummary *summary,
                           GPtrArray                      *contacts,
                           GDateTime                      *now,
                           guint                           width)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), NULL);

  when = now_or_current (now);
  doc = doc_build (sheet, summary, contacts, when);
  return doc_render_text (doc, width);
}

/* Files */

static gboolean
write_private_file (const char    *path,
                    const char    *data,
                    gsize          length,
                    GError       **error)
{
  /* A temporary file renamed over @path: a reader never sees half a sheet,
   * and the file is only ever readable by its owner. */
  return g_file_set_contents_full (path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
otasuke_sheet_write_pdf (OtasukeSheet                   *sheet,
                         const OtasukeSheetCheckSummary *summary,
                         GPtrArray                      *contacts,
                         GDateTime                      *now,
                         const char                     *path,
                         GError                        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = otasuke_sheet_render_pdf (sheet, summary, contacts, now, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  return write_private_file (path, data, length, error);
}

gboolean
otasuke_sheet_write_text (OtasukeSheet                   *sheet,
                          const OtasukeSheetCheckSummary *summary,
                          GPtrArray                      *contacts,
                          GDateTime                      *now,
                          const char                     *path,
                          GError                        **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = otasuke_sheet_render_text (sheet, summary, contacts, now, 72);
  return write_private_file (path, text, strlen (text), error);
}

typedef struct {
  OtasukeSheet *sheet;
  OtasukeSheetCheckSummary *summary;
  GPtrArray *contacts;
  char *path;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_object (&job->sheet);
  g_clear_pointer (&job->summary, otasuke_sheet_check_summary_free);
  g_clear_pointer (&job->contacts, g_ptr_array_unref);
  g_free (job->path);
  g_free (job);
}

static void
write_pdf_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (otasuke_sheet_write_pdf (job->sheet, job->summary, job->contacts, NULL, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
otasuke_sheet_write_pdf_async (OtasukeSheet                   *sheet,
                               const OtasukeSheetCheckSummary *summary,
                               GPtrArray                      *contacts,
                               const char                     *path,
                               GCancellable                   *cancellable,
                               GAsyncReadyCallback             callback,
                               gpointer                        user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (OTASUKE_IS_SHEET (sheet));
  g_return_if_fail (path != NULL);

  job = g_new0 (WriteJob, 1);
  job->sheet = otasuke_sheet_copy (sheet);
  job->summary = summary != NULL ? otasuke_sheet_check_summary_copy (summary) : NULL;
  job->contacts = copy_contacts (contacts);
  job->path = g_strdup (path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, otasuke_sheet_write_pdf_async);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_pdf_in_thread);
}

gboolean
otasuke_sheet_write_pdf_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == otasuke_sheet_write_pdf_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Command line */

static OtasukeSheetCheckSummary *
summary_from_store (OtasukeStore *store)
{
  g_autoptr(GError) error = NULL;
  OtasukeSheetCheckSummary *summary;
  OtasukeStoreSummary store_summary;

  if (!otasuke_store_get_summary (store, &store_summary, &error))
    {
      g_debug ("No check summary for the sheet: %s", error->message);
      return NULL;
    }
  if (store_summary.last_check_at <= 0 || store_summary.last_check_score < -25)
    return NULL;

  summary = otasuke_sheet_check_summary_new ();
  summary->score = store_summary.last_check_score;
  summary->checked_at = store_summary.last_check_at;
  return summary;
}

static GPtrArray *
contacts_from_store (OtasukeStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeFeedStatus) status = otasuke_store_get_feed_status (store, &error);
  GPtrArray *contacts;

  if (status == NULL || status->contacts_json == NULL)
    {
      if (error != NULL)
        g_debug ("No feed contacts for the sheet: %s", error->message);
      return NULL;
    }

  contacts = otasuke_feed_contacts_from_json (status->contacts_json, &error);
  if (contacts == NULL)
    g_debug ("The stored feed contacts are not readable: %s", error->message);
  return contacts;
}

gboolean
otasuke_sheet_export_pdf_for_cli (OtasukeStore  *store,
                                  gint64         sheet_id_or_0,
                                  const char    *path,
                                  GError       **error)
{
  g_autoptr(OtasukeSheet) sheet = NULL;
  g_autoptr(OtasukeSheetCheckSummary) summary = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (sheet_id_or_0 > 0)
    sheet = otasuke_store_load_sheet (store, sheet_id_or_0, &local_error);
  else
    sheet = otasuke_store_load_latest_sheet (store, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (sheet == NULL && sheet_id_or_0 > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, sheet_id_or_0);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no consultation sheet number %s."), number);
      return FALSE;
    }

  if (sheet == NULL)
    sheet = otasuke_sheet_new ();

  summary = summary_from_store (store);
  contacts = contacts_from_store (store);

  return otasuke_sheet_write_pdf (sheet, summary, contacts, NULL, path, error);
}
