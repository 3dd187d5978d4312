import {
  ClassType,
  DeviceObjType,
  DictType,
  FloatType,
  IntType,
  ListType,
  StringType,
  TensorType,
  TupleType,
  type Value,
} from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { rangeAt, testContext } from '../../test/support/emit-context.js';
import { FrontendError } from '../errors/frontend-error.js';
import {
  archiveTorchModule,
  augmentedAssignmentMagic,
  augmentedAssignmentOp,
  type BuiltinHooks,
  binaryOperatorMagic,
  binaryOperatorOp,
  builtinAttr,
  builtinGlobal,
  compareOperatorOp,
  mathModule,
  noAttributeMessage,
  opsModule,
  plainValue,
  torchModule,
  unaryOperatorOp,
} from './builtins.js';
import type { EmitContext, NamedValue, SugaredValue } from './contracts.js';

const r = rangeAt(5);
const nv = (value: Value, name?: string): NamedValue =>
  name === undefined ? { value, range: r } : { value, range: r, name };

function setup() {
  const ctx = testContext();
  const hooks: BuiltinHooks = { registry: ctx.registry };
  return { ctx, hooks };
}

function call(ctx: EmitContext, value: SugaredValue | undefined, args: Value[], kwargs: NamedValue[] = []): Value {
  if (!value?.call) throw new Error(`not callable: ${value?.kind}`);
  const result = value.call(
    ctx,
    r,
    args.map((a) => nv(a)),
    kwargs,
    1,
  );
  if (!result.asValue) throw new Error('no value');
  return result.asValue(ctx, r);
}

function valueOfSugared(ctx: EmitContext, value: SugaredValue | undefined): Value {
  if (!value?.asValue) throw new Error(`not a value: ${value?.kind}`);
  return value.asValue(ctx, r);
}

function attr(ctx: EmitContext, value: SugaredValue, ...names: string[]): SugaredValue {
  let v = value;
  for (const name of names) {
    if (!v.attr) throw new Error(`no attr on ${v.kind}`);
    v = v.attr(ctx, r, name);
  }
  return v;
}

