import { Tensor } from '@tsjit/tensor';
import { expect } from 'vitest';

/**
 * Compares tensors (or arrays / Maps of them) with PyTorch goldens: same dtype and sizes, values
 * within `tol` relative-and-absolute (exactly equal for integer and bool tensors).
 */
export function expectTensorsClose(actual: unknown, expected: unknown, tol: number, where = ''): void {
  if (expected instanceof Map) {
    expect(actual, where).toBeInstanceOf(Map);
    const a = actual as Map<string, unknown>;
    expect([...a.keys()], where).toEqual([...expected.keys()]);
    for (const [k, v] of expected) expectTensorsClose(a.get(k), v, tol, `${where} ${k}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    const a = actual as unknown[];
    expect(a.length, where).toBe(expected.length);
    expected.forEach((e, i) => {
      expectTensorsClose(a[i], e, tol, `${where}[${i}]`);
    });
    return;
  }
  expect(expected, where).toBeInstanceOf(Tensor);
  expect(actual, where).toBeInstanceOf(Tensor);
  const a = actual as Tensor;
  const e = expected as Tensor;
  expect(a.dtype, where).toBe(e.dtype);
  expect(a.sizes, where).toEqual(e.sizes);
  const av = a.toFlatArray() as number[];
  const ev = e.toFlatArray() as number[];
  if (!a.isFloatingPoint() || tol === 0) {
    expect(av, where).toEqual(ev);
    return;
  }
  for (let i = 0; i < ev.length; i++) {
    const ok = Math.abs(av[i] - ev[i]) <= tol * (1 + Math.abs(ev[i])) || (Number.isNaN(av[i]) && Number.isNaN(ev[i]));
    if (!ok)
      expect(av[i], `${where} element ${i} (${av.slice(0, 8).join(', ')}... vs ${ev.slice(0, 8).join(', ')}...)`).toBe(
        ev[i],
      );
  }
}
