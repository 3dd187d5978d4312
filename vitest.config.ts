import { defineConfig } from 'vitest/config';

// One root config; every package with tests contributes a project (its own vitest.config.ts).
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'tooling/*/vitest.config.ts',
      'examples/*/vitest.config.ts',
    ],
  },
});
