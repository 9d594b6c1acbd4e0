/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the program's own warnings go. A user who started Otasuke from a
 * terminal (or whose desktop shows a program's output) should never read
 * GLib or GTK's warnings there: they mean nothing to them. So warnings,
 * criticals and messages go to a private log file in the data folder
 * (`otasuke.log`, 0600, kept under OTASUKE_LOG_MAX_BYTES by moving the old
 * half aside to `otasuke.log.old`), or to the journal when the program's
 * output already goes there. While the file cannot be written (no data
 * folder yet, a read-only one) lines wait in memory (bounded) and are
 * written at the next warning or at otasuke_log_flush(); they never go to
 * the terminal. Debug output asked for with G_MESSAGES_DEBUG,
 * and everything when OTASUKE_LOG=stderr, still goes to the terminal.
 * Fatal levels keep aborting as before (GLib does that after the writer), and
 * are shown on the terminal too: errors, and what G_DEBUG makes fatal. */

#define OTASUKE_LOG_MAX_BYTES (256 * 1024)

/* Installs the writer for the whole process, logging into @path (NULL: the
 * data folder's otasuke.log). Call once, early in main(). */
void                 otasuke_log_install               (const char *path);

/* Writes what waited for the log file, if it can be written now; main()
 * calls it as the program ends. */
void                 otasuke_log_flush                 (void);

/* The log file in use, or NULL before otasuke_log_install(). */
const char          *otasuke_log_get_path              (void);

G_END_DECLS
