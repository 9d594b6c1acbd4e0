/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-company-profile.h"
#include "otasuke-sheet-page.h"

G_BEGIN_DECLS

/* OtasukeSheetPage spans otasuke-sheet-page.c (the form),
 * otasuke-sheet-page-drafts.c (saving and the drafts menu),
 * otasuke-sheet-page-timeline.c (what happened, in order) and
 * otasuke-sheet-page-output.c (print, PDF, text); only they include this. */

struct _OtasukeSheetPage
{
  GtkWidget          parent_instance;

  OtasukeStore      *store;
  OtasukeAdvisories *advisories;
  GCancellable      *cancellable;
  gboolean           attached;

  char              *detected_os;
  char              *detected_device;
  OtasukeProbeService *probe_service; /* security software comes from its latest report */
  gboolean           prefill_pending; /* a new sheet was started before the first report */

  OtasukeCompanyProfile *profile;   /* the store's, NULL until read */
  gboolean           profile_dirty;
  guint              profile_save_id;

  OtasukeSheet      *sheet;
  GPtrArray         *bindings;      /* GBinding*, to the current sheet */
  gboolean           syncing;       /* widgets are being filled from the sheet */

  guint              autosave_id;
  gboolean           unsaved;
  OtasukeSheet      *saving;        /* a save is in flight for this sheet */
  OtasukeSheet      *save_again;    /* and it changed again meanwhile */

  OtasukeSheetEvent *removed_event; /* for "Undo" */
  AdwToast          *toast;         /* the last message shown, which the next one replaces */

  /* Template widgets */
  GtkSpinButton     *accounts_spin;
  AdwEntryRow       *add_service_row;
  AdwEntryRow       *company_row;
  GtkTextView       *consulted_view;
  AdwEntryRow       *contact_row;
  char              *saved_path; /* the file the last save wrote, for 「開く」 */
  AdwEntryRow       *phone_row;
  AdwEntryRow       *email_row;
  GtkTextView       *question_view;
  AdwComboRow       *machine_row;
  GtkBox            *desks_box;
  GtkWidget         *device_detected;
  AdwEntryRow       *device_row;
  GtkSpinButton     *devices_spin;
  GtkLabel          *draft_label;
  GtkMenuButton     *drafts_button;
  GtkListBox        *drafts_list;
  GtkPopover        *drafts_popover;
  AdwPreferencesPage *form_page;
  GtkBox            *limits_box;
  GtkStack          *main_stack;
  GtkWidget         *os_detected;
  AdwEntryRow       *os_row;
  AdwComboRow       *police_row;
  GtkLabel          *saved_label;
  GtkWidget         *security_detected;
  AdwEntryRow       *security_row;
  GtkListBox        *services_list;
  GtkTextView       *suspicion_view;
  GtkListBox        *timeline_list;
  AdwEntryRow       *title_row;
  AdwToastOverlay   *toast_overlay;
};

/* otasuke-sheet-page.c */
/* @title is plain text; it is escaped. */
void          otasuke_sheet_page_show_toast        (OtasukeSheetPage *self,
                                                    const char       *title);
void          otasuke_sheet_page_show_error        (OtasukeSheetPage *self,
                                                    const char       *heading,
                                                    const char       *body);
GPtrArray    *otasuke_sheet_page_feed_contacts     (OtasukeSheetPage *self);
void          otasuke_sheet_page_actions_update    (OtasukeSheetPage *self);
void          otasuke_sheet_page_set_unsaved       (OtasukeSheetPage *self,
                                                    gboolean          unsaved);
void          otasuke_sheet_page_set_saved_label   (OtasukeSheetPage *self,
                                                    const char       *text,
                                                    gboolean          problem);
GtkWidget    *otasuke_sheet_page_icon_button_new   (const char       *icon_name,
                                                    const char       *tooltip,
                                                    const char       *action,
                                                    GVariant         *target);
void          otasuke_sheet_page_set_sheet         (OtasukeSheetPage *self,
                                                    OtasukeSheet     *sheet);
void          otasuke_sheet_page_start_new_sheet   (OtasukeSheetPage *self);

/* otasuke-sheet-page-drafts.c */
void          otasuke_sheet_page_sheet_changed     (OtasukeSheetPage *self);
/* @id 0: the most recent draft. */
void          otasuke_sheet_page_load_draft        (OtasukeSheetPage *self,
                                                    gint64            id);
void          otasuke_sheet_page_drafts_class_init (GtkWidgetClass   *widget_class);
void          otasuke_sheet_page_drafts_init       (OtasukeSheetPage *self);

/* otasuke-sheet-page-profile.c: the company profile across sheets */
void          otasuke_sheet_page_profile_load_then_draft (OtasukeSheetPage *self);
void          otasuke_sheet_page_profile_prefill   (OtasukeSheetPage *self,
                                                    OtasukeSheet     *sheet);
void          otasuke_sheet_page_profile_edited    (OtasukeSheetPage *self);
gboolean      otasuke_sheet_page_profile_save_pending (OtasukeSheetPage *self,
                                                       GError          **error);

/* otasuke-sheet-page-timeline.c */
void          otasuke_sheet_page_rebuild_timeline  (OtasukeSheetPage *self);
void          otasuke_sheet_page_timeline_class_init (GtkWidgetClass *widget_class);
void          otasuke_sheet_page_timeline_init     (OtasukeSheetPage *self);

/* otasuke-sheet-page-output.c */
void          otasuke_sheet_page_output_class_init (GtkWidgetClass   *widget_class);

G_END_DECLS
