/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-router"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "otasuke-json.h"
#include "otasuke-router-table-private.h"
#include "otasuke-router.h"
#include "otasuke-version.h"

/* Firmware as typed, before the "Ver." and the "(R1.02/B1.02)" are taken off. */
#define FIRMWARE_MAX_BYTES    256
#define QUOTE_MAX_CHARS       40

void
otasuke_router_advisory_free (OtasukeRouterAdvisory *adv)
{
  g_free (adv->id);
  g_strfreev (adv->cves);
  g_free (adv->title);
  g_free (adv->affected_max);
  g_free (adv->condition);
  g_free (adv->feed_item_id);
  g_free (adv->fixed);
  g_free (adv->source_url);
  g_free (adv->date);
  g_free (adv);
}

static OtasukeRouterAdvisory *
advisory_copy (const OtasukeRouterAdvisory *adv)
{
  OtasukeRouterAdvisory *copy = g_new0 (OtasukeRouterAdvisory, 1);

  copy->id = g_strdup (adv->id);
  copy->cves = g_strdupv (adv->cves);
  copy->title = g_strdup (adv->title);
  copy->affected_max = g_strdup (adv->affected_max);
  copy->condition = g_strdup (adv->condition);
  copy->feed_item_id = g_strdup (adv->feed_item_id);
  copy->fixed = g_strdup (adv->fixed);
  copy->source_url = g_strdup (adv->source_url);
  copy->date = g_strdup (adv->date);
  copy->end_of_life = adv->end_of_life;
  copy->affected = adv->affected;
  return copy;
}

void
otasuke_router_entry_free (OtasukeRouterEntry *entry)
{
  g_free (entry->vendor);
  g_free (entry->model);
  g_free (entry->key);
  g_free (entry->loose);
  g_free (entry->eos_date);
  g_clear_pointer (&entry->advisories, g_ptr_array_unref);
  g_free (entry);
}

char *
otasuke_router_loose_key (const char *key)
{
  GString *out = g_string_new (NULL);

  for (const char *p = key; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

OtasukeRouterTable *
otasuke_router_table_new_empty (void)
{
  OtasukeRouterTable *table = g_atomic_rc_box_new0 (OtasukeRouterTable);

  table->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_router_entry_free);
  table->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  table->by_loose = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  return table;
}

static void
table_clear (OtasukeRouterTable *table)
{
  g_clear_pointer (&table->by_key, g_hash_table_unref);
  g_clear_pointer (&table->by_loose, g_hash_table_unref);
  g_clear_pointer (&table->entries, g_ptr_array_unref);
}

OtasukeRouterTable *
otasuke_router_table_ref (OtasukeRouterTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return g_atomic_rc_box_acquire (table);
}

void
otasuke_router_table_unref (OtasukeRouterTable *table)
{
  g_return_if_fail (table != NULL);

  g_atomic_rc_box_release_full (table, (GDestroyNotify) table_clear);
}

/* "I-O DATA", "iodata", "IO-DATA" compare equal. */
static gboolean
vendor_equal (const char *a,
              const char *b)
{
  while (a != NULL && b != NULL)
    {
      while (*a != '\0' && !g_ascii_isalnum (*a))
        a++;
      while (*b != '\0' && !g_ascii_isalnum (*b))
        b++;
      if (*a == '\0' || *b == '\0')
        return *a == *b;
      if (g_ascii_toupper (*a) != g_ascii_toupper (*b))
        return FALSE;
      a++;
      b++;
    }
  return FALSE;
}

OtasukeRouterEntry *
otasuke_router_table_find (OtasukeRouterTable *table,
                           const char         *vendor,
                           const char         *key)
{
  GPtrArray *same = g_hash_table_lookup (table->by_key, key);

  for (guint i = 0; same != NULL && i < same->len; i++)
    if (vendor_equal (((OtasukeRouterEntry *) same->pdata[i])->vendor, vendor))
      return same->pdata[i];
  return NULL;
}

gboolean
otasuke_router_table_has_key (OtasukeRouterTable *table,
                              const char         *key)
{
  return g_hash_table_contains (table->by_key, key);
}

static void
index_add (GHashTable         *index,
           char               *key,
           OtasukeRouterEntry *entry)
{
  GPtrArray *same = g_hash_table_lookup (index, key);

  if (same == NULL)
    {
      same = g_ptr_array_new ();
      g_hash_table_insert (index, key, same);
    }
  g_ptr_array_add (same, entry);
}

void
otasuke_router_table_add (OtasukeRouterTable *table,
                          OtasukeRouterEntry *entry)
{
  g_assert (otasuke_router_table_find (table, entry->vendor, entry->key) == NULL);

  g_ptr_array_add (table->entries, entry);
  index_add (table->by_key, entry->key, entry);
  index_add (table->by_loose, entry->loose, entry);
}

/* ------------------------------------------------------------------------ */
/* The feed */

static void
merge_check (OtasukeRouterTable     *table,
             const OtasukeFeedItem  *item,
             const OtasukeFeedCheck *check)
{
  g_autofree char *key = NULL;
  OtasukeRouterAdvisory *adv = NULL;
  OtasukeRouterEntry *entry;

  if (item->id == NULL || !otasuke_router_is_plain_text (item->id, ID_MAX_CHARS) ||
      check->vendor == NULL || !otasuke_router_is_plain_text (check->vendor, VENDOR_MAX_CHARS) ||
      check->affected_max == NULL || !otasuke_version_is_valid (check->affected_max) ||
      (check->condition != NULL && !otasuke_router_is_condition (check->condition)) ||
      (key = otasuke_router_normalize_model (check->model)) == NULL)
    {
      g_debug ("Skipping an invalid router check in feed item %s", item->id ? item->id : "?");
      return;
    }

  /* A name another vendor has is taken for a mistake in the feed: only the
   * bundled table lists one model name under two vendors. */
  entry = otasuke_router_table_find (table, check->vendor, key);
  if (entry == NULL && otasuke_router_table_has_key (table, key))
    {
      g_debug ("Feed item %s: %s is another vendor's model, not %s", item->id, key, check->vendor);
      return;
    }

  if (entry == NULL)
    {
      if (table->entries->len >= OTASUKE_ROUTER_TABLE_MAX_MODELS)
        return;

      entry = g_new0 (OtasukeRouterEntry, 1);
      entry->vendor = g_strdup (check->vendor);
      entry->model = g_strdup (key);
      entry->key = g_strdup (key);
      entry->loose = otasuke_router_loose_key (key);
      entry->eos = OTASUKE_ROUTER_EOS_UNKNOWN;
      entry->advisories = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_router_advisory_free);
      otasuke_router_table_add (table, entry);
    }

  for (guint i = 0; i < entry->advisories->len && adv == NULL; i++)
    {
      OtasukeRouterAdvisory *candidate = entry->advisories->pdata[i];

      if (g_strcmp0 (candidate->feed_item_id, item->id) == 0 || g_str_equal (candidate->id, item->id))
        adv = candidate;
    }

  if (adv == NULL)
    {
      if (entry->advisories->len >= OTASUKE_ROUTER_TABLE_MAX_ADVISORIES)
        return;

      adv = g_new0 (OtasukeRouterAdvisory, 1);
      adv->id = g_strdup (item->id);
      adv->cves = g_new0 (char *, 1);
      adv->feed_item_id = g_strdup (item->id);
      adv->title = g_strdup (item->id);
      g_ptr_array_add (entry->advisories, adv);
    }

  /* The feed is published after the release, so its values win. */
  g_free (adv->affected_max);
  adv->affected_max = g_strdup (check->affected_max);
  adv->end_of_life = check->end_of_life;
  if (check->end_of_life)
    {
      /* No fix: the maker has stopped updating the model. */
      g_clear_pointer (&adv->fixed, g_free);
      entry->eos = OTASUKE_ROUTER_EOS_YES;
    }
  if (check->condition != NULL)
    {
      g_free (adv->condition);
      adv->condition = g_strdup (check->condition);
    }
  if (item->title != NULL && otasuke_router_is_plain_text (item->title, TITLE_MAX_CHARS))
    {
      g_free (adv->title);
      adv->title = g_strdup (item->title);
    }
}

