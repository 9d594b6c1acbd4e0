/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-subprocess"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-subprocess-private.h"

/* Once the program has exited, how long a process it left behind may keep
 * our pipe open before we stop listening; and how long a killed program may
 * take to be reaped before we give up waiting for it. */
#define LINGER_MS 500
#define REAP_GRACE_MS 2000
#define READ_CHUNK 16384

typedef struct {
  GSubprocess *proc;
  GMainContext *context;
  GByteArray *buf;
  gsize max;
  gint64 pid;

  GSource *read_source;
  GSource *timeout_source;
  GSource *grace_source;

  gboolean eof;
  gboolean truncated;
  gboolean wait_done;
  gboolean reaped;
  gboolean timed_out;
  gboolean cancelled;
  gboolean killed;
  gboolean gave_up;
} RunState;

static gboolean grace_cb (gpointer user_data);

static void
start_grace (RunState *state,
             guint     ms)
{
  if (state->grace_source != NULL)
    return;
  state->grace_source = g_timeout_source_new (ms);
  g_source_set_callback (state->grace_source, grace_cb, state, NULL);
  g_source_attach (state->grace_source, state->context);
}

static void
kill_program (RunState *state)
{
  if (state->killed)
    return;
  state->killed = TRUE;

  /* Only while the group is known to exist: the program is running, or a
   * process it started still holds the pipe. */
  if (state->pid > 0 && otasuke_subprocess_platform_kill_group (state->pid))
    {
      start_grace (state, REAP_GRACE_MS);
      return;
    }
  g_subprocess_force_exit (state->proc);
  start_grace (state, REAP_GRACE_MS);
}

static gboolean
grace_cb (gpointer user_data)
{
  RunState *state = user_data;

  if (!state->killed)
    {
      /* The program exited but something it started keeps the pipe open. */
      kill_program (state);
      g_clear_pointer (&state->grace_source, g_source_unref);
      start_grace (state, REAP_GRACE_MS);
    }
  else
    state->gave_up = TRUE;

  return G_SOURCE_REMOVE;
}

static gboolean
read_cb (GObject  *stream,
         gpointer  user_data)
{
  RunState *state = user_data;
  guint8 chunk[READ_CHUNK];
  g_autoptr(GError) error = NULL;
  gssize n;
  gsize room;

  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (stream),
                                                chunk, sizeof chunk, NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    {
      state->eof = TRUE;
      return G_SOURCE_REMOVE;
    }

  room = state->max - state->buf->len;
  g_byte_array_append (state->buf, chunk, MIN ((gsize) n, room));
  if ((gsize) n > room)
    {
      state->truncated = TRUE;
      state->eof = TRUE;
      kill_program (state);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  RunState *state = user_data;

  state->timed_out = TRUE;
  kill_program (state);
  return G_SOURCE_REMOVE;
}

/* Runs in the cancelling thread: only wake our loop, which looks at the
 * cancellable itself. (A GCancellableSource can leak on GLib 2.74 when it is
 * destroyed while another thread is still cancelling.) */
static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  g_main_context_wakeup (user_data);
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  RunState *state = user_data;

  state->reaped = g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  state->wait_done = TRUE;
}

static gboolean
is_finished (RunState *state)
{
  if (state->gave_up)
    return TRUE;
  if (!state->wait_done)
    return FALSE;
  return state->eof || state->killed;
}

static void
destroy_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

OtasukeSubprocessResult *
otasuke_subprocess_run (const char * const  *argv,
                        guint                timeout_ms,
                        gsize                max_output,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GCancellable) wait_cancellable = NULL;
  g_autoptr(GMainContext) context = NULL;
  OtasukeSubprocessResult *result;
  GInputStream *out;
  RunState state = { 0 };
  const char *ident;
  gulong cancel_id = 0;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (timeout_ms == 0)
    timeout_ms = OTASUKE_SUBPROCESS_DEFAULT_TIMEOUT_MS;
  if (max_output == 0)
    max_output = OTASUKE_SUBPROCESS_DEFAULT_MAX_OUTPUT;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* Programs' messages in a form we can parse, whatever the user's locale. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  otasuke_subprocess_platform_prepare (launcher);

  proc = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (proc == NULL)
    return NULL;

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  state.proc = proc;
  state.context = context;
  state.buf = g_byte_array_new ();
  state.max = max_output;
  ident = g_subprocess_get_identifier (proc);
  state.pid = ident != NULL ? g_ascii_strtoll (ident, NULL, 10) : 0;

  out = g_subprocess_get_stdout_pipe (proc);
  g_assert (G_IS_POLLABLE_INPUT_STREAM (out));
  state.read_source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (out), NULL);
  g_source_set_callback (state.read_source, (GSourceFunc) (void (*) (void)) read_cb, &state, NULL);
  g_source_attach (state.read_source, context);

  state.timeout_source = g_timeout_source_new (timeout_ms);
  g_source_set_callback (state.timeout_source, timeout_cb, &state, NULL);
  g_source_attach (state.timeout_source, context);

  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb),
                                       g_main_context_ref (context),
                                       (GDestroyNotify) g_main_context_unref);

  wait_cancellable = g_cancellable_new ();
  g_subprocess_wait_async (proc, wait_cancellable, wait_cb, &state);

  while (!is_finished (&state))
    {
      g_main_context_iteration (context, TRUE);
      if (!state.cancelled && g_cancellable_is_cancelled (cancellable))
        {
          state.cancelled = TRUE;
          kill_program (&state);
        }
      if (state.wait_done && !state.eof && !state.killed)
        start_grace (&state, LINGER_MS);
    }

  destroy_source (&state.read_source);
  destroy_source (&state.timeout_source);
  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);
  destroy_source (&state.grace_source);

  /* The wait callback points at this stack frame: let it come back first. */
  if (!state.wait_done)
    {
      g_cancellable_cancel (wait_cancellable);
      while (!state.wait_done)
        g_main_context_iteration (context, TRUE);
    }

  g_main_context_pop_thread_default (context);

  if (state.cancelled)
    {
      g_byte_array_unref (state.buf);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
  if (state.timed_out)
    {
      g_autofree char *name = g_path_get_basename (argv[0]);
      guint seconds = (timeout_ms + 999) / 1000;

      g_byte_array_unref (state.buf);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   /* Translators: %s is a program's file name, %u a number of seconds */
                   ngettext ("The program “%s” did not finish within %u second",
                             "The program “%s” did not finish within %u seconds", seconds),
                   name, seconds);
      return NULL;
    }

  result = g_new0 (OtasukeSubprocessResult, 1);
  result->output_len = state.buf->len;
  g_byte_array_append (state.buf, (const guint8 *) "", 1);
  result->output = (char *) g_byte_array_free (state.buf, FALSE);
  result->truncated = state.truncated;
  /* A program we stopped for writing too much did not end by itself. */
  if (state.reaped && !state.truncated && g_subprocess_get_if_exited (proc))
    {
      result->exited = TRUE;
      result->exit_status = g_subprocess_get_exit_status (proc);
    }

  return result;
}

void
otasuke_subprocess_result_free (OtasukeSubprocessResult *result)
{
  if (result == NULL)
    return;
  g_free (result->output);
  g_free (result);
}
