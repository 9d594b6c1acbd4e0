/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-sheet.h"

G_BEGIN_DECLS

/* The position to pass to add an entry rather than edit one. */
#define OTASUKE_TIMELINE_ENTRY_NEW G_MAXUINT

#define OTASUKE_TYPE_TIMELINE_ENTRY_DIALOG (otasuke_timeline_entry_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeTimelineEntryDialog, otasuke_timeline_entry_dialog,
                      OTASUKE, TIMELINE_ENTRY_DIALOG, AdwMessageDialog)

/* Asks when something happened and what was seen; "Save" or "Add" writes it
 * into @sheet: a new entry, or the one at @position. */
GtkWidget *otasuke_timeline_entry_dialog_new (GtkWindow    *parent,
                                              OtasukeSheet *sheet,
                                              guint         position);

G_END_DECLS
