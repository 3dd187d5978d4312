import { describe, expect, it } from 'vitest';
import { KernelError } from './kernel-error.js';
import { type RnnCellKind, rnnCell } from './rnn.js';
import { availableKernelPaths } from './runtime.js';
import type { Strided } from './strided.js';
import { rng, withPath } from './test-utils.js';

type F = 'float32' | 'float64';

/** A [rows, width] matrix inside a larger buffer: row stride `width + pad`, starting at element `offset`. */
function mat(dtype: F, rows: number, width: number, values: number[], pad = 0, offset = 0): Strided {
  const stride = width + pad;
  const n = offset + (rows > 0 ? (rows - 1) * stride + width : 0) + pad;
  const arr = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  arr.fill(Number.NaN);
  for (let r = 0; r < rows; r++) for (let j = 0; j < width; j++) arr[offset + r * stride + j] = values[r * width + j];
  return { data: new Uint8Array(arr.buffer), dtype, sizes: [rows, width], strides: [stride, 1], offset };
}

function read(t: Strided): number[] {
  const arr = t.dtype === 'float32' ? new Float32Array(t.data.buffer) : new Float64Array(t.data.buffer);
  const out: number[] = [];
  for (let r = 0; r < t.sizes[0]; r++)
    for (let j = 0; j < t.sizes[1]; j++) out.push(arr[t.offset + r * t.strides[0] + j]);
  return out;
}

const sig = (x: number) => 1 / (1 + Math.exp(-x));
const randoms = (r: () => number, n: number, scale = 2) => Array.from({ length: n }, () => (r() * 2 - 1) * scale);

/** The cell's forward and backward in double precision, element by element: the reference. */
function reference(kind: RnnCellKind, B: number, H: number, x: Record<string, number[]>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const G = { lstm: 4, gru: 3, rnn_tanh: 1, rnn_relu: 1 }[kind];
  const z = (n: number) => new Array<number>(n).fill(0);
  if (kind === 'lstm') {
    Object.assign(out, { acts: z(B * 4 * H), c: z(B * H), h: z(B * H), dGates: z(B * 4 * H), dcPrev: z(B * H) });
  } else if (kind === 'gru') {
    Object.assign(out, { acts: z(B * 3 * H), h: z(B * H), dGi: z(B * 3 * H), dGh: z(B * 3 * H), dhPrev: z(B * H) });
  } else {
    Object.assign(out, { h: z(B * H), dGates: z(B * H) });
  }
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < H; j++) {
      const g = (k: number, v: number[]) => v[b * G * H + k * H + j];
      const e = b * H + j;
      const dh = x.dh[e] + x.dh2[e];
      if (kind === 'lstm') {
        const [i, f, gg, o] = [sig(g(0, x.gates)), sig(g(1, x.gates)), Math.tanh(g(2, x.gates)), sig(g(3, x.gates))];
        const c = f * x.cPrev[e] + i * gg;
        [i, f, gg, o].forEach((v, k) => {
          out.acts[b * 4 * H + k * H + j] = v;
        });
        out.c[e] = c;
        out.h[e] = o * Math.tanh(c);
        // Backward from the saved activations of this same forward.
        const tc = Math.tanh(c);
        const dct = dh * o * (1 - tc * tc) + x.dc[e];
        const d = [
          dct * gg * i * (1 - i),
          dct * x.cPrev[e] * f * (1 - f),
          dct * i * (1 - gg * gg),
          dh * tc * o * (1 - o),
        ];
        d.forEach((v, k) => {
          out.dGates[b * 4 * H + k * H + j] = v;
        });
        out.dcPrev[e] = dct * f;
      } else if (kind === 'gru') {
        const r = sig(g(0, x.gi) + g(0, x.gh));
        const zz = sig(g(1, x.gi) + g(1, x.gh));
        const n = Math.tanh(g(2, x.gi) + r * g(2, x.gh));
        [r, zz, n].forEach((v, k) => {
          out.acts[b * 3 * H + k * H + j] = v;
        });
        out.h[e] = (1 - zz) * n + zz * x.hPrev[e];
        const dn = dh * (1 - zz) * (1 - n * n);
        const dz = dh * (x.hPrev[e] - n) * zz * (1 - zz);
        const dr = dn * g(2, x.gh) * r * (1 - r);
        [dr, dz, dn].forEach((v, k) => {
          out.dGi[b * 3 * H + k * H + j] = v;
        });
        [dr, dz, dn * r].forEach((v, k) => {
          out.dGh[b * 3 * H + k * H + j] = v;
        });
        out.dhPrev[e] = dh * zz;
      } else {
        const pre = x.gates[e];
        const h = kind === 'rnn_tanh' ? Math.tanh(pre) : Math.max(pre, 0);
        out.h[e] = h;
        out.dGates[e] = kind === 'rnn_tanh' ? dh * (1 - h * h) : h > 0 ? dh : 0;
      }
    }
  }
  return out;
}

