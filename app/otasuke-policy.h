/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "otasuke-company-profile.h"

G_BEGIN_DECLS

/* A draft of the basic information security policy (情報セキュリティ基本方針)
 * for the SECURITY ACTION ★★ self-declaration: IPA's sample structure from
 * resources/data/otasuke.policy.xml (its source is cited there), filled with
 * the company profile, every text editable. A plain value: copy it to hand it
 * to another thread. Every string is non-NULL. */

#define OTASUKE_POLICY_RESOURCE "/jp/or/sakura_cci/Otasuke/data/otasuke.policy.xml"

typedef struct {
  char *id;       /* "management", … (stable, from the template) */
  char *heading;
  char *body;
} OtasukePolicySection;

typedef struct {
  gint64     id;             /* 0 until the store saves it */
  gint64     created_at;
  gint64     updated_at;
  gint64     published_at;   /* 0: not published yet */
  char      *published_where; /* where it was published (a web address, a notice board) */
  char      *template_version;
  char      *title;
  char      *company_name;
  char      *representative;
  char      *enacted_on;     /* "YYYY-MM-DD", or "" */
  char      *preamble;
  GPtrArray *sections;       /* of OtasukePolicySection*, in IPA's order */
} OtasukePolicy;

/* An empty draft with no sections. */
OtasukePolicy *otasuke_policy_new               (void);
/* The bundled template, translated; NULL with @error when it cannot be read. */
OtasukePolicy *otasuke_policy_new_from_template (GError            **error);
OtasukePolicy *otasuke_policy_new_from_bytes    (GBytes             *bytes,
                                                 GError            **error);
OtasukePolicy *otasuke_policy_copy              (const OtasukePolicy *policy);
void           otasuke_policy_free              (OtasukePolicy      *policy);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukePolicy, otasuke_policy_free)

/* Fills the company name and the representative from @profile where the draft
 * has none, and the date with @today ("YYYY-MM-DD") when empty. */
void           otasuke_policy_fill              (OtasukePolicy                *policy,
                                                 const OtasukeCompanyProfile  *profile,
                                                 const char                   *today);
/* Replaces a string of the draft (@value NULL is ""); TRUE when it changed. */
gboolean       otasuke_policy_set_text          (char                        **field,
                                                 const char                   *value);
/* A draft a business could publish: company, representative, date and every
 * section filled in. */
gboolean       otasuke_policy_is_complete       (const OtasukePolicy          *policy);
/* TRUE for "YYYY-MM-DD" naming a real day. */
gboolean       otasuke_policy_date_is_valid     (const char                   *date);

/* Everything but id and the dates, for the store; from_json bounds what it reads. */
char          *otasuke_policy_to_json           (const OtasukePolicy          *policy);
gboolean       otasuke_policy_fields_from_json  (OtasukePolicy                *policy,
                                                 const char                   *json,
                                                 GError                      **error);

G_END_DECLS
