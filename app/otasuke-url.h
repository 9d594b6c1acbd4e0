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

/* The one rule for which links Otasuke opens or shows as addresses (an
 * advisory's link, the feed's links, the desks on the sheet). A link must be:
 * http or https (never javascript:, file:, data: or anything else); plain
 * ASCII without spaces, control characters or '\\' (browsers read those
 * differently from GUri, so the host shown could differ from the host
 * visited); without a user name ("https://bank.example@evil.example/" goes to
 * evil.example); with a host of letters, digits, '-', '.' and '_', or an IP
 * address. Returns the parsed link, or NULL with G_IO_ERROR_INVALID_ARGUMENT
 * saying why in a few words ("not an http or https address").
 *
 * @display (may be NULL) gets the host as people should see it: the real
 * host, the ASCII form computers use, first; for an international name its
 * Unicode letters follow in brackets, so look-alike letters cannot pass for
 * another site: "xn--wgv71a.jp (日本.jp)". */
GUri    *otasuke_url_parse_link       (const char  *url,
                                       char       **display,
                                       GError     **error);
/* otasuke_url_parse_link() without the details. */
gboolean otasuke_url_is_link          (const char  *url);

G_END_DECLS
