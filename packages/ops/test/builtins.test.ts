/**
 * TorchScript's builtins on non-tensor values: every overload called with generated arguments of
 * its schema's types gives a value or a typed OpError (never another exception), their goldens'
 * values keep Python's types (a float stays a float, a tuple a tuple), and the value semantics the
 * compiler and interpreter rely on (lists shared by reference, dict keys, printing).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { JitType } from '@tsjit/ir';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDouble, ivalueString, PyDevice, tuple } from '../src/groups/py-values.js';
import {
  allOps,
  FloatScalar,
  materialize,
  type OpContext,
  OpError,
  OpRegistry,
  type Overload,
  plainContext,
  SampleBuilder,
  tensorFromValues,
} from '../src/index.js';
import { builtinsOps } from '../src/lists/builtins.js';

const registry = new OpRegistry(allOps);
const base = plainContext(registry);
const printed: string[] = [];
const ctx: OpContext = Object.assign(Object.create(base), {
  print: (text: string) => printed.push(text),
  warn: (text: string) => printed.push(text),
});

/** The builtin overloads: prim ops, the builtins list, and aten overloads with no tensor in or out. */
function isBuiltin(o: Overload): boolean {
  return (
    o.schema.namespace !== 'aten' ||
    builtinsOps.includes(o.op) ||
    [...o.schema.arguments, ...o.schema.returns].every((a) => !a.type.annotationStr().includes('Tensor'))
  );
}
const builtins = registry.allOverloads.filter(isBuiltin);

const smallInt = fc.oneof(
  fc.integer({ min: -6, max: 6 }),
  fc.integer(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
);
const anyFloat = fc.oneof(
  fc.double(),
  fc.integer({ min: -5, max: 5 }).map((v) => new FloatScalar(v)),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0.5),
);
const text = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', ' a b ', '12', '{}', '%d', 'abc'));
const tensor = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }), fc.constantFrom('float32', 'int64', 'bool'))
  .map(([sizes, dtype]) => {
    const n = sizes.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: n }, (_, i) => (dtype === 'bool' ? i % 2 === 0 : i - 1));
    return tensorFromValues(ctx, values, sizes, dtype as 'float32');
  });
const simple = fc.oneof(smallInt, anyFloat, fc.boolean(), text, fc.constant(null));

function arb(type: JitType, depth = 0): fc.Arbitrary<unknown> {
  const contained = type.containedTypes();
  switch (type.kind) {
    case 'IntType':
    case 'SymIntType':
      return smallInt;
    case 'FloatType':
      return anyFloat;
    case 'NumberType':
      return fc.oneof(smallInt, anyFloat, fc.boolean());
    case 'BoolType':
      return fc.boolean();
    case 'StringType':
      return text;
    case 'NoneType':
      return fc.constant(null);
    case 'TensorType':
      return tensor;
    case 'DeviceObjType':
      return fc.constantFrom(new PyDevice('cpu'), new PyDevice('cuda:1'));
    case 'OptionalType':
      return fc.option(arb(contained[0], depth), { nil: null });
    case 'ListType':
      return fc.array(arb(contained[0], depth + 1), { maxLength: depth > 1 ? 1 : 4 });
    case 'TupleType':
      return fc.tuple(...contained.map((t) => arb(t, depth + 1))).map((items) => tuple(items));
    case 'DictType': {
      const [k, v] = contained;
      return fc
        .array(fc.tuple(arb(k, depth + 1), arb(v, depth + 1)), { maxLength: 3 })
        .map(
          (entries) => new Map(entries.map(([key, value]) => [key instanceof FloatScalar ? key.value : key, value])),
        );
    }
    case 'FutureType':
      return arb(contained[0], depth).map((value) => ({ wait: () => value }));
    case 'ScalarTypeType':
      return fc.constantFrom(4, 6, 7, 11);
    case 'LayoutType':
      return fc.constant(0);
    default:
      // Type variables and Any: any simple value or a list of them.
      return depth > 1 ? simple : fc.oneof(simple, fc.array(simple, { maxLength: 3 }), tensor);
  }
}

