/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <zxcvbn.h>

#include "otasuke-password-estimate.h"

/* Linux: zxcvbn-c, a build requirement there (libzxcvbn-dev). */

gboolean
otasuke_password_estimate_available (void)
{
  return TRUE;
}

double
otasuke_password_estimate_bits (const char         *password,
                                const char * const *user_words)
{
  return ZxcvbnMatch (password, (const char **) user_words, NULL);
}
