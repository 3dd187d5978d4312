/**
 * The BPTT derivative rules of lstm / gru / rnn_tanh / rnn_relu (input and packed data overloads) against PyTorch's
 * autograd (test/fixtures/rnn-grads.json, made by tooling/fixtures/gen_rnn_grad_goldens.py). The
 * rules run on the plain context's F (the real ops).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allOps, OpRegistry, plainContext, type TensorLike, tensorFromValues, tensorValues } from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);

type T = TensorLike;
const F = ctx.F;

interface Flat {
  sizes: number[];
  data: number[];
}
const tensor = (f: Flat) => tensorFromValues(ctx, f.data, f.sizes, 'float64');
const cases = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'rnn-grads.json'), 'utf8')) as any[];

function close(actual: T, expected: Flat, what: string): void {
  expect([...actual.sizes], what).toEqual(expected.sizes);
  const got = tensorValues(ctx, actual);
  got.forEach((v, i) => {
    expect(Math.abs(v - expected.data[i]), `${what}[${i}]: ${v} vs ${expected.data[i]}`).toBeLessThan(
      1e-9 + 1e-7 * Math.abs(expected.data[i]),
    );
  });
}

describe('recurrent derivative rules (BPTT) against PyTorch autograd', () => {
  for (const [n, k] of cases.entries()) {
    const name = `${n}: ${k.kind}${k.packed ? ' packed' : ''} layers=${k.layers} bidirectional=${k.bidirectional} batch_first=${k.batch_first} biases=${k.has_biases}`;
    it(name, () => {
      const overload = registry.find(`aten::${k.kind}.${k.packed ? 'data' : 'input'}`)!;
      const hx = k.hx.map(tensor);
      const common = [
        k.kind === 'lstm' ? hx : hx[0],
        k.params.map(tensor),
        k.has_biases,
        k.layers,
        0,
        false,
        k.bidirectional,
      ];
      const args = overload.bind(
        k.packed
          ? [tensor(k.input), tensorFromValues(ctx, k.batch_sizes, [k.batch_sizes.length], 'int64'), ...common]
          : [tensor(k.input), ...common, k.batch_first],
      );
      const result = overload.impl(args, ctx, overload);
      const grads = k.upstream.map(tensor);
      const rule = overload.op.derivativeFor(overload)!;
      const g = rule(F, { ...args, grad: grads[0], grads, result });
      close(k.packed ? g.data : g.input, k.grad_input, 'input');
      const gh = k.kind === 'lstm' ? g.hx : [g.hx];
      for (const [i, e] of (k.grad_hx as Flat[]).entries()) close(gh[i], e, `hx[${i}]`);
      for (const [i, e] of (k.grad_params as Flat[]).entries()) close(g.params[i], e, `params[${i}]`);
    });
  }
});
