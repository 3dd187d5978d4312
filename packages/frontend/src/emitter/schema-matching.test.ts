import {
  BoolType,
  ComplexType,
  DeviceObjType,
  DictType,
  FloatType,
  IntType,
  ListType,
  NoneType,
  NumberType,
  OptionalType,
  parseSchema,
  printGraph,
  StringType,
  TensorType,
  TupleType,
  type Value,
} from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { rangeAt, testContext } from '../../test/support/emit-context.js';
import { FrontendError } from '../errors/frontend-error.js';
import type { NamedValue } from './contracts.js';
import { chooseOverload, emitBuiltinCall, matchSchema } from './schema-matching.js';
import { SchemaRegistry } from './schema-registry.js';

const r = rangeAt(3);
const nv = (value: Value, name?: string): NamedValue =>
  name === undefined ? { value, range: r } : { value, range: r, name };

/** The graph's nodes other than constants, as `kind(overload)` strings with their input types. */
function calls(ctx: ReturnType<typeof testContext>): string[] {
  const out: string[] = [];
  for (const node of ctx.graph.nodes()) {
    if (node.kind === 'prim::Constant') continue;
    const schema = node.explicitSchema();
    const name = schema ? schema.operatorName : node.kind;
    out.push(
      `${name}(${node.inputs.map((v) => v.type.annotationStr()).join(', ')}) -> ${node.outputs.map((v) => v.type.annotationStr()).join(', ')}`,
    );
  }
  return out;
}

