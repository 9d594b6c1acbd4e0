/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void otasuke_bench_watch_first_frame (GtkWindow *window);

G_END_DECLS
