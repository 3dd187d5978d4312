/**
 * The BPTT derivative rules of lstm / gru / rnn_tanh / rnn_relu (input and packed data overloads) against PyTorch's
 * autograd (test/fixtures/rnn-grads.json, made by tooling/fixtures/gen_rnn_grad_goldens.py). The
 * rules are written against F; the ops they call belong to other families, so this test gives them
 * a small F over kernels (float64) with the same call signatures.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as K from '@tsjit/kernels';
import { describe, expect, it } from 'vitest';
import { Calc } from '../src/groups/nn-math.js';
import { allOps, OpRegistry, plainContext, type TensorLike, tensorFromValues, tensorValues } from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const c = new Calc(ctx, 'float64');

type T = TensorLike;
const sel = (t: T, dim: number, i: number): T =>
  ctx.view(
    t,
    t.sizes.filter((_, d) => d !== dim),
    t.strides.filter((_, d) => d !== dim),
    t.offset + i * t.strides[dim],
  );
const F: Record<string, (...args: any[]) => any> = {
  select: sel,
  narrow: (t: T, dim: number, start: number, n: number) => c.narrow(t, dim, start, n),
  transpose: (t: T, a: number, b: number) => c.transpose(t, a, b),
  t: (t: T) => c.transpose(t, 0, 1),
  matmul: (a: T, b: T) => c.matmul(a, b),
  add: (a: T, b: T | number) => c.add(a, b),
  sub: (a: T, b: T | number) => c.sub(a, b),
  mul: (a: T, b: T | number) => c.mul(a, b),
  rsub: (a: T, b: number) => c.sub(b, a),
  sigmoid: (a: T) => c.un('sigmoid', a),
  tanh: (a: T) => c.un('tanh', a),
  relu: (a: T) => c.un('relu', a),
  gt: (a: T, b: number) => c.cmp('gt', a, b),
  zerosLike: (a: T) => c.full(a.sizes, 0),
  sum: (a: T, dims: number[]) => c.sum(a, dims),
  chunk: (a: T, n: number, dim: number) => {
    const size = a.sizes[dim] / n;
    return Array.from({ length: n }, (_, i) => c.narrow(a, dim, i * size, size));
  },
  cat: (list: T[], dim: number) => {
    const sizes = [...list[0].sizes];
    sizes[dim] = list.reduce((s, t) => s + t.sizes[dim], 0);
    const out = c.empty(sizes);
    K.cat(
      out,
      list.map((t) => c.t(t)),
      dim,
    );
    return out;
  },
  stack: (list: T[], dim: number) => {
    const sizes = [...list[0].sizes];
    sizes.splice(dim, 0, list.length);
    const out = c.empty(sizes);
    K.stack(
      out,
      list.map((t) => c.t(t)),
      dim,
    );
    return out;
  },
};

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
