/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A strict JSON check in one linear pass, for outside data before jansson
 * parses it (otasuke_json_load_strict()): RFC 8259 syntax only, valid UTF-8
 * without a byte order mark, no NUL (raw or \u0000), no unpaired surrogate
 * escapes, integers that fit in 64 bits, other numbers that fit in a double,
 * and at most @max_depth nested arrays and objects. Errors are in
 * OTASUKE_JSON_CHECK_ERROR; their message starts with the place, as in
 * “line 3, column 14: bad number”. */

#define OTASUKE_JSON_CHECK_ERROR (otasuke_json_check_error_quark ())

typedef enum {
  OTASUKE_JSON_CHECK_ERROR_SYNTAX,    /* not strict JSON, not UTF-8, or contains NUL */
  OTASUKE_JSON_CHECK_ERROR_TOO_DEEP,  /* nested more than max_depth levels */
} OtasukeJsonCheckError;

GQuark   otasuke_json_check_error_quark (void);

gboolean otasuke_json_check             (const char  *data,
                                         gsize        len,
                                         guint        max_depth,
                                         GError     **error);

G_END_DECLS
