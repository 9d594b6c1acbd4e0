/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OTASUKE_APPDATA_ERROR (otasuke_appdata_error_quark ())

/* Malformed XML is reported in the G_MARKUP_ERROR domain instead. */
typedef enum {
  OTASUKE_APPDATA_ERROR_TOO_LARGE,
  OTASUKE_APPDATA_ERROR_INVALID,
} OtasukeAppdataError;

#define OTASUKE_APPDATA_MAX_SIZE (256 * 1024)

/* The untranslated values of an AppStream metainfo file; any field may be
 * NULL. release_notes is the newest release's description in the markup
 * subset AdwAboutWindow:release-notes accepts (<p>, <ul>, <ol>, <li>, <em>,
 * <code>), one block per line. */
typedef struct {
  char *id;
  char *name;
  char *summary;
  char *developer_name;
  char *homepage;
  char *project_license;
  char *release_version;
  char *release_date;
  char *release_notes;
} OtasukeAppdata;

GQuark          otasuke_appdata_error_quark (void);

OtasukeAppdata *otasuke_appdata_parse       (const char      *data,
                                             gsize            len,
                                             GError         **error);
void            otasuke_appdata_free        (OtasukeAppdata  *appdata);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeAppdata, otasuke_appdata_free)

G_END_DECLS
