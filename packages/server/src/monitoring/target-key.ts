/**
 * The host a check's target points at, for the per-target limit: several checks of one
 * server (its web page, its SQL port, its SSH) count against the same host.
 */
export function targetHost(kind: string, target: string | undefined): string {
  if (!target) return `kind:${kind}`;
  let rest = target.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]+)/i.exec(rest);
  if (url) rest = url[1]!;
  else {
    const sip = /^sips?:(?:[^@;?]*@)?([^;?]+)/i.exec(rest);
    if (sip) rest = sip[1]!;
    else if (rest.includes('@')) rest = rest.slice(rest.lastIndexOf('@') + 1);
  }
  if (rest.startsWith('[')) return rest.slice(0, rest.indexOf(']') + 1).toLowerCase();
  const colons = rest.split(':').length - 1;
  return (colons === 1 ? rest.slice(0, rest.indexOf(':')) : rest).toLowerCase();
}
