import { defineProject } from 'vitest/config';

// The tests run the built CLI (dist/main.js) as a child process: `pnpm test` builds first.
export default defineProject({
  test: {
    name: 'cli',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
