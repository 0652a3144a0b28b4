export * from './archiver/index';
