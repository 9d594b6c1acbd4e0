/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-platform-ui"

#include "config.h"

#include "otasuke-platform-ui.h"

const char *
otasuke_platform_ui_pick_font (const char * const *preferred,
                               const char * const *available)
{
  g_return_val_if_fail (preferred != NULL, NULL);

  if (available == NULL)
    return NULL;
  for (guint i = 0; preferred[i] != NULL; i++)
    for (guint j = 0; available[j] != NULL; j++)
      if (g_ascii_strcasecmp (preferred[i], available[j]) == 0)
        return preferred[i];
  return NULL;
}
