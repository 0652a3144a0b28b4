import type { Check, Plan } from '@vigie/contract';
import { recordExternalResult, type MonitoringTokenContext, type PlanSource } from '@vigie/core';
import { SipSimulator } from './sip-simulator';
import { HttpSimulator, ModbusSimulator, NutSimulator, TcpSimulator } from './tcp-simulators';

/** The parts of the demo contact centre a newcomer can break and repair. */
export const DEMO_PARTS = {
  power: 'coupure secteur : onduleur sur batterie, groupe électrogène démarré',
  generator: 'groupe électrogène en défaut',
  gateway: 'Media Gateway muette (plus de réponse SIP)',
  crm: 'CRM Hermès en erreur (HTTP 503)',
  ocm: 'applications métiers OCM injoignables',
  sql: 'base SQL arrêtée',
  servers: 'serveurs de production injoignables',
  sync: 'synchronisation vers le site de secours interrompue',
  'hmp-disk': 'disque principal du serveur HMP plein de fichiers audio',
  onnet32: 'service Onnet32 Slave arrêté',
  usb: 'stockage USB réactivé sur un poste agent',
  backup: 'sauvegarde SQL de la nuit non écrite (la dernière date de plus de 26 h)',
} as const;
export type DemoPart = keyof typeof DEMO_PARTS;

export function isDemoPart(name: string): name is DemoPart {
  return Object.hasOwn(DEMO_PARTS, name);
}

type Override = Pick<Check, 'probe' | 'target' | 'options'>;

const FED_BY_DEMO = ['hmp-disque', 'onnet32-service', 'ports-usb', 'sauvegarde-fraicheur', 'sauvegarde-sql'];

/**
 * A living contact centre on loopback for newcomers: simulators stand for the seed
 * plan's equipment, its example checks are pointed at them, and parts can be broken.
 * For the demo only: tests use the real peers.
 */
export class Demo {
  private readonly gateway = new SipSimulator();
  private readonly crm = new HttpSimulator('CRM Hermès');
  private readonly ocm = new HttpSimulator('SI OCM');
  private readonly ups = new NutSimulator('onduleur');
  private readonly generatorController = new ModbusSimulator();
  private readonly sqlServer = new TcpSimulator();
  private readonly productionServers = new TcpSimulator();
  private readonly backupSite = new TcpSimulator();
  readonly broken = new Set<DemoPart>();
  private feeder: NodeJS.Timeout | undefined;

  async start(): Promise<void> {
    await Promise.all([
      this.gateway.start(),
      this.crm.start(),
      this.ocm.start(),
      this.ups.start(),
      this.generatorController.start(),
      this.sqlServer.start(),
      this.productionServers.start(),
      this.backupSite.start(),
    ]);
  }

  async stop(): Promise<void> {
    clearInterval(this.feeder);
    await Promise.all([
      this.gateway.stop(),
      this.crm.stop(),
      this.ocm.stop(),
      this.ups.stop(),
      this.generatorController.stop(),
      this.sqlServer.stop(),
      this.productionServers.stop(),
      this.backupSite.stop(),
    ]);
  }

  /** Where each of the seed plan's example checks looks in the demo. */
  private overrides(): Record<string, Override> {
    const local = (port: number): string => `127.0.0.1:${port}`;
    return {
      'crm-web': { probe: 'http', target: `http://${local(this.crm.port)}/`, options: {} },
      'si-ocm-web': { probe: 'http', target: `http://${local(this.ocm.port)}/`, options: {} },
      'media-gateway-sip': { probe: 'sip-options', target: `sip:${local(this.gateway.port)}`, options: {} },
      'onduleur-etat': { probe: 'nut', target: `onduleur@${local(this.ups.port)}`, options: {} },
      'groupe-etat': {
        probe: 'modbus',
        target: local(this.generatorController.port),
        options: { running: 'discrete:0', mainsPresent: 'discrete:1', fault: 'discrete:2', fuelLevel: 'holding:0' },
      },
      'sql-connexion': { probe: 'tcp', target: local(this.sqlServer.port), options: {} },
      'serveurs-accessibles': { probe: 'tcp', target: local(this.productionServers.port), options: {} },
      'synchro-secours': { probe: 'tcp', target: local(this.backupSite.port), options: {} },
    };
  }

  /** The plan as the scheduler sees it in the demo: example checks aimed at the simulators. */
  overlay(plan: Plan): Plan {
    const overrides = this.overrides();
    return {
      ...plan,
      checks: plan.checks.map((check) => {
        // The simulated HMP server's agent and the backup job feed their checks themselves.
        if (check.example && FED_BY_DEMO.includes(check.id)) return { ...check, example: false };
        const override = check.example ? overrides[check.id] : undefined;
        if (!override) return check;
        // Demo checks run every 5 s and decide after 2 results: a break shows within seconds.
        return { ...check, ...override, example: false, every: 5_000, timeout: 3_000, failAfter: 2, recoverAfter: 2 };
      }),
    };
  }

