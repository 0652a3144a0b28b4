import { formatDuration, type Plan } from '@vigie/contract';
import {
  addActionItem,
  openIncident,
  postSitrep,
  resolveIncident,
  setIncidentEta,
  type Actor,
  type EngineContext,
  type Incident,
  type TimelineEntry,
} from '@vigie/core';
import { cryptoRandomness } from '../adapters/system';
import { openDatabase } from '../db/connect';
import { kyselyStore } from '../db/kysely-store';
import { migrateToLatest } from '../db/migrate';
import { Engine } from './engine';
import { RecordingChannels } from './recording-channels';
import { simulateUntil } from './simulate';

export interface DrillInput {
  threatId: string;
  lastsMs: number;
  /** The technician's estimate, given at the start. */
  etaMs?: number | undefined;
  /** Simulated people answer their duties on time (SITREPs, an action plan); true by default. */
  respond?: boolean | undefined;
  startAt?: number | undefined;
}

/** One line of a drill's timeline, with its offset from the start of the incident. */
export interface DrillEntry {
  offsetMs: number;
  kind: TimelineEntry['kind'];
  id: string | null;
  summary: string;
  channel?: string;
  to?: string;
  name?: string;
  subject?: string;
  status?: string;
  event?: string;
  /** The timeline entry's own facts, for a reader that words them in its language. */
  data: Record<string, unknown>;
}

export interface DrillResult {
  incident: Incident;
  timeline: DrillEntry[];
}

const DRILL_ACTOR: Actor = { kind: 'user', id: 'drill', label: 'exercice', role: 'admin', clientId: null };

class DrillClock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function toEntry(entry: TimelineEntry, startedAt: number): DrillEntry {
  const data = entry.data;
  return {
    offsetMs: entry.at - startedAt,
    kind: entry.kind,
    id: entry.ref,
    summary: entry.summary,
    data: entry.data,
    ...(entry.kind === 'notification' && {
      channel: text(data['channel']),
      to: text(data['to']),
      name: text(data['name']),
      subject: text(data['subject']),
      status: text(data['status']),
      event: text(data['event']),
    }),
  };
}

/**
 * Plays an incident of the plan through the real engine in simulated time, on a
 * throw-away database, and returns what would happen, when, and to whom.
 */
export async function runDrill(plan: Plan, input: DrillInput): Promise<DrillResult> {
  const database = openDatabase('sqlite::memory:');
  try {
    await migrateToLatest(database);
    const store = kyselyStore(database.db, database.dialect);
    const start = input.startAt ?? Math.floor(Date.now() / 60_000) * 60_000;
    const clock = new DrillClock(start);
    const ctx: EngineContext = {
      store,
      clock,
      random: cryptoRandomness,
      plans: { active: () => Promise.resolve({ plan, version: { number: 0 } }) },
      publicUrl: null,
    };
    const engine = new Engine(ctx, new RecordingChannels());
    const { incident } = await openIncident(ctx, DRILL_ACTOR, {
      threatId: input.threatId,
      drill: true,
      source: 'drill',
    });
    if (input.etaMs !== undefined) await setIncidentEta(ctx, DRILL_ACTOR, incident.id, start + input.etaMs);

    const answered = new Set<string>();
    const respond = async (): Promise<void> => {
      if (input.respond === false) return;
      const duties = await store.transaction((tx) => tx.duties.list(incident.id));
      const items = await store.transaction((tx) => tx.actionItems.list(incident.id));
      if (duties.some((d) => d.kind === 'action-plan' && d.status === 'active') && items.length === 0) {
        await addActionItem(ctx, DRILL_ACTOR, incident.id, { title: formatActionTitle(plan), owner: 'exercice' });
      }
      const sitrep = duties.find((d) => d.kind === 'sitrep' && d.status === 'active');
      if (
        sitrep?.dueAt !== null &&
        sitrep?.dueAt !== undefined &&
        sitrep.dueAt <= clock.now() &&
        !answered.has(String(sitrep.dueAt))
      ) {
        answered.add(String(sitrep.dueAt));
        await postSitrep(ctx, DRILL_ACTOR, incident.id, {
          situation: 'Exercice : situation simulée.',
          actions: 'Exercice : actions simulées.',
          nextSteps: 'Exercice : prochaines étapes simulées.',
        });
      }
    };

    await simulateUntil(engine, clock, store, start + input.lastsMs, respond);
    await resolveIncident(ctx, DRILL_ACTOR, incident.id, {
      summary: `Exercice terminé après ${formatDuration(input.lastsMs)}.`,
    });
    await engine.runUntilIdle();

    const final = await store.transaction((tx) => tx.incidents.findById(incident.id));
    const timeline = await store.transaction((tx) => tx.timeline.list(incident.id));
    return {
      incident: final ?? incident,
      timeline: timeline.filter((e) => e.kind !== 'delivery').map((e) => toEntry(e, incident.startedAt)),
    };
  } finally {
    await database.close();
  }
}

function formatActionTitle(plan: Plan): string {
  return plan.language === 'fr' ? 'Plan d’action formalisé (exercice)' : 'Formal action plan (drill)';
}
