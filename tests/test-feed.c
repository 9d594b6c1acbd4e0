/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-feed"

#include "config.h"

#include <string.h>

#include "otasuke-feed.h"
#include "otasuke-json.h"

/* A feed with every field we read. Cases below change one or two members. */
static const char base_feed[] =
  "{\n"
  "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
  "  \"title\": \"さくら商工会議所 セキュリティ情報\",\n"
  "  \"home_page_url\": \"https://www.sakura-cci.or.jp/security/\",\n"
  "  \"feed_url\": \"https://www.sakura-cci.or.jp/security/feed.json\",\n"
  "  \"_otasuke\": {\n"
  "    \"schema\": 1,\n"
  "    \"sequence\": 42,\n"
  "    \"generated\": \"2024-09-01T09:00:00+09:00\",\n"
  "    \"expires\": \"2024-10-01T09:00:00+09:00\",\n"
  "    \"contacts\": [\n"
  "      { \"name\": \"IPA 情報セキュリティ安心相談窓口\", \"phone\": \"03-5978-7509\",\n"
  "        \"hours\": \"10:00–12:00, 13:30–17:00\", \"email\": \"anshin@ipa.go.jp\",\n"
  "        \"url\": \"https://www.ipa.go.jp/security/anshin/\", \"notes\": \"土日祝日・年末年始を除く\" },\n"
  "      { \"name\": \"さくら商工会議所\" }\n"
  "    ]\n"
  "  },\n"
  "  \"items\": [\n"
  "    { \"id\": \"chrome-128\", \"url\": \"https://chromereleases.googleblog.com/\",\n"
  "      \"title\": \"Google Chrome を更新してください\",\n"
  "      \"content_text\": \"128.0.6613.85 より前の Chrome には脆弱性があります。\",\n"
  "      \"summary\": \"Chrome の更新\",\n"
  "      \"date_published\": \"2024-08-22T10:00:00Z\",\n"
  "      \"date_modified\": \"2024-08-23T10:00:00.250+09:00\",\n"
  "      \"_otasuke\": { \"severity\": \"high\", \"category\": \"browser\", \"checks\": [\n"
  "        { \"type\": \"browser_min_version\", \"product\": \"chrome\", \"min\": \"128.0.6613.85\" },\n"
  "        { \"type\": \"printer_toner\", \"colour\": [\"cyan\", 3] } ] } },\n"
  "    { \"id\": \"buffalo-botnet\", \"title\": \"BUFFALO ルーターのボットネット感染\",\n"
  "      \"content_html\": \"<p>管理パスワードを<b>初期設定</b>のままにしないでください。</p>\",\n"
  "      \"_otasuke\": { \"severity\": \"critical\", \"category\": \"router\", \"checks\": [\n"
  "        { \"type\": \"router_firmware\", \"vendor\": \"BUFFALO\", \"model\": \"WHR-1166DHP2\",\n"
  "          \"affected_max\": \"2.95\", \"condition\": \"default_password\" } ] } },\n"
  "    { \"id\": \"windows-10-eos\", \"title\": \"Windows 10 のサポート終了\",\n"
  "      \"content_text\": \"2025年10月14日にサポートが終了しました。\",\n"
  "      \"_otasuke\": { \"severity\": \"medium\", \"category\": \"os\", \"checks\": [\n"
  "        { \"type\": \"os_end_of_support\", \"os\": \"windows\", \"version\": \"10\", \"date\": \"2025-10-14\" } ] } },\n"
  "    { \"id\": \"expired-domains\", \"title\": \"期限切れドメインの悪用\",\n"
  "      \"content_text\": \"使わなくなったドメインが詐欺サイトに使われています。\",\n"
  "      \"date_published\": \"2024-09-03T08:30:00-05:00\",\n"
  "      \"_otasuke\": { \"severity\": \"info\", \"category\": \"domain\", \"checks\": [\n"
  "        { \"type\": \"browser_min_version\", \"product\": \"firefox\", \"min\": \"115.9.0esr\" } ] } }\n"
  "  ]\n"
  "}\n";

/* ------------------------------------------------------------------------ */
/* Changing the base feed: "items[0]._otasuke.severity" → a new JSON value. */

static void
set_member (json_t     *root,
            const char *path,
            const char *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  json_t *node = root;
  guint n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup (parts[i]);
      char *bracket = strchr (name, '[');
      int index = -1;

      if (bracket != NULL)
        {
          index = atoi (bracket + 1);
          *bracket = '\0';
        }

      g_assert_true (json_is_object (node));

      if (i == n - 1)
        {
          g_assert_cmpint (index, ==, -1);
          if (value == NULL)
            {
              json_object_del (node, name);
            }
          else
            {
              g_autoptr(GError) error = NULL;
              json_t *new_node = otasuke_json_load (value, -1, &error);

              g_assert_no_error (error);
              json_object_set_new (node, name, new_node);
            }
          return;
        }

      node = json_object_get (node, name);
      g_assert_nonnull (node);
      if (index >= 0)
        node = json_array_get (node, (gsize) index);
      g_assert_nonnull (node);
    }
}

static char *
change_feed (const char *path,
             const char *value,
             const char *path2,
             const char *value2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(json_t) root = otasuke_json_load (base_feed, -1, &error);

  g_assert_no_error (error);
  if (path != NULL)
    set_member (root, path, value);
  if (path2 != NULL)
    set_member (root, path2, value2);
  return otasuke_json_to_string (root, FALSE);
}

static void
assert_parse_fails (const char       *json,
                    gsize             len,
                    OtasukeFeedError  code,
                    const char       *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeFeed) feed = otasuke_feed_parse (json, len, &error);

  g_assert_null (feed);
  g_assert_error (error, OTASUKE_FEED_ERROR, (int) code);
  g_test_message ("%s", error->message);
  if (prefix != NULL && !g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
}

static OtasukeFeed *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  OtasukeFeed *feed = otasuke_feed_parse (json, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static void
assert_items_equal (const OtasukeFeedItem *a,
                    const OtasukeFeedItem *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->url, ==, b->url);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->content_text, ==, b->content_text);
  g_assert_cmpstr (a->summary, ==, b->summary);
  g_assert_cmpint (a->date_published, ==, b->date_published);
  g_assert_cmpint (a->date_modified, ==, b->date_modified);
  g_assert_cmpint (a->severity, ==, b->severity);
  g_assert_cmpint (a->category, ==, b->category);
  g_assert_cmpuint (a->checks->len, ==, b->checks->len);

  for (guint i = 0; i < a->checks->len; i++)
    {
      const OtasukeFeedCheck *x = g_ptr_array_index (a->checks, i);
      const OtasukeFeedCheck *y = g_ptr_array_index (b->checks, i);

      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpstr (x->product, ==, y->product);
      g_assert_cmpstr (x->min, ==, y->min);
      g_assert_cmpstr (x->vendor, ==, y->vendor);
      g_assert_cmpstr (x->model, ==, y->model);
      g_assert_cmpstr (x->affected_max, ==, y->affected_max);
      g_assert_cmpstr (x->condition, ==, y->condition);
      g_assert_cmpstr (x->os, ==, y->os);
      g_assert_cmpstr (x->version, ==, y->version);
      g_assert_cmpstr (x->date, ==, y->date);
    }
}

/* ------------------------------------------------------------------------ */

