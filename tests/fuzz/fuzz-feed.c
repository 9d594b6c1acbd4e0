/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-fuzz-feed"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "otasuke-feed.h"
#include "otasuke-text.h"

/* libFuzzer target: any bytes either fail with a feed error or give a feed
 * whose text holds nothing hidden (otasuke_text_is_clean()) and whose every
 * item and contact list survives to_json → from_json unchanged.
 * Built and run by build-aux/fuzz.sh. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
assert_text (const char *text)
{
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

/* Feed text as it will be shown: valid, and nothing hidden in it (issue #10). */
static void
assert_shown_text (const char *text)
{
  assert_text (text);
  g_assert_true (otasuke_text_is_clean (text));
}

static void
assert_items_equal (const OtasukeFeedItem *a,
                    const OtasukeFeedItem *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->url, ==, b->url);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->content_text, ==, b->content_text);
  g_assert_cmpstr (a->summary, ==, b->summary);
  g_assert_cmpint (a->date_published, ==, b->date_published);
  g_assert_cmpint (a->date_modified, ==, b->date_modified);
  g_assert_cmpint (a->severity, ==, b->severity);
  g_assert_cmpint (a->category, ==, b->category);
  g_assert_cmpuint (a->checks->len, ==, b->checks->len);

  for (guint i = 0; i < a->checks->len; i++)
    {
      const OtasukeFeedCheck *x = g_ptr_array_index (a->checks, i);
      const OtasukeFeedCheck *y = g_ptr_array_index (b->checks, i);

      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpstr (x->product, ==, y->product);
      g_assert_cmpstr (x->min, ==, y->min);
      g_assert_cmpstr (x->vendor, ==, y->vendor);
      g_assert_cmpstr (x->model, ==, y->model);
      g_assert_cmpstr (x->affected_max, ==, y->affected_max);
      g_assert_cmpstr (x->condition, ==, y->condition);
      g_assert_cmpstr (x->os, ==, y->os);
      g_assert_cmpstr (x->version, ==, y->version);
      g_assert_cmpstr (x->date, ==, y->date);
    }
}

static void
check_feed (const OtasukeFeed *feed)
{
  g_autofree char *contacts_json = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (feed->schema, ==, 1);
  g_assert_cmpint (feed->sequence, >=, 0);
  g_assert_cmpint (feed->expires, >=, feed->generated);
  g_assert_cmpuint (feed->items->len, <=, OTASUKE_FEED_MAX_ITEMS);
  assert_shown_text (feed->title);

  for (guint i = 0; i < feed->items->len; i++)
    {
      const OtasukeFeedItem *item = g_ptr_array_index (feed->items, i);
      g_autoptr(OtasukeFeedItem) copy = otasuke_feed_item_copy (item);
      g_autofree char *json = otasuke_feed_item_to_json (item);
      g_autoptr(OtasukeFeedItem) again = NULL;

      g_assert_nonnull (item->id);
      g_assert_nonnull (item->title);
      g_assert_nonnull (item->content_text);
      assert_shown_text (item->title);
      assert_shown_text (item->content_text);
      assert_shown_text (item->summary);
      g_assert_cmpuint (strlen (item->content_text), <=, OTASUKE_FEED_MAX_CONTENT_BYTES);
      g_assert_cmpuint (g_utf8_strlen (item->title, -1), <=, OTASUKE_FEED_MAX_TITLE_CHARS);
      g_assert_true (item->url == NULL || g_ascii_strncasecmp (item->url, "http", 4) == 0);

      again = otasuke_feed_item_from_json (json, &error);
      g_assert_no_error (error);
      g_assert_nonnull (again);
      g_assert_cmpstr (again->id, ==, item->id);
      assert_items_equal (item, again);
      assert_items_equal (item, copy);
    }

  contacts_json = otasuke_feed_contacts_to_json (feed->contacts);
  contacts = otasuke_feed_contacts_from_json (contacts_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, feed->contacts->len);
  for (guint i = 0; i < contacts->len; i++)
    {
      const OtasukeFeedContact *a = g_ptr_array_index (feed->contacts, i);
      const OtasukeFeedContact *b = g_ptr_array_index (contacts, i);

      assert_shown_text (a->name);
      assert_shown_text (a->notes);

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->phone, ==, b->phone);
      g_assert_cmpstr (a->hours, ==, b->hours);
      g_assert_cmpstr (a->email, ==, b->email);
      g_assert_cmpstr (a->url, ==, b->url);
      g_assert_cmpstr (a->notes, ==, b->notes);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(OtasukeFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  feed = otasuke_feed_parse ((const char *) data, size, &error);
  if (feed == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == OTASUKE_FEED_ERROR);
      assert_text (error->message);
    }
  else
    {
      g_assert_no_error (error);
      check_feed (feed);
    }
  g_clear_error (&error);

  /* The same bytes as one stored item or contact list: must not crash either. */
  text = g_strndup ((const char *) data, size);
  {
    g_autoptr(OtasukeFeedItem) item = otasuke_feed_item_from_json (text, &error);

    g_assert_true ((item == NULL) == (error != NULL));
    if (item != NULL)
      {
        g_autofree char *json = otasuke_feed_item_to_json (item);
        g_autoptr(OtasukeFeedItem) again = otasuke_feed_item_from_json (json, NULL);

        g_assert_nonnull (again);
        assert_items_equal (item, again);
      }
    g_clear_error (&error);
  }
  {
    g_autoptr(GPtrArray) contacts = otasuke_feed_contacts_from_json (text, &error);

    g_assert_true ((contacts == NULL) == (error != NULL));
  }

  return 0;
}
