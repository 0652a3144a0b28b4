/** Text safe inside an XML element or a double- or single-quoted attribute (SVG badges, Atom feeds). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
