import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIST_DIR } from '../../../packages/server/src/http/web-app';

export interface InitialDownload {
  files: string[];
  jsBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
}

/** What a browser fetches before the first page shows: index.html's scripts, preloads and styles, gzipped. */
export function measureInitialDownload(distDir = WEB_DIST_DIR): InitialDownload {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((match) => match[1] ?? '');
  let jsBytes = 0;
  let jsGzipBytes = 0;
  let cssGzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(distDir, file));
    const gzipped = gzipSync(content, { level: 9 }).length;
    if (file.endsWith('.js')) {
      jsBytes += content.length;
      jsGzipBytes += gzipped;
    } else {
      cssGzipBytes += gzipped;
    }
  }
  return { files, jsBytes, jsGzipBytes, cssGzipBytes };
}
