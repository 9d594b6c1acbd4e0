/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Operating system identity, security software (WMI) and the Run key. */

#define COBJMACROS

#include "otasuke-win32-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <wbemidl.h>
#include <propsys.h>
#include <shobjidl.h>

#define NT_CURRENT_VERSION L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
#define RUN_KEY L"Software\\Microsoft\\Windows\\CurrentVersion\\Run"
#define STARTUP_APPROVED_KEY L"Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run"
#define RUN_VALUE L"Otasuke"
#define WINDOWS_11_FIRST_BUILD 22000UL
#define MAX_PRODUCTS 32
#define WMI_TIMEOUT_MS 10000

/* ------------------------------------------------------------------------ OS */

typedef LONG (WINAPI *RtlGetVersionFn) (OSVERSIONINFOEXW *info);
typedef BOOL (WINAPI *IsWow64Process2Fn) (HANDLE process, USHORT *process_machine, USHORT *native_machine);

void
otasuke_win32_os_clear (OtasukeWin32Os *os)
{
  if (os == NULL)
    return;
  free (os->name);
  free (os->version_id);
  free (os->display_version);
  free (os->build);
  free (os->edition);
  free (os->architecture);
  memset (os, 0, sizeof *os);
}

char *
otasuke_win32_os_fix_name (const char    *product_name,
                           unsigned long  build_number)
{
  const char *ten;
  char *fixed;

  if (product_name == NULL)
    return otasuke_win32_strdup (build_number >= WINDOWS_11_FIRST_BUILD ? "Windows 11" : "Windows");
  fixed = otasuke_win32_strdup (product_name);
  if (fixed == NULL || build_number < WINDOWS_11_FIRST_BUILD)
    return fixed;
  ten = strstr (product_name, "Windows 10");
  if (ten != NULL && (ten[10] == '\0' || ten[10] == ' '))
    fixed[(ten - product_name) + 9] = '1';
  return fixed;
}

static char *
version_id_for (unsigned long major,
                unsigned long minor,
                unsigned long build)
{
  char buf[32];

  if (major == 10 && minor == 0)
    return otasuke_win32_strdup (build >= WINDOWS_11_FIRST_BUILD ? "11" : "10");
  if (major == 6 && minor == 3)
    return otasuke_win32_strdup ("8.1");
  if (major == 6 && minor == 2)
    return otasuke_win32_strdup ("8");
  if (major == 6 && minor == 1)
    return otasuke_win32_strdup ("7");
  if (major == 0)
    return NULL;
  snprintf (buf, sizeof buf, "%lu.%lu", major, minor);
  return otasuke_win32_strdup (buf);
}

static char *
read_utf8 (HKEY           key,
           const wchar_t *name)
{
  wchar_t buf[OTASUKE_WIN32_MAX_VALUE + 1];

  if (!otasuke_win32_read_string (key, name, FALSE, buf, OTASUKE_WIN32_MAX_VALUE))
    return NULL;
  return otasuke_win32_utf8_from_wide (buf);
}

static BOOL
read_dword (HKEY           key,
            const wchar_t *name,
            unsigned long *out)
{
  DWORD type = REG_NONE, value = 0, cb = sizeof value;

  if (RegQueryValueExW (key, name, NULL, &type, (BYTE *) &value, &cb) != ERROR_SUCCESS ||
      type != REG_DWORD || cb != sizeof value)
    return FALSE;
  *out = value;
  return TRUE;
}

/* A decimal number of at most 9 digits, nothing else. */
static BOOL
parse_number (const char    *text,
              unsigned long *out)
{
  unsigned long n = 0;
  size_t i;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  for (i = 0; text[i] != '\0'; i++)
    {
      if (i >= 9 || text[i] < '0' || text[i] > '9')
        return FALSE;
      n = n * 10 + (unsigned long) (text[i] - '0');
    }
  *out = n;
  return TRUE;
}

