/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *name;         /* "Debian GNU/Linux" */
  char *version;      /* "12 (bookworm)", may be NULL */
  char *version_id;   /* "12", may be NULL */
  char *pretty_name;  /* "Debian GNU/Linux 12 (bookworm)" */
  char *id;           /* "debian", may be NULL */
  char *architecture; /* "x86_64" */
  char *kernel;       /* "6.1.0-18-amd64", may be NULL */
} OtasukeOsInfo;

/* Reads the operating system's identity below @root ("/" for this machine;
 * tests pass a fake tree; Windows has no tree and ignores it). Never fails: unknown fields stay NULL and the
 * name falls back to the platform's generic name. */
OtasukeOsInfo *otasuke_os_info_read  (const char    *root);
void           otasuke_os_info_free  (OtasukeOsInfo *info);

/* A sentence to add when @id @version_id no longer gets security updates
 * (Windows 10: what ended and what ESU means); NULL when there is none. */
const char    *otasuke_os_info_support_note (const char *id,
                                             const char *version_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeOsInfo, otasuke_os_info_free)

G_END_DECLS
