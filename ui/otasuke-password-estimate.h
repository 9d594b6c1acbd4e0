/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The password meter's estimator, a platform seam: zxcvbn-c on Linux
 * (ui/otasuke-password-estimate-unix.c). zxcvbn-c's source cannot be had for
 * the Windows build, and a home-made guess would flatter weak passwords, so on
 * Windows (win32/otasuke-password-estimate-win32.c) there is no estimate and
 * the meter gives plain advice instead of a verdict. */

/* Whether this build measures passwords at all. */
gboolean otasuke_password_estimate_available (void);

/* log2 of the guesses an attacker needs for @password, who also tries
 * @user_words (NULL-terminated, may be NULL) first. Only where available. */
double   otasuke_password_estimate_bits      (const char         *password,
                                              const char * const *user_words);

G_END_DECLS
