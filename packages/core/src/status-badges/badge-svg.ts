import type { Badge } from './status-badge';
import { escapeXml } from './escape-xml';

/** Widths in pixels of Verdana's characters at 11 px, by kind: close enough to size a badge. */
function characterWidth(char: string): number {
  if (/[iIl.,:;|!'’]/.test(char)) return 3.5;
  if (/[fjrt()[\] \u202f]/.test(char)) return 4.5;
  if (/[mwMW%]/.test(char)) return 10;
  if (/[A-Z]/.test(char)) return 7.5;
  return 6.6;
}

function textWidth(text: string): number {
  return Math.round([...text].reduce((width, char) => width + characterWidth(char), 0));
}

const PADDING = 6;

/** Ids of the badge's own gradient and clip, from its words: badges drawn in one page keep their own. */
function idsOf(badge: Badge): { gradient: string; clip: string } {
  let hash = 0x811c9dc5;
  for (const char of `${badge.label}\u0000${badge.message}\u0000${badge.colour}`) {
    hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  }
  const suffix = hash.toString(36);
  return { gradient: `vigie-badge-s-${suffix}`, clip: `vigie-badge-r-${suffix}` };
}

/** A badge in the flat style people know from project pages, as SVG, with its text for readers of the page. */
export function badgeSvg(badge: Badge): string {
  const labelWidth = textWidth(badge.label) + 2 * PADDING;
  const messageWidth = textWidth(badge.message) + 2 * PADDING;
  const width = labelWidth + messageWidth;
  const label = escapeXml(badge.label);
  const message = escapeXml(badge.message);
  const colour = /^#[0-9a-f]{6}$/i.test(badge.colour) ? badge.colour : '#868e96';
  const { gradient, clip } = idsOf(badge);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${label} : ${message}">`,
    `<title>${label} : ${message}</title>`,
    `<linearGradient id="${gradient}" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="${clip}"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#${clip})"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${messageWidth}" height="20" fill="${colour}"/><rect width="${width}" height="20" fill="url(#${gradient})"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${labelWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${label}</text><text x="${labelWidth / 2}" y="14">${label}</text>`,
    `<text x="${labelWidth + messageWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${message}</text><text x="${labelWidth + messageWidth / 2}" y="14">${message}</text>`,
    `</g></svg>`,
  ].join('');
}
