/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <curl/curl.h>
#include <glib.h>

G_BEGIN_DECLS

/* What the program's two libcurl users (otasuke-http.c, otasuke-site-check.c)
 * share: the callbacks of one request, all given the same @data. */
typedef struct {
  curl_write_callback    on_header;
  curl_write_callback    on_body;
  curl_xferinfo_callback on_progress;  /* deadline, stall, cancel */
  curl_prereq_callback   on_prereq;    /* the connected peer's address */
} OtasukeCurlCallbacks;

/* Sets up @easy for one bounded GET of @url: http(s) only, redirects not
 * followed (the callers follow them one by one), no signals, @user_agent,
 * curl's message in @error_buffer (CURL_ERROR_SIZE), a connection time of
 * at most @connect_timeout_ms and everything done by @deadline (monotonic),
 * libcurl's own stall backstop just after @stall_timeout_ms, and @callbacks. */
void otasuke_curl_setup_bounded (CURL                       *easy,
                                 const char                 *url,
                                 const char                 *user_agent,
                                 char                       *error_buffer,
                                 guint                       connect_timeout_ms,
                                 guint                       stall_timeout_ms,
                                 gint64                      deadline,
                                 const OtasukeCurlCallbacks *callbacks,
                                 void                       *data);

G_END_DECLS
