/** The command that reboots the machine after `delayMs`, announced to logged-in users (pure: unit-tested). */
export function rebootCommand(platform: NodeJS.Platform, delayMs: number): { path: string; args: string[] } {
  const seconds = Math.max(0, Math.round(delayMs / 1000));
  const reason = 'Vigie: redémarrage demandé par le plan de continuité';
  if (platform === 'win32') return { path: 'shutdown.exe', args: ['/r', '/t', String(seconds), '/c', reason] };
  // shutdown(8) counts in minutes: at least one, so the result reaches the server first.
  return { path: 'shutdown', args: ['-r', `+${Math.max(1, Math.ceil(seconds / 60))}`, reason] };
}
