/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* HTML (a feed item's content_html) reduced to plain text: tags are dropped
 * (script, style, template and title with their content), whitespace
 * collapses as in HTML, block elements become line breaks and the common
 * entities are decoded. The result is never markup, and it is valid UTF-8
 * when @html is. @len is in bytes, or -1 when @html ends with a NUL. */
char *otasuke_html_to_text (const char *html,
                            gssize      len);

G_END_DECLS
