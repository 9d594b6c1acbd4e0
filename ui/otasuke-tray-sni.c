/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-tray"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "otasuke-tray.h"

/* The tray on Linux desktops: a StatusNotifierItem (KDE's specification, also
 * shown by GNOME's AppIndicator extension, Xfce, Cinnamon and others) with a
 * com.canonical.dbusmenu menu, registered with the StatusNotifierWatcher
 * whenever one is on the bus. Nothing here polls: all is driven by D-Bus. */

#define ITEM_PATH      "/StatusNotifierItem"
#define MENU_PATH      "/MenuBar"
#define WATCHER_NAME   "org.kde.StatusNotifierWatcher"
#define WATCHER_PATH   "/StatusNotifierWatcher"
#define WATCHER_IFACE  "org.kde.StatusNotifierWatcher"
#define ITEM_IFACE     "org.kde.StatusNotifierItem"
#define MENU_IFACE     "com.canonical.dbusmenu"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierItem'>"
  "    <property name='Category' type='s' access='read'/>"
  "    <property name='Id' type='s' access='read'/>"
  "    <property name='Title' type='s' access='read'/>"
  "    <property name='Status' type='s' access='read'/>"
  "    <property name='WindowId' type='i' access='read'/>"
  "    <property name='IconThemePath' type='s' access='read'/>"
  "    <property name='Menu' type='o' access='read'/>"
  "    <property name='ItemIsMenu' type='b' access='read'/>"
  "    <property name='IconName' type='s' access='read'/>"
  "    <property name='IconPixmap' type='a(iiay)' access='read'/>"
  "    <property name='OverlayIconName' type='s' access='read'/>"
  "    <property name='OverlayIconPixmap' type='a(iiay)' access='read'/>"
  "    <property name='AttentionIconName' type='s' access='read'/>"
  "    <property name='AttentionIconPixmap' type='a(iiay)' access='read'/>"
  "    <property name='AttentionMovieName' type='s' access='read'/>"
  "    <property name='ToolTip' type='(sa(iiay)ss)' access='read'/>"
  "    <method name='ContextMenu'><arg name='x' type='i' direction='in'/><arg name='y' type='i' direction='in'/></method>"
  "    <method name='Activate'><arg name='x' type='i' direction='in'/><arg name='y' type='i' direction='in'/></method>"
  "    <method name='SecondaryActivate'><arg name='x' type='i' direction='in'/><arg name='y' type='i' direction='in'/></method>"
  "    <method name='Scroll'><arg name='delta' type='i' direction='in'/><arg name='orientation' type='s' direction='in'/></method>"
  "    <signal name='NewTitle'/>"
  "    <signal name='NewIcon'/>"
  "    <signal name='NewAttentionIcon'/>"
  "    <signal name='NewOverlayIcon'/>"
  "    <signal name='NewToolTip'/>"
  "    <signal name='NewStatus'><arg name='status' type='s'/></signal>"
  "  </interface>"
  "  <interface name='com.canonical.dbusmenu'>"
  "    <property name='Version' type='u' access='read'/>"
  "    <property name='TextDirection' type='s' access='read'/>"
  "    <property name='Status' type='s' access='read'/>"
  "    <property name='IconThemePath' type='as' access='read'/>"
  "    <method name='GetLayout'>"
  "      <arg name='parentId' type='i' direction='in'/>"
  "      <arg name='recursionDepth' type='i' direction='in'/>"
  "      <arg name='propertyNames' type='as' direction='in'/>"
  "      <arg name='revision' type='u' direction='out'/>"
  "      <arg name='layout' type='(ia{sv}av)' direction='out'/>"
  "    </method>"
  "    <method name='GetGroupProperties'>"
  "      <arg name='ids' type='ai' direction='in'/>"
  "      <arg name='propertyNames' type='as' direction='in'/>"
  "      <arg name='properties' type='a(ia{sv})' direction='out'/>"
  "    </method>"
  "    <method name='GetProperty'>"
  "      <arg name='id' type='i' direction='in'/>"
  "      <arg name='name' type='s' direction='in'/>"
  "      <arg name='value' type='v' direction='out'/>"
  "    </method>"
  "    <method name='Event'>"
  "      <arg name='id' type='i' direction='in'/>"
  "      <arg name='eventId' type='s' direction='in'/>"
  "      <arg name='data' type='v' direction='in'/>"
  "      <arg name='timestamp' type='u' direction='in'/>"
  "    </method>"
  "    <method name='EventGroup'>"
  "      <arg name='events' type='a(isvu)' direction='in'/>"
  "      <arg name='idErrors' type='ai' direction='out'/>"
  "    </method>"
  "    <method name='AboutToShow'>"
  "      <arg name='id' type='i' direction='in'/>"
  "      <arg name='needUpdate' type='b' direction='out'/>"
  "    </method>"
  "    <method name='AboutToShowGroup'>"
  "      <arg name='ids' type='ai' direction='in'/>"
  "      <arg name='updatesNeeded' type='ai' direction='out'/>"
  "      <arg name='idErrors' type='ai' direction='out'/>"
  "    </method>"
  "    <signal name='ItemsPropertiesUpdated'>"
  "      <arg name='updatedProps' type='a(ia{sv})'/>"
  "      <arg name='removedProps' type='a(ias)'/>"
  "    </signal>"
  "    <signal name='LayoutUpdated'><arg name='revision' type='u'/><arg name='parent' type='i'/></signal>"
  "    <signal name='ItemActivationRequested'><arg name='id' type='i'/><arg name='timestamp' type='u'/></signal>"
  "  </interface>"
  "</node>";

