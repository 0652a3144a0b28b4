import type { Kysely, Selectable } from 'kysely';
import { isActive, type Incident, type IncidentRepository, type IncidentStatus } from '@vigie/core';
import type { Severity } from '@vigie/contract';
import type { Dialect } from '../connect';
import type { Database, IncidentsTable } from '../schema';
import { readJson } from './json';

function toIncident(row: Selectable<IncidentsTable>): Incident {
  return {
    id: row.id,
    number: row.number,
    threatId: row.threat_id,
    title: row.title,
    status: row.status as IncidentStatus,
    severity: row.severity as Severity,
    assets: readJson<string[]>(row.assets),
    clients: readJson<string[]>(row.clients),
    startedAt: row.started_at,
    openedAt: row.opened_at,
    acknowledgedAt: row.acknowledged_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    etaAt: row.eta_at,
    cause: row.cause,
    summary: row.summary,
    source: row.source,
    dedupKey: row.dedup_key,
    planVersion: row.plan_version,
    firedSteps: readJson<string[]>(row.fired_steps),
    drill: row.drill === 1,
    updatedAt: row.updated_at,
  };
}

function toRow(incident: Incident): Selectable<IncidentsTable> {
  return {
    id: incident.id,
    number: incident.number,
    threat_id: incident.threatId,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    assets: JSON.stringify(incident.assets),
    clients: JSON.stringify(incident.clients),
    started_at: incident.startedAt,
    opened_at: incident.openedAt,
    acknowledged_at: incident.acknowledgedAt,
    resolved_at: incident.resolvedAt,
    closed_at: incident.closedAt,
    eta_at: incident.etaAt,
    cause: incident.cause,
    summary: incident.summary,
    source: incident.source,
    dedup_key: incident.dedupKey,
    active: isActive(incident.status) ? 1 : 0,
    plan_version: incident.planVersion,
    fired_steps: JSON.stringify(incident.firedSteps),
    drill: incident.drill ? 1 : 0,
    updated_at: incident.updatedAt,
  };
}

export function incidentRepository(db: Kysely<Database>, dialect: Dialect): IncidentRepository {
  return {
    async insert(incident) {
      await db.insertInto('incidents').values(toRow(incident)).execute();
      if (incident.clients.length) {
        await db
          .insertInto('incident_clients')
          .values(incident.clients.map((client) => ({ incident_id: incident.id, client_id: client })))
          .execute();
      }
    },
    async update(incident) {
      const { id: _id, number: _number, ...changes } = toRow(incident);
      await db.updateTable('incidents').set(changes).where('id', '=', incident.id).execute();
    },
    async findById(id) {
      // Locks the row on PostgreSQL so two nodes never change one incident at once.
      let query = db.selectFrom('incidents').selectAll().where('id', '=', id);
      if (dialect === 'postgres') query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && toIncident(row);
    },
    async findActiveByDedupKey(dedupKey) {
      const row = await db
        .selectFrom('incidents')
        .selectAll()
        .where('dedup_key', '=', dedupKey)
        .where('active', '=', 1)
        .executeTakeFirst();
      return row && toIncident(row);
    },
    async list(filter) {
      let query = db.selectFrom('incidents').selectAll('incidents');
      if (filter.clientId !== undefined) {
        query = query
          .innerJoin('incident_clients', 'incident_clients.incident_id', 'incidents.id')
          .where('incident_clients.client_id', '=', filter.clientId);
      }
      if (filter.status?.length) query = query.where('incidents.status', 'in', filter.status);
      if (filter.threatId) query = query.where('incidents.threat_id', '=', filter.threatId);
      if (filter.startedFrom !== undefined) query = query.where('incidents.started_at', '>=', filter.startedFrom);
      if (filter.startedTo !== undefined) query = query.where('incidents.started_at', '<', filter.startedTo);
      const rows = await query
        .orderBy('incidents.started_at', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      return rows.map(toIncident);
    },
    async nextNumber() {
      const row = await db
        .selectFrom('incidents')
        .select((eb) => eb.fn.max<number | null>('number').as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },
  };
}
