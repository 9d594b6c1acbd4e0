/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-checklist"

#include "config.h"

#include <glib/gi18n.h>

#include <locale.h>
#include <string.h>

#include "otasuke-check-run.h"
#include "otasuke-checklist.h"

static const char * const seed_ids[] = {
  "seed-browsers", "seed-router-firmware", "seed-router-password", "seed-macros",
  "seed-domains", "seed-offline-backup", "seed-restore-test", "seed-website", "seed-mail-domain",
};

static const char * const section_ids[] = {
  "browsers-updates", "router-wifi", "backups", "passwords-accounts",
  "mail-macros", "website-mail", "office-people", "organisation",
};

static OtasukeChecklist *
load_bundled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "data",
                                                 "otasuke.checklist.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *data = NULL;
  gsize len = 0;
  OtasukeChecklist *checklist;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  bytes = g_bytes_new_take (data, len);

  checklist = otasuke_checklist_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (checklist);
  return checklist;
}

static OtasukeChecklist *
parse (const char  *text,
       GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return otasuke_checklist_new_from_bytes (bytes, error);
}

/* Content */

static void
test_content (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_ipa = 0;

  g_assert_cmpstr (otasuke_checklist_get_version (checklist), ==, "2026.2");
  g_assert_cmpuint (otasuke_checklist_get_n_items (checklist), ==,
                    OTASUKE_CHECKLIST_N_IPA_ITEMS + G_N_ELEMENTS (seed_ids));

  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (checklist, i);
      guint n_steps = 0;

      g_assert_false (g_hash_table_contains (seen, item->id));
      g_hash_table_add (seen, (gpointer) item->id);
      g_assert_true (otasuke_checklist_lookup (checklist, item->id) == item);
      g_assert_nonnull (otasuke_checklist_lookup_section (checklist, item->section));

      g_assert_nonnull (item->question);
      g_assert_true (g_str_has_suffix (item->question, "?"));
      g_assert_nonnull (item->why);
      g_assert_cmpuint (strlen (item->why), >, 20);
      g_assert_nonnull (item->steps);
      for (; item->steps[n_steps] != NULL; n_steps++)
        g_assert_cmpuint (strlen (item->steps[n_steps]), >, 10);
      g_assert_cmpuint (n_steps, >=, 2);
      g_assert_cmpuint (n_steps, <=, 4);
      g_assert_cmpuint (item->part, >=, 1);
      g_assert_cmpuint (item->part, <=, 3);

      if (item->ipa_number != 0)
        {
          g_autofree char *id = g_strdup_printf ("ipa-%02u", item->ipa_number);
          guint part = item->ipa_number <= 5 ? 1 : item->ipa_number <= 18 ? 2 : 3;

          n_ipa++;
          g_assert_cmpstr (item->id, ==, id);
          g_assert_cmpuint (item->part, ==, part);
          g_assert_true (otasuke_checklist_lookup_ipa (checklist, item->ipa_number) == item);
        }
      else
        g_assert_true (g_str_has_prefix (item->id, "seed-"));
    }
  g_assert_cmpuint (n_ipa, ==, OTASUKE_CHECKLIST_N_IPA_ITEMS);

  for (guint i = 0; i < G_N_ELEMENTS (seed_ids); i++)
    g_assert_nonnull (otasuke_checklist_lookup (checklist, seed_ids[i]));
  g_assert_null (otasuke_checklist_lookup (checklist, "ipa-26"));
  g_assert_null (otasuke_checklist_lookup_ipa (checklist, 0));

  g_assert_cmpuint (otasuke_checklist_get_n_sections (checklist), ==, G_N_ELEMENTS (section_ids));
  for (guint i = 0; i < G_N_ELEMENTS (section_ids); i++)
    {
      const OtasukeChecklistSection *section = otasuke_checklist_get_section (checklist, i);
      g_autoptr(GPtrArray) items = otasuke_checklist_get_section_items (checklist, section->id);

      g_assert_cmpstr (section->id, ==, section_ids[i]);
      g_assert_nonnull (section->title);
      g_assert_cmpuint (items->len, >, 0);
    }
}

static void
test_not_applicable (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  const char * const with_choice[] = { "ipa-09", "seed-domains", "seed-router-firmware",
                                       "seed-router-password", "seed-website", "seed-mail-domain" };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (with_choice); i++)
    g_assert_nonnull (otasuke_checklist_lookup (checklist, with_choice[i])->not_applicable_label);
  g_assert_cmpstr (otasuke_checklist_lookup (checklist, "ipa-09")->not_applicable_label, ==,
                   "We have no Wi-Fi");
  g_assert_cmpstr (otasuke_checklist_lookup (checklist, "seed-domains")->not_applicable_label, ==,
                   "We have no website or own domain");

  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    if (otasuke_checklist_get_item (checklist, i)->not_applicable_label != NULL)
      n++;
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (with_choice));
}

