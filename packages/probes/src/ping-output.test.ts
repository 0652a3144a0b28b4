import { describe, expect, it } from 'vitest';
import { parsePingOutput } from './ping-output';

// Outputs of iputils ping -n -q, as printed on Debian 12.
const ALL_REPLIES = `PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.

--- 127.0.0.1 ping statistics ---
3 packets transmitted, 3 received, 0% packet loss, time 406ms
rtt min/avg/max/mdev = 0.017/0.030/0.048/0.013 ms
`;
const HALF_LOST = `--- 127.0.0.1 ping statistics ---
4 packets transmitted, 2 received, 50% packet loss, time 610ms
rtt min/avg/max/mdev = 0.037/0.045/0.053/0.008 ms
`;
const NONE = `--- 10.1.2.3 ping statistics ---
3 packets transmitted, 0 received, 100% packet loss, time 408ms
`;
const ERRORS = `--- 10.1.2.3 ping statistics ---
3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2003ms
`;

describe('parsePingOutput', () => {
  it('reads loss and round trips', () => {
    expect(parsePingOutput(ALL_REPLIES)).toEqual({
      transmitted: 3,
      received: 3,
      lossPercent: 0,
      rtt: { min: 0.017, avg: 0.03, max: 0.048 },
    });
    expect(parsePingOutput(HALF_LOST)).toMatchObject({ transmitted: 4, received: 2, lossPercent: 50 });
  });

  it('reads total loss, with or without ICMP errors', () => {
    expect(parsePingOutput(NONE)).toEqual({ transmitted: 3, received: 0, lossPercent: 100 });
    expect(parsePingOutput(ERRORS)).toEqual({ transmitted: 3, received: 0, lossPercent: 100 });
  });

  it('finds nothing in an error message', () => {
    expect(parsePingOutput('ping: connect: Network is unreachable\n')).toBeUndefined();
  });
});
