/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-check-item"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-check-item.h"
#include "otasuke-launch.h"
#include "otasuke-results-render.h"

struct _OtasukeCheckItem
{
  GtkWidget                   parent_instance;

  OtasukeChecklist           *checklist;
  const OtasukeChecklistItem *item;
  OtasukeAnswer               answer;

  /* Template widgets */
  GtkToggleButton            *done_button;
  GtkToggleButton            *dont_know_button;
  GtkToggleButton            *not_applicable_button;
  GtkLabel                   *not_applicable_label;
  GtkToggleButton            *not_done_button;
  GtkToggleButton            *partly_button;
  GtkLabel                   *question_label;
  GtkButton                  *settings_button;
  GtkLabel                   *steps_label;
  GtkWidget                  *suggestion_box;
  GtkWidget                  *suggestion_hint;
  GtkLabel                   *suggestion_label;
  GtkLabel                   *suggestion_title;
  GtkBox                     *terms_box;
  GtkScrolledWindow          *terms_scroller;
  GtkMenuButton              *terms_button;
  GtkPopover                 *terms_popover;
  GtkLabel                   *why_label;
};

G_DEFINE_FINAL_TYPE (OtasukeCheckItem, otasuke_check_item, GTK_TYPE_WIDGET)

static GtkToggleButton *
button_for_answer (OtasukeCheckItem *self,
                   OtasukeAnswer     answer)
{
  switch (answer)
    {
    case OTASUKE_ANSWER_DONE:
      return self->done_button;
    case OTASUKE_ANSWER_PARTLY:
      return self->partly_button;
    case OTASUKE_ANSWER_NOT_DONE:
      return self->not_done_button;
    case OTASUKE_ANSWER_DONT_KNOW:
      return self->dont_know_button;
    case OTASUKE_ANSWER_NOT_APPLICABLE:
      return self->not_applicable_button;
    case OTASUKE_ANSWER_NONE:
    default:
      return NULL;
    }
}

char *
otasuke_check_item_format_steps (const char * const *steps)
{
  /* The same words on the page and on paper (the results PDF). */
  return otasuke_results_format_steps (steps);
}

static GtkWidget *
glossary_label (const char *text,
                const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  /* A popover is as wide as its widest line: wrap at one reading width
   * (minimum and natural the same, so the height measured is the height drawn). */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_label_set_width_chars (GTK_LABEL (label), 44);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

/* 「用語の説明」: each term the question names, with its one or two sentences. */
static void
fill_glossary (OtasukeCheckItem *self)
{
  guint n = 0;

  for (guint i = 0; self->item->terms != NULL && self->item->terms[i] != NULL; i++)
    {
      const OtasukeGlossaryTerm *term = otasuke_checklist_lookup_term (self->checklist, self->item->terms[i]);
      GtkWidget *box;

      if (term == NULL)
        continue;
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_box_append (GTK_BOX (box), glossary_label (term->name, "heading"));
      gtk_box_append (GTK_BOX (box), glossary_label (term->explanation, NULL));
      gtk_box_append (self->terms_box, box);
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->terms_button), n > 0);
}

static void
otasuke_check_item_dispose (GObject *object)
{
  OtasukeCheckItem *self = OTASUKE_CHECK_ITEM (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), OTASUKE_TYPE_CHECK_ITEM);
  /* The template's root has no name to be cleared by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (otasuke_check_item_parent_class)->dispose (object);
}

static void
otasuke_check_item_finalize (GObject *object)
{
  OtasukeCheckItem *self = OTASUKE_CHECK_ITEM (object);

  g_clear_pointer (&self->checklist, otasuke_checklist_unref);

  G_OBJECT_CLASS (otasuke_check_item_parent_class)->finalize (object);
}

/* The system's settings page for what an item's probe looks at, if it has one. */
static gboolean
settings_page_for (const OtasukeChecklistItem *item,
                   OtasukeSettingsPage        *page)
{
  switch (item->evidence)
    {
    case OTASUKE_EVIDENCE_OS_SUPPORT:
      *page = OTASUKE_SETTINGS_PAGE_UPDATES;
      return TRUE;

    case OTASUKE_EVIDENCE_ANTIVIRUS:
    case OTASUKE_EVIDENCE_FIREWALL:
      *page = OTASUKE_SETTINGS_PAGE_SECURITY;
      return TRUE;

    case OTASUKE_EVIDENCE_NONE:
    case OTASUKE_EVIDENCE_BROWSERS:
    case OTASUKE_EVIDENCE_OFFICE_MACROS:
    case OTASUKE_EVIDENCE_SCREEN_LOCK:
    case OTASUKE_EVIDENCE_ROUTER:
    case OTASUKE_EVIDENCE_BACKUP:
    case OTASUKE_EVIDENCE_WEBSITE:
    case OTASUKE_EVIDENCE_MAIL_DOMAIN:
    default:
      return FALSE;
    }
}