/* The menu's layout never changes while the program runs (only whether an
 * item is enabled, sent with ItemsPropertiesUpdated). */
#define MENU_REVISION 1

/* Reference-counted, since D-Bus callbacks may still be on their way when
 * the tray goes; .tray is NULL from then on. */
typedef struct {
  OtasukeTrayBackend  parent;

  OtasukeTray        *tray;  /* owns us */
  GDBusConnection    *connection;
  GDBusNodeInfo      *info;
  GCancellable       *cancellable;  /* calls to the watcher; renewed when it goes */
  guint               item_id;
  guint               menu_id;
  guint               watch_id;
  guint               watcher_signals_id;
  /* What hosts were last told, to send only what changed. */
  char               *sent_status;
  char               *sent_tooltip;
  char               *sent_icon;
  /* Where hosts find our icons by name, installed or not, and the colour
   * icon as pixels for hosts that draw only those. */
  char               *theme_path;
  GVariant           *pixmaps;
  guint               sent_disabled;  /* bit i: menu item i + 1 was disabled */
} Sni;

static Sni *
sni_ref (Sni *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
sni_clear (Sni *self)
{
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->info, g_dbus_node_info_unref);
  g_free (self->sent_status);
  g_free (self->sent_tooltip);
  g_free (self->sent_icon);
  g_free (self->theme_path);
  g_clear_pointer (&self->pixmaps, g_variant_unref);
}

static void
sni_unref (Sni *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) sni_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sni, sni_unref)

static const char *
status_string (Sni *self)
{
  if (otasuke_tray_get_attention (self->tray))
    return "NeedsAttention";
  if (otasuke_tray_get_status (self->tray) == OTASUKE_TRAY_STATUS_PASSIVE)
    return "Passive";
  return "Active";
}

static GVariant *
empty_pixmaps (void)
{
  return g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0);
}

/* Attention shows in the icon name itself: some hosts (Xfce's among them)
 * follow IconName and never look at Status or AttentionIconName. A panel icon
 * is monochrome by convention; the full-colour one stands out. */
static char *
icon_name (Sni *self)
{
  const char *id = otasuke_tray_get_id (self->tray);

  if (otasuke_tray_get_attention (self->tray))
    return g_strdup (id);
  return g_strconcat (id, "-symbolic", NULL);
}

#define RESOURCE_ICONS "/jp/or/sakura_cci/Otasuke/icons/scalable/apps/"

/* The colour icon as SNI pixmaps: ARGB32 in network byte order, at the sizes
 * panels draw. */
