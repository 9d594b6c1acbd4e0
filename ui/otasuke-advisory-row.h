/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-advisory.h"

G_BEGIN_DECLS

#define OTASUKE_TYPE_ADVISORY_ROW (otasuke_advisory_row_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeAdvisoryRow, otasuke_advisory_row, OTASUKE, ADVISORY_ROW, GtkWidget)

GtkWidget       *otasuke_advisory_row_new                  (void);
OtasukeAdvisory *otasuke_advisory_row_get_advisory         (OtasukeAdvisoryRow *self);
void             otasuke_advisory_row_set_advisory         (OtasukeAdvisoryRow *self,
                                                            OtasukeAdvisory    *advisory);

/* Shared with the detail view, so both name things the same way. */
const char      *otasuke_advisory_row_severity_label       (OtasukeSeverity     severity);
const char      *otasuke_advisory_row_severity_css_class   (OtasukeSeverity     severity);
const char      *otasuke_advisory_row_category_label       (OtasukeCategory     category);
/* A date without the time, in the user's language; NULL for 0. */
char            *otasuke_advisory_row_format_date          (gint64              unix_seconds);

G_END_DECLS