static void
test_parse_valid (void)
{
  g_autoptr(OtasukeFeed) feed = parse_ok (base_feed);
  const OtasukeFeedItem *item;
  const OtasukeFeedCheck *check;
  const OtasukeFeedContact *contact;

  g_assert_cmpstr (feed->title, ==, "さくら商工会議所 セキュリティ情報");
  g_assert_cmpstr (feed->home_page_url, ==, "https://www.sakura-cci.or.jp/security/");
  g_assert_cmpuint (feed->schema, ==, 1);
  g_assert_cmpint (feed->sequence, ==, 42);
  g_assert_cmpint (feed->generated, ==, 1725148800);
  g_assert_cmpint (feed->expires, ==, 1727740800);

  g_assert_cmpuint (feed->contacts->len, ==, 2);
  contact = g_ptr_array_index (feed->contacts, 0);
  g_assert_cmpstr (contact->name, ==, "IPA 情報セキュリティ安心相談窓口");
  g_assert_cmpstr (contact->phone, ==, "03-5978-7509");
  g_assert_cmpstr (contact->hours, ==, "10:00–12:00, 13:30–17:00");
  g_assert_cmpstr (contact->email, ==, "anshin@ipa.go.jp");
  g_assert_cmpstr (contact->url, ==, "https://www.ipa.go.jp/security/anshin/");
  g_assert_cmpstr (contact->notes, ==, "土日祝日・年末年始を除く");
  contact = g_ptr_array_index (feed->contacts, 1);
  g_assert_cmpstr (contact->name, ==, "さくら商工会議所");
  g_assert_null (contact->phone);
  g_assert_null (contact->hours);
  g_assert_null (contact->email);
  g_assert_null (contact->url);
  g_assert_null (contact->notes);

  g_assert_cmpuint (feed->items->len, ==, 4);

  item = g_ptr_array_index (feed->items, 0);
  g_assert_cmpstr (item->id, ==, "chrome-128");
  g_assert_cmpstr (item->url, ==, "https://chromereleases.googleblog.com/");
  g_assert_cmpstr (item->title, ==, "Google Chrome を更新してください");
  g_assert_cmpstr (item->content_text, ==, "128.0.6613.85 より前の Chrome には脆弱性があります。");
  g_assert_cmpstr (item->summary, ==, "Chrome の更新");
  g_assert_cmpint (item->date_published, ==, 1724320800);
  g_assert_cmpint (item->date_modified, ==, 1724374800);
  g_assert_cmpint (item->severity, ==, OTASUKE_SEVERITY_HIGH);
  g_assert_cmpint (item->category, ==, OTASUKE_CATEGORY_BROWSER);
  /* The unknown "printer_toner" check is not kept. */
  g_assert_cmpuint (item->checks->len, ==, 1);
  check = g_ptr_array_index (item->checks, 0);
  g_assert_cmpint (check->type, ==, OTASUKE_CHECK_BROWSER_MIN_VERSION);
  g_assert_cmpstr (check->product, ==, "chrome");
  g_assert_cmpstr (check->min, ==, "128.0.6613.85");

  item = g_ptr_array_index (feed->items, 1);
  g_assert_cmpstr (item->id, ==, "buffalo-botnet");
  g_assert_null (item->url);
  g_assert_null (item->summary);
  g_assert_cmpint (item->date_published, ==, 0);
  g_assert_cmpint (item->date_modified, ==, 0);
  g_assert_cmpstr (item->content_text, ==, "管理パスワードを初期設定のままにしないでください。");
  g_assert_cmpint (item->severity, ==, OTASUKE_SEVERITY_CRITICAL);
  g_assert_cmpint (item->category, ==, OTASUKE_CATEGORY_ROUTER);
  g_assert_cmpuint (item->checks->len, ==, 1);
  check = g_ptr_array_index (item->checks, 0);
  g_assert_cmpint (check->type, ==, OTASUKE_CHECK_ROUTER_FIRMWARE);
  g_assert_cmpstr (check->vendor, ==, "BUFFALO");
  g_assert_cmpstr (check->model, ==, "WHR-1166DHP2");
  g_assert_cmpstr (check->affected_max, ==, "2.95");
  g_assert_cmpstr (check->condition, ==, "default_password");

  item = g_ptr_array_index (feed->items, 2);
  g_assert_cmpint (item->severity, ==, OTASUKE_SEVERITY_MEDIUM);
  g_assert_cmpint (item->category, ==, OTASUKE_CATEGORY_OS);
  check = g_ptr_array_index (item->checks, 0);
  g_assert_cmpint (check->type, ==, OTASUKE_CHECK_OS_END_OF_SUPPORT);
  g_assert_cmpstr (check->os, ==, "windows");
  g_assert_cmpstr (check->version, ==, "10");
  g_assert_cmpstr (check->date, ==, "2025-10-14");

  item = g_ptr_array_index (feed->items, 3);
  g_assert_cmpint (item->severity, ==, OTASUKE_SEVERITY_INFO);
  g_assert_cmpint (item->category, ==, OTASUKE_CATEGORY_DOMAIN);
  g_assert_cmpint (item->date_published, ==, 1725370200);
  check = g_ptr_array_index (item->checks, 0);
  g_assert_cmpstr (check->product, ==, "firefox");
  g_assert_cmpstr (check->min, ==, "115.9.0esr");
}

