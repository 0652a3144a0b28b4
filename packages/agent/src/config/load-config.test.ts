import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentConfigError, loadAgentConfig } from './load-config';

const dir = mkdtempSync(join(tmpdir(), 'vigie-agent-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadAgentConfig', () => {
  it('reads a Windows HMP server’s YAML, filling the defaults and resolving relative paths', async () => {
    const config = await loadAgentConfig(
      file(
        'hmp.yaml',
        [
          'server: https://vigie.mediacontact.example',
          'token: vga_0123456789',
          'agentId: hmp-principal',
          'assets: [serveur-hmp, service-onnet32-slave]',
          'stateDir: state',
          "disks: ['C:', 'D:']",
          'services:',
          '  - { name: Onnet32Slave, driver: windows }',
          'actions:',
          '  restart-onnet32: { kind: service-restart, service: Onnet32Slave }',
          '  reboot: { kind: reboot }',
          "  archive-audio: { kind: archive, source: 'D:\\HMP\\Records', dest: '\\\\audio\\hmp', olderThan: 30d }",
        ].join('\n'),
      ),
    );
    expect(config).toMatchObject({
      reportEvery: 60_000,
      bufferLimit: 10_000,
      usbStorage: true,
      stateDir: join(dir, 'state'),
      actions: {
        reboot: { kind: 'reboot', delay: 60_000 },
        'archive-audio': { kind: 'archive', olderThan: 30 * 86_400_000 },
      },
    });
  });

  it('reads JSON too', async () => {
    const config = await loadAgentConfig(
      file('a.json', JSON.stringify({ server: 'http://127.0.0.1:8080', token: 'vga_x', agentId: 'a', assets: ['x'] })),
    );
    expect(config.actions).toEqual({});
  });

  it('lists every problem at once, each with where it is', async () => {
    const error = await loadAgentConfig(
      file(
        'bad.yaml',
        [
          'server: ftp://vigie',
          'token: vgt_user-token',
          'agentId: HMP',
          'assets: [serveur-hmp]',
          'services: [{ name: a, driver: windows }, { name: a, driver: systemd }]',
          'actions:',
          '  restart-x: { kind: service-restart, service: x }',
          "  wipe: { kind: command, path: /bin/sh, args: ['-c', 'rm -rf /'], shell: true }",
        ].join('\n'),
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentConfigError);
    const problems = (error as AgentConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'server: expected http(s)://HOST[:PORT]',
        'token: expected the vga_… token shown at enrolment',
        expect.stringMatching(/^agentId: expected an id/),
        expect.stringMatching(/^actions\.wipe: Unrecognized key: "shell"/),
      ]),
    );
  });

  it('refuses a report interval that would flood the server or outlast a timer', async () => {
    for (const [every, problem] of [
      ['0s', 'reportEvery: expected at least 1s'],
      ['30d', 'reportEvery: expected at most 24h'],
    ]) {
      const error = (await loadAgentConfig(
        file(
          `every-${every}.yaml`,
          ['server: http://127.0.0.1:8080', 'token: vga_x', 'agentId: a', 'assets: [x]', `reportEvery: ${every}`].join(
            '\n',
          ),
        ),
      ).catch((e: unknown) => e)) as AgentConfigError;
      expect(error.problems).toEqual([problem]);
    }
  });

  it('says which reference is wrong once the rest is right', async () => {
    const error = (await loadAgentConfig(
      file(
        'refs.yaml',
        [
          'server: http://127.0.0.1:8080',
          'token: vga_x',
          'agentId: a',
          'assets: [x]',
          'services: [{ name: a, driver: windows }, { name: a, driver: systemd }]',
          'actions: { restart-x: { kind: service-restart, service: x } }',
        ].join('\n'),
      ),
    ).catch((e: unknown) => e)) as AgentConfigError;
    expect(error.problems).toEqual([
      'services.1.name: service a is listed twice',
      'actions.restart-x.service: action restart-x restarts x, which is not listed under services',
    ]);
  });

  it('reads backup folders by name, with their defaults, a relative folder read from the file’s folder', async () => {
    const config = await loadAgentConfig(
      file(
        'backups.yaml',
        [
          'server: http://127.0.0.1:8080',
          'token: vga_x',
          'agentId: sql-principal',
          'assets: [serveur-sql]',
          'backups:',
          "  sql-nightly: { path: backups/sql, pattern: '*.bak', recursive: true }",
          '  pg-dumps: { path: /var/backups/postgresql }',
        ].join('\n'),
      ),
    );
    expect(config.backups).toEqual({
      'sql-nightly': { path: join(dir, 'backups/sql'), pattern: '*.bak', recursive: true },
      'pg-dumps': { path: '/var/backups/postgresql', pattern: '*', recursive: false },
    });
  });

  it('says what is wrong with a backup folder', async () => {
    const error = (await loadAgentConfig(
      file(
        'bad-backups.yaml',
        [
          'server: http://127.0.0.1:8080',
          'token: vga_x',
          'agentId: a',
          'assets: [x]',
          'backups:',
          "  SQL: { path: 'D:\\Backups' }",
          "  nightly: { pattern: 'D:\\Backups\\*.bak', recurse: true }",
        ].join('\n'),
      ),
    ).catch((e: unknown) => e)) as AgentConfigError;
    expect(error).toBeInstanceOf(AgentConfigError);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^backups\.SQL: expected an id/),
        'backups.nightly.path: expected the folder the backups are written to',
        expect.stringMatching(/^backups\.nightly\.pattern: a pattern names files, not folders: put the folder in path/),
        'backups.nightly: Unrecognized key: "recurse"',
      ]),
    );
  });

  it('says when the file is missing or not YAML', async () => {
    await expect(loadAgentConfig(join(dir, 'none.yaml'))).rejects.toThrow(/cannot read it/);
    await expect(loadAgentConfig(file('broken.yaml', 'server: [unclosed'))).rejects.toThrow(/not valid YAML or JSON/);
  });
});
