/**
 * The recurrent ops' fused backward (the forward saves its activations; the rule runs BPTT on
 * kernels) against the op-based rule that recomputes the forward: equal gradients for every cell
 * kind and layout, the fast path really taken, the fallbacks (create_graph, in-place changes,
 * a second backward) and the between-layer dropout against the per-layer composition.
 */
import { manualSeed, rnnFastPath } from '@tsjit/ops';
import { type Tensor, toNested, torchOps } from '@tsjit/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { autograd, installAutograd, noGrad } from '../src/index.js';

installAutograd();

// biome-ignore lint/suspicious/noExplicitAny: ops are called with PyTorch's loose argument kinds.
const T = torchOps as any;

type Kind = 'lstm' | 'gru' | 'rnn_tanh' | 'rnn_relu';
const OP: Record<Kind, string> = { lstm: 'lstm', gru: 'gru', rnn_tanh: 'rnnTanh', rnn_relu: 'rnnRelu' };
const GATES: Record<Kind, number> = { lstm: 4, gru: 3, rnn_tanh: 1, rnn_relu: 1 };

interface Config {
  readonly kind: Kind;
  readonly layers: number;
  readonly bidirectional: boolean;
  readonly batchFirst: boolean;
  readonly bias: boolean;
  readonly dtype?: 'float32' | 'float64';
  readonly dropout?: number;
  readonly steps?: number;
}

/** Seeded inputs and parameters of a config (leaves that require grad). */
function setup(c: Config) {
  const dtype = c.dtype ?? 'float64';
  const [S, B, I, H] = [c.steps ?? 5, 3, 4, 6];
  const dirs = c.bidirectional ? 2 : 1;
  manualSeed(11);
  const leaf = (sizes: number[], scale = 0.5) => T.mul(T.randn(sizes, { dtype }), scale).requiresGrad_() as Tensor;
  const params: Tensor[] = [];
  for (let l = 0; l < c.layers; l++) {
    for (let d = 0; d < dirs; d++) {
      const inSize = l === 0 ? I : dirs * H;
      params.push(leaf([GATES[c.kind] * H, inSize]), leaf([GATES[c.kind] * H, H]));
      if (c.bias) params.push(leaf([GATES[c.kind] * H]), leaf([GATES[c.kind] * H]));
    }
  }
  const input = leaf(c.batchFirst ? [B, S, I] : [S, B, I], 1);
  const hx = [leaf([c.layers * dirs, B, H])];
  if (c.kind === 'lstm') hx.push(leaf([c.layers * dirs, B, H]));
  // Fixed weights for the loss, so every output gets a distinct gradient.
  const outSizes = c.batchFirst ? [B, S, dirs * H] : [S, B, dirs * H];
  const wOut = T.randn(outSizes, { dtype }) as Tensor;
  const wH = T.randn([c.layers * dirs, B, H], { dtype }) as Tensor;
  return { input, hx, params, wOut, wH, leaves: [input, ...hx, ...params] };
}

function call(c: Config, s: ReturnType<typeof setup>, train = false): Tensor[] {
  const hx = c.kind === 'lstm' ? s.hx : s.hx[0];
  return T[OP[c.kind]](s.input, hx, s.params, c.bias, c.layers, c.dropout ?? 0, train, c.bidirectional, c.batchFirst);
}

function loss(s: ReturnType<typeof setup>, out: Tensor[]): Tensor {
  let l = T.add(T.sum(T.mul(out[0], s.wOut)), T.sum(T.mul(out[1], s.wH)));
  if (out.length > 2) l = T.add(l, T.sum(T.mul(T.mul(out[2], s.wH), 0.5)));
  return l;
}

/** Gradients of every leaf through the tape, with the fused backward enabled or not. */
function gradients(c: Config, fast: boolean, train = false, seed = 5): number[][] {
  rnnFastPath.enabled = fast;
  const s = setup(c);
  manualSeed(seed);
  const out = call(c, s, train);
  loss(s, out).backward();
  return s.leaves.map((t) => (toNested(t.grad!) as any).flat(3) as number[]);
}

function expectClose(a: number[][], b: number[][], tol: number): void {
  expect(a.length).toBe(b.length);
  a.forEach((g, i) => {
    expect(g.length).toBe(b[i].length);
    for (let k = 0; k < g.length; k++) {
      if (!(Math.abs(g[k] - b[i][k]) <= tol * (1 + Math.abs(b[i][k])))) {
        expect.fail(`leaf ${i} element ${k}: ${g[k]} vs ${b[i][k]}`);
      }
    }
  });
}

afterEach(() => {
  rnnFastPath.enabled = true;
});

const configs: Config[] = [];
for (const kind of ['lstm', 'gru', 'rnn_tanh', 'rnn_relu'] as const) {
  configs.push({ kind, layers: 1, bidirectional: false, batchFirst: false, bias: true });
  configs.push({ kind, layers: 2, bidirectional: true, batchFirst: true, bias: true });
  configs.push({ kind, layers: 3, bidirectional: false, batchFirst: true, bias: false });
  configs.push({ kind, layers: 2, bidirectional: true, batchFirst: false, bias: false, steps: 1 });
  configs.push({ kind, layers: 2, bidirectional: false, batchFirst: false, bias: true, dtype: 'float32' });
}

