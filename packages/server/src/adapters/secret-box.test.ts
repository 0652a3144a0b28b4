import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadOrCreateKey, secretBox } from './secret-box';

describe('secret box', () => {
  it('seals so that the text does not appear, and opens it back', () => {
    const box = secretBox(randomBytes(32));
    const sealed = box.seal('mot de passe SMTP');
    expect(sealed).not.toContain('mot de passe');
    expect(box.open(sealed)).toBe('mot de passe SMTP');
  });

  it('refuses a tampered secret', () => {
    const box = secretBox(randomBytes(32));
    const sealed = box.seal('secret');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('other').toString('base64');
    expect(() => box.open(parts.join(':'))).toThrow();
  });

  it('creates the key file once, readable by its owner only', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vigie-key-')), 'secret.key');
    const key = loadOrCreateKey(undefined, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(undefined, file).equals(key)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(key.toString('base64'));
  });
});
