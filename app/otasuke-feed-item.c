/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-feed"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "otasuke-feed-private.h"
#include "otasuke-html-text.h"
#include "otasuke-text.h"
#include "otasuke-version.h"

/* Items (with their checks) and contacts: parsing, copying, freeing. */

#define MAX_CHECKS          64     /* per item */
#define MAX_CONTACTS        64

static const char * const severity_names[] = {
  [OTASUKE_SEVERITY_INFO] = "info",
  [OTASUKE_SEVERITY_LOW] = "low",
  [OTASUKE_SEVERITY_MEDIUM] = "medium",
  [OTASUKE_SEVERITY_HIGH] = "high",
  [OTASUKE_SEVERITY_CRITICAL] = "critical",
};

static const char * const category_names[] = {
  [OTASUKE_CATEGORY_BROWSER] = "browser",
  [OTASUKE_CATEGORY_ROUTER] = "router",
  [OTASUKE_CATEGORY_OS] = "os",
  [OTASUKE_CATEGORY_MALWARE] = "malware",
  [OTASUKE_CATEGORY_INCIDENT] = "incident",
  [OTASUKE_CATEGORY_DOMAIN] = "domain",
  [OTASUKE_CATEGORY_GENERAL] = "general",
};

static const char * const browser_products[] = {
  "chrome", "chromium", "firefox", "edge", "brave", "vivaldi",
};

void
otasuke_feed_check_free (OtasukeFeedCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->product);
  g_free (check->min);
  g_free (check->vendor);
  g_free (check->model);
  g_free (check->affected_max);
  g_free (check->condition);
  g_free (check->os);
  g_free (check->version);
  g_free (check->date);
  g_free (check);
}

OtasukeFeedCheck *
otasuke_feed_check_copy (const OtasukeFeedCheck *check)
{
  OtasukeFeedCheck *copy = g_new0 (OtasukeFeedCheck, 1);

  copy->type = check->type;
  copy->product = g_strdup (check->product);
  copy->min = g_strdup (check->min);
  copy->vendor = g_strdup (check->vendor);
  copy->model = g_strdup (check->model);
  copy->affected_max = g_strdup (check->affected_max);
  copy->condition = g_strdup (check->condition);
  copy->end_of_life = check->end_of_life;
  copy->os = g_strdup (check->os);
  copy->version = g_strdup (check->version);
  copy->date = g_strdup (check->date);
  return copy;
}

void
otasuke_feed_contact_free (OtasukeFeedContact *contact)
{
  if (contact == NULL)
    return;

  g_free (contact->name);
  g_free (contact->phone);
  g_free (contact->hours);
  g_free (contact->email);
  g_free (contact->url);
  g_free (contact->notes);
  g_free (contact);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeFeedContact, otasuke_feed_contact_free)

static gboolean
read_version (Ctx            *ctx,
              const Members  *object,
              const char     *name,
              char          **out,
              GError        **error)
{
  const char *value;

  if (!otasuke_feed_read_string (ctx, object, name, TRUE, SHORT_MAX_BYTES, &value, error))
    return FALSE;
  if (!otasuke_version_is_valid (value))
    return otasuke_feed_invalid (ctx, name, error, _("not a version"));
  *out = g_strdup (value);
  return TRUE;
}

static gboolean
read_short (Ctx            *ctx,
            const Members  *object,
            const char     *name,
            gboolean        required,
            char          **out,
            GError        **error)
{
  const char *value;

  if (!otasuke_feed_read_string (ctx, object, name, required, SHORT_MAX_BYTES, &value, error))
    return FALSE;
  *out = g_strdup (value);
  return TRUE;
}

