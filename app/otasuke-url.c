/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-url"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "otasuke-text.h"
#include "otasuke-url.h"

#define URL_MAX_LENGTH 2048

gboolean
otasuke_url_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
otasuke_url_check_feed (const char  *url,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the address of the advisory feed."));
      return FALSE;
    }

  if (strlen (url) > URL_MAX_LENGTH || !g_utf8_validate (url, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This address is not valid."));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This address is not valid. It should look like https://example.jp/feed.json."));
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      /* user@host addresses are a classic way to disguise the real host. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Addresses with a user name or password are not accepted."));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && otasuke_url_host_is_loopback (host))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Only secure (https) addresses are accepted, not “%s”."), scheme);
  return FALSE;
}

static gboolean
refuse_link (GError     **error,
             const char  *reason)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, reason);
  return FALSE;
}

GUri *
otasuke_url_parse_link (const char  *url,
                        char       **display,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  const char *scheme;

  if (display != NULL)
    *display = NULL;

  if (url == NULL || *url == '\0')
    {
      refuse_link (error, _("not an http or https address"));
      return NULL;
    }

  /* URIs are ASCII; spaces, controls and '\\' are ways to disguise a link. */
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7F || *p == '\\')
      {
        refuse_link (error, _("not an http or https address"));
        return NULL;
      }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      refuse_link (error, _("not an http or https address"));
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      /* user@host is a classic way to disguise the real host. */
      refuse_link (error, _("addresses with a user name are not accepted"));
      return NULL;
    }

  /* GUri lets through hosts like "a<b>"; a host name is letters, digits,
   * '-', '.' and '_'. IPv6 literals (the only hosts with ':') GUri checks. */
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  if (strchr (host, ':') == NULL &&
      strspn (host, "abcdefghijklmnopqrstuvwxyz0123456789-._") != strlen (host))
    {
      refuse_link (error, _("not an http or https address"));
      return NULL;
    }

  if (display != NULL)
    {
      g_autofree char *unicode = NULL;

      if (g_hostname_is_ascii_encoded (host))
        unicode = g_hostname_to_unicode (host);
      /* Punycode can spell bidi controls and other hidden characters: such
       * a name is shown in its ASCII form only. */
      if (unicode != NULL && !otasuke_text_is_clean (unicode))
        g_clear_pointer (&unicode, g_free);
      if (unicode != NULL && g_strcmp0 (unicode, host) != 0)
        /* Translators: an international web address: the form computers use (the real one), then its own letters */
        *display = g_strdup_printf (_("%s (%s)"), host, unicode);
      else
        *display = g_steal_pointer (&host);
    }

  return g_steal_pointer (&uri);
}

gboolean
otasuke_url_is_link (const char *url)
{
  g_autoptr(GUri) uri = otasuke_url_parse_link (url, NULL, NULL);

  return uri != NULL;
}
