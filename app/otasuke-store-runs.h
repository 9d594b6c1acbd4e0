/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-check-run.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

/* Check runs in the store (tables check_runs and check_answers; schema
 * step 5 added updated_at, probe_json, router_model, router_firmware and
 * check_answers.from_suggestion). Each call is one transaction. */

/* The meta keys holding the router last entered. */
#define OTASUKE_STORE_META_ROUTER_MODEL    "router.model"
#define OTASUKE_STORE_META_ROUTER_FIRMWARE "router.firmware"

typedef struct {
  gint64  id;
  gint64  started_at;
  gint64  finished_at;
  int     score;              /* −25 … 100 */
  OtasukeScoreBand band;
  char   *checklist_version;
} OtasukeCheckRunInfo;

void             otasuke_check_run_info_free          (OtasukeCheckRunInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeCheckRunInfo, otasuke_check_run_info_free)

/* Inserts @run when its id is 0 (or its row is gone) and replaces it
 * otherwise, answers included, in one transaction. Sets the run's id and its
 * updated-at to @now. When the run has a router model, it also becomes the
 * last router entered (meta keys above), in the same transaction. */
gboolean         otasuke_store_save_check_run         (OtasukeStore     *self,
                                                       OtasukeCheckRun  *run,
                                                       gint64            now,
                                                       GError          **error);
/* NULL with no error when there is no such run. */
OtasukeCheckRun *otasuke_store_load_check_run         (OtasukeStore     *self,
                                                       gint64            id,
                                                       GError          **error);
/* The most recently updated unfinished run (to resume it); NULL with no
 * error when there is none. */
OtasukeCheckRun *otasuke_store_load_unfinished_check_run (OtasukeStore  *self,
                                                          GError       **error);
/* The finished run before run @id (by finished-at, then id), or the latest
 * finished run when @id is unfinished or 0; NULL with no error when none. */
OtasukeCheckRun *otasuke_store_load_previous_check_run (OtasukeStore    *self,
                                                        gint64           id,
                                                        GError         **error);
/* Finished runs, newest first (OtasukeCheckRunInfo*). */
GPtrArray       *otasuke_store_list_check_runs        (OtasukeStore     *self,
                                                       GError          **error);
/* Deleting a run that does not exist is not an error. */
gboolean         otasuke_store_delete_check_run       (OtasukeStore     *self,
                                                       gint64            id,
                                                       GError          **error);
/* Run @id against the finished run before it. NULL with no error when
 * either does not exist. @checklist orders the changes; may be NULL. */
OtasukeCheckRunDiff *otasuke_store_diff_check_run     (OtasukeStore     *self,
                                                       gint64            id,
                                                       OtasukeChecklist *checklist,
                                                       GError          **error);

/* The router last entered; both NULL when none. Returns FALSE on error. */
gboolean         otasuke_store_get_router             (OtasukeStore     *self,
                                                       char            **model,
                                                       char            **firmware,
                                                       GError          **error);
/* @model NULL forgets the router. */
gboolean         otasuke_store_set_router             (OtasukeStore     *self,
                                                       const char       *model,
                                                       const char       *firmware,
                                                       GError          **error);

/* The same in a worker thread, for the UI. */

/* Saves a copy of @run as it is now; finish sets the id and updated-at on @run. */
void             otasuke_store_save_check_run_async   (OtasukeStore         *self,
                                                       OtasukeCheckRun      *run,
                                                       gint64                now,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean         otasuke_store_save_check_run_finish  (OtasukeStore         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* @id 0 loads the unfinished run (to resume); NULL with no error when none. */
void             otasuke_store_load_check_run_async   (OtasukeStore         *self,
                                                       gint64                id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
OtasukeCheckRun *otasuke_store_load_check_run_finish  (OtasukeStore         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void             otasuke_store_list_check_runs_async  (OtasukeStore         *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GPtrArray       *otasuke_store_list_check_runs_finish (OtasukeStore         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* @checklist is referenced for the thread; may be NULL. */
void             otasuke_store_diff_check_run_async   (OtasukeStore         *self,
                                                       gint64                id,
                                                       OtasukeChecklist     *checklist,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
OtasukeCheckRunDiff *otasuke_store_diff_check_run_finish (OtasukeStore      *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);

G_END_DECLS
