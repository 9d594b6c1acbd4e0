/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-advisory"

#include "config.h"

#include "otasuke-advisory.h"

struct _OtasukeAdvisory
{
  GObject          parent_instance;

  OtasukeFeedItem *item;
  gint64           first_seen;
  gint64           notified_at;
  char            *affects_reason;
  OtasukeAffects   affects;
  guint            read : 1;
};

G_DEFINE_FINAL_TYPE (OtasukeAdvisory, otasuke_advisory, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_READ,
  PROP_AFFECTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
otasuke_advisory_finalize (GObject *object)
{
  OtasukeAdvisory *self = OTASUKE_ADVISORY (object);

  g_clear_pointer (&self->item, otasuke_feed_item_free);
  g_clear_pointer (&self->affects_reason, g_free);

  G_OBJECT_CLASS (otasuke_advisory_parent_class)->finalize (object);
}

static void
otasuke_advisory_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OtasukeAdvisory *self = OTASUKE_ADVISORY (object);

  switch (prop_id)
    {
    case PROP_READ:
      g_value_set_boolean (value, self->read);
      break;

    case PROP_AFFECTS:
      g_value_set_int (value, self->affects);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_advisory_class_init (OtasukeAdvisoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = otasuke_advisory_finalize;
  object_class->get_property = otasuke_advisory_get_property;

  properties[PROP_READ] =
    g_param_spec_boolean ("read", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An OtasukeAffects value. */
  properties[PROP_AFFECTS] =
    g_param_spec_int ("affects", NULL, NULL,
                      OTASUKE_AFFECTS_UNKNOWN, OTASUKE_AFFECTS_YES, OTASUKE_AFFECTS_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
otasuke_advisory_init (OtasukeAdvisory *self)
{
}

OtasukeAdvisory *
otasuke_advisory_new_from_item (const OtasukeFeedItem *item,
                                gint64                 first_seen,
                                gint64                 read_at,
                                gint64                 notified_at)
{
  OtasukeAdvisory *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (OTASUKE_TYPE_ADVISORY, NULL);
  self->item = otasuke_feed_item_copy (item);
  self->first_seen = first_seen;
  self->notified_at = notified_at;
  self->read = read_at > 0;

  return self;
}

const char *
otasuke_advisory_get_id (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), NULL);
  return self->item->id;
}

const char *
otasuke_advisory_get_title (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), NULL);
  return self->item->title;
}

const char *
otasuke_advisory_get_content (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), NULL);
  return self->item->content_text;
}

const char *
otasuke_advisory_get_url (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), NULL);
  return self->item->url;
}

OtasukeSeverity
otasuke_advisory_get_severity (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), OTASUKE_SEVERITY_INFO);
  return self->item->severity;
}

OtasukeCategory
otasuke_advisory_get_category (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), OTASUKE_CATEGORY_GENERAL);
  return self->item->category;
}

gint64
otasuke_advisory_get_date (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), 0);

  if (self->item->date_published > 0)
    return self->item->date_published;
  if (self->item->date_modified > 0)
    return self->item->date_modified;
  return self->first_seen;
}

gint64
otasuke_advisory_get_first_seen (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), 0);
  return self->first_seen;
}

gint64
otasuke_advisory_get_notified_at (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), 0);
  return self->notified_at;
}

const OtasukeFeedItem *
otasuke_advisory_get_item (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), NULL);
  return self->item;
}

gboolean
otasuke_advisory_get_read (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), FALSE);
  return self->read;
}

void
otasuke_advisory_set_read (OtasukeAdvisory *self,
                           gboolean         read)
{
  g_return_if_fail (OTASUKE_IS_ADVISORY (self));

  read = !!read;
  if (self->read == read)
    return;
  self->read = read;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
}

OtasukeAffects
otasuke_advisory_get_affects (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), OTASUKE_AFFECTS_UNKNOWN);
  return self->affects;
}

const char *
otasuke_advisory_get_affects_reason (OtasukeAdvisory *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY (self), NULL);
  return self->affects_reason;
}

void
otasuke_advisory_set_affects (OtasukeAdvisory *self,
                              OtasukeAffects   affects,
                              const char      *reason)
{
  g_return_if_fail (OTASUKE_IS_ADVISORY (self));

  if (self->affects == affects && g_strcmp0 (self->affects_reason, reason) == 0)
    return;

  /* A new reason alone is news too: the detail pane shows it. */
  g_free (self->affects_reason);
  self->affects_reason = g_strdup (reason);
  self->affects = affects;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AFFECTS]);
}
