import { preset } from '@tsjit/tsup-config';
import { defineConfig } from 'tsup';

// worker-entry.js is a file of its own in dist/: the worker pool starts it by URL. testing.js is the
// `@tsjit/jit/testing` subpath (the conformance fixtures' VALUE codec).
export default defineConfig(
  preset({
    entry: { index: 'src/index.ts', 'worker-entry': 'src/workers/worker-entry.ts', testing: 'src/testing/index.ts' },
  }),
);
