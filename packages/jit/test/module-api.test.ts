import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from '../src/load/load.js';
import { archiveCaseNames, fixturesPresent as present, FIXTURES as ROOT } from './support/save-fixtures.js';

function casesWithParamGrads(): string[] {
  return archiveCaseNames().filter((name) => {
    const c = JSON.parse(readFileSync(join(ROOT, name, 'case.json'), 'utf8'));
    return c.backward && Object.keys(c.backward.param_grads ?? {}).length > 0;
  });
}

// Skips only where ../shared/fixtures/torchscript is absent (a user's clone); CI has the fixtures.
describe.skipIf(!present)('a loaded module as PyTorch shows it', () => {
  // The fixtures list the parameters that got gradients by their named_parameters() names, in
  // that order: ours must name the same tensors in the same order.
  it.each(casesWithParamGrads())('%s: namedParameters names and order', (name) => {
    const c = JSON.parse(readFileSync(join(ROOT, name, 'case.json'), 'utf8'));
    const expected = Object.keys(c.backward.param_grads);
    const module = load(join(ROOT, name, 'model.pt'));
    const names = module.namedParameters().map(([n]) => n);
    expect(names.filter((n) => expected.includes(n))).toEqual(expected);
    for (const [n, t] of module.namedParameters()) expect(module.stateDict().get(n)).toBe(t);
  });

  it('shows forward as a method with its graph and code, and submodules by name', () => {
    const module = load(join(ROOT, 'nn_sequential_mlp', 'model.pt'));
    expect(module.code).toMatch(/^def forward\(self/);
    expect(module.method('forward').schema.toString()).toMatch(/^forward\(__torch__\./);
    expect(module.graph.toString()).toMatch(/^graph\(%self/);
    expect(module.namedModules().map(([n]) => n)[0]).toBe('');
    expect(module.namedChildren().length).toBeGreaterThan(0);
    expect(module.methodNames).toContain('forward');
  });
});