void
otasuke_router_table_merge_feed_items (OtasukeRouterTable *table,
                                       GPtrArray          *items)
{
  g_return_if_fail (table != NULL);

  if (items == NULL)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      const OtasukeFeedItem *item = items->pdata[i];

      if (item == NULL || item->checks == NULL)
        continue;

      for (guint j = 0; j < item->checks->len; j++)
        {
          const OtasukeFeedCheck *check = item->checks->pdata[j];

          if (check->type == OTASUKE_CHECK_ROUTER_FIRMWARE)
            merge_check (table, item, check);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Models and suggestions */

guint
otasuke_router_table_get_n_models (OtasukeRouterTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->entries->len;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
otasuke_router_table_list_models (OtasukeRouterTable *table)
{
  GPtrArray *models;

  g_return_val_if_fail (table != NULL, NULL);

  models = g_ptr_array_new_full (table->entries->len + 1, NULL);
  for (guint i = 0; i < table->entries->len; i++)
    g_ptr_array_add (models, g_strdup (((OtasukeRouterEntry *) table->entries->pdata[i])->model));
  g_ptr_array_sort (models, compare_strings);
  g_ptr_array_add (models, NULL);

  return (char **) g_ptr_array_free (models, FALSE);
}

/* Brand names people put before the model (normalised, longest first), and
 * the vendor each names. */
static const struct {
  const char *prefix;
  const char *vendor;
} brand_prefixes[] = {
  { "NECATERM", "NEC" }, { "ATERM", "NEC" }, { "NEC", "NEC" },
  { "AIRSTATION", "BUFFALO" }, { "BUFFALO", "BUFFALO" },
  { "I-ODATA", "I-O DATA" }, { "IODATA", "I-O DATA" },
  { "ELECOM", "ELECOM" }, { "TP-LINK", "TP-Link" }, { "TPLINK", "TP-Link" },
  { "YAMAHA", "YAMAHA" }, { "LOGITEC", "LOGITEC" }, { "NTT", "NTT" },
};

static const char *
skip_separators (const char *rest)
{
  while (*rest == '-' || *rest == '/' || *rest == ':')
    rest++;
  return rest;
}

typedef struct {
  const OtasukeRouterEntry *entry;
  guint                     tier;
  gsize                     position;
} Suggestion;

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const Suggestion *sa = a, *sb = b;
  gsize la = strlen (sa->entry->key), lb = strlen (sb->entry->key);

  if (sa->tier != sb->tier)
    return sa->tier < sb->tier ? -1 : 1;
  if (sa->position != sb->position)
    return sa->position < sb->position ? -1 : 1;
  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (sa->entry->model, sb->entry->model);
}

static int
compare_models (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const Suggestion *) a)->entry->model, ((const Suggestion *) b)->entry->model);
}

