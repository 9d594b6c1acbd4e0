/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A notification-area icon: Shell_NotifyIconW on a hidden window of ours. */

#include "otasuke-win32-private.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <shellapi.h>
#include <windowsx.h>

#define TRAY_CALLBACK_MESSAGE OTASUKE_WIN32_TRAY_MESSAGE
#define TRAY_ICON_ID OTASUKE_WIN32_TRAY_ICON_ID
#define CLASS_NAME L"OtasukeWin32Tray"
#define MAX_MENU_ITEMS 64

struct _OtasukeWin32Tray
{
  HWND hwnd;
  UINT taskbar_created;
  HICON icon;
  HICON attention_icon;
  BOOL attention;
  BOOL shown;
  wchar_t tooltip[128];
  OtasukeWin32TrayCallback callback;
  void *user_data;
};

/* Anything whose address lies in this module, to find our HINSTANCE. */
static ATOM class_atom;

static HINSTANCE
this_module (void)
{
  HMODULE module = NULL;

  if (!GetModuleHandleExW (GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                           GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           (LPCWSTR) &class_atom, &module))
    module = GetModuleHandleW (NULL);
  return module;
}

static HICON
current_icon (const OtasukeWin32Tray *tray)
{
  if (tray->attention && tray->attention_icon != NULL)
    return tray->attention_icon;
  if (tray->icon != NULL)
    return tray->icon;
  return LoadIconW (NULL, (LPCWSTR) IDI_APPLICATION);
}

static void
init_data (const OtasukeWin32Tray *tray,
           NOTIFYICONDATAW        *nid,
           UINT                    flags)
{
  memset (nid, 0, sizeof *nid);
  nid->cbSize = sizeof *nid;
  nid->hWnd = tray->hwnd;
  nid->uID = TRAY_ICON_ID;
  nid->uFlags = flags;
  nid->uCallbackMessage = TRAY_CALLBACK_MESSAGE;
  nid->hIcon = current_icon (tray);
  if (flags & NIF_TIP)
    {
      nid->uFlags |= NIF_SHOWTIP;
      wcscpy (nid->szTip, tray->tooltip);
    }
}

static BOOL
add_icon (OtasukeWin32Tray *tray)
{
  NOTIFYICONDATAW nid;

  init_data (tray, &nid, NIF_MESSAGE | NIF_ICON | NIF_TIP);
  if (!Shell_NotifyIconW (NIM_ADD, &nid))
    return FALSE;
  /* Version 4: NIN_SELECT / WM_CONTEXTMENU with the anchor in wParam. */
  nid.uVersion = NOTIFYICON_VERSION_4;
  Shell_NotifyIconW (NIM_SETVERSION, &nid);
  return TRUE;
}

static void
emit (OtasukeWin32Tray      *tray,
      OtasukeWin32TrayEvent  event,
      int                    x,
      int                    y)
{
  if (tray->callback != NULL)
    tray->callback (tray, event, x, y, tray->user_data);
}

static LRESULT CALLBACK
window_proc (HWND   hwnd,
             UINT   message,
             WPARAM wparam,
             LPARAM lparam)
{
  OtasukeWin32Tray *tray;

  if (message == WM_NCCREATE)
    {
      CREATESTRUCTW *create = (CREATESTRUCTW *) lparam;

      SetWindowLongPtrW (hwnd, GWLP_USERDATA, (LONG_PTR) create->lpCreateParams);
      return DefWindowProcW (hwnd, message, wparam, lparam);
    }

  tray = (OtasukeWin32Tray *) GetWindowLongPtrW (hwnd, GWLP_USERDATA);
  if (tray == NULL)
    return DefWindowProcW (hwnd, message, wparam, lparam);

  if (message == TRAY_CALLBACK_MESSAGE && HIWORD (lparam) == TRAY_ICON_ID)
    {
      int x = GET_X_LPARAM (wparam), y = GET_Y_LPARAM (wparam);

      switch (LOWORD (lparam))
        {
        case NIN_SELECT:
        case NIN_KEYSELECT:
          emit (tray, OTASUKE_WIN32_TRAY_ACTIVATE, x, y);
          break;
        case WM_CONTEXTMENU:
          emit (tray, OTASUKE_WIN32_TRAY_CONTEXT_MENU, x, y);
          break;
        case NIN_BALLOONUSERCLICK:
          emit (tray, OTASUKE_WIN32_TRAY_BALLOON_CLICKED, x, y);
          break;
        default:
          break;
        }
      return 0;
    }

  /* Explorer (re)started: icons must be added again. Never sent to
   * message-only windows, which get no broadcasts. */
  if (message == tray->taskbar_created && tray->taskbar_created != 0)
    {
      if (tray->shown)
        {
          NOTIFYICONDATAW nid;

          /* Also sent when only the DPI changed: then the icon is still
           * there, NIM_ADD fails and NIM_MODIFY is what works. */
          init_data (tray, &nid, NIF_MESSAGE | NIF_ICON | NIF_TIP);
          tray->shown = add_icon (tray) || Shell_NotifyIconW (NIM_MODIFY, &nid);
          if (tray->shown)
            emit (tray, OTASUKE_WIN32_TRAY_RECREATED, 0, 0);
        }
      return 0;
    }

  return DefWindowProcW (hwnd, message, wparam, lparam);
}

