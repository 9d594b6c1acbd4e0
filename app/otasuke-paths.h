/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where Otasuke keeps its data and how it keeps it private to the user: the
 * platform seam for files. app/otasuke-paths-unix.c: $XDG_DATA_HOME/otasuke,
 * modes 0700 and 0600. win32/otasuke-paths-win32.c: %LOCALAPPDATA%\otasuke\,
 * an access list for the user (and SYSTEM) alone. */

/* The folder of the database, the feed cache and everything else of ours.
 * Honours XDG_DATA_HOME on both platforms (the tests use it). */
char                *otasuke_paths_get_data_dir        (void);
/* The message catalogues: LOCALEDIR on Linux, <install folder>\share\locale
 * beside the program on Windows (wherever the MSI put it). */
char                *otasuke_paths_get_locale_dir      (void);

/* Flags to add to O_RDWR | O_CREAT | O_EXCL when creating a private file
 * (O_CLOEXEC | O_NOFOLLOW where they exist, O_BINARY on Windows). */
int                  otasuke_paths_create_flags        (void);
/* Flags to add to O_RDONLY when reading a file that may turn out to be
 * something else (a FIFO must not wait for a writer): O_NONBLOCK | O_CLOEXEC
 * | O_NOCTTY on Unix, O_BINARY | O_NOINHERIT on Windows. */
int                  otasuke_paths_read_flags          (void);
/* Takes away what others may do with @path when they may do anything: the
 * group/other bits (Unix), or an inherited access list (Windows). With
 * @own_only, only a file the user owns is changed. Failures are logged. */
void                 otasuke_paths_restrict            (const char *path,
                                                        gboolean    is_folder,
                                                        gboolean    own_only);

G_END_DECLS