static void
test_parse_variants (void)
{
  static const struct {
    const char *path;
    const char *value;
  } cases[] = {
    { "version", "\"https://jsonfeed.org/version/1\"" },
    { "home_page_url", NULL },
    { "_otasuke.contacts", NULL },
    { "_otasuke.contacts", "[]" },
    { "_otasuke.sequence", "0" },
    { "_otasuke.sequence", "9007199254740992" },
    { "_otasuke.future_field", "{\"a\": [1, 2, {\"b\": null}]}" },
    { "_otasuke.generated", "\"2024-09-01t00:00:00z\"" },
    { "_otasuke.expires", "\"2024-09-01T00:00:00Z\"" },
    { "items", "[]" },
    { "items[0].summary", "\"\"" },
    { "items[0].url", "\"HTTP://EXAMPLE.JP/a?b=c#d\"" },
    { "items[0].url", "\"https://[2001:db8::1]:8443/a\"" },
    { "items[0].url", "\"http://192.0.2.1/\"" },
    { "items[0].content_html", "\"<p>both</p>\"" },
    { "items[0].tags", "[\"chrome\", \"browser\"]" },
    { "items[0]._otasuke.checks", NULL },
    { "items[0]._otasuke.checks", "[{\"type\": \"new_type\"}]" },
    { "items[1]._otasuke.checks[0].condition", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = change_feed (cases[i].path, cases[i].value, NULL, NULL);
      g_autoptr(OtasukeFeed) feed = NULL;

      g_test_message ("%s = %s", cases[i].path, cases[i].value ? cases[i].value : "(removed)");
      feed = parse_ok (json);
    }
}

typedef struct {
  const char       *path;
  const char       *value;    /* JSON text; NULL removes the member */
  const char       *path2;
  const char       *value2;
  OtasukeFeedError  code;
  const char       *message;  /* the message starts with this */
} InvalidCase;

#define INVALID OTASUKE_FEED_ERROR_INVALID
#define NOT_A_FEED OTASUKE_FEED_ERROR_NOT_A_FEED
#define MISSING OTASUKE_FEED_ERROR_MISSING_EXTENSION

static const InvalidCase invalid_cases[] = {
  /* JSON Feed itself */
  { "version", "\"https://jsonfeed.org/version/2\"", NULL, NULL, NOT_A_FEED, "version: " },
  { "version", "\"http://jsonfeed.org/version/1.1\"", NULL, NULL, NOT_A_FEED, "version: " },
  { "version", "1.1", NULL, NULL, NOT_A_FEED, "version: " },
  { "version", NULL, NULL, NULL, NOT_A_FEED, "version: missing" },
  { "items", NULL, NULL, NULL, NOT_A_FEED, "items: missing" },
  { "items", "{}", NULL, NULL, NOT_A_FEED, "items: not an array" },
  { "items", "\"none\"", NULL, NULL, NOT_A_FEED, "items: not an array" },
  { "title", NULL, NULL, NULL, INVALID, "title: missing" },
  { "title", "7", NULL, NULL, INVALID, "title: not a string" },
  { "title", "\"\"", NULL, NULL, INVALID, "title: empty" },
  { "home_page_url", "\"javascript:alert(1)\"", NULL, NULL, INVALID, "home_page_url: " },
  { "home_page_url", "[]", NULL, NULL, INVALID, "home_page_url: not a string" },

  /* The extension at the top */
  { "_otasuke", NULL, NULL, NULL, MISSING, "_otasuke: missing" },
  { "items[2]._otasuke", NULL, NULL, NULL, MISSING, "items[2]._otasuke: missing" },
  { "_otasuke", "[]", NULL, NULL, INVALID, "_otasuke: not an object" },
  { "_otasuke", "null", NULL, NULL, INVALID, "_otasuke: not an object" },
  { "_otasuke.schema", NULL, NULL, NULL, INVALID, "_otasuke.schema: missing" },
  { "_otasuke.schema", "2", NULL, NULL, INVALID,
    "_otasuke.schema: this feed needs a newer version of Otasuke" },
  { "_otasuke.schema", "1.5", NULL, NULL, INVALID,
    "_otasuke.schema: this feed needs a newer version of Otasuke" },
  { "_otasuke.schema", "0", NULL, NULL, INVALID, "_otasuke.schema: not a supported schema" },
  { "_otasuke.schema", "\"1\"", NULL, NULL, INVALID, "_otasuke.schema: not a number" },
  { "_otasuke.sequence", NULL, NULL, NULL, INVALID, "_otasuke.sequence: missing" },
  { "_otasuke.sequence", "-1", NULL, NULL, INVALID, "_otasuke.sequence: negative" },
  { "_otasuke.sequence", "1.5", NULL, NULL, INVALID, "_otasuke.sequence: not an integer" },
  { "_otasuke.sequence", "42.0", NULL, NULL, INVALID, "_otasuke.sequence: not an integer" },
  { "_otasuke.sequence", "1e3", NULL, NULL, INVALID, "_otasuke.sequence: not an integer" },
  { "_otasuke.sequence", "\"42\"", NULL, NULL, INVALID, "_otasuke.sequence: not an integer" },
  { "_otasuke.sequence", "true", NULL, NULL, INVALID, "_otasuke.sequence: not an integer" },
  { "_otasuke.sequence", "9007199254740993", NULL, NULL, INVALID, "_otasuke.sequence: too large" },
  { "_otasuke.generated", NULL, NULL, NULL, INVALID, "_otasuke.generated: missing" },
  { "_otasuke.generated", "1725148800", NULL, NULL, INVALID, "_otasuke.generated: not a string" },
  { "_otasuke.generated", "\"2024-09-01\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\"2024-09-01 09:00:00Z\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\"2024-09-01T09:00:00\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\"2024-09-01T09:00Z\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\"2024-09-01T09:00:00+0900\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\"2024-09-01T09:00:00+09\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\"20240901T090000Z\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\"2024-W35-7T09:00:00Z\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\"2023-02-29T09:00:00Z\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\"2024-09-01T24:00:00Z\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\"2024-09-01T09:00:00.Z\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\"2024-09-01T09:00:00Z \"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.generated", "\" 2024-09-01T09:00:00Z\"", NULL, NULL, INVALID, "_otasuke.generated: not an RFC 3339" },
  { "_otasuke.expires", NULL, NULL, NULL, INVALID, "_otasuke.expires: missing" },
  { "_otasuke.expires", "\"2024-08-01T00:00:00Z\"", NULL, NULL, INVALID, "_otasuke.expires: earlier than generated" },
  { "_otasuke.contacts", "{}", NULL, NULL, INVALID, "_otasuke.contacts: not an array" },
  { "_otasuke.contacts", "[\"IPA\"]", NULL, NULL, INVALID, "_otasuke.contacts[0]: not an object" },
  { "_otasuke.contacts[1].name", NULL, NULL, NULL, INVALID, "_otasuke.contacts[1].name: missing" },
  { "_otasuke.contacts[0].phone", "5978", NULL, NULL, INVALID, "_otasuke.contacts[0].phone: not a string" },
  { "_otasuke.contacts[0].url", "\"javascript:alert(1)\"", NULL, NULL, INVALID,
    "_otasuke.contacts[0].url: not an http or https address" },
  { "_otasuke.contacts[0].url", "\"https://www.ipa.go.jp@evil.example/\"", NULL, NULL, INVALID,
    "_otasuke.contacts[0].url: addresses with a user name are not accepted" },

  /* Items */
  { "items", "[\"chrome-128\"]", NULL, NULL, INVALID, "items[0]: not an object" },
  { "items", "[[]]", NULL, NULL, INVALID, "items[0]: not an object" },
  { "items[1].id", "\"chrome-128\"", NULL, NULL, INVALID, "items[1].id: duplicate id" },
  { "items[3].id", "\"windows-10-eos\"", NULL, NULL, INVALID, "items[3].id: duplicate id" },
  { "items[0].id", NULL, NULL, NULL, INVALID, "items[0].id: missing" },
  { "items[0].id", "128", NULL, NULL, INVALID, "items[0].id: not a string" },
  { "items[0].id", "\"\"", NULL, NULL, INVALID, "items[0].id: empty" },
  { "items[0].url", "\"javascript:alert(1)\"", NULL, NULL, INVALID, "items[0].url: not an http or https address" },
  { "items[0].url", "\"file:///etc/passwd\"", NULL, NULL, INVALID, "items[0].url: not an http or https address" },
  { "items[0].url", "\"data:text/html,<script>alert(1)</script>\"", NULL, NULL, INVALID, "items[0].url: not an http or https address" },
  { "items[0].url", "\"ftp://example.jp/\"", NULL, NULL, INVALID, "items[0].url: not an http or https address" },
  { "items[0].url", "\"//example.jp/\"", NULL, NULL, INVALID, "items[0].url: not an http or https address" },
  { "items[0].url", "\"https:///path\"", NULL, NULL, INVALID, "items[0].url: not an http or https address" },
  { "items[0].url", "\"https://example.jp/a b\"", NULL, NULL, INVALID, "items[0].url: not an http or https address" },
  { "items[0].url", "\"https://exa<mple>.jp/\"", NULL, NULL, INVALID, "items[0].url: not an http or https address" },
  { "items[0].url", "\"https://example.jp%2fevil.example/\"", NULL, NULL, INVALID, "items[0].url: not an http or https address" },
  { "items[0].url", "\"https://例え.jp/\"", NULL, NULL, INVALID, "items[0].url: not an http or https address" },
  { "items[0].url", "\"\"", NULL, NULL, INVALID, "items[0].url: not an http or https address" },
  { "items[0].url", "\"https://user:pw@example.jp/\"", NULL, NULL, INVALID,
    "items[0].url: addresses with a user name are not accepted" },
  { "items[0].url", "{\"href\": \"https://example.jp/\"}", NULL, NULL, INVALID, "items[0].url: not a string" },
  { "items[0].title", NULL, NULL, NULL, INVALID, "items[0].title: missing" },
  { "items[0].title", "null", NULL, NULL, INVALID, "items[0].title: not a string" },
  { "items[0].content_text", NULL, NULL, NULL, INVALID, "items[0]: no content_text or content_html" },
  { "items[0].content_text", "\"\"", NULL, NULL, INVALID, "items[0]: no content_text or content_html" },
  { "items[0].content_text", "[\"text\"]", NULL, NULL, INVALID, "items[0].content_text: not a string" },
  { "items[1].content_html", "42", NULL, NULL, INVALID, "items[1].content_html: not a string" },
  { "items[1].content_html", "\"<img src=x onerror=alert(1)><script>x</script>\"", NULL, NULL, INVALID,
    "items[1].content_html: no text" },
  { "items[0].content_text", NULL, "items[0].content_html", "\"<p> </p>\"", INVALID,
    "items[0].content_html: no text" },
  { "items[0].summary", "false", NULL, NULL, INVALID, "items[0].summary: not a string" },
  { "items[0].date_published", "\"2024-08-22\"", NULL, NULL, INVALID, "items[0].date_published: not an RFC 3339" },
  { "items[0].date_published", "1724320800", NULL, NULL, INVALID, "items[0].date_published: not a string" },
  { "items[0].date_modified", "\"yesterday\"", NULL, NULL, INVALID, "items[0].date_modified: not an RFC 3339" },

  /* The extension on items */
  { "items[0]._otasuke", "\"high\"", NULL, NULL, INVALID, "items[0]._otasuke: not an object" },
  { "items[0]._otasuke.severity", NULL, NULL, NULL, INVALID, "items[0]._otasuke.severity: missing" },
  { "items[0]._otasuke.severity", "\"urgent\"", NULL, NULL, INVALID, "items[0]._otasuke.severity: not a known severity" },
  { "items[0]._otasuke.severity", "\"HIGH\"", NULL, NULL, INVALID, "items[0]._otasuke.severity: not a known severity" },
  { "items[0]._otasuke.severity", "4", NULL, NULL, INVALID, "items[0]._otasuke.severity: not a string" },
  { "items[0]._otasuke.category", NULL, NULL, NULL, INVALID, "items[0]._otasuke.category: missing" },
  { "items[0]._otasuke.category", "\"printer\"", NULL, NULL, INVALID, "items[0]._otasuke.category: not a known category" },
  { "items[0]._otasuke.checks", "{}", NULL, NULL, INVALID, "items[0]._otasuke.checks: not an array" },
  { "items[0]._otasuke.checks", "[\"browser_min_version\"]", NULL, NULL, INVALID, "items[0]._otasuke.checks[0]: not an object" },
  { "items[0]._otasuke.checks", "[{\"product\": \"chrome\"}]", NULL, NULL, INVALID, "items[0]._otasuke.checks[0].type: missing" },
  { "items[0]._otasuke.checks", "[{\"type\": 1}]", NULL, NULL, INVALID, "items[0]._otasuke.checks[0].type: not a string" },
  /* An unknown check type must still be an object. */
  { "items[0]._otasuke.checks", "[{\"type\": \"x\"}, 5]", NULL, NULL, INVALID, "items[0]._otasuke.checks[1]: not an object" },
  { "items[0]._otasuke.checks[0].min", "\"latest\"", NULL, NULL, INVALID, "items[0]._otasuke.checks[0].min: not a version" },
  { "items[0]._otasuke.checks[0].min", NULL, NULL, NULL, INVALID, "items[0]._otasuke.checks[0].min: missing" },
  { "items[0]._otasuke.checks[0].min", "128", NULL, NULL, INVALID, "items[0]._otasuke.checks[0].min: not a string" },
  { "items[0]._otasuke.checks[0].product", "\"netscape\"", NULL, NULL, INVALID, "items[0]._otasuke.checks[0].product: not a known browser" },
  { "items[0]._otasuke.checks[0].product", NULL, NULL, NULL, INVALID, "items[0]._otasuke.checks[0].product: missing" },
  { "items[1]._otasuke.checks[0].vendor", NULL, NULL, NULL, INVALID, "items[1]._otasuke.checks[0].vendor: missing" },
  { "items[1]._otasuke.checks[0].model", "[]", NULL, NULL, INVALID, "items[1]._otasuke.checks[0].model: not a string" },
  { "items[1]._otasuke.checks[0].affected_max", "\"newest\"", NULL, NULL, INVALID, "items[1]._otasuke.checks[0].affected_max: not a version" },
  { "items[1]._otasuke.checks[0].affected_max", "2.95", NULL, NULL, INVALID, "items[1]._otasuke.checks[0].affected_max: not a string" },
  { "items[1]._otasuke.checks[0].condition", "true", NULL, NULL, INVALID, "items[1]._otasuke.checks[0].condition: not a string" },
  { "items[2]._otasuke.checks[0].os", NULL, NULL, NULL, INVALID, "items[2]._otasuke.checks[0].os: missing" },
  { "items[2]._otasuke.checks[0].version", "10", NULL, NULL, INVALID, "items[2]._otasuke.checks[0].version: not a string" },
  { "items[2]._otasuke.checks[0].date", NULL, NULL, NULL, INVALID, "items[2]._otasuke.checks[0].date: missing" },
  { "items[2]._otasuke.checks[0].date", "\"2025-02-30\"", NULL, NULL, INVALID, "items[2]._otasuke.checks[0].date: not a date" },
  { "items[2]._otasuke.checks[0].date", "\"2025-10-14T00:00:00Z\"", NULL, NULL, INVALID, "items[2]._otasuke.checks[0].date: not a date" },
  { "items[2]._otasuke.checks[0].date", "\"14/10/2025\"", NULL, NULL, INVALID, "items[2]._otasuke.checks[0].date: not a date" },
  { "items[2]._otasuke.checks[0].date", "\"2025-1-14\"", NULL, NULL, INVALID, "items[2]._otasuke.checks[0].date: not a date" },
};

static void
test_parse_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      g_autofree char *json = change_feed (c->path, c->value, c->path2, c->value2);

      g_test_message ("%s = %s", c->path, c->value ? c->value : "(removed)");
      assert_parse_fails (json, strlen (json), c->code, c->message);
    }
}

