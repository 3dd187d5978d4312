import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IRParseError } from '../errors/ir-parse-error.js';
import { irTypeString } from '../graph/ir-type-string.js';
import { parseIR } from '../graph/parse-ir.js';
import { DictType } from './dict-type.js';
import { ListType } from './list-type.js';
import { OptionalType } from './optional-type.js';
import { StringType } from './simple-types.js';
import { SCALAR_TYPE_NAMES, TensorType } from './tensor-type.js';
import { TupleType } from './tuple-type.js';

const full = TensorType.create({
  scalarType: 'Float',
  sizes: [2, 3],
  strides: [3, 1],
  requiresGrad: false,
  device: 'cpu',
});

function parseType(text: string) {
  return parseIR(`graph(%x : ${text}):\n  return (%x)\n`).inputs[0].type;
}

describe('TensorType refinements', () => {
  it('prints the refined forms as PyTorch does (strings from tooling/fixtures/gen_traced_graphs.py)', () => {
    expect(irTypeString(full)).toBe('Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)');
    expect(
      irTypeString(
        TensorType.create({
          scalarType: 'Float',
          sizes: [null, 3],
          strides: [3, 1],
          device: 'cpu',
          requiresGrad: false,
        }),
      ),
    ).toBe('Float(*, 3, strides=[3, 1], requires_grad=0, device=cpu)');
    expect(irTypeString(TensorType.create({ scalarType: 'Long', sizes: [], requiresGrad: false, device: 'cpu' }))).toBe(
      'Long(requires_grad=0, device=cpu)',
    );
    expect(irTypeString(TensorType.create({ sizes: [2, null] }))).toBe('Tensor(2, *)');
    expect(irTypeString(TensorType.create({ sizes: [] }))).toBe('Tensor()');
    expect(irTypeString(TensorType.create({ scalarType: 'Half' }))).toBe('HalfTensor');
    expect(irTypeString(TensorType.create({ scalarType: 'Bool', device: 'cpu' }))).toBe('BoolTensor(device=cpu)');
    expect(irTypeString(TensorType.create({ device: 'cuda:1' }))).toBe('Tensor(device=cuda:1)');
    // Strides print only when every one is known.
    expect(irTypeString(TensorType.create({ scalarType: 'Double', sizes: [3, 2], strides: [null, 1] }))).toBe(
      'Double(3, 2)',
    );
    expect(irTypeString(TensorType.get())).toBe('Tensor');
  });

  it('keeps the schema and code spellings Tensor', () => {
    expect(full.annotationStr()).toBe('Tensor');
    expect(full.pythonStr()).toBe('Tensor');
    expect(ListType.of(full).annotationStr()).toBe('Tensor[]');
    expect(irTypeString(ListType.of(full))).toBe('Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)[]');
    expect(irTypeString(OptionalType.of(TensorType.create({ sizes: [] })))).toBe('Tensor()?');
    expect(irTypeString(DictType.of(StringType.get(), TensorType.create({ scalarType: 'Int' })))).toBe(
      'Dict(str, IntTensor)',
    );
  });

  it('creates the unrefined singleton when nothing is known', () => {
    expect(TensorType.create({})).toBe(TensorType.get());
    expect(TensorType.get().isUnrefined()).toBe(true);
    expect(full.isUnrefined()).toBe(false);
    expect(full.isComplete()).toBe(true);
    expect(TensorType.create({ scalarType: 'Float', sizes: [null] }).isComplete()).toBe(false);
    expect(full.dim()).toBe(2);
    expect(TensorType.get().dim()).toBeUndefined();
  });

  it('rejects inconsistent refinements', () => {
    expect(() => TensorType.create({ sizes: [2], strides: [1, 1] })).toThrow(RangeError);
    expect(() => TensorType.create({ strides: [1] })).toThrow(RangeError);
    expect(() => TensorType.create({ scalarType: 'Floaty' as 'Float' })).toThrow(RangeError);
  });

  it('compares structurally', () => {
    const again = TensorType.create({
      scalarType: 'Float',
      sizes: [2, 3],
      strides: [3, 1],
      requiresGrad: false,
      device: 'cpu',
    });
    expect(full.equals(again)).toBe(true);
    expect(full.equals(TensorType.get())).toBe(false);
    expect(
      full.equals(
        TensorType.create({ scalarType: 'Float', sizes: [2, 3], strides: [3, 1], requiresGrad: true, device: 'cpu' }),
      ),
    ).toBe(false);
    expect(TensorType.create({ sizes: [] }).equals(TensorType.get())).toBe(false);
    expect(TupleType.of([full]).equals(TupleType.of([again]))).toBe(true);
  });

  it("has PyTorch's subtyping: T <: U when U knows nothing T contradicts or lacks", () => {
    const partial = TensorType.create({
      scalarType: 'Float',
      sizes: [null, 3],
      strides: [3, 1],
      device: 'cpu',
      requiresGrad: false,
    });
    const anyRank2 = TensorType.create({ sizes: [null, null] });
    // These agree with torch._C.TensorType.isSubtypeOf in torch 1.13.
    expect(full.isSubtypeOf(TensorType.get())).toBe(true);
    expect(TensorType.get().isSubtypeOf(full)).toBe(false);
    expect(full.isSubtypeOf(partial)).toBe(true);
    expect(partial.isSubtypeOf(full)).toBe(false);
    expect(full.isSubtypeOf(anyRank2)).toBe(true);
    expect(full.isSubtypeOf(TensorType.create({ sizes: [null] }))).toBe(false);
    expect(full.isSubtypeOf(TensorType.create({ scalarType: 'Double' }))).toBe(false);
    expect(full.isSubtypeOf(TensorType.create({ device: 'cuda:0' }))).toBe(false);
    expect(TensorType.create({ scalarType: 'Float' }).isSubtypeOf(anyRank2)).toBe(false);
    expect(ListType.of(full).isSubtypeOf(ListType.of(TensorType.get()))).toBe(false); // List is invariant
    expect(TupleType.of([full]).isSubtypeOf(TupleType.of([TensorType.get()]))).toBe(true);
    expect(OptionalType.of(full).isSubtypeOf(OptionalType.of(TensorType.get()))).toBe(true);
  });

  it("agrees with torch's isSubtypeOf (test/fixtures/tensor-subtyping-torch-1.13.json)", () => {
    const path = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'tensor-subtyping-torch-1.13.json');
    const golden = JSON.parse(readFileSync(path, 'utf8')) as { types: string[]; subtype: string[] };
    const types = golden.types.map(parseType);
    expect(types.map(irTypeString)).toEqual(golden.types);
    expect(types.length).toBeGreaterThan(10);
    const ours = types.map((a) => types.map((b) => (a.isSubtypeOf(b) ? '1' : '0')).join(''));
    expect(ours).toEqual(golden.subtype);
  });

  it('parses every printed form back to an equal type', () => {
    for (const text of [
      'Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)',
      'Float(*, *, strides=[3, 1], requires_grad=0, device=cpu)',
      'Long(requires_grad=0, device=cpu)',
      'Double(3, strides=[1], requires_grad=1, device=cpu)',
      'Tensor(2, *)',
      'Tensor()',
      'HalfTensor',
      'BoolTensor(device=cpu)',
      'Tensor(device=cuda:0)',
      'QUInt4x2(1)',
      '(Int(), ComplexDouble(2, requires_grad=1))',
    ]) {
      const type = parseType(text);
      expect(irTypeString(type)).toBe(text);
      expect(parseType(irTypeString(type)).equals(type)).toBe(true);
    }
    expect(
      parseType('Float(requires_grad=0)').equals(
        TensorType.create({ scalarType: 'Float', sizes: [], requiresGrad: false }),
      ),
    ).toBe(true);
  });

  it('rejects malformed refinements with an IRParseError', () => {
    for (const text of [
      'Float',
      'Float(2, strides=[1, 1])',
      'Float(requires_grad=2)',
      'Float(device=cpu, requires_grad=0)',
      'Float(device=cpu, 2)',
      'Float(2, device=)',
      'Float(99999999999999999999)',
      'FloatTensor(2)',
      'FloatTensor(strides=[1])',
      'Float(2, strides=[x])',
      'Float(2',
    ]) {
      expect(() => parseType(text), text).toThrow(IRParseError);
    }
  });

  it('round-trips generated refinements (fast-check)', () => {
    const dim = fc.option(fc.nat({ max: 1 << 20 }), { nil: null });
    const refinement = fc
      .record(
        {
          scalarType: fc.option(fc.constantFrom(...SCALAR_TYPE_NAMES), { nil: undefined }),
          sizes: fc.option(fc.array(dim, { maxLength: 4 }), { nil: undefined }),
          requiresGrad: fc.option(fc.boolean(), { nil: undefined }),
          device: fc.option(fc.constantFrom('cpu', 'cuda:0', 'meta'), { nil: undefined }),
          withStrides: fc.boolean(),
        },
        { requiredKeys: [] },
      )
      .map(({ withStrides, ...r }) => ({
        ...r,
        strides: withStrides && r.sizes && r.sizes.length > 0 ? r.sizes.map((_, i) => i + 1) : undefined,
      }));
    fc.assert(
      fc.property(refinement, (r) => {
        const type = TensorType.create(r);
        // PyTorch prints a rank-0 tensor of unknown dtype with requires_grad or device as it prints one of
        // unknown rank (`Tensor(device=cpu)`); that reads back as unknown rank.
        const ambiguous =
          r.scalarType === undefined &&
          r.sizes?.length === 0 &&
          (r.requiresGrad !== undefined || r.device !== undefined);
        fc.pre(!ambiguous);
        const back = parseType(irTypeString(type));
        expect(back.equals(type)).toBe(true);
        expect(type.isSubtypeOf(TensorType.get())).toBe(true);
      }),
    );
  });
});
