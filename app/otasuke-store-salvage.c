/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-store"

#include "config.h"

#include <sqlite3.h>

#include "otasuke-store-private.h"

/* After a damaged history file has been set aside, copies into the new one
 * whatever of the user's own records SQLite can still read from it: check
 * runs with their answers, consultation sheets, the company profile, policy
 * drafts and SECURITY ACTION records. Advisories are not copied: the feed
 * brings them again, and its replay marks are kept beside the database.
 *
 * The damaged copy is opened immutable and read-only, so not a byte of it
 * changes (a -wal beside it is not read). Each table is read from both ends
 * (rowid ascending, then descending), so the rows on either side of a
 * damaged page survive; a row that cannot be read or inserted is skipped. */

typedef struct {
  const char *table;
  const char *columns;
  const char *order;   /* a key to read along: rowid, or the primary key */
} SalvageTable;

/* Parents before children (answers need their run). The schema is the
 * current one: only a damaged copy of the same version is read. */
static const SalvageTable tables[] = {
  { "check_runs", "id, started_at, finished_at, score, checklist_version, updated_at, probe_json, "
                  "router_model, router_firmware, findings", "rowid" },
  { "check_answers", "run_id, item_id, answer, from_suggestion", "rowid" },
  { "sheets", "id, title, created_at, updated_at, fields_json", "rowid" },
  { "company_profile", "id, fields_json, updated_at", "rowid" },
  { "policy_drafts", "id, created_at, updated_at, published_at, fields_json", "rowid" },
  { "action_confirmations", "need, confirmed_at", "need" },
  { "action_declarations", "id, level, declared_on, number, recorded_at", "rowid" },
};

static guint
copy_rows (sqlite3            *from,
           sqlite3            *to,
           const SalvageTable *spec,
           const char         *direction)
{
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s %s",
                                             spec->columns, spec->table, spec->order, direction);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  guint copied = 0;
  int n, rc;

  if (sqlite3_prepare_v2 (from, select, -1, &read, NULL) != SQLITE_OK)
    {
      g_debug ("Salvage: cannot read %s: %s", spec->table, sqlite3_errmsg (from));
      return 0;
    }
  n = sqlite3_column_count (read);
  g_string_printf (insert, "INSERT OR IGNORE INTO %s (%s) VALUES (", spec->table, spec->columns);
  for (int i = 0; i < n; i++)
    g_string_append (insert, i == 0 ? "?" : ", ?");
  g_string_append (insert, ")");
  if (sqlite3_prepare_v2 (to, insert->str, -1, &write, NULL) != SQLITE_OK)
    {
      g_debug ("Salvage: cannot write %s: %s", spec->table, sqlite3_errmsg (to));
      return 0;
    }

  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      for (int i = 0; i < n; i++)
        sqlite3_bind_value (write, i + 1, sqlite3_column_value (read, i));
      /* A row that breaks a constraint (an answer whose run was lost) is left. */
      if (sqlite3_step (write) == SQLITE_DONE && sqlite3_changes (to) > 0)
        copied++;
      sqlite3_reset (write);
      sqlite3_clear_bindings (write);
    }
  if (rc != SQLITE_DONE)
    g_debug ("Salvage: %s read %s stopped: %s", spec->table, direction, sqlite3_errmsg (from));
  return copied;
}

void
otasuke_store_salvage (OtasukeStore *self,
                       const char   *damaged,
                       guint        *n_runs,
                       guint        *n_sheets)
{
  g_autofree char *absolute = g_canonicalize_filename (damaged, NULL);
  g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *uri = NULL;
  sqlite3 *from = NULL;
  sqlite3_stmt *version = NULL;
  gint64 from_version = -1;

  *n_runs = 0;
  *n_sheets = 0;
  if (file_uri == NULL)
    return;
  uri = g_strconcat (file_uri, "?immutable=1", NULL);
  if (sqlite3_open_v2 (uri, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
    {
      g_debug ("Salvage: cannot open %s: %s", damaged, from != NULL ? sqlite3_errmsg (from) : "out of memory");
      sqlite3_close (from);
      return;
    }
  if (sqlite3_prepare_v2 (from, "PRAGMA user_version", -1, &version, NULL) == SQLITE_OK &&
      sqlite3_step (version) == SQLITE_ROW)
    from_version = sqlite3_column_int64 (version, 0);
  sqlite3_finalize (version);

  if (from_version == (gint64) otasuke_store_schema_version ())
    {
      g_autoptr(GMutexLocker) locker = otasuke_store_lock (self);

      sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        {
          guint copied = copy_rows (from, self->db, &tables[t], "ASC");

          copied += copy_rows (from, self->db, &tables[t], "DESC");
          if (g_str_equal (tables[t].table, "check_runs"))
            *n_runs = copied;
          else if (g_str_equal (tables[t].table, "sheets"))
            *n_sheets = copied;
        }
      if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        {
          g_debug ("Salvage: cannot keep what was read: %s", sqlite3_errmsg (self->db));
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          *n_runs = *n_sheets = 0;
        }
    }
  else
    g_debug ("Salvage: %s is at schema %" G_GINT64_FORMAT ", not %u; nothing copied",
             damaged, from_version, otasuke_store_schema_version ());
  sqlite3_close (from);
}