static void
test_parse_first_problem (void)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeFeed) feed = NULL;

  /* Two problems: the earlier one in document order is named, exactly. */
  json = change_feed ("items[3]._otasuke.checks[0].min", "\"soon\"",
                      "items[3]._otasuke.severity", "\"bad\"");
  feed = otasuke_feed_parse (json, strlen (json), &error);
  g_assert_null (feed);
  g_assert_error (error, OTASUKE_FEED_ERROR, OTASUKE_FEED_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "items[3]._otasuke.severity: not a known severity");
  g_clear_error (&error);
  g_clear_pointer (&json, g_free);

  json = change_feed ("items[3]._otasuke.checks[0].min", "\"soon\"", NULL, NULL);
  feed = otasuke_feed_parse (json, strlen (json), &error);
  g_assert_null (feed);
  g_assert_error (error, OTASUKE_FEED_ERROR, OTASUKE_FEED_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "items[3]._otasuke.checks[0].min: not a version");
}

/* A member named twice is one member, and the last value wins (as json-glib
 * did): the signer's tool writes each once, so this only pins the rule. */
static void
test_parse_duplicate_members (void)
{
  g_autofree char *shadowed = g_strconcat ("{\"title\": \"Shadow\",", base_feed + 1, NULL);
  g_autofree char *overridden = g_strdup (base_feed);
  g_autofree char *bad_last = NULL;
  char *end = strrchr (overridden, '}');
  g_autoptr(OtasukeFeed) feed = NULL;

  feed = parse_ok (shadowed);
  g_assert_cmpstr (feed->title, ==, "さくら商工会議所 セキュリティ情報");
  g_clear_pointer (&feed, otasuke_feed_free);

  *end = '\0';
  bad_last = g_strconcat (overridden, ", \"title\": 5}", NULL);
  assert_parse_fails (bad_last, strlen (bad_last), OTASUKE_FEED_ERROR_INVALID, "title: not a string");
  g_clear_pointer (&bad_last, g_free);
  bad_last = g_strconcat (overridden, ", \"title\": \"Last\"}", NULL);
  feed = parse_ok (bad_last);
  g_assert_cmpstr (feed->title, ==, "Last");
}

static void
test_parse_not_a_feed (void)
{
  static const char generic[] =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Blog\","
    " \"items\": [{\"id\": \"1\", \"content_html\": \"<p>Hello</p>\"}]}";

  assert_parse_fails ("[]", 2, OTASUKE_FEED_ERROR_NOT_A_FEED, "This is not a JSON Feed");
  assert_parse_fails ("\"feed\"", 6, OTASUKE_FEED_ERROR_NOT_A_FEED, "This is not a JSON Feed");
  assert_parse_fails ("42", 2, OTASUKE_FEED_ERROR_NOT_A_FEED, NULL);
  assert_parse_fails ("null", 4, OTASUKE_FEED_ERROR_NOT_A_FEED, NULL);
  assert_parse_fails ("{}", 2, OTASUKE_FEED_ERROR_NOT_A_FEED, "version: missing");
  assert_parse_fails ("{\"rss\": \"2.0\"}", 14, OTASUKE_FEED_ERROR_NOT_A_FEED, "version: missing");
  /* A valid plain JSON Feed is recognised as one without our extension. */
  assert_parse_fails (generic, strlen (generic), OTASUKE_FEED_ERROR_MISSING_EXTENSION, "_otasuke: missing");
}

