/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-company-profile.h"
#include "otasuke-policy.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

/* What SECURITY ACTION needs kept (app/otasuke-security-action.h decides
 * readiness from it): the one company profile, the policy drafts, the user's
 * own confirmations of the five principles and the declarations made. Each
 * call is one transaction; the _async variants run it in a worker thread on
 * a copy of the input. */

typedef struct {
  gint64  id;
  int     level;        /* 1 (★) or 2 (★★) */
  char   *declared_on;  /* "YYYY-MM-DD" */
  char   *number;       /* IPA's 自己宣言ID, as typed; may be "" */
  gint64  recorded_at;
} OtasukeDeclaration;

OtasukeDeclaration    *otasuke_declaration_copy                  (const OtasukeDeclaration *declaration);
void                   otasuke_declaration_free                  (OtasukeDeclaration    *declaration);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeDeclaration, otasuke_declaration_free)

/* An empty profile when none was saved yet. */
OtasukeCompanyProfile *otasuke_store_load_company_profile        (OtasukeStore                 *self,
                                                                  GError                      **error);
gboolean               otasuke_store_save_company_profile        (OtasukeStore                 *self,
                                                                  const OtasukeCompanyProfile  *profile,
                                                                  gint64                        now,
                                                                  GError                      **error);

/* Policy drafts, most recently updated first (OtasukePolicy*). */
GPtrArray             *otasuke_store_list_policies               (OtasukeStore                 *self,
                                                                  GError                      **error);
/* @id 0: the most recent draft. NULL with no error when there is none. */
OtasukePolicy         *otasuke_store_load_policy                 (OtasukeStore                 *self,
                                                                  gint64                        id,
                                                                  GError                      **error);
/* Inserts when the id is 0 (or its row is gone), else updates; sets the
 * id, updated_at to @now and created_at the first time. */
gboolean               otasuke_store_save_policy                 (OtasukeStore                 *self,
                                                                  OtasukePolicy                *policy,
                                                                  gint64                        now,
                                                                  GError                      **error);
gboolean               otasuke_store_delete_policy               (OtasukeStore                 *self,
                                                                  gint64                        id,
                                                                  GError                      **error);

/* The principles the user confirmed ("principle-sharing", …), sorted. */
GStrv                  otasuke_store_list_action_confirmations   (OtasukeStore                 *self,
                                                                  GError                      **error);
gboolean               otasuke_store_set_action_confirmation     (OtasukeStore                 *self,
                                                                  const char                   *need_id,
                                                                  gboolean                      confirmed,
                                                                  gint64                        now,
                                                                  GError                      **error);

/* @level 1 or 2, @declared_on "YYYY-MM-DD"; anything else is refused with a message. */
gboolean               otasuke_store_add_declaration             (OtasukeStore                 *self,
                                                                  int                           level,
                                                                  const char                   *declared_on,
                                                                  const char                   *number,
                                                                  gint64                        now,
                                                                  GError                      **error);
/* The latest declaration (by date, then when recorded); NULL with no error when none. */
OtasukeDeclaration    *otasuke_store_load_latest_declaration     (OtasukeStore                 *self,
                                                                  GError                      **error);

/* The writes in a worker thread, for the UI. */
void                   otasuke_store_save_company_profile_async  (OtasukeStore                 *self,
                                                                  const OtasukeCompanyProfile  *profile,
                                                                  gint64                        now,
                                                                  GCancellable                 *cancellable,
                                                                  GAsyncReadyCallback           callback,
                                                                  gpointer                      user_data);
gboolean               otasuke_store_save_company_profile_finish (OtasukeStore                 *self,
                                                                  GAsyncResult                 *result,
                                                                  GError                      **error);
void                   otasuke_store_load_company_profile_async  (OtasukeStore                 *self,
                                                                  GCancellable                 *cancellable,
                                                                  GAsyncReadyCallback           callback,
                                                                  gpointer                      user_data);
OtasukeCompanyProfile *otasuke_store_load_company_profile_finish (OtasukeStore                 *self,
                                                                  GAsyncResult                 *result,
                                                                  GError                      **error);
/* Saves a copy of @policy; finish gives the id and created-at it was saved with. */
void                   otasuke_store_save_policy_async           (OtasukeStore                 *self,
                                                                  OtasukePolicy                *policy,
                                                                  gint64                        now,
                                                                  GCancellable                 *cancellable,
                                                                  GAsyncReadyCallback           callback,
                                                                  gpointer                      user_data);
gboolean               otasuke_store_save_policy_finish          (OtasukeStore                 *self,
                                                                  GAsyncResult                 *result,
                                                                  gint64                       *out_id,
                                                                  gint64                       *out_created_at,
                                                                  GError                      **error);
void                   otasuke_store_set_action_confirmation_async  (OtasukeStore              *self,
                                                                     const char                *need_id,
                                                                     gboolean                   confirmed,
                                                                     gint64                     now,
                                                                     GCancellable              *cancellable,
                                                                     GAsyncReadyCallback        callback,
                                                                     gpointer                   user_data);
gboolean               otasuke_store_set_action_confirmation_finish (OtasukeStore              *self,
                                                                     GAsyncResult              *result,
                                                                     GError                   **error);
void                   otasuke_store_add_declaration_async       (OtasukeStore                 *self,
                                                                  int                           level,
                                                                  const char                   *declared_on,
                                                                  const char                   *number,
                                                                  gint64                        now,
                                                                  GCancellable                 *cancellable,
                                                                  GAsyncReadyCallback           callback,
                                                                  gpointer                      user_data);
gboolean               otasuke_store_add_declaration_finish      (OtasukeStore                 *self,
                                                                  GAsyncResult                 *result,
                                                                  GError                      **error);

G_END_DECLS