static BOOL
ensure_class (HINSTANCE instance)
{
  WNDCLASSEXW wc;

  if (class_atom != 0)
    return TRUE;
  memset (&wc, 0, sizeof wc);
  wc.cbSize = sizeof wc;
  wc.lpfnWndProc = window_proc;
  wc.hInstance = instance;
  wc.lpszClassName = CLASS_NAME;
  class_atom = RegisterClassExW (&wc);
  if (class_atom == 0 && GetLastError () == ERROR_CLASS_ALREADY_EXISTS)
    class_atom = (ATOM) GetClassInfoExW (instance, CLASS_NAME, &wc);
  return class_atom != 0;
}

/* UTF-8 into a fixed buffer of @size units, cut on a character boundary. */
static BOOL
copy_cut (wchar_t    *dest,
          size_t      size,
          const char *utf8)
{
  wchar_t *wide;
  size_t len;

  if (utf8 == NULL)
    {
      dest[0] = L'\0';
      return TRUE;
    }
  wide = otasuke_win32_wide_from_utf8 (utf8);
  if (wide == NULL)
    return FALSE;
  len = wcslen (wide);
  if (len > size - 1)
    {
      len = size - 1;
      if (wide[len - 1] >= 0xD800 && wide[len - 1] <= 0xDBFF)
        len--;
    }
  memcpy (dest, wide, len * sizeof (wchar_t));
  dest[len] = L'\0';
  free (wide);
  return TRUE;
}

