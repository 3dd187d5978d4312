// The one tsup preset every tsjit package builds with: ESM only, Node 20, types bundled,
// no minification (stack traces must point at readable code).
/** @param {import('tsup').Options} overrides */
export function preset(overrides = {}) {
  return {
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    ...overrides,
  };
}