/* 0 exact, 1 prefix, 2 prefix without dashes, 3 substring, 4 substring
 * without dashes; FALSE when it does not match at all. */
static gboolean
rank (const OtasukeRouterEntry *entry,
      const char               *query,
      const char               *loose_query,
      Suggestion               *out)
{
  const char *hit;

  out->entry = entry;
  out->position = 0;

  if (g_str_equal (entry->key, query))
    out->tier = 0;
  else if (g_str_has_prefix (entry->key, query))
    out->tier = 1;
  else if (*loose_query != '\0' && g_str_has_prefix (entry->loose, loose_query))
    out->tier = 2;
  else if ((hit = strstr (entry->key, query)) != NULL)
    {
      out->tier = 3;
      out->position = hit - entry->key;
    }
  else if (*loose_query != '\0' && (hit = strstr (entry->loose, loose_query)) != NULL)
    {
      out->tier = 4;
      out->position = hit - entry->loose;
    }
  else
    return FALSE;

  return TRUE;
}

char **
otasuke_router_table_list_vendors (OtasukeRouterTable *table)
{
  GPtrArray *vendors;

  g_return_val_if_fail (table != NULL, NULL);

  vendors = g_ptr_array_new ();
  for (guint i = 0; i < table->entries->len; i++)
    {
      const char *vendor = ((OtasukeRouterEntry *) table->entries->pdata[i])->vendor;
      gboolean seen = FALSE;

      for (guint j = 0; j < vendors->len && !seen; j++)
        seen = vendor_equal (vendors->pdata[j], vendor);
      if (!seen)
        g_ptr_array_add (vendors, g_strdup (vendor));
    }
  g_ptr_array_sort (vendors, compare_strings);
  g_ptr_array_add (vendors, NULL);

  return (char **) g_ptr_array_free (vendors, FALSE);
}

static OtasukeRouterCandidate *
candidate_new (const OtasukeRouterEntry *entry,
               OtasukeRouterStatus       status)
{
  OtasukeRouterCandidate *candidate = g_new0 (OtasukeRouterCandidate, 1);

  candidate->vendor = g_strdup (entry->vendor);
  candidate->model = g_strdup (entry->model);
  candidate->status = status;
  return candidate;
}

void
otasuke_router_candidate_free (OtasukeRouterCandidate *candidate)
{
  if (candidate == NULL)
    return;

  g_free (candidate->vendor);
  g_free (candidate->model);
  g_free (candidate);
}

GPtrArray *
otasuke_router_table_suggest_models (OtasukeRouterTable *table,
                                     const char         *vendor,
                                     const char         *query,
                                     guint               max_results)
{
  g_autoptr(GArray) hits = NULL;
  g_autofree char *key = NULL;
  g_autofree char *loose = NULL;
  GPtrArray *out;

  g_return_val_if_fail (table != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_router_candidate_free);
  key = query != NULL ? otasuke_router_normalize_model (query) : NULL;
  if ((key == NULL && vendor == NULL) || max_results == 0)
    return out;
  loose = key != NULL ? otasuke_router_loose_key (key) : g_strdup ("");

  hits = g_array_new (FALSE, FALSE, sizeof (Suggestion));
  for (guint i = 0; i < table->entries->len; i++)
    {
      const OtasukeRouterEntry *entry = table->entries->pdata[i];
      Suggestion s = { entry, 1, 0 };

      if (vendor != NULL && !vendor_equal (entry->vendor, vendor))
        continue;
      if (key == NULL || rank (entry, key, loose, &s))
        g_array_append_val (hits, s);
    }
  g_array_sort (hits, key != NULL ? compare_suggestions : compare_models);

  /* "Aterm WG26": the brand name is not part of the model. */
  for (guint i = 0; hits->len == 0 && key != NULL && i < G_N_ELEMENTS (brand_prefixes); i++)
    {
      const char *rest;

      if (!g_str_has_prefix (key, brand_prefixes[i].prefix))
        continue;
      rest = skip_separators (key + strlen (brand_prefixes[i].prefix));
      if (vendor == NULL || vendor_equal (vendor, brand_prefixes[i].vendor))
        {
          g_ptr_array_unref (out);
          return otasuke_router_table_suggest_models (table, brand_prefixes[i].vendor, rest, max_results);
        }
    }

  for (guint i = 0; i < hits->len && i < max_results; i++)
    g_ptr_array_add (out, candidate_new (g_array_index (hits, Suggestion, i).entry,
                                         OTASUKE_ROUTER_STATUS_UNKNOWN_MODEL));
  return out;
}

