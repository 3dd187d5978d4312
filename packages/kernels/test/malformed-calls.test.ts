// 1,000+ random malformed kernel calls (negative sizes, strides past the buffer end, wrong
// dtypes, mismatched shapes, bad scalars and dims): each one either succeeds or throws a typed
// KernelError, and the process lives. Each target builds a valid call; the fuzzer corrupts it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KernelError } from '../src/kernel-error.js';
import type { Strided } from '../src/strided.js';
import { targets } from './fuzz-targets.js';

type Arg = unknown;

function isStrided(a: Arg): a is Strided {
  if (typeof a !== 'object' || a === null) return false;
  const t = a as Strided;
  return t.data instanceof Uint8Array && Array.isArray(t.sizes) && Array.isArray(t.strides);
}

const badNumbers = [-1, -7, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 40, 2 ** 53, -(2 ** 31), 1e300];

/** One corruption of one strided argument. */
function corruptStrided(t: Strided, pick: number, r: number): Arg {
  const bad = badNumbers[Math.floor(r * badNumbers.length)];
  const d = t.sizes.length ? Math.floor(r * 1000) % t.sizes.length : 0;
  switch (pick % 15) {
    case 0:
      return { ...t, dtype: ['float128', 'int4', '', 'toString', 7][Math.floor(r * 5)] };
    case 1:
      return { ...t, sizes: t.sizes.map((s, i) => (i === d ? bad : s)) };
    case 2:
      return { ...t, strides: t.strides.map((s, i) => (i === d ? bad : s)) };
    case 3:
      return { ...t, offset: bad };
    case 4:
      return { ...t, offset: t.data.byteLength };
    case 5:
      return { ...t, data: t.data.subarray(0, Math.floor(t.data.byteLength * r)) };
    case 6:
      return { ...t, sizes: [...t.sizes, 3] };
    case 7:
      return { ...t, strides: t.strides.map((s) => s * 1000 + 1000) };
    case 8:
      return { ...t, sizes: t.sizes.map((s) => s + 1 + Math.floor(r * 3)) };
    case 9:
      return { ...t, data: [1, 2, 3] };
    case 10:
      return { ...t, sizes: new Array(17).fill(1), strides: new Array(17).fill(1) };
    case 11:
      return null;
    case 13:
      return t.data.buffer.byteLength > 1
        ? { ...t, data: new Uint8Array(t.data.buffer, 1, t.data.buffer.byteLength - 1) }
        : null;
    case 12:
      return { ...t, dtype: t.dtype === 'float32' ? 'int64' : 'float32' };
    default:
      return { ...t, sizes: t.sizes.slice(1), strides: t.strides.slice(1) };
  }
}

function corruptOther(a: Arg, r: number): Arg {
  if (typeof a === 'number') return [Number.NaN, -1, 1e300, 2.5, -(2 ** 60), 'x', undefined][Math.floor(r * 7)];
  if (typeof a === 'string') return ['', 'nope', 'constructor'][Math.floor(r * 3)];
  if (typeof a === 'boolean') return 'yes';
  if (Array.isArray(a)) return [...a, 99, -99];
  if (a && typeof a === 'object') return { ...(a as object), bogus: Number.NaN };
  return Number.NaN;
}

describe('malformed kernel calls', () => {
  it('covers every kernel family', () => {
    // One entry point per family at least (native/src/<family>.cc); a new family must add its own.
    const families = [
      'copy',
      'unary',
      'binary',
      'where',
      'sum',
      'softmax',
      'cumsum',
      'sort',
      'mm',
      'conv2d',
      'gather',
      'max_pool2d',
      'upsample2d',
    ];
    const names = targets.map((t) => t.name);
    for (const f of families) expect(names, f).toContain(f);
  });

  it('throw typed errors or succeed, never crash (1,000 cases)', () => {
    let typed = 0;
    let succeeded = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: targets.length - 1 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 0.999999, noNaN: true })), { minLength: 1, maxLength: 3 }),
        (which, seed, corruptions) => {
          const target = targets[which];
          const args = target.valid(seed);
          for (const [pick, r] of corruptions) {
            const i = pick % args.length;
            args[i] = isStrided(args[i])
              ? corruptStrided(args[i] as Strided, Math.floor(pick / args.length), r)
              : corruptOther(args[i], r);
          }
          try {
            target.call(args);
            succeeded++;
          } catch (e) {
            if (!KernelError.isInstance(e)) {
              throw new Error(
                `${target.name}: threw ${(e as Error)?.name}: ${(e as Error)?.message} (not a KernelError)`,
              );
            }
            typed++;
          }
        },
      ),
      { numRuns: 1000, seed: 20261126 },
    );
    // Most corruptions must be caught; a fuzzer whose calls all succeed would test nothing.
    expect(typed).toBeGreaterThan(500);
    expect(typed + succeeded).toBe(1000);
  });

  it('valid calls of every target succeed', () => {
    for (const t of targets) {
      for (let seed = 0; seed < 5; seed++) expect(() => t.call(t.valid(seed)), t.name).not.toThrow();
    }
  });
});
