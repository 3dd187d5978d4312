import {
  BoolType,
  ComplexType,
  complexValue,
  type DictType,
  DictType as DictTypeClass,
  FloatType,
  floatValue,
  IntType,
  type IValue,
  intValue,
  type JitType,
  ListType,
  NoneType,
  type OptionalType,
  StringType,
  TensorType,
  TupleType,
  tupleValue,
  type UnionType,
} from '@tsjit/ir';
import type { Expr } from '../../ast.js';
import type { ScriptTypeParser } from './script-type-parser.js';

/** A constant's value and the type TorchScript gives it. */
export interface TypedConstant {
  readonly value: IValue;
  readonly type: JitType;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Evaluates a constant expression: what class constants (`eps : Final[float] = 1e-5`), NamedTuple
 * field defaults and default arguments may be. PyTorch compiles and runs such an expression; the
 * printer only ever writes literals there (numbers, strings, True/False/None, `inf`/`nan`, and
 * tuples and lists of them), which is what this accepts. `hint` types empty lists and is checked
 * against the value: a value of another type is an error at the expression.
 */
export function evaluateConstant(expr: Expr, hint: JitType | undefined, parser: ScriptTypeParser): TypedConstant {
  const result = evaluate(expr, hint, parser);
  if (hint && !result.type.isSubtypeOf(hint)) {
    parser.error(
      expr.range,
      `Expected a constant of type '${hint.pythonStr()}' but found a value of type '${result.type.pythonStr()}'`,
    );
  }
  return result;
}

function evaluate(expr: Expr, hint: JitType | undefined, parser: ScriptTypeParser): TypedConstant {
  switch (expr.kind) {
    case 'Constant':
      if (expr.value === null) return { value: null, type: NoneType.get() };
      if (typeof expr.value === 'boolean') return { value: expr.value, type: BoolType.get() };
      break;
    case 'Str':
      return { value: expr.value, type: StringType.get() };
    case 'Number':
      return widen(number(expr.text, expr.numberKind, false, expr, parser), hint, parser);
    case 'UnaryOp':
      if ((expr.op === '-' || expr.op === '+') && expr.operand.kind === 'Number') {
        return widen(number(expr.operand.text, expr.operand.numberKind, expr.op === '-', expr, parser), hint, parser);
      }
      if ((expr.op === '-' || expr.op === '+') && expr.operand.kind === 'Name') {
        const special = specialFloat(expr.operand.id);
        if (special !== undefined) {
          return { value: floatValue(expr.op === '-' ? -special : special), type: FloatType.get() };
        }
      }
      break;
    case 'Name': {
      const special = specialFloat(expr.id);
      if (special !== undefined) return { value: floatValue(special), type: FloatType.get() };
      break;
    }
    case 'Tuple': {
      const hints = tupleHints(hint, expr.elts.length);
      const items = expr.elts.map((e, i) => evaluate(e, hints?.[i], parser));
      return { value: tupleValue(items.map((i) => i.value)), type: TupleType.of(items.map((i) => i.type)) };
    }
    case 'List': {
      const element = listElementHint(hint);
      const items = expr.elts.map((e) => evaluate(e, element, parser));
      let elementType = element;
      if (elementType === undefined) {
        // Without a hint the elements must agree; an empty list is a List[Tensor], as in PyTorch.
        elementType = items[0]?.type ?? TensorType.get();
        for (const item of items) {
          if (!item.type.equals(elementType)) {
            parser.error(
              expr.range,
              `List elements must have one type: found '${elementType.pythonStr()}' and '${item.type.pythonStr()}'`,
            );
          }
        }
      }
      items.forEach((item, i) => {
        if (!item.type.isSubtypeOf(elementType)) {
          parser.error(
            (expr.elts[i] as Expr).range,
            `List element of type '${item.type.pythonStr()}' does not match the list's element type '${elementType.pythonStr()}'`,
          );
        }
      });
      return { value: items.map((i) => i.value), type: ListType.of(elementType) };
    }
    case 'Dict': {
      const dictHint = dictHintOf(hint);
      if (expr.keys.length === 0 && dictHint) return { value: { kind: 'dict', entries: [] }, type: dictHint };
      if (expr.keys.length === 0) break;
      const keys = expr.keys.map((k) => evaluate(k, dictHint?.keyType, parser));
      const values = expr.values.map((v) => evaluate(v, dictHint?.valueType, parser));
      const keyType = dictHint?.keyType ?? (keys[0] as TypedConstant).type;
      const valueType = dictHint?.valueType ?? (values[0] as TypedConstant).type;
      if (!DictTypeClass.isValidKeyType(keyType))
        parser.error(expr.range, `'${keyType.pythonStr()}' is not a valid dict key type`);
      keys.forEach((k, i) => {
        const v = values[i] as TypedConstant;
        if (!k.type.isSubtypeOf(keyType) || !v.type.isSubtypeOf(valueType)) {
          parser.error(
            expr.range,
            `Dict entries must have keys of type '${keyType.pythonStr()}' and values of type '${valueType.pythonStr()}'`,
          );
        }
      });
      return {
        value: { kind: 'dict', entries: keys.map((k, i) => [k.value, (values[i] as TypedConstant).value] as const) },
        type: DictTypeClass.of(keyType, valueType),
      };
    }
    default:
      break;
  }
  return parser.error(
    expr.range,
    'Expected a constant expression here (a number, string, bool, None, or a tuple or list of them)',
  );
}

/**
 * User source gets Python's conversion of a default to its annotation (`x: float = 1` holds 1.0);
 * archive code is strict, as PyTorch's C++ frontend, and its printer always writes `1.`.
 */
function widen(constant: TypedConstant, hint: JitType | undefined, parser: ScriptTypeParser): TypedConstant {
  if (parser.dialect !== 'source' || constant.type.kind !== 'IntType') return constant;
  if (!hintMembers(hint).some((t) => t.kind === 'FloatType')) return constant;
  if (hintMembers(hint).some((t) => t.kind === 'IntType' || t.kind === 'NumberType')) return constant;
  const v = (constant.value as { value: number | bigint }).value;
  return { value: floatValue(Number(v)), type: FloatType.get() };
}

function specialFloat(name: string): number | undefined {
  if (name === 'inf') return Number.POSITIVE_INFINITY;
  if (name === 'nan') return Number.NaN;
  return undefined;
}

function number(
  text: string,
  kind: 'int' | 'float' | 'imaginary',
  negate: boolean,
  expr: Expr,
  parser: ScriptTypeParser,
): TypedConstant {
  const digits = text.replace(/_/g, '');
  if (kind === 'imaginary') {
    const im = Number.parseFloat(digits.slice(0, -1));
    return { value: complexValue(0, negate ? -im : im), type: ComplexType.get() };
  }
  if (kind === 'float') {
    const v = Number(digits);
    return { value: floatValue(negate ? -v : v), type: FloatType.get() };
  }
  let big: bigint;
  try {
    big = BigInt(/^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits);
  } catch {
    return parser.error(expr.range, `invalid integer literal '${text}'`);
  }
  if (negate) big = -big;
  if (big < INT64_MIN || big > INT64_MAX) parser.error(expr.range, `Integer ${big} is out of range of a 64-bit int`);
  const value = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  return { value: intValue(value), type: IntType.get() };
}

/** The members a hint may stand for: `Optional[T]` and unions offer each of their members. */
function hintMembers(hint: JitType | undefined): readonly JitType[] {
  if (!hint) return [];
  if (hint.kind === 'OptionalType') return [(hint as OptionalType).elementType];
  if (hint.kind === 'UnionType') return (hint as UnionType).types;
  return [hint];
}

function tupleHints(hint: JitType | undefined, length: number): readonly JitType[] | undefined {
  for (const member of hintMembers(hint)) {
    if (member.kind === 'TupleType' && (member as TupleType).elements.length === length) {
      return (member as TupleType).elements;
    }
  }
  return undefined;
}

function listElementHint(hint: JitType | undefined): JitType | undefined {
  for (const member of hintMembers(hint)) if (member.kind === 'ListType') return (member as ListType).elementType;
  return undefined;
}

function dictHintOf(hint: JitType | undefined): DictType | undefined {
  for (const member of hintMembers(hint)) if (member.kind === 'DictType') return member as DictType;
  return undefined;
}