static void
test_parse_syntax (void)
{
  static const struct {
    const char *json;
    gssize len;
    const char *message;
  } cases[] = {
    { "", 0, "The feed is empty." },
    { "   ", -1, "line 1, column 4: " },
    { "not json", -1, "line 1, column 1: " },
    { "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", -1, "line 1, column 59: " },
    { "{}\n{}", -1, "line 2, column 1: " },
    { "{} x", -1, "line 1, column 4: " },
    { "{\"a\": 1,}", -1, "line 1, column 9: " },
    { "[1,]", -1, "line 1, column 4: " },
    { "{'a': 1}", -1, "line 1, column 2: " },
    { "{\"a\" 1}", -1, "line 1, column 6: " },
    { "{a: 1}", -1, "line 1, column 2: " },
    { "/* c */ {}", -1, "line 1, column 1: " },
    { "{} // c", -1, "line 1, column 4: " },
    { "[0x10]", -1, "line 1, column 3: " },
    { "[01]", -1, "line 1, column 3: " },
    { "[.5]", -1, "line 1, column 2: " },
    { "[1.]", -1, "line 1, column 2: " },
    { "[+1]", -1, "line 1, column 2: " },
    { "[1e]", -1, "line 1, column 2: " },
    { "[-]", -1, "line 1, column 2: " },
    { "[NaN]", -1, "line 1, column 2: " },
    { "[Infinity]", -1, "line 1, column 2: " },
    { "[tru]", -1, "line 1, column 2: " },
    { "[True]", -1, "line 1, column 2: " },
    { "[99999999999999999999]", -1, "line 1, column 2: number too large" },
    { "[9223372036854775808]", -1, "line 1, column 2: number too large" },
    { "[-9223372036854775809]", -1, "line 1, column 2: number too large" },
    { "[1e400]", -1, "line 1, column 2: number too large" },
    { "[-2.5E+999]", -1, "line 1, column 2: number too large" },
    { "[\"abc", -1, "line 1, column 2: unterminated string" },
    { "[\"a\\\"]", -1, "line 1, column 2: unterminated string" },
    { "[\"a\nb\"]", -1, "line 1, column 4: control character" },
    { "[\"a\tb\"]", -1, "line 1, column 4: control character" },
    { "[\"\\x41\"]", -1, "line 1, column 3: bad escape" },
    { "[\"\\u12\"]", -1, "line 1, column 3: bad \\u escape" },
    { "[\"\\u0000\"]", -1, "line 1, column 3: NUL character" },
    { "[\"a\\u0000b\"]", -1, "line 1, column 4: NUL character" },
    { "[\"\\ud800\"]", -1, "line 1, column 3: unpaired surrogate" },
    { "[\"\\udc00\"]", -1, "line 1, column 3: unpaired surrogate" },
    { "[\"\\ud800\\u0041\"]", -1, "line 1, column 3: unpaired surrogate" },
    { "[\"a\0b\"]", 7, "line 1, column 4: NUL byte" },
    { "[\"\xff\"]", -1, "line 1, column 3: not valid UTF-8" },
    { "[\"\xc3\x28\"]", -1, "line 1, column 3: not valid UTF-8" },
    { "[\"\xed\xa0\x80\"]", -1, "line 1, column 3: not valid UTF-8" },
    { "[\"\xe3\x81\"]", -1, "line 1, column 3: not valid UTF-8" },
    { "\xef\xbb\xbf{}", -1, "line 1, column 1: starts with a byte order mark" },
    { "\n\n  ]", -1, "line 3, column 3: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = cases[i].len < 0 ? strlen (cases[i].json) : (gsize) cases[i].len;

      g_test_message ("case %u", i);
      assert_parse_fails (cases[i].json, len, OTASUKE_FEED_ERROR_SYNTAX, cases[i].message);
    }

  /* Escapes that are fine, including a surrogate pair and an escaped slash.
   * The text is then sanitized (issue #10): \b and \f are control
   * characters and go, a lone \r is a line end. */
  {
    g_autofree char *json = change_feed ("items[0].title", "\"\\ud83d\\ude00 \\u3042 \\/ \\\" \\\\ \\b\\f\\n\\r\\t\"",
                                         NULL, NULL);
    g_autoptr(OtasukeFeed) feed = parse_ok (json);
    const OtasukeFeedItem *item = g_ptr_array_index (feed->items, 0);

    g_assert_cmpstr (item->title, ==, "😀 あ / \" \\ \n\n\t");
  }
}

static void
test_limits_depth (void)
{
  static const char prefix[] = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"x\": ";
  g_autoptr(GString) json = g_string_new (prefix);
  g_autofree char *expected = NULL;
  g_autofree char *deep = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeFeed) feed = NULL;

  /* 40 levels: refused before jansson parses anything, at the 33rd. */
  for (guint i = 0; i < 39; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < 39; i++)
    g_string_append_c (json, ']');
  g_string_append (json, "}");
  expected = g_strdup_printf ("line 1, column %u: nested more than 32 levels deep",
                              (guint) strlen (prefix) + 32);
  assert_parse_fails (json->str, json->len, OTASUKE_FEED_ERROR_TOO_DEEP, expected);

  /* Exactly 32 levels is fine as JSON; 33 is not. Brackets inside strings do not count. */
  for (guint depth = 30; depth <= 33; depth++)
    {
      g_autofree char *member = g_strnfill (depth - 1, '[');
      g_autofree char *closing = g_strnfill (depth - 1, ']');
      g_autofree char *text = change_feed ("_otasuke.future", "0", NULL, NULL);
      g_autofree char *with_nesting = NULL;
      char *at = strstr (text, "\"future\":0");

      g_assert_nonnull (at);
      *at = '\0';
      with_nesting = g_strdup_printf ("%s\"future\":%s\"[[[{{\\\"[[\"%s%s", text, member, closing,
                                      at + strlen ("\"future\":0"));
      /* The feed object is level 1, _otasuke level 2. */
      feed = otasuke_feed_parse (with_nesting, strlen (with_nesting), &error);
      if (depth + 1 <= OTASUKE_FEED_MAX_DEPTH)
        {
          g_assert_no_error (error);
          g_assert_nonnull (feed);
        }
      else
        {
          g_assert_error (error, OTASUKE_FEED_ERROR, OTASUKE_FEED_ERROR_TOO_DEEP);
          g_assert_null (feed);
        }
      g_clear_error (&error);
      g_clear_pointer (&feed, otasuke_feed_free);
    }

  /* Depth is checked as the scan goes: what follows the deep part does not matter. */
  deep = g_strnfill (100, '[');
  assert_parse_fails (deep, strlen (deep), OTASUKE_FEED_ERROR_TOO_DEEP, "line 1, column 33: ");
}

static void
test_limits_size (void)
{
  gsize len = OTASUKE_FEED_MAX_BYTES + 1;
  g_autofree char *big = g_malloc (len);
  g_autofree char *json = NULL;
  g_autoptr(GString) items = g_string_new ("[");

  /* Valid JSON, one byte too many. */
  memset (big, ' ', len);
  big[0] = '{';
  big[len - 1] = '}';
  assert_parse_fails (big, len, OTASUKE_FEED_ERROR_TOO_LARGE, "The feed is larger than 4 MiB.");
  /* The same bytes one shorter are read (and found not to be a feed). */
  big[len - 2] = '}';
  assert_parse_fails (big, len - 1, OTASUKE_FEED_ERROR_NOT_A_FEED, "version: missing");

  for (guint i = 0; i <= OTASUKE_FEED_MAX_ITEMS; i++)
    g_string_append (items, i == 0 ? "0" : ",0");
  g_string_append (items, "]");
  json = change_feed ("items", items->str, NULL, NULL);
  assert_parse_fails (json, strlen (json), OTASUKE_FEED_ERROR_TOO_LARGE, "items: more than 10000 items");
}

static char *
json_string_literal (const char *text)
{
  GString *out = g_string_new (NULL);

  otasuke_json_append_string (out, text);
  return g_string_free (out, FALSE);
}