static GVariant *
render_pixmaps (const char *id)
{
  static const int sizes[] = { 22, 32, 48 };
  g_autofree char *resource = g_strconcat (RESOURCE_ICONS, id, ".svg", NULL);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(iiay)"));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_resource_at_scale (resource, sizes[i], sizes[i],
                                                                           TRUE, &error);
      g_autoptr(GdkPixbuf) rgba = NULL;
      const guint8 *pixels;
      guint8 *argb;
      int width, height, stride;

      if (pixbuf == NULL)
        {
          g_debug ("No tray pixmap at %d px: %s", sizes[i], error->message);
          continue;
        }
      rgba = gdk_pixbuf_get_has_alpha (pixbuf) ? g_object_ref (pixbuf)
                                               : gdk_pixbuf_add_alpha (pixbuf, FALSE, 0, 0, 0);
      width = gdk_pixbuf_get_width (rgba);
      height = gdk_pixbuf_get_height (rgba);
      stride = gdk_pixbuf_get_rowstride (rgba);
      pixels = gdk_pixbuf_read_pixels (rgba);
      argb = g_malloc ((gsize) width * height * 4);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            const guint8 *in = pixels + y * stride + x * 4;
            guint8 *out = argb + ((gsize) y * width + x) * 4;

            out[0] = in[3];
            out[1] = in[0];
            out[2] = in[1];
            out[3] = in[2];
          }
      g_variant_builder_add (&builder, "(ii@ay)", width, height,
                             g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, argb,
                                                      (gsize) width * height * 4, TRUE, g_free, argb));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static gboolean
write_icon (const char *dir,
            const char *id,
            const char *suffix)
{
  g_autofree char *resource = g_strconcat (RESOURCE_ICONS, id, suffix, ".svg", NULL);
  g_autofree char *basename = g_strconcat (id, suffix, ".svg", NULL);
  g_autofree char *path = g_build_filename (dir, basename, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL ||
      !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_debug ("Could not write the tray icon %s: %s", path, error->message);
      return FALSE;
    }
  return TRUE;
}

/* An installed program's icons are in the hicolor theme; an uninstalled or
 * portable copy writes its own into the user's private runtime folder, so a
 * host never shows a blank slot. */
static char *
find_theme_path (const char *id)
{
  g_autofree char *datadir = g_path_get_dirname (PKGDATADIR);
  g_autofree char *icons = g_build_filename (datadir, "icons", NULL);
  g_autofree char *basename = g_strconcat (id, ".svg", NULL);
  g_autofree char *installed = g_build_filename (icons, "hicolor", "scalable", "apps", basename, NULL);
  g_autofree char *own = NULL;

  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&icons);

  own = g_build_filename (g_get_user_runtime_dir (), id, "icons", NULL);
  if (g_mkdir_with_parents (own, 0700) != 0)
    {
      g_debug ("Could not create %s: %s", own, g_strerror (errno));
      return g_strdup ("");
    }
  if (!write_icon (own, id, "") || !write_icon (own, id, "-symbolic"))
    return g_strdup ("");
  return g_steal_pointer (&own);
}

static GVariant *
item_get_property (GDBusConnection  *connection,
                   const char       *sender,
                   const char       *object_path,
                   const char       *interface_name,
                   const char       *property_name,
                   GError          **error,
                   gpointer          user_data)
{
  Sni *self = user_data;
  const char *id;

  if (self->tray == NULL)
    {
      g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT, "Gone");
      return NULL;
    }
  id = otasuke_tray_get_id (self->tray);

  if (g_str_equal (property_name, "Category"))
    return g_variant_new_string ("ApplicationStatus");
  if (g_str_equal (property_name, "Id"))
    return g_variant_new_string (id);
  if (g_str_equal (property_name, "Title"))
    return g_variant_new_string (otasuke_tray_get_title (self->tray));
  if (g_str_equal (property_name, "Status"))
    return g_variant_new_string (status_string (self));
  if (g_str_equal (property_name, "WindowId"))
    return g_variant_new_int32 (0);
  if (g_str_equal (property_name, "IconThemePath"))
    return g_variant_new_string (self->theme_path);
  if (g_str_equal (property_name, "OverlayIconName") ||
      g_str_equal (property_name, "AttentionMovieName"))
    return g_variant_new_string ("");
  if (g_str_equal (property_name, "Menu"))
    return g_variant_new_object_path (MENU_PATH);
  if (g_str_equal (property_name, "ItemIsMenu"))
    return g_variant_new_boolean (FALSE);
  if (g_str_equal (property_name, "IconName"))
    return g_variant_new_take_string (icon_name (self));
  if (g_str_equal (property_name, "AttentionIconName"))
    return g_variant_new_string (id);
  if (g_str_equal (property_name, "IconPixmap") ||
      g_str_equal (property_name, "AttentionIconPixmap"))
    {
      /* Drawn the first time a host asks, not at start-up: most hosts find
       * the icon by name through IconThemePath and never do. */
      if (self->pixmaps == NULL)
        self->pixmaps = render_pixmaps (id);
      return g_variant_ref (self->pixmaps);
    }
  if (g_str_equal (property_name, "OverlayIconPixmap"))
    return empty_pixmaps ();
  if (g_str_equal (property_name, "ToolTip"))
    return g_variant_new ("(s@a(iiay)ss)", id, empty_pixmaps (),
                          otasuke_tray_get_title (self->tray),
                          otasuke_tray_get_tooltip (self->tray) ? otasuke_tray_get_tooltip (self->tray) : "");

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property_name);
  return NULL;
}

