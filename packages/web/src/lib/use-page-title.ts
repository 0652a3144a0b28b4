import { useDocumentTitle } from '@mantine/hooks';

/** Names the browser tab after the page, so people with many tabs (and screen readers) know where they are. */
export function usePageTitle(title: string): void {
  useDocumentTitle(`${title} · Vigie`);
}