describe('emitBuiltinCall: overload choice', () => {
  it('picks aten::add.Tensor for two tensors and fills alpha from the schema default', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const y = ctx.input('y', TensorType.get());
    const out = emitBuiltinCall(ctx, ctx.registry, 'aten::add', [nv(x), nv(y)], [], r);
    expect(out.node.schema().operatorName).toBe('aten::add.Tensor');
    expect(out.node.inputs.length).toBe(3);
    expect(out.node.input(2).node.kind).toBe('prim::Constant');
    expect(out.node.input(2).node.i('value')).toBe(1);
    expect(out.node.sourceRange).toEqual({ file: 'test.py', line: 1, col: 2 });
  });

  it('picks the scalar overloads of aten::add for ints and floats', () => {
    const ctx = testContext();
    const i = ctx.input('i', IntType.get());
    const f = ctx.input('f', FloatType.get());
    expect(emitBuiltinCall(ctx, ctx.registry, 'aten::add', [nv(i), nv(i)], [], r).node.schema().operatorName).toBe(
      'aten::add.int',
    );
    expect(emitBuiltinCall(ctx, ctx.registry, 'aten::add', [nv(i), nv(f)], [], r).type).toEqual(FloatType.get());
    expect(emitBuiltinCall(ctx, ctx.registry, 'aten::add', [nv(f), nv(i)], [], r).node.schema().operatorName).toBe(
      'aten::add.float_int',
    );
  });

  it('emits the body of the builtin function add(int a, Tensor b) for 1 + x', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const one = ctx.graph.insertConstant(1);
    const out = emitBuiltinCall(ctx, ctx.registry, 'aten::add', [nv(one), nv(x)], [], r);
    expect(out.node.kind).toBe('aten::add');
    expect(out.node.schema().operatorName).toBe('aten::add.Scalar');
    expect(out.node.input(0)).toBe(x);
    expect(out.node.input(1)).toBe(one);
  });

  it('turns varargs into the trailing int[] (x.view(2, 3)) and skips the blocklisted view.dtype', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const two = ctx.graph.insertConstant(2);
    const three = ctx.graph.insertConstant(3);
    const out = emitBuiltinCall(ctx, ctx.registry, 'aten::view', [nv(two), nv(three)], [], r, nv(x, 'self'));
    expect(out.node.schema().operatorName).toBe('aten::view');
    const list = out.node.input(1);
    expect(list.node.kind).toBe('prim::ListConstruct');
    expect(list.node.inputs).toEqual([two, three]);
    expect(list.type.equals(ListType.of(IntType.get()))).toBe(true);
    // view(6) with one int is still the size overload, never view.dtype.
    const single = emitBuiltinCall(ctx, ctx.registry, 'aten::view', [nv(two)], [], r, nv(x, 'self'));
    expect(single.node.schema().operatorName).toBe('aten::view');
  });

  it('repeats an int for an int[N] parameter (torch.sum(x, 1) → dim=[1])', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const one = ctx.graph.insertConstant(1);
    const out = emitBuiltinCall(ctx, ctx.registry, 'aten::sum', [nv(x), nv(one)], [], r);
    expect(out.node.schema().operatorName).toBe('aten::sum.dim_IntList');
    expect(out.node.input(1).node.kind).toBe('prim::ListConstruct');
    expect(out.node.input(1).node.inputs).toEqual([one]);
  });

  it('takes dtype as an int keyword and leaves the other keyword-only defaults to the schema', () => {
    const ctx = testContext();
    const two = ctx.graph.insertConstant(2);
    const dtype = ctx.graph.insertConstant(6);
    const out = emitBuiltinCall(ctx, ctx.registry, 'aten::zeros', [nv(two)], [nv(dtype, 'dtype')], r);
    expect(out.node.schema().operatorName).toBe('aten::zeros');
    expect(out.node.input(1)).toBe(dtype);
    expect(out.node.inputs.slice(2).map((v) => v.type.kind)).toEqual(['NoneType', 'NoneType', 'NoneType']);
  });

  it('converts a tensor for an int parameter with aten::IntImplicit only when nothing matches without conversions', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const three = ctx.graph.insertConstant(3);
    const out = emitBuiltinCall(ctx, ctx.registry, 'aten::floordiv', [nv(three), nv(x)], [], r);
    expect(out.node.schema().operatorName).toBe('aten::floordiv.int');
    expect(out.node.input(1).node.kind).toBe('aten::IntImplicit');
    expect(out.node.input(1).node.input(0)).toBe(x);
    expect(out.type).toEqual(IntType.get());
  });

  it('packs several returns into a NamedTuple when the returns are named', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const zero = ctx.graph.insertConstant(0);
    const out = emitBuiltinCall(ctx, ctx.registry, 'aten::max', [nv(x), nv(zero)], [], r);
    expect(out.node.kind).toBe('prim::TupleConstruct');
    const type = out.type as TupleType;
    expect(type.names).toEqual(['values', 'indices']);
    const max = out.node.input(0).node;
    expect(max.kind).toBe('aten::max');
    expect(max.outputs.length).toBe(2);
    expect(max.schema().operatorName).toBe('aten::max.dim');
  });

  it('resolves type variables: len(List[str]) is len.t, l[0] of a List[Tensor] is a Tensor', () => {
    const ctx = testContext();
    const l = ctx.input('l', ListType.of(StringType.get()));
    const lt = ctx.input('lt', ListType.of(TensorType.get()));
    const len = emitBuiltinCall(ctx, ctx.registry, 'aten::len', [nv(l)], [], r);
    expect(len.node.schema().operatorName).toBe('aten::len.t');
    const zero = ctx.graph.insertConstant(0);
    const item = emitBuiltinCall(ctx, ctx.registry, 'aten::__getitem__', [nv(lt), nv(zero)], [], r);
    expect(item.type).toEqual(TensorType.get());
    const d = ctx.input('d', DictType.of(StringType.get(), FloatType.get()));
    const key = ctx.graph.insertConstant('k');
    const value = emitBuiltinCall(ctx, ctx.registry, 'aten::__getitem__', [nv(d), nv(key)], [], r);
    expect(value.node.schema().operatorName).toBe('aten::__getitem__.Dict_str');
    expect(value.type).toEqual(FloatType.get());
  });

  it('binds a type variable once: [1] + [1.] has no overload', () => {
    const ctx = testContext();
    const a = ctx.input('a', ListType.of(IntType.get()));
    const b = ctx.input('b', ListType.of(FloatType.get()));
    expect(() => emitBuiltinCall(ctx, ctx.registry, 'aten::add', [nv(a), nv(b)], [], r)).toThrow(
      "Type variable 't' previously matched to type int is matched to type float",
    );
  });

  it('accepts None and T for Optional[T] and converts str to Device', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const none = ctx.graph.insertConstant(null);
    const cpu = ctx.graph.insertConstant('cpu');
    const out = emitBuiltinCall(ctx, ctx.registry, 'aten::to', [nv(cpu)], [], r, nv(x, 'self'));
    expect(out.node.schema().operatorName).toBe('aten::to.prim_Device');
    expect(out.node.input(1).node.kind).toBe('aten::device');
    expect(out.node.input(1).type).toEqual(DeviceObjType.get());
    const mean = emitBuiltinCall(ctx, ctx.registry, 'aten::mean', [nv(x)], [nv(none, 'dtype')], r);
    expect(mean.node.schema().operatorName).toBe('aten::mean');
  });

  it('uses `input` for `self` in aten ops', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const out = emitBuiltinCall(ctx, ctx.registry, 'aten::relu', [], [nv(x, 'input')], r);
    expect(out.node.schema().operatorName).toBe('aten::relu');
    expect(out.node.input(0)).toBe(x);
  });

  it('turns a homogeneous tuple into a list for a list parameter (x.view((2, 3)))', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const t = ctx.input('t', TupleType.of([IntType.get(), IntType.get()]));
    const out = emitBuiltinCall(ctx, ctx.registry, 'aten::view', [nv(t)], [], r, nv(x, 'self'));
    const list = out.node.input(1);
    expect(list.node.kind).toBe('prim::ListConstruct');
    expect(list.node.input(0).node.kind).toBe('prim::TupleUnpack');
  });

  it('re-types an empty list literal to the parameter type', () => {
    const ctx = testContext();
    const empty = ctx.graph.insert('prim::EmptyListLiteral', [], 1).output().setType(ListType.of(TensorType.get()));
    const out = emitBuiltinCall(ctx, ctx.registry, 'aten::zeros', [nv(empty)], [], r);
    expect(out.node.input(0).node.kind).toBe('prim::ListConstruct');
    expect(out.node.input(0).type.equals(ListType.of(IntType.get()))).toBe(true);
  });

  it('converts a Scalar to int with aten::Int.Scalar and to float with aten::Float.Scalar', () => {
    const registry = new SchemaRegistry([parseSchema('aten::h(int a, float b) -> int')]);
    const ctx = testContext(registry);
    const n = ctx.input('n', NumberType.get());
    const out = emitBuiltinCall(ctx, registry, 'aten::h', [nv(n), nv(n)], [], r);
    expect(calls(ctx)).toEqual([
      'aten::Int.Scalar(Scalar) -> int',
      'aten::Float.Scalar(Scalar) -> float',
      'aten::h(int, float) -> int',
    ]);
    expect(out.node.kind).toBe('aten::h');
  });
});

