#!/usr/bin/env node
// Runs the TypeScript sources directly: the agent installs and runs without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
