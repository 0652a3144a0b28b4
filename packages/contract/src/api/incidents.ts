import { z } from 'zod';
import { EpochInputSchema } from './epoch';

export const INCIDENT_STATUS_NAMES = ['open', 'acknowledged', 'mitigating', 'resolved', 'closed'] as const;
export const IncidentStatusSchema = z.enum(INCIDENT_STATUS_NAMES);

const Epoch = z.number().int().describe('epoch milliseconds');
const ShortText = z.string().trim().min(1).max(500);
const LongText = z.string().trim().min(1).max(20_000);

export const IncidentSchema = z.object({
  id: z.string(),
  number: z.number(),
  threatId: z.string(),
  title: z.string(),
  status: IncidentStatusSchema,
  severity: z.enum(['critical', 'major', 'minor']),
  assets: z.array(z.string()),
  clients: z.array(z.string()),
  startedAt: Epoch,
  openedAt: Epoch,
  acknowledgedAt: Epoch.nullable(),
  resolvedAt: Epoch.nullable(),
  closedAt: Epoch.nullable(),
  etaAt: Epoch.nullable(),
  cause: z.string().nullable(),
  summary: z.string().nullable(),
  source: z.string(),
  planVersion: z.number(),
  firedSteps: z.array(z.string()),
  drill: z.boolean(),
  updatedAt: Epoch,
});
export type IncidentDto = z.infer<typeof IncidentSchema>;

/** An incident with what a list shows about its clock. */
export const IncidentSummarySchema = IncidentSchema.extend({
  elapsedMs: z.number(),
  expectedMs: z.number().nullable(),
  targetMs: z.number().nullable(),
  nextEscalation: z.object({ stepId: z.string(), title: z.string(), at: Epoch }).nullable(),
});

export const OpenIncidentRequestSchema = z.strictObject({
  threatId: z.string().min(1).max(128),
  title: ShortText.optional(),
  assets: z.array(z.string().min(1).max(128)).max(100).optional(),
  clients: z.array(z.string().min(1).max(64)).max(100).optional(),
  severity: z.enum(['critical', 'major', 'minor']).optional(),
  startedAt: EpochInputSchema.optional(),
  etaAt: EpochInputSchema.optional(),
  cause: LongText.optional(),
  summary: LongText.optional(),
});

export const OpenIncidentResponseSchema = z.object({ incident: IncidentSchema, deduplicated: z.boolean() });

export const IncidentListQuerySchema = z.strictObject({
  status: z
    .string()
    .regex(
      /^(open|acknowledged|mitigating|resolved|closed|active)(,(open|acknowledged|mitigating|resolved|closed|active))*$/,
      {
        error: 'expected statuses separated by commas: open, acknowledged, mitigating, resolved, closed, active',
      },
    )
    .optional(),
  threat: z.string().max(128).optional(),
  client: z.string().max(64).optional(),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const SetEtaRequestSchema = z
  .strictObject({
    etaAt: EpochInputSchema.optional(),
    /** A duration from now, in the plan's notation (2h, 45m). */
    etaIn: z.string().max(20).optional(),
  })
  .refine((body) => (body.etaAt === undefined) !== (body.etaIn === undefined), { error: 'give either etaAt or etaIn' });

export const CauseRequestSchema = z.strictObject({ cause: LongText });
export const NoteRequestSchema = z.strictObject({
  text: LongText,
  kind: z.enum(['note', 'action']).default('note'),
  /** Public notes are shown to the client and carried by the hourly updates. */
  public: z.boolean().default(false),
});
export const ResolveRequestSchema = z.strictObject({ summary: LongText.optional(), cause: LongText.optional() });
export const ReopenRequestSchema = z.strictObject({ reason: LongText.optional() });

export const TimelineEntrySchema = z.object({
  id: z.string(),
  seq: z.number(),
  at: Epoch,
  kind: z.string(),
  actor: z.string(),
  ref: z.string().nullable(),
  summary: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const SitrepRequestSchema = z.strictObject({
  situation: LongText,
  actions: LongText,
  nextSteps: LongText,
  needs: LongText.optional(),
});
export const SitrepSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  at: Epoch,
  author: z.string(),
  situation: z.string(),
  actions: z.string(),
  nextSteps: z.string(),
  needs: z.string().nullable(),
});

export const ActionItemStatusSchema = z.enum(['todo', 'doing', 'done', 'cancelled']);
export const ActionItemRequestSchema = z.strictObject({
  title: ShortText,
  owner: z.string().trim().max(200).nullable().optional(),
  dueAt: EpochInputSchema.nullable().optional(),
  status: ActionItemStatusSchema.optional(),
});
export const ActionItemPatchSchema = ActionItemRequestSchema.partial();
export const ActionItemSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  title: z.string(),
  owner: z.string().nullable(),
  dueAt: Epoch.nullable(),
  status: ActionItemStatusSchema,
  createdAt: Epoch,
  updatedAt: Epoch,
});

export const DutySchema = z.object({
  dutyId: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.string(),
  dueAt: Epoch.nullable(),
  doneAt: Epoch.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export const CompleteDutyRequestSchema = z.strictObject({ text: LongText.optional() });

export const CrisisCellMemberSchema = z.object({
  role: z.string(),
  personId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  joinedAt: Epoch,
});

export const NotificationSchema = z.object({
  id: z.string(),
  event: z.string(),
  channel: z.string(),
  recipientName: z.string(),
  address: z.string(),
  language: z.string(),
  subject: z.string(),
  status: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: Epoch,
  sentAt: Epoch.nullable(),
  fallbackOf: z.string().nullable(),
});

export const IncidentRoomSchema = z.object({
  incident: IncidentSummarySchema,
  timeline: z.array(TimelineEntrySchema),
  duties: z.array(DutySchema),
  crisisCell: z.array(CrisisCellMemberSchema),
  sitreps: z.array(SitrepSchema),
  actionItems: z.array(ActionItemSchema),
});
