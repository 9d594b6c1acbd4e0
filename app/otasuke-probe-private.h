/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-probe.h"

G_BEGIN_DECLS

/* The probes' own copy of OtasukeProbeOptions, owned, with defaults applied:
 * this is what a worker thread gets. */
typedef struct {
  char *root;
  char *home_dir;          /* NULL: skip the user-level checks */
  char *user_config_dir;   /* NULL: skip */
  char *user_data_dir;     /* NULL: skip */
  guint timeout_ms;
  char *rpm_program;       /* NULL: rpm is not asked */
  GPtrArray *os_checks;    /* OtasukeFeedCheck*, owned copies; never NULL */
  gint64 now;
  gboolean root_is_host;   /* root is "/": this very machine */
  gboolean inject_screen_lock;
  gboolean injected_lock_enabled;
  guint injected_idle_delay;
} OtasukeProbeContext;

/* Files larger than this are not read at all. */
#define OTASUKE_PROBE_SMALL_FILE_MAX (1024 * 1024)

/* Reads a regular file of at most @max bytes (never a FIFO or device, never
 * more than @max). NUL-terminated. */
gboolean otasuke_probe_read_file     (const char                 *path,
                                      gsize                       max,
                                      char                      **contents,
                                      gsize                      *len);
/* TRUE when @path exists, also as a dangling symlink. */
gboolean otasuke_probe_path_exists   (const char                 *path);
/* Runs @path --version under the context's timeout; the parsed version or NULL. */
char    *otasuke_probe_program_version (const OtasukeProbeContext *ctx,
                                        const char                 *path,
                                        GCancellable               *cancellable);

void     otasuke_probe_browsers      (const OtasukeProbeContext  *ctx,
                                      GPtrArray                  *browsers,
                                      GCancellable               *cancellable);
void     otasuke_probe_os            (const OtasukeProbeContext  *ctx,
                                      OtasukeProbeOs             *os);
void     otasuke_probe_security      (const OtasukeProbeContext  *ctx,
                                      GPtrArray                  *products);
void     otasuke_probe_firewall      (const OtasukeProbeContext  *ctx,
                                      OtasukeProbeFirewall       *firewall);
void     otasuke_probe_automatic_updates (const OtasukeProbeContext *ctx,
                                      OtasukeProbeAutoUpdates    *updates);
void     otasuke_probe_disk_encryption (const OtasukeProbeContext *ctx,
                                      OtasukeProbeDiskEncryption *encryption);
void     otasuke_probe_office_macros (const OtasukeProbeContext  *ctx,
                                      OtasukeProbeOfficeMacros   *macros);
void     otasuke_probe_screen_lock   (const OtasukeProbeContext  *ctx,
                                      OtasukeProbeScreenLock     *lock);
void     otasuke_probe_backup        (const OtasukeProbeContext  *ctx,
                                      OtasukeProbeBackup         *backup);

G_END_DECLS