  /**
   * A plan source for the checks' pages: the checks as the demo runs them (simulators' addresses,
   * every 5 s), still marked as the shipped plan's examples.
   */
  shownPlanSource(base: PlanSource): PlanSource {
    return {
      active: async () => {
        const active = await base.active();
        if (!active) return active;
        const example = new Map(active.plan.checks.map((check) => [check.id, check.example]));
        const overlaid = this.overlay(active.plan);
        const checks = overlaid.checks.map((check) => ({ ...check, example: example.get(check.id) ?? check.example }));
        return { ...active, plan: { ...overlaid, checks } };
      },
    };
  }

  /** A plan source for the scheduler: the active plan with the demo overlay. */
  planSource(base: PlanSource): PlanSource {
    return {
      active: async () => {
        const active = await base.active();
        return active && { ...active, plan: this.overlay(active.plan) };
      },
    };
  }

  /**
   * Starts feeding the checks an agent and the backup job would feed: the HMP server's
   * disk, the Onnet32 service, the agents' USB policy, the nightly backup's heartbeat, the
   * SQL server's newest backup file (written 5 h ago, 50 h when broken).
   */
  startFeeding(ctx: MonitoringTokenContext, everyMs = 5_000): void {
    const feed = async (): Promise<void> => {
      const now = ctx.clock.now();
      const free = this.broken.has('hmp-disk') ? 3 : 46;
      const results: [string, 'up' | 'down', string, Record<string, number | string | boolean>][] = [
        ['hmp-disque', free < 15 ? 'down' : 'up', `C: ${free} % libre (seuil 15 %)`, { freePercent: free }],
        [
          'onnet32-service',
          this.broken.has('onnet32') ? 'down' : 'up',
          `Onnet32Slave ${this.broken.has('onnet32') ? 'arrêté' : 'démarré'}`,
          {},
        ],
        [
          'ports-usb',
          this.broken.has('usb') ? 'down' : 'up',
          `stockage de masse USB ${this.broken.has('usb') ? 'activé' : 'désactivé'}`,
          {},
        ],
        ['sauvegarde-fraicheur', 'up', 'sauvegarde de la nuit reçue', {}],
        this.sqlBackupResult(),
      ];
      for (const [checkId, status, message, values] of results) {
        await recordExternalResult(ctx, { checkId, result: { status, latencyMs: 0, message, values }, at: now }).catch(
          () => undefined,
        );
      }
    };
    void feed();
    this.feeder = setInterval(() => void feed(), everyMs);
  }

  /** What the SQL server's agent would say of its backup folder: a fresh 1.4 GB file, or one 50 h old. */
  private sqlBackupResult(): [string, 'up' | 'down', string, Record<string, number | string | boolean>] {
    const stale = this.broken.has('backup');
    const hours = stale ? 50 : 5;
    const values = { backupFile: 'crm_full.bak', backupSizeBytes: 1.4e9, backupAgeMs: hours * 3_600_000 };
    return stale
      ? ['sauvegarde-sql', 'down', `sauvegarde SQL crm_full.bak vieille de ${hours} h (limite 26 h)`, values]
      : ['sauvegarde-sql', 'up', `sauvegarde SQL crm_full.bak : 1,4 Go, écrite il y a ${hours} h`, values];
  }

  /** Breaks or repairs one part of the demo contact centre. */
  async set(part: DemoPart, broken: boolean): Promise<void> {
    if (broken) this.broken.add(part);
    else this.broken.delete(part);
    switch (part) {
      case 'power':
        this.ups.status = broken ? 'OB DISCHRG' : 'OL';
        this.ups.charge = broken ? 78 : 100;
        this.ups.runtime = broken ? 1_200 : 2_400;
        this.generatorController.mainsPresent = !broken;
        this.generatorController.engineRunning = broken && !this.broken.has('generator');
        return;
      case 'generator':
        this.generatorController.fault = broken;
        this.generatorController.engineRunning = this.broken.has('power') && !broken;
        return;
      case 'gateway':
        this.gateway.mode = broken ? 'silent' : 'ok';
        return;
      case 'crm':
        this.crm.mode = broken ? 'error' : 'ok';
        return;
      case 'ocm':
        await (broken ? this.ocm.stop() : this.ocm.start());
        return;
      case 'sql':
        await (broken ? this.sqlServer.stop() : this.sqlServer.start());
        return;
      case 'servers':
        await (broken ? this.productionServers.stop() : this.productionServers.start());
        return;
      case 'sync':
        await (broken ? this.backupSite.stop() : this.backupSite.start());
        return;
      case 'hmp-disk':
      case 'onnet32':
      case 'usb':
      case 'backup':
        return; // read by the feeder at its next round
    }
  }
}
