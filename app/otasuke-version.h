/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OTASUKE_VERSION_ERROR (otasuke_version_error_quark ())

typedef enum {
  OTASUKE_VERSION_ERROR_EMPTY,
  OTASUKE_VERSION_ERROR_INVALID,
  OTASUKE_VERSION_ERROR_TOO_LARGE,
} OtasukeVersionError;

GQuark   otasuke_version_error_quark (void);

/* Compares two version strings part by part (see REFERENCE.md "Versions").
 * Returns TRUE and stores -1, 0 or 1 in *result, or FALSE with an error
 * when either string cannot be read. */
gboolean otasuke_version_compare     (const char  *a,
                                      const char  *b,
                                      int         *result,
                                      GError     **error);
gboolean otasuke_version_is_valid    (const char  *version);
/* The readable version normalised: "Ver.02.95" -> "2.95"; NULL if unreadable. */
char    *otasuke_version_normalize   (const char  *version);
gboolean otasuke_version_is_esr      (const char  *version);

G_END_DECLS