static char *
architecture (void)
{
  HMODULE kernel32 = GetModuleHandleW (L"kernel32.dll");
  IsWow64Process2Fn wow64_2 = NULL;
  USHORT process_machine = 0, native_machine = 0;
  SYSTEM_INFO info;

  if (kernel32 != NULL)
    wow64_2 = (IsWow64Process2Fn) (void (*) (void)) GetProcAddress (kernel32, "IsWow64Process2");
  /* GetNativeSystemInfo says AMD64 to an emulated x64 process on ARM64. */
  if (wow64_2 != NULL && wow64_2 (GetCurrentProcess (), &process_machine, &native_machine))
    switch (native_machine)
      {
      case IMAGE_FILE_MACHINE_AMD64: return otasuke_win32_strdup ("x86_64");
      case IMAGE_FILE_MACHINE_ARM64: return otasuke_win32_strdup ("arm64");
      case IMAGE_FILE_MACHINE_I386: return otasuke_win32_strdup ("x86");
      default: break;
      }

  GetNativeSystemInfo (&info);
  switch (info.wProcessorArchitecture)
    {
    case PROCESSOR_ARCHITECTURE_AMD64: return otasuke_win32_strdup ("x86_64");
    case PROCESSOR_ARCHITECTURE_ARM64: return otasuke_win32_strdup ("arm64");
    case PROCESSOR_ARCHITECTURE_INTEL: return otasuke_win32_strdup ("x86");
    default: return NULL;
    }
}

