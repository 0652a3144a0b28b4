#!/usr/bin/env node
// Runs the TypeScript sources directly: no build step between a clone and a running Vigie.
import process from 'node:process';
import { register } from 'tsx/esm/api';

// Probes resolve host names on libuv's thread pool, which scrypt and file reads share: a
// slow DNS must not stall sign-ins. Set before the pool starts (it starts on first use).
process.env.UV_THREADPOOL_SIZE ??= '16';
register();
await import('../src/cli/main.ts');
