/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-platform-ui"

#include "config.h"

#include "otasuke-launch.h"
#include "otasuke-platform-ui.h"
#include "otasuke-tray.h"

/* The platform-neutral halves of the UI seam, on the Linux side. */

static void
test_pick_font (void)
{
  /* The Windows order: Yu Gothic UI first, MS UI Gothic last. */
  static const char * const preferred[] = {
    "Yu Gothic UI", "Meiryo UI", "Meiryo", "Noto Sans CJK JP", "MS UI Gothic", NULL
  };
  static const char * const japanese_windows[] = { "Arial", "MS UI Gothic", "meiryo ui", "Yu Gothic UI", NULL };
  static const char * const old_windows[] = { "Tahoma", "MS UI Gothic", NULL };
  static const char * const wine[] = { "DejaVu Sans", "Noto Sans CJK JP", "Tahoma", NULL };
  static const char * const western[] = { "Segoe UI", "Arial", NULL };
  static const char * const empty[] = { NULL };

  g_assert_cmpstr (otasuke_platform_ui_pick_font (preferred, japanese_windows), ==, "Yu Gothic UI");
  g_assert_cmpstr (otasuke_platform_ui_pick_font (preferred, old_windows), ==, "MS UI Gothic");
  g_assert_cmpstr (otasuke_platform_ui_pick_font (preferred, wine), ==, "Noto Sans CJK JP");
  g_assert_null (otasuke_platform_ui_pick_font (preferred, western));
  g_assert_null (otasuke_platform_ui_pick_font (preferred, empty));
  g_assert_null (otasuke_platform_ui_pick_font (preferred, NULL));
}

static void
test_launch_refuses (void)
{
  static const char * const refused[] = {
    "file:///etc/passwd", "javascript:alert(1)", "ms-settings:windowsupdate", "not a uri", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_expect_message ("otasuke-launch", G_LOG_LEVEL_WARNING,
                             "Refusing to open an address that is not http or https");
      g_assert_false (otasuke_launch_uri (NULL, refused[i]));
      g_test_assert_expected_messages ();
    }

  /* Linux desktops name their panels differently: no settings buttons. */
  g_assert_false (otasuke_launch_has_settings (OTASUKE_SETTINGS_PAGE_UPDATES));
  g_assert_false (otasuke_launch_has_settings (OTASUKE_SETTINGS_PAGE_SECURITY));
  g_assert_false (otasuke_launch_settings (NULL, OTASUKE_SETTINGS_PAGE_UPDATES));
  g_assert_null (otasuke_launch_settings_label (OTASUKE_SETTINGS_PAGE_UPDATES));
  g_assert_null (otasuke_launch_settings_label (OTASUKE_SETTINGS_PAGE_SECURITY));
}

static void
test_tray_without_backend (void)
{
  /* No bus on Linux: no backend, so no icon and no balloons; the state still works. */
  g_autoptr(OtasukeTray) tray = otasuke_tray_new ("jp.or.sakura_cci.Otasuke.Test", "Otasuke", NULL);

  g_assert_false (otasuke_tray_get_is_available (tray));
  g_assert_false (otasuke_tray_show_balloon (tray, "Title", "Text", FALSE));
  otasuke_tray_set_tooltip (tray, "Nothing needs your attention");
  g_assert_cmpstr (otasuke_tray_get_tooltip (tray), ==, "Nothing needs your attention");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/platform-ui/pick-font", test_pick_font);
  g_test_add_func ("/platform-ui/launch-refuses", test_launch_refuses);
  g_test_add_func ("/platform-ui/tray-without-backend", test_tray_without_backend);

  return g_test_run ();
}