describe('torch, math and ops in source', () => {
  it('torch.add calls aten::add by schema matching', () => {
    const { ctx, hooks } = setup();
    const x = ctx.input('x', TensorType.get());
    const out = call(ctx, attr(ctx, torchModule(hooks), 'add'), [x, x]);
    expect(out.node.schema().operatorName).toBe('aten::add.Tensor');
  });

  it('embeds dtypes, layouts and memory formats as ints and math constants as floats', () => {
    const { ctx, hooks } = setup();
    const value = (v: SugaredValue): Value => valueOfSugared(ctx, v);
    const f32 = value(attr(ctx, torchModule(hooks), 'float32'));
    expect(f32.type).toEqual(IntType.get());
    expect(f32.node.i('value')).toBe(6);
    expect(value(attr(ctx, torchModule(hooks), 'long')).node.i('value')).toBe(4);
    expect(value(attr(ctx, torchModule(hooks), 'strided')).node.i('value')).toBe(0);
    expect(value(attr(ctx, torchModule(hooks), 'channels_last')).node.i('value')).toBe(2);
    const pi = value(attr(ctx, mathModule(hooks), 'pi'));
    expect(pi.type).toEqual(FloatType.get());
    expect(pi.node.f('value')).toBe(Math.PI);
    expect(Number.isNaN(value(attr(ctx, mathModule(hooks), 'nan')).node.f('value'))).toBe(true);
    expect(value(attr(ctx, mathModule(hooks), 'inf')).node.f('value')).toBe(Number.POSITIVE_INFINITY);
  });

  it('math functions resolve to the scalar overloads; math.remainder is aten::mathremainder', () => {
    const { ctx, hooks } = setup();
    const f = ctx.input('f', FloatType.get());
    expect(call(ctx, attr(ctx, mathModule(hooks), 'sqrt'), [f]).node.schema().operatorName).toBe('aten::sqrt.float');
    expect(call(ctx, attr(ctx, mathModule(hooks), 'remainder'), [f, f]).node.kind).toBe('aten::mathremainder');
    expect(() => attr(ctx, mathModule(hooks), 'trunc')).toThrow(
      'Python builtin <built-in function trunc> is currently not supported',
    );
  });

  it('torch.nn.functional members that are ops resolve, Python ones are a clear error', () => {
    const { ctx, hooks } = setup();
    const x = ctx.input('x', TensorType.get());
    const w = ctx.input('w', TensorType.get());
    const linear = call(ctx, attr(ctx, torchModule(hooks), 'nn', 'functional', 'linear'), [x, w]);
    expect(linear.node.kind).toBe('aten::linear');
    expect(call(ctx, attr(ctx, torchModule(hooks), 'linalg', 'norm'), [x]).node.kind).toBe('aten::linalg_norm');
    let error: unknown;
    try {
      attr(ctx, torchModule(hooks), 'nn', 'functional', 'relu');
    } catch (e) {
      error = e;
    }
    expect(FrontendError.isInstance(error)).toBe(true);
    expect((error as FrontendError).reason).toMatch(/torch\.nn\.functional\.relu is a Python function/);
    expect(() => attr(ctx, torchModule(hooks), 'norm')).toThrow(/torch\.norm is a Python function/);
  });

  it('torch.jit special forms go to the hook, and fall back to the builtin', () => {
    const { ctx } = setup();
    const marker: SugaredValue = { kind: 'special form' };
    const asked: string[] = [];
    const hooks: BuiltinHooks = {
      registry: ctx.registry,
      specialForm: (name) => {
        asked.push(name);
        return name === 'torch.jit.annotate' ? marker : undefined;
      },
    };
    expect(attr(ctx, torchModule(hooks), 'jit', 'annotate')).toBe(marker);
    const scripting = call(ctx, attr(ctx, torchModule(hooks), 'jit', 'is_scripting'), []);
    expect(scripting.node.kind).toBe('aten::is_scripting');
    expect(asked).toEqual(['torch.jit.annotate', 'torch.jit.is_scripting']);
  });

  it('torch.ops.<ns>.<op> and archive ops.<ns>.<op> call the op; archive torch.X is aten::X', () => {
    const { ctx, hooks } = setup();
    const x = ctx.input('x', TensorType.get());
    expect(call(ctx, attr(ctx, torchModule(hooks), 'ops', 'aten', 'relu'), [x]).node.kind).toBe('aten::relu');
    const device = call(ctx, attr(ctx, opsModule(hooks), 'prim', 'device'), [x]);
    expect(device.node.kind).toBe('prim::device');
    expect(device.type).toEqual(DeviceObjType.get());
    expect(call(ctx, attr(ctx, archiveTorchModule(hooks), 'dim'), [x]).node.kind).toBe('aten::dim');
    expect(call(ctx, attr(ctx, archiveTorchModule(hooks), 'autograd', 'dim'), [x]).node.kind).toBe('aten::dim');
  });
});

