/**
 * A matcher for a pattern on file names: `*` stands for any characters, `?` for one, anything
 * else for itself; case is ignored, as Windows does (a job may write `CRM.BAK` or `crm.bak`).
 */
export function fileNameMatcher(pattern: string): (name: string) => boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, 'is');
  return (name) => regex.test(name);
}
