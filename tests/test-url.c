/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-url"

#include "config.h"

#include "otasuke-url.h"

static void
test_feed_urls (void)
{
  static const struct {
    const char *url;
    gboolean ok;
  } cases[] = {
    { "https://www.sakura-cci.or.jp/otasuke/feed.json", TRUE },
    { "HTTPS://example.jp/feed.json", TRUE },
    { "https://[2001:db8::1]/feed.json", TRUE },
    { "http://127.0.0.1:8080/feed.json", TRUE },
    { "http://127.1.2.3/feed.json", TRUE },
    { "http://[::1]:9000/feed.json", TRUE },
    { "http://localhost/feed.json", TRUE },
    { "http://example.jp/feed.json", FALSE },
    { "http://192.168.1.1/feed.json", FALSE },
    { "http://localhost.example.jp/feed.json", FALSE },
    { "ftp://example.jp/feed.json", FALSE },
    { "file:///etc/passwd", FALSE },
    { "javascript:alert(1)", FALSE },
    { "https://user:pw@example.jp/feed.json", FALSE },
    { "https://www.sakura-cci.or.jp@evil.example/feed.json", FALSE },
    { "https:///feed.json", FALSE },
    { "not a url", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = otasuke_url_check_feed (cases[i].url, &error);

      g_test_message ("%s", cases[i].url ? cases[i].url : "(null)");
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_too_long (void)
{
  g_autoptr(GString) url = g_string_new ("https://example.jp/");
  g_autoptr(GError) error = NULL;

  while (url->len < 5000)
    g_string_append (url, "aaaaaaaaaa");
  g_assert_false (otasuke_url_check_feed (url->str, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* The one link policy: which links may open, and the host people are shown. */
static void
test_links (void)
{
  static const struct {
    const char *url;
    const char *display;  /* NULL: refused */
  } cases[] = {
    { "https://www.ipa.go.jp/security/anshin/", "www.ipa.go.jp" },
    { "http://www.example.jp/news?id=1#top", "www.example.jp" },
    { "HTTPS://WWW.Example.JP/", "www.example.jp" },
    { "https://[2001:db8::1]/advice", "2001:db8::1" },
    { "https://192.0.2.7:8443/x", "192.0.2.7" },
    { "https://my_host.example.jp/", "my_host.example.jp" },
    /* The real host first, then the letters it is written with. */
    { "https://xn--wgv71a.jp/", "xn--wgv71a.jp (日本.jp)" },
    { "https://xn--80ak6aa92e.com/login", "xn--80ak6aa92e.com (аррӏе.com)" },
    /* Nothing but http and https. */
    { "javascript:alert(1)", NULL },
    { "JavaScript:alert(document.cookie)", NULL },
    { "file:///etc/passwd", NULL },
    { "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", NULL },
    { "ftp://example.jp/file", NULL },
    { "mailto:desk@example.jp", NULL },
    { "vbscript:msgbox", NULL },
    /* Hosts hidden behind user names, spaces, controls or backslashes. */
    { "https://www.ipa.go.jp@evil.example/", NULL },
    { "https://user:pw@example.jp/", NULL },
    { "https://www.ipa.go.jp\\@evil.example/", NULL },
    { "https://evil.example\\.ipa.go.jp/", NULL },
    { "https://www.ipa.go.jp /x", NULL },
    { " https://www.ipa.go.jp/", NULL },
    { "https://www.ipa.go.jp/\tx", NULL },
    { "https://www.ipa.go.jp/\x7f", NULL },
    /* Raw Unicode is not how a URI is written. */
    { "https://日本.jp/", NULL },
    { "https://a<b>.example/", NULL },
    { "https:///path", NULL },
    { "https:", NULL },
    { "//www.ipa.go.jp/", NULL },
    { "www.ipa.go.jp", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *display = NULL;
      g_autoptr(GUri) uri = otasuke_url_parse_link (cases[i].url, &display, &error);

      g_test_message ("%s", cases[i].url ? cases[i].url : "(null)");
      g_assert_cmpint (otasuke_url_is_link (cases[i].url), ==, cases[i].display != NULL);
      if (cases[i].display == NULL)
        {
          g_assert_null (uri);
          g_assert_null (display);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
          g_assert_cmpstr (error->message, !=, "");
        }
      else
        {
          g_assert_no_error (error);
          g_assert_nonnull (uri);
          g_assert_cmpstr (display, ==, cases[i].display);
        }
    }
}

/* Why a link was refused, in words a feed author can act on. */
static void
test_link_reasons (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = otasuke_url_parse_link ("https://bank.example@evil.example/", NULL, &error);

  g_assert_null (uri);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "addresses with a user name are not accepted");
  g_clear_error (&error);

  uri = otasuke_url_parse_link ("javascript:alert(1)", NULL, &error);
  g_assert_null (uri);
  g_assert_cmpstr (error->message, ==, "not an http or https address");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/url/feed", test_feed_urls);
  g_test_add_func ("/url/too-long", test_too_long);
  g_test_add_func ("/url/links", test_links);
  g_test_add_func ("/url/link-reasons", test_link_reasons);

  return g_test_run ();
}
