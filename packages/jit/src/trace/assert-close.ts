import type { DType } from '@tsjit/ops';
import { readValues, type Tensor } from '@tsjit/tensor';

/** PyTorch's default (rtol, atol) of `torch.testing.assert_close` for a dtype. */
export function defaultTolerances(...dtypes: DType[]): { rtol: number; atol: number } {
  let rtol = 0;
  let atol = 0;
  for (const d of dtypes) {
    const [r, a] = TOLERANCES[d] ?? [0, 0];
    rtol = Math.max(rtol, r);
    atol = Math.max(atol, a);
  }
  return { rtol, atol };
}
const TOLERANCES: Partial<Record<DType, [number, number]>> = {
  float16: [1e-3, 1e-5],
  bfloat16: [1.6e-2, 1e-5],
  float32: [1.3e-6, 1e-5],
  float64: [1e-7, 1e-7],
};

/** Python's `repr` of a float: `2.0`, `0.5`, `1e-05`, `inf`, `nan`. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const ax = Math.abs(x);
  if (ax !== 0 && (ax < 1e-4 || ax >= 1e16)) {
    const [m, e] = x.toExponential().split('e');
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[+-]/, '').padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

function isFloating(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64' || dtype === 'float16' || dtype === 'bfloat16';
}

function sizeRepr(sizes: readonly number[]): string {
  return `torch.Size([${sizes.join(', ')}])`;
}

function indexRepr(flat: number, sizes: readonly number[]): string {
  if (sizes.length === 0) return '()';
  const index: number[] = [];
  for (let d = sizes.length - 1; d >= 0; d--) {
    index.unshift(flat % sizes[d]);
    flat = Math.floor(flat / sizes[d]);
  }
  return index.length === 1 ? `(${index[0]},)` : `(${index.join(', ')})`;
}

function asNumbers(t: Tensor): number[] {
  return readValues(t).map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : Number(v)));
}

/**
 * `torch.testing.assert_close(actual, expected, rtol, atol, equal_nan=True)` on values compared
 * as doubles: undefined when close, else PyTorch's message ("Tensor-likes are not close!",
 * mismatched elements, greatest absolute and relative differences with their indices).
 */
export function closeMismatch(actual: Tensor, expected: Tensor, rtol: number, atol: number): string | undefined {
  if (actual.sizes.length !== expected.sizes.length || actual.sizes.some((s, i) => s !== expected.sizes[i])) {
    return `The values for attribute 'shape' do not match: ${sizeRepr(actual.sizes)} != ${sizeRepr(expected.sizes)}.`;
  }
  const a = asNumbers(actual);
  const b = asNumbers(expected);
  let mismatches = 0;
  let maxAbs = 0;
  let maxAbsAt = 0;
  let maxRel = 0;
  let maxRelAt = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
    const abs = Math.abs(x - y);
    if (abs <= atol + rtol * Math.abs(y)) continue;
    mismatches++;
    const rel = abs / Math.abs(y);
    // torch.max takes the first greatest (a NaN difference wins, as in torch.max).
    if (abs > maxAbs || (Number.isNaN(abs) && !Number.isNaN(maxAbs))) [maxAbs, maxAbsAt] = [abs, i];
    if (rel > maxRel || (Number.isNaN(rel) && !Number.isNaN(maxRel))) [maxRel, maxRelAt] = [rel, i];
  }
  if (mismatches === 0) return undefined;
  const percent = ((mismatches / a.length) * 100).toFixed(1);
  // Integer tensors give an integer absolute difference (compared as doubles, they would not).
  const integral = !isFloating(actual.dtype) && !isFloating(expected.dtype);
  const absText = integral ? String(maxAbs) : pythonFloat(maxAbs);
  const equality = rtol === 0 && atol === 0;
  const tol = (t: number) => (equality ? '' : ` (up to ${pythonFloat(t)} allowed)`);
  return (
    `Tensor-likes are not ${equality ? 'equal' : 'close'}!\n\n` +
    `Mismatched elements: ${mismatches} / ${a.length} (${percent}%)\n` +
    `Greatest absolute difference: ${absText} at index ${indexRepr(maxAbsAt, actual.sizes)}${tol(atol)}\n` +
    `Greatest relative difference: ${pythonFloat(maxRel)} at index ${indexRepr(maxRelAt, actual.sizes)}${tol(rtol)}`
  );
}