char **
otasuke_router_table_suggest (OtasukeRouterTable *table,
                              const char         *query,
                              guint               max_results)
{
  g_autoptr(GPtrArray) hits = NULL;
  GPtrArray *out;

  g_return_val_if_fail (table != NULL, NULL);

  out = g_ptr_array_new ();
  if (query != NULL)
    {
      hits = otasuke_router_table_suggest_models (table, NULL, query, max_results);
      for (guint i = 0; i < hits->len; i++)
        g_ptr_array_add (out, g_strdup (((OtasukeRouterCandidate *) hits->pdata[i])->model));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Lookup */

/* Borrowed entries, in table order, into @out; @out is empty when none matched. */
static void
add_entries (GPtrArray       *out,
             const GPtrArray *entries,
             gboolean       (*keep) (const OtasukeRouterEntry *entry, const char *key),
             const char      *key)
{
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    if ((keep == NULL || keep (entries->pdata[i], key)) &&
        !g_ptr_array_find (out, entries->pdata[i], NULL))
      g_ptr_array_add (out, entries->pdata[i]);
}

/* The loose form of "X/N" found "X", or of "X" found "X/N". */
static gboolean
other_bundle (const OtasukeRouterEntry *entry,
              const char               *key)
{
  return g_str_has_suffix (entry->key, "/N") != g_str_has_suffix (key, "/N");
}

/* Every model @key may mean: the same name (one per vendor), else with or
 * without the "/N" bundle suffix, else without dashes and slashes
 * ("WSR1166DHP3", "WSR-2533DHP/L"), where several models may look alike. */
static void
find_entries (OtasukeRouterTable *table,
              const char         *key,
              GPtrArray          *out)
{
  g_autofree char *other = NULL;
  g_autofree char *other_loose = NULL;
  g_autofree char *loose = NULL;

  add_entries (out, g_hash_table_lookup (table->by_key, key), NULL, NULL);
  if (out->len > 0)
    return;

  /* The "/N" bundle suffix, typed without it or with it where the table has none. */
  other = g_str_has_suffix (key, "/N") ? g_strndup (key, strlen (key) - 2) : g_strconcat (key, "/N", NULL);
  other_loose = otasuke_router_loose_key (other);
  add_entries (out, g_hash_table_lookup (table->by_key, other), NULL, NULL);
  if (out->len > 0)
    return;
  add_entries (out, g_hash_table_lookup (table->by_loose, other_loose), other_bundle, key);
  if (out->len > 0)
    return;

  loose = otasuke_router_loose_key (key);
  add_entries (out, g_hash_table_lookup (table->by_loose, loose), NULL, NULL);
}

/* Keeps only @vendor's entries, when it has any. */
static void
prefer_vendor (GPtrArray  *entries,
               const char *vendor)
{
  gboolean any = FALSE;

  if (vendor == NULL)
    return;
  for (guint i = 0; i < entries->len && !any; i++)
    any = vendor_equal (((OtasukeRouterEntry *) entries->pdata[i])->vendor, vendor);
  if (!any)
    return;
  for (guint i = entries->len; i > 0; i--)
    if (!vendor_equal (((OtasukeRouterEntry *) entries->pdata[i - 1])->vendor, vendor))
      g_ptr_array_remove_index (entries, i - 1);
}

/* The entries @key may mean, @vendor's (chosen, or named before the model)
 * when it has any. */
static GPtrArray *
find_entries_with_vendor (OtasukeRouterTable *table,
                          const char         *vendor,
                          const char         *key)
{
  GPtrArray *out = g_ptr_array_new ();

  find_entries (table, key, out);
  if (out->len > 0)
    {
      prefer_vendor (out, vendor);
      return out;
    }

  /* "Aterm WG2600HS", "NEC Aterm WG2600HS", "I-O DATA UD-LT1". */
  for (guint i = 0; i < G_N_ELEMENTS (brand_prefixes); i++)
    {
      const char *rest;

      if (!g_str_has_prefix (key, brand_prefixes[i].prefix))
        continue;
      rest = skip_separators (key + strlen (brand_prefixes[i].prefix));
      if (*rest == '\0')
        continue;
      find_entries (table, rest, out);
      if (out->len > 0)
        {
          prefer_vendor (out, brand_prefixes[i].vendor);
          prefer_vendor (out, vendor);
          return out;
        }
    }

  /* "BUFFALO WSR-1166DHP3": any vendor of the table. */
  for (guint i = 0; i < table->entries->len; i++)
    {
      const OtasukeRouterEntry *e = table->entries->pdata[i];
      g_autofree char *name = otasuke_router_normalize_model (e->vendor);
      const char *rest;

      if (name == NULL || !g_str_has_prefix (key, name))
        continue;
      rest = skip_separators (key + strlen (name));
      if (*rest == '\0')
        continue;
      find_entries (table, rest, out);
      if (out->len > 0)
        {
          prefer_vendor (out, e->vendor);
          prefer_vendor (out, vendor);
          return out;
        }
    }

  return out;
}

/* "Ver.2.95", "ver 2.95", "Version: 2.95", "Ｖｅｒ．２．９５", "2.95 (R1.02/B1.02)"
 * → "2.95" as typed (leading zeros kept for showing it); NULL if unreadable. */
static char *
clean_firmware (const char *input)
{
  static const char * const prefixes[] = { "firmware", "version", "rev", "ver", "v" };
  g_autofree char *nfkc = NULL;
  char *p, *end;

  if (input == NULL || strnlen (input, FIRMWARE_MAX_BYTES + 1) > FIRMWARE_MAX_BYTES ||
      !g_utf8_validate (input, -1, NULL))
    return NULL;

  nfkc = g_utf8_normalize (input, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL)
    return NULL;
  p = g_strstrip (nfkc);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize len = strlen (prefixes[i]);

      if (g_ascii_strncasecmp (p, prefixes[i], len) == 0)
        {
          p += len;
          if (*p == '.' || *p == ':')
            p++;
          while (*p == ' ')
            p++;
        }
    }

  end = strchr (p, '(');
  if (end != NULL)
    *end = '\0';
  g_strstrip (p);

  if (*p == '\0' || strchr (p, ' ') != NULL || !otasuke_version_is_valid (p))
    return NULL;

  return g_strdup (p);
}

static char *
quote_input (const char *input)
{
  g_autofree char *valid = g_utf8_make_valid (input, strnlen (input, FIRMWARE_MAX_BYTES));
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = g_strstrip (valid); *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n++ == QUOTE_MAX_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, g_unichar_iscntrl (c) ? 0xFFFD : c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
entry_is_past_support (const OtasukeRouterEntry *entry)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;

  switch (entry->eos)
    {
    case OTASUKE_ROUTER_EOS_YES:
      return TRUE;
    case OTASUKE_ROUTER_EOS_DATE:
      now = g_date_time_new_now_local ();
      today = g_date_time_format (now, "%Y-%m-%d");
      return strcmp (entry->eos_date, today) <= 0;
    case OTASUKE_ROUTER_EOS_UNKNOWN:
    case OTASUKE_ROUTER_EOS_NO:
    default:
      return FALSE;
    }
}

static void
add_advice (OtasukeRouterResult *result,
            char                *sentence)
{
  g_ptr_array_add (result->advice, sentence);
}

#define ADVICE_PASSWORD \
  _("If the router’s admin password is still the factory default, change it to a long password that only you know.")
#define ADVICE_FIND_VERSION \
  _("To find the firmware version, open the router’s settings page in a web browser (the label or the manual tells you how) and look for the firmware version, for example “Ver.2.95”.")
#define ADVICE_END_OF_SUPPORT \
  _("The maker no longer updates this model. Replace it with a model that still receives updates.")

/* Where each maker's routers show the firmware version; only what a source
 * says (README.md, "The router table"): a maker with no sourced hint gets the
 * general advice. Sources: BUFFALO 192.168.11.1, moshbox.jp/?p=6487 (a
 * WHR-1166DHP2); Aterm "クイック設定Web", NEC quoted at
 * something-betterer.com/2018/12/aterm-201812.html, aterm.me at
 * tokusengai.com/_ct/17249363; YAMAHA "Rev." and the dashboard of the
 * かんたん設定ページ, yamaha.com .../techdocs/dashboard/, 192.168.100.1 as the
 * factory address, blog.goo.ne.jp/mach5481/m/201105 (RTX1100); ELECOM
 * 192.168.2.1, OpenWrt commits adding the WRC-2533GST2 and WRC-2533GHBK2-T;
 * NTT the front label, ntt.setup and the user name, synapse.jp/info/cgi/?pr2019070402. */
static const char *
vendor_find_version_hint (const char *vendor)
{
  if (vendor == NULL)
    return ADVICE_FIND_VERSION;
  if (g_ascii_strcasecmp (vendor, "BUFFALO") == 0)
    return _("Type the model name as it is printed on the router. On a BUFFALO router the firmware version (for example “Ver.2.95”) is shown on its settings page, which opens at http://192.168.11.1 unless that address was changed.");
  if (g_ascii_strcasecmp (vendor, "NEC") == 0)
    return _("Type the model name as it is printed on the router, for example “WG1200HS”. On an Aterm router the firmware version (for example “Ver1.5.1”) is shown on its settings page, “クイック設定Web”, which opens at http://aterm.me/.");
  if (g_ascii_strcasecmp (vendor, "YAMAHA") == 0)
    return _("Type the model name as it is printed on the router, for example “RTX1210”. A YAMAHA router shows its firmware revision as, for example, “Rev.14.01.38”; log in to its web settings page (“かんたん設定ページ”), at http://192.168.100.1 unless that address was changed, to see it.");
  if (g_ascii_strcasecmp (vendor, "ELECOM") == 0)
    return _("Type the model name as it is printed on the router, for example “WRC-X1800GS-B”. On an ELECOM router the firmware version (for example “v1.13”) is shown on its settings page, which opens at http://192.168.2.1 unless that address was changed.");
  if (g_ascii_strcasecmp (vendor, "NTT") == 0)
    return _("On an NTT hikari denwa router or home gateway the model name (for example “PR-500MI”) is printed on the lower part of its front. The firmware version (for example “Ver.08.00.0004”) is shown at the top left of its settings page: open http://ntt.setup/ and log in with the user name “user”.");
  return ADVICE_FIND_VERSION;
}

/* The table's spelling, without a colour suffix it has ("WRC-1167FS" for
 * "WRC-1167FS-W": the unit may be another colour); the vendor first when
 * another vendor has a model of that name, so that it finds this one again. */
static char *
canonical_spelling (OtasukeRouterTable       *table,
                    const OtasukeRouterEntry *entry)
{
  g_autofree char *upper = g_ascii_strup (entry->model, -1);
  const char *model = entry->model;
  GPtrArray *same = g_hash_table_lookup (table->by_key, entry->key);

  if (!g_str_equal (upper, entry->key) && g_str_has_prefix (upper, entry->key))
    model = entry->key;
  if (same != NULL && same->len > 1)
    return g_strdup_printf ("%s %s", entry->vendor, model);
  return g_strdup (model);
}

static OtasukeRouterResult *
result_new (void)
{
  OtasukeRouterResult *result = g_new0 (OtasukeRouterResult, 1);

  result->advisories = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_router_advisory_free);
  result->advice = g_ptr_array_new_with_free_func (g_free);
  result->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_router_candidate_free);
  return result;
}