describe('builtin globals', () => {
  it('len, min, max, abs, sorted, divmod resolve to their ops', () => {
    const { ctx, hooks } = setup();
    const l = ctx.input('l', ListType.of(IntType.get()));
    const i = ctx.input('i', IntType.get());
    const f = ctx.input('f', FloatType.get());
    expect(call(ctx, builtinGlobal('len', hooks), [l]).node.schema().operatorName).toBe('aten::len.t');
    expect(call(ctx, builtinGlobal('min', hooks), [i, f]).node.schema().operatorName).toBe('prim::min.int_float');
    expect(call(ctx, builtinGlobal('max', hooks), [l]).node.schema().operatorName).toBe('prim::max.self_int');
    expect(call(ctx, builtinGlobal('abs', hooks), [f]).node.kind).toBe('prim::abs');
    expect(call(ctx, builtinGlobal('sorted', hooks), [l]).node.kind).toBe('aten::sorted');
    const dm = call(ctx, builtinGlobal('divmod', hooks), [i, i]);
    expect(dm.node.kind).toBe('prim::TupleConstruct');
    expect(dm.type).toEqual(TupleType.of([IntType.get(), IntType.get()]));
  });

  it('casts pass values of the type through, convert others, and bool(list) is len > 0', () => {
    const { ctx, hooks } = setup();
    const i = ctx.input('i', IntType.get());
    const x = ctx.input('x', TensorType.get());
    const l = ctx.input('l', ListType.of(IntType.get()));
    expect(call(ctx, builtinGlobal('int', hooks), [i])).toBe(i);
    expect(call(ctx, builtinGlobal('int', hooks), [x]).node.schema().operatorName).toBe('aten::Int.Tensor');
    const nonEmpty = call(ctx, builtinGlobal('bool', hooks), [l]);
    expect(nonEmpty.node.kind).toBe('aten::gt');
    expect(nonEmpty.node.input(0).node.kind).toBe('aten::len');
    expect(call(ctx, builtinGlobal('str', hooks), [i]).node.kind).toBe('aten::str');
  });

  it('a class instance overloads len with __len__', () => {
    const { ctx } = setup();
    const cls = ClassType.named('__torch__.Box');
    const obj = ctx.input('obj', cls);
    const seen: string[] = [];
    const hooks: BuiltinHooks = {
      registry: ctx.registry,
      simple: (value) => ({
        ...plainValue(value),
        attr: (_c, _r, name) => {
          seen.push(name);
          return { kind: 'method', call: () => plainValue(ctx.graph.insertConstant(3)) };
        },
      }),
    };
    const out = call(ctx, builtinGlobal('len', hooks), [obj]);
    expect(seen).toEqual(['__len__']);
    expect(out.node.i('value')).toBe(3);
  });

  it('print inserts prim::Print and rejects keywords; special forms come from the hook', () => {
    const { ctx, hooks } = setup();
    const i = ctx.input('i', IntType.get());
    const printed = builtinGlobal('print', hooks)?.call?.(ctx, r, [nv(i)], [], 0);
    expect(printed?.kind).toBe('None');
    const node = [...ctx.graph.nodes()].find((n) => n.kind === 'prim::Print');
    expect(node?.inputs).toEqual([i]);
    expect(() => builtinGlobal('print', hooks)?.call?.(ctx, r, [], [nv(i, 'sep')], 0)).toThrow(
      "print doesn't accept any keyword arguments",
    );
    expect(builtinGlobal('range', hooks)).toBeUndefined();
    const marker: SugaredValue = { kind: 'range' };
    expect(builtinGlobal('range', { specialForm: (n) => (n === 'range' ? marker : undefined) })).toBe(marker);
    expect(builtinGlobal('no_such_builtin', hooks)).toBeUndefined();
  });
});

describe('builtinAttr', () => {
  it('tensor properties are ops without a source range: shape is aten::size, dtype prim::dtype, T numpy_T', () => {
    const { ctx, hooks } = setup();
    const x = ctx.input('x', TensorType.get());
    const get = (name: string) => valueOfSugared(ctx, builtinAttr(ctx, r, x, name, hooks));
    const shape = get('shape');
    expect(shape.node.kind).toBe('aten::size');
    expect(shape.type.equals(ListType.of(IntType.get()))).toBe(true);
    expect(shape.node.sourceRange).toBeUndefined();
    expect(get('dtype').node.kind).toBe('prim::dtype');
    expect(get('T').node.kind).toBe('aten::numpy_T');
    expect(get('ndim').node.kind).toBe('aten::dim');
    expect(get('mT').node.kind).toBe('aten::mT');
    expect(get('is_leaf').node.kind).toBe('aten::is_leaf');
    const device = get('device');
    expect(device.type).toEqual(DeviceObjType.get());
    const kind = valueOfSugared(ctx, builtinAttr(ctx, r, device, 'type', hooks));
    expect(kind.node.kind).toBe('prim::type');
    expect(kind.type).toEqual(StringType.get());
  });

  it('x.float() is aten::to with dtype 6', () => {
    const { ctx, hooks } = setup();
    const x = ctx.input('x', TensorType.get());
    const out = call(ctx, builtinAttr(ctx, r, x, 'float', hooks), []);
    expect(out.node.schema().operatorName).toBe('aten::to.dtype');
    expect(out.node.input(1).node.i('value')).toBe(6);
  });

  it('methods of tensors, lists, strings and dicts are the aten ops taking self', () => {
    const { ctx, hooks } = setup();
    const x = ctx.input('x', TensorType.get());
    const l = ctx.input('l', ListType.of(IntType.get()));
    const s = ctx.input('s', StringType.get());
    const d = ctx.input('d', DictType.of(StringType.get(), IntType.get()));
    const i = ctx.input('i', IntType.get());
    expect(call(ctx, builtinAttr(ctx, r, x, 'view', hooks), [i, i]).node.schema().operatorName).toBe('aten::view');
    expect(call(ctx, builtinAttr(ctx, r, x, 'size', hooks), [i]).node.schema().operatorName).toBe('aten::size.int');
    expect(call(ctx, builtinAttr(ctx, r, l, 'append', hooks), [i]).node.schema().operatorName).toBe('aten::append.t');
    expect(call(ctx, builtinAttr(ctx, r, s, 'split', hooks), []).node.schema().operatorName).toBe('aten::split.str');
    const items = call(ctx, builtinAttr(ctx, r, d, 'items', hooks), []);
    expect(items.type.equals(ListType.of(TupleType.of([StringType.get(), IntType.get()])))).toBe(true);
    const got = call(ctx, builtinAttr(ctx, r, d, 'get', hooks), [ctx.graph.insertConstant('k'), i]);
    expect(got.node.schema().operatorName).toBe('aten::get.default_str');
    expect(got.type).toEqual(IntType.get());
  });

  it('names no method a type does not have; str has no append, int has no view', () => {
    const { ctx, hooks } = setup();
    const s = ctx.input('s', StringType.get());
    const i = ctx.input('i', IntType.get());
    expect(builtinAttr(ctx, r, s, 'append', hooks)).toBeUndefined();
    expect(builtinAttr(ctx, r, i, 'view', hooks)).toBeUndefined();
    expect(builtinAttr(ctx, r, i, 'no_such_method', hooks)).toBeUndefined();
    expect(noAttributeMessage(ListType.of(IntType.get()), 'is_cuda')).toBe(
      "'List[int]' object has no attribute or method 'is_cuda'.",
    );
  });

  it('NamedTuple fields are prim::TupleIndex', () => {
    const { ctx, hooks } = setup();
    const t = ctx.input('t', TupleType.of([TensorType.get(), IntType.get()], { names: ['values', 'indices'] }));
    const field = valueOfSugared(ctx, builtinAttr(ctx, r, t, 'indices', hooks));
    expect(field.node.kind).toBe('prim::TupleIndex');
    expect(field.node.input(1).node.i('value')).toBe(1);
    expect(field.type).toEqual(IntType.get());
  });
});

