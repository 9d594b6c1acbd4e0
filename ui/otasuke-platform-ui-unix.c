/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-platform-ui"

#include "config.h"

#include "otasuke-platform-ui.h"

/* Linux: fonts, scaling and theme come from the desktop's settings
 * (fontconfig picks a Japanese font by itself), so nothing to do. */
void
otasuke_platform_ui_init (void)
{
}