/* The verdict for one model of the table. */

/* Whether @firmware is in @adv's affected range: up to and including
 * `affected_max`, or, when a source gives only the fix ("before Ver. 1.7.2"),
 * anything older than `fixed`. */
static gboolean
firmware_is_affected (const char                  *firmware,
                      const OtasukeRouterAdvisory *adv)
{
  int cmp;

  if (adv->affected_max != NULL)
    return otasuke_version_compare (firmware, adv->affected_max, &cmp, NULL) && cmp <= 0;
  return adv->fixed != NULL && otasuke_version_compare (firmware, adv->fixed, &cmp, NULL) && cmp < 0;
}

static void
evaluate_entry (OtasukeRouterTable       *table,
                const OtasukeRouterEntry *entry,
                const char               *firmware,
                OtasukeRouterResult      *result)
{
  const char *highest_affected = NULL;
  const char *fixed = NULL;
  gboolean any_affected = FALSE;
  gboolean end_of_life = FALSE;

  result->model = g_strdup (entry->key);
  result->canonical = canonical_spelling (table, entry);
  result->vendor = g_strdup (entry->vendor);
  result->firmware = clean_firmware (firmware);
  result->end_of_support = entry_is_past_support (entry);

  for (guint i = 0; i < entry->advisories->len; i++)
    {
      OtasukeRouterAdvisory *adv = advisory_copy (entry->advisories->pdata[i]);
      int cmp;

      adv->affected = FALSE;
      if (adv->end_of_life)
        {
          /* No fix exists: every firmware is affected. */
          adv->affected = TRUE;
          end_of_life = TRUE;
          if (g_strcmp0 (adv->condition, "default_password") == 0)
            result->default_password = TRUE;
        }
      else if (result->firmware != NULL && firmware_is_affected (result->firmware, adv))
        {
          adv->affected = TRUE;
          any_affected = TRUE;
          if (g_strcmp0 (adv->condition, "default_password") == 0)
            result->default_password = TRUE;
          if (adv->affected_max != NULL &&
              (highest_affected == NULL ||
               (otasuke_version_compare (adv->affected_max, highest_affected, &cmp, NULL) && cmp > 0)))
            highest_affected = adv->affected_max;
          /* The highest fix named: with it past every last affected version,
           * it fixes them all. */
          if (adv->fixed != NULL && otasuke_version_is_valid (adv->fixed) &&
              (fixed == NULL || (otasuke_version_compare (adv->fixed, fixed, &cmp, NULL) && cmp > 0)))
            fixed = adv->fixed;
        }
      g_ptr_array_add (result->advisories, adv);
    }

  /* An advisory that names no fix reaching past the highest fix named: only
   * "newer than" can be said. */
  if (fixed != NULL && highest_affected != NULL)
    {
      int cmp;

      if (!otasuke_version_compare (fixed, highest_affected, &cmp, NULL) || cmp <= 0)
        fixed = NULL;
    }

  if (end_of_life)
    {
      result->status = OTASUKE_ROUTER_STATUS_END_OF_LIFE;
      result->end_of_support = TRUE;
      add_advice (result, g_strdup (_("The maker has stopped updating this model and will not fix its known problems. Stop using it and replace it with a model that still receives updates.")));
      add_advice (result, g_strdup (_("Until it is replaced, change its admin password to a long one that only you know and turn off access to its settings page from the internet.")));
    }
  else if (result->firmware == NULL)
    {
      g_autofree char *quoted = firmware != NULL ? quote_input (firmware) : NULL;

      result->status = OTASUKE_ROUTER_STATUS_FIRMWARE_NEEDED;
      if (quoted != NULL && *quoted != '\0')
        /* Translators: %s is what the user typed as the firmware version */
        add_advice (result, g_strdup_printf (_("“%s” is not a firmware version that can be read. Type it as it is shown, for example “2.95” or “Ver.2.95”."),
                                             quoted));
      else
        add_advice (result, g_strdup (_("Enter the firmware version to find out whether this router is affected.")));
      add_advice (result, g_strdup (vendor_find_version_hint (result->vendor)));
      if (result->end_of_support)
        add_advice (result, g_strdup (ADVICE_END_OF_SUPPORT));
      add_advice (result, g_strdup (ADVICE_PASSWORD));
    }
  else if (any_affected)
    {
      result->status = OTASUKE_ROUTER_STATUS_AFFECTED;
      if (result->default_password)
        add_advice (result, g_strdup (_("Attackers take over this router when its admin password is the factory default or easy to guess. Change it now to a long password that only you know.")));
      if (result->end_of_support)
        add_advice (result, g_strdup (ADVICE_END_OF_SUPPORT));
      if (fixed != NULL)
        /* Translators: %s is the first firmware version that fixes every problem found, e.g. “1.5.2” */
        add_advice (result, g_strdup_printf (_("Update the router’s firmware to version %s or later, from the router’s settings page or with the firmware on the maker’s website. Then check on the settings page that it shows that version."),
                                             fixed));
      else
        {
          add_advice (result, g_strdup (_("Update the router’s firmware to the newest version, from the router’s settings page or with the firmware on the maker’s website.")));
          if (highest_affected != NULL)
            /* Translators: %s is the last affected firmware version, e.g. “2.95” */
            add_advice (result, g_strdup_printf (_("After the update, check on the settings page that the firmware version is newer than %s."),
                                                 highest_affected));
        }
      if (!result->default_password)
        add_advice (result, g_strdup (ADVICE_PASSWORD));
    }
  else
    {
      result->status = OTASUKE_ROUTER_STATUS_NOT_AFFECTED;
      add_advice (result, g_strdup (_("No advisory we know of affects this firmware version. Keep installing new firmware when the maker releases it.")));
      if (result->end_of_support)
        add_advice (result, g_strdup (ADVICE_END_OF_SUPPORT));
      add_advice (result, g_strdup (ADVICE_PASSWORD));
    }

}