/* *out stays NULL for a check type we do not know: those are skipped. */
static gboolean
parse_check (Ctx                *ctx,
             json_t             *node,
             OtasukeFeedCheck  **out,
             GError            **error)
{
  g_autoptr(OtasukeFeedCheck) check = g_new0 (OtasukeFeedCheck, 1);
  Members members;
  const Members *object = &members;
  const char *type;
  json_t *eol;

  *out = NULL;
  if (!otasuke_feed_get_object (ctx, node, &members, error) ||
      !otasuke_feed_read_string (ctx, object, "type", TRUE, SHORT_MAX_BYTES, &type, error))
    return FALSE;

  if (strcmp (type, "browser_min_version") == 0)
    {
      const char *product;
      gboolean known = FALSE;

      check->type = OTASUKE_CHECK_BROWSER_MIN_VERSION;
      if (!otasuke_feed_read_string (ctx, object, "product", TRUE, SHORT_MAX_BYTES, &product,
                                     error))
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (browser_products); i++)
        known |= strcmp (product, browser_products[i]) == 0;
      if (!known)
        return otasuke_feed_invalid (ctx, "product", error, _("not a known browser"));
      check->product = g_strdup (product);
      if (!read_version (ctx, object, "min", &check->min, error))
        return FALSE;
    }
  else if (strcmp (type, "router_firmware") == 0)
    {
      check->type = OTASUKE_CHECK_ROUTER_FIRMWARE;
      if (!read_short (ctx, object, "vendor", TRUE, &check->vendor, error) ||
          !read_short (ctx, object, "model", TRUE, &check->model, error) ||
          !read_version (ctx, object, "affected_max", &check->affected_max, error) ||
          !read_short (ctx, object, "condition", FALSE, &check->condition, error))
        return FALSE;
      eol = otasuke_feed_members_get (object, "end_of_life");
      if (eol != NULL && !json_is_null (eol) && !json_is_boolean (eol))
        return otasuke_feed_invalid (ctx, "end_of_life", error, _("not true or false"));
      check->end_of_life = eol != NULL && json_is_true (eol);
    }
  else if (strcmp (type, "os_end_of_support") == 0)
    {
      const char *date;
      guint32 julian;

      check->type = OTASUKE_CHECK_OS_END_OF_SUPPORT;
      if (!read_short (ctx, object, "os", TRUE, &check->os, error) ||
          !read_short (ctx, object, "version", TRUE, &check->version, error) ||
          !otasuke_feed_read_string (ctx, object, "date", TRUE, SHORT_MAX_BYTES, &date, error))
        return FALSE;
      if (strlen (date) != 10 || !otasuke_feed_parse_date (date, &julian))
        return otasuke_feed_invalid (ctx, "date", error, _("not a date (YYYY-MM-DD)"));
      check->date = g_strdup (date);
    }
  else
    {
      return TRUE;
    }

  *out = g_steal_pointer (&check);
  return TRUE;
}

static gboolean
parse_item_extension (Ctx              *ctx,
                      json_t           *node,
                      OtasukeFeedItem  *item,
                      GError          **error)
{
  Members members;
  const Members *object = &members;
  json_t *checks;
  const char *value;
  guint n_checks;

  if (!otasuke_feed_get_object (ctx, node, &members, error))
    return FALSE;

  if (!otasuke_feed_read_string (ctx, object, "severity", TRUE, SHORT_MAX_BYTES, &value, error))
    return FALSE;
  if (!otasuke_severity_from_string (value, &item->severity))
    return otasuke_feed_invalid (ctx, "severity", error, _("not a known severity"));

  if (!otasuke_feed_read_string (ctx, object, "category", TRUE, SHORT_MAX_BYTES, &value, error))
    return FALSE;
  if (!otasuke_category_from_string (value, &item->category))
    return otasuke_feed_invalid (ctx, "category", error, _("not a known category"));

  if (!otasuke_feed_read_array (ctx, object, "checks", &checks, error))
    return FALSE;
  if (checks == NULL)
    return TRUE;

  n_checks = json_array_size (checks);
  if (n_checks > MAX_CHECKS)
    return otasuke_feed_invalid (ctx, "checks", error, _("too many checks"));

  otasuke_feed_path_push_name (ctx, "checks");
  for (guint i = 0; i < n_checks; i++)
    {
      OtasukeFeedCheck *check = NULL;
      gboolean ok;

      otasuke_feed_path_push_index (ctx, i);
      ok = parse_check (ctx, json_array_get (checks, i), &check, error);
      otasuke_feed_path_pop (ctx);
      if (!ok)
        {
          otasuke_feed_path_pop (ctx);
          return FALSE;
        }
      if (check != NULL)
        g_ptr_array_add (item->checks, check);
    }
  otasuke_feed_path_pop (ctx);

  return TRUE;
}

