/**
 * Whether a check's results carry a response time: Vigie times the probes it runs, not what a
 * job's heartbeat or an agent's report brings (their latency is always 0).
 */
export function measuresLatency(probe: string): boolean {
  return probe !== 'heartbeat' && probe !== 'agent';
}
