import { defineProject } from 'vitest/config';

// Training runs for a few seconds on one core: generous timeouts, no timing assertions.
export default defineProject({
  test: {
    name: 'example-train-classifier',
    include: ['test/**/*.test.mjs'],
    testTimeout: 120_000,
  },
});