static void
item_method_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  Sni *self = user_data;
  g_autoptr(OtasukeTray) tray = NULL;

  g_dbus_method_invocation_return_value (invocation, NULL);
  if (self->tray == NULL)
    return;
  tray = g_object_ref (self->tray);

  /* A click opens the program; the menu is for everything else. */
  if (g_str_equal (method_name, "Activate") || g_str_equal (method_name, "SecondaryActivate"))
    otasuke_tray_backend_activate (tray);
}

static gboolean
wants (const char * const *names,
       const char         *name)
{
  return names == NULL || names[0] == NULL || g_strv_contains (names, name);
}

static gboolean
item_enabled (Sni *self,
              int  id)
{
  return self->tray == NULL || otasuke_tray_get_item_enabled (self->tray, (guint) id - 1);
}

static GVariant *
menu_item_properties (Sni                *self,
                      int                 id,
                      const char * const *names)
{
  g_auto(GVariantBuilder) props = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  const OtasukeTrayMenuItem *items;
  guint n_items;

  items = otasuke_tray_get_menu (&n_items);
  if (id == 0)
    {
      if (wants (names, "children-display"))
        g_variant_builder_add (&props, "{sv}", "children-display", g_variant_new_string ("submenu"));
    }
  else
    {
      g_assert (id > 0 && (guint) id <= n_items);
      if (wants (names, "label"))
        g_variant_builder_add (&props, "{sv}", "label", g_variant_new_string (_(items[id - 1].label)));
      if (wants (names, "enabled"))
        g_variant_builder_add (&props, "{sv}", "enabled", g_variant_new_boolean (item_enabled (self, id)));
      if (wants (names, "visible"))
        g_variant_builder_add (&props, "{sv}", "visible", g_variant_new_boolean (TRUE));
    }
  return g_variant_builder_end (&props);
}

static gboolean
menu_id_is_valid (int id)
{
  guint n_items;

  otasuke_tray_get_menu (&n_items);
  return id >= 0 && (guint) id <= n_items;
}

static GVariant *
menu_layout (Sni                *self,
             int                 id,
             int                 depth,
             const char * const *names)
{
  g_auto(GVariantBuilder) children = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("av"));
  guint n_items;

  otasuke_tray_get_menu (&n_items);
  /* Only the root has children; depth -1 means all levels. */
  if (id == 0 && depth != 0)
    for (guint i = 1; i <= n_items; i++)
      g_variant_builder_add (&children, "v", menu_layout (self, (int) i, depth - 1, names));

  return g_variant_new ("(i@a{sv}av)", id, menu_item_properties (self, id, names), &children);
}

static GVariant *
menu_get_property (GDBusConnection  *connection,
                   const char       *sender,
                   const char       *object_path,
                   const char       *interface_name,
                   const char       *property_name,
                   GError          **error,
                   gpointer          user_data)
{
  if (g_str_equal (property_name, "Version"))
    return g_variant_new_uint32 (3);
  if (g_str_equal (property_name, "TextDirection"))
    return g_variant_new_string ("ltr");
  if (g_str_equal (property_name, "Status"))
    return g_variant_new_string ("normal");
  if (g_str_equal (property_name, "IconThemePath"))
    return g_variant_new_strv (NULL, 0);

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property_name);
  return NULL;
}

typedef struct {
  OtasukeTray *tray;
  guint        index;
} Click;