OtasukeWin32Status
otasuke_win32_get_os (const OtasukeWin32Options *options,
                      OtasukeWin32Os            *os)
{
  BOOL fake = options != NULL && options->registry_root != NULL;
  char *product = NULL, *build_text = NULL;
  unsigned long ubr = 0;
  BOOL have_ubr = FALSE;
  HKEY key;

  if (os == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  memset (os, 0, sizeof *os);
  if (!otasuke_win32_options_valid (options))
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;

  if (!fake)
    {
      HMODULE ntdll = GetModuleHandleW (L"ntdll.dll");
      RtlGetVersionFn rtl_get_version = NULL;
      OSVERSIONINFOEXW info;

      if (ntdll != NULL)
        rtl_get_version = (RtlGetVersionFn) (void (*) (void)) GetProcAddress (ntdll, "RtlGetVersion");
      memset (&info, 0, sizeof info);
      info.dwOSVersionInfoSize = sizeof info;
      if (rtl_get_version != NULL && rtl_get_version (&info) == 0)
        {
          os->major = info.dwMajorVersion;
          os->minor = info.dwMinorVersion;
          os->build_number = info.dwBuildNumber;
        }
    }

  if (otasuke_win32_open_key (options, HIVE_HKLM, NT_CURRENT_VERSION, KEY_QUERY_VALUE,
                              KEY_WOW64_64KEY, &key) == ERROR_SUCCESS)
    {
      product = read_utf8 (key, L"ProductName");
      os->display_version = read_utf8 (key, L"DisplayVersion");
      if (os->display_version == NULL)
        os->display_version = read_utf8 (key, L"ReleaseId");
      os->edition = read_utf8 (key, L"EditionID");
      build_text = read_utf8 (key, L"CurrentBuildNumber");
      have_ubr = read_dword (key, L"UBR", &ubr);
      if (os->major == 0)
        {
          unsigned long number;

          if (read_dword (key, L"CurrentMajorVersionNumber", &os->major))
            read_dword (key, L"CurrentMinorVersionNumber", &os->minor);
          if (parse_number (build_text, &number))
            os->build_number = number;
        }
      RegCloseKey (key);
    }
  free (build_text);

  os->name = otasuke_win32_os_fix_name (product, os->build_number);
  free (product);
  os->version_id = version_id_for (os->major, os->minor, os->build_number);
  if (os->build_number != 0)
    {
      char buf[48];

      if (have_ubr)
        snprintf (buf, sizeof buf, "%lu.%lu", os->build_number, ubr);
      else
        snprintf (buf, sizeof buf, "%lu", os->build_number);
      os->build = otasuke_win32_strdup (buf);
    }
  os->architecture = fake ? NULL : architecture ();

  if (os->name == NULL)
    {
      otasuke_win32_os_clear (os);
      return OTASUKE_WIN32_ERROR_NO_MEMORY;
    }
  return OTASUKE_WIN32_OK;
}

/* ----------------------------------------------------------- security software */

void
otasuke_win32_decode_product_state (unsigned long  state,
                                    int           *enabled,
                                    int           *up_to_date)
{
  /* 0xTTSSDD: SS 0x10/0x11 scanner on, DD 0x00 signatures current, 0x10 out of date. */
  if (enabled != NULL)
    *enabled = (state & 0x1000) != 0;
  if (up_to_date != NULL)
    *up_to_date = (state & 0x10) == 0;
}

void
otasuke_win32_antivirus_free (OtasukeWin32Antivirus *products,
                              size_t                 n)
{
  if (products == NULL)
    return;
  for (size_t i = 0; i < n; i++)
    {
      free (products[i].name);
      free (products[i].path);
    }
  free (products);
}

static char *
get_string_property (IWbemClassObject *object,
                     const wchar_t    *name)
{
  VARIANT v;
  char *out = NULL;

  VariantInit (&v);
  if (SUCCEEDED (IWbemClassObject_Get (object, name, 0, &v, NULL, NULL)) &&
      V_VT (&v) == VT_BSTR && V_BSTR (&v) != NULL)
    {
      UINT len = SysStringLen (V_BSTR (&v));

      if (len > 0 && len <= OTASUKE_WIN32_MAX_PATH && wcslen (V_BSTR (&v)) == len)
        out = otasuke_win32_utf8_from_wide (V_BSTR (&v));
    }
  VariantClear (&v);
  return out;
}

static BOOL
get_uint_property (IWbemClassObject *object,
                   const wchar_t    *name,
                   unsigned long    *out)
{
  VARIANT v;
  BOOL ok = FALSE;

  VariantInit (&v);
  if (SUCCEEDED (IWbemClassObject_Get (object, name, 0, &v, NULL, NULL)))
    {
      if (V_VT (&v) == VT_I4)
        {
          *out = (unsigned long) (ULONG) V_I4 (&v);
          ok = TRUE;
        }
      else if (V_VT (&v) == VT_UI4)
        {
          *out = V_UI4 (&v);
          ok = TRUE;
        }
    }
  VariantClear (&v);
  return ok;
}

static OtasukeWin32Status
query_products (IWbemServices          *services,
                OtasukeWin32Antivirus **out,
                size_t                 *n)
{
  BSTR language = SysAllocString (L"WQL");
  BSTR query = SysAllocString (L"SELECT displayName, productState, pathToSignedProductExe "
                               L"FROM AntiVirusProduct");
  IEnumWbemClassObject *results = NULL;
  OtasukeWin32Antivirus *products = NULL;
  OtasukeWin32Status status = OTASUKE_WIN32_OK;
  HRESULT hr;

  if (language == NULL || query == NULL)
    status = OTASUKE_WIN32_ERROR_NO_MEMORY;
  else if (FAILED (IWbemServices_ExecQuery (services, language, query,
                                            WBEM_FLAG_FORWARD_ONLY | WBEM_FLAG_RETURN_IMMEDIATELY,
                                            NULL, &results)))
    status = OTASUKE_WIN32_ERROR_UNAVAILABLE;
  SysFreeString (language);
  SysFreeString (query);
  if (status != OTASUKE_WIN32_OK)
    return status;

  products = calloc (MAX_PRODUCTS, sizeof *products);
  if (products == NULL)
    {
      IEnumWbemClassObject_Release (results);
      return OTASUKE_WIN32_ERROR_NO_MEMORY;
    }

  while (*n < MAX_PRODUCTS)
    {
      IWbemClassObject *object = NULL;
      ULONG returned = 0;
      OtasukeWin32Antivirus *p = &products[*n];

      hr = IEnumWbemClassObject_Next (results, WMI_TIMEOUT_MS, 1, &object, &returned);
      if (hr != WBEM_S_NO_ERROR || returned != 1 || object == NULL)
        {
          /* An enumeration that fails before its first item: Security Center is not there. */
          if (*n == 0 && (FAILED (hr) || hr == (HRESULT) WBEM_S_TIMEDOUT))
            status = OTASUKE_WIN32_ERROR_UNAVAILABLE;
          break;
        }
      p->name = get_string_property (object, L"displayName");
      p->path = get_string_property (object, L"pathToSignedProductExe");
      if (p->name != NULL && get_uint_property (object, L"productState", &p->product_state))
        {
          otasuke_win32_decode_product_state (p->product_state, &p->enabled, &p->up_to_date);
          (*n)++;
        }
      else
        {
          free (p->name);
          free (p->path);
          memset (p, 0, sizeof *p);
        }
      IWbemClassObject_Release (object);
    }
  IEnumWbemClassObject_Release (results);

  if (status != OTASUKE_WIN32_OK || *n == 0)
    {
      otasuke_win32_antivirus_free (products, *n);
      *n = 0;
      return status;
    }
  *out = products;
  return OTASUKE_WIN32_OK;
}

OtasukeWin32Status
otasuke_win32_find_antivirus (OtasukeWin32Antivirus **out,
                              size_t                 *n)
{
  IWbemLocator *locator = NULL;
  IWbemServices *services = NULL;
  OtasukeWin32Status status = OTASUKE_WIN32_ERROR_UNAVAILABLE;
  BSTR ns;
  HRESULT init;

  if (out == NULL || n == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  *out = NULL;
  *n = 0;

  /* RPC_E_CHANGED_MODE: the thread is an STA already, which works too. */
  init = CoInitializeEx (NULL, COINIT_MULTITHREADED);
  if (FAILED (init) && init != RPC_E_CHANGED_MODE)
    return OTASUKE_WIN32_ERROR_UNAVAILABLE;

  ns = SysAllocString (L"ROOT\\SecurityCenter2");
  if (ns != NULL &&
      SUCCEEDED (CoCreateInstance (&CLSID_WbemLocator, NULL, CLSCTX_INPROC_SERVER,
                                   &IID_IWbemLocator, (void **) &locator)) &&
      SUCCEEDED (IWbemLocator_ConnectServer (locator, ns, NULL, NULL, NULL, 0, NULL, NULL,
                                             &services)))
    {
      /* Per proxy, not CoInitializeSecurity: that is the process's business. */
      CoSetProxyBlanket ((IUnknown *) services, RPC_C_AUTHN_WINNT, RPC_C_AUTHZ_NONE, NULL,
                         RPC_C_AUTHN_LEVEL_CALL, RPC_C_IMP_LEVEL_IMPERSONATE, NULL, EOAC_NONE);
      status = query_products (services, out, n);
    }
  else if (ns == NULL)
    status = OTASUKE_WIN32_ERROR_NO_MEMORY;

  if (services != NULL)
    IWbemServices_Release (services);
  if (locator != NULL)
    IWbemLocator_Release (locator);
  SysFreeString (ns);
  if (SUCCEEDED (init))
    CoUninitialize ();
  return status;
}

/* ------------------------------------------------------------------ BitLocker */

/* The shell's System.Volume.BitLockerProtection of the system drive's root
 * (what Explorer shows as the padlock on the drive), readable without
 * administrator rights, unlike WMI's Win32_EncryptableVolume in
 * ROOT\CIMV2\Security\MicrosoftVolumeEncryption. The key is looked up by
 * its canonical name, so nothing here depends on its GUID. */
OtasukeWin32Status
otasuke_win32_read_bitlocker (int *answer)
{
  OtasukeWin32Status status = OTASUKE_WIN32_ERROR_UNAVAILABLE;
  IPropertyStore *store = NULL;
  PROPERTYKEY key;
  PROPVARIANT value;
  wchar_t windows[MAX_PATH];
  wchar_t root[4];
  UINT len;
  HRESULT init;

  if (answer == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  *answer = OTASUKE_WIN32_UNKNOWN;

  len = GetSystemWindowsDirectoryW (windows, MAX_PATH);
  if (len < 3 || len >= MAX_PATH || windows[1] != L':')
    return OTASUKE_WIN32_ERROR_NOT_FOUND;
  root[0] = windows[0];
  root[1] = L':';
  root[2] = L'\\';
  root[3] = L'\0';

  init = CoInitializeEx (NULL, COINIT_MULTITHREADED);
  if (FAILED (init) && init != RPC_E_CHANGED_MODE)
    return OTASUKE_WIN32_ERROR_UNAVAILABLE;

  PropVariantInit (&value);
  if (SUCCEEDED (PSGetPropertyKeyFromName (L"System.Volume.BitLockerProtection", &key)) &&
      SUCCEEDED (SHGetPropertyStoreFromParsingName (root, NULL, GPS_DEFAULT,
                                                    &IID_IPropertyStore, (void **) &store)) &&
      SUCCEEDED (IPropertyStore_GetValue (store, &key, &value)))
    {
      long long number = 0;

      switch (value.vt)
        {
        case VT_I4: number = value.lVal; break;
        case VT_UI4: number = value.ulVal; break;
        case VT_INT: number = value.intVal; break;
        case VT_UINT: number = value.uintVal; break;
        case VT_I2: number = value.iVal; break;
        case VT_UI2: number = value.uiVal; break;
        default: break;
        }
      *answer = otasuke_win32_bitlocker_from_variant (value.vt, number);
      status = *answer == OTASUKE_WIN32_UNKNOWN ? OTASUKE_WIN32_ERROR_NOT_FOUND : OTASUKE_WIN32_OK;
    }
  PropVariantClear (&value);
  if (store != NULL)
    IPropertyStore_Release (store);
  if (SUCCEEDED (init))
    CoUninitialize ();
  return status;
}

/* ------------------------------------------------------------------ autostart */

/* "\"<exe>\" --background"; NULL for a path with quotes or bad UTF-8. */
static wchar_t *
autostart_command (const char *exe_path)
{
  wchar_t *exe, *command;
  size_t size;

  if (exe_path != NULL)
    exe = otasuke_win32_wide_from_utf8 (exe_path);
  else
    {
      DWORD len;

      exe = malloc ((OTASUKE_WIN32_MAX_PATH + 1) * sizeof (wchar_t));
      if (exe == NULL)
        return NULL;
      len = GetModuleFileNameW (NULL, exe, OTASUKE_WIN32_MAX_PATH + 1);
      if (len == 0 || len > OTASUKE_WIN32_MAX_PATH)
        {
          free (exe);
          return NULL;
        }
    }
  if (exe == NULL || exe[0] == L'\0' || wcschr (exe, L'"') != NULL ||
      wcslen (exe) > OTASUKE_WIN32_MAX_PATH)
    {
      free (exe);
      return NULL;
    }
  size = wcslen (exe) + 32;
  command = malloc (size * sizeof (wchar_t));
  if (command != NULL)
    swprintf (command, size, L"\"%ls\" --background", exe);
  free (exe);
  return command;
}

OtasukeWin32Status
otasuke_win32_autostart_set (const OtasukeWin32Options *options,
                             const char                *exe_path)
{
  wchar_t *command = autostart_command (exe_path);
  LSTATUS result;
  HKEY key;

  if (command == NULL || !otasuke_win32_options_valid (options))
    {
      free (command);
      return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
    }
  result = otasuke_win32_create_key (options, RUN_KEY, &key);
  if (result == ERROR_SUCCESS)
    {
      result = RegSetValueExW (key, RUN_VALUE, 0, REG_SZ, (const BYTE *) command,
                               (DWORD) ((wcslen (command) + 1) * sizeof (wchar_t)));
      RegCloseKey (key);
    }
  free (command);
  return result == ERROR_SUCCESS ? OTASUKE_WIN32_OK : OTASUKE_WIN32_ERROR_FAILED;
}

OtasukeWin32Status
otasuke_win32_autostart_remove (const OtasukeWin32Options *options)
{
  LSTATUS result;
  HKEY key;

  if (!otasuke_win32_options_valid (options))
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  result = otasuke_win32_open_key (options, HIVE_HKCU, RUN_KEY, KEY_SET_VALUE, 0, &key);
  if (result == ERROR_FILE_NOT_FOUND)
    return OTASUKE_WIN32_OK;
  if (result != ERROR_SUCCESS)
    return result == ERROR_INVALID_PARAMETER ? OTASUKE_WIN32_ERROR_INVALID_ARGUMENT
                                             : OTASUKE_WIN32_ERROR_FAILED;
  result = RegDeleteValueW (key, RUN_VALUE);
  RegCloseKey (key);
  return result == ERROR_SUCCESS || result == ERROR_FILE_NOT_FOUND ? OTASUKE_WIN32_OK
                                                                   : OTASUKE_WIN32_ERROR_FAILED;
}

/* Task Manager's switch: REG_BINARY, first byte odd (03 …) means disabled. */
static BOOL
disabled_in_task_manager (const OtasukeWin32Options *options)
{
  BYTE data[12];
  DWORD type = REG_NONE, cb = sizeof data;
  HKEY key;
  LSTATUS result;

  if (otasuke_win32_open_key (options, HIVE_HKCU, STARTUP_APPROVED_KEY, KEY_QUERY_VALUE, 0,
                              &key) != ERROR_SUCCESS)
    return FALSE;
  result = RegQueryValueExW (key, RUN_VALUE, NULL, &type, data, &cb);
  RegCloseKey (key);
  return result == ERROR_SUCCESS && type == REG_BINARY && cb >= 1 && (data[0] & 1) != 0;
}

OtasukeWin32Status
otasuke_win32_autostart_query (const OtasukeWin32Options  *options,
                               const char                 *exe_path,
                               OtasukeWin32AutostartState *state,
                               char                      **command)
{
  wchar_t stored[OTASUKE_WIN32_MAX_PATH + 32 + 1];
  wchar_t *expected;
  LSTATUS result;
  BOOL found;
  HKEY key;

  if (state == NULL || !otasuke_win32_options_valid (options))
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  *state = OTASUKE_WIN32_AUTOSTART_ABSENT;
  if (command != NULL)
    *command = NULL;

  result = otasuke_win32_open_key (options, HIVE_HKCU, RUN_KEY, KEY_QUERY_VALUE, 0, &key);
  if (result == ERROR_FILE_NOT_FOUND)
    return OTASUKE_WIN32_OK;
  if (result != ERROR_SUCCESS)
    return result == ERROR_INVALID_PARAMETER ? OTASUKE_WIN32_ERROR_INVALID_ARGUMENT
                                             : OTASUKE_WIN32_ERROR_FAILED;
  found = otasuke_win32_read_string (key, RUN_VALUE, TRUE, stored, OTASUKE_WIN32_MAX_PATH + 32);
  RegCloseKey (key);
  if (!found)
    return OTASUKE_WIN32_OK;

  expected = autostart_command (exe_path);
  if (expected == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  /* Paths compare without regard to case, as the file system does. */
  if (CompareStringOrdinal (stored, -1, expected, -1, TRUE) != CSTR_EQUAL)
    *state = OTASUKE_WIN32_AUTOSTART_OTHER;
  else if (disabled_in_task_manager (options))
    *state = OTASUKE_WIN32_AUTOSTART_DISABLED;
  else
    *state = OTASUKE_WIN32_AUTOSTART_ENABLED;
  free (expected);

  if (command != NULL)
    {
      *command = otasuke_win32_utf8_from_wide (stored);
      if (*command == NULL)
        return OTASUKE_WIN32_ERROR_NO_MEMORY;
    }
  return OTASUKE_WIN32_OK;
}
