/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs another program the safe way: an argv array (never a shell), stdin
 * from /dev/null, stderr discarded, a deadline and a cap on the output kept.
 * Blocking: call it from a worker thread. */

#define OTASUKE_SUBPROCESS_DEFAULT_TIMEOUT_MS  5000
#define OTASUKE_SUBPROCESS_DEFAULT_MAX_OUTPUT  (64 * 1024)

typedef struct {
  char     *output;      /* stdout as read, NUL-terminated (may contain NULs) */
  gsize     output_len;  /* at most the max_output asked for */
  gboolean  truncated;   /* it wrote more; the rest was cut off and the program stopped */
  gboolean  exited;      /* it ended by itself (not stopped by us) */
  int       exit_status; /* its exit code when @exited */
} OtasukeSubprocessResult;

/* Returns NULL with G_IO_ERROR_TIMED_OUT when @timeout_ms passed before the
 * program ended (it is killed, with the processes it started), with
 * G_IO_ERROR_CANCELLED when @cancellable fired, or with the spawn error when
 * it could not start. @timeout_ms 0 and @max_output 0 mean the defaults above. */
OtasukeSubprocessResult *otasuke_subprocess_run         (const char * const      *argv,
                                                         guint                    timeout_ms,
                                                         gsize                    max_output,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);
void                     otasuke_subprocess_result_free (OtasukeSubprocessResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeSubprocessResult, otasuke_subprocess_result_free)

G_END_DECLS
