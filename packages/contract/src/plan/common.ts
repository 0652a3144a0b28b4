import { z } from 'zod';

/** The longest id a plan may give: what the database keeps of a client, a threat, a check. */
export const MAX_ID_LENGTH = 64;

/** An identifier written in a plan: lower-case letters, digits and dashes (`espace-hmp`). */
export const IdSchema = z
  .string({ error: 'expected an id (lower-case letters, digits and dashes, e.g. espace-hmp)' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, {
    error: 'expected an id made of lower-case letters, digits and dashes (e.g. espace-hmp)',
  })
  .max(MAX_ID_LENGTH, { error: `expected an id of ${MAX_ID_LENGTH} characters at most` });

/** Free text written by a person. */
export const TextSchema = z.string({ error: 'expected text' }).trim().min(1, { error: 'expected text, found nothing' });

export const LanguageSchema = z.enum(['fr', 'en'], { error: 'expected a language: fr or en' });
export type Language = z.infer<typeof LanguageSchema>;

/**
 * Groups a plan can address without naming people one by one; any other recipient is
 * the id of a team member or of a client contact.
 */
export const RECIPIENT_GROUPS = {
  'client-it': "the IT contacts of the incident's clients",
  client: "every contact of the incident's clients",
  'crisis-cell': 'the members of the crisis cell',
  team: "the contact centre's team",
  'all-parties': 'the team, the crisis cell and every contact of the clients concerned',
} as const;

export type RecipientGroup = keyof typeof RECIPIENT_GROUPS;

export function isRecipientGroup(value: string): value is RecipientGroup {
  return Object.hasOwn(RECIPIENT_GROUPS, value);
}

/** A recipient: a group (`client-it`, `crisis-cell`…) or the id of a person. */
export const RecipientSchema = IdSchema;

export const RecipientListSchema = z.array(RecipientSchema, { error: 'expected a list of recipients' }).min(1, {
  error: 'expected at least one recipient',
});

export const EmailSchema = z.email({ error: 'expected an email address' });