describe('matchSchema', () => {
  const schema = parseSchema('aten::f(Tensor self, int x, float y=1., *, str? name=None) -> (Tensor, int)');

  it('returns inputs and return types without packing', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const i = ctx.input('i', IntType.get());
    const result = matchSchema(ctx, schema, r, [nv(x), nv(i)], []);
    if ('failure' in result) throw new Error(result.failure);
    expect(result.inputs.length).toBe(4);
    expect(result.inputs[2].type).toEqual(FloatType.get());
    expect(result.inputs[2].node.f('value')).toBe(1);
    expect(result.returnTypes).toEqual([TensorType.get(), IntType.get()]);
    expect(result.returnFieldNames).toBeUndefined();
  });

  it('inserts nothing when the match fails', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const s = ctx.graph.insertConstant('s');
    const before = printGraph(ctx.graph);
    // x converts to int (IntImplicit) before y fails: the conversion must not stay behind.
    const result = matchSchema(ctx, schema, r, [nv(x), nv(x), nv(s)], []);
    expect(result).toEqual({
      failure: `${schema}:\nExpected a value of type 'float' for argument 'y' but instead found type 'str'.\n`,
    });
    expect(printGraph(ctx.graph)).toBe(before);
  });

  it('inserts the conversions of a successful match with conversions, none without', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const strict = matchSchema(ctx, schema, r, [nv(x), nv(x)], [], undefined, { allowConversions: false });
    expect('failure' in strict).toBe(true);
    const loose = matchSchema(ctx, schema, r, [nv(x), nv(x)], [], undefined, { allowConversions: true });
    if ('failure' in loose) throw new Error(loose.failure);
    expect(loose.inputs[1].node.kind).toBe('aten::IntImplicit');
  });

  it('reports unknown keywords, missing and extra arguments in PyTorch words', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const i = ctx.input('i', IntType.get());
    expect(matchSchema(ctx, schema, r, [nv(x), nv(i)], [nv(i, 'dimz')])).toEqual({
      failure: `${schema}:\nKeyword argument dimz unknown.\n`,
    });
    expect(matchSchema(ctx, schema, r, [nv(x)], [])).toEqual({ failure: `${schema}:\nArgument x not provided.\n` });
    const f = ctx.graph.insertConstant(1.5);
    const none = ctx.graph.insertConstant(null);
    expect(matchSchema(ctx, schema, r, [nv(x), nv(i), nv(f), nv(none)], [])).toEqual({
      failure: `${schema}:\nExpected at most 3 arguments but found 4 positional arguments.\n`,
    });
  });

  it('matches Optional, Union-typed and Any parameters', () => {
    const ctx = testContext();
    const opt = parseSchema('aten::g(int? a, Union(int, str) b, Any c, bool d) -> ()');
    const i = ctx.input('i', IntType.get());
    const s = ctx.input('s', StringType.get());
    const o = ctx.input('o', OptionalType.of(IntType.get()));
    const b = ctx.input('b', BoolType.get());
    expect('inputs' in matchSchema(ctx, opt, r, [nv(o), nv(s), nv(i), nv(b)], [])).toBe(true);
    expect('inputs' in matchSchema(ctx, opt, r, [nv(i), nv(i), nv(s), nv(b)], [])).toBe(true);
    const bad = matchSchema(ctx, opt, r, [nv(i), nv(b), nv(s), nv(b)], []);
    expect(bad).toEqual({
      failure: `${opt}:\nExpected a value of type 'Union[int, str]' for argument 'b' but instead found type 'bool'.\n`,
    });
    // bool is not an int (no implicit conversion), even with conversions.
    expect('failure' in matchSchema(ctx, opt, r, [nv(b), nv(i), nv(i), nv(b)], [])).toBe(true);
  });

  it('accepts int, float and complex for Scalar, never bool or str', () => {
    const ctx = testContext();
    const scalar = parseSchema('aten::s(Scalar a) -> Scalar');
    for (const t of [IntType.get(), FloatType.get(), ComplexType.get(), NumberType.get()]) {
      expect('inputs' in matchSchema(ctx, scalar, r, [nv(ctx.input(`v${t.kind}`, t))], [])).toBe(true);
    }
    for (const t of [BoolType.get(), StringType.get(), NoneType.get()]) {
      expect('failure' in matchSchema(ctx, scalar, r, [nv(ctx.input(`v${t.kind}`, t))], [])).toBe(true);
    }
  });
});

