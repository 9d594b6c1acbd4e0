/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-feed"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "otasuke-feed-private.h"
#include "otasuke-text.h"
#include "otasuke-url.h"

/* The document and its fields, shared by otasuke-feed.c (the feed) and
 * otasuke-feed-item.c (items and contacts). */

/* Julian day (GDate numbering) of 1970-01-01. */
#define UNIX_EPOCH_JULIAN   719163

json_t *
otasuke_feed_load_document (const char  *data,
                            gsize        len,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  json_t *root;

  if (len > OTASUKE_FEED_MAX_BYTES)
    {
      g_set_error (error, OTASUKE_FEED_ERROR, OTASUKE_FEED_ERROR_TOO_LARGE,
                   _("The feed is larger than %u MiB."),
                   (guint) (OTASUKE_FEED_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }

  if (len == 0)
    {
      g_set_error_literal (error, OTASUKE_FEED_ERROR, OTASUKE_FEED_ERROR_SYNTAX,
                           _("The feed is empty."));
      return NULL;
    }

  /* The strict check first, then jansson: both name the place. */
  root = otasuke_json_load_strict (data, len, OTASUKE_FEED_MAX_DEPTH, &local_error);
  if (root == NULL)
    {
      gboolean too_deep = g_error_matches (local_error, OTASUKE_JSON_CHECK_ERROR,
                                           OTASUKE_JSON_CHECK_ERROR_TOO_DEEP);

      g_set_error_literal (error, OTASUKE_FEED_ERROR,
                           too_deep ? OTASUKE_FEED_ERROR_TOO_DEEP : OTASUKE_FEED_ERROR_SYNTAX,
                           local_error->message);
      return NULL;
    }

  return root;
}

void
otasuke_feed_path_push_name (Ctx        *ctx,
                             const char *name)
{
  g_assert (ctx->n_segments < PATH_MAX_SEGMENTS);
  ctx->segments[ctx->n_segments].name = name;
  ctx->segments[ctx->n_segments].index = 0;
  ctx->n_segments++;
}

void
otasuke_feed_path_push_index (Ctx   *ctx,
                              guint  index)
{
  g_assert (ctx->n_segments < PATH_MAX_SEGMENTS);
  ctx->segments[ctx->n_segments].name = NULL;
  ctx->segments[ctx->n_segments].index = index;
  ctx->n_segments++;
}

void
otasuke_feed_path_pop (Ctx *ctx)
{
  g_assert (ctx->n_segments > 0);
  ctx->n_segments--;
}

gboolean
otasuke_feed_fail (Ctx               *ctx,
                   GError           **error,
                   OtasukeFeedError   code,
                   const char        *reason)
{
  g_autoptr(GString) path = g_string_new (NULL);

  for (guint i = 0; i < ctx->n_segments; i++)
    {
      const PathSegment *segment = &ctx->segments[i];

      if (segment->name == NULL)
        g_string_append_printf (path, "[%u]", segment->index);
      else if (path->len == 0)
        g_string_append (path, segment->name);
      else
        g_string_append_printf (path, ".%s", segment->name);
    }

  if (path->len > 0)
    g_set_error (error, OTASUKE_FEED_ERROR, code, "%s: %s", path->str, reason);
  else
    g_set_error_literal (error, OTASUKE_FEED_ERROR, code, reason);
  return FALSE;
}

gboolean
otasuke_feed_fail_member (Ctx               *ctx,
                          const char        *name,
                          GError           **error,
                          OtasukeFeedError   code,
                          const char        *reason)
{
  otasuke_feed_path_push_name (ctx, name);
  otasuke_feed_fail (ctx, error, code, reason);
  otasuke_feed_path_pop (ctx);
  return FALSE;
}

gboolean
otasuke_feed_invalid (Ctx         *ctx,
                      const char  *name,
                      GError     **error,
                      const char  *reason)
{
  return otasuke_feed_fail_member (ctx, name, error, OTASUKE_FEED_ERROR_INVALID, reason);
}

void
otasuke_feed_members_init (Members *members,
                           json_t  *object)
{
  const char *name;
  json_t *node;

  members->object = object;
  members->n = 0;
  members->complete = json_object_size (object) <= MEMBERS_MAX;
  if (!members->complete)
    return;

  /* Duplicate names are one member in jansson (the last value wins). */
  json_object_foreach (object, name, node)
    {
      members->names[members->n] = name;
      members->nodes[members->n] = node;
      members->n++;
    }
}

json_t *
otasuke_feed_members_get (const Members *members,
                          const char    *name)
{
  if (!members->complete)
    return json_object_get (members->object, name);

  for (guint i = 0; i < members->n; i++)
    if (strcmp (members->names[i], name) == 0)
      return members->nodes[i];

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Field readers. Each returns FALSE with an error naming the member's path. */

gboolean
otasuke_feed_node_is_string (json_t *node)
{
  return json_is_string (node);
}

gboolean
otasuke_feed_node_is_integer (json_t *node)
{
  return json_is_integer (node);
}

gboolean
otasuke_feed_node_is_number (json_t *node)
{
  return json_is_number (node);
}

/* *out is NULL when an optional member is absent or empty. */
gboolean
otasuke_feed_read_string (Ctx            *ctx,
                          const Members  *object,
                          const char     *name,
                          gboolean        required,
                          gsize           max_bytes,
                          const char    **out,
                          GError        **error)
{
  json_t *node = otasuke_feed_members_get (object, name);
  const char *value;

  *out = NULL;

  /* Translators: this and the other short reasons follow the place in the
   * feed that is wrong, as in “items[3].title: missing”. */
  if (node == NULL)
    return required ? otasuke_feed_invalid (ctx, name, error, _("missing")) : TRUE;

  /* Translators: as in “items[3].title: not a string” */
  if (!otasuke_feed_node_is_string (node))
    return otasuke_feed_invalid (ctx, name, error, _("not a string"));

  value = json_string_value (node);
  if (strnlen (value, max_bytes + 1) > max_bytes)
    return otasuke_feed_invalid (ctx, name, error, _("too long"));

  /* Every string of a feed is shown as it is after this, so the hidden
   * characters go here, once (the node keeps the clean text). */
  if (!otasuke_text_is_clean (value))
    {
      g_autofree char *clean = otasuke_text_sanitize (value);

      if (json_string_set_nocheck (node, clean) != 0)
        g_error ("Out of memory while cleaning feed text");
      value = json_string_value (node);
    }

  if (*value == '\0')
    return required ? otasuke_feed_invalid (ctx, name, error, _("empty")) : TRUE;

  *out = value;
  return TRUE;
}

gboolean
otasuke_feed_read_title (Ctx            *ctx,
                         const Members  *object,
                         const char    **out,
                         GError        **error)
{
  const char *title;

  if (!otasuke_feed_read_string (ctx, object, "title", TRUE,
                                 OTASUKE_FEED_MAX_TITLE_CHARS * 4, &title, error))
    return FALSE;

  if (strlen (title) > OTASUKE_FEED_MAX_TITLE_CHARS &&
      g_utf8_strlen (title, -1) > OTASUKE_FEED_MAX_TITLE_CHARS)
    return otasuke_feed_invalid (ctx, "title", error, _("too long"));

  *out = title;
  return TRUE;
}

gboolean
otasuke_feed_read_url (Ctx            *ctx,
                       const Members  *object,
                       const char     *name,
                       const char    **out,
                       GError        **error)
{
  json_t *node = otasuke_feed_members_get (object, name);
  g_autoptr(GError) link_error = NULL;
  g_autoptr(GUri) link = NULL;
  const char *value;

  *out = NULL;
  if (node == NULL)
    return TRUE;

  if (!otasuke_feed_node_is_string (node))
    return otasuke_feed_invalid (ctx, name, error, _("not a string"));

  value = json_string_value (node);
  if (strnlen (value, FIELD_MAX_BYTES + 1) > FIELD_MAX_BYTES)
    return otasuke_feed_invalid (ctx, name, error, _("too long"));

  /* The same rule as where links are opened. */
  link = otasuke_url_parse_link (value, NULL, &link_error);
  if (link == NULL)
    return otasuke_feed_invalid (ctx, name, error, link_error->message);

  *out = value;
  return TRUE;
}

static gboolean
read_digits (const char *p,
             guint       n,
             guint      *out)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      value = value * 10 + (guint) (p[i] - '0');
    }

  *out = value;
  return TRUE;
}

/* YYYY-MM-DD; *julian is the GDate Julian day. */
gboolean
otasuke_feed_parse_date (const char *s,
                         guint32    *julian)
{
  guint year, month, day;
  GDate date;

  if (!read_digits (s, 4, &year) || s[4] != '-' ||
      !read_digits (s + 5, 2, &month) || s[7] != '-' ||
      !read_digits (s + 8, 2, &day))
    return FALSE;

  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  *julian = g_date_get_julian (&date);
  return TRUE;
}

/* RFC 3339 date-time: a full date, 'T', a full time with optional fraction,
 * and 'Z' or a ±hh:mm offset. Nothing else that ISO 8601 allows. */
static gboolean
parse_rfc3339 (const char *s,
               gint64     *unix_seconds)
{
  guint32 julian;
  guint hour, minute, second;
  gint64 offset = 0;
  const char *p;

  /* The shortest form is "YYYY-MM-DDTHH:MM:SSZ". */
  if (strnlen (s, 20) < 20)
    return FALSE;

  if (!otasuke_feed_parse_date (s, &julian) ||
      (s[10] != 'T' && s[10] != 't') ||
      !read_digits (s + 11, 2, &hour) || s[13] != ':' ||
      !read_digits (s + 14, 2, &minute) || s[16] != ':' ||
      !read_digits (s + 17, 2, &second))
    return FALSE;

  if (hour > 23 || minute > 59 || second > 59)
    return FALSE;

  p = s + 19;
  if (*p == '.')
    {
      guint n = 0;

      for (p++; g_ascii_isdigit (*p); p++)
        n++;
      if (n == 0 || n > 9)
        return FALSE;
    }

  if (*p == 'Z' || *p == 'z')
    {
      p++;
    }
  else if (*p == '+' || *p == '-')
    {
      guint off_hour, off_minute;

      if (strnlen (p, 6) < 6 ||
          !read_digits (p + 1, 2, &off_hour) || p[3] != ':' ||
          !read_digits (p + 4, 2, &off_minute) ||
          off_hour > 23 || off_minute > 59)
        return FALSE;
      offset = (gint64) off_hour * 3600 + off_minute * 60;
      if (*p == '-')
        offset = -offset;
      p += 6;
    }
  else
    {
      return FALSE;
    }

  if (*p != '\0')
    return FALSE;

  *unix_seconds = ((gint64) julian - UNIX_EPOCH_JULIAN) * 86400 +
                  hour * 3600 + minute * 60 + second - offset;
  return TRUE;
}

gboolean
otasuke_feed_read_date_time (Ctx            *ctx,
                             const Members  *object,
                             const char     *name,
                             gboolean        required,
                             gint64         *out,
                             GError        **error)
{
  const char *value;

  *out = 0;
  if (!otasuke_feed_read_string (ctx, object, name, required, 64, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;

  if (!parse_rfc3339 (value, out))
    return otasuke_feed_invalid (ctx, name, error, _("not an RFC 3339 date and time"));
  return TRUE;
}

gboolean
otasuke_feed_get_object (Ctx       *ctx,
                         json_t    *node,
                         Members   *out,
                         GError   **error)
{
  if (!json_is_object (node))
    return otasuke_feed_fail (ctx, error, OTASUKE_FEED_ERROR_INVALID, _("not an object"));
  otasuke_feed_members_init (out, node);
  return TRUE;
}

/* An optional array member; *out is NULL when absent. */
gboolean
otasuke_feed_read_array (Ctx            *ctx,
                         const Members  *object,
                         const char     *name,
                         json_t        **out,
                         GError        **error)
{
  json_t *node = otasuke_feed_members_get (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!json_is_array (node))
    return otasuke_feed_invalid (ctx, name, error, _("not an array"));
  *out = node;
  return TRUE;
}