OtasukeWin32Status
otasuke_win32_tray_new (OtasukeWin32TrayWindow    kind,
                        const char               *tooltip,
                        void                     *icon,
                        OtasukeWin32TrayCallback  callback,
                        void                     *user_data,
                        OtasukeWin32Tray        **out)
{
  HINSTANCE instance = this_module ();
  OtasukeWin32Tray *tray;

  if (out == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  *out = NULL;
  if (kind != OTASUKE_WIN32_TRAY_WINDOW_HIDDEN && kind != OTASUKE_WIN32_TRAY_WINDOW_MESSAGE_ONLY)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  tray = calloc (1, sizeof *tray);
  if (tray == NULL)
    return OTASUKE_WIN32_ERROR_NO_MEMORY;
  if (!copy_cut (tray->tooltip, sizeof tray->tooltip / sizeof tray->tooltip[0], tooltip))
    {
      free (tray);
      return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
    }
  tray->icon = icon;
  tray->callback = callback;
  tray->user_data = user_data;
  if (kind == OTASUKE_WIN32_TRAY_WINDOW_HIDDEN)
    tray->taskbar_created = RegisterWindowMessageW (L"TaskbarCreated");

  if (!ensure_class (instance))
    {
      free (tray);
      return OTASUKE_WIN32_ERROR_FAILED;
    }
  /* Never shown: WS_POPUP without WS_VISIBLE, a tool window so no taskbar button. */
  tray->hwnd = CreateWindowExW (kind == OTASUKE_WIN32_TRAY_WINDOW_HIDDEN ? WS_EX_TOOLWINDOW : 0,
                                CLASS_NAME, L"Otasuke", WS_POPUP, 0, 0, 0, 0,
                                kind == OTASUKE_WIN32_TRAY_WINDOW_MESSAGE_ONLY ? HWND_MESSAGE : NULL,
                                NULL, instance, tray);
  if (tray->hwnd == NULL)
    {
      free (tray);
      return OTASUKE_WIN32_ERROR_FAILED;
    }
  *out = tray;
  return OTASUKE_WIN32_OK;
}

OtasukeWin32Status
otasuke_win32_tray_show (OtasukeWin32Tray *tray)
{
  if (tray == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  if (tray->shown)
    return OTASUKE_WIN32_OK;
  tray->shown = add_icon (tray);
  return tray->shown ? OTASUKE_WIN32_OK : OTASUKE_WIN32_ERROR_UNAVAILABLE;
}

OtasukeWin32Status
otasuke_win32_tray_hide (OtasukeWin32Tray *tray)
{
  NOTIFYICONDATAW nid;

  if (tray == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  if (!tray->shown)
    return OTASUKE_WIN32_OK;
  tray->shown = FALSE;
  init_data (tray, &nid, 0);
  return Shell_NotifyIconW (NIM_DELETE, &nid) ? OTASUKE_WIN32_OK : OTASUKE_WIN32_ERROR_FAILED;
}

int
otasuke_win32_tray_is_shown (OtasukeWin32Tray *tray)
{
  return tray != NULL && tray->shown;
}

static OtasukeWin32Status
modify (OtasukeWin32Tray *tray,
        UINT              flags)
{
  NOTIFYICONDATAW nid;

  if (!tray->shown)
    return OTASUKE_WIN32_OK;
  init_data (tray, &nid, flags);
  return Shell_NotifyIconW (NIM_MODIFY, &nid) ? OTASUKE_WIN32_OK : OTASUKE_WIN32_ERROR_FAILED;
}

OtasukeWin32Status
otasuke_win32_tray_set_tooltip (OtasukeWin32Tray *tray,
                                const char       *tooltip)
{
  if (tray == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  if (!copy_cut (tray->tooltip, sizeof tray->tooltip / sizeof tray->tooltip[0], tooltip))
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  return modify (tray, NIF_TIP);
}

OtasukeWin32Status
otasuke_win32_tray_set_icons (OtasukeWin32Tray *tray,
                              void             *icon,
                              void             *attention_icon)
{
  if (tray == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  tray->icon = icon;
  tray->attention_icon = attention_icon;
  return modify (tray, NIF_ICON);
}

OtasukeWin32Status
otasuke_win32_tray_set_attention (OtasukeWin32Tray *tray,
                                  int               attention)
{
  if (tray == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  if (tray->attention == !!attention)
    return OTASUKE_WIN32_OK;
  tray->attention = !!attention;
  return modify (tray, NIF_ICON);
}

OtasukeWin32Status
otasuke_win32_tray_balloon (OtasukeWin32Tray *tray,
                            const char       *title,
                            const char       *text,
                            int               warning)
{
  NOTIFYICONDATAW nid;

  if (tray == NULL || text == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  init_data (tray, &nid, NIF_INFO);
  if (!copy_cut (nid.szInfoTitle, sizeof nid.szInfoTitle / sizeof nid.szInfoTitle[0], title) ||
      !copy_cut (nid.szInfo, sizeof nid.szInfo / sizeof nid.szInfo[0], text) ||
      nid.szInfo[0] == L'\0')
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  if (!tray->shown)
    return OTASUKE_WIN32_ERROR_UNAVAILABLE;
  nid.dwInfoFlags = (warning ? NIIF_WARNING : NIIF_INFO) | NIIF_RESPECT_QUIET_TIME;
  return Shell_NotifyIconW (NIM_MODIFY, &nid) ? OTASUKE_WIN32_OK : OTASUKE_WIN32_ERROR_FAILED;
}

/* GTK's "_Open" to Win32's "&Open": "_" marks the mnemonic, "__" is a "_",
 * a literal "&" is doubled. */
static wchar_t *
menu_label (const char *label)
{
  wchar_t *wide = otasuke_win32_wide_from_utf8 (label);
  wchar_t *out;
  size_t j = 0;

  if (wide == NULL)
    return NULL;
  out = malloc ((wcslen (wide) * 2 + 1) * sizeof (wchar_t));
  if (out != NULL)
    {
      for (size_t i = 0; wide[i] != L'\0'; i++)
        {
          if (wide[i] == L'_' && wide[i + 1] == L'_')
            out[j++] = wide[i++];
          else if (wide[i] == L'_')
            out[j++] = L'&';
          else if (wide[i] == L'&')
            {
              out[j++] = L'&';
              out[j++] = L'&';
            }
          else
            out[j++] = wide[i];
        }
      out[j] = L'\0';
    }
  free (wide);
  return out;
}

OtasukeWin32Status
otasuke_win32_tray_popup_menu (OtasukeWin32Tray   *tray,
                               const char * const *labels,
                               size_t              n_labels,
                               int                *chosen)
{
  HMENU menu;
  POINT at;
  UINT command;

  if (chosen != NULL)
    *chosen = -1;
  if (tray == NULL || labels == NULL || chosen == NULL || n_labels == 0 || n_labels > MAX_MENU_ITEMS)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  menu = CreatePopupMenu ();
  if (menu == NULL)
    return OTASUKE_WIN32_ERROR_FAILED;
  for (size_t i = 0; i < n_labels; i++)
    {
      wchar_t *label = labels[i] != NULL ? menu_label (labels[i]) : NULL;
      BOOL ok = label != NULL && AppendMenuW (menu, MF_STRING, i + 1, label);

      free (label);
      if (!ok)
        {
          DestroyMenu (menu);
          return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
        }
    }

  if (!GetCursorPos (&at))
    at.x = at.y = 0;
  /* Without this the menu does not close when the user clicks elsewhere. */
  SetForegroundWindow (tray->hwnd);
  command = (UINT) TrackPopupMenuEx (menu, TPM_RETURNCMD | TPM_NONOTIFY | TPM_RIGHTBUTTON,
                                     at.x, at.y, tray->hwnd, NULL);
  PostMessageW (tray->hwnd, WM_NULL, 0, 0);
  DestroyMenu (menu);
  if (command >= 1 && command <= n_labels)
    *chosen = (int) command - 1;
  return OTASUKE_WIN32_OK;
}

void *
otasuke_win32_tray_get_window (OtasukeWin32Tray *tray)
{
  return tray != NULL ? tray->hwnd : NULL;
}

void
otasuke_win32_tray_free (OtasukeWin32Tray *tray)
{
  if (tray == NULL)
    return;
  otasuke_win32_tray_hide (tray);
  SetWindowLongPtrW (tray->hwnd, GWLP_USERDATA, 0);
  DestroyWindow (tray->hwnd);
  free (tray);
}