function expectClose(got: number[], want: number[], dtype: F): void {
  const tol = dtype === 'float32' ? 2e-6 : 1e-13;
  expect(got.length).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    if (Math.abs(got[i] - want[i]) > tol * (1 + Math.abs(want[i]))) {
      expect.fail(`element ${i}: got ${got[i]}, expected ${want[i]}`);
    }
  }
}

/** Runs forward then backward of one cell through the kernel (operands padded and offset). */
function runKernel(kind: RnnCellKind, dtype: F, B: number, H: number, x: Record<string, number[]>, pad: number) {
  const G = { lstm: 4, gru: 3, rnn_tanh: 1, rnn_relu: 1 }[kind];
  const m = (w: number, v: number[]) => mat(dtype, B, w, v, pad, 3);
  const zeros = (w: number) => m(w, new Array(B * w).fill(0));
  const h = zeros(H);
  const got: Record<string, number[]> = {};
  if (kind === 'lstm') {
    const gates = m(4 * H, x.gates);
    const cPrev = m(H, x.cPrev);
    const c = zeros(H);
    rnnCell('lstm', false, B, H, [gates, cPrev, c, h, null, null, null, null]);
    const dG = zeros(4 * H);
    const dc = m(H, x.dc);
    // dc is updated in place into dcPrev.
    rnnCell('lstm', true, B, H, [gates, cPrev, c, m(H, x.dh), m(H, x.dh2), dc, dG, dc]);
    Object.assign(got, { acts: read(gates), c: read(c), h: read(h), dGates: read(dG), dcPrev: read(dc) });
  } else if (kind === 'gru') {
    const gi = m(3 * H, x.gi);
    const gh = m(3 * H, x.gh);
    const hPrev = m(H, x.hPrev);
    rnnCell('gru', false, B, H, [gi, gh, hPrev, h, null, null, null, null]);
    const [dGi, dGh] = [zeros(3 * H), zeros(3 * H)];
    // dh2 doubles as dhPrev (read then written element by element, as the rule uses it).
    const dh2 = m(H, x.dh2);
    rnnCell('gru', true, B, H, [gi, gh, hPrev, m(H, x.dh), dh2, dGi, dGh, dh2]);
    Object.assign(got, { acts: read(gi), h: read(h), dGi: read(dGi), dGh: read(dGh), dhPrev: read(dh2) });
  } else {
    const gates = m(G * H, x.gates);
    rnnCell(kind, false, B, H, [gates, null, null, h, null, null, null, null]);
    const dG = zeros(H);
    rnnCell(kind, true, B, H, [h, null, null, m(H, x.dh), m(H, x.dh2), null, dG, null]);
    Object.assign(got, { h: read(h), dGates: read(dG) });
  }
  return got;
}

