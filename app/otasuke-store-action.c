/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-action"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "otasuke-store-action.h"
#include "otasuke-store-private.h"

#define MAX_JSON_BYTES   (2 * 1024 * 1024)
#define MAX_NUMBER_BYTES 64

static const char * const known_needs[] = {
  "principle-updates", "principle-antivirus", "principle-passwords",
  "principle-sharing", "principle-threats",
};

/* Declarations */

OtasukeDeclaration *
otasuke_declaration_copy (const OtasukeDeclaration *declaration)
{
  OtasukeDeclaration *copy;

  g_return_val_if_fail (declaration != NULL, NULL);

  copy = g_new0 (OtasukeDeclaration, 1);
  *copy = *declaration;
  copy->declared_on = g_strdup (declaration->declared_on);
  copy->number = g_strdup (declaration->number);
  return copy;
}

void
otasuke_declaration_free (OtasukeDeclaration *declaration)
{
  if (declaration == NULL)
    return;
  g_free (declaration->declared_on);
  g_free (declaration->number);
  g_free (declaration);
}

/* The company profile: one row */

OtasukeCompanyProfile *
otasuke_store_load_company_profile (OtasukeStore  *self,
                                    GError       **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  {
    g_autoptr(GMutexLocker) locker = otasuke_store_lock (self);
    g_autoptr(sqlite3_stmt) stmt = otasuke_store_prepare (self,
                                                          "SELECT fields_json FROM company_profile WHERE id = 1",
                                                          error);
    int rc;

    if (stmt == NULL)
      return NULL;
    rc = otasuke_store_step (self, stmt, error);
    if (rc == SQLITE_DONE)
      return otasuke_company_profile_new ();
    if (rc != SQLITE_ROW)
      return NULL;
    if (sqlite3_column_bytes (stmt, 0) > MAX_JSON_BYTES)
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("The saved company details are too large to read."));
        return NULL;
      }
    json = otasuke_store_column_dup_text (stmt, 0);
  }

  return otasuke_company_profile_from_json (json != NULL ? json : "{}", error);
}

gboolean
otasuke_store_save_company_profile (OtasukeStore                 *self,
                                    const OtasukeCompanyProfile  *profile,
                                    gint64                        now,
                                    GError                      **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  json = otasuke_company_profile_to_json (profile);
  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;
  stmt = otasuke_store_prepare (self,
                                "INSERT INTO company_profile (id, fields_json, updated_at) VALUES (1, ?, ?) "
                                "ON CONFLICT (id) DO UPDATE SET fields_json = excluded.fields_json, "
                                "updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    {
      otasuke_store_rollback (self);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  if (otasuke_store_step (self, stmt, error) != SQLITE_DONE)
    {
      otasuke_store_rollback (self);
      return FALSE;
    }
  return otasuke_store_commit (self, error);
}

/* Policy drafts */

#define POLICY_COLUMNS "id, created_at, updated_at, published_at, fields_json"

static GPtrArray *
query_policies (OtasukeStore  *self,
                const char    *sql,
                gint64         id,
                GError       **error)
{
  g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_policy_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64) * 4);

  {
    g_autoptr(GMutexLocker) locker = otasuke_store_lock (self);
    g_autoptr(sqlite3_stmt) stmt = otasuke_store_prepare (self, sql, error);
    int rc;

    if (stmt == NULL)
      return NULL;
    if (id > 0)
      sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = otasuke_store_step (self, stmt, error)) == SQLITE_ROW)
      {
        gint64 values[4] = {
          sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
          sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
        };

        if (sqlite3_column_bytes (stmt, 4) > MAX_JSON_BYTES)
          {
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 _("The saved policy draft is too large to open."));
            return NULL;
          }
        g_array_append_vals (ids, values, 1);
        g_ptr_array_add (rows, otasuke_store_column_dup_text (stmt, 4));
      }
    if (rc != SQLITE_DONE)
      return NULL;
  }

  /* Parsed outside the lock. */
  for (guint i = 0; i < rows->len; i++)
    {
      const gint64 *values = (const gint64 *) (ids->data + i * sizeof (gint64) * 4);
      g_autoptr(OtasukePolicy) policy = NULL;
      const char *json = g_ptr_array_index (rows, i);

      policy = otasuke_policy_new ();
      if (!otasuke_policy_fields_from_json (policy, json != NULL ? json : "{}", error))
        return NULL;
      policy->id = values[0];
      policy->created_at = values[1];
      policy->updated_at = values[2];
      policy->published_at = values[3];
      g_ptr_array_add (policies, g_steal_pointer (&policy));
    }
  return g_steal_pointer (&policies);
}

