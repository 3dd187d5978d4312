import { describe, expect, it } from 'vitest';
import { parseIR, printFunctionCode, printGraph } from '../src/index.js';
import { CodeFixtureContext, loadCodeGoldens } from './helpers/code-fixture.js';

const goldens = loadCodeGoldens();
const context = new CodeFixtureContext(goldens);

// Every case: the graph PyTorch printed the code from, parsed from its IR text, printed by our
// printer; the text must be PyTorch's, character for character.
describe(`TorchScript code printer against PyTorch ${goldens.torch}`, () => {
  it('has the cases the generator writes', () => {
    expect(goldens.cases.length).toBeGreaterThan(200);
    const kinds = new Set(goldens.cases.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['file', 'function', 'method']);
  });

  for (const c of goldens.cases) {
    it(`${c.kind} ${c.name}`, () => {
      if (c.kind === 'file') {
        expect(context.printFile(c.items)).toBe(c.expected);
        return;
      }
      const fn = context.function(c.functions[0]);
      const result = printFunctionCode(fn.graph, fn.schema, { method: c.kind === 'method' });
      expect(result.code).toBe(c.expected);
      // PyTorch's table for the frozen modules: one entry per distinct tensor.
      if (c.constants) expect(result.constants.length).toBe(c.constants.length);
    });
  }
});

describe('printing is deterministic', () => {
  const functionCases = goldens.cases.flatMap((c) => (c.kind === 'file' ? [] : [c]));

  it('prints the same graph twice to the same text, and a copy of it too', () => {
    for (const c of functionCases) {
      const fn = context.function(c.functions[0]);
      const first = printFunctionCode(fn.graph, fn.schema).code;
      expect(printFunctionCode(fn.graph, fn.schema).code, c.name).toBe(first);
      expect(printFunctionCode(fn.graph.copy(), fn.schema).code, c.name).toBe(first);
    }
  });

  it('prints a graph read back from its own IR text to the same code', () => {
    for (const c of functionCases) {
      const fn = context.function(c.functions[0]);
      const reparsed = parseIR(printGraph(fn.graph));
      const schemas = [...fn.graph.allNodes()].map((n) => n.explicitSchema());
      [...reparsed.allNodes()].forEach((node, i) => {
        node.setSchema(schemas[i]);
      });
      // Function constants: the IR text writes `Function`; take the types over from the original.
      const original = [...fn.graph.allNodes()];
      [...reparsed.allNodes()].forEach((node, i) => {
        node.outputs.forEach((v, j) => {
          v.setType(original[i].outputs[j].type);
        });
      });
      reparsed.inputs.forEach((v, i) => {
        v.setType(fn.graph.inputs[i].type);
      });
      expect(printFunctionCode(reparsed, fn.schema).code, c.name).toBe(printFunctionCode(fn.graph, fn.schema).code);
    }
  });
});