describe('operator tables', () => {
  it('map binary, unary and comparison operators as PyTorch does', () => {
    expect(binaryOperatorOp('+')).toBe('aten::add');
    expect(binaryOperatorOp('@')).toBe('aten::matmul');
    expect(binaryOperatorOp('//')).toBe('aten::floordiv');
    expect(binaryOperatorOp('%')).toBe('aten::remainder');
    expect(binaryOperatorOp('**')).toBe('aten::pow');
    expect(binaryOperatorOp('<<')).toBe('aten::__lshift__');
    expect(binaryOperatorOp('|')).toBe('aten::__or__');
    expect(binaryOperatorMagic('/')).toBe('__truediv__');
    expect(unaryOperatorOp('-')).toBe('aten::neg');
    expect(unaryOperatorOp('~')).toBe('aten::bitwise_not');
    expect(unaryOperatorOp('not')).toBe('aten::__not__');
    expect(unaryOperatorOp('+')).toBeUndefined();
    expect(compareOperatorOp('in')).toEqual({
      op: 'aten::__contains__',
      magic: '__contains__',
      swap: true,
      negate: false,
    });
    expect(compareOperatorOp('not in').negate).toBe(true);
    expect(compareOperatorOp('is not').op).toBe('aten::__isnot__');
  });

  it('augmented assignment is in place for tensors and lists only', () => {
    expect(augmentedAssignmentOp('+', TensorType.get())).toBe('aten::add_');
    expect(augmentedAssignmentOp('+', ListType.of(IntType.get()))).toBe('aten::add_');
    expect(augmentedAssignmentOp('+', IntType.get())).toBe('aten::add');
    expect(augmentedAssignmentOp('%', IntType.get())).toBe('aten::fmod');
    expect(augmentedAssignmentOp('>>', TensorType.get())).toBe('aten::__irshift__');
    expect(augmentedAssignmentOp('<<', TensorType.get())).toBe('aten::__lshift__');
    expect(augmentedAssignmentOp('|', TensorType.get())).toBe('aten::bitwise_or');
    expect(augmentedAssignmentOp('@', TensorType.get())).toBeUndefined();
    expect(augmentedAssignmentMagic('+')).toEqual(['__iadd__', '__add__']);
    expect(augmentedAssignmentMagic('**')).toBeUndefined();
  });
});