static gboolean
click_idle (gpointer user_data)
{
  Click *click = user_data;

  otasuke_tray_backend_menu_item (click->tray, click->index);
  return G_SOURCE_REMOVE;
}

static void
click_free (gpointer data)
{
  Click *click = data;

  g_object_unref (click->tray);
  g_free (click);
}

/* Runs the item after the reply has gone: "Quit" must not leave the host waiting. */
static gboolean
menu_event (Sni        *self,
            int         id,
            const char *event_id)
{
  Click *click;

  if (id <= 0 || !menu_id_is_valid (id))
    return FALSE;
  if (self->tray == NULL)
    return TRUE;
  if (!g_str_equal (event_id, "clicked") || !item_enabled (self, id))
    return TRUE;

  click = g_new0 (Click, 1);
  click->tray = g_object_ref (self->tray);
  click->index = (guint) id - 1;
  g_idle_add_full (G_PRIORITY_DEFAULT, click_idle, click, click_free);
  return TRUE;
}

static void
menu_method_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  Sni *self = user_data;

  if (g_str_equal (method_name, "GetLayout"))
    {
      g_autofree const char **names = NULL;
      int parent, depth;

      g_variant_get (parameters, "(ii^a&s)", &parent, &depth, &names);
      if (!menu_id_is_valid (parent))
        {
          g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                                 "No menu item %d", parent);
          return;
        }
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u@(ia{sv}av))", MENU_REVISION,
                                                            menu_layout (self, parent, depth, names)));
    }
  else if (g_str_equal (method_name, "GetGroupProperties"))
    {
      g_autoptr(GVariant) ids = NULL;
      g_autofree const char **names = NULL;
      g_auto(GVariantBuilder) result = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ia{sv})"));
      GVariantIter iter;
      guint n_items;
      int id;

      g_variant_get (parameters, "(@ai^a&s)", &ids, &names);
      otasuke_tray_get_menu (&n_items);
      if (g_variant_n_children (ids) == 0)
        {
          for (id = 0; (guint) id <= n_items; id++)
            g_variant_builder_add (&result, "(i@a{sv})", id, menu_item_properties (self, id, names));
        }
      else
        {
          g_variant_iter_init (&iter, ids);
          while (g_variant_iter_next (&iter, "i", &id))
            if (menu_id_is_valid (id))
              g_variant_builder_add (&result, "(i@a{sv})", id, menu_item_properties (self, id, names));
        }
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(@a(ia{sv}))", g_variant_builder_end (&result)));
    }
  else if (g_str_equal (method_name, "GetProperty"))
    {
      g_autoptr(GVariant) props = NULL;
      g_autoptr(GVariant) value = NULL;
      const char *name;
      int id;

      g_variant_get (parameters, "(i&s)", &id, &name);
      if (menu_id_is_valid (id))
        {
          const char *names[] = { name, NULL };

          props = g_variant_ref_sink (menu_item_properties (self, id, names));
          value = g_variant_lookup_value (props, name, NULL);
        }
      if (value == NULL)
        g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                               "No property %s on menu item %d", name, id);
      else
        g_dbus_method_invocation_return_value (invocation, g_variant_new ("(v)", value));
    }
  else if (g_str_equal (method_name, "Event"))
    {
      const char *event_id;
      int id;

      g_variant_get (parameters, "(i&svu)", &id, &event_id, NULL, NULL);
      if (!menu_event (self, id, event_id))
        g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                               "No menu item %d", id);
      else
        g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "EventGroup"))
    {
      g_auto(GVariantBuilder) errors = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("ai"));
      g_autoptr(GVariantIter) iter = NULL;
      const char *event_id;
      int id;

      g_variant_get (parameters, "(a(isvu))", &iter);
      while (g_variant_iter_loop (iter, "(i&svu)", &id, &event_id, NULL, NULL))
        if (!menu_event (self, id, event_id))
          g_variant_builder_add (&errors, "i", id);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(@ai)", g_variant_builder_end (&errors)));
    }
  else if (g_str_equal (method_name, "AboutToShow"))
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", FALSE));
    }
  else if (g_str_equal (method_name, "AboutToShowGroup"))
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(@ai@ai)",
                                                                        g_variant_new_array (G_VARIANT_TYPE_INT32, NULL, 0),
                                                                        g_variant_new_array (G_VARIANT_TYPE_INT32, NULL, 0)));
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                             "No method %s", method_name);
    }
}

