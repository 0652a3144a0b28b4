export * from './main';
export * from './config';
export * from './db/connect';
export * from './db/migrate';
export * from './db/kysely-store';
export * from './http/app';
export * from './plan-catalog';
