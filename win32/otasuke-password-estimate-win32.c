/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "otasuke-password-estimate.h"

/* Windows: no zxcvbn-c (Debian's source answers 404, so the toolchain cannot
 * build it), and a simpler estimator would call "Passw0rd!" strong. The meter
 * shows advice instead of a verdict (ui/otasuke-password-meter.c). */

gboolean
otasuke_password_estimate_available (void)
{
  return FALSE;
}

double
otasuke_password_estimate_bits (const char         *password,
                                const char * const *user_words)
{
  g_return_val_if_fail (otasuke_password_estimate_available (), 0.0);
  return 0.0;
}
