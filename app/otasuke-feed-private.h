/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-json.h"

#include "otasuke-feed.h"

G_BEGIN_DECLS

/* Shared by the otasuke-feed*.c files only: reading the document, the path
 * an error names, and the field readers that apply the same rules to a feed
 * and to what the store keeps. */

/* Bounds for strings without a limit of their own in otasuke-feed.h. */
#define FIELD_MAX_BYTES     2048   /* ids, urls, summaries, contact details */
#define SHORT_MAX_BYTES     256    /* product, vendor, model, versions, … */
#define PATH_MAX_SEGMENTS   8

/* Where we are in the document, so an error can name the path
 * ("items[3]._otasuke.checks[0].min") without building strings for every
 * field of every item. */

typedef struct {
  const char *name;   /* NULL for an array index */
  guint       index;
} PathSegment;

typedef struct {
  PathSegment  segments[PATH_MAX_SEGMENTS];
  guint        n_segments;
  GHashTable  *ids;  /* item ids seen so far; NULL outside a whole feed */
} Ctx;

/* The members of one object, read in a single pass: far cheaper than a hash
 * lookup per field when walking thousands of small objects. Objects with
 * more members than we keep fall back to lookups. */
#define MEMBERS_MAX 16

typedef struct {
  json_t     *object;
  guint       n;
  gboolean    complete;
  const char *names[MEMBERS_MAX];
  json_t     *nodes[MEMBERS_MAX];
} Members;

/* Size, emptiness and otasuke_json_load_strict(); a new reference. */
json_t   *otasuke_feed_load_document   (const char        *data,
                                        gsize              len,
                                        GError           **error);

void      otasuke_feed_path_push_name  (Ctx               *ctx,
                                        const char        *name);
void      otasuke_feed_path_push_index (Ctx               *ctx,
                                        guint              index);
void      otasuke_feed_path_pop        (Ctx               *ctx);
/* These set an error prefixed with the current path (plus @name) and return FALSE. */
gboolean  otasuke_feed_fail            (Ctx               *ctx,
                                        GError           **error,
                                        OtasukeFeedError   code,
                                        const char        *reason);
gboolean  otasuke_feed_fail_member     (Ctx               *ctx,
                                        const char        *name,
                                        GError           **error,
                                        OtasukeFeedError   code,
                                        const char        *reason);
/* The usual case: OTASUKE_FEED_ERROR_INVALID for member @name. */
gboolean  otasuke_feed_invalid         (Ctx               *ctx,
                                        const char        *name,
                                        GError           **error,
                                        const char        *reason);

void      otasuke_feed_members_init    (Members           *members,
                                        json_t            *object);
json_t   *otasuke_feed_members_get     (const Members     *members,
                                        const char        *name);

gboolean  otasuke_feed_node_is_string  (json_t            *node);
gboolean  otasuke_feed_node_is_integer (json_t            *node);
gboolean  otasuke_feed_node_is_number  (json_t            *node);

/* Field readers. Each returns FALSE with an error naming the member's path;
 * strings point into the document. */
gboolean  otasuke_feed_get_object      (Ctx               *ctx,
                                        json_t            *node,
                                        Members           *out,
                                        GError           **error);
gboolean  otasuke_feed_read_string     (Ctx               *ctx,
                                        const Members     *object,
                                        const char        *name,
                                        gboolean           required,
                                        gsize              max_bytes,
                                        const char       **out,
                                        GError           **error);
gboolean  otasuke_feed_read_title      (Ctx               *ctx,
                                        const Members     *object,
                                        const char       **out,
                                        GError           **error);
gboolean  otasuke_feed_read_url        (Ctx               *ctx,
                                        const Members     *object,
                                        const char        *name,
                                        const char       **out,
                                        GError           **error);
gboolean  otasuke_feed_read_date_time  (Ctx               *ctx,
                                        const Members     *object,
                                        const char        *name,
                                        gboolean           required,
                                        gint64            *out,
                                        GError           **error);
gboolean  otasuke_feed_read_array      (Ctx               *ctx,
                                        const Members     *object,
                                        const char        *name,
                                        json_t           **out,
                                        GError           **error);
/* YYYY-MM-DD; *julian is the GDate Julian day. */
gboolean  otasuke_feed_parse_date      (const char        *s,
                                        guint32           *julian);

/* Items and contacts (otasuke-feed-item.c), with the same rules in a feed
 * and from the store. */
OtasukeFeedItem *otasuke_feed_parse_item     (Ctx        *ctx,
                                              json_t     *node,
                                              GError    **error);
/* The current path names the contacts array itself. */
GPtrArray       *otasuke_feed_parse_contacts (Ctx        *ctx,
                                              json_t     *node,
                                              GError    **error);
void             otasuke_feed_contact_free   (OtasukeFeedContact *contact);

G_END_DECLS
