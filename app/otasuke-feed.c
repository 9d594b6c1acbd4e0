/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-feed"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "otasuke-feed-private.h"

/* The feed as a whole: JSON Feed 1 / 1.1 with the `_otasuke` extension. The
 * raw document is checked in otasuke-feed-fields.c, items and contacts are
 * read in otasuke-feed-item.c. */

G_DEFINE_QUARK (otasuke-feed-error-quark, otasuke_feed_error)

static gboolean
parse_schema (Ctx            *ctx,
              const Members  *extension,
              guint          *schema,
              GError        **error)
{
  json_t *node = otasuke_feed_members_get (extension, "schema");
  double value;

  if (node == NULL)
    return otasuke_feed_invalid (ctx, "schema", error, _("missing"));
  if (!otasuke_feed_node_is_number (node))
    return otasuke_feed_invalid (ctx, "schema", error, _("not a number"));

  if (otasuke_feed_node_is_integer (node) && json_integer_value (node) == 1)
    {
      *schema = 1;
      return TRUE;
    }

  value = json_number_value (node);
  if (value > 1)
    return otasuke_feed_invalid (ctx, "schema", error,
                                 _("this feed needs a newer version of Otasuke"));
  return otasuke_feed_invalid (ctx, "schema", error, _("not a supported schema"));
}

static gboolean
parse_sequence (Ctx            *ctx,
                const Members  *extension,
                gint64         *sequence,
                GError        **error)
{
  json_t *node = otasuke_feed_members_get (extension, "sequence");
  gint64 value;

  if (node == NULL)
    return otasuke_feed_invalid (ctx, "sequence", error, _("missing"));
  if (!otasuke_feed_node_is_integer (node))
    return otasuke_feed_invalid (ctx, "sequence", error, _("not an integer"));

  value = json_integer_value (node);
  if (value < 0)
    return otasuke_feed_invalid (ctx, "sequence", error, _("negative"));
  /* Beyond 2^53 other JSON readers lose precision. */
  if (value > (G_GINT64_CONSTANT (1) << 53))
    return otasuke_feed_invalid (ctx, "sequence", error, _("too large"));

  *sequence = value;
  return TRUE;
}

static gboolean
parse_feed_extension (Ctx          *ctx,
                      json_t       *node,
                      OtasukeFeed  *feed,
                      GError      **error)
{
  Members members;
  const Members *object = &members;
  json_t *contacts;

  if (!otasuke_feed_get_object (ctx, node, &members, error) ||
      !parse_schema (ctx, object, &feed->schema, error) ||
      !parse_sequence (ctx, object, &feed->sequence, error) ||
      !otasuke_feed_read_date_time (ctx, object, "generated", TRUE, &feed->generated, error) ||
      !otasuke_feed_read_date_time (ctx, object, "expires", TRUE, &feed->expires, error))
    return FALSE;

  if (feed->expires < feed->generated)
    return otasuke_feed_invalid (ctx, "expires", error, _("earlier than generated"));

  contacts = otasuke_feed_members_get (object, "contacts");
  if (contacts != NULL)
    {
      otasuke_feed_path_push_name (ctx, "contacts");
      g_ptr_array_unref (feed->contacts);
      feed->contacts = otasuke_feed_parse_contacts (ctx, contacts, error);
      otasuke_feed_path_pop (ctx);
      if (feed->contacts == NULL)
        return FALSE;
    }

  return TRUE;
}

