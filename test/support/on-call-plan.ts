/**
 * A plan text (the seed's, or one derived from it) whose on-call rotation `astreinte-technique`
 * has these people, in turn, each for a week from `from`.
 */
export function withWeeklyRotation(planText: string, people: readonly string[], from: string): string {
  const rotation = /^( {4}people: )\[technicien-astreinte\]\n( {4}every: )1w\n( {4}from: )'[^']+'\n/m;
  const replaced = planText.replace(rotation, `$1[${people.join(', ')}]\n$21w\n$3'${from}'\n`);
  if (replaced === planText) throw new Error('the seed plan changed: update withWeeklyRotation');
  return replaced;
}
