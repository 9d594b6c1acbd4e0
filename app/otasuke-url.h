/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether @host is this machine (127.0.0.0/8, ::1, localhost). */
gboolean otasuke_url_host_is_loopback (const char  *host);

/* A feed address must be https, or http to this machine (tests, local
 * mirrors). Errors are G_IO_ERROR_INVALID_ARGUMENT with a message for people. */
gboolean otasuke_url_check_feed       (const char  *url,
                                       GError     **error);

G_END_DECLS
