/**
 * Traces of representative functions against PyTorch 1.13's torch.jit.trace of the same functions
 * (tooling/fixtures/gen_trace_goldens.py): the nodes in order with their kinds, schemas, input
 * counts and output types (shapes included), the graph's input and output types, and the outputs
 * of the traced function on the example inputs and on a second input set. Value names and source
 * ranges are not compared (PyTorch names values after Python variables).
 */
import { readFileSync } from 'node:fs';
import { irTypeString, type Node } from '@tsjit/ir';
import { fromArray, type Tensor, tensor, torchOps as torch } from '@tsjit/tensor';
import { describe, expect, test } from 'vitest';
import { type ScriptFunction, script, trace } from '../src/index.js';

interface EncodedTensor {
  dtype: string;
  sizes: number[];
  values: (number | boolean)[];
}
type Encoded = EncodedTensor | Encoded[];
interface Golden {
  name: string;
  inputTypes: string[];
  outputTypes: string[];
  nodes: { kind: string; schema: string | null; inputs: number; outputTypes: string[]; value?: unknown }[];
  runs: { inputs: Encoded[]; outputs: Encoded }[];
}

const goldens: Golden[] = JSON.parse(readFileSync(new URL('./fixtures/trace-goldens.json', import.meta.url), 'utf8'));

const CAPTURED = tensor([0.5, -1.0, 2.0]);

// The generator's `@torch.jit.script def helper`, from the same TorchScript source.
const helper = script(
  'def helper(x, k: int):\n    if bool(x.sum() > 0):\n        return x * k\n    return -x\n',
) as ScriptFunction;

// The TypeScript twins of the Python functions of the generator, by case name.
const FUNCTIONS: Record<string, (...args: any[]) => unknown> = {
  mlp: (x: Tensor, w: Tensor, b: Tensor) => x.mm(w).add(b).relu(),
  arith: (x: Tensor) => x.mul(2).add(1).div(3).sub(x),
  inplace_view: (x: Tensor) => {
    const y = x.view(6);
    y.add_(1);
    const s = x.select(0, 0);
    return [x.select(1, 2), s];
  },
  softmax_sum: (x: Tensor) => x.softmax(-1).sum(1, true),
  cat_chunk: (x: Tensor, y: Tensor) => {
    const [a, b] = torch.cat([x, y], 0).chunk(2, 1);
    return a.mul(b);
  },
  captured_constant: (x: Tensor) => x.add(CAPTURED),
  tuple_input: ([a, b]: Tensor[]) => [a.mul(b), a.sub(b)],
  reshape_matmul: (x: Tensor, y: Tensor) => x.reshape(3, 2).t().matmul(y),
  where_compare: (x: Tensor, y: Tensor) => torch.where(x.gt(0), x, y),
  max_dim: (x: Tensor) => {
    const [v, i] = x.max(1) as unknown as Tensor[];
    return [v, i];
  },
  to_dtype: (x: Tensor) => x.to('float64').exp(),
  unbind_stack: (x: Tensor) => {
    const parts = x.unbind(0);
    return torch.stack([parts[1], parts[0]], 0);
  },
  masked_fill_pow: (x: Tensor) => x.maskedFill(x.lt(0), 0.5).pow(2),
  nn_functional: (x: Tensor, w: Tensor, b: Tensor) =>
    torch
      .dropout(torch.layerNorm(torch.linear(x, w, b), [2]), 0.5, false)
      .transpose(0, 1)
      .contiguous(),
  indexing: (x: Tensor, idx: Tensor) => [x.cumsum(0), x.argmax(1), x.indexSelect(0, idx), x.narrow(1, 1, 2)],
  from_data: (x: Tensor) =>
    x
      .add(tensor([1.5, 2]))
      .add(tensor(3))
      .add(tensor([[true]], { dtype: 'float64' })),
  factories: (x: Tensor) =>
    x
      .add(torch.zeros([2, 3]))
      .add(torch.zerosLike(x))
      .add(torch.onesLike(x, { dtype: 'float64' }))
      .add(torch.fullLike(x, 2)),
  calls_script: (x: Tensor) => (helper.call(x, 3) as Tensor).relu().add(1),
};

/** A constant node's value as the generator writes it (PyTorch's `toIValue()`). */
function constantValue(n: Node): unknown {
  if (n.output().type.kind === 'FunctionType') return `function ${n.s('name')}`;
  if (!n.hasAttribute('value')) return null;
  switch (n.attributeKind('value')) {
    case 'i': {
      const v = Number(n.i('value'));
      return n.output().type.kind === 'BoolType' ? v !== 0 : v;
    }
    case 'f':
      return n.f('value');
    case 's':
      return n.s('value');
    case 't': {
      const t = n.t('value') as Tensor;
      return { dtype: t.dtype, sizes: [...t.sizes], values: t.toFlatArray() };
    }
    default:
      return `<${n.attributeKind('value')}>`;
  }
}

function decode(e: Encoded): unknown {
  if (Array.isArray(e)) return e.map(decode);
  return fromArray(e.values as number[], e.sizes, { dtype: e.dtype });
}

function expectClose(actual: unknown, expected: Encoded): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    const items = actual as unknown[];
    expect(items.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) expectClose(items[i], expected[i]);
    return;
  }
  const t = actual as Tensor;
  expect(t.dtype).toBe(expected.dtype);
  expect([...t.sizes]).toEqual(expected.sizes);
  const values = t.toFlatArray().map(Number);
  for (let i = 0; i < expected.values.length; i++) expect(values[i]).toBeCloseTo(Number(expected.values[i]), 5);
}

describe('jit.trace matches torch.jit.trace', () => {
  test('every golden case has a TypeScript twin', () => {
    expect(goldens.map((g) => g.name).sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });

  for (const golden of goldens) {
    test(golden.name, () => {
      const fn = FUNCTIONS[golden.name];
      const example = golden.runs[0].inputs.map(decode);
      const traced = trace(fn, example, { checkTrace: false });
      const graph = traced.graph;
      expect(graph.inputs.map((v) => irTypeString(v.type))).toEqual(golden.inputTypes);
      expect(graph.outputs.map((v) => irTypeString(v.type))).toEqual(golden.outputTypes);
      const nodes = [...graph.nodes()].map((n) => ({
        kind: n.kind,
        schema: n.kind.startsWith('aten::') ? n.schema().toString() : null,
        inputs: n.inputs.length,
        outputTypes: n.outputs.map((o) => irTypeString(o.type)),
        ...(n.kind === 'prim::Constant' ? { value: constantValue(n) } : {}),
      }));
      const expected = golden.nodes.map((n) => ({ ...n, schema: n.kind.startsWith('aten::') ? n.schema : null }));
      expect(nodes).toEqual(expected);
      for (const run of golden.runs) {
        const inputs = run.inputs.map(decode);
        expectClose(traced.call(...inputs), run.outputs);
      }
    });
  }
});
