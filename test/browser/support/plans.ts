import { seedPlanWithRealContacts } from '../../../packages/server/src/testing/test-app';

/**
 * The seed plan with every person real (messages are sent) and a second client,
 * `autre`: Patch Hermès concerns OCM only, other threats both clients.
 */
export function planWithTwoClients(): string {
  return seedPlanWithRealContacts()
    .replace(
      'clients:\n  - id: ocm\n',
      'clients:\n  - id: autre\n    name: Autre client\n    contacts:\n      - id: autre-dsi\n        name: DSI Autre\n        email: dsi@autre.example\n  - id: ocm\n',
    )
    .replace('  - id: patch-hermes\n', '  - id: patch-hermes\n    clients: [ocm]\n');
}