GPtrArray *
otasuke_store_list_policies (OtasukeStore  *self,
                             GError       **error)
{
  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  return query_policies (self, "SELECT " POLICY_COLUMNS " FROM policy_drafts "
                               "ORDER BY updated_at DESC, id DESC", 0, error);
}

OtasukePolicy *
otasuke_store_load_policy (OtasukeStore  *self,
                           gint64         id,
                           GError       **error)
{
  g_autoptr(GPtrArray) policies = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  if (id > 0)
    policies = query_policies (self, "SELECT " POLICY_COLUMNS " FROM policy_drafts WHERE id = ?", id, error);
  else
    policies = query_policies (self, "SELECT " POLICY_COLUMNS " FROM policy_drafts "
                                     "ORDER BY updated_at DESC, id DESC LIMIT 1", 0, error);
  if (policies == NULL || policies->len == 0)
    return NULL;
  return g_ptr_array_steal_index (policies, 0);
}

gboolean
otasuke_store_save_policy (OtasukeStore   *self,
                           OtasukePolicy  *policy,
                           gint64          now,
                           GError        **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = 0;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  json = otasuke_policy_to_json (policy);
  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;

  if (policy->id > 0)
    {
      stmt = otasuke_store_prepare (self, "UPDATE policy_drafts SET updated_at = ?, published_at = ?, "
                                          "fields_json = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, now);
      if (policy->published_at > 0)
        sqlite3_bind_int64 (stmt, 2, policy->published_at);
      else
        sqlite3_bind_null (stmt, 2);
      sqlite3_bind_text (stmt, 3, json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, policy->id);
      if (otasuke_store_step (self, stmt, error) != SQLITE_DONE)
        goto failed;
      if (sqlite3_changes (self->db) > 0)
        id = policy->id;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  if (id == 0)
    {
      stmt = otasuke_store_prepare (self, "INSERT INTO policy_drafts (id, created_at, updated_at, published_at, "
                                          "fields_json) VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto failed;
      if (policy->id > 0)
        sqlite3_bind_int64 (stmt, 1, policy->id);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, policy->created_at > 0 ? policy->created_at : now);
      sqlite3_bind_int64 (stmt, 3, now);
      if (policy->published_at > 0)
        sqlite3_bind_int64 (stmt, 4, policy->published_at);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_text (stmt, 5, json, -1, SQLITE_TRANSIENT);
      if (otasuke_store_step (self, stmt, error) != SQLITE_DONE)
        goto failed;
      id = sqlite3_last_insert_rowid (self->db);
    }

  if (!otasuke_store_commit (self, error))
    return FALSE;

  policy->id = id;
  if (policy->created_at <= 0)
    policy->created_at = now;
  policy->updated_at = now;
  return TRUE;

failed:
  otasuke_store_rollback (self);
  return FALSE;
}

gboolean
otasuke_store_delete_policy (OtasukeStore  *self,
                             gint64         id,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);

  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;
  if (!otasuke_store_exec_with_id (self, "DELETE FROM policy_drafts WHERE id = ?", id, error))
    {
      otasuke_store_rollback (self);
      return FALSE;
    }
  return otasuke_store_commit (self, error);
}

/* Confirmations */

GStrv
otasuke_store_list_action_confirmations (OtasukeStore  *self,
                                         GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  locker = otasuke_store_lock (self);
  stmt = otasuke_store_prepare (self, "SELECT need FROM action_confirmations ORDER BY need", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = otasuke_store_step (self, stmt, error)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return NULL;
  return g_strv_builder_end (builder);
}

gboolean
otasuke_store_set_action_confirmation (OtasukeStore  *self,
                                       const char    *need_id,
                                       gboolean       confirmed,
                                       gint64         now,
                                       GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);
  g_return_val_if_fail (need_id != NULL, FALSE);

  if (!g_strv_contains (known_needs, need_id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not one of the five principles."), need_id);
      return FALSE;
    }

  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;
  stmt = otasuke_store_prepare (self, confirmed
                                      ? "INSERT OR REPLACE INTO action_confirmations (need, confirmed_at) VALUES (?, ?)"
                                      : "DELETE FROM action_confirmations WHERE need = ?", error);
  if (stmt == NULL)
    {
      otasuke_store_rollback (self);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, need_id, -1, SQLITE_TRANSIENT);
  if (confirmed)
    sqlite3_bind_int64 (stmt, 2, now);
  if (otasuke_store_step (self, stmt, error) != SQLITE_DONE)
    {
      otasuke_store_rollback (self);
      return FALSE;
    }
  return otasuke_store_commit (self, error);
}

/* Declarations */

gboolean
otasuke_store_add_declaration (OtasukeStore  *self,
                               int            level,
                               const char    *declared_on,
                               const char    *number,
                               gint64         now,
                               GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_number = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), FALSE);

  if (level != 1 && level != 2)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose one star or two stars."));
      return FALSE;
    }
  if (!otasuke_policy_date_is_valid (declared_on))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the date of the declaration as year-month-day, for example 2026-04-01."));
      return FALSE;
    }
  clean_number = g_strstrip (g_utf8_make_valid (number != NULL ? number : "", -1));
  if (strlen (clean_number) > MAX_NUMBER_BYTES)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The declaration number is too long: copy it from IPA’s mail."));
      return FALSE;
    }

  locker = otasuke_store_lock (self);
  if (!otasuke_store_begin (self, error))
    return FALSE;
  stmt = otasuke_store_prepare (self, "INSERT INTO action_declarations (level, declared_on, number, recorded_at) "
                                      "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    {
      otasuke_store_rollback (self);
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, level);
  sqlite3_bind_text (stmt, 2, declared_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clean_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now);
  if (otasuke_store_step (self, stmt, error) != SQLITE_DONE)
    {
      otasuke_store_rollback (self);
      return FALSE;
    }
  return otasuke_store_commit (self, error);
}

