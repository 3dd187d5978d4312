import {
  BoolType,
  DeviceObjType,
  type JitType,
  type ListType,
  NoneType,
  type OptionalType,
  StringType,
  TensorType,
  TupleType,
  type Value,
} from '@tsjit/ir';
import type { Range } from '../ast.js';
import type { Emitter } from './emitter-context.js';
import { unpackTuple } from './values/simple-value.js';

/**
 * PyTorch's tryConvertToType: the implicit conversions TorchScript applies where a value of
 * `type` is expected (return values, assignments to typed variables, `annotate`): into Optional
 * as into its element; an unannotated `[]` into any list type; a homogeneous tuple into a list;
 * tuples element-wise; and, with `allowConversions`, a tensor or number into int/float/complex
 * (`aten::IntImplicit`, `aten::Float`...), a bool into int or float, a str into a device. The
 * result may still not be a subtype of `type`: callers check.
 */
export function tryConvertToType(
  ctx: Emitter,
  range: Range,
  type: JitType,
  value: Value,
  allowConversions: boolean,
): Value {
  if (type.kind === 'OptionalType') {
    if (value.type.kind !== 'OptionalType' && !value.type.isSubtypeOf(NoneType.get())) {
      return tryConvertToType(ctx, range, (type as OptionalType).elementType, value, allowConversions);
    }
  }
  let result = value;
  if (result.node.kind === 'prim::EmptyListLiteral' && type.kind === 'ListType') {
    result = ctx.insertNode('prim::ListConstruct', [], [type]).output();
  }
  if (result.type.kind === 'TupleType') {
    const tupleType = result.type as TupleType;
    const target = unwrapOptional(type);
    if (convertibleToList(tupleType, target)) {
      const items = unpackTuple(ctx, result);
      result = ctx.insertNode('prim::ListConstruct', items, [target]).output();
    } else if (type.kind === 'TupleType') {
      const concrete = type as TupleType;
      if (!tupleType.isSubtypeOf(concrete) && concrete.elements.length === tupleType.elements.length) {
        const items = unpackTuple(ctx, result);
        const converted = concrete.elements.map((element, i) =>
          tryConvertToType(ctx, range, element, items[i], allowConversions),
        );
        const convertedType = TupleType.of(converted.map((v) => v.type));
        result = ctx.insertNode('prim::TupleConstruct', converted, [convertedType]).output();
      }
    }
  }
  if (allowConversions) {
    const from = result.type;
    const to = type.kind;
    const arg = [{ value: result, range }];
    if (from.isSubtypeOf(TensorType.get())) {
      if (to === 'FloatType') return ctx.builtin('aten::FloatImplicit', arg, [], range);
      if (to === 'ComplexType') return ctx.builtin('aten::ComplexImplicit', arg, [], range);
      if (to === 'IntType') return ctx.builtin('aten::IntImplicit', arg, [], range);
      if (to === 'NumberType') return ctx.builtin('aten::ScalarImplicit', arg, [], range);
    } else if (from.kind === 'NumberType') {
      if (to === 'FloatType') return ctx.builtin('aten::Float', arg, [], range);
      if (to === 'ComplexType') return ctx.builtin('aten::Complex', arg, [], range);
      if (to === 'IntType') return ctx.builtin('aten::Int', arg, [], range);
    } else if (from.equals(BoolType.get())) {
      if (to === 'FloatType') return ctx.builtin('aten::Float', arg, [], range);
      if (to === 'IntType' || to === 'NumberType') return ctx.builtin('aten::Int', arg, [], range);
    }
    if (from.isSubtypeOf(StringType.get()) && type.isSubtypeOf(DeviceObjType.get())) {
      return ctx.builtin('aten::device', arg, [], range);
    }
  }
  return result;
}

function unwrapOptional(type: JitType): JitType {
  return type.kind === 'OptionalType' ? (type as OptionalType).elementType : type;
}

/** Whether a tuple whose elements all fit the list's element type may be used as that list. */
function convertibleToList(tuple: TupleType, type: JitType): boolean {
  if (type.kind !== 'ListType') return false;
  const element = (type as ListType).elementType;
  return tuple.elements.every((t) => t.isSubtypeOf(element));
}