static void
settings_clicked_cb (OtasukeCheckItem *self)
{
  OtasukeSettingsPage page;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (settings_page_for (self->item, &page))
    otasuke_launch_settings (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, page);
}

/* The answers are one radio group: one Tab stop (the chosen answer, or the
 * first when none is chosen yet), the arrow keys move between the answers and
 * Space chooses. */
static void
update_tab_stop (OtasukeCheckItem *self)
{
  GtkToggleButton *stop = button_for_answer (self, self->answer);

  if (stop == NULL)
    stop = self->done_button;
  for (OtasukeAnswer answer = OTASUKE_ANSWER_DONE; answer <= OTASUKE_ANSWER_LAST; answer++)
    {
      GtkToggleButton *button = button_for_answer (self, answer);

      gtk_widget_set_focusable (GTK_WIDGET (button), button == stop);
      gtk_accessible_update_state (GTK_ACCESSIBLE (button),
                                   GTK_ACCESSIBLE_STATE_CHECKED, answer == self->answer,
                                   -1);
    }
}

static gboolean
answers_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        OtasukeCheckItem      *self)
{
  GtkWidget *buttons[OTASUKE_ANSWER_LAST + 1];
  guint n = 0, current = G_MAXUINT, next;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  for (OtasukeAnswer answer = OTASUKE_ANSWER_DONE; answer <= OTASUKE_ANSWER_LAST; answer++)
    {
      GtkWidget *button = GTK_WIDGET (button_for_answer (self, answer));

      if (!gtk_widget_get_visible (button))
        continue;
      if (gtk_widget_has_focus (button))
        current = n;
      buttons[n++] = button;
    }
  if (current == G_MAXUINT || n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      next = (current + 1) % n;
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      next = (current + n - 1) % n;
      break;
    case GDK_KEY_Home:
      next = 0;
      break;
    case GDK_KEY_End:
      next = n - 1;
      break;
    default:
      return FALSE;
    }

  gtk_widget_set_focusable (buttons[next], TRUE);
  gtk_widget_grab_focus (buttons[next]);
  if (next != current)
    gtk_widget_set_focusable (buttons[current], FALSE);
  return TRUE;
}

/* Leaving the question: the way back in is the chosen answer again. */
static void
answers_focus_leave_cb (GtkEventControllerFocus *controller,
                        OtasukeCheckItem        *self)
{
  update_tab_stop (self);
}

void
otasuke_check_item_focus_answers (OtasukeCheckItem *self)
{
  GtkToggleButton *stop;

  g_return_if_fail (OTASUKE_IS_CHECK_ITEM (self));

  stop = button_for_answer (self, self->answer);
  if (stop == NULL)
    stop = self->done_button;
  gtk_widget_grab_focus (GTK_WIDGET (stop));
}

static void
otasuke_check_item_class_init (OtasukeCheckItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_check_item_dispose;
  object_class->finalize = otasuke_check_item_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-check-item.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, done_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, dont_know_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, not_applicable_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, not_applicable_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, not_done_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, partly_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, question_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, settings_button);
  gtk_widget_class_bind_template_callback (widget_class, settings_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, steps_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, suggestion_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, suggestion_hint);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, suggestion_title);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, why_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, terms_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, terms_scroller);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, terms_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeCheckItem, terms_popover);
}

