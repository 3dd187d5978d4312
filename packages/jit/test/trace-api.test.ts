/**
 * jit.trace's inputs, outputs and errors: nested tuple inputs and outputs, dict outputs under
 * `strict`, what cannot be traced (PyTorch's messages in substance), names and code.
 */
import { type Tensor, tensor, torchOps as torch } from '@tsjit/tensor';
import { describe, expect, test } from 'vitest';
import { TracingError, tensorTypeOf, trace, traceGraph } from '../src/index.js';

const f32 = (data: number[]) => tensor(data, { dtype: 'float32' });

describe('jit.trace inputs and outputs', () => {
  test('nested arrays are tuples in and out', () => {
    const fn = (a: Tensor, [b, [c]]: [Tensor, [Tensor]]) => [a.add(b), [b.mul(c)]];
    const traced = trace(fn, [f32([1, 2]), [f32([3, 4]), [f32([5, 6])]]]);
    // PyTorch: fn(Tensor a, (Tensor, (Tensor)) bc) -> ((Tensor, (Tensor))); a destructured JS
    // parameter has no name, so the input gets the name PyTorch gives unnamed graph inputs.
    expect(String(traced.schema)).toBe('fn(Tensor a, (Tensor, (Tensor)) argument_1) -> ((Tensor, (Tensor)))');
    const out = traced.call(f32([1, 1]), [f32([2, 2]), [f32([3, 4])]]) as [Tensor, [Tensor]];
    expect(out[0].toFlatArray()).toEqual([3, 3]);
    expect(out[1][0].toFlatArray()).toEqual([6, 8]);
  });

  test('a Map output needs strict: false, and is then a dict', () => {
    const fn = (x: Tensor) => new Map([['double', x.mul(2)]]);
    expect(() => trace(fn, [f32([1])])).toThrow(
      /^Encountering a dict at the output of the tracer might cause the trace to be incorrect/,
    );
    const traced = trace(fn, [f32([1, 2])], { strict: false });
    expect([...traced.graph.nodes()].map((n) => n.kind)).toContain('prim::DictConstruct');
    const out = traced.call(f32([3, 4])) as Map<string, Tensor>;
    expect(out.get('double')?.toFlatArray()).toEqual([6, 8]);
  });

  test('an input that is not a tensor cannot be traced', () => {
    expect(() => trace((x: Tensor, n: number) => x.mul(n), [f32([1]), 3])).toThrow(
      "Type 'number' cannot be traced. Only Tensors and (possibly nested) arrays of Tensors can be traced",
    );
  });

  test('an output that is not a tensor cannot be traced', () => {
    expect(() => trace((x: Tensor) => x.numel(), [f32([1])])).toThrow(TracingError);
  });

  test('a captured tensor that requires grad cannot become a constant', () => {
    const w = f32([1, 2]);
    w.requiresGrad = true;
    expect(() => trace((x: Tensor) => x.mul(w), [f32([1, 1])])).toThrow(
      'Cannot insert a Tensor that requires grad as a constant. Consider making it a parameter or input, or detaching the gradient',
    );
  });

  test('graph inputs are named after the parameters; code is TorchScript source', () => {
    const traced = trace(
      function scale(input: Tensor, weight: Tensor) {
        return input.mul(weight).sum();
      },
      [f32([1, 2]), f32([3, 4])],
    );
    expect(traced.name).toBe('scale');
    expect(traced.graph.inputs.map((v) => v.debugName())).toEqual(['input', 'weight']);
    expect(traced.code).toBe(
      // PyTorch 1.13's traced.code for the same function.
      'def scale(input: Tensor,\n    weight: Tensor) -> Tensor:\n  return torch.sum(torch.mul(input, weight))\n',
    );
  });

  test('an in-place op on an input is kept, and runs on the caller tensor', () => {
    const traced = trace(
      (x: Tensor) => {
        x.mul_(2);
        return x.add(1);
      },
      [f32([1, 2])],
    );
    const kinds = [...traced.graph.nodes()].map((n) => n.kind);
    expect(kinds).toContain('aten::mul_');
    const x = f32([5, 6]);
    expect((traced.call(x) as Tensor).toFlatArray()).toEqual([11, 13]);
    expect(x.toFlatArray()).toEqual([10, 12]);
  });

  test('an op on a captured tensor makes it a constant of the graph', () => {
    const bias = torch.ones([2]);
    const traced = trace((x: Tensor) => x.add(bias.mul(3)), [f32([1, 2])]);
    const constant = [...traced.graph.nodes()].find(
      (n) => n.kind === 'prim::Constant' && n.attributeKind('value') === 't',
    );
    expect(constant?.t('value')).toBe(bias);
    expect((traced.call(f32([0, 1])) as Tensor).toFlatArray()).toEqual([3, 4]);
  });
});

describe('traceGraph for module tracing', () => {
  test('prepare can add inputs first and resolve outside tensors to them (as parameters will be read)', () => {
    const weight = f32([2, 3]);
    const { graph } = traceGraph((x: Tensor) => x.mul(weight).add(weight), [f32([1, 1])], {
      prepare: (state) => {
        const w = state.graph.addInput('weight', tensorTypeOf(weight));
        state.externalValue = (t) => (t === weight ? w : undefined);
      },
    });
    expect(graph.inputs.map((v) => v.debugName())).toEqual(['weight', 'x']);
    expect(graph.toString({ sourceRanges: false })).toBe(
      'graph(%weight : Float(2, strides=[1], requires_grad=0, device=cpu),\n' +
        '      %x : Float(2, strides=[1], requires_grad=0, device=cpu)):\n' +
        '  %2 : Float(2, strides=[1], requires_grad=0, device=cpu) = aten::mul(%x, %weight)\n' +
        '  %3 : int = prim::Constant[value=1]()\n' +
        '  %4 : Float(2, strides=[1], requires_grad=0, device=cpu) = aten::add(%2, %weight, %3)\n' +
        '  return (%4)\n',
    );
  });
});
