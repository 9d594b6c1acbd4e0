/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-probe"

#include "config.h"

#include "otasuke-probe-private.h"
#include "otasuke-win32.h"

/* The Windows twin of app/otasuke-probe-browsers-linux.c: BLBeacon and
 * Mozilla keys and the version resources of the executables App Paths names
 * (otasuke_win32_find_browsers). Never runs a browser; @ctx->root is
 * meaningless on Windows and ignored. */

void
otasuke_probe_browsers (const OtasukeProbeContext *ctx,
                        GPtrArray                 *browsers,
                        GCancellable              *cancellable)
{
  OtasukeWin32Browser *found = NULL;
  size_t n = 0;
  OtasukeWin32Status status = otasuke_win32_find_browsers (NULL, &found, &n);

  if (status != OTASUKE_WIN32_OK)
    {
      g_message ("Could not look for browsers: %s", otasuke_win32_status_to_string (status));
      return;
    }
  /* Already sorted by id, channel and source. */
  for (size_t i = 0; i < n; i++)
    {
      OtasukeProbeBrowser *b = g_new0 (OtasukeProbeBrowser, 1);

      b->id = g_strdup (found[i].id);
      b->name = g_strdup (found[i].name);
      b->version = g_strdup (found[i].version);
      b->channel = g_strdup (found[i].channel);
      b->source = OTASUKE_PROBE_SOURCE_OTHER;
      b->path = g_strdup (found[i].path);
      g_ptr_array_add (browsers, b);
    }
  otasuke_win32_browsers_free (found, n);
}
