import type { Kysely, Selectable } from 'kysely';
import {
  CRISIS_ROLE_NAMES,
  type ActionItem,
  type ActionItemRepository,
  type ActionItemStatus,
  type CrisisCellRepository,
  type Duty,
  type DutyRepository,
  type DutyStatus,
  type SitrepRepository,
} from '@vigie/core';
import type { ActionItemsTable, Database, DutiesTable } from '../schema';
import { readJson } from './json';

export function crisisCellRepository(db: Kysely<Database>): CrisisCellRepository {
  return {
    async add(member) {
      await db
        .insertInto('crisis_cell_members')
        .values({
          incident_id: member.incidentId,
          role: member.role,
          person_id: member.personId,
          name: member.name,
          email: member.email,
          joined_at: member.joinedAt,
        })
        .onConflict((oc) => oc.columns(['incident_id', 'role', 'person_id']).doNothing())
        .execute();
    },
    async list(incidentId) {
      const rows = await db
        .selectFrom('crisis_cell_members')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .execute();
      // The plan's order of roles: crisis manager first.
      const rank = (role: string): number => (CRISIS_ROLE_NAMES as readonly string[]).indexOf(role);
      rows.sort((a, b) => a.joined_at - b.joined_at || rank(a.role) - rank(b.role));
      return rows.map((row) => ({
        incidentId: row.incident_id,
        role: row.role,
        personId: row.person_id,
        name: row.name,
        email: row.email,
        joinedAt: row.joined_at,
      }));
    },
  };
}

export function sitrepRepository(db: Kysely<Database>): SitrepRepository {
  return {
    async insert(s) {
      await db
        .insertInto('sitreps')
        .values({
          id: s.id,
          incident_id: s.incidentId,
          at: s.at,
          author: s.author,
          situation: s.situation,
          actions: s.actions,
          next_steps: s.nextSteps,
          needs: s.needs,
        })
        .execute();
    },
    async list(incidentId) {
      const rows = await db
        .selectFrom('sitreps')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('at')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        incidentId: row.incident_id,
        at: row.at,
        author: row.author,
        situation: row.situation,
        actions: row.actions,
        nextSteps: row.next_steps,
        needs: row.needs,
      }));
    },
  };
}

function toItem(row: Selectable<ActionItemsTable>): ActionItem {
  return {
    id: row.id,
    incidentId: row.incident_id,
    title: row.title,
    owner: row.owner,
    dueAt: row.due_at,
    status: row.status as ActionItemStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function actionItemRepository(db: Kysely<Database>): ActionItemRepository {
  return {
    async insert(item) {
      await db
        .insertInto('action_items')
        .values({
          id: item.id,
          incident_id: item.incidentId,
          title: item.title,
          owner: item.owner,
          due_at: item.dueAt,
          status: item.status,
          created_at: item.createdAt,
          updated_at: item.updatedAt,
        })
        .execute();
    },
    async update(item) {
      await db
        .updateTable('action_items')
        .set({
          title: item.title,
          owner: item.owner,
          due_at: item.dueAt,
          status: item.status,
          updated_at: item.updatedAt,
        })
        .where('id', '=', item.id)
        .execute();
    },
    async findById(id) {
      const row = await db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toItem(row);
    },
    async list(incidentId) {
      return (
        await db
          .selectFrom('action_items')
          .selectAll()
          .where('incident_id', '=', incidentId)
          .orderBy('created_at')
          .execute()
      ).map(toItem);
    },
  };
}

function toDuty(row: Selectable<DutiesTable>): Duty {
  return {
    id: row.id,
    incidentId: row.incident_id,
    dutyId: row.duty_id,
    kind: row.kind,
    title: row.title,
    status: row.status as DutyStatus,
    dueAt: row.due_at,
    doneAt: row.done_at,
    data: readJson<Record<string, unknown>>(row.data),
  };
}

export function dutyRepository(db: Kysely<Database>): DutyRepository {
  return {
    async insert(duty) {
      await db
        .insertInto('duties')
        .values({
          id: duty.id,
          incident_id: duty.incidentId,
          duty_id: duty.dutyId,
          kind: duty.kind,
          title: duty.title,
          status: duty.status,
          due_at: duty.dueAt,
          done_at: duty.doneAt,
          data: JSON.stringify(duty.data),
        })
        .execute();
    },
    async update(duty) {
      await db
        .updateTable('duties')
        .set({
          status: duty.status,
          due_at: duty.dueAt,
          done_at: duty.doneAt,
          data: JSON.stringify(duty.data),
          title: duty.title,
        })
        .where('id', '=', duty.id)
        .execute();
    },
    async find(incidentId, dutyId) {
      const row = await db
        .selectFrom('duties')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .where('duty_id', '=', dutyId)
        .executeTakeFirst();
      return row && toDuty(row);
    },
    async list(incidentId) {
      return (
        await db.selectFrom('duties').selectAll().where('incident_id', '=', incidentId).orderBy('id').execute()
      ).map(toDuty);
    },
  };
}
