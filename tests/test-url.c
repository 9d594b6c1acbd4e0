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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/url/feed", test_feed_urls);
  g_test_add_func ("/url/too-long", test_too_long);

  return g_test_run ();
}
