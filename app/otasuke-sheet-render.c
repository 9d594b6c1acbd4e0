/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-feed.h"
#include "otasuke-json.h"
#include "otasuke-text.h"
#include "otasuke-sheet-render-private.h"
#include "otasuke-url.h"

/* The sheet is first turned into a flat list of blocks (headings, labelled
 * fields, timeline rows, paragraphs); the PDF and the plain text are two
 * readings of the same list, so they always say the same thing. */

#define MAX_SUMMARY_JSON_BYTES (256 * 1024)
#define MAX_SUMMARY_ITEMS      50
#define MAX_SUMMARY_TEXT       2048
#define BLANK_TIMELINE_ROWS    6

static void
block_free (Block *block)
{
  g_free (block->label);
  g_free (block->text);
  g_free (block->note);
  g_free (block);
}

void
otasuke_sheet_doc_free (Doc *doc)
{
  g_free (doc->header_title);
  g_free (doc->date);
  g_free (doc->pdf_title);
  g_free (doc->footer_mark);
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}


/* Text hygiene */

char *
otasuke_sheet_sanitize_text (const char *text,
                             gboolean    multiline)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint newlines = 0;

  if (text == NULL)
    return g_strdup ("");

  /* Hidden characters and controls go, line ends are "\n"; then the layout. */
  valid = otasuke_text_sanitize (text);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
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
  copy->no_check = summary->no_check;
  copy->declared_level = summary->declared_level;
  copy->declared_on = g_strdup (summary->declared_on);
  copy->declaration_number = g_strdup (summary->declaration_number);
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
  g_free (summary->declared_on);
  g_free (summary->declaration_number);
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
read_string_list (json_t     *object,
                  const char *name,
                  GPtrArray  *into)
{
  json_t *array = otasuke_json_get_array (object, name);

  for (guint i = 0; i < json_array_size (array) && into->len < MAX_SUMMARY_ITEMS; i++)
    {
      json_t *element = json_array_get (array, i);

      if (json_is_string (element))
        g_ptr_array_add (into, bounded_strdup (json_string_value (element)));
      else if (json_is_object (element))
        {
          const char *item_name = otasuke_json_get_string (element, "name");
          const char *version = otasuke_json_get_string (element, "version");
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
  g_autoptr(OtasukeSheetCheckSummary) summary = NULL;
  g_autoptr(json_t) object = NULL;
  gint64 value;

  g_return_val_if_fail (json != NULL, NULL);

  if (strlen (json) > MAX_SUMMARY_JSON_BYTES)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The check summary is too large."));
      return NULL;
    }

  object = otasuke_json_load (json, -1, error);
  if (object == NULL)
    return NULL;

  if (!json_is_object (object))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The check summary is not readable."));
      return NULL;
    }

  summary = otasuke_sheet_check_summary_new ();
  if (otasuke_json_get_int (object, "score", &value) && value >= -25 && value <= 100)
    summary->score = (int) value;
  if (otasuke_json_get_int (object, "checked_at", &value) && value > 0)
    summary->checked_at = value;
  summary->band = bounded_strdup (otasuke_json_get_string (object, "band"));
  summary->router = bounded_strdup (otasuke_json_get_string (object, "router"));
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

GPtrArray *
otasuke_sheet_copy_contacts (GPtrArray *contacts)
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
add_machine_field (Doc                 *doc,
                   OtasukeSheetMachine  machine)
{
  g_autofree char *text =
    g_strdup_printf ("%s %s\n%s %s\n%s %s\n%s %s",
                     machine == OTASUKE_SHEET_MACHINE_IN_USE ? "■" : "□",
                     _("Still on the network and in use"),
                     machine == OTASUKE_SHEET_MACHINE_CONNECTED ? "■" : "□",
                     _("Still on the network, no longer used"),
                     machine == OTASUKE_SHEET_MACHINE_DISCONNECTED ? "■" : "□",
                     _("Switched on, taken off the network"),
                     machine == OTASUKE_SHEET_MACHINE_POWERED_OFF ? "■" : "□",
                     _("Powered off"));

  add_field (doc, _("State of the machine now"), text, TRUE, 1, FALSE);
}

static void
add_summary (Doc                            *doc,
             const OtasukeSheetCheckSummary *summary,
             GDateTime                      *now)
{
  add_block (doc, BLOCK_HEADING, _("Latest check on this computer"), NULL);

  if (summary == NULL || summary->no_check)
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

/* The company's SECURITY ACTION self-declaration, when one was recorded. */
static void
add_declaration (Doc                            *doc,
                 const OtasukeSheetCheckSummary *summary,
                 GDateTime                      *now)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *number = NULL;

  if (summary == NULL || (summary->declared_level != 1 && summary->declared_level != 2))
    return;

  text = g_string_new (summary->declared_level == 2 ? _("★★ Two stars") : _("★ One star"));
  if (summary->declared_on != NULL)
    {
      int year, month, day;

      if (sscanf (summary->declared_on, "%d-%d-%d", &year, &month, &day) == 3)
        {
          g_autoptr(GDateTime) date = g_date_time_new (g_date_time_get_timezone (now), year, month, day, 12, 0, 0);
          g_autofree char *formatted = date != NULL ? g_date_time_format (date, C_("sheet date", "%Y-%m-%d")) : NULL;

          if (formatted != NULL)
            {
              g_string_append (text, "　");
              /* Translators: when the SECURITY ACTION self-declaration was made */
              g_string_append_printf (text, _("declared on %s"), formatted);
            }
        }
    }
  number = clean_or_null (summary->declaration_number, FALSE);
  if (number != NULL)
    {
      g_string_append (text, "　");
      /* Translators: IPA's number of the self-declaration (自己宣言ID) */
      g_string_append_printf (text, _("Declaration ID %s"), number);
    }
  add_field (doc, _("SECURITY ACTION"), text->str, FALSE, 1, FALSE);
}

GPtrArray *
otasuke_sheet_order_contacts (GPtrArray *contacts,
                              gboolean   company)
{
  GPtrArray *ordered = g_ptr_array_new ();
  int first = -1;

  g_return_val_if_fail (contacts != NULL, ordered);

  for (guint i = 0; i < contacts->len && first < 0; i++)
    {
      const OtasukeFeedContact *contact = g_ptr_array_index (contacts, i);
      gboolean has_phone = !otasuke_sheet_text_is_blank (contact->phone);
      gboolean has_mail = !otasuke_sheet_text_is_blank (contact->email);

      if (company ? (has_mail && !has_phone) : has_phone)
        first = (int) i;
    }

  if (first >= 0)
    g_ptr_array_add (ordered, g_ptr_array_index (contacts, first));
  for (guint i = 0; i < contacts->len; i++)
    if ((int) i != first)
      g_ptr_array_add (ordered, g_ptr_array_index (contacts, i));
  return ordered;
}

static void
add_contacts (Doc       *doc,
              GPtrArray *contacts,
              gboolean   company)
{
  g_autoptr(GPtrArray) defaults = NULL;
  g_autoptr(GPtrArray) ordered = NULL;

  add_block (doc, BLOCK_HEADING, _("Where to get help"), NULL);

  if (contacts == NULL || contacts->len == 0)
    contacts = defaults = default_contacts ();
  ordered = otasuke_sheet_order_contacts (contacts, company);
  contacts = ordered;

  for (guint i = 0; i < contacts->len; i++)
    {
      const OtasukeFeedContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *name = clean_or_null (contact->name, FALSE);
      g_autofree char *notes = clean_or_null (contact->notes, TRUE);
      const char *url = contact->url;

      if (name == NULL)
        continue;

      /* Only web addresses are printed as addresses. */
      if (url != NULL && !otasuke_url_is_link (url))
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

Doc *
otasuke_sheet_doc_build (OtasukeSheet                   *sheet,
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
  doc->footer_mark = g_strdup (_("Confidential: contains details of a security incident"));

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
  add_field (doc, _("Phone number"), otasuke_sheet_get_phone (sheet), FALSE, 1, FALSE);
  add_field (doc, _("Mail address"), otasuke_sheet_get_email (sheet), FALSE, 1, FALSE);
  add_declaration (doc, summary, now);

  add_block (doc, BLOCK_HEADING, _("What you want to ask"), NULL);
  add_field (doc, NULL, otasuke_sheet_get_question (sheet), TRUE, 3, FALSE);

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
  add_machine_field (doc, otasuke_sheet_get_machine (sheet));

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
  add_contacts (doc, contacts, otasuke_sheet_is_company (sheet));

  return g_steal_pointer (&doc);
}

GDateTime *
otasuke_sheet_now_or_current (GDateTime *now)
{
  return now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
}

GPtrArray *
otasuke_sheet_default_contacts (void)
{
  return default_contacts ();
}

Doc *
otasuke_sheet_doc_new (void)
{
  Doc *doc = g_new0 (Doc, 1);

  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  return doc;
}

Block *
otasuke_sheet_doc_add_block (Doc        *doc,
                             BlockKind   kind,
                             const char *label,
                             const char *text)
{
  return add_block (doc, kind, label, text);
}
