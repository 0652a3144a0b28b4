/** What `ping` reported: packets sent and received, loss, round-trip times in milliseconds. */
export interface PingSummary {
  transmitted: number;
  received: number;
  lossPercent: number;
  rtt?: { min: number; avg: number; max: number };
}

const PACKETS = /(\d+) packets transmitted, (\d+) (?:packets )?received(?:, \+\d+ errors)?, ([\d.]+)% packet loss/;
const RTT = /(?:rtt|round-trip) min\/avg\/max(?:\/(?:mdev|stddev))? = ([\d.]+)\/([\d.]+)\/([\d.]+)/;

/** Reads the statistics `ping -q` prints (iputils, in the C locale); undefined when absent. */
export function parsePingOutput(output: string): PingSummary | undefined {
  const packets = PACKETS.exec(output);
  if (!packets) return undefined;
  const summary: PingSummary = {
    transmitted: Number(packets[1]),
    received: Number(packets[2]),
    lossPercent: Number(packets[3]),
  };
  const rtt = RTT.exec(output);
  if (rtt) summary.rtt = { min: Number(rtt[1]), avg: Number(rtt[2]), max: Number(rtt[3]) };
  return summary;
}