describe('every builtin overload, with generated arguments', () => {
  it('covers the builtins', () => {
    expect(builtins.length).toBeGreaterThan(300);
  });
  for (const o of builtins) {
    it(o.qualifiedName, () => {
      const args = o.schema.arguments.map((a) => arb(a.type));
      const extra = o.schema.isVararg ? fc.array(simple, { maxLength: 3 }) : fc.constant([]);
      fc.assert(
        fc.property(fc.tuple(...args), extra, (values, rest) => {
          try {
            o.impl(o.bind([...values, ...rest]), ctx, o);
          } catch (e) {
            if (!OpError.isInstance(e)) throw e;
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});

/** Whether a builtin's value has the Python type the golden records (stricter than the shared comparison). */
function typeMismatch(actual: unknown, expected: unknown, path = 'result'): string | null {
  if (expected === null) return actual === null ? null : `${path}: expected None`;
  if (typeof expected === 'number') {
    const ok = typeof actual === 'bigint' || (typeof actual === 'number' && Number.isInteger(actual));
    return ok ? null : `${path}: expected an int, got ${String(actual)}`;
  }
  if (typeof expected === 'boolean' || typeof expected === 'string') {
    return typeof actual === typeof expected ? null : `${path}: expected a ${typeof expected}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || Object.isFrozen(actual)) return `${path}: expected a list`;
    for (let i = 0; i < expected.length; i++) {
      const d = typeMismatch(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const e = expected as Record<string, any>;
  if ('$float' in e) {
    const ok = actual instanceof FloatScalar || (typeof actual === 'number' && !Number.isInteger(actual));
    return ok ? null : `${path}: expected a float, got ${String(actual)}`;
  }
  if ('$tuple' in e) {
    if (!Array.isArray(actual) || !Object.isFrozen(actual)) return `${path}: expected a tuple`;
    return typeMismatch([...actual], e.$tuple, path);
  }
  if ('$dict' in e) {
    if (!(actual instanceof Map)) return `${path}: expected a dict`;
    const entries = [...actual];
    for (let i = 0; i < e.$dict.length; i++) {
      const d = typeMismatch(entries[i]?.[1], e.$dict[i][1], `${path}{${i}}`);
      if (d) return d;
    }
  }
  return null;
}

describe('builtin values keep their Python types', () => {
  for (const op of builtinsOps) {
    const file = join(import.meta.dirname, 'goldens', `${op.name}.json.gz`);
    if (!existsSync(file)) continue;
    it(op.name, () => {
      const golden = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
      const samples = op.definition.samples(new SampleBuilder(op.name));
      samples.forEach((sample, i) => {
        const expected = golden.samples[i].expected;
        if (sample.check === 'meta') return;
        const o = registry.find(sample.overload.includes('::') ? sample.overload : `aten::${sample.overload}`)!;
        const run = () => o.impl(o.bind(sample.args.map((a) => materialize(ctx, a))), ctx, o);
        if (expected.error !== undefined) {
          // The Python exception type PyTorch raised (the class a script raised, for RaiseException).
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          const e = error as { pyType: string; pythonClass?: string | null };
          expect(e.pythonClass ?? e.pyType, `${sample.overload} sample ${i}`).toBe(expected.type);
          return;
        }
        const result = run();
        if (ctx.isTensor(result)) return;
        expect(typeMismatch(result, expected.value), `${sample.overload} sample ${i}`).toBeNull();
      });
    });
  }
});

describe('value semantics', () => {
  const call = (name: string, ...args: unknown[]) => {
    const o = registry.find(name)!;
    return o.impl(o.bind(args), ctx, o);
  };

  it('mutates lists in place and returns them from append', () => {
    const list = [1, 2];
    expect(call('aten::append.t', list, 3)).toBe(list);
    expect(list).toEqual([1, 2, 3]);
    call('aten::insert.t', list, 0, 0);
    call('aten::reverse.t', list);
    expect(list).toEqual([3, 2, 1, 0]);
    expect(call('aten::pop.t', list, -1)).toBe(0);
    expect(list).toEqual([3, 2, 1]);
  });

  it('finds float keys given as ints or FloatScalars', () => {
    const d = new Map<unknown, unknown>([[2, 'two']]);
    expect(call('aten::__getitem__.Dict_float', d, new FloatScalar(2))).toBe('two');
    expect(call('aten::keys.float', d)).toEqual([new FloatScalar(2)]);
    expect(() => call('aten::__getitem__.Dict_float', d, 3.5)).toThrow('KeyError: 3.5');
  });

  it('prints floats as IValues do', () => {
    expect(formatDouble(1)).toBe('1.');
    expect(formatDouble(0.1)).toBe('0.10000000000000001');
    expect(formatDouble(1e20)).toBe('1e+20');
    expect(formatDouble(1.5e17)).toBe('150000000000000000.');
    expect(formatDouble(5e-324)).toBe('4.9406564584124654e-324');
    expect(ivalueString(ctx, tuple([1]))).toBe('(1,)');
    expect(ivalueString(ctx, new Map([['a', [new FloatScalar(1)]]]))).toBe('{a: [1.]}');
  });

  it('prints through the context hook', () => {
    printed.length = 0;
    call('prim::Print', 'a', 1, new FloatScalar(2));
    expect(printed).toEqual(['a 1 2.']);
  });

  it('raises script exceptions with the Python class', () => {
    try {
      call('prim::RaiseException', 'boom', 'builtins.ValueError');
      expect.unreachable();
    } catch (e) {
      expect(OpError.isInstance(e)).toBe(true);
      expect((e as { pythonClass: string }).pythonClass).toBe('builtins.ValueError');
      expect((e as Error).message).toBe('boom');
    }
  });

  it('wraps int arithmetic like int64 and keeps big ints exact', () => {
    expect(call('aten::factorial.int', 25)).toBe(7034535277573963776n);
    expect(call('aten::hex', 2n ** 62n)).toBe('0x4000000000000000');
  });
});