OtasukeDeclaration *
otasuke_store_load_latest_declaration (OtasukeStore  *self,
                                       GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  OtasukeDeclaration *declaration;

  g_return_val_if_fail (OTASUKE_IS_STORE (self), NULL);

  locker = otasuke_store_lock (self);
  stmt = otasuke_store_prepare (self, "SELECT id, level, declared_on, number, recorded_at FROM action_declarations "
                                      "ORDER BY declared_on DESC, recorded_at DESC, id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  if (otasuke_store_step (self, stmt, error) != SQLITE_ROW)
    return NULL;

  declaration = g_new0 (OtasukeDeclaration, 1);
  declaration->id = sqlite3_column_int64 (stmt, 0);
  declaration->level = sqlite3_column_int (stmt, 1);
  declaration->declared_on = otasuke_store_column_dup_text (stmt, 2);
  declaration->number = otasuke_store_column_dup_text (stmt, 3);
  declaration->recorded_at = sqlite3_column_int64 (stmt, 4);
  if (declaration->number == NULL)
    declaration->number = g_strdup ("");
  return declaration;
}

/* Async */

typedef struct {
  gint64 now;
  OtasukeCompanyProfile *profile;
  OtasukePolicy *copy;
  char *text;
  char *number;
  int level;
  gboolean flag;
} Op;

static void
op_free (Op *op)
{
  g_clear_pointer (&op->profile, otasuke_company_profile_free);
  g_clear_pointer (&op->copy, otasuke_policy_free);
  g_free (op->text);
  g_free (op->number);
  g_free (op);
}

static void
save_profile_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;
  gboolean ok = otasuke_store_save_company_profile (source_object, op->profile, op->now, &error);

  otasuke_store_task_return_boolean (task, ok, error);
}

void
otasuke_store_save_company_profile_async (OtasukeStore                *self,
                                          const OtasukeCompanyProfile *profile,
                                          gint64                       now,
                                          GCancellable                *cancellable,
                                          GAsyncReadyCallback          callback,
                                          gpointer                     user_data)
{
  Op *op;

  g_return_if_fail (OTASUKE_IS_STORE (self));
  g_return_if_fail (profile != NULL);

  op = g_new0 (Op, 1);
  op->now = now;
  op->profile = otasuke_company_profile_copy (profile);
  otasuke_store_run_in_thread (self, otasuke_store_save_company_profile_async, op, (GDestroyNotify) op_free,
                               save_profile_in_thread, cancellable, callback, user_data);
}