static void
test_evidence_kinds (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  const struct { const char *id; OtasukeEvidenceKind kind; } cases[] = {
    { "seed-browsers", OTASUKE_EVIDENCE_BROWSERS },
    { "ipa-01", OTASUKE_EVIDENCE_OS_SUPPORT },
    { "ipa-02", OTASUKE_EVIDENCE_ANTIVIRUS },
    { "seed-macros", OTASUKE_EVIDENCE_OFFICE_MACROS },
    { "ipa-14", OTASUKE_EVIDENCE_SCREEN_LOCK },
    { "seed-router-firmware", OTASUKE_EVIDENCE_ROUTER },
    { "ipa-25", OTASUKE_EVIDENCE_NONE },
    { "seed-website", OTASUKE_EVIDENCE_WEBSITE },
    { "seed-mail-domain", OTASUKE_EVIDENCE_MAIL_DOMAIN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (otasuke_checklist_lookup (checklist, cases[i].id)->evidence, ==, cases[i].kind);
  g_assert_cmpstr (otasuke_evidence_kind_to_string (OTASUKE_EVIDENCE_OS_SUPPORT), ==, "os-support");
}

#define DOC(body) "<?xml version=\"1.0\"?><checklist version=\"1\">" body "</checklist>"
#define ITEM(attrs, body) "<section id=\"s\"><title>T</title><item " attrs ">" body "</item></section>"
#define TEXTS "<question>Q?</question><why>W</why><step>S</step>"

static void
test_invalid (void)
{
  const struct { const char *doc; int code; } cases[] = {
    { "not xml at all <", OTASUKE_CHECKLIST_ERROR_SYNTAX },
    { "<checklist version=\"1\"><section id=\"s\">", OTASUKE_CHECKLIST_ERROR_SYNTAX },
    { "<?xml version=\"1.0\"?><list/>", OTASUKE_CHECKLIST_ERROR_INVALID },
    { "<?xml version=\"1.0\"?><checklist/>", OTASUKE_CHECKLIST_ERROR_INVALID },  /* no version */
    { DOC (ITEM ("id=\"a\" part=\"1\" colour=\"red\"", TEXTS)), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (""), OTASUKE_CHECKLIST_ERROR_INVALID },                                   /* no items */
    { DOC ("<section id=\"s\"><item id=\"a\" part=\"1\">" TEXTS "</item></section>"),
      OTASUKE_CHECKLIST_ERROR_INVALID },                                             /* no title */
    { DOC (ITEM ("id=\"a\" part=\"1\"", "<question>Q?</question><step>S</step>")),
      OTASUKE_CHECKLIST_ERROR_INVALID },                                             /* no why */
    { DOC (ITEM ("id=\"a\" part=\"1\"", "<question>Q?</question><why>W</why>")),
      OTASUKE_CHECKLIST_ERROR_INVALID },                                             /* no step */
    { DOC (ITEM ("id=\"a\" part=\"1\"", TEXTS "<blink/>")), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"A b\" part=\"1\"", TEXTS)), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"4\"", TEXTS)), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"1\" ipa=\"26\"", TEXTS)), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"1\" evidence=\"mind-reading\"", TEXTS)), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"1\"", "<question> </question><why>W</why><step>S</step>")),
      OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"1\"", TEXTS "<why>again</why>")), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"1\"", TEXTS "stray")), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"1\"", "<question>Q<b>?</b></question><why>W</why><step>S</step>")),
      OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"1\"", TEXTS "<step>1</step><step>2</step><step>3</step><step>4</step>"
                 "<step>5</step><step>6</step><step>7</step><step>8</step>")),
      OTASUKE_CHECKLIST_ERROR_TOO_LARGE },
    { DOC ("<section id=\"s\"><title>T</title><item id=\"a\" part=\"1\">" TEXTS "</item>"
           "<item id=\"a\" part=\"1\">" TEXTS "</item></section>"), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC ("<section id=\"s\"><title>T</title><item id=\"a\" part=\"1\" ipa=\"3\">" TEXTS "</item>"
           "<item id=\"b\" part=\"1\" ipa=\"3\">" TEXTS "</item></section>"), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC ("<section id=\"s\"><title>T</title></section><section id=\"s\"><title>T</title></section>"),
      OTASUKE_CHECKLIST_ERROR_INVALID },
    { "<?xml version=\"1.0\"?><checklist version=\"1\"><section id=\"s\"><title>\xff\xfe</title>"
      "</section></checklist>", OTASUKE_CHECKLIST_ERROR_SYNTAX },
    /* The glossary: a term the file does not explain, one without its
     * explanation, a step that is left out for something unknown, two tasks. */
    { DOC (ITEM ("id=\"a\" part=\"1\" terms=\"nope\"", TEXTS)), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"1\" terms=\"t\"", TEXTS) "<term id=\"t\"><name>N</name></term>"),
      OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"1\"", TEXTS "<step unless=\"shoe-size\">S</step>")),
      OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"1\"", TEXTS "<task>T</task><task>U</task>")), OTASUKE_CHECKLIST_ERROR_INVALID },
    { DOC (ITEM ("id=\"a\" part=\"1\"", TEXTS) "<term id=\"t\"><name>N</name><explanation>E</explanation></term>"
           "<term id=\"t\"><name>N</name><explanation>E</explanation></term>"), OTASUKE_CHECKLIST_ERROR_INVALID },
  };
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(OtasukeChecklist) good = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OtasukeChecklist) checklist = parse (cases[i].doc, &error);

      g_assert_null (checklist);
      g_assert_error (error, OTASUKE_CHECKLIST_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  /* Over the byte limit, before parsing. */
  while (big->len <= OTASUKE_CHECKLIST_MAX_BYTES)
    g_string_append (big, "<!-- padding padding padding padding padding padding -->\n");
  g_string_prepend (big, "<checklist version=\"1\">");
  g_assert_null (parse (big->str, &error));
  g_assert_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* A text over its limit. */
  g_string_append (long_text, DOC ("<section id=\"s\"><title>"));
  g_string_truncate (long_text, long_text->len - strlen ("</checklist>"));
  for (guint i = 0; i <= OTASUKE_CHECKLIST_MAX_TEXT; i++)
    g_string_append_c (long_text, 'x');
  g_string_append (long_text, "</title></section></checklist>");
  g_assert_null (parse (long_text->str, &error));
  g_assert_error (error, OTASUKE_CHECKLIST_ERROR, OTASUKE_CHECKLIST_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Whitespace is normalised like xgettext's, so the msgid matches. */
  good = parse (DOC (ITEM ("id=\"a\" part=\"2\"",
                           "<question>\n  Is it\n\t done?  </question><why>W</why><step>S</step>"
                           "<not-applicable> We have\n none </not-applicable>")), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (otasuke_checklist_lookup (good, "a")->question, ==, "Is it done?");
  g_assert_cmpstr (otasuke_checklist_lookup (good, "a")->not_applicable_label, ==, "We have none");
  g_assert_cmpuint (otasuke_checklist_lookup (good, "a")->ipa_number, ==, 0);
  g_assert_cmpint (otasuke_checklist_lookup (good, "a")->evidence, ==, OTASUKE_EVIDENCE_NONE);
}

/* 「用語の説明」 and the tasks "what to fix first" lists. */
static void
test_glossary (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  g_autoptr(OtasukeChecklist) small = NULL;
  g_autoptr(GError) error = NULL;
  const OtasukeChecklistItem *router = otasuke_checklist_lookup (checklist, "seed-router-firmware");
  const char * const wanted[] = { "firmware", "wpa", "macro", "jvn", "domain", "bot", "router-admin",
                                  "encryption", "backup", "mfa" };
  g_autofree const char **all_steps = NULL;
  g_autofree const char **entered_steps = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      const OtasukeGlossaryTerm *term = otasuke_checklist_lookup_term (checklist, wanted[i]);

      g_assert_nonnull (term);
      g_assert_cmpstr (term->name, !=, "");
      /* One or two plain sentences. */
      g_assert_cmpuint (strlen (term->explanation), >, 20);
      g_assert_cmpuint (strlen (term->explanation), <, 300);
    }
  g_assert_null (otasuke_checklist_lookup_term (checklist, "nope"));
  g_assert_cmpuint (otasuke_checklist_get_n_terms (checklist), >=, G_N_ELEMENTS (wanted));

  /* Every item reads as a task of its own; every term it names is explained. */
  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (checklist, i);

      g_assert_nonnull (item->task);
      g_assert_cmpstr (item->task, !=, item->question);
      g_assert_false (g_str_has_suffix (item->task, "?"));
      for (guint j = 0; item->terms[j] != NULL; j++)
        g_assert_nonnull (otasuke_checklist_lookup_term (checklist, item->terms[j]));
    }
  g_assert_cmpstr (router->task, ==, "Update the router's firmware");
  g_assert_true (g_strv_contains (router->terms, "firmware"));
  g_assert_true (g_strv_contains (otasuke_checklist_lookup (checklist, "ipa-09")->terms, "wpa"));
  g_assert_true (g_strv_contains (otasuke_checklist_lookup (checklist, "seed-macros")->terms, "macro"));

  /* A step never asks for what the user already entered. */
  all_steps = otasuke_checklist_item_get_steps (router, OTASUKE_ENTERED_NONE);
  entered_steps = otasuke_checklist_item_get_steps (router, OTASUKE_ENTERED_ROUTER_MODEL);
  g_assert_cmpuint (g_strv_length ((char **) all_steps), ==, g_strv_length ((char **) router->steps));
  g_assert_cmpuint (g_strv_length ((char **) entered_steps), ==, g_strv_length ((char **) router->steps) - 1);
  g_assert_false (g_strv_contains (entered_steps, router->steps[0]));
  g_assert_cmpstr (entered_steps[0], ==, router->steps[1]);

  /* Without a <task> an item reads as its question; <term> needs both texts. */
  small = parse (DOC (ITEM ("id=\"a\" part=\"1\" terms=\"t\"", TEXTS)
                      "<term id=\"t\"><name>Word</name><explanation>Plain.</explanation></term>"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (otasuke_checklist_lookup (small, "a")->task, ==, "Q?");
  g_assert_cmpstr (otasuke_checklist_lookup_term (small, "t")->explanation, ==, "Plain.");
}

static void
test_translation (void)
{
  /* GLib decides once per process whether to translate (g_dgettext() in an
   * English locale never does), so the Japanese checklist is loaded in a
   * child started in Japanese (main() reads OTASUKE_TEST_LC_ALL). */
  if (!g_test_subprocess ())
    {
      g_setenv ("OTASUKE_TEST_LC_ALL", "ja_JP.UTF-8", TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("OTASUKE_TEST_LC_ALL");
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autoptr(OtasukeChecklist) japanese = load_bundled ();

    if (g_str_equal (otasuke_checklist_lookup (japanese, "seed-router-firmware")->task, "Update the router's firmware"))
      g_error ("the Japanese catalogue was not used: is the ja_JP.UTF-8 locale installed? "
               "(build-aux/dev.sh generates it)");

    /* Questions, tasks and the glossary all come from the catalogue. */
    for (guint i = 0; i < otasuke_checklist_get_n_items (japanese); i++)
      {
        const char *question = otasuke_checklist_get_item (japanese, i)->question;

        if (!g_utf8_validate (question, -1, NULL) || g_str_is_ascii (question))
          g_error ("question %u is not in Japanese: %s", i, question);
      }
    g_assert_cmpstr (otasuke_checklist_lookup (japanese, "seed-router-firmware")->task, ==,
                     "ルーターのファームウェアを更新する");
    g_assert_cmpstr (otasuke_checklist_lookup_term (japanese, "firmware")->name, ==, "ファームウェア");
  }
}

static void
test_answers (void)
{
  for (OtasukeAnswer a = OTASUKE_ANSWER_DONE; a <= OTASUKE_ANSWER_LAST; a++)
    {
      g_assert_cmpint (otasuke_answer_from_string (otasuke_answer_to_string (a)), ==, a);
      g_assert_nonnull (otasuke_answer_get_label (a));
    }
  g_assert_null (otasuke_answer_to_string (OTASUKE_ANSWER_NONE));
  g_assert_cmpint (otasuke_answer_from_string ("maybe"), ==, OTASUKE_ANSWER_NONE);
  g_assert_cmpint (otasuke_answer_from_string (NULL), ==, OTASUKE_ANSWER_NONE);
  g_assert_cmpint (otasuke_answer_get_points (OTASUKE_ANSWER_DONE), ==, 4);
  g_assert_cmpint (otasuke_answer_get_points (OTASUKE_ANSWER_PARTLY), ==, 2);
  g_assert_cmpint (otasuke_answer_get_points (OTASUKE_ANSWER_NOT_DONE), ==, 0);
  g_assert_cmpint (otasuke_answer_get_points (OTASUKE_ANSWER_DONT_KNOW), ==, -1);
  g_assert_cmpint (otasuke_answer_get_points (OTASUKE_ANSWER_NOT_APPLICABLE), ==, 0);
}

/* Suggestions from evidence */

static OtasukeProbeBrowser chrome_old = {
  (char *) "chrome", (char *) "Google Chrome", (char *) "127.0.6533.72", (char *) "stable",
  OTASUKE_PROBE_SOURCE_DEB, NULL,
};
static OtasukeProbeBrowser chrome_new = {
  (char *) "chrome", (char *) "Google Chrome", (char *) "128.0.6613.120", (char *) "stable",
  OTASUKE_PROBE_SOURCE_DEB, NULL,
};
static OtasukeProbeBrowser firefox_esr = {
  (char *) "firefox", (char *) "Firefox ESR", (char *) "115.9.0esr", (char *) "esr",
  OTASUKE_PROBE_SOURCE_DEB, NULL,
};
static OtasukeProbeBrowser chromium_unknown = {
  (char *) "chromium", (char *) "Chromium", NULL, NULL, OTASUKE_PROBE_SOURCE_SNAP, NULL,
};

static OtasukeFeedCheck chrome_min = {
  OTASUKE_CHECK_BROWSER_MIN_VERSION, (char *) "chrome", (char *) "128.0.6613.85",
  NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};
static OtasukeFeedCheck firefox_min = {
  OTASUKE_CHECK_BROWSER_MIN_VERSION, (char *) "firefox", (char *) "130.0",
  NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

/* The security product of report_init(): ClamAV, on and current. */
static OtasukeProbeSecurityProduct clamav;
static GPtrArray *security_products;

/* A report of a machine that does everything right; tests spoil parts of it. */
static void
report_init (OtasukeProbeReport *report,
             GPtrArray          *browsers)
{
  memset (report, 0, sizeof *report);
  memset (&clamav, 0, sizeof clamav);
  clamav.name = (char *) "ClamAV";
  clamav.enabled = OTASUKE_PROBE_YES;
  clamav.up_to_date = OTASUKE_PROBE_YES;
  clamav.auto_update = OTASUKE_PROBE_YES;
  clamav.signatures_time = 1736942400;
  clamav.signatures_age_days = 1;
  if (security_products == NULL)
    security_products = g_ptr_array_new ();
  g_ptr_array_set_size (security_products, 0);
  g_ptr_array_add (security_products, &clamav);
  report->security_products = security_products;
  report->browsers = browsers;
  report->os.name = (char *) "Debian GNU/Linux";
  report->os.id = (char *) "debian";
  report->os.version_id = (char *) "12";
  report->os.supported = OTASUKE_PROBE_YES;
  report->os.end_of_support = (char *) "2028-06-30";
  report->firewall.installed = TRUE;
  report->firewall.name = (char *) "ufw";
  report->firewall.enabled = OTASUKE_PROBE_YES;
  report->office_macros.detected = TRUE;
  report->office_macros.product = (char *) "LibreOffice";
  report->office_macros.policy = OTASUKE_MACRO_POLICY_SIGNED;
  report->screen_lock.detected = TRUE;
  report->screen_lock.lock_enabled = TRUE;
  report->screen_lock.idle_delay_seconds = 300;
}

#define suggest(checklist, id, evidence) \
  otasuke_checklist_suggest (otasuke_checklist_lookup (checklist, id), evidence)

static void
assert_suggestion (OtasukeSuggestion *s,
                   OtasukeAnswer      answer,
                   gboolean           detected,
                   const char        *in_reason)
{
  g_assert_nonnull (s);
  g_assert_cmpint (s->answer, ==, answer);
  g_assert_cmpint (s->detected, ==, detected);
  g_assert_nonnull (s->reason);
  if (in_reason != NULL)
    g_assert_nonnull (strstr (s->reason, in_reason));
  otasuke_suggestion_free (s);
}

static void
test_suggest_browsers (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  g_autoptr(GPtrArray) browsers = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) item_checks = g_ptr_array_new ();
  OtasukeFeedItem advisory = { 0 };
  OtasukeProbeReport report;
  OtasukeEvidence evidence = { 0 };
  OtasukeSuggestion *s;

  report_init (&report, browsers);
  advisory.id = (char *) "chrome-128";
  advisory.severity = OTASUKE_SEVERITY_CRITICAL;
  advisory.checks = item_checks;
  g_ptr_array_add (item_checks, &chrome_min);
  g_ptr_array_add (items, &advisory);
  evidence.probe = &report;
  evidence.feed_items = items;

  /* Old Chrome against a critical advisory. */
  g_ptr_array_add (browsers, &chrome_old);
  s = suggest (checklist, "seed-browsers", &evidence);
  g_assert_true (s->critical);
  g_assert_cmpstr (s->advisory_id, ==, "chrome-128");
  assert_suggestion (s, OTASUKE_ANSWER_NOT_DONE, TRUE,
                     "Google Chrome 127.0.6533.72 is older than 128.0.6613.85");

  /* Current Chrome. */
  g_ptr_array_index (browsers, 0) = &chrome_new;
  s = suggest (checklist, "seed-browsers", &evidence);
  g_assert_false (s->critical);
  assert_suggestion (s, OTASUKE_ANSWER_DONE, TRUE, "128.0.6613.120");

  /* One old browser among current ones is enough; a bare check has no severity. */
  g_ptr_array_add (browsers, &chrome_old);
  evidence.feed_items = NULL;
  evidence.feed_checks = checks;
  g_ptr_array_add (checks, &chrome_min);
  s = suggest (checklist, "seed-browsers", &evidence);
  g_assert_false (s->critical);
  g_assert_null (s->advisory_id);
  assert_suggestion (s, OTASUKE_ANSWER_NOT_DONE, TRUE, "127.0.6533.72");

  /* ESR is not measured against the release line; an unreadable version is said so. */
  g_ptr_array_set_size (browsers, 0);
  g_ptr_array_add (browsers, &firefox_esr);
  g_ptr_array_add (browsers, &chromium_unknown);
  g_ptr_array_add (checks, &firefox_min);
  assert_suggestion (suggest (checklist, "seed-browsers", &evidence), OTASUKE_ANSWER_NONE, TRUE,
                     "could not be read");

  /* No browsers; no probe. */
  g_ptr_array_set_size (browsers, 0);
  assert_suggestion (suggest (checklist, "seed-browsers", &evidence), OTASUKE_ANSWER_NONE, FALSE, NULL);
  evidence.probe = NULL;
  assert_suggestion (suggest (checklist, "seed-browsers", &evidence), OTASUKE_ANSWER_NONE, FALSE, NULL);
  assert_suggestion (suggest (checklist, "seed-browsers", NULL), OTASUKE_ANSWER_NONE, FALSE, NULL);

  /* An item only the user can answer has nothing to say. */
  s = suggest (checklist, "ipa-25", &evidence);
  g_assert_cmpint (s->answer, ==, OTASUKE_ANSWER_NONE);
  g_assert_null (s->reason);
  otasuke_suggestion_free (s);
}

static void
test_suggest_machine (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  g_autoptr(GPtrArray) browsers = g_ptr_array_new ();
  OtasukeChecklistItem firewall_item = { 0 };
  OtasukeProbeReport report;
  OtasukeEvidence evidence = { 0 };
  OtasukeSuggestion *s;

  report_init (&report, browsers);
  evidence.probe = &report;

  /* Operating system. */
  assert_suggestion (suggest (checklist, "ipa-01", &evidence), OTASUKE_ANSWER_DONE, TRUE,
                     "Debian GNU/Linux 12 gets security updates until 30 June 2028.");
  report.os.supported = OTASUKE_PROBE_NO;
  report.os.end_of_support = (char *) "2024-06-10";
  assert_suggestion (suggest (checklist, "ipa-01", &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE,
                     "stopped getting security updates on 10 June 2024");
  s = suggest (checklist, "ipa-01", &evidence);
  g_assert_null (strstr (s->reason, "ESU"));
  otasuke_suggestion_free (s);
  /* Windows 10 says plainly that support ended, and what ESU is. */
  report.os.name = (char *) "Windows 10 Pro";
  report.os.id = (char *) "windows";
  report.os.version_id = (char *) "10";
  report.os.end_of_support = (char *) "2025-10-14";
  assert_suggestion (suggest (checklist, "ipa-01", &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE,
                     "Windows 10 Pro stopped getting security updates on 14 October 2025.");
  assert_suggestion (suggest (checklist, "ipa-01", &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE,
                     "Extended Security Updates (ESU)");
  report.os.name = (char *) "Debian GNU/Linux";
  report.os.id = (char *) "debian";
  report.os.version_id = (char *) "12";
  report.os.supported = OTASUKE_PROBE_UNKNOWN;
  assert_suggestion (suggest (checklist, "ipa-01", &evidence), OTASUKE_ANSWER_NONE, TRUE, NULL);
  /* Supported, but its fixes wait to be installed by hand. */
  report.os.supported = OTASUKE_PROBE_YES;
  report.automatic_updates.detected = TRUE;
  report.automatic_updates.mechanism = (char *) "unattended-upgrades";
  report.automatic_updates.enabled = OTASUKE_PROBE_NO;
  assert_suggestion (suggest (checklist, "ipa-01", &evidence), OTASUKE_ANSWER_PARTLY, TRUE,
                     "not installed automatically: unattended-upgrades is switched off");
  report.automatic_updates.enabled = OTASUKE_PROBE_YES;
  assert_suggestion (suggest (checklist, "ipa-01", &evidence), OTASUKE_ANSWER_DONE, TRUE,
                     "installed automatically on this computer");
  report.automatic_updates.detected = FALSE;
  report.automatic_updates.enabled = OTASUKE_PROBE_UNKNOWN;

  /* Backups: a tool set up is a hint, its last run an answer. */
  assert_suggestion (suggest (checklist, "ipa-11", &evidence), OTASUKE_ANSWER_NONE, FALSE, "No backup tool");
  report.backup.detected = TRUE;
  report.backup.tool = (char *) "Timeshift";
  assert_suggestion (suggest (checklist, "ipa-11", &evidence), OTASUKE_ANSWER_NONE, TRUE,
                     "Timeshift is set up on this computer");
  report.backup.tool = (char *) "File History";
  report.backup.last_backup = g_get_real_time () / G_USEC_PER_SEC - 2 * 24 * 60 * 60;
  assert_suggestion (suggest (checklist, "ipa-11", &evidence), OTASUKE_ANSWER_DONE, TRUE,
                     "File History last made a backup 2 days ago.");
  report.backup.last_backup = g_get_real_time () / G_USEC_PER_SEC - 40 * 24 * 60 * 60;
  assert_suggestion (suggest (checklist, "ipa-11", &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE, "40 days ago");
  report.backup.detected = FALSE;

  /* Security software. */
  assert_suggestion (suggest (checklist, "ipa-02", &evidence), OTASUKE_ANSWER_DONE, TRUE,
                     "ClamAV is installed and its virus definitions are current.");
  clamav.up_to_date = OTASUKE_PROBE_NO;
  clamav.signatures_age_days = 30;
  assert_suggestion (suggest (checklist, "ipa-02", &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE, "30 days old");
  clamav.signatures_age_days = -1;
  clamav.signatures_time = 0;
  assert_suggestion (suggest (checklist, "ipa-02", &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE,
                     "no virus definitions");
  clamav.auto_update = OTASUKE_PROBE_NO;
  assert_suggestion (suggest (checklist, "ipa-02", &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE,
                     "not updated automatically");
  /* Windows: Security Center names the product and says whether it is on. */
  {
    OtasukeProbeSecurityProduct eset = { .name = (char *) "ESET Security", .enabled = OTASUKE_PROBE_NO,
                                         .up_to_date = OTASUKE_PROBE_YES, .auto_update = OTASUKE_PROBE_UNKNOWN,
                                         .signatures_age_days = -1 };
    OtasukeProbeSecurityProduct defender = { .name = (char *) "Microsoft Defender Antivirus",
                                             .enabled = OTASUKE_PROBE_YES, .up_to_date = OTASUKE_PROBE_YES,
                                             .auto_update = OTASUKE_PROBE_UNKNOWN, .signatures_age_days = -1 };

    g_ptr_array_set_size (security_products, 0);
    g_ptr_array_add (security_products, &eset);
    assert_suggestion (suggest (checklist, "ipa-02", &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE,
                       "ESET Security is installed but switched off.");
    /* One product on and current is enough. */
    g_ptr_array_add (security_products, &defender);
    assert_suggestion (suggest (checklist, "ipa-02", &evidence), OTASUKE_ANSWER_DONE, TRUE,
                       "Microsoft Defender Antivirus is installed and its virus definitions are current.");
    eset.up_to_date = OTASUKE_PROBE_UNKNOWN;
    eset.enabled = OTASUKE_PROBE_YES;
    g_ptr_array_remove_index (security_products, 1);
    assert_suggestion (suggest (checklist, "ipa-02", &evidence), OTASUKE_ANSWER_NONE, TRUE,
                       "cannot tell whether");
  }
  g_ptr_array_set_size (security_products, 0);
  assert_suggestion (suggest (checklist, "ipa-02", &evidence), OTASUKE_ANSWER_NONE, FALSE,
                     "No security software was detected");

  /* Macros. */
  assert_suggestion (suggest (checklist, "seed-macros", &evidence), OTASUKE_ANSWER_DONE, TRUE,
                     "LibreOffice’s macro security is set to High.");
  report.office_macros.policy = OTASUKE_MACRO_POLICY_ASK;
  assert_suggestion (suggest (checklist, "seed-macros", &evidence), OTASUKE_ANSWER_PARTLY, TRUE, "Medium");
  report.office_macros.policy = OTASUKE_MACRO_POLICY_RUN_ALL;
  assert_suggestion (suggest (checklist, "seed-macros", &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE, "Low");
  report.office_macros.policy = OTASUKE_MACRO_POLICY_DISABLED;
  report.office_macros.product = (char *) "Microsoft Office";
  assert_suggestion (suggest (checklist, "seed-macros", &evidence), OTASUKE_ANSWER_DONE, TRUE,
                     "Macros are switched off in Microsoft Office.");
  report.office_macros.policy = OTASUKE_MACRO_POLICY_UNKNOWN;
  assert_suggestion (suggest (checklist, "seed-macros", &evidence), OTASUKE_ANSWER_NONE, TRUE,
                     "could not be read");
  report.office_macros.detected = FALSE;
  assert_suggestion (suggest (checklist, "seed-macros", &evidence), OTASUKE_ANSWER_NONE, FALSE, NULL);

  /* Screen lock. */
  assert_suggestion (suggest (checklist, "ipa-14", &evidence), OTASUKE_ANSWER_DONE, TRUE, "5 minutes");
  report.screen_lock.idle_delay_seconds = 1800;
  assert_suggestion (suggest (checklist, "ipa-14", &evidence), OTASUKE_ANSWER_PARTLY, TRUE, "30 minutes");
  report.screen_lock.idle_delay_seconds = 0;
  assert_suggestion (suggest (checklist, "ipa-14", &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE, NULL);
  report.screen_lock.idle_delay_seconds = 300;
  report.screen_lock.lock_enabled = FALSE;
  assert_suggestion (suggest (checklist, "ipa-14", &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE, NULL);
  report.screen_lock.detected = FALSE;
  assert_suggestion (suggest (checklist, "ipa-14", &evidence), OTASUKE_ANSWER_NONE, FALSE, NULL);

  /* Firewall: no bundled item asks, but the kind works. */
  firewall_item.id = "firewall";
  firewall_item.evidence = OTASUKE_EVIDENCE_FIREWALL;
  assert_suggestion (otasuke_checklist_suggest (&firewall_item, &evidence), OTASUKE_ANSWER_DONE, TRUE, NULL);
  report.firewall.enabled = OTASUKE_PROBE_NO;
  assert_suggestion (otasuke_checklist_suggest (&firewall_item, &evidence), OTASUKE_ANSWER_NOT_DONE, TRUE, NULL);
  report.firewall.installed = FALSE;
  report.firewall.enabled = OTASUKE_PROBE_UNKNOWN;
  assert_suggestion (otasuke_checklist_suggest (&firewall_item, &evidence), OTASUKE_ANSWER_NONE, FALSE, NULL);
}

static OtasukeRouterTable *
load_router_table (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "data", "routers.json", NULL);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (file);
  g_autoptr(GError) error = NULL;
  OtasukeRouterTable *table;

  table = otasuke_router_table_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return table;
}

static void
test_suggest_router (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  g_autoptr(OtasukeRouterTable) table = load_router_table ();
  g_autoptr(OtasukeRouterResult) affected = otasuke_router_table_lookup (table, "WSR-1166DHP3-BK", "Ver.1.10");
  g_autoptr(OtasukeRouterResult) fixed = otasuke_router_table_lookup (table, "WSR-1166DHP3", "9.99");
  g_autoptr(OtasukeRouterResult) no_firmware = otasuke_router_table_lookup (table, "WSR-1166DHP3", NULL);
  g_autoptr(OtasukeRouterResult) unknown = otasuke_router_table_lookup (table, "NO-SUCH-ROUTER", "1.0");
  OtasukeEvidence evidence = { 0 };
  OtasukeSuggestion *s;

  assert_suggestion (suggest (checklist, "seed-router-firmware", &evidence), OTASUKE_ANSWER_NONE, FALSE,
                     "No router model");

  g_assert_cmpint (affected->status, ==, OTASUKE_ROUTER_STATUS_AFFECTED);
  evidence.router = affected;
  s = suggest (checklist, "seed-router-firmware", &evidence);
  g_assert_true (s->critical);
  g_assert_nonnull (s->advisory_id);
  assert_suggestion (s, OTASUKE_ANSWER_NOT_DONE, TRUE, "WSR-1166DHP3 with firmware 1.10 is affected by");

  evidence.router = fixed;
  assert_suggestion (suggest (checklist, "seed-router-firmware", &evidence), OTASUKE_ANSWER_DONE, TRUE, NULL);
  evidence.router = no_firmware;
  assert_suggestion (suggest (checklist, "seed-router-firmware", &evidence), OTASUKE_ANSWER_NONE, TRUE,
                     "firmware version");
  evidence.router = unknown;
  assert_suggestion (suggest (checklist, "seed-router-firmware", &evidence), OTASUKE_ANSWER_NONE, TRUE, NULL);
}

/* Scoring */

static void
test_bands (void)
{
  const struct { int score; OtasukeScoreBand band; } cases[] = {
    { 100, OTASUKE_SCORE_BAND_ACHIEVED },
    { 99, OTASUKE_SCORE_BAND_SOME_GAPS },
    { 70, OTASUKE_SCORE_BAND_SOME_GAPS },
    { 69, OTASUKE_SCORE_BAND_INSUFFICIENT },
    { 50, OTASUKE_SCORE_BAND_INSUFFICIENT },
    { 49, OTASUKE_SCORE_BAND_ACT_NOW },
    { 0, OTASUKE_SCORE_BAND_ACT_NOW },
    { -25, OTASUKE_SCORE_BAND_ACT_NOW },
  };
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (otasuke_score_band_for_score (cases[i].score), ==, cases[i].band);

  for (OtasukeScoreBand b = OTASUKE_SCORE_BAND_ACHIEVED; b <= OTASUKE_SCORE_BAND_ACT_NOW; b++)
    {
      g_assert_true (g_hash_table_add (titles, (gpointer) otasuke_score_band_get_title (b)));
      g_assert_true (g_str_has_suffix (otasuke_score_band_get_meaning (b), "."));
      g_assert_nonnull (otasuke_score_band_to_string (b));
    }
}

/* A run answering the IPA items in order: @n_done done, @n_partly partly,
 * @n_dont_know don't know, the rest not done; @skip_wifi answers ipa-09
 * "does not apply" (it is never one of the counted ones). */
static OtasukeCheckRun *
make_run (guint    n_done,
          guint    n_partly,
          guint    n_dont_know,
          gboolean skip_wifi)
{
  OtasukeCheckRun *run = otasuke_check_run_new ("2026.1", 1000);
  guint counted = 0;

  for (guint n = 1; n <= OTASUKE_CHECKLIST_N_IPA_ITEMS; n++)
    {
      g_autofree char *id = g_strdup_printf ("ipa-%02u", n);
      OtasukeAnswer answer;

      if (skip_wifi && n == 9)
        answer = OTASUKE_ANSWER_NOT_APPLICABLE;
      else if (counted < n_done)
        answer = OTASUKE_ANSWER_DONE;
      else if (counted < n_done + n_partly)
        answer = OTASUKE_ANSWER_PARTLY;
      else if (counted < n_done + n_partly + n_dont_know)
        answer = OTASUKE_ANSWER_DONT_KNOW;
      else
        answer = OTASUKE_ANSWER_NOT_DONE;
      if (answer != OTASUKE_ANSWER_NOT_APPLICABLE)
        counted++;
      otasuke_check_run_set_answer (run, id, answer, FALSE);
    }
  /* Seed items never count. */
  otasuke_check_run_set_answer (run, "seed-restore-test", OTASUKE_ANSWER_NOT_DONE, FALSE);
  return run;
}

static void
assert_score (OtasukeChecklist *checklist,
              OtasukeCheckRun  *run,
              int               expected,
              OtasukeScoreBand  band)
{
  OtasukeScore score;

  otasuke_check_run_compute_score (run, checklist, &score);
  g_assert_cmpint (score.score, ==, expected);
  g_assert_cmpint (score.band, ==, band);
  otasuke_check_run_unref (run);
}

static void
test_score_boundaries (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  g_autoptr(OtasukeCheckRun) empty = otasuke_check_run_new ("2026.1", 1);
  OtasukeScore score;

  assert_score (checklist, make_run (25, 0, 0, FALSE), 100, OTASUKE_SCORE_BAND_ACHIEVED);
  assert_score (checklist, make_run (24, 1, 0, FALSE), 98, OTASUKE_SCORE_BAND_SOME_GAPS);
  assert_score (checklist, make_run (17, 1, 0, FALSE), 70, OTASUKE_SCORE_BAND_SOME_GAPS);
  assert_score (checklist, make_run (17, 1, 1, FALSE), 69, OTASUKE_SCORE_BAND_INSUFFICIENT);
  assert_score (checklist, make_run (12, 1, 0, FALSE), 50, OTASUKE_SCORE_BAND_INSUFFICIENT);
  assert_score (checklist, make_run (12, 1, 1, FALSE), 49, OTASUKE_SCORE_BAND_ACT_NOW);
  assert_score (checklist, make_run (0, 0, 0, FALSE), 0, OTASUKE_SCORE_BAND_ACT_NOW);
  assert_score (checklist, make_run (0, 0, 25, FALSE), -25, OTASUKE_SCORE_BAND_ACT_NOW);

  /* Unanswered items count as don't know. */
  otasuke_check_run_compute_score (empty, checklist, &score);
  g_assert_cmpint (score.score, ==, -25);
  g_assert_cmpuint (score.n_unanswered, ==, 25);
  g_assert_cmpuint (score.n_applicable, ==, 25);
}

static void
test_score_not_applicable (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  g_autoptr(OtasukeCheckRun) run = make_run (24, 0, 0, TRUE);
  OtasukeScore score;

  /* Without Wi-Fi, everything else done is still 100: not penalised ... */
  otasuke_check_run_compute_score (run, checklist, &score);
  g_assert_cmpint (score.score, ==, 100);
  g_assert_cmpuint (score.n_applicable, ==, 24);
  g_assert_cmpuint (score.n_not_applicable, ==, 1);
  g_assert_cmpint (score.points, ==, 96);

  /* ... nor rewarded: nothing done is still 0. */
  assert_score (checklist, make_run (0, 0, 0, TRUE), 0, OTASUKE_SCORE_BAND_ACT_NOW);
  /* Scaled and rounded to nearest: 48 × 25 / 24 = 50; 52 → 54.2 → 54; 12 → 12.5 → 13; −12 → −13. */
  assert_score (checklist, make_run (12, 0, 0, TRUE), 50, OTASUKE_SCORE_BAND_INSUFFICIENT);
  assert_score (checklist, make_run (13, 0, 0, TRUE), 54, OTASUKE_SCORE_BAND_INSUFFICIENT);
  assert_score (checklist, make_run (3, 0, 0, TRUE), 13, OTASUKE_SCORE_BAND_ACT_NOW);
  assert_score (checklist, make_run (0, 0, 12, TRUE), -13, OTASUKE_SCORE_BAND_ACT_NOW);
  assert_score (checklist, make_run (0, 0, 24, TRUE), -25, OTASUKE_SCORE_BAND_ACT_NOW);

  /* "Does not apply" on an item that does not offer it is unanswered. */
  g_clear_pointer (&run, otasuke_check_run_unref);
  run = make_run (25, 0, 0, FALSE);
  otasuke_check_run_set_answer (run, "ipa-01", OTASUKE_ANSWER_NOT_APPLICABLE, FALSE);
  otasuke_check_run_compute_score (run, checklist, &score);
  g_assert_cmpint (score.score, ==, 95);
  g_assert_cmpuint (score.n_unanswered, ==, 1);
  g_assert_cmpuint (score.n_not_applicable, ==, 0);

  /* Finishing keeps the score and band. */
  otasuke_check_run_finish (run, checklist, 2000);
  g_assert_true (otasuke_check_run_is_finished (run));
  g_assert_cmpint (otasuke_check_run_get_score (run), ==, 95);
  g_assert_cmpint (otasuke_check_run_get_band (run), ==, OTASUKE_SCORE_BAND_SOME_GAPS);
}

/* What to fix first */

static void
test_fix_first (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  g_autoptr(OtasukeCheckRun) run = otasuke_check_run_new ("2026.1", 1000);
  g_autoptr(GPtrArray) browsers = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) item_checks = g_ptr_array_new ();
  g_autoptr(GHashTable) suggestions = NULL;
  g_autoptr(GPtrArray) fix = NULL;
  OtasukeFeedItem advisory = { 0 };
  OtasukeProbeReport report;
  OtasukeEvidence evidence = { 0 };
  const char * const expected[] = {
    "seed-browsers",  /* critical advisory, automatic */
    "ipa-14",         /* automatic, part 2, earlier in the wizard */
    "seed-macros",    /* automatic, part 2 */
    "ipa-03",         /* not done, part 1 */
    "ipa-20",         /* not done, part 3 */
    "ipa-11",         /* partly */
    "ipa-05",         /* don't know */
  };

  report_init (&report, browsers);
  g_ptr_array_add (browsers, &chrome_old);
  report.screen_lock.lock_enabled = FALSE;
  report.office_macros.policy = OTASUKE_MACRO_POLICY_RUN_ALL;
  advisory.id = (char *) "chrome-128";
  advisory.severity = OTASUKE_SEVERITY_CRITICAL;
  advisory.checks = item_checks;
  g_ptr_array_add (item_checks, &chrome_min);
  g_ptr_array_add (items, &advisory);
  evidence.probe = &report;
  evidence.feed_items = items;
  suggestions = otasuke_checklist_suggest_all (checklist, &evidence);
  g_assert_nonnull (g_hash_table_lookup (suggestions, "ipa-01"));
  g_assert_null (g_hash_table_lookup (suggestions, "ipa-25"));

  otasuke_check_run_set_answer (run, "ipa-20", OTASUKE_ANSWER_NOT_DONE, FALSE);
  otasuke_check_run_set_answer (run, "ipa-05", OTASUKE_ANSWER_DONT_KNOW, FALSE);
  otasuke_check_run_set_answer (run, "ipa-11", OTASUKE_ANSWER_PARTLY, FALSE);
  otasuke_check_run_set_answer (run, "ipa-03", OTASUKE_ANSWER_NOT_DONE, FALSE);
  otasuke_check_run_set_answer (run, "seed-macros", OTASUKE_ANSWER_NOT_DONE, TRUE);
  otasuke_check_run_set_answer (run, "ipa-09", OTASUKE_ANSWER_NOT_APPLICABLE, FALSE);
  otasuke_check_run_set_answer (run, "ipa-01", OTASUKE_ANSWER_DONE, TRUE);

  fix = otasuke_check_run_fix_first (run, checklist, suggestions, 10);
  g_assert_cmpuint (fix->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < fix->len; i++)
    {
      const OtasukeFixItem *f = g_ptr_array_index (fix, i);

      g_assert_cmpstr (f->item->id, ==, expected[i]);
      g_assert_nonnull (f->item->steps[0]);
    }
  g_assert_true (((OtasukeFixItem *) g_ptr_array_index (fix, 0))->critical);
  g_assert_true (((OtasukeFixItem *) g_ptr_array_index (fix, 1))->automatic);
  g_assert_nonnull (((OtasukeFixItem *) g_ptr_array_index (fix, 1))->reason);
  g_assert_cmpint (((OtasukeFixItem *) g_ptr_array_index (fix, 1))->answer, ==, OTASUKE_ANSWER_NONE);
  g_assert_false (((OtasukeFixItem *) g_ptr_array_index (fix, 3))->automatic);
  g_clear_pointer (&fix, g_ptr_array_unref);

  /* Five at most; the user's "done" wins over the evidence. */
  otasuke_check_run_set_answer (run, "seed-browsers", OTASUKE_ANSWER_DONE, FALSE);
  fix = otasuke_check_run_fix_first (run, checklist, suggestions, 5);
  g_assert_cmpuint (fix->len, ==, 5);
  g_assert_cmpstr (((OtasukeFixItem *) g_ptr_array_index (fix, 0))->item->id, ==, "ipa-14");
  g_assert_cmpstr (((OtasukeFixItem *) g_ptr_array_index (fix, 4))->item->id, ==, "ipa-11");
  g_clear_pointer (&fix, g_ptr_array_unref);

  /* Kept with the run, the findings give the same list without the suggestions. */
  {
    g_autoptr(GPtrArray) live = otasuke_check_run_fix_first (run, checklist, suggestions, 5);
    g_autoptr(GPtrArray) kept = NULL;
    g_autoptr(OtasukeCheckRun) copy = NULL;

    otasuke_check_run_keep_findings (run, checklist, suggestions);
    g_assert_nonnull (strstr (otasuke_check_run_get_findings (run), "!seed-browsers"));
    copy = otasuke_check_run_copy (run);
    kept = otasuke_check_run_fix_first (copy, checklist, NULL, 5);
    g_assert_cmpuint (kept->len, ==, live->len);
    for (guint i = 0; i < kept->len; i++)
      {
        const OtasukeFixItem *a = g_ptr_array_index (live, i);
        const OtasukeFixItem *b = g_ptr_array_index (kept, i);

        g_assert_cmpstr (a->item->id, ==, b->item->id);
        g_assert_cmpint (a->automatic, ==, b->automatic);
        g_assert_cmpint (a->critical, ==, b->critical);
      }
    otasuke_check_run_set_findings (run, NULL);
  }

  /* The router model entered: its step to enter it is left out. */
  {
    g_autoptr(GPtrArray) router_fix = NULL;
    const OtasukeChecklistItem *router = otasuke_checklist_lookup (checklist, "seed-router-firmware");

    otasuke_check_run_set_answer (run, "seed-router-firmware", OTASUKE_ANSWER_NOT_DONE, FALSE);
    otasuke_check_run_set_router (run, "WSR-1166DHP3", "1.16");
    router_fix = otasuke_check_run_fix_first (run, checklist, NULL, 10);
    for (guint i = 0; i < router_fix->len; i++)
      {
        const OtasukeFixItem *f = g_ptr_array_index (router_fix, i);

        if (f->item == router)
          g_assert_cmpstr (f->steps[0], ==, router->steps[1]);
      }
    otasuke_check_run_set_answer (run, "seed-router-firmware", OTASUKE_ANSWER_NONE, FALSE);
  }

  /* Without evidence, only the user's answers. */
  fix = otasuke_check_run_fix_first (run, checklist, NULL, 5);
  g_assert_cmpuint (fix->len, ==, 5);
  g_assert_cmpstr (((OtasukeFixItem *) g_ptr_array_index (fix, 0))->item->id, ==, "ipa-03");
  g_assert_cmpstr (((OtasukeFixItem *) g_ptr_array_index (fix, 1))->item->id, ==, "seed-macros");
}

static void
add_evidence_tests (void)
{
  g_test_add_func ("/checklist/suggest/browsers", test_suggest_browsers);
  g_test_add_func ("/checklist/suggest/machine", test_suggest_machine);
  g_test_add_func ("/checklist/suggest/router", test_suggest_router);
  g_test_add_func ("/checklist/score/bands", test_bands);
  g_test_add_func ("/checklist/score/boundaries", test_score_boundaries);
  g_test_add_func ("/checklist/score/not-applicable", test_score_not_applicable);
  g_test_add_func ("/checklist/fix-first", test_fix_first);
}

static void test_suggest_site (void);

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("OTASUKE_LOCALEDIR");

  const char *lang = g_getenv ("OTASUKE_TEST_LC_ALL");

  /* English (the msgids) unless a test's child asks for another language. */
  g_setenv ("LC_ALL", lang != NULL ? lang : "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/checklist/content", test_content);
  g_test_add_func ("/checklist/not-applicable", test_not_applicable);
  g_test_add_func ("/checklist/evidence-kinds", test_evidence_kinds);
  g_test_add_func ("/checklist/suggest-site", test_suggest_site);
  g_test_add_func ("/checklist/invalid", test_invalid);
  g_test_add_func ("/checklist/answers", test_answers);
  add_evidence_tests ();
  g_test_add_func ("/checklist/translation", test_translation);
  g_test_add_func ("/checklist/glossary", test_glossary);

  return g_test_run ();
}

static OtasukeSiteReport *
site_report (const char *json)
{
  g_autoptr(GError) error = NULL;
  OtasukeSiteReport *report = otasuke_site_report_from_json (json, &error);

  g_assert_no_error (error);
  return report;
}

/* The website and mail items follow the site check's findings. */
static void
test_suggest_site (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_bundled ();
  g_autoptr(OtasukeSiteReport) good = site_report (
    "{\"host\":\"shop.test\",\"https\":{\"ok\":true,\"certificate\":{\"days_left\":80}},"
    "\"mail\":{\"mx\":[\"mx.shop.test\"],\"spf\":\"v=spf1 -all\",\"dmarc\":\"v=DMARC1; p=reject\"},"
    "\"findings\":[{\"id\":\"no-frame-protection\",\"severity\":\"low\",\"text\":\"frames\"}],"
    "\"otasuke\":{\"port\":443,\"mail_domain\":\"shop.test\"}}");
  g_autoptr(OtasukeSiteReport) bad = site_report (
    "{\"host\":\"shop.test\",\"https\":{\"ok\":false},"
    "\"mail\":{\"mx\":[],\"spf\":null,\"dmarc\":null},"
    "\"findings\":[{\"id\":\"certificate-expired\",\"severity\":\"high\",\"text\":\"Expired.\"},"
    "{\"id\":\"mail-no-spf\",\"severity\":\"medium\",\"text\":\"No SPF.\"}],"
    "\"otasuke\":{\"port\":443,\"mail_domain\":\"shop.test\"}}");
  g_autoptr(OtasukeSiteReport) mail_only = site_report (
    "{\"host\":\"shop.test\",\"https\":{\"ok\":false},\"mail\":{\"mx\":[]},"
    "\"findings\":[],\"otasuke\":{\"port\":0,\"mail_domain\":\"shop.test\"}}");
  OtasukeEvidence evidence = { 0 };
  g_autoptr(OtasukeSuggestion) none_website = NULL;
  g_autoptr(OtasukeSuggestion) none_mail = NULL;
  g_autoptr(OtasukeSuggestion) unchecked = NULL;
  g_autoptr(OtasukeSuggestion) good_website = NULL;
  g_autoptr(OtasukeSuggestion) good_mail = NULL;
  g_autoptr(OtasukeSuggestion) bad_website = NULL;
  g_autoptr(OtasukeSuggestion) bad_mail = NULL;
  g_autoptr(OtasukeSuggestion) only_website = NULL;

  /* Neither entered: skipped as not applying. */
  evidence.site_none_entered = TRUE;
  none_website = suggest (checklist, "seed-website", &evidence);
  none_mail = suggest (checklist, "seed-mail-domain", &evidence);
  g_assert_cmpint (none_website->answer, ==, OTASUKE_ANSWER_NOT_APPLICABLE);
  g_assert_cmpint (none_mail->answer, ==, OTASUKE_ANSWER_NOT_APPLICABLE);

  evidence.site_none_entered = FALSE;
  unchecked = suggest (checklist, "seed-website", &evidence);
  g_assert_cmpint (unchecked->answer, ==, OTASUKE_ANSWER_NONE);

  evidence.site = good;
  good_website = suggest (checklist, "seed-website", &evidence);
  good_mail = suggest (checklist, "seed-mail-domain", &evidence);
  g_assert_cmpint (good_website->answer, ==, OTASUKE_ANSWER_DONE);
  g_assert_nonnull (strstr (good_website->reason, "80"));
  g_assert_cmpint (good_mail->answer, ==, OTASUKE_ANSWER_DONE);

  evidence.site = bad;
  bad_website = suggest (checklist, "seed-website", &evidence);
  bad_mail = suggest (checklist, "seed-mail-domain", &evidence);
  g_assert_cmpint (bad_website->answer, ==, OTASUKE_ANSWER_NOT_DONE);
  g_assert_cmpstr (bad_website->reason, ==, "Expired.");
  g_assert_cmpint (bad_mail->answer, ==, OTASUKE_ANSWER_PARTLY);
  g_assert_cmpstr (bad_mail->reason, ==, "No SPF.");

  evidence.site = mail_only;
  only_website = suggest (checklist, "seed-website", &evidence);
  g_assert_cmpint (only_website->answer, ==, OTASUKE_ANSWER_NOT_APPLICABLE);
}
