import { Graph, lint, type Node, type Value } from '@tsjit/ir';
import { opRegistry } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { graphFunctions, SymTensor, type TensorInfo } from '../src/index.js';

/** F in graph mode over a fresh graph whose inputs are the given tensors. */
function setup(...infos: TensorInfo[]) {
  const g = new Graph();
  const reader = { assume: () => {}, assumeData: () => {} };
  const newTensor = (value: Value, info: TensorInfo | undefined) => new SymTensor(reader, { backward: value }, info);
  const F = graphFunctions({
    backward: g,
    registry: opRegistry(),
    backwardValue: (t) => t.backward!,
    sizesValue: (t) => {
      const node = g.insert('aten::size', [t.backward!], 0);
      node.setSchema(opRegistry().find('aten::size')!.schema);
      return node.addOutput();
    },
    newTensor,
  });
  const inputs = infos.map((info, i) => newTensor(g.addInput(`x${i}`), info));
  return { g, F, inputs };
}
const producer = (t: unknown): Node => (t as SymTensor).backward!.node;
const overloadName = (t: unknown) => producer(t).maybeSchema()!.operatorName;

describe('graph-mode F', () => {
  it("resolves overloads as the eager F does, from the arguments' kinds", () => {
    const { F, inputs } = setup({ sizes: [2, 3], dtype: 'float32' });
    const [x] = inputs;
    expect(overloadName(F.mul(x, x))).toBe('aten::mul.Tensor');
    expect(overloadName(F.mul(x, 2.5))).toBe('aten::mul.Scalar');
    expect(overloadName(F.sum(x, [1], true))).toBe('aten::sum.dim_IntList');
    expect(overloadName(F.sum(x))).toBe('aten::sum');
    // Separate ints pack into the int[] argument, as PyTorch's Python binding does.
    expect(overloadName(F.permute(x, 1, 0))).toBe('aten::permute');
  });

  it('emits constants of the argument types and refined output types from meta', () => {
    const { g, F, inputs } = setup({ sizes: [2, 3], dtype: 'float32' });
    const y = F.mul(inputs[0], 2.5) as SymTensor;
    const s = F.sum(y, [1], true) as SymTensor;
    expect(s.sizes).toEqual([2, 1]);
    expect(s.dtype).toBe('float32');
    const d = F._toCopy(s, { dtype: 'float64' }) as SymTensor;
    expect(d.dtype).toBe('float64');
    g.registerOutput(d.backward!);
    lint(g);
    const text = g.toString();
    expect(text).toContain('prim::Constant[value=2.5]()');
    expect(text).toContain('Float(2, 1) = aten::sum(');
    // dtype=torch.float64 is ScalarType code 7.
    expect(text).toContain('int = prim::Constant[value=7]()');
  });

  it('passes F.sizes(t) on as aten::size(t), and sumTo reduces broadcast dims', () => {
    const { g, F, inputs } = setup({ sizes: [4, 3], dtype: 'float64' }, { sizes: [3], dtype: 'float64' });
    const [x, b] = inputs;
    const r = F.sumTo(x, F.sizes(b)) as SymTensor;
    expect(r.sizes).toEqual([3]);
    expect(F.sumTo(b, F.sizes(b))).toBe(b);
    g.registerOutput(r.backward!);
    lint(g);
    expect(producer(r).kind).toBe('aten::reshape');
    expect(producer(r).input(1).node.kind).toBe('aten::size');
    expect(producer(r).input(0).node.kind).toBe('aten::sum');
  });

  it('unpacks list results into tensors (split) and builds tensor lists (cat)', () => {
    const { g, F, inputs } = setup({ sizes: [5, 2], dtype: 'float32' });
    const parts = F.split(inputs[0], 2) as SymTensor[];
    expect(parts.map((p) => p.sizes)).toEqual([
      [2, 2],
      [2, 2],
      [1, 2],
    ]);
    const c = F.cat([parts[2], parts[0]], 0) as SymTensor;
    expect(c.sizes).toEqual([3, 2]);
    expect(producer(c).input(0).node.kind).toBe('prim::ListConstruct');
    g.registerOutput(c.backward!);
    lint(g);
  });

  it('refuses to read tensor data symbolically', () => {
    const { inputs } = setup({ sizes: [2], dtype: 'float32' });
    expect(() => inputs[0].data).toThrow(/data/);
  });
});
