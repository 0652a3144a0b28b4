import { describe, expect, it } from 'vitest';
import { targetHost } from './target-key';

describe('target host', () => {
  it.each([
    ['http', 'https://crm.example:8443/health?x=1', 'crm.example'],
    ['sql', 'mssql://vigie:secret@SQL.example/crm', 'sql.example'],
    ['tcp', '10.0.0.5:5060', '10.0.0.5'],
    ['ping', 'sql.principal.example', 'sql.principal.example'],
    ['sip-options', 'sip:mgw.example:5060;transport=tcp', 'mgw.example'],
    ['nut', 'onduleur@ups.example:3493', 'ups.example'],
    ['ssh', 'vigie@[::1]:2222', '[::1]'],
    ['dns', '::1', '::1'],
    ['heartbeat', undefined, 'kind:heartbeat'],
  ])('%s %s → %s', (kind, target, expected) => {
    expect(targetHost(kind, target)).toBe(expected);
  });
});