static OtasukeFeedItem *
item_new (void)
{
  OtasukeFeedItem *item = g_new0 (OtasukeFeedItem, 1);

  item->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_feed_check_free);
  return item;
}

/* The one set of rules for an item, whether it comes in a feed or from the store. */
OtasukeFeedItem *
otasuke_feed_parse_item (Ctx       *ctx,
                         json_t    *node,
                         GError   **error)
{
  g_autoptr(OtasukeFeedItem) item = item_new ();
  g_autofree char *text = NULL;
  Members members;
  const Members *object = &members;
  json_t *extension;
  const char *value;
  const char *html;

  if (!otasuke_feed_get_object (ctx, node, &members, error))
    return NULL;

  if (!otasuke_feed_read_string (ctx, object, "id", TRUE, FIELD_MAX_BYTES, &value, error))
    return NULL;
  item->id = g_strdup (value);

  if (ctx->ids != NULL)
    {
      if (!g_hash_table_add (ctx->ids, (gpointer) value))
        {
          otasuke_feed_invalid (ctx, "id", error, _("duplicate id"));
          return NULL;
        }
    }

  extension = otasuke_feed_members_get (object, "_otasuke");
  if (extension == NULL)
    {
      otasuke_feed_fail_member (ctx, "_otasuke", error, OTASUKE_FEED_ERROR_MISSING_EXTENSION,
                                _("missing"));
      return NULL;
    }

  if (!otasuke_feed_read_url (ctx, object, "url", &value, error))
    return NULL;
  item->url = g_strdup (value);

  if (!otasuke_feed_read_title (ctx, object, &value, error))
    return NULL;
  item->title = g_strdup (value);

  if (!otasuke_feed_read_string (ctx, object, "content_text", FALSE,
                                 OTASUKE_FEED_MAX_CONTENT_BYTES, &value, error) ||
      !otasuke_feed_read_string (ctx, object, "content_html", FALSE,
                                 OTASUKE_FEED_MAX_CONTENT_BYTES, &html, error))
    return NULL;
  if (value != NULL)
    {
      item->content_text = g_strdup (value);
    }
  else if (html != NULL)
    {
      g_autofree char *decoded = otasuke_html_to_text (html, -1);

      /* Character references can spell what the string itself did not hold. */
      text = otasuke_text_sanitize (decoded);
      if (*text == '\0')
        {
          otasuke_feed_invalid (ctx, "content_html", error, _("no text"));
          return NULL;
        }
      item->content_text = g_steal_pointer (&text);
    }
  else
    {
      otasuke_feed_fail (ctx, error, OTASUKE_FEED_ERROR_INVALID,
                         _("no content_text or content_html"));
      return NULL;
    }

  if (!otasuke_feed_read_string (ctx, object, "summary", FALSE, FIELD_MAX_BYTES, &value, error))
    return NULL;
  item->summary = g_strdup (value);

  if (!otasuke_feed_read_date_time (ctx, object, "date_published", FALSE,
                                    &item->date_published, error) ||
      !otasuke_feed_read_date_time (ctx, object, "date_modified", FALSE,
                                    &item->date_modified, error))
    return NULL;

  otasuke_feed_path_push_name (ctx, "_otasuke");
  if (!parse_item_extension (ctx, extension, item, error))
    {
      otasuke_feed_path_pop (ctx);
      return NULL;
    }
  otasuke_feed_path_pop (ctx);

  return g_steal_pointer (&item);
}

