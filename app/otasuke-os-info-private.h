/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-os-info.h"

G_BEGIN_DECLS

/* The platform seam for the OS identity: app/otasuke-os-info-linux.c reads
 * os-release and uname, win32/otasuke-os-info-win32.c asks Windows. Fills
 * what it can of @info (all NULL on entry); @root is never NULL. */
void        otasuke_os_info_read_platform  (OtasukeOsInfo *info,
                                            const char    *root);
/* The name when nothing better is known: "Linux", "Windows". */
const char *otasuke_os_info_platform_name  (void);

G_END_DECLS
