/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-log"

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "otasuke-log.h"
#include "otasuke-paths.h"

/* Lines kept while the log file cannot be written (no data folder yet, a
 * read-only one), written out at the next chance; bounded. */
#define PENDING_MAX_BYTES (64 * 1024)

static char *log_path;
static gboolean to_terminal;
static GMutex log_lock;
static GString *pending;
/* Levels that end the program: errors, and what G_DEBUG makes fatal. The
 * old g_log() API hands them on without G_LOG_FLAG_FATAL, so the writer
 * cannot tell from the flag alone. */
static GLogLevelFlags fatal_levels = G_LOG_LEVEL_ERROR;

const char *
otasuke_log_get_path (void)
{
  return log_path;
}

/* Appends one line; the file is created private, and an oversized one is
 * moved aside first so the log never grows without bound. */
static gboolean
append_line (const char *line)
{
  GStatBuf st;
  int fd;
  FILE *file;
  gsize len = strlen (line);
  gboolean ok;

  if (g_lstat (log_path, &st) == 0 && st.st_size > OTASUKE_LOG_MAX_BYTES)
    {
      g_autofree char *old = g_strconcat (log_path, ".old", NULL);

      g_rename (log_path, old);
    }
  fd = g_open (log_path, O_WRONLY | O_APPEND | O_CREAT | otasuke_paths_create_flags (), 0600);
  if (fd < 0)
    return FALSE;
  file = fdopen (fd, "ab");
  if (file == NULL)
    {
      g_close (fd, NULL);
      return FALSE;
    }
  ok = fwrite (line, 1, len, file) == len;
  return fclose (file) == 0 && ok;
}

/* With the lock held: appends what waited and then @line (may be NULL);
 * what cannot be written yet waits, the oldest dropped past the bound. */
static void
keep_line (const char *line)
{
  if (pending != NULL && pending->len > 0 && append_line (pending->str))
    g_string_truncate (pending, 0);
  if (line == NULL)
    return;
  if ((pending == NULL || pending->len == 0) && append_line (line))
    return;

  if (pending == NULL)
    pending = g_string_new (NULL);
  g_string_append (pending, line);
  if (pending->len > PENDING_MAX_BYTES)
    {
      const char *cut = strchr (pending->str + (pending->len - PENDING_MAX_BYTES), '\n');

      g_string_erase (pending, 0, cut != NULL ? cut + 1 - pending->str : (gssize) pending->len);
    }
}

static GLogWriterOutput
writer (GLogLevelFlags   level,
        const GLogField *fields,
        gsize            n_fields,
        gpointer         user_data)
{
  g_autofree char *line = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  const char *domain = NULL;
  const char *message = NULL;

  if (to_terminal || (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) != 0)
    return g_log_writer_default (level, fields, n_fields, user_data);
  /* A service whose output is the journal already keeps it out of sight. */
  if (g_log_writer_is_journald (fileno (stderr)))
    return g_log_writer_default (level, fields, n_fields, user_data);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
        message = fields[i].value;
    }
  now = g_date_time_new_now_local ();
  stamp = g_date_time_format_iso8601 (now);
  line = g_strdup_printf ("%s %s %s: %s\n", stamp,
                          (level & G_LOG_LEVEL_ERROR) ? "ERROR" :
                          (level & G_LOG_LEVEL_CRITICAL) ? "CRITICAL" :
                          (level & G_LOG_LEVEL_WARNING) ? "WARNING" : "MESSAGE",
                          domain != NULL ? domain : "-", message != NULL ? message : "");

  g_mutex_lock (&log_lock);
  keep_line (line);
  g_mutex_unlock (&log_lock);
  /* Fatal ones end the program: they always show. Otherwise a line with
   * nowhere to go yet (no data folder, a read-only one, a full disk) waits
   * in memory, never on the user's terminal (issue #10). */
  if ((level & (G_LOG_FLAG_FATAL | fatal_levels)) != 0)
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

void
otasuke_log_flush (void)
{
  if (log_path == NULL)
    return;

  g_mutex_lock (&log_lock);
  keep_line (NULL);
  g_mutex_unlock (&log_lock);
}

void
otasuke_log_install (const char *path)
{
  const char *wanted = g_getenv ("OTASUKE_LOG");

  g_return_if_fail (log_path == NULL);

  if (path != NULL)
    log_path = g_strdup (path);
  else
    {
      /* Not created here: the store makes (and checks) the folder. Until it
       * exists, an append fails and the line goes to the terminal. */
      g_autofree char *dir = otasuke_paths_get_data_dir ();

      log_path = g_build_filename (dir, "otasuke.log", NULL);
    }
  to_terminal = g_strcmp0 (wanted, "stderr") == 0;
  {
    static const GDebugKey keys[] = {
      { "fatal-warnings", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL },
      { "fatal-criticals", G_LOG_LEVEL_CRITICAL },
    };

    fatal_levels = G_LOG_LEVEL_ERROR | g_parse_debug_string (g_getenv ("G_DEBUG"), keys, G_N_ELEMENTS (keys));
  }
  g_log_set_writer_func (writer, NULL, NULL);
}