static void
test_limits_strings (void)
{
  static const struct {
    const char *path;
    const char *unit;
    guint       max;
  } cases[] = {
    { "title", "あ", OTASUKE_FEED_MAX_TITLE_CHARS },
    { "items[0].title", "a", OTASUKE_FEED_MAX_TITLE_CHARS },
    { "items[0].title", "界", OTASUKE_FEED_MAX_TITLE_CHARS },
    { "items[0].content_text", "a", OTASUKE_FEED_MAX_CONTENT_BYTES },
    { "items[1].content_html", "b", OTASUKE_FEED_MAX_CONTENT_BYTES },
    { "items[0].id", "i", 2048 },
    { "items[0].summary", "s", 2048 },
    { "_otasuke.contacts[0].notes", "n", 2048 },
    { "items[1]._otasuke.checks[0].model", "m", 256 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      for (guint n = cases[i].max; n <= cases[i].max + 1; n++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autofree char *value = NULL;
          g_autofree char *json = NULL;
          g_autofree char *message = NULL;

          for (guint j = 0; j < n; j++)
            g_string_append (text, cases[i].unit);
          value = json_string_literal (text->str);
          json = change_feed (cases[i].path, value, NULL, NULL);
          g_test_message ("%s: %u × %s", cases[i].path, n, cases[i].unit);

          if (n == cases[i].max)
            {
              g_autoptr(OtasukeFeed) feed = parse_ok (json);

              g_assert_cmpuint (feed->items->len, ==, 4);
            }
          else
            {
              message = g_strdup_printf ("%s: too long", cases[i].path);
              assert_parse_fails (json, strlen (json), OTASUKE_FEED_ERROR_INVALID, message);
            }
        }
    }
}

static void
test_unknown_checks (void)
{
  g_autofree char *json = change_feed (
    "items[0]._otasuke.checks",
    "[{\"type\": \"quantum_readiness\"},"
    " {\"type\": \"browser_min_version\", \"product\": \"edge\", \"min\": \"128.0.2739.42\"},"
    " {\"type\": \"Browser_Min_Version\", \"product\": 5},"
    " {\"type\": \"router_firmware_v2\", \"vendor\": null, \"nested\": {\"a\": [1]}},"
    " {\"type\": \"os_end_of_support\", \"os\": \"windows\", \"version\": \"8.1\", \"date\": \"2023-01-10\"}]",
    NULL, NULL);
  g_autoptr(OtasukeFeed) feed = parse_ok (json);
  const OtasukeFeedItem *item = g_ptr_array_index (feed->items, 0);
  const OtasukeFeedCheck *check;

  g_assert_cmpuint (item->checks->len, ==, 2);
  check = g_ptr_array_index (item->checks, 0);
  g_assert_cmpint (check->type, ==, OTASUKE_CHECK_BROWSER_MIN_VERSION);
  g_assert_cmpstr (check->product, ==, "edge");
  check = g_ptr_array_index (item->checks, 1);
  g_assert_cmpint (check->type, ==, OTASUKE_CHECK_OS_END_OF_SUPPORT);
  g_assert_cmpstr (check->version, ==, "8.1");
}

static OtasukeFeedItem *
item_with_content (const char *member,
                   const char *content,
                   GError    **error)
{
  g_autoptr(json_t) root = json_object ();
  g_autofree char *json = NULL;
  json_t *extension;

  otasuke_json_set_string (root, "id", "x");
  otasuke_json_set_string (root, "title", "t");
  otasuke_json_set_string (root, member, content);
  extension = otasuke_json_set (root, "_otasuke", json_object ());
  otasuke_json_set_string (extension, "severity", "low");
  otasuke_json_set_string (extension, "category", "general");
  json = otasuke_json_to_string (root, FALSE);

  return otasuke_feed_item_from_json (json, error);
}

static void
test_content_html (void)
{
  static const struct {
    const char *html;
    const char *text;
  } cases[] = {
    { "plain", "plain" },
    { "<p>Update <b>now</b>.</p><p>Second &amp; third</p>", "Update now.\n\nSecond & third" },
    { "<script>alert(1)</script>Safe", "Safe" },
    { "<SCRIPT type=\"text/javascript\">var a = '</p>';</ScRiPt >after", "after" },
    { "before<script>never closed", "before" },
    { "<style>p { color: red }</style>Text", "Text" },
    { "<head><title>Page</title></head><body>Body</body>", "Body" },
    { "a &lt;b&gt; c &lt;script&gt;", "a <b> c <script>" },
    { "&quot;q&quot; &#39;s&#39; &apos;a&apos;", "\"q\" 's' 'a'" },
    { "&#26085;&#x672C;&#X8A9E;", "日本語" },
    { "&#0;x&#xD800;y&#1114112;z", "\xEF\xBF\xBDx\xEF\xBF\xBDy\xEF\xBF\xBDz" },
    { "a&#10;b&#x7;c", "a b c" },
    { "&unknown; & &amp &#; &#x; &#12a; &#123456789012;", "&unknown; & &amp &#; &#x; &#12a; &#123456789012;" },
    { "1 < 2 and 3 > 2", "1 < 2 and 3 > 2" },
    { "a <3 b", "a <3 b" },
    { "line<br>break<br/>again<BR >end", "line\nbreak\nagain\nend" },
    { "<ul><li>one</li><li>two</li></ul>after", "one\ntwo\n\nafter" },
    { "  lots   of\n\n spaces\t ", "lots of spaces" },
    { "<!-- comment <b> -->visible<!-- unterminated", "visible" },
    { "<!DOCTYPE html><p>x</p>", "x" },
    { "<a href=\"https://example.jp/?a>b\" title='c>d'>link</a>", "link" },
    { "unterminated <b class=\"x", "unterminated" },
    { "<p>para</p>\n\n\n<p>two</p><div><div><p>three</p></div></div>", "para\n\ntwo\n\nthree" },
    { "日本<b>語</b>&nbsp;です", "日本語 です" },
    { "<?xml version=\"1.0\"?>text", "text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OtasukeFeedItem) item = item_with_content ("content_html", cases[i].html, &error);

      g_test_message ("%s", cases[i].html);
      g_assert_no_error (error);
      g_assert_cmpstr (item->content_text, ==, cases[i].text);
    }
}

/* Issue #10: no bidi control or other hidden character reaches anything
 * that shows feed text, whether it comes in the feed or back from the store. */
static void
test_hidden_characters (void)
{
  g_autofree char *json = NULL;
  g_autofree char *item_json = NULL;
  g_autofree char *contacts_json = NULL;
  g_autoptr(OtasukeFeed) feed = NULL;
  g_autoptr(OtasukeFeedItem) stored = NULL;
  g_autoptr(OtasukeFeedItem) again = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  const OtasukeFeedItem *item;
  const OtasukeFeedContact *contact;

  json = change_feed ("items[0].title", "\"請求書\\u202Efdp.exe を開いてください\"",
                      "items[0].content_text", "\"詳しくは \\u202Epj.oc.kab//:sptth\\u202C へ\\u200B\"");
  feed = parse_ok (json);
  item = g_ptr_array_index (feed->items, 0);
  g_assert_cmpstr (item->title, ==, "請求書fdp.exe を開いてください");
  g_assert_cmpstr (item->content_text, ==, "詳しくは pj.oc.kab//:sptth へ");
  g_assert_null (strstr (item->title, "\u202E"));
  g_clear_pointer (&feed, otasuke_feed_free);
  g_clear_pointer (&json, g_free);

  /* The feed's title, a contact (the sheet shows it), a summary, and HTML
   * whose character references spell an override. */
  json = change_feed ("title", "\"\\u2067お知らせ\\u2069\"", "_otasuke.contacts[0].name", "\"相談\\u200F窓口\"");
  feed = parse_ok (json);
  g_assert_cmpstr (feed->title, ==, "お知らせ");
  contact = g_ptr_array_index (feed->contacts, 0);
  g_assert_cmpstr (contact->name, ==, "相談窓口");
  g_clear_pointer (&feed, otasuke_feed_free);
  g_clear_pointer (&json, g_free);

  json = change_feed ("items[1].content_html", "\"<p>a&#x202E;b&#8238;c&#xFEFF;</p>\"",
                      "items[1].summary", "\"s\\u202Du\\u2066m\"");
  feed = parse_ok (json);
  item = g_ptr_array_index (feed->items, 1);
  g_assert_cmpstr (item->content_text, ==, "abc");
  g_assert_cmpstr (item->summary, ==, "sum");
  g_clear_pointer (&feed, otasuke_feed_free);
  g_clear_pointer (&json, g_free);

  /* Nothing left: an empty title, which the feed may not have. */
  json = change_feed ("items[0].title", "\"\\u202E\\u200B\\u2066\"", NULL, NULL);
  assert_parse_fails (json, strlen (json), OTASUKE_FEED_ERROR_INVALID, "items[0].title: empty");

  /* A row an older version stored with the override still in it. */
  stored = otasuke_feed_item_from_json ("{\"id\":\"x\",\"title\":\"請求書\\u202efdp.exe\","
                                        "\"content_text\":\"\\u2066c\\u2069\","
                                        "\"_otasuke\":{\"severity\":\"low\",\"category\":\"general\"}}",
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, "請求書fdp.exe");
  g_assert_cmpstr (stored->content_text, ==, "c");
  item_json = otasuke_feed_item_to_json (stored);
  g_assert_null (strstr (item_json, "\u202E"));
  again = otasuke_feed_item_from_json (item_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->title, ==, stored->title);

  contacts = otasuke_feed_contacts_from_json ("[{\"name\": \"\\u202e窓口\", \"notes\": \"a\\u2028b\"}]", &error);
  g_assert_no_error (error);
  contact = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (contact->name, ==, "窓口");
  g_assert_cmpstr (contact->notes, ==, "a\nb");
  contacts_json = otasuke_feed_contacts_to_json (contacts);
  g_assert_cmpstr (contacts_json, ==, "[{\"name\":\"窓口\",\"notes\":\"a\\nb\"}]");
}

static void
test_content_text_literal (void)
{
  static const char * const texts[] = {
    "<b>not bold</b>",
    "<script>alert(1)</script>",
    "&amp; stays &amp;",
    "  spaces\n\nand lines kept  ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OtasukeFeedItem) item = item_with_content ("content_text", texts[i], &error);
      g_autofree char *json = NULL;
      g_autoptr(OtasukeFeedItem) again = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (item->content_text, ==, texts[i]);

      json = otasuke_feed_item_to_json (item);
      again = otasuke_feed_item_from_json (json, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again->content_text, ==, texts[i]);
    }
}

static void
test_dates (void)
{
  static const struct {
    const char *text;
    gint64 unix_seconds;
  } cases[] = {
    { "1970-01-01T00:00:00Z", 0 },
    { "1969-12-31T23:59:59Z", -1 },
    { "2024-09-01T09:00:00+09:00", 1725148800 },
    { "2024-09-03T08:30:00-05:00", 1725370200 },
    { "2024-08-23T10:00:00.999999999+09:00", 1724374800 },
    { "2000-02-29T12:00:00+14:00", 951775200 },
    { "2025-10-14t00:00:00z", 1760400000 },
    { "2025-10-14T00:00:00-00:00", 1760400000 },
    { "0506-08-22T10:00:00Z", -46179208800 },
    { "0001-01-01T00:00:00Z", -62135596800 },
    { "9999-12-31T23:59:59Z", 253402300799 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *value = json_string_literal (cases[i].text);
      g_autofree char *json = change_feed ("items[0].date_published", value, NULL, NULL);
      g_autoptr(OtasukeFeed) feed = parse_ok (json);
      const OtasukeFeedItem *item = g_ptr_array_index (feed->items, 0);

      g_autofree char *item_json = otasuke_feed_item_to_json (item);
      g_autoptr(GError) error = NULL;
      g_autoptr(OtasukeFeedItem) again = otasuke_feed_item_from_json (item_json, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (item->date_published, ==, cases[i].unix_seconds);
      g_assert_no_error (error);
      g_assert_cmpint (again->date_published, ==, cases[i].unix_seconds);
    }
}

static void
test_item_round_trip (void)
{
  g_autoptr(OtasukeFeed) feed = parse_ok (base_feed);

  for (guint i = 0; i < feed->items->len; i++)
    {
      const OtasukeFeedItem *item = g_ptr_array_index (feed->items, i);
      g_autoptr(OtasukeFeedItem) copy = otasuke_feed_item_copy (item);
      g_autofree char *json = otasuke_feed_item_to_json (item);
      g_autoptr(GError) error = NULL;
      g_autoptr(OtasukeFeedItem) again = otasuke_feed_item_from_json (json, &error);
      g_autofree char *json_again = NULL;

      g_test_message ("%s", json);
      g_assert_no_error (error);
      assert_items_equal (item, copy);
      assert_items_equal (item, again);

      json_again = otasuke_feed_item_to_json (again);
      g_assert_cmpstr (json, ==, json_again);
    }
}

static void
test_item_from_json_invalid (void)
{
  static const struct {
    const char *json;
    OtasukeFeedError code;
    const char *message;
  } cases[] = {
    { "", OTASUKE_FEED_ERROR_SYNTAX, "The feed is empty." },
    { "{", OTASUKE_FEED_ERROR_SYNTAX, "line 1, column 2: " },
    { "[]", OTASUKE_FEED_ERROR_INVALID, "item: not an object" },
    { "{\"id\": \"a\"}", OTASUKE_FEED_ERROR_MISSING_EXTENSION, "item._otasuke: missing" },
    { "{\"id\": \"a\", \"title\": \"t\", \"content_text\": \"c\","
      " \"_otasuke\": {\"severity\": \"severe\", \"category\": \"os\"}}",
      OTASUKE_FEED_ERROR_INVALID, "item._otasuke.severity: not a known severity" },
    { "{\"id\": \"a\", \"title\": \"t\", \"content_text\": \"c\","
      " \"_otasuke\": {\"severity\": \"low\", \"category\": \"os\","
      " \"checks\": [{\"type\": \"browser_min_version\", \"product\": \"chrome\", \"min\": \"x\"}]}}",
      OTASUKE_FEED_ERROR_INVALID, "item._otasuke.checks[0].min: not a version" },
    { "{\"id\": \"a\", \"url\": \"javascript:void(0)\", \"title\": \"t\", \"content_text\": \"c\","
      " \"_otasuke\": {\"severity\": \"low\", \"category\": \"os\"}}",
      OTASUKE_FEED_ERROR_INVALID, "item.url: not an http or https address" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OtasukeFeedItem) item = otasuke_feed_item_from_json (cases[i].json, &error);

      g_assert_null (item);
      g_assert_error (error, OTASUKE_FEED_ERROR, (int) cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("“%s” does not start with “%s”", error->message, cases[i].message);
    }
}

static void
test_contacts (void)
{
  g_autoptr(OtasukeFeed) feed = parse_ok (base_feed);
  g_autofree char *json = otasuke_feed_contacts_to_json (feed->contacts);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = otasuke_feed_contacts_from_json (json, &error);
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autofree char *empty_json = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, feed->contacts->len);
  for (guint i = 0; i < contacts->len; i++)
    {
      const OtasukeFeedContact *a = g_ptr_array_index (feed->contacts, i);
      const OtasukeFeedContact *b = g_ptr_array_index (contacts, i);

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->phone, ==, b->phone);
      g_assert_cmpstr (a->hours, ==, b->hours);
      g_assert_cmpstr (a->email, ==, b->email);
      g_assert_cmpstr (a->url, ==, b->url);
      g_assert_cmpstr (a->notes, ==, b->notes);
    }

  empty_json = otasuke_feed_contacts_to_json (NULL);
  g_assert_cmpstr (empty_json, ==, "[]");
  empty = otasuke_feed_contacts_from_json (empty_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  bad = otasuke_feed_contacts_from_json ("[{\"name\": \"x\", \"url\": \"javascript:alert(1)\"}]", &error);
  g_assert_null (bad);
  g_assert_error (error, OTASUKE_FEED_ERROR, OTASUKE_FEED_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "contacts[0].url: not an http or https address");
  g_clear_error (&error);

  bad = otasuke_feed_contacts_from_json ("{\"name\": \"x\"}", &error);
  g_assert_null (bad);
  g_assert_error (error, OTASUKE_FEED_ERROR, OTASUKE_FEED_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "contacts: not an array");
  g_clear_error (&error);

  bad = otasuke_feed_contacts_from_json ("[{\"phone\": \"03\"}]", &error);
  g_assert_null (bad);
  g_assert_error (error, OTASUKE_FEED_ERROR, OTASUKE_FEED_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "contacts[0].name: missing");
}

static void
test_expiry (void)
{
  g_autoptr(OtasukeFeed) feed = parse_ok (base_feed);

  g_assert_false (otasuke_feed_is_expired (feed, feed->generated));
  g_assert_false (otasuke_feed_is_expired (feed, feed->expires - 1));
  g_assert_true (otasuke_feed_is_expired (feed, feed->expires));
  g_assert_true (otasuke_feed_is_expired (feed, feed->expires + 86400));
}

static void
test_enum_strings (void)
{
  static const char * const severities[] = { "info", "low", "medium", "high", "critical" };
  static const char * const categories[] = {
    "browser", "router", "os", "malware", "incident", "domain", "general",
  };
  OtasukeSeverity severity;
  OtasukeCategory category;

  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    {
      g_assert_true (otasuke_severity_from_string (severities[i], &severity));
      g_assert_cmpstr (otasuke_severity_to_string (severity), ==, severities[i]);
    }
  g_assert_cmpint (OTASUKE_SEVERITY_CRITICAL, >, OTASUKE_SEVERITY_HIGH);
  g_assert_false (otasuke_severity_from_string ("Critical", &severity));
  g_assert_false (otasuke_severity_from_string ("", &severity));
  g_assert_false (otasuke_severity_from_string (NULL, &severity));

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      g_assert_true (otasuke_category_from_string (categories[i], &category));
      g_assert_cmpstr (otasuke_category_to_string (category), ==, categories[i]);
    }
  g_assert_false (otasuke_category_from_string ("printer", &category));
  g_assert_false (otasuke_category_from_string (NULL, &category));
}

static OtasukeFeedError
error_code_from_name (const char *name)
{
  static const char * const names[] = {
    [OTASUKE_FEED_ERROR_TOO_LARGE] = "TOO_LARGE",
    [OTASUKE_FEED_ERROR_TOO_DEEP] = "TOO_DEEP",
    [OTASUKE_FEED_ERROR_SYNTAX] = "SYNTAX",
    [OTASUKE_FEED_ERROR_NOT_A_FEED] = "NOT_A_FEED",
    [OTASUKE_FEED_ERROR_MISSING_EXTENSION] = "MISSING_EXTENSION",
    [OTASUKE_FEED_ERROR_INVALID] = "INVALID",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i], name) == 0)
      return (OtasukeFeedError) i;

  g_error ("unknown error code name “%s”", name);
}

static GPtrArray *
list_corpus (const char *kind)
{
  const char *dir_path = g_test_get_filename (G_TEST_DIST, "data", "feeds", kind, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

static void
test_corpus_invalid (void)
{
  g_autoptr(GPtrArray) files = list_corpus ("invalid");

  g_assert_cmpuint (files->len, >=, 35);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *base = g_strndup (path, strlen (path) - strlen (".json"));
      g_autofree char *expect_path = g_strconcat (base, ".expect", NULL);
      g_autofree char *contents = NULL;
      g_autofree char *expect = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OtasukeFeed) feed = NULL;
      gsize len;
      char *space;
      const char *prefix = NULL;

      g_test_message ("%s", path);
      g_file_get_contents (path, &contents, &len, &error);
      g_assert_no_error (error);
      g_file_get_contents (expect_path, &expect, NULL, &error);
      g_assert_no_error (error);
      g_strstrip (expect);
      space = strchr (expect, ' ');
      if (space != NULL)
        {
          *space = '\0';
          prefix = space + 1;
        }

      feed = otasuke_feed_parse (contents, len, &error);
      g_assert_null (feed);
      g_assert_error (error, OTASUKE_FEED_ERROR, (int) error_code_from_name (expect));
      g_test_message ("→ %s", error->message);
      if (prefix != NULL)
        {
          g_autofree char *expected = g_strconcat (prefix, ": ", NULL);

          if (!g_str_has_prefix (error->message, expected))
            g_error ("%s: “%s” does not start with “%s”", path, error->message, expected);
        }
    }
}

static void
test_corpus_valid (void)
{
  g_autoptr(GPtrArray) files = list_corpus ("valid");

  g_assert_cmpuint (files->len, >=, 5);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OtasukeFeed) feed = NULL;
      gsize len;

      g_test_message ("%s", path);
      g_file_get_contents (path, &contents, &len, &error);
      g_assert_no_error (error);
      feed = otasuke_feed_parse (contents, len, &error);
      g_assert_no_error (error);
      g_assert_nonnull (feed);
      g_assert_cmpuint (feed->schema, ==, 1);

      for (guint j = 0; j < feed->items->len; j++)
        {
          const OtasukeFeedItem *item = g_ptr_array_index (feed->items, j);
          g_autofree char *json = otasuke_feed_item_to_json (item);
          g_autoptr(OtasukeFeedItem) again = otasuke_feed_item_from_json (json, &error);

          g_assert_no_error (error);
          assert_items_equal (item, again);
        }
    }
}

