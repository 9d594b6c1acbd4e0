/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-feed"

#include "config.h"

#include <string.h>

#include "otasuke-feed-private.h"

/* Items and contacts as JSON, for the store: written in the feed's own
 * format and read back with the feed's rules. Written straight into a string
 * rather than through a jansson tree: the store saves every item of a feed,
 * and this is several times faster. */

/* Appends ,"name":"value" (without the comma for the first member). */
static void
append_member (GString    *out,
               const char *name,
               const char *value)
{
  if (value == NULL)
    return;

  if (out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append (out, "\":");
  otasuke_json_append_string (out, value);
}

static void
append_date_time (GString    *out,
                  const char *name,
                  gint64      unix_seconds)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *text = NULL;

  if (unix_seconds == 0)
    return;
  date_time = g_date_time_new_from_unix_utc (unix_seconds);
  if (date_time == NULL)
    return;
  /* %Y does not pad years before 1000 to four digits. */
  text = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (date_time),
                          g_date_time_get_month (date_time),
                          g_date_time_get_day_of_month (date_time),
                          g_date_time_get_hour (date_time),
                          g_date_time_get_minute (date_time),
                          g_date_time_get_second (date_time));
  append_member (out, name, text);
}

char *
otasuke_feed_item_to_json (const OtasukeFeedItem *item)
{
  GString *out;

  g_return_val_if_fail (item != NULL, NULL);

  out = g_string_sized_new (512 + (item->content_text != NULL ? strlen (item->content_text) : 0));
  g_string_append_c (out, '{');
  append_member (out, "id", item->id);
  append_member (out, "url", item->url);
  append_member (out, "title", item->title);
  append_member (out, "content_text", item->content_text);
  append_member (out, "summary", item->summary);
  append_date_time (out, "date_published", item->date_published);
  append_date_time (out, "date_modified", item->date_modified);

  if (out->len > 1)
    g_string_append_c (out, ',');
  g_string_append (out, "\"_otasuke\":{");
  append_member (out, "severity", otasuke_severity_to_string (item->severity));
  append_member (out, "category", otasuke_category_to_string (item->category));
  g_string_append (out, ",\"checks\":[");
  for (guint i = 0; item->checks != NULL && i < item->checks->len; i++)
    {
      const OtasukeFeedCheck *check = g_ptr_array_index (item->checks, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      switch (check->type)
        {
        case OTASUKE_CHECK_BROWSER_MIN_VERSION:
          append_member (out, "type", "browser_min_version");
          append_member (out, "product", check->product);
          append_member (out, "min", check->min);
          break;

        case OTASUKE_CHECK_ROUTER_FIRMWARE:
          append_member (out, "type", "router_firmware");
          append_member (out, "vendor", check->vendor);
          append_member (out, "model", check->model);
          append_member (out, "affected_max", check->affected_max);
          append_member (out, "condition", check->condition);
          if (check->end_of_life)
            g_string_append (out, ",\"end_of_life\":true");
          break;

        case OTASUKE_CHECK_OS_END_OF_SUPPORT:
          append_member (out, "type", "os_end_of_support");
          append_member (out, "os", check->os);
          append_member (out, "version", check->version);
          append_member (out, "date", check->date);
          break;

        default:
          g_assert_not_reached ();
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}}");

  return g_string_free (out, FALSE);
}

OtasukeFeedItem *
otasuke_feed_item_from_json (const char  *json,
                             GError     **error)
{
  g_autoptr(json_t) root = NULL;
  Ctx ctx = { 0, };
  OtasukeFeedItem *item;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = otasuke_feed_load_document (json, strnlen (json, OTASUKE_FEED_MAX_BYTES + 1), error);
  if (root == NULL)
    return NULL;

  otasuke_feed_path_push_name (&ctx, "item");
  item = otasuke_feed_parse_item (&ctx, root, error);
  otasuke_feed_path_pop (&ctx);
  return item;
}

char *
otasuke_feed_contacts_to_json (GPtrArray *contacts)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      const OtasukeFeedContact *contact = g_ptr_array_index (contacts, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      append_member (out, "name", contact->name);
      append_member (out, "phone", contact->phone);
      append_member (out, "hours", contact->hours);
      append_member (out, "email", contact->email);
      append_member (out, "url", contact->url);
      append_member (out, "notes", contact->notes);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

GPtrArray *
otasuke_feed_contacts_from_json (const char  *json,
                                 GError     **error)
{
  g_autoptr(json_t) root = NULL;
  Ctx ctx = { 0, };
  GPtrArray *contacts;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = otasuke_feed_load_document (json, strnlen (json, OTASUKE_FEED_MAX_BYTES + 1), error);
  if (root == NULL)
    return NULL;

  otasuke_feed_path_push_name (&ctx, "contacts");
  contacts = otasuke_feed_parse_contacts (&ctx, root, error);
  otasuke_feed_path_pop (&ctx);
  return contacts;
}
