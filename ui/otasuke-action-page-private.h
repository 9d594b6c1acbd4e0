/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-action-page.h"

G_BEGIN_DECLS

/* OtasukeActionPage spans otasuke-action-page.c (state, readiness, profile,
 * declaring) and otasuke-action-page-policy.c (the policy draft, its PDF and
 * printing); only they include this. */

struct _OtasukeActionPage
{
  GtkWidget              parent_instance;

  OtasukeStore          *store;
  GCancellable          *cancellable;
  gboolean               attached;

  OtasukeActionState    *state;          /* the last read */
  OtasukeCompanyProfile *profile;        /* as being edited */
  gboolean               profile_dirty;
  guint                  profile_save_id;

  OtasukePolicy         *policy;         /* the draft being edited */
  gboolean               policy_dirty;
  gboolean               policy_saving;
  guint                  policy_generation; /* bumped when another draft is edited */
  guint                  policy_save_id;
  GPtrArray             *section_views;  /* GtkTextView*, one per section */

  gboolean               syncing;        /* editors are being filled in */
  GPtrArray             *principle_rows;
  GPtrArray             *two_star_rows;

  /* Template widgets */
  AdwEntryRow           *address_row;
  AdwEntryRow           *company_row;
  AdwEntryRow           *contact_row;
  AdwActionRow          *declaration_row;
  AdwEntryRow           *declared_on_row;
  AdwComboRow           *drafts_row;
  GtkStringList         *drafts_model;
  AdwEntryRow           *email_row;
  AdwEntryRow           *enacted_row;
  AdwComboRow           *level_row;
  AdwEntryRow           *number_row;
  GtkImage              *one_star_icon;
  AdwActionRow          *one_star_row;
  AdwEntryRow           *phone_row;
  AdwEntryRow           *policy_company_row;
  AdwEntryRow           *policy_representative_row;
  AdwEntryRow           *policy_title_row;
  AdwPreferencesGroup   *principles_group;
  GtkSwitch             *published_switch;
  AdwEntryRow           *published_where_row;
  AdwEntryRow           *representative_row;
  GtkBox                *sections_box;
  AdwActionRow          *site_row;
  AdwToastOverlay       *toast_overlay;
  AdwPreferencesGroup   *two_star_group;
  GtkImage              *two_star_icon;
  AdwActionRow          *two_star_row;
};

/* otasuke-action-page.c */
void     otasuke_action_page_show_toast          (OtasukeActionPage   *self,
                                                  const char          *title);
void     otasuke_action_page_show_error          (OtasukeActionPage   *self,
                                                  const char          *heading,
                                                  const char          *message);
gint64   otasuke_action_page_now                 (void);

/* otasuke-action-page-policy.c */
/* The first read landed: edit @policy (a copy is taken), or a new draft from
 * the template filled from the profile when it is NULL. */
void     otasuke_action_page_policy_loaded       (OtasukeActionPage   *self,
                                                  const OtasukePolicy *policy);
gboolean otasuke_action_page_policy_save_pending (OtasukeActionPage   *self,
                                                  GError             **error);
/* Lists the saved drafts (self->state->policies) in the drafts row. */
void     otasuke_action_page_policy_list_drafts  (OtasukeActionPage   *self);
void     otasuke_action_page_policy_class_init   (GtkWidgetClass      *widget_class);
void     otasuke_action_page_policy_init         (OtasukeActionPage   *self);

G_END_DECLS