static OtasukeFeedContact *
parse_contact (Ctx       *ctx,
               json_t    *node,
               GError   **error)
{
  g_autoptr(OtasukeFeedContact) contact = g_new0 (OtasukeFeedContact, 1);
  Members members;
  const Members *object = &members;
  const char *value;

  if (!otasuke_feed_get_object (ctx, node, &members, error))
    return NULL;

#define READ_FIELD(field, required) \
  G_STMT_START { \
    if (!otasuke_feed_read_string (ctx, object, #field, required, FIELD_MAX_BYTES, &value, error)) \
      return NULL; \
    contact->field = g_strdup (value); \
  } G_STMT_END

  READ_FIELD (name, TRUE);
  READ_FIELD (phone, FALSE);
  READ_FIELD (hours, FALSE);
  READ_FIELD (email, FALSE);
#undef READ_FIELD

  if (!otasuke_feed_read_url (ctx, object, "url", &value, error))
    return NULL;
  contact->url = g_strdup (value);

  if (!otasuke_feed_read_string (ctx, object, "notes", FALSE, FIELD_MAX_BYTES, &value, error))
    return NULL;
  contact->notes = g_strdup (value);

  return g_steal_pointer (&contact);
}

/* The current path names the contacts array itself. */
GPtrArray *
otasuke_feed_parse_contacts (Ctx       *ctx,
                             json_t    *node,
                             GError   **error)
{
  g_autoptr(GPtrArray) contacts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_feed_contact_free);
  json_t *array;
  guint n;

  if (!json_is_array (node))
    {
      otasuke_feed_fail (ctx, error, OTASUKE_FEED_ERROR_INVALID, _("not an array"));
      return NULL;
    }

  array = node;
  n = json_array_size (array);
  if (n > MAX_CONTACTS)
    {
      otasuke_feed_fail (ctx, error, OTASUKE_FEED_ERROR_INVALID, _("too many contacts"));
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      OtasukeFeedContact *contact;

      otasuke_feed_path_push_index (ctx, i);
      contact = parse_contact (ctx, json_array_get (array, i), error);
      otasuke_feed_path_pop (ctx);
      if (contact == NULL)
        return NULL;
      g_ptr_array_add (contacts, contact);
    }

  return g_steal_pointer (&contacts);
}

OtasukeFeedItem *
otasuke_feed_item_copy (const OtasukeFeedItem *item)
{
  OtasukeFeedItem *copy;

  g_return_val_if_fail (item != NULL, NULL);

  copy = item_new ();
  copy->id = g_strdup (item->id);
  copy->url = g_strdup (item->url);
  copy->title = g_strdup (item->title);
  copy->content_text = g_strdup (item->content_text);
  copy->summary = g_strdup (item->summary);
  copy->date_published = item->date_published;
  copy->date_modified = item->date_modified;
  copy->severity = item->severity;
  copy->category = item->category;
  if (item->checks != NULL)
    for (guint i = 0; i < item->checks->len; i++)
      g_ptr_array_add (copy->checks, otasuke_feed_check_copy (g_ptr_array_index (item->checks, i)));

  return copy;
}

void
otasuke_feed_item_free (OtasukeFeedItem *item)
{
  if (item == NULL)
    return;

  g_free (item->id);
  g_free (item->url);
  g_free (item->title);
  g_free (item->content_text);
  g_free (item->summary);
  g_clear_pointer (&item->checks, g_ptr_array_unref);
  g_free (item);
}

static gboolean
find_name (const char * const *names,
           guint               n_names,
           const char         *text,
           guint              *index)
{
  for (guint i = 0; text != NULL && i < n_names; i++)
    {
      if (strcmp (text, names[i]) == 0)
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
otasuke_severity_to_string (OtasukeSeverity severity)
{
  g_return_val_if_fail ((guint) severity < G_N_ELEMENTS (severity_names), NULL);

  return severity_names[severity];
}

gboolean
otasuke_severity_from_string (const char      *text,
                              OtasukeSeverity *severity)
{
  guint i;

  if (!find_name (severity_names, G_N_ELEMENTS (severity_names), text, &i))
    return FALSE;
  if (severity != NULL)
    *severity = (OtasukeSeverity) i;
  return TRUE;
}

const char *
otasuke_category_to_string (OtasukeCategory category)
{
  g_return_val_if_fail ((guint) category < G_N_ELEMENTS (category_names), NULL);

  return category_names[category];
}

gboolean
otasuke_category_from_string (const char      *text,
                              OtasukeCategory *category)
{
  guint i;

  if (!find_name (category_names, G_N_ELEMENTS (category_names), text, &i))
    return FALSE;
  if (category != NULL)
    *category = (OtasukeCategory) i;
  return TRUE;
}