static guint
status_urgency (OtasukeRouterStatus status)
{
  switch (status)
    {
    case OTASUKE_ROUTER_STATUS_END_OF_LIFE:
      return 4;
    case OTASUKE_ROUTER_STATUS_AFFECTED:
      return 3;
    case OTASUKE_ROUTER_STATUS_FIRMWARE_NEEDED:
      return 2;
    case OTASUKE_ROUTER_STATUS_NOT_AFFECTED:
      return 1;
    case OTASUKE_ROUTER_STATUS_UNKNOWN_MODEL:
    default:
      return 0;
    }
}

/* Several models match: each one's verdict, and the user is asked which. */
static void
evaluate_candidates (OtasukeRouterTable *table,
                     GPtrArray          *entries,
                     const char         *firmware,
                     OtasukeRouterResult *result)
{
  g_autoptr(GString) names = g_string_new (NULL);

  result->firmware = clean_firmware (firmware);
  result->status = OTASUKE_ROUTER_STATUS_UNKNOWN_MODEL;
  for (guint i = 0; i < entries->len; i++)
    {
      const OtasukeRouterEntry *entry = entries->pdata[i];
      g_autoptr(OtasukeRouterResult) one = result_new ();

      evaluate_entry (table, entry, firmware, one);
      g_ptr_array_add (result->candidates, candidate_new (entry, one->status));
      g_ptr_array_extend_and_steal (result->advisories, g_steal_pointer (&one->advisories));
      if (status_urgency (one->status) > status_urgency (result->status))
        result->status = one->status;

      if (names->len > 0)
        /* Translators: between the items of a list, "BUFFALO WSR-1166DHP3, NEC WG1200HS" */
        g_string_append (names, C_("list separator", ", "));
      g_string_append_printf (names, "%s %s", otasuke_router_vendor_get_display_name (entry->vendor), entry->model);
    }

  /* Translators: the first %s is the model as typed, the second a list of makers and models */
  add_advice (result, g_strdup_printf (_("More than one router is called “%s”: %s. Choose the maker, or pick your model from the list, to find out whether yours is affected."),
                                       result->model, names->str));
  add_advice (result, g_strdup (ADVICE_PASSWORD));
}