describe('errors', () => {
  it("gives one candidate's failure alone", () => {
    const registry = new SchemaRegistry([parseSchema('aten::one(Tensor self, Tensor other) -> Tensor')]);
    const ctx = testContext(registry);
    const x = ctx.input('x', TensorType.get());
    const s = ctx.graph.insertConstant('a');
    let error: unknown;
    try {
      emitBuiltinCall(ctx, registry, 'aten::one', [nv(x), nv(s)], [], r);
    } catch (e) {
      error = e;
    }
    expect(FrontendError.isInstance(error)).toBe(true);
    const reason = (error as FrontendError).reason;
    expect(reason).toBe(
      "aten::one(Tensor self, Tensor other) -> Tensor:\nExpected a value of type 'Tensor' for argument 'other' but instead found type 'str'.",
    );
    expect((error as FrontendError).column).toBe(3);
  });

  it('lists every variant when several fail', () => {
    const ctx = testContext();
    const x = ctx.input('x', TensorType.get());
    const s = ctx.graph.insertConstant('a');
    const result = chooseOverload(ctx.registry.lookup('aten::relu'), [nv(s)], []);
    expect(result).toEqual({
      failure: [
        'Arguments for call are not valid.',
        'The following variants are available:',
        '  ',
        '  aten::relu(Tensor self) -> Tensor:',
        "  Expected a value of type 'Tensor' for argument 'self' but instead found type 'str'.",
        '  ',
        '  aten::relu.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!):',
        "  Expected a value of type 'Tensor' for argument 'self' but instead found type 'str'.",
      ].join('\n'),
    });
    expect(x).toBeDefined();
  });

  it('names unknown builtins and suggests close names', () => {
    const ctx = testContext();
    expect(() => emitBuiltinCall(ctx, ctx.registry, 'aten::reluu', [], [], r)).toThrow(
      /Unknown builtin op: aten::reluu\.\nHere are some suggestions: \n(\taten::\w+\n)*\taten::relu\n/,
    );
    expect(() => emitBuiltinCall(ctx, ctx.registry, 'aten::qqqqqqqqqq', [], [], r)).toThrow(
      'Could not find any similar ops to aten::qqqqqqqqqq.',
    );
  });
});
