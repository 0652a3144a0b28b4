import type { Command } from 'commander';
import { createUser, ROLES, SYSTEM_ACTOR, type Role } from '@vigie/core';
import { cryptoRandomness, systemClock } from '../../adapters/system';
import { scryptPasswords } from '../../adapters/scrypt-passwords';
import { CommandFailed, configOrExit, DB_OPTION_HELP, EXIT, terminal } from '../io';
import { withStore } from '../with-store';

export function registerUser(program: Command): void {
  const user = program.command('user').description('accounts and roles');
  user
    .command('add')
    .description('create an account; prints a generated password when none is given')
    .requiredOption('--email <email>', 'the email the person signs in with')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .option('--name <name>', 'display name')
    .option('--client <id>', 'for the client role: the client this user belongs to')
    .option('--language <fr|en>', 'language of the interface and emails', 'fr')
    .option('--password-env <name>', 'read the password from this environment variable')
    .option('--db <url>', DB_OPTION_HELP)
    .action(
      async (options: {
        email: string;
        role: string;
        name?: string;
        client?: string;
        language: string;
        passwordEnv?: string;
        db?: string;
      }) => {
        if (!(ROLES as readonly string[]).includes(options.role)) {
          throw new CommandFailed(`unknown role "${options.role}": expected one of ${ROLES.join(', ')}`, EXIT.usage);
        }
        if (options.language !== 'fr' && options.language !== 'en') {
          throw new CommandFailed('--language: expected fr or en', EXIT.usage);
        }
        const config = configOrExit({ databaseUrl: options.db });
        const given = options.passwordEnv ? process.env[options.passwordEnv] : undefined;
        if (options.passwordEnv && !given)
          throw new CommandFailed(`the variable ${options.passwordEnv} is empty`, EXIT.usage);
        const password = given ?? cryptoRandomness.token().slice(0, 20);
        const created = await withStore(config.databaseUrl, (store) =>
          createUser(
            { store, clock: systemClock, random: cryptoRandomness, passwords: scryptPasswords() },
            SYSTEM_ACTOR,
            {
              email: options.email,
              name: options.name,
              role: options.role as Role,
              clientId: options.client ?? null,
              language: options.language as 'fr' | 'en',
              password,
            },
          ),
        );
        terminal.out(
          `Created ${created.email} (${created.role}${created.clientId ? `, client ${created.clientId}` : ''}).`,
        );
        if (!given) terminal.out(`Password, shown only this once: ${password}`);
      },
    );
}
