/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's file system work on Windows; see app/otasuke-store-fs.h.
 * Plain C over the Win32 API like the rest of win32/. A reparse point
 * (symbolic link, junction) counts as a link. Files under the user's
 * profile inherit an ACL that only the user (and administrators) can use,
 * so there is no owner to compare and no mode to take away. */

#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <errno.h>
#include <stdlib.h>

#include "../app/otasuke-paths.h"
#include "../app/otasuke-store-fs.h"

static wchar_t *
to_wide (const char *utf8)
{
  int n = MultiByteToWideChar (CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, NULL, 0);
  wchar_t *wide;

  if (n <= 0)
    return NULL;
  wide = malloc ((size_t) n * sizeof *wide);
  if (wide != NULL && MultiByteToWideChar (CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, wide, n) != n)
    {
      free (wide);
      wide = NULL;
    }
  return wide;
}

static int
errno_from_win32 (DWORD error)
{
  switch (error)
    {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
      return ENOENT;
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS:
      return EEXIST;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
      return EACCES;
    case ERROR_WRITE_PROTECT:
      return EROFS;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
      return ENOSPC;
    default:
      return EIO;
    }
}

OtasukeStoreFsStatus
otasuke_store_fs_inspect (const char *path,
                          int         want_folder,
                          long long  *size,
                          int        *errsv)
{
  WIN32_FILE_ATTRIBUTE_DATA data;
  wchar_t *wide = to_wide (path);
  BOOL ok;

  *errsv = 0;
  if (wide == NULL)
    {
      *errsv = EINVAL;
      return OTASUKE_STORE_FS_SYSTEM;
    }
  ok = GetFileAttributesExW (wide, GetFileExInfoStandard, &data);
  free (wide);
  if (!ok)
    {
      *errsv = errno_from_win32 (GetLastError ());
      return *errsv == ENOENT ? OTASUKE_STORE_FS_ABSENT : OTASUKE_STORE_FS_SYSTEM;
    }

  if (size != NULL)
    *size = ((long long) data.nFileSizeHigh << 32) | data.nFileSizeLow;
  if (data.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)
    return OTASUKE_STORE_FS_LINK;
  if (want_folder ? !(data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
                  : (data.dwFileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_DEVICE)) != 0)
    return OTASUKE_STORE_FS_WRONG_KIND;
  return OTASUKE_STORE_FS_OK;
}

OtasukeStoreFsStatus
otasuke_store_fs_create_file (const char *path,
                              int        *created,
                              int        *errsv)
{
  wchar_t *wide = to_wide (path);
  HANDLE handle;

  *created = 0;
  *errsv = 0;
  if (wide == NULL)
    {
      *errsv = EINVAL;
      return OTASUKE_STORE_FS_SYSTEM;
    }
  /* CREATE_NEW never opens what is there, a reparse point included. */
  handle = CreateFileW (wide, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_NEW,
                        FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, NULL);
  free (wide);
  if (handle != INVALID_HANDLE_VALUE)
    {
      CloseHandle (handle);
      *created = 1;
      return OTASUKE_STORE_FS_OK;
    }

  *errsv = errno_from_win32 (GetLastError ());
  return *errsv == EEXIST ? OTASUKE_STORE_FS_OK : OTASUKE_STORE_FS_SYSTEM;
}

int
otasuke_store_fs_make_private (const char *path,
                               int         is_folder)
{
  /* The protected access list (the user and SYSTEM) of otasuke-paths-win32.c. */
  otasuke_paths_restrict (path, is_folder, TRUE);
  return 0;
}

int
otasuke_store_fs_errno_is_full (int errsv)
{
  return errsv == ENOSPC;
}
