import { readFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem, uptime } from 'node:os';
import type { AgentReport } from '@vigie/contract';

interface CpuSample {
  idle: number;
  total: number;
}

function sampleCpu(): CpuSample {
  let idle = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

/** CPU use between two readings (the first one compares with when the meter was made). */
export class CpuMeter {
  private last = sampleCpu();

  read(): AgentReport['cpu'] {
    const now = sampleCpu();
    const total = now.total - this.last.total;
    const idle = now.idle - this.last.idle;
    this.last = now;
    const usedPercent = total > 0 ? Math.min(100, Math.max(0, (1 - idle / total) * 100)) : null;
    return {
      cores: Math.max(1, cpus().length),
      usedPercent: usedPercent === null ? null : Math.round(usedPercent * 10) / 10,
      load1: process.platform === 'win32' ? null : Math.round(loadavg()[0]! * 100) / 100,
    };
  }
}

/** Memory available to programs: MemAvailable on Linux (free memory undercounts the cache), free elsewhere. */
export async function readMemory(): Promise<AgentReport['memory']> {
  const totalBytes = totalmem();
  let availableBytes = freemem();
  if (process.platform === 'linux') {
    const meminfo = await readFile('/proc/meminfo', 'utf8').catch(() => '');
    const kb = /^MemAvailable:\s+(\d+)\s+kB/m.exec(meminfo)?.[1];
    if (kb) availableBytes = Number(kb) * 1024;
  }
  const usedPercent = totalBytes > 0 ? Math.round((1 - availableBytes / totalBytes) * 1000) / 10 : 0;
  return { totalBytes, availableBytes, usedPercent: Math.min(100, Math.max(0, usedPercent)) };
}

export function uptimeMs(): number {
  return Math.round(uptime() * 1000);
}
