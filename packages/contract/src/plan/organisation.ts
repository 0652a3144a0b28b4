import { z } from 'zod';
import { EmailSchema, IdSchema, LanguageSchema, TextSchema } from './common';

const PersonFields = {
  id: IdSchema,
  name: TextSchema,
  role: TextSchema.optional(),
  email: EmailSchema.optional(),
  phone: TextSchema.optional(),
  language: LanguageSchema.optional(),
  /** Marks data shipped as an example, to be replaced by the real one: never contacted. */
  example: z.boolean().default(false),
};

/** A member of the contact centre's team. */
export const TeamMemberSchema = z.strictObject(PersonFields);
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const ClientTeamSchema = z.enum(['it', 'business', 'management'], {
  error: 'expected a team: it, business or management',
});

/** A person at the client's, reached by the plan's messages. */
export const ClientContactSchema = z.strictObject({ ...PersonFields, team: ClientTeamSchema.default('it') });
export type ClientContact = z.infer<typeof ClientContactSchema>;

export const ClientSchema = z.strictObject({
  id: IdSchema,
  name: TextSchema,
  contacts: z.array(ClientContactSchema).default([]),
});
export type Client = z.infer<typeof ClientSchema>;

export const SiteSchema = z.strictObject({
  id: IdSchema,
  name: TextSchema,
  address: TextSchema.optional(),
  description: TextSchema.optional(),
  /** The redundant site (site de secours) the plan fails over to. */
  redundant: z.boolean().default(false),
});
export type Site = z.infer<typeof SiteSchema>;

export const ASSET_KINDS = [
  'server',
  'service',
  'application',
  'link',
  'power',
  'storage',
  'network',
  'other',
] as const;

export const AssetSchema = z.strictObject({
  id: IdSchema,
  name: TextSchema,
  kind: z.enum(ASSET_KINDS, { error: `expected an asset kind: ${ASSET_KINDS.join(', ')}` }),
  site: IdSchema,
  description: TextSchema.optional(),
  host: TextSchema.optional(),
  clients: z.array(IdSchema).default([]),
  /** Assets this one cannot work without: their failure explains this one's. */
  dependsOn: z.array(IdSchema).default([]),
  example: z.boolean().default(false),
});
export type Asset = z.infer<typeof AssetSchema>;