gboolean
otasuke_router_result_is_ambiguous (const OtasukeRouterResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  return result->candidates != NULL && result->candidates->len > 1;
}

OtasukeRouterResult *
otasuke_router_table_lookup_vendor (OtasukeRouterTable *table,
                                    const char         *vendor,
                                    const char         *model,
                                    const char         *firmware)
{
  g_autoptr(OtasukeRouterResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (table != NULL, NULL);

  result = result_new ();
  key = otasuke_router_normalize_model (model);
  entries = key != NULL ? find_entries_with_vendor (table, vendor, key) : g_ptr_array_new ();

  if (entries->len == 1)
    {
      evaluate_entry (table, entries->pdata[0], firmware, result);
      return g_steal_pointer (&result);
    }
  if (entries->len > 1)
    {
      result->model = g_steal_pointer (&key);
      evaluate_candidates (table, entries, firmware, result);
      return g_steal_pointer (&result);
    }

  result->status = OTASUKE_ROUTER_STATUS_UNKNOWN_MODEL;
  result->model = g_steal_pointer (&key);
  result->firmware = clean_firmware (firmware);
  if (result->model == NULL)
    add_advice (result, g_strdup (_("Type the model name printed on the router’s label, for example “WSR-1166DHP3”.")));
  else
    add_advice (result, g_strdup (_("No advisory we know of lists this model. Check that the name matches the label on the router; if it does, keep its firmware up to date.")));
  add_advice (result, g_strdup (ADVICE_PASSWORD));
  return g_steal_pointer (&result);
}

OtasukeRouterResult *
otasuke_router_table_lookup (OtasukeRouterTable *table,
                             const char         *model,
                             const char         *firmware)
{
  return otasuke_router_table_lookup_vendor (table, NULL, model, firmware);
}

const char *
otasuke_router_vendor_get_hint (const char *vendor)
{
  return vendor_find_version_hint (vendor);
}

const char *
otasuke_router_vendor_get_display_name (const char *vendor)
{
  if (vendor != NULL && g_ascii_strcasecmp (vendor, "NEC") == 0)
    return "NEC Aterm";
  return vendor;
}

void
otasuke_router_result_free (OtasukeRouterResult *result)
{
  if (result == NULL)
    return;

  g_free (result->model);
  g_free (result->vendor);
  g_free (result->firmware);
  g_free (result->canonical);
  g_clear_pointer (&result->candidates, g_ptr_array_unref);
  g_clear_pointer (&result->advisories, g_ptr_array_unref);
  g_clear_pointer (&result->advice, g_ptr_array_unref);
  g_free (result);
}

const char *
otasuke_router_status_get_title (OtasukeRouterStatus status)
{
  switch (status)
    {
    case OTASUKE_ROUTER_STATUS_AFFECTED:
      return _("This router is affected by a known problem");
    case OTASUKE_ROUTER_STATUS_NOT_AFFECTED:
      return _("No known problem with this firmware");
    case OTASUKE_ROUTER_STATUS_FIRMWARE_NEEDED:
      return _("Firmware version not entered");
    case OTASUKE_ROUTER_STATUS_END_OF_LIFE:
      return _("This router will not be fixed: replace it");
    case OTASUKE_ROUTER_STATUS_UNKNOWN_MODEL:
    default:
      return _("This model is not in Otasuke’s list");
    }
}

const char *
otasuke_router_status_to_string (OtasukeRouterStatus status)
{
  switch (status)
    {
    case OTASUKE_ROUTER_STATUS_UNKNOWN_MODEL:
      return "unknown_model";
    case OTASUKE_ROUTER_STATUS_FIRMWARE_NEEDED:
      return "firmware_needed";
    case OTASUKE_ROUTER_STATUS_AFFECTED:
      return "affected";
    case OTASUKE_ROUTER_STATUS_NOT_AFFECTED:
      return "not_affected";
    case OTASUKE_ROUTER_STATUS_END_OF_LIFE:
      return "end_of_life";
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
otasuke_router_result_to_json (const OtasukeRouterResult *result)
{
  g_autoptr(json_t) root = NULL;
  json_t *advisories, *candidates;

  g_return_val_if_fail (result != NULL, NULL);

  root = json_object ();
  otasuke_json_set_string (root, "model", result->model);
  otasuke_json_set_string (root, "firmware", result->firmware);
  otasuke_json_set_string (root, "status", otasuke_router_status_to_string (result->status));

  advisories = otasuke_json_set (root, "advisories", json_array ());
  for (guint i = 0; i < result->advisories->len; i++)
    {
      const OtasukeRouterAdvisory *adv = result->advisories->pdata[i];
      json_t *entry = json_object ();
      json_t *cves;

      json_array_append_new (advisories, entry);
      otasuke_json_set_string (entry, "id", adv->id);
      cves = otasuke_json_set (entry, "cves", json_array ());
      for (guint j = 0; adv->cves != NULL && adv->cves[j] != NULL; j++)
        json_array_append_new (cves, otasuke_json_string_new (adv->cves[j]));
      otasuke_json_set_string (entry, "title", adv->title);
      otasuke_json_set_string (entry, "affected_max", adv->affected_max);
      otasuke_json_set_string (entry, "fixed", adv->fixed);
      otasuke_json_set_bool (entry, "end_of_life", adv->end_of_life);
      otasuke_json_set_string (entry, "source_url", adv->source_url);
      otasuke_json_set_string (entry, "date", adv->date);
      otasuke_json_set_string (entry, "condition", adv->condition);
      otasuke_json_set_bool (entry, "affected", adv->affected);
    }

  /* Added after the first fields, so scripts reading them keep working. */
  otasuke_json_set_string (root, "vendor", result->vendor);
  /* The table's spelling ("Archer C50" where `model` is the key "ARCHERC50"): what to show. */
  otasuke_json_set_string (root, "canonical", result->canonical);
  candidates = otasuke_json_set (root, "candidates", json_array ());
  for (guint i = 0; result->candidates != NULL && i < result->candidates->len; i++)
    {
      const OtasukeRouterCandidate *candidate = result->candidates->pdata[i];
      json_t *entry = json_object ();

      json_array_append_new (candidates, entry);
      otasuke_json_set_string (entry, "vendor", candidate->vendor);
      otasuke_json_set_string (entry, "model", candidate->model);
      otasuke_json_set_string (entry, "status", otasuke_router_status_to_string (candidate->status));
    }
  return otasuke_json_to_string (root, FALSE);
}

const char *
otasuke_router_advisory_get_title (const OtasukeRouterAdvisory *adv)
{
  /* An empty msgid would give the catalogue's header. */
  if (adv->title == NULL || adv->title[0] == '\0')
    return adv->title;
  return g_dgettext (GETTEXT_PACKAGE, adv->title);
}
