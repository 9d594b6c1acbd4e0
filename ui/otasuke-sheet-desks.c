/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-sheet-desks.h"
#include "otasuke-sheet-render.h"
#include "otasuke-url.h"

static void
add_desk_line (GtkGrid      *grid,
               GtkSizeGroup *labels,
               int           line,
               const char   *label,
               const char   *value)
{
  g_autofree char *clean = otasuke_sheet_sanitize_text (value, TRUE);
  GtkWidget *name;
  GtkWidget *text;

  if (clean[0] == '\0')
    return;

  name = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_valign (name, GTK_ALIGN_BASELINE);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_size_group_add_widget (labels, name);
  gtk_grid_attach (grid, name, 0, line, 1, 1);

  text = gtk_label_new (clean);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  /* Copied with the mouse; Tab does not stop on (and select) it: not
   * focusable, and can-focus off too, or GTK 4.8 keeps Tab on it. */
  gtk_widget_set_focusable (text, FALSE);
  gtk_widget_set_can_focus (text, FALSE);
  gtk_widget_set_valign (text, GTK_ALIGN_BASELINE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_grid_attach (grid, text, 1, line, 1, 1);
}

static GtkWidget *
desk_card_new (const OtasukeFeedContact *contact,
               GtkSizeGroup             *labels)
{
  g_autofree char *name = otasuke_sheet_sanitize_text (contact->name, FALSE);
  g_autofree char *notes = otasuke_sheet_sanitize_text (contact->notes, TRUE);
  const char *url = contact->url;
  GtkWidget *card;
  GtkWidget *label;
  GtkWidget *grid;

  if (name[0] == '\0')
    return NULL;

  /* Only web addresses are shown as addresses. */
  if (url != NULL && !otasuke_url_is_link (url))
    url = NULL;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (card, "card");

  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Copied with the mouse; Tab does not stop on (and select) it: not
   * focusable, and can-focus off too, or GTK 4.8 keeps Tab on it. */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_can_focus (label, FALSE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 14);
  gtk_widget_set_margin_start (label, 16);
  gtk_widget_set_margin_end (label, 16);
  gtk_box_append (GTK_BOX (card), label);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_start (grid, 16);
  gtk_widget_set_margin_end (grid, 16);
  add_desk_line (GTK_GRID (grid), labels, 0, _("Phone"), contact->phone);
  add_desk_line (GTK_GRID (grid), labels, 1, _("Hours"), contact->hours);
  add_desk_line (GTK_GRID (grid), labels, 2, _("Mail"), contact->email);
  add_desk_line (GTK_GRID (grid), labels, 3, _("Website"), url);
  gtk_box_append (GTK_BOX (card), grid);
  gtk_widget_set_visible (grid, gtk_widget_get_first_child (grid) != NULL);

  if (notes[0] != '\0')
    {
      label = gtk_label_new (notes);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      /* Copied with the mouse; Tab does not stop on (and select) it: not
       * focusable, and can-focus off too, or GTK 4.8 keeps Tab on it. */
      gtk_widget_set_focusable (label, FALSE);
      gtk_widget_set_can_focus (label, FALSE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_start (label, 16);
      gtk_widget_set_margin_end (label, 16);
      gtk_box_append (GTK_BOX (card), label);
    }

  if (notes[0] != '\0')
    gtk_widget_set_margin_bottom (gtk_widget_get_last_child (card), 14);
  else
    gtk_widget_set_margin_bottom (grid, 14);
  return card;
}

void
otasuke_sheet_desks_fill (GtkBox    *box,
                          GPtrArray *contacts)
{
  /* One column of labels across the cards. */
  g_autoptr(GtkSizeGroup) labels = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (box));
  g_return_if_fail (contacts != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);

  for (guint i = 0; i < contacts->len; i++)
    {
      GtkWidget *card = desk_card_new (g_ptr_array_index (contacts, i), labels);

      if (card != NULL)
        gtk_box_append (box, card);
    }
}
