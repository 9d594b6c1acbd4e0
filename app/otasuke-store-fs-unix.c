/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's file system work on Linux and other POSIX systems; see
 * otasuke-store-fs.h. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "otasuke-store-fs.h"

static OtasukeStoreFsStatus
judge (const struct stat *st,
       int                want_folder)
{
  if (S_ISLNK (st->st_mode))
    return OTASUKE_STORE_FS_LINK;
  if (want_folder ? !S_ISDIR (st->st_mode) : !S_ISREG (st->st_mode))
    return OTASUKE_STORE_FS_WRONG_KIND;
  if (st->st_uid != geteuid ())
    return OTASUKE_STORE_FS_NOT_OWNED;
  return OTASUKE_STORE_FS_OK;
}

OtasukeStoreFsStatus
otasuke_store_fs_inspect (const char *path,
                          int         want_folder,
                          long long  *size,
                          int        *errsv)
{
  struct stat st;

  *errsv = 0;
  if (lstat (path, &st) != 0)
    {
      *errsv = errno;
      return *errsv == ENOENT ? OTASUKE_STORE_FS_ABSENT : OTASUKE_STORE_FS_SYSTEM;
    }
  if (size != NULL)
    *size = (long long) st.st_size;
  return judge (&st, want_folder);
}

OtasukeStoreFsStatus
otasuke_store_fs_create_file (const char *path,
                              int        *created,
                              int        *errsv)
{
  int fd;

  *created = 0;
  *errsv = 0;
  /* O_EXCL: a link already there (even a dangling one) is not followed. */
  fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      /* The umask may have taken more away, never added: 0600 exactly. */
      if (fchmod (fd, 0600) != 0)
        *errsv = errno;
      close (fd);
      *created = 1;
      return OTASUKE_STORE_FS_OK;
    }

  *errsv = errno;
  return *errsv == EEXIST ? OTASUKE_STORE_FS_OK : OTASUKE_STORE_FS_SYSTEM;
}

int
otasuke_store_fs_make_private (const char *path,
                               int         is_folder)
{
  struct stat st;
  int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | (is_folder ? O_DIRECTORY : 0);
  int fd = open (path, flags);
  int result = 0;

  if (fd < 0)
    return errno;

  /* On the opened object, so nothing can be swapped in between. */
  if (fstat (fd, &st) != 0)
    result = errno;
  else if (judge (&st, is_folder) != OTASUKE_STORE_FS_OK || (!is_folder && st.st_nlink != 1))
    result = EPERM;
  else if ((st.st_mode & 0077) != 0 && fchmod (fd, st.st_mode & (is_folder ? 0700 : 0600)) != 0)
    result = errno;

  close (fd);
  return result;
}

int
otasuke_store_fs_errno_is_full (int errsv)
{
  return errsv == ENOSPC || errsv == EDQUOT;
}
