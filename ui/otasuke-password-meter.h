/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A local strength meter for the router's admin password, which the user may
 * leave empty; it measures with zxcvbn-c on Linux (otasuke-password-estimate.h:
 * the Windows build has no estimator and gives advice instead). What is typed
 * stays in the entry: it is never stored, logged or sent, and the entry is
 * emptied whenever the meter is unmapped or cleared. */

typedef enum {
  OTASUKE_PASSWORD_STRENGTH_NONE,    /* nothing typed */
  OTASUKE_PASSWORD_STRENGTH_WEAK,
  OTASUKE_PASSWORD_STRENGTH_FAIR,
  OTASUKE_PASSWORD_STRENGTH_STRONG,
} OtasukePasswordStrength;

#define OTASUKE_TYPE_PASSWORD_METER (otasuke_password_meter_get_type ())
G_DECLARE_FINAL_TYPE (OtasukePasswordMeter, otasuke_password_meter, OTASUKE, PASSWORD_METER, GtkWidget)

GtkWidget               *otasuke_password_meter_new            (void);
/* Words an attacker would try first (the router's model, its maker). */
void                     otasuke_password_meter_set_user_words (OtasukePasswordMeter *self,
                                                                const char * const   *words);
/* Empties the entry and the verdict. */
void                     otasuke_password_meter_clear          (OtasukePasswordMeter *self);
OtasukePasswordStrength  otasuke_password_meter_get_strength   (OtasukePasswordMeter *self);

/* The verdict for @bits of entropy as zxcvbn measures it. */
OtasukePasswordStrength  otasuke_password_strength_for_bits    (double                bits);

G_END_DECLS
