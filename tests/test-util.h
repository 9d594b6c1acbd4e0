/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What several test programs share, with no GTK in it. */

/* How many times slower than usual this build runs (OTASUKE_TEST_SLOWDOWN,
 * set by tests/meson.build for the sanitizer build), for waits' deadlines. */
gint64 test_slowdown (void);

/* Handles events of the default main context until @done (@data) is TRUE;
 * fails, naming @what, after 20 s (times test_slowdown()). */
void iterate_until_ (gboolean (*done) (gpointer), gpointer data, const char *what);
#define iterate_until(done, data) iterate_until_ ((done), (data), #done)

/* Fails unless @path exists and (on Unix: Windows has no mode bits) has
 * exactly the mode @expected (0600 for a file only its owner reads). */
void test_assert_mode (const char *path,
                       guint       expected);

/* Removes @path and everything below it, without following links. */
void test_remove_tree (const char *path);

/* The text of the PDF at @path (pdftotext, UTF-8; @layout keeps columns).
 * The text is what the caller tests: no pdftotext is a failure, not a skip. */
char *test_pdf_text (const char *path,
                     gboolean    layout);

/* @text without its white space: pdftotext breaks lines where the layout
 * wrapped them, so words are compared without it. */
char *test_squeeze_spaces (const char *text);

/* Fails, showing @haystack, unless it contains @needle, white space aside. */
void test_assert_text_has (const char *haystack,
                           const char *needle);

G_END_DECLS
