/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The file system work the store does before SQLite sees a path: one
 * implementation per platform (otasuke-store-fs.c for Linux and other POSIX
 * systems, win32/otasuke-win32-store-fs.c for Windows), plain C so the
 * Windows one fits win32/. Each looks at the path itself and never at what a
 * symbolic link (or Windows reparse point) points to. Paths are in the GLib
 * file name encoding (UTF-8 on Windows). */

typedef enum {
  OTASUKE_STORE_FS_OK = 0,
  OTASUKE_STORE_FS_ABSENT,      /* nothing at the path */
  OTASUKE_STORE_FS_LINK,        /* a symbolic link or other redirection */
  OTASUKE_STORE_FS_NOT_OWNED,   /* belongs to another user */
  OTASUKE_STORE_FS_WRONG_KIND,  /* not a regular file (or, for a folder, not a folder) */
  OTASUKE_STORE_FS_SYSTEM,      /* the system refused to say: *errsv has the errno */
} OtasukeStoreFsStatus;

/* What is at @path: a folder when @want_folder, else a regular file; its
 * size goes to *size (may be NULL). */
OtasukeStoreFsStatus otasuke_store_fs_inspect      (const char *path,
                                                    int         want_folder,
                                                    long long  *size,
                                                    int        *errsv);

/* Creates @path as a new empty file only the user can use, never through a
 * link: *created is 1 when it was made now, 0 when something was already
 * there (OTASUKE_STORE_FS_OK then too; inspect it). */
OtasukeStoreFsStatus otasuke_store_fs_create_file  (const char *path,
                                                    int        *created,
                                                    int        *errsv);

/* Takes group and other permissions away from the file or folder @path, on
 * the object itself (never through a link), and only when it is the user's
 * own and has no other name. Returns 0, or an errno when it could not. */
int                  otasuke_store_fs_make_private (const char *path,
                                                    int         is_folder);

/* Whether the errno @errsv means there is no room left (a full disk or a
 * used-up quota). */
int                  otasuke_store_fs_errno_is_full (int         errsv);
