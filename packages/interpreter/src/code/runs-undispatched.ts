import type { DictType, JitType, ListType, OptionalType, TupleType } from '@tsjit/ir';
import type { Overload } from '@tsjit/ops';

/**
 * Whether the interpreter may call an overload's implementation directly instead of through the
 * dispatcher: when no mode could do anything with the call but pass it on. That is the case of
 * PyTorch's JIT prim ops, which its interpreter runs without the dispatcher too: ops on ints,
 * floats, bools, strings and their lists (`aten::eq.int`, `aten::__not__`, `aten::format`) and
 * the reads of a tensor's metadata (`aten::dim`, `prim::dtype`, `prim::device`, `aten::size`).
 *
 * The rule: nothing the call returns can hold a tensor, the overload writes nothing (no in-place,
 * no out=), and either none of its arguments can hold a tensor, or the op is declared
 * nondifferentiable with no derivative rule. The modes that exist see such a call as a pass-through:
 * the autograd mode has nothing to record (no tensor comes out, and for a nondifferentiable op
 * without a rule it runs `next` whatever its inputs) and nothing to mark in inference mode; the
 * tracer is paused while scripted code runs (it records the call, not its ops). Generic types
 * (`t`, `Any`), objects and futures count as able to hold a tensor.
 */
export function runsUndispatched(overload: Overload): boolean {
  if (overload.inplace || overload.outNames.length > 0) return false;
  const schema = overload.schema;
  if (schema.isVararg || schema.isVarret) return false;
  if (schema.returns.some((r) => mayHoldTensor(r.type))) return false;
  if (schema.arguments.every((a) => !mayHoldTensor(a.type) && !a.isWrite)) return true;
  const op = overload.op;
  return op.definition.nondifferentiable !== undefined && op.derivativeFor(overload) === undefined;
}

/** Whether a value of `type` may be, or contain, a tensor. */
function mayHoldTensor(type: JitType): boolean {
  switch (type.kind) {
    case 'IntType':
    case 'FloatType':
    case 'BoolType':
    case 'NoneType':
    case 'StringType':
    case 'NumberType':
    case 'ComplexType':
    case 'SymIntType':
    case 'SymFloatType':
    case 'DeviceObjType':
    case 'ScalarTypeType':
    case 'LayoutType':
    case 'MemoryFormatType':
    case 'EnumType':
      return false;
    case 'OptionalType':
      return mayHoldTensor((type as OptionalType).elementType);
    case 'ListType':
      return mayHoldTensor((type as ListType).elementType);
    case 'TupleType':
      return (type as TupleType).elements.some(mayHoldTensor);
    case 'DictType':
      return mayHoldTensor((type as DictType).keyType) || mayHoldTensor((type as DictType).valueType);
    default:
      return true;
  }
}
