export { archive } from './archive';
export type { ArchiveSummary } from './archive-summary';
export type { ArchiveProgress } from './progress';
export { ArchiveOptionsSchema, parseArchiveOptions, type ArchiveOptions, type ArchiveOptionsInput } from './options';
export { ArchiveOptionsError, ArchiveUnavailableError } from './errors';
export { IndexBusyError } from './index-lock';
export { searchArchive, ArchiveQuerySchema, type ArchiveQueryInput, type ArchiveSearchResult } from './search-archive';
export { ArchiveEntrySchema, type ArchiveEntry } from './archive-entry';