describe('the fused recurrent backward', () => {
  for (const c of configs) {
    const name = `${c.kind}, ${c.layers} layer(s)${c.bidirectional ? ', bidirectional' : ''}${c.batchFirst ? ', batch_first' : ''}${c.bias ? '' : ', no biases'}${c.steps === 1 ? ', one step' : ''}, ${c.dtype ?? 'float64'}`;
    it(`equals the op-based rule: ${name}`, () => {
      const before = { ...rnnFastPath };
      const fast = gradients(c, true);
      expect(rnnFastPath.saved).toBe(before.saved + 1);
      expect(rnnFastPath.backward).toBe(before.backward + 1);
      const slow = gradients(c, false);
      expect(rnnFastPath.fallback).toBe(before.fallback + 1);
      expectClose(fast, slow, c.dtype === 'float32' ? 2e-4 : 1e-10);
    });
  }

  for (const kind of ['lstm', 'gru', 'rnn_tanh'] as const) {
    it(`replays the between-layer dropout masks (${kind}), equal to the per-layer composition with aten::dropout`, () => {
      const c: Config = { kind, layers: 3, bidirectional: true, batchFirst: false, bias: true, dropout: 0.4 };
      const fast = gradients(c, true, true, 21);
      const slow = gradients(c, false, true, 21);
      expectClose(fast, slow, 1e-10);
      // The same network as one op per layer with dropout between them (the masks come from the
      // same generator draws in the same order), differentiated by the tape through aten::dropout.
      rnnFastPath.enabled = true;
      const s = setup(c);
      manualSeed(21);
      let x = s.input;
      const per = 8;
      const hN: Tensor[] = [];
      const cN: Tensor[] = [];
      for (let l = 0; l < c.layers; l++) {
        const h = s.hx.map((t) => T.narrow(t, 0, 2 * l, 2));
        const r = T[OP[kind]](
          x,
          kind === 'lstm' ? h : h[0],
          s.params.slice(l * per, (l + 1) * per),
          true,
          1,
          0.4,
          true,
          true,
          false,
        );
        hN.push(r[1]);
        if (kind === 'lstm') cN.push(r[2]);
        x = r[0];
        if (l < c.layers - 1) x = T.dropout(x, 0.4, true);
      }
      const out = [x, T.cat(hN, 0), ...(kind === 'lstm' ? [T.cat(cN, 0)] : [])];
      loss(s, out).backward();
      const composed = s.leaves.map((t) => (toNested(t.grad!) as any).flat(3) as number[]);
      expectClose(fast, composed, 1e-10);
      // The masks really dropped something: without dropout the gradients differ.
      const plain = gradients({ ...c, dropout: 0 }, true, true, 21);
      expect(plain[0].some((v, i) => Math.abs(v - fast[0][i]) > 1e-6)).toBe(true);
    });
  }

  it('gives the parameters the same gradients when the input needs none (its GEMM skipped)', () => {
    const c: Config = { kind: 'lstm', layers: 2, bidirectional: true, batchFirst: true, bias: true };
    const run = (fast: boolean) => {
      rnnFastPath.enabled = fast;
      const s = setup(c);
      s.input.requiresGrad = false;
      loss(s, call(c, s)).backward();
      expect(s.input.grad).toBe(null);
      return s.leaves.slice(1).map((t) => (toNested(t.grad!) as any).flat(3) as number[]);
    };
    const before = rnnFastPath.backward;
    const fast = run(true);
    expect(rnnFastPath.backward).toBe(before + 1);
    expectClose(fast, run(false), 1e-10);
  });

  it('keeps nothing without grad mode or without an argument that requires grad', () => {
    const c: Config = { kind: 'lstm', layers: 2, bidirectional: false, batchFirst: false, bias: true };
    const s = setup(c);
    const before = rnnFastPath.saved;
    noGrad(() => call(c, s));
    const plain = s.leaves.map((t) => T.detach(t));
    T.lstm(plain[0], [plain[1], plain[2]], plain.slice(3), true, 2, 0, false, false, false);
    expect(rnnFastPath.saved).toBe(before);
    call(c, s);
    expect(rnnFastPath.saved).toBe(before + 1);
  });

  it('runs again with retainGraph and fails a second backward without it, as PyTorch does', () => {
    const c: Config = { kind: 'gru', layers: 2, bidirectional: true, batchFirst: false, bias: true };
    const s = setup(c);
    const l = loss(s, call(c, s));
    const before = rnnFastPath.backward;
    l.backward(undefined, { retainGraph: true });
    const first = (toNested(s.params[0].grad!) as any).flat(2) as number[];
    l.backward();
    expect(rnnFastPath.backward).toBe(before + 2);
    const twice = (toNested(s.params[0].grad!) as any).flat(2) as number[];
    for (let i = 0; i < twice.length; i++) expect(twice[i]).toBeCloseTo(2 * first[i], 10);
    expect(() => l.backward()).toThrow('Trying to backward through the graph a second time');
  });

  it('falls back to the op-based rule under create_graph (the backward is recorded)', () => {
    const c: Config = { kind: 'lstm', layers: 1, bidirectional: false, batchFirst: false, bias: true, steps: 3 };
    const s = setup(c);
    const before = { ...rnnFastPath };
    const [gx] = autograd.grad([loss(s, call(c, s))], [s.input], undefined, { createGraph: true });
    expect(rnnFastPath.fallback).toBe(before.fallback + 1);
    expect(rnnFastPath.backward).toBe(before.backward);
    expect(gx.requiresGrad).toBe(true);
    const fast = gradients(c, true);
    expectClose([(toNested(gx) as any).flat(3)], [fast[0]], 1e-10);
  });

  it('reports a parameter changed in place after the forward, as PyTorch does', () => {
    const c: Config = { kind: 'lstm', layers: 1, bidirectional: false, batchFirst: false, bias: true };
    const s = setup(c);
    const l = loss(s, call(c, s));
    noGrad(() => T.add_(s.params[1], 1));
    expect(() => l.backward()).toThrow('modified by an inplace operation');
  });
});