/* Not a benchmark: a sanity check that 10,000 items stay close to what
 * jansson alone needs for the same bytes. */
static void
test_large_feed (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(OtasukeFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(json_t) tree = NULL;
  gint64 start, parse_time, json_time;

  g_string_append (json,
                   "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\","
                   " \"_otasuke\": {\"schema\": 1, \"sequence\": 1,"
                   " \"generated\": \"2024-09-01T00:00:00Z\", \"expires\": \"2024-10-01T00:00:00Z\"},"
                   " \"items\": [");
  for (guint i = 0; i < OTASUKE_FEED_MAX_ITEMS; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"item-%u\", \"url\": \"https://example.jp/advisories/%u\","
                            " \"title\": \"Advisory %u: お知らせ\","
                            " \"content_html\": \"<p>Update <b>now</b> &amp; check the router.</p>\","
                            " \"date_published\": \"2024-08-22T10:00:00+09:00\","
                            " \"_otasuke\": {\"severity\": \"high\", \"category\": \"browser\","
                            " \"checks\": [{\"type\": \"browser_min_version\", \"product\": \"chrome\","
                            " \"min\": \"128.0.6613.%u\"}]}}",
                            i == 0 ? "" : ",", i, i, i, i);
  g_string_append (json, "]}");

  start = g_get_monotonic_time ();
  feed = otasuke_feed_parse (json->str, json->len, &error);
  parse_time = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_cmpuint (feed->items->len, ==, OTASUKE_FEED_MAX_ITEMS);

  start = g_get_monotonic_time ();
  tree = otasuke_json_load (json->str, (gssize) json->len, &error);
  json_time = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_nonnull (tree);

  g_test_message ("%zu bytes: otasuke_feed_parse %" G_GINT64_FORMAT " µs, jansson alone %"
                  G_GINT64_FORMAT " µs", json->len, parse_time, json_time);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/feed/parse/valid", test_parse_valid);
  g_test_add_func ("/feed/parse/variants", test_parse_variants);
  g_test_add_func ("/feed/parse/invalid", test_parse_invalid);
  g_test_add_func ("/feed/parse/first-problem", test_parse_first_problem);
  g_test_add_func ("/feed/parse/duplicate-members", test_parse_duplicate_members);
  g_test_add_func ("/feed/parse/not-a-feed", test_parse_not_a_feed);
  g_test_add_func ("/feed/parse/syntax", test_parse_syntax);
  g_test_add_func ("/feed/limits/depth", test_limits_depth);
  g_test_add_func ("/feed/limits/size", test_limits_size);
  g_test_add_func ("/feed/limits/strings", test_limits_strings);
  g_test_add_func ("/feed/checks/unknown", test_unknown_checks);
  g_test_add_func ("/feed/content/html", test_content_html);
  g_test_add_func ("/feed/content/text-literal", test_content_text_literal);
  g_test_add_func ("/feed/content/hidden-characters", test_hidden_characters);
  g_test_add_func ("/feed/dates", test_dates);
  g_test_add_func ("/feed/item/round-trip", test_item_round_trip);
  g_test_add_func ("/feed/item/from-json-invalid", test_item_from_json_invalid);
  g_test_add_func ("/feed/contacts", test_contacts);
  g_test_add_func ("/feed/expiry", test_expiry);
  g_test_add_func ("/feed/enum-strings", test_enum_strings);
  g_test_add_func ("/feed/corpus/invalid", test_corpus_invalid);
  g_test_add_func ("/feed/corpus/valid", test_corpus_valid);
  g_test_add_func ("/feed/large", test_large_feed);

  return g_test_run ();
}