describe('rnnCell', () => {
  const kinds: RnnCellKind[] = ['lstm', 'gru', 'rnn_tanh', 'rnn_relu'];
  it('matches a double-precision reference on every kernel path, dtype and row layout', () => {
    const r = rng(7);
    for (const path of availableKernelPaths()) {
      for (const kind of kinds) {
        for (const dtype of ['float32', 'float64'] as const) {
          // Hidden sizes around the vector widths (4, 8, 16 lanes) to cover the element tails.
          for (const [B, H, pad] of [
            [1, 1, 0],
            [3, 5, 2],
            [2, 16, 0],
            [4, 19, 5],
            [2, 37, 1],
          ]) {
            const G = { lstm: 4, gru: 3, rnn_tanh: 1, rnn_relu: 1 }[kind];
            const x = {
              gates: randoms(r, B * G * H, 3),
              gi: randoms(r, B * 3 * H, 3),
              gh: randoms(r, B * 3 * H, 3),
              cPrev: randoms(r, B * H),
              hPrev: randoms(r, B * H, 1),
              dh: randoms(r, B * H, 1),
              dh2: randoms(r, B * H, 1),
              dc: randoms(r, B * H, 1),
            };
            // Round the inputs to the dtype so that the reference sees what the kernel sees.
            if (dtype === 'float32')
              for (const k of Object.keys(x)) (x as any)[k] = Array.from(Float32Array.from((x as any)[k]));
            const got = withPath(path, () => runKernel(kind, dtype, B, H, x, pad));
            const want = reference(kind, B, H, x);
            for (const name of Object.keys(want)) expectClose(got[name], want[name], dtype);
          }
        }
      }
    }
  });

  it('treats absent gradient operands as zeros', () => {
    const B = 2;
    const H = 9;
    const r = rng(3);
    const gates = mat('float32', B, 4 * H, randoms(r, B * 4 * H));
    const cPrev = mat('float32', B, H, randoms(r, B * H));
    const c = mat('float32', B, H, new Array(B * H).fill(0));
    const h = mat('float32', B, H, new Array(B * H).fill(0));
    rnnCell('lstm', false, B, H, [gates, cPrev, c, h, null, null, null, null]);
    const dh = randoms(r, B * H);
    const dGa = mat('float32', B, 4 * H, new Array(B * 4 * H).fill(0));
    const dGb = mat('float32', B, 4 * H, new Array(B * 4 * H).fill(0));
    const dcA = mat('float32', B, H, new Array(B * H).fill(0));
    const dcB = mat('float32', B, H, new Array(B * H).fill(0));
    const zero = mat('float32', B, H, new Array(B * H).fill(0));
    rnnCell('lstm', true, B, H, [gates, cPrev, c, mat('float32', B, H, dh), null, null, dGa, dcA]);
    rnnCell('lstm', true, B, H, [gates, cPrev, c, zero, mat('float32', B, H, dh), zero, dGb, dcB]);
    expect(read(dGa)).toEqual(read(dGb));
    expect(read(dcA)).toEqual(read(dcB));
    expect(read(dGa).some((v) => v !== 0)).toBe(true);
  });

  it('validates its operands', () => {
    const m = (w: number, dtype: F = 'float32') => mat(dtype, 2, w, new Array(2 * w).fill(0));
    const expectError = (fn: () => void, text: string) => {
      try {
        fn();
        expect.fail('no error');
      } catch (e) {
        expect(e).toBeInstanceOf(KernelError);
        expect((e as Error).message).toContain(text);
      }
    };
    expectError(() => rnnCell('lstm', false, 2, 3, [m(12), m(3), m(3), null, null, null, null, null]), 'h is required');
    expectError(
      () => rnnCell('lstm', false, 2, 3, [m(11), m(3), m(3), m(3), null, null, null, null]),
      'gates must have sizes [2, 12]',
    );
    expectError(
      () => rnnCell('lstm', false, 2, 3, [m(12), m(3, 'float64'), m(3), m(3), null, null, null, null]),
      'dtype float64',
    );
    expectError(() => rnnCell('rnn_tanh', false, 2, 3, [m(3), m(3), null, m(3), null, null, null, null]), 'unused');
    expectError(() => rnnCell('gru', false, 2, 3, [m(9), m(9), m(3), m(3)]), 'expected 8 operands');
    const transposed = { ...m(3), strides: [1, 2] };
    expectError(
      () => rnnCell('rnn_relu', false, 2, 3, [m(3), null, null, transposed, null, null, null, null]),
      'contiguous rows',
    );
    const small = { ...m(3), data: new Uint8Array(8) };
    expectError(
      () => rnnCell('rnn_relu', false, 2, 3, [small, null, null, m(3), null, null, null, null]),
      'reaches byte',
    );
  });
});
