/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The business itself, kept once in the store and shared by every
 * consultation sheet (company name, contact person) and by the basic policy
 * (company name, representative). Text is kept as typed; every field is a
 * string, never NULL. */
typedef struct {
  char *company_name;
  char *representative;  /* who signs the policy: "代表取締役 山田太郎" */
  char *contact_person;  /* who the desks talk to */
  char *address;
  char *phone;
  char *email;
} OtasukeCompanyProfile;

OtasukeCompanyProfile *otasuke_company_profile_new       (void);
OtasukeCompanyProfile *otasuke_company_profile_copy      (const OtasukeCompanyProfile *profile);
void                   otasuke_company_profile_free      (OtasukeCompanyProfile       *profile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeCompanyProfile, otasuke_company_profile_free)

/* Replaces one field (@value NULL is ""); TRUE when it changed. */
gboolean               otasuke_company_profile_set       (OtasukeCompanyProfile       *profile,
                                                          char                       **field,
                                                          const char                  *value);
gboolean               otasuke_company_profile_equal     (const OtasukeCompanyProfile *a,
                                                          const OtasukeCompanyProfile *b);
gboolean               otasuke_company_profile_is_empty  (const OtasukeCompanyProfile *profile);

/* As the store keeps it; from_json ignores what it does not know and bounds
 * every field. */
char                  *otasuke_company_profile_to_json   (const OtasukeCompanyProfile *profile);
OtasukeCompanyProfile *otasuke_company_profile_from_json (const char                  *json,
                                                          GError                     **error);

G_END_DECLS