static const GDBusInterfaceVTable item_vtable = {
  .method_call = item_method_call,
  .get_property = item_get_property,
};

static const GDBusInterfaceVTable menu_vtable = {
  .method_call = menu_method_call,
  .get_property = menu_get_property,
};

static void
emit_item_signal (Sni        *self,
                  const char *name,
                  GVariant   *parameters)
{
  g_autoptr(GError) error = NULL;

  if (!g_dbus_connection_emit_signal (self->connection, NULL, ITEM_PATH, ITEM_IFACE, name, parameters, &error))
    g_debug ("Could not emit %s: %s", name, error->message);
}

/* Tells hosts which menu items changed between enabled and disabled. */
static void
sni_update_menu (Sni *self)
{
  g_auto(GVariantBuilder) updated = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ia{sv})"));
  g_autoptr(GError) error = NULL;
  guint disabled = 0;
  guint n_items;

  otasuke_tray_get_menu (&n_items);
  for (guint i = 0; i < n_items; i++)
    if (!item_enabled (self, (int) i + 1))
      disabled |= 1u << i;
  if (disabled == self->sent_disabled)
    return;

  for (guint i = 0; i < n_items; i++)
    if (((disabled ^ self->sent_disabled) >> i) & 1)
      {
        g_auto(GVariantBuilder) props = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

        g_variant_builder_add (&props, "{sv}", "enabled", g_variant_new_boolean (!((disabled >> i) & 1)));
        g_variant_builder_add (&updated, "(i@a{sv})", (int) i + 1, g_variant_builder_end (&props));
      }
  self->sent_disabled = disabled;
  if (self->menu_id != 0 &&
      !g_dbus_connection_emit_signal (self->connection, NULL, MENU_PATH, MENU_IFACE, "ItemsPropertiesUpdated",
                                      g_variant_new ("(@a(ia{sv})@a(ias))", g_variant_builder_end (&updated),
                                                     g_variant_new_array (G_VARIANT_TYPE ("(ias)"), NULL, 0)),
                                      &error))
    g_debug ("Could not emit ItemsPropertiesUpdated: %s", error->message);
}

static void
sni_update (OtasukeTrayBackend *backend)
{
  Sni *self = (Sni *) backend;
  const char *status = status_string (self);
  const char *tooltip = otasuke_tray_get_tooltip (self->tray);
  g_autofree char *icon = icon_name (self);

  if (g_strcmp0 (icon, self->sent_icon) != 0)
    {
      g_free (self->sent_icon);
      self->sent_icon = g_steal_pointer (&icon);
      emit_item_signal (self, "NewIcon", NULL);
      emit_item_signal (self, "NewAttentionIcon", NULL);
    }
  if (g_strcmp0 (status, self->sent_status) != 0)
    {
      g_free (self->sent_status);
      self->sent_status = g_strdup (status);
      emit_item_signal (self, "NewStatus", g_variant_new ("(s)", status));
    }
  if (g_strcmp0 (tooltip, self->sent_tooltip) != 0)
    {
      g_free (self->sent_tooltip);
      self->sent_tooltip = g_strdup (tooltip);
      emit_item_signal (self, "NewToolTip", NULL);
    }
  sni_update_menu (self);
}

static void
host_registered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  g_autoptr(GVariant) value = NULL;
  g_autoptr(Sni) self = user_data;

  /* Cancelled: the watcher went away, or the tray did. */
  if (self->tray == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A watcher without the property still took the item: take that as shown. */
  if (reply == NULL)
    {
      g_debug ("IsStatusNotifierHostRegistered: %s", error->message);
      otasuke_tray_backend_set_available (self->tray, TRUE);
      return;
    }
  g_variant_get (reply, "(v)", &value);
  otasuke_tray_backend_set_available (self->tray,
                                      !g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) ||
                                      g_variant_get_boolean (value));
}

static void
query_host (Sni *self)
{
  g_dbus_connection_call (self->connection, WATCHER_NAME, WATCHER_PATH,
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", WATCHER_IFACE, "IsStatusNotifierHostRegistered"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          self->cancellable, host_registered_cb, sni_ref (self));
}

static void
register_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  g_autoptr(Sni) self = user_data;

  if (self->tray == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reply == NULL)
    {
      g_message ("The panel did not take the tray icon: %s", error->message);
      otasuke_tray_backend_set_available (self->tray, FALSE);
      return;
    }
  query_host (self);
}

