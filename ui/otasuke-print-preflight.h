/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Before GTK's print window opens: can this system list its printers
 * without freezing the program? On Linux that is asked of
 * otasuke-print-check in a process of its own (see there for why); on
 * Windows the system's own print dialog is used and the answer is yes. */
void     otasuke_print_preflight_async  (GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* Returns FALSE with an error whose message says, in the user's words,
 * why printing is not possible now. */
gboolean otasuke_print_preflight_finish (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
