import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { forbidden } from '../errors';
import type { Clock, Store } from '../ports';

/** SMTP settings as stored: the password only ever sealed. */
export interface StoredSmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  sealedPassword: string | null;
  from: string;
  rejectUnauthorized: boolean;
}

export const SMTP_SETTINGS_KEY = 'smtp';

export interface SmtpSettingsInput {
  host: string;
  port: number;
  secure: boolean;
  user?: string | null | undefined;
  /** Undefined keeps the stored password; null removes it. */
  password?: string | null | undefined;
  from: string;
  rejectUnauthorized?: boolean | undefined;
}

/** Saves the SMTP server Vigie sends through; the password is sealed before it is stored. */
export async function saveSmtpSettings(
  ports: { store: Store; clock: Clock; seal: (plain: string) => string },
  actor: Actor,
  input: SmtpSettingsInput,
): Promise<StoredSmtpSettings> {
  if (!hasRole(actor, CAN.administer)) throw forbidden('only an administrator can change the email settings');
  return ports.store.transaction(async (tx) => {
    const previous = await readSmtpSettings(tx.settings);
    const settings: StoredSmtpSettings = {
      host: input.host.trim(),
      port: input.port,
      secure: input.secure,
      user: input.user?.trim() || null,
      sealedPassword:
        input.password === undefined
          ? (previous?.sealedPassword ?? null)
          : input.password === null
            ? null
            : ports.seal(input.password),
      from: input.from.trim(),
      rejectUnauthorized: input.rejectUnauthorized ?? true,
    };
    await tx.settings.set(SMTP_SETTINGS_KEY, JSON.stringify(settings));
    await recordAudit(tx, ports.clock.now(), actor, 'settings.smtp', 'settings:smtp', {
      host: settings.host,
      port: settings.port,
      user: settings.user,
      passwordChanged: input.password !== undefined,
    });
    return settings;
  });
}

export async function readSmtpSettings(settings: {
  get(key: string): Promise<string | undefined>;
}): Promise<StoredSmtpSettings | undefined> {
  const text = await settings.get(SMTP_SETTINGS_KEY);
  return text ? (JSON.parse(text) as StoredSmtpSettings) : undefined;
}
