import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/graph/lint.js';
import { parseIR } from '../src/graph/parse-ir.js';

const DIR = join(import.meta.dirname, 'fixtures', 'graphs');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();

describe('PyTorch IR fixtures (tooling/fixtures/gen_ir_graphs.py)', () => {
  it('has the fixture files', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(40);
  });

  for (const file of FILES) {
    it(`${file}: parse then print gives PyTorch's text back`, () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const graph = parseIR(text);
      expect(graph.toString()).toBe(text);
      lint(graph);
      const copy = graph.copy();
      expect(copy.toString()).toBe(text);
      lint(copy);
    });
  }
});
