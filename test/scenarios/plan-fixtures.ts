import { seedPlanWithRealContacts } from '../../packages/server/src/testing/test-app';

/** The seed plan, every person real, with an SMS gateway as the fallback channel. */
export function scenarioPlan(smsGatewayUrl: string): string {
  const plan = seedPlanWithRealContacts();
  const channels = `  channels:
    - id: email
      type: email
      from: vigie@mediacontact.example
    - id: sms
      type: sms
      url: ${smsGatewayUrl}
  fallback: sms
`;
  const replaced = plan.replace(
    / {2}channels:\n {4}- id: email\n {6}type: email\n {6}from: vigie@mediacontact\.example\n/,
    channels,
  );
  if (replaced === plan) throw new Error('the seed plan changed: update the scenario fixture');
  return replaced;
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** The addresses of the seed plan's people, by group. */
export const TEAM = [
  'admin.si@mediacontact.example',
  'astreinte@mediacontact.example',
  'direction.operations@mediacontact.example',
  'relation.ocm@mediacontact.example',
  'qualite@mediacontact.example',
];
export const CRISIS_CELL = [
  'direction.operations@mediacontact.example',
  'admin.si@mediacontact.example',
  'relation.ocm@mediacontact.example',
  'astreinte@mediacontact.example',
];
export const OCM_IT = ['dsi.permanence@ocm.example'];
export const OCM_ALL = ['dsi.permanence@ocm.example', 'pilotage.centre-contacts@ocm.example'];
