import { fileURLToPath } from 'node:url';
import { acceptsTcp, freePort, isUdpPortBound, startProcess, tempFolder, waitUntil } from './process';

/** The SIP OPTIONS behaviours the fixtures script. */
export type SippScenario = 'options-200' | 'options-503' | 'options-silent';

const FIXTURES = fileURLToPath(new URL('../../probes/fixtures/sipp/', import.meta.url));

/** A running `sipp` playing a scenario on 127.0.0.1. */
export interface SippPeer {
  port: number;
  transport: 'udp' | 'tcp';
  stop(): Promise<void>;
}

/** Starts `sipp` (Debian `sip-tester`) as a UAS playing one scenario, and waits until its port is bound. */
export async function startSipp(
  scenario: SippScenario,
  transport: 'udp' | 'tcp' = 'udp',
  /** A port to reuse, to bring the same gateway back after an outage. */
  reusePort?: number,
): Promise<SippPeer> {
  const port = reusePort ?? (await freePort(transport));
  const work = tempFolder('sipp');
  const peer = startProcess(
    'sipp',
    [
      '-sf',
      `${FIXTURES}${scenario}.xml`,
      '-i',
      '127.0.0.1',
      '-p',
      String(port),
      '-t',
      transport === 'udp' ? 'u1' : 't1',
      '-nostdin',
    ],
    // sipp writes its logs beside where it runs: keep them in a folder removed at the end.
    { cwd: work.path },
  );
  try {
    await waitUntil(
      `sipp ${scenario} on ${transport} port ${port}`,
      () => (transport === 'udp' ? isUdpPortBound(port) : acceptsTcp(port)),
      { peer },
    );
  } catch (error) {
    await peer.stop();
    work.remove();
    throw error;
  }
  return {
    port,
    transport,
    async stop() {
      await peer.stop();
      work.remove();
    },
  };
}
