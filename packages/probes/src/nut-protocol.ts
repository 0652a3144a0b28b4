import { connect } from 'node:net';
import type { HostPort } from './address';
import { untilAborted } from './abort';
import type { Language, Wording } from './language';

const SAY: Wording<{
  errors: Record<string, string>;
  otherError: (code: string) => string;
  closed: string;
  tooLong: string;
  unexpected: (line: string) => string;
}> = {
  en: {
    errors: {
      'UNKNOWN-UPS': 'upsd does not know this UPS name',
      'DATA-STALE': 'the UPS driver has not updated its data recently (DATA-STALE)',
      'DRIVER-NOT-CONNECTED': 'upsd has lost its UPS driver (DRIVER-NOT-CONNECTED)',
      'ACCESS-DENIED': 'upsd denied access to this client (ACCESS-DENIED)',
    },
    otherError: (code) => `upsd answered ERR ${code}`,
    closed: 'upsd closed the connection before the end of the list',
    tooLong: 'upsd sent an answer too long to be a variable list',
    unexpected: (line) => `upsd sent an unexpected line: "${line}"`,
  },
  fr: {
    errors: {
      'UNKNOWN-UPS': 'upsd ne connaît pas ce nom d’onduleur',
      'DATA-STALE': 'le pilote de l’onduleur n’a pas mis à jour ses données récemment (DATA-STALE)',
      'DRIVER-NOT-CONNECTED': 'upsd a perdu le pilote de l’onduleur (DRIVER-NOT-CONNECTED)',
      'ACCESS-DENIED': 'upsd refuse l’accès à ce client (ACCESS-DENIED)',
    },
    otherError: (code) => `upsd a répondu ERR ${code}`,
    closed: 'upsd a fermé la connexion avant la fin de la liste',
    tooLong: 'upsd a envoyé une réponse trop longue pour une liste de variables',
    unexpected: (line) => `upsd a envoyé une ligne inattendue : « ${line} »`,
  },
};

/**
 * An `ERR …` line from upsd, with its reason code (`UNKNOWN-UPS`, `DATA-STALE`…) and what it
 * means in `language`.
 */
export class NutError extends Error {
  constructor(
    readonly code: string,
    language: Language,
  ) {
    const say = SAY[language];
    super((Object.hasOwn(say.errors, code) && say.errors[code]) || say.otherError(code));
  }
}

const MAX_ANSWER = 256 * 1024;

/** Reads one `VAR ups name "value"` line, undoing the protocol's backslash escapes. */
export function parseVarLine(line: string, ups: string): [string, string] | undefined {
  const prefix = `VAR ${ups} `;
  if (!line.startsWith(prefix)) return undefined;
  const match = /^(\S+) "((?:[^"\\]|\\.)*)"$/.exec(line.slice(prefix.length));
  if (!match) return undefined;
  return [match[1] ?? '', (match[2] ?? '').replace(/\\(.)/g, '$1')];
}

/**
 * Asks upsd (TCP, port 3493) for every variable of a UPS with `LIST VAR`; what goes wrong
 * with upsd's answer is said in `language` (socket errors are left to `describeError`).
 */
export function listUpsVariables(
  address: HostPort,
  ups: string,
  signal: AbortSignal,
  language: Language,
): Promise<Map<string, string>> {
  const say = SAY[language];
  const socket = connect({ host: address.host, port: address.port });
  const listed = new Promise<Map<string, string>>((resolve, reject) => {
    let buffer = '';
    const variables = new Map<string, string>();
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(say.closed)));
    socket.on('connect', () => socket.write(`LIST VAR ${ups}\n`));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_ANSWER) return reject(new Error(say.tooLong));
      let newline: number;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line.startsWith('ERR ')) return reject(new NutError(line.slice(4).trim().split(' ')[0] ?? '', language));
        if (line === `BEGIN LIST VAR ${ups}`) continue;
        if (line === `END LIST VAR ${ups}`) {
          socket.end('LOGOUT\n');
          return resolve(variables);
        }
        const variable = parseVarLine(line, ups);
        if (!variable) return reject(new Error(say.unexpected(line.slice(0, 60))));
        variables.set(variable[0], variable[1]);
      }
    });
  });
  return untilAborted(signal, listed, () => socket.destroy()).finally(() => socket.destroy());
}