static void
otasuke_check_item_init (OtasukeCheckItem *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (answers_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (answers_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  update_tab_stop (self);
}

GtkWidget *
otasuke_check_item_new (OtasukeChecklist           *checklist,
                        const OtasukeChecklistItem *item)
{
  OtasukeCheckItem *self;

  g_return_val_if_fail (checklist != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (OTASUKE_TYPE_CHECK_ITEM, NULL);
  self->checklist = otasuke_checklist_ref (checklist);
  self->item = item;

  gtk_label_set_text (self->question_label, item->question);
  gtk_label_set_text (self->why_label, item->why);
  otasuke_check_item_set_entered (self, OTASUKE_ENTERED_NONE);
  fill_glossary (self);

  if (item->not_applicable_label != NULL)
    {
      gtk_label_set_text (self->not_applicable_label, item->not_applicable_label);
      gtk_widget_set_visible (GTK_WIDGET (self->not_applicable_button), TRUE);
    }

  for (OtasukeAnswer answer = OTASUKE_ANSWER_DONE; answer <= OTASUKE_ANSWER_LAST; answer++)
    {
      g_autofree char *target = g_strdup_printf ("%s:%s", item->id, otasuke_answer_to_string (answer));

      gtk_actionable_set_action_target (GTK_ACTIONABLE (button_for_answer (self, answer)), "s", target);
    }

  return GTK_WIDGET (self);
}

const OtasukeChecklistItem *
otasuke_check_item_get_item (OtasukeCheckItem *self)
{
  g_return_val_if_fail (OTASUKE_IS_CHECK_ITEM (self), NULL);

  return self->item;
}

OtasukeAnswer
otasuke_check_item_get_answer (OtasukeCheckItem *self)
{
  g_return_val_if_fail (OTASUKE_IS_CHECK_ITEM (self), OTASUKE_ANSWER_NONE);

  return self->answer;
}

void
otasuke_check_item_set_answer (OtasukeCheckItem *self,
                               OtasukeAnswer     answer)
{
  GtkToggleButton *button;

  g_return_if_fail (OTASUKE_IS_CHECK_ITEM (self));

  self->answer = answer;
  button = button_for_answer (self, answer);
  if (button != NULL)
    gtk_toggle_button_set_active (button, TRUE);
  else
    for (OtasukeAnswer other = OTASUKE_ANSWER_DONE; other <= OTASUKE_ANSWER_LAST; other++)
      gtk_toggle_button_set_active (button_for_answer (self, other), FALSE);
  update_tab_stop (self);
}

/* An answer Otasuke filled in from a suggestion looks like one (outlined,
 * not filled) until the user chooses it. */
void
otasuke_check_item_set_suggested (OtasukeCheckItem *self,
                                  gboolean          suggested)
{
  g_return_if_fail (OTASUKE_IS_CHECK_ITEM (self));

  if (suggested)
    gtk_widget_add_css_class (GTK_WIDGET (self), "suggested");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "suggested");
}

void
otasuke_check_item_set_suggestion (OtasukeCheckItem        *self,
                                   const OtasukeSuggestion *suggestion)
{
  g_autofree char *title = NULL;

  g_return_if_fail (OTASUKE_IS_CHECK_ITEM (self));

  if (suggestion == NULL || suggestion->reason == NULL)
    {
      gtk_widget_set_visible (self->suggestion_box, FALSE);
      return;
    }

  if (suggestion->answer != OTASUKE_ANSWER_NONE)
    /* Translators: %s is an answer, "Done" or "Not done" */
    title = g_strdup_printf (_("Suggested answer: %s"), otasuke_answer_get_label (suggestion->answer));
  else
    title = g_strdup (_("What Otasuke found"));

  gtk_label_set_text (self->suggestion_title, title);
  gtk_label_set_text (self->suggestion_label, suggestion->reason);
  gtk_widget_set_visible (self->suggestion_hint, suggestion->answer != OTASUKE_ANSWER_NONE);
  gtk_widget_set_visible (self->suggestion_box, TRUE);

  /* Where the system has a page for it (Windows Update, Windows Security), one click away. */
  {
    OtasukeSettingsPage page;
    const char *label = settings_page_for (self->item, &page) ? otasuke_launch_settings_label (page) : NULL;

    if (label != NULL)
      gtk_button_set_label (self->settings_button, label);
    gtk_widget_set_visible (GTK_WIDGET (self->settings_button), label != NULL);
  }
}

void
otasuke_check_item_set_entered (OtasukeCheckItem *self,
                                OtasukeEntered    entered)
{
  g_autofree const char **steps = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (OTASUKE_IS_CHECK_ITEM (self));

  steps = otasuke_checklist_item_get_steps (self->item, entered);
  text = otasuke_check_item_format_steps (steps);
  gtk_label_set_text (self->steps_label, text);
}

GtkWidget *
otasuke_check_item_get_terms_button (OtasukeCheckItem *self)
{
  g_return_val_if_fail (OTASUKE_IS_CHECK_ITEM (self), NULL);

  return GTK_WIDGET (self->terms_button);
}
