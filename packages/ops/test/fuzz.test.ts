/**
 * Every overload called with arguments generated from its schema (small tensors of random dtype,
 * shape and layout; edge-case ints, floats, lists, None): the call succeeds or throws a typed
 * error (OpError, or KernelError for data-dependent failures), never another exception, a crash
 * or a hang.
 */
import type { JitType } from '@tsjit/ir';
import { KernelError } from '@tsjit/kernels';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  allOps,
  FloatScalar,
  OpError,
  OpRegistry,
  type Overload,
  plainContext,
  tensorFromValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const DTYPES = ['float32', 'float64', 'int64', 'int32', 'uint8', 'bool', 'float16', 'int8'] as const;
const RUNS = Number(process.env.TSJIT_FUZZ_RUNS ?? 12);

const tensorArb = fc
  .record({
    dtype: fc.constantFrom(...DTYPES),
    sizes: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
    layout: fc.constantFrom('contiguous', 'transposed', 'expanded'),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ dtype, sizes, layout, seed }) => {
    const n = sizes.reduce((a, b) => a * b, 1);
    const values = Array.from(
      { length: n },
      (_, i) => ((i * 7919 + seed) % 11) - 4 + (dtype.startsWith('float') ? 0.25 : 0),
    );
    const t = tensorFromValues(ctx, values, sizes, dtype);
    if (layout === 'transposed' && sizes.length >= 2) {
      const perm = [...sizes.keys()].reverse();
      return ctx.view(
        t,
        perm.map((d) => sizes[d]),
        perm.map((d) => t.strides[d]),
        0,
      );
    }
    if (layout === 'expanded' && sizes.length >= 1 && sizes[0] === 1) {
      return ctx.view(t, [3, ...sizes.slice(1)], [0, ...t.strides.slice(1)], 0);
    }
    return t;
  });

const intArb = fc.oneof(fc.integer({ min: -3, max: 5 }), fc.constantFrom(0, -1, 1, 2, 100, -100));
const floatArb = fc.oneof(
  fc.double({ min: -4, max: 4, noNaN: true }),
  fc.constantFrom(0, 0.5, -1.5, Number.NaN, Infinity),
);
const strArb = fc.constantFrom(
  'mean',
  'sum',
  'none',
  'floor',
  'trunc',
  'constant',
  'reflect',
  'replicate',
  'tanh',
  'bilinear',
  'x',
  '',
);

function valueArb(type: JitType, real: JitType): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case 'TensorType':
      return tensorArb;
    case 'IntType':
    case 'SymIntType':
      if (real.kind === 'ScalarTypeType') return fc.constantFrom(...DTYPES);
      return intArb;
    case 'FloatType':
      return floatArb;
    case 'NumberType':
      return fc.oneof(
        intArb,
        floatArb.map((v) => new FloatScalar(v)),
        fc.boolean(),
      );
    case 'BoolType':
      return fc.boolean();
    case 'StringType':
      return strArb;
    case 'OptionalType': {
      const e = (type as unknown as { elementType: JitType }).elementType;
      const r = real.kind === 'OptionalType' ? (real as unknown as { elementType: JitType }).elementType : real;
      return fc.oneof(fc.constant(null), valueArb(e, r));
    }
    case 'ListType': {
      const e = (type as unknown as { elementType: JitType }).elementType;
      const r = real.kind === 'ListType' ? (real as unknown as { elementType: JitType }).elementType : e;
      return fc.array(valueArb(e, r), { minLength: 0, maxLength: 4 });
    }
    default:
      return fc.constant(null);
  }
}

function argsArb(o: Overload): fc.Arbitrary<unknown[]> {
  return fc.tuple(...o.schema.arguments.map((a) => valueArb(a.type, a.realType)));
}

function isTypedError(e: unknown): boolean {
  return OpError.isInstance(e) || e instanceof KernelError;
}

// Ops whose random arguments could allocate without bound are still called: sizes stay tiny.
for (const op of allOps) {
  describe(op.name, () => {
    for (const o of op.overloads) {
      it(`${o.key}: typed error or success`, () => {
        fc.assert(
          fc.property(argsArb(o), (args) => {
            try {
              o.impl(o.bind(args), ctx, o);
            } catch (e) {
              if (!isTypedError(e)) {
                throw new Error(
                  `${o.qualifiedName} threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`,
                  { cause: e },
                );
              }
            }
          }),
          { numRuns: RUNS, seed: 42 },
        );
      });
    }
  });
}
