import { describe, expect, it } from 'vitest';
import { CodePrinter, printFunctionCode } from '../src/index.js';
import { CodeFixtureContext, loadCodeGoldens } from './helpers/code-fixture.js';

const goldens = loadCodeGoldens();
const context = new CodeFixtureContext(goldens);

describe(`TorchScript code printer against PyTorch ${goldens.torch}`, () => {
  for (const c of goldens.cases) {
    it(`${c.kind} ${c.name}`, () => {
      if (c.kind === 'file') {
        expect(context.printFile(c.items)).toBe(c.expected);
        return;
      }
      const fn = context.function(c.functions[0]);
      const result = printFunctionCode(fn.graph, fn.schema, { method: c.kind === 'method' });
      expect(result.code).toBe(c.expected);
      if (c.constants) expect(result.constants.length).toBe(c.constants.length);
    });
  }
});
