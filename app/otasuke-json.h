/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <jansson.h>

#include "otasuke-json-check.h"

G_BEGIN_DECLS

/* JSON for the whole program, on Linux and on Windows: jansson for the tree,
 * otasuke_json_check() in front of it for outside data, and one writer whose
 * output is byte for byte what the program wrote before (json-glib's format).
 *
 * Parse errors are in OTASUKE_JSON_CHECK_ERROR and their message starts with
 * the place, as in “line 3, column 14: bad number”. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (json_t, json_decref)

/* Strict: otasuke_json_check() (at most @max_depth levels, see
 * otasuke-json-check.h), then jansson. Any value may be the root. Duplicate
 * member names are accepted and the last one wins, as before. */
json_t     *otasuke_json_load_strict  (const char   *data,
                                       gsize         len,
                                       guint         max_depth,
                                       GError      **error);
/* jansson alone, for what the program wrote itself and its bundled data
 * (which have size and depth checks of their own). @len may be -1. */
json_t     *otasuke_json_load         (const char   *data,
                                       gssize        len,
                                       GError      **error);

/* Strict accessors: no conversions. They return NULL / FALSE when @object is
 * not an object, the member is absent, or it has another type. A string
 * points into the tree. */
const char *otasuke_json_get_string   (const json_t *object,
                                       const char   *name);
gboolean    otasuke_json_get_int      (const json_t *object,
                                       const char   *name,
                                       gint64       *out);
json_t     *otasuke_json_get_array    (const json_t *object,
                                       const char   *name);
json_t     *otasuke_json_get_object   (const json_t *object,
                                       const char   *name);
/* TRUE when the member is absent or null. */
gboolean    otasuke_json_is_absent    (const json_t *object,
                                       const char   *name);

/* Builders: @value NULL gives null; text that is not valid UTF-8 is repaired
 * (U+FFFD) so the output is always valid JSON. */
json_t     *otasuke_json_string_new   (const char   *value);
void        otasuke_json_set_string   (json_t       *object,
                                       const char   *name,
                                       const char   *value);
void        otasuke_json_set_int      (json_t       *object,
                                       const char   *name,
                                       gint64        value);
void        otasuke_json_set_bool     (json_t       *object,
                                       const char   *name,
                                       gboolean      value);
void        otasuke_json_set_null     (json_t       *object,
                                       const char   *name);
/* Adds @value (a new reference, as json_object_set_new) and returns it. */
json_t     *otasuke_json_set          (json_t       *object,
                                       const char   *name,
                                       json_t       *value);

/* The writer, byte for byte what json-glib 1.6 wrote (checked against it on
 * 20,000 random trees), so `otasuke --probe`, `--router-check` and the store
 * keep their format. Compact is {"a":1,"b":[]}. Pretty has an indent of two,
 * "name" : value, one member or element a line, an empty array as [] and an
 * empty object with its level's indent inside ({} at the top, {  } one level
 * down). Strings are UTF-8 as they are, with " \ and the control characters
 * escaped (\n \r \t \b \f, else \u00xx, and DEL as \u007f; json-glib left
 * U+001F raw, which is not JSON). Reals are %.17g with ".0" added when that
 * looks like an integer (json-glib also added it after an exponent). */
char       *otasuke_json_to_string    (const json_t *value,
                                       gboolean      pretty);
/* One JSON string, quotes included, appended to @out. */
void        otasuke_json_append_string (GString     *out,
                                        const char  *value);

G_END_DECLS
