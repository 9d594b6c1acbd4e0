/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define OTASUKE_STORE_ERROR (otasuke_store_error_quark ())

typedef enum {
  OTASUKE_STORE_ERROR_FAILED,     /* anything else; message says what */
  OTASUKE_STORE_ERROR_CANT_OPEN,  /* the file or its folder cannot be created or opened */
  OTASUKE_STORE_ERROR_READ_ONLY,  /* the disk or folder does not allow writing */
  OTASUKE_STORE_ERROR_FULL,       /* the disk is full */
  OTASUKE_STORE_ERROR_CORRUPT,    /* the file is damaged */
  OTASUKE_STORE_ERROR_TOO_NEW,    /* written by a newer Otasuke; left untouched */
  OTASUKE_STORE_ERROR_BUSY,       /* locked by another process for too long */
} OtasukeStoreError;

#define OTASUKE_TYPE_STORE (otasuke_store_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeStore, otasuke_store, OTASUKE, STORE, GObject)

typedef struct {
  gint64 last_check_at;        /* unix seconds, 0 = never */
  int last_check_score;        /* -1 when there is no finished check */
  gint64 last_feed_success_at; /* unix seconds, 0 = never */
  guint n_check_runs;
} OtasukeStoreSummary;

GQuark        otasuke_store_error_quark          (void);
char         *otasuke_store_default_path         (void);
guint         otasuke_store_schema_version       (void);

OtasukeStore *otasuke_store_open                 (const char           *path,
                                                  GError              **error);
void          otasuke_store_open_async           (const char           *path,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
OtasukeStore *otasuke_store_open_finish          (GAsyncResult         *result,
                                                  GError              **error);

const char   *otasuke_store_get_path             (OtasukeStore         *self);
const char   *otasuke_store_get_recovered_path   (OtasukeStore         *self);
const char   *otasuke_store_get_recovery_reason  (OtasukeStore         *self);
guint         otasuke_store_get_user_version     (OtasukeStore         *self);

gint64        otasuke_store_add_check_run        (OtasukeStore         *self,
                                                  gint64                started_at,
                                                  gint64                finished_at,
                                                  int                   score,
                                                  const char           *checklist_version,
                                                  GError              **error);
gboolean      otasuke_store_set_meta             (OtasukeStore         *self,
                                                  const char           *key,
                                                  const char           *value,
                                                  GError              **error);
char         *otasuke_store_get_meta             (OtasukeStore         *self,
                                                  const char           *key,
                                                  GError              **error);
gboolean      otasuke_store_get_summary          (OtasukeStore         *self,
                                                  OtasukeStoreSummary  *summary,
                                                  GError              **error);
void          otasuke_store_get_summary_async    (OtasukeStore         *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      otasuke_store_get_summary_finish   (OtasukeStore         *self,
                                                  GAsyncResult         *result,
                                                  OtasukeStoreSummary  *summary,
                                                  GError              **error);
gboolean      otasuke_store_check_integrity      (OtasukeStore         *self,
                                                  GError              **error);
gboolean      otasuke_store_is_read_only         (OtasukeStore         *self);
const char   *otasuke_store_get_read_only_reason (OtasukeStore         *self);

/* For tests only. */
guint         otasuke_store_set_max_page_count_for_testing (OtasukeStore  *self,
                                                            guint          max_pages,
                                                            GError       **error);
char         *otasuke_store_dup_pragma_for_testing         (OtasukeStore  *self,
                                                            const char    *pragma,
                                                            GError       **error);

G_END_DECLS
