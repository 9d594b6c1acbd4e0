/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-notifier.h"
#include "otasuke-tray.h"

G_BEGIN_DECLS

/* The platform seam of OtasukeNotifier: what to show and when is decided in
 * otasuke-notifier.c (and app/otasuke-notify-policy.c); a backend only shows
 * it. Linux: libnotify (otasuke-notifier-libnotify.c). Windows: balloons of
 * the tray icon (win32/otasuke-notifier-win32.c). */

typedef struct {
  const char *summary;      /* plain text, never markup */
  const char *body;         /* plain text; the backend escapes it where needed */
  const char *page;         /* what a click opens: "overview", "check", "advisories" */
  const char *advisory_id;  /* may be NULL */
  gboolean    backup_button; /* offer "I Made a Backup" where the backend can */
} OtasukeNotification;

typedef struct _OtasukeNotifierBackend OtasukeNotifierBackend;
struct _OtasukeNotifierBackend
{
  void (*show) (OtasukeNotifierBackend    *backend,
                const OtasukeNotification *notification);
  void (*free) (OtasukeNotifierBackend    *backend);
};

/* @tray may be NULL. The notifier owns the backend. */
OtasukeNotifierBackend *otasuke_notifier_platform_backend_new (OtasukeNotifier *notifier,
                                                               OtasukeTray     *tray);

/* For backends: whether notifications can be shown now (a server is on the
 * bus, the tray icon is shown). Nothing is decided, so nothing is marked as
 * shown and lost, while they cannot. */
void otasuke_notifier_backend_set_available (OtasukeNotifier *notifier,
                                             gboolean         available);
/* A notification was clicked. */
void otasuke_notifier_backend_open          (OtasukeNotifier *notifier,
                                             const char      *page,
                                             const char      *advisory_id);
/* Its "I Made a Backup" button was pressed. */
void otasuke_notifier_backend_backup_done   (OtasukeNotifier *notifier);

G_END_DECLS