gboolean
otasuke_store_save_company_profile_finish (OtasukeStore  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return otasuke_store_propagate_boolean (self, result, otasuke_store_save_company_profile_async, error);
}

void
otasuke_store_load_company_profile_async (OtasukeStore        *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (OTASUKE_IS_STORE (self));

  otasuke_store_get_in_thread (self, otasuke_store_load_company_profile_async, (OtasukeStoreGetter) otasuke_store_load_company_profile,
                               (GDestroyNotify) otasuke_company_profile_free, cancellable, callback, user_data);
}

OtasukeCompanyProfile *
otasuke_store_load_company_profile_finish (OtasukeStore  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return otasuke_store_propagate_pointer (self, result, otasuke_store_load_company_profile_async, error);
}

static void
save_policy_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;
  gboolean ok = otasuke_store_save_policy (source_object, op->copy, op->now, &error);

  otasuke_store_task_return_boolean (task, ok, error);
}

void
otasuke_store_save_policy_async (OtasukeStore        *self,
                                 OtasukePolicy       *policy,
                                 gint64               now,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Op *op;

  g_return_if_fail (OTASUKE_IS_STORE (self));
  g_return_if_fail (policy != NULL);

  op = g_new0 (Op, 1);
  op->now = now;
  op->copy = otasuke_policy_copy (policy);
  otasuke_store_run_in_thread (self, otasuke_store_save_policy_async, op, (GDestroyNotify) op_free,
                               save_policy_in_thread, cancellable, callback, user_data);
}

gboolean
otasuke_store_save_policy_finish (OtasukeStore  *self,
                                  GAsyncResult  *result,
                                  gint64        *out_id,
                                  gint64        *out_created_at,
                                  GError       **error)
{
  Op *op;

  if (!otasuke_store_propagate_boolean (self, result, otasuke_store_save_policy_async, error))
    return FALSE;
  op = g_task_get_task_data (G_TASK (result));
  if (out_id != NULL)
    *out_id = op->copy->id;
  if (out_created_at != NULL)
    *out_created_at = op->copy->created_at;
  return TRUE;
}

static void
confirm_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;
  gboolean ok = otasuke_store_set_action_confirmation (source_object, op->text, op->flag, op->now, &error);

  otasuke_store_task_return_boolean (task, ok, error);
}

void
otasuke_store_set_action_confirmation_async (OtasukeStore        *self,
                                             const char          *need_id,
                                             gboolean             confirmed,
                                             gint64               now,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  Op *op;

  g_return_if_fail (OTASUKE_IS_STORE (self));
  g_return_if_fail (need_id != NULL);

  op = g_new0 (Op, 1);
  op->now = now;
  op->text = g_strdup (need_id);
  op->flag = confirmed;
  otasuke_store_run_in_thread (self, otasuke_store_set_action_confirmation_async, op, (GDestroyNotify) op_free,
                               confirm_in_thread, cancellable, callback, user_data);
}

gboolean
otasuke_store_set_action_confirmation_finish (OtasukeStore  *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  return otasuke_store_propagate_boolean (self, result, otasuke_store_set_action_confirmation_async, error);
}

static void
declare_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;
  gboolean ok = otasuke_store_add_declaration (source_object, op->level, op->text, op->number, op->now, &error);

  otasuke_store_task_return_boolean (task, ok, error);
}

void
otasuke_store_add_declaration_async (OtasukeStore        *self,
                                     int                  level,
                                     const char          *declared_on,
                                     const char          *number,
                                     gint64               now,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  Op *op;

  g_return_if_fail (OTASUKE_IS_STORE (self));

  op = g_new0 (Op, 1);
  op->now = now;
  op->level = level;
  op->text = g_strdup (declared_on);
  op->number = g_strdup (number);
  otasuke_store_run_in_thread (self, otasuke_store_add_declaration_async, op, (GDestroyNotify) op_free,
                               declare_in_thread, cancellable, callback, user_data);
}

gboolean
otasuke_store_add_declaration_finish (OtasukeStore  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return otasuke_store_propagate_boolean (self, result, otasuke_store_add_declaration_async, error);
}
