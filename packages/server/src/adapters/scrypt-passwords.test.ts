import { describe, expect, it } from 'vitest';
import { scryptPasswords } from './scrypt-passwords';

describe('scrypt passwords', () => {
  const passwords = scryptPasswords({ N: 1024, r: 8, p: 1 });

  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await passwords.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(passwords.verify('correct horse battery', stored)).resolves.toBe(true);
    await expect(passwords.verify('correct horse batterY', stored)).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    expect(await passwords.hash('same')).not.toBe(await passwords.hash('same'));
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    await expect(passwords.verify('x', 'plain-text')).resolves.toBe(false);
  });
});
