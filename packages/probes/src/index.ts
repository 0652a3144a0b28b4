export * from './probe';
export * from './result';
export * from './errors';
export * from './options';
export * from './address';
export * from './thresholds';
export * from './run-probe';