static OtasukeFeed *
parse_feed (json_t    *root,
            GError   **error)
{
  g_autoptr(OtasukeFeed) feed = g_new0 (OtasukeFeed, 1);
  g_autoptr(GHashTable) ids = NULL;
  Ctx ctx = { 0, };
  Members members;
  const Members *object = &members;
  json_t *node;
  json_t *items;
  const char *version;
  const char *value;
  guint n_items;

  feed->items = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_feed_item_free);
  feed->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_feed_contact_free);

  if (!json_is_object (root))
    {
      g_set_error_literal (error, OTASUKE_FEED_ERROR, OTASUKE_FEED_ERROR_NOT_A_FEED,
                           _("This is not a JSON Feed: the document is not an object."));
      return NULL;
    }
  otasuke_feed_members_init (&members, root);

  node = otasuke_feed_members_get (object, "version");
  if (node == NULL)
    {
      otasuke_feed_fail_member (&ctx, "version", error, OTASUKE_FEED_ERROR_NOT_A_FEED,
                                _("missing"));
      return NULL;
    }
  version = json_string_value (node);
  if (version == NULL ||
      (strcmp (version, "https://jsonfeed.org/version/1") != 0 &&
       strcmp (version, "https://jsonfeed.org/version/1.1") != 0))
    {
      otasuke_feed_fail_member (&ctx, "version", error, OTASUKE_FEED_ERROR_NOT_A_FEED,
                                _("not a JSON Feed version"));
      return NULL;
    }

  node = otasuke_feed_members_get (object, "items");
  if (node == NULL || !json_is_array (node))
    {
      otasuke_feed_fail_member (&ctx, "items", error, OTASUKE_FEED_ERROR_NOT_A_FEED,
                                node == NULL ? _("missing") : _("not an array"));
      return NULL;
    }
  items = node;
  n_items = json_array_size (items);
  if (n_items > OTASUKE_FEED_MAX_ITEMS)
    {
      g_autofree char *reason = g_strdup_printf (_("more than %u items"),
                                                 (guint) OTASUKE_FEED_MAX_ITEMS);
      otasuke_feed_fail_member (&ctx, "items", error, OTASUKE_FEED_ERROR_TOO_LARGE, reason);
      return NULL;
    }

  /* A plain JSON Feed is recognised as such before our own rules apply. */
  node = otasuke_feed_members_get (object, "_otasuke");
  if (node == NULL)
    {
      otasuke_feed_fail_member (&ctx, "_otasuke", error, OTASUKE_FEED_ERROR_MISSING_EXTENSION,
                                _("missing"));
      return NULL;
    }

  otasuke_feed_path_push_name (&ctx, "_otasuke");
  if (!parse_feed_extension (&ctx, node, feed, error))
    return NULL;
  otasuke_feed_path_pop (&ctx);

  if (!otasuke_feed_read_title (&ctx, object, &value, error))
    return NULL;
  feed->title = g_strdup (value);

  if (!otasuke_feed_read_url (&ctx, object, "home_page_url", &value, error))
    return NULL;
  feed->home_page_url = g_strdup (value);

  /* Keys point into the parsed document, which outlives the table. */
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.ids = ids;

  otasuke_feed_path_push_name (&ctx, "items");
  for (guint i = 0; i < n_items; i++)
    {
      OtasukeFeedItem *item;

      otasuke_feed_path_push_index (&ctx, i);
      item = otasuke_feed_parse_item (&ctx, json_array_get (items, i), error);
      otasuke_feed_path_pop (&ctx);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (feed->items, item);
    }
  otasuke_feed_path_pop (&ctx);

  return g_steal_pointer (&feed);
}

OtasukeFeed *
otasuke_feed_parse (const char  *data,
                    gsize        len,
                    GError     **error)
{
  g_autoptr(json_t) root = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = otasuke_feed_load_document (data != NULL ? data : "", len, error);
  if (root == NULL)
    return NULL;

  return parse_feed (root, error);
}

void
otasuke_feed_free (OtasukeFeed *feed)
{
  if (feed == NULL)
    return;

  g_free (feed->title);
  g_free (feed->home_page_url);
  g_clear_pointer (&feed->items, g_ptr_array_unref);
  g_clear_pointer (&feed->contacts, g_ptr_array_unref);
  g_free (feed);
}

gboolean
otasuke_feed_is_expired (const OtasukeFeed *feed,
                         gint64             now)
{
  g_return_val_if_fail (feed != NULL, TRUE);

  return now >= feed->expires;
}
