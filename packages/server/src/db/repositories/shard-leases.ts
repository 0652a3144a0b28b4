import type { Kysely } from 'kysely';
import type { ShardLeaseRepository } from '@vigie/core';
import type { Database } from '../schema';

export function shardLeaseRepository(db: Kysely<Database>): ShardLeaseRepository {
  return {
    async announce(nodeId, now, until) {
      await db
        .insertInto('check_nodes')
        .values({ node_id: nodeId, alive_until: until })
        .onConflict((oc) => oc.column('node_id').doUpdateSet({ alive_until: until }))
        .execute();
      const rows = await db
        .selectFrom('check_nodes')
        .select('node_id')
        .where('alive_until', '>=', now)
        .orderBy('node_id')
        .execute();
      return rows.map((r) => r.node_id);
    },
    async claim(nodeId, shards, now, until) {
      if (shards.length === 0) return [];
      // One statement per claim: the database decides between nodes claiming the same shard.
      const rows = await db
        .insertInto('check_shard_leases')
        .values(shards.map((shard) => ({ shard, owner: nodeId, expires_at: until })))
        .onConflict((oc) =>
          oc
            .column('shard')
            .doUpdateSet({ owner: nodeId, expires_at: until })
            .where((eb) =>
              eb.or([eb('check_shard_leases.owner', '=', nodeId), eb('check_shard_leases.expires_at', '<', now)]),
            ),
        )
        .returning('shard')
        .execute();
      return rows.map((r) => r.shard).sort((a, b) => a - b);
    },
    async release(nodeId, shards) {
      if (shards.length === 0) return;
      await db
        .deleteFrom('check_shard_leases')
        .where('owner', '=', nodeId)
        .where('shard', 'in', [...shards])
        .execute();
    },
    async leave(nodeId) {
      await db.deleteFrom('check_nodes').where('node_id', '=', nodeId).execute();
    },
    async list() {
      const rows = await db.selectFrom('check_shard_leases').selectAll().orderBy('shard').execute();
      return rows.map((r) => ({ shard: r.shard, owner: r.owner, until: Number(r.expires_at) }));
    },
    async forgetNodesBefore(before) {
      const result = await db.deleteFrom('check_nodes').where('alive_until', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
