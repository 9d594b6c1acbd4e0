/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "test-util.h"

gint64
test_slowdown (void)
{
  const char *value = g_getenv ("OTASUKE_TEST_SLOWDOWN");
  gint64 factor = value != NULL ? g_ascii_strtoll (value, NULL, 10) : 1;

  return CLAMP (factor, 1, 20);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* The loop sleeps in the main context, woken by every event; the short tick
 * only re-checks conditions no event of this process announces (a file
 * another process or a worker thread writes) and the deadline. */
void
iterate_until_ (gboolean  (*done) (gpointer),
                gpointer    data,
                const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC * test_slowdown ();
  guint tick = g_timeout_add (10, wake_cb, NULL);

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Still not %s after %" G_GINT64_FORMAT " s", what, 20 * test_slowdown ());
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

void
test_assert_mode (const char *path,
                  guint       expected)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
#ifdef G_OS_UNIX
  if ((st.st_mode & 07777) != expected)
    g_error ("%s has mode %04o, expected %04o", path, (guint) (st.st_mode & 07777), expected);
#endif
}

void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      test_remove_tree (child);
    }
  g_rmdir (path);
}

char *
test_pdf_text (const char *path,
               gboolean    layout)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { program, "-enc", "UTF-8", layout ? "-layout" : path, layout ? path : "-",
                         layout ? "-" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = 0;

  if (program == NULL)
    g_error ("pdftotext is not installed; the PDF tests need poppler-utils (build-aux/dev.sh installs it)");
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (text);
  return text;
}

char *
test_squeeze_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

void
test_assert_text_has (const char *haystack,
                      const char *needle)
{
  g_autofree char *h = test_squeeze_spaces (haystack);
  g_autofree char *n = test_squeeze_spaces (needle);

  if (strstr (h, n) == NULL)
    g_error ("The text does not contain “%s”:\n%s", needle, haystack);
}
