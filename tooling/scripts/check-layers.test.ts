import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { checkLayers } from './check-layers.mjs';

let root: string;

function write(path: string, text: string) {
  const p = join(root, path);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
}

function pkg(dir: string, name: string, deps: Record<string, string> = {}) {
  write(`${dir}/package.json`, JSON.stringify({ name, dependencies: deps }));
}

// Import lines for the fixture files, assembled so that this file itself contains none.
const from = (spec: string) => `import { x } from ${JSON.stringify(spec)};\n`;
const reexport = (spec: string) => `export { x } from ${JSON.stringify(spec)};\n`;
const dynamic = (spec: string) => `const m = await import(${JSON.stringify(spec)});\n`;

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('check-layers', () => {
  it('accepts imports from lower layers that are declared', () => {
    root = mkdtempSync(join(tmpdir(), 'layers-'));
    pkg('packages/kernels', '@tsjit/kernels');
    pkg('packages/tensor', '@tsjit/tensor', { '@tsjit/kernels': 'workspace:*' });
    write('packages/tensor/src/a.ts', from('@tsjit/kernels') + from('./b.js') + from('node:fs'));
    expect(checkLayers(root)).toEqual([]);
  });

  it('rejects an import from a higher layer, even when declared', () => {
    root = mkdtempSync(join(tmpdir(), 'layers-'));
    pkg('packages/kernels', '@tsjit/kernels', { '@tsjit/tensor': 'workspace:*' });
    pkg('packages/tensor', '@tsjit/tensor');
    write('packages/kernels/src/a.ts', reexport('@tsjit/tensor'));
    const problems = checkLayers(root);
    expect(problems.some((p: string) => p.includes('imports @tsjit/tensor (layer 2)'))).toBe(true);
    expect(
      problems.some((p: string) => p.includes('package.json: @tsjit/kernels (layer 0) depends on @tsjit/tensor')),
    ).toBe(true);
  });

  it('rejects sideways imports within a layer and undeclared packages', () => {
    root = mkdtempSync(join(tmpdir(), 'layers-'));
    pkg('packages/ir', '@tsjit/ir');
    pkg('packages/kernels', '@tsjit/kernels');
    write('packages/kernels/src/a.ts', dynamic('@tsjit/ir') + from('lodash/fp'));
    const problems = checkLayers(root);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/imports @tsjit\/ir \(layer 0\)/);
    expect(problems.join('\n')).toMatch(/imports lodash, which .* does not declare/);
  });

  it('rejects packages importing apps and packages without a layer', () => {
    root = mkdtempSync(join(tmpdir(), 'layers-'));
    pkg('apps/cli', '@tsjit/cli');
    pkg('packages/nn', '@tsjit/nn', { '@tsjit/cli': 'workspace:*' });
    pkg('packages/mystery', '@tsjit/mystery');
    write('packages/nn/src/a.ts', from('@tsjit/cli'));
    const problems = checkLayers(root).join('\n');
    expect(problems).toMatch(/imports @tsjit\/cli/);
    expect(problems).toMatch(/@tsjit\/mystery has no layer/);
  });

  it('does not mistake strings and comments for imports', () => {
    root = mkdtempSync(join(tmpdir(), 'layers-'));
    pkg('packages/kernels', '@tsjit/kernels');
    write('packages/kernels/src/a.ts', `const s = ${JSON.stringify(from('@tsjit/tensor'))};\n// ${from('lodash')}`);
    expect(checkLayers(root)).toEqual([]);
  });
});