/* Host registered or gone, or the property changed: ask again. */
static void
watcher_signal_cb (GDBusConnection *connection,
                   const char      *sender_name,
                   const char      *object_path,
                   const char      *interface_name,
                   const char      *signal_name,
                   GVariant        *parameters,
                   gpointer         user_data)
{
  Sni *self = user_data;

  if (self->tray == NULL)
    return;
  if (g_str_has_prefix (signal_name, "StatusNotifierHost") || g_str_equal (signal_name, "PropertiesChanged"))
    query_host (self);
}

static void
watcher_appeared_cb (GDBusConnection *connection,
                     const char      *name,
                     const char      *name_owner,
                     gpointer         user_data)
{
  Sni *self = user_data;

  if (self->tray == NULL)
    return;
  g_debug ("StatusNotifierWatcher appeared (%s): registering", name_owner);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->watcher_signals_id != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->watcher_signals_id);
  self->watcher_signals_id =
    g_dbus_connection_signal_subscribe (self->connection, name_owner, NULL, NULL, WATCHER_PATH, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, watcher_signal_cb,
                                        sni_ref (self), (GDestroyNotify) sni_unref);

  /* Our unique name: the watcher finds the item at /StatusNotifierItem on it. */
  g_dbus_connection_call (self->connection, name_owner, WATCHER_PATH, WATCHER_IFACE,
                          "RegisterStatusNotifierItem",
                          g_variant_new ("(s)", g_dbus_connection_get_unique_name (self->connection)),
                          NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          self->cancellable, register_cb, sni_ref (self));
}

static void
watcher_vanished_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  Sni *self = user_data;

  if (self->tray == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  if (self->watcher_signals_id != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->watcher_signals_id);
  self->watcher_signals_id = 0;
  otasuke_tray_backend_set_available (self->tray, FALSE);
}

static void
sni_free (OtasukeTrayBackend *backend)
{
  Sni *self = (Sni *) backend;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  if (self->watcher_signals_id != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->watcher_signals_id);
  if (self->item_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->item_id);
  if (self->menu_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->menu_id);
  self->watcher_signals_id = self->item_id = self->menu_id = 0;
  self->tray = NULL;

  sni_unref (self);
}

OtasukeTrayBackend *
otasuke_tray_sni_new (OtasukeTray     *tray,
                      GDBusConnection *connection)
{
  g_autoptr(GError) error = NULL;
  Sni *self;

  g_return_val_if_fail (OTASUKE_IS_TRAY (tray), NULL);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);

  self = g_atomic_rc_box_new0 (Sni);
  self->parent.update = sni_update;
  self->parent.free = sni_free;
  self->tray = tray;
  self->connection = g_object_ref (connection);
  self->cancellable = g_cancellable_new ();
  self->info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  self->sent_status = g_strdup (status_string (self));
  self->sent_tooltip = g_strdup (otasuke_tray_get_tooltip (tray));
  self->sent_icon = icon_name (self);
  self->theme_path = find_theme_path (otasuke_tray_get_id (tray));

  self->item_id = g_dbus_connection_register_object (connection, ITEM_PATH,
                                                     g_dbus_node_info_lookup_interface (self->info, ITEM_IFACE),
                                                     &item_vtable, sni_ref (self), (GDestroyNotify) sni_unref,
                                                     &error);
  if (self->item_id != 0)
    self->menu_id = g_dbus_connection_register_object (connection, MENU_PATH,
                                                       g_dbus_node_info_lookup_interface (self->info, MENU_IFACE),
                                                       &menu_vtable, sni_ref (self), (GDestroyNotify) sni_unref,
                                                       &error);
  if (self->item_id == 0 || self->menu_id == 0)
    {
      /* Another item on this connection already: no tray, the program still works. */
      g_message ("Could not export the tray icon: %s", error->message);
      return &self->parent;
    }

  self->watch_id = g_bus_watch_name_on_connection (connection, WATCHER_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   watcher_appeared_cb, watcher_vanished_cb,
                                                   sni_ref (self), (GDestroyNotify) sni_unref);
  return &self->parent;
}
