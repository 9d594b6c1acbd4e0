/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Tells when the computer wakes from sleep: logind's
 * org.freedesktop.login1.Manager.PrepareForSleep(false) on the system bus.
 * Without a system bus or logind it simply never fires. */

#define OTASUKE_TYPE_RESUME_MONITOR (otasuke_resume_monitor_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeResumeMonitor, otasuke_resume_monitor, OTASUKE, RESUME_MONITOR, GObject)

/* @connection: the bus to listen on; NULL connects to the system bus
 * asynchronously (never blocking the caller). */
OtasukeResumeMonitor *otasuke_resume_monitor_new          (GDBusConnection      *connection);
/* TRUE once subscribed to the signal. */
gboolean              otasuke_resume_monitor_get_watching (OtasukeResumeMonitor *self);

G_END_DECLS
