import {
  type DefaultValue,
  type DictType,
  floatValue,
  intValue,
  type JitType,
  type ListType,
  type OptionalType,
  type TupleType,
} from '@tsjit/ir';
import type { Expr, Range } from '../ast.js';
import { numberLiteralValue } from './number-literal.js';
import type { Fail } from './type-parser.js';

type Evaluated = { value: DefaultValue; type: string };

/**
 * The value of a parameter's default, which must be a constant expression (PyTorch compiles and
 * runs the defaults; literals, negation, tuples and lists of them and arithmetic on numbers are
 * what TorchScript code writes), checked against the parameter's type. A fixed-size list
 * parameter (`BroadcastingList2[int]`) takes a single number as that many copies.
 */
export function evaluateDefault(expr: Expr, type: JitType, N: number | undefined, fail: Fail): DefaultValue {
  const evaluated = evaluate(expr, fail);
  if (N !== undefined && (evaluated.type === 'int' || evaluated.type === 'float')) {
    return Array.from({ length: N }, () => evaluated.value);
  }
  if (!fits(evaluated, type)) {
    fail(expr.range, `Default value of type ${evaluated.type} does not match the parameter's type ${type.pythonStr()}`);
  }
  return evaluated.value;
}

function evaluate(expr: Expr, fail: Fail): Evaluated {
  switch (expr.kind) {
    case 'Constant':
      if (expr.value === null) return { value: null, type: 'None' };
      if (typeof expr.value === 'boolean') return { value: expr.value, type: 'bool' };
      break;
    case 'Str':
      return { value: expr.value, type: 'str' };
    case 'Number': {
      const value = numberLiteralValue(expr.text, expr.numberKind);
      if (!value) return fail(expr.range, `Integer literal ${expr.text} is out of the range of int64`);
      if (value.kind === 'int') return { value, type: 'int' };
      if (value.kind === 'float') return { value, type: 'float' };
      break;
    }
    case 'UnaryOp': {
      const inner = evaluate(expr.operand, fail);
      if (expr.op === '-' && (inner.type === 'int' || inner.type === 'float')) {
        return { value: arithmetic('-', zeroOf(inner), inner, expr.range, fail), type: inner.type };
      }
      if (expr.op === '+' && (inner.type === 'int' || inner.type === 'float')) return inner;
      if (expr.op === 'not' && inner.type === 'bool') return { value: !inner.value, type: 'bool' };
      break;
    }
    case 'BinOp': {
      const left = evaluate(expr.left, fail);
      const right = evaluate(expr.right, fail);
      const numeric = (e: Evaluated) => e.type === 'int' || e.type === 'float';
      if (numeric(left) && numeric(right) && ['+', '-', '*', '//', '/'].includes(expr.op)) {
        const type = expr.op === '/' || left.type === 'float' || right.type === 'float' ? 'float' : 'int';
        return { value: arithmetic(expr.op, left, right, expr.range, fail), type };
      }
      break;
    }
    case 'Tuple': {
      const items = expr.elts.map((e) => evaluate(e, fail));
      return { value: items.map((i) => i.value), type: `Tuple[${items.map((i) => i.type).join(', ')}]` };
    }
    case 'List': {
      const items = expr.elts.map((e) => evaluate(e, fail));
      return { value: items.map((i) => i.value), type: items.length === 0 ? 'List[]' : `List[${items[0].type}]` };
    }
    default:
      break;
  }
  return fail(expr.range, 'Default values of parameters must be constants (literals, tuples and lists of them)');
}

function zeroOf(e: Evaluated): Evaluated {
  return e.type === 'int' ? { value: intValue(0), type: 'int' } : { value: floatValue(0), type: 'float' };
}

function arithmetic(op: string, a: Evaluated, b: Evaluated, range: Range, fail: Fail): DefaultValue {
  const x = (a.value as { value: number | bigint }).value;
  const y = (b.value as { value: number | bigint }).value;
  if (a.type === 'int' && b.type === 'int' && op !== '/') {
    const p = BigInt(x);
    const q = BigInt(y);
    let r: bigint;
    if (op === '+') r = p + q;
    else if (op === '-') r = p - q;
    else if (op === '*') r = p * q;
    else {
      if (q === 0n) return fail(range, 'ZeroDivisionError in a default value');
      r = p / q;
      if (p % q !== 0n && p < 0n !== q < 0n) r -= 1n;
    }
    return intValue(r >= BigInt(Number.MIN_SAFE_INTEGER) && r <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r) : r);
  }
  const p = Number(x);
  const q = Number(y);
  if (op === '+') return floatValue(p + q);
  if (op === '-') return floatValue(p - q);
  if (op === '*') return floatValue(p * q);
  if (op === '/') return floatValue(p / q);
  return floatValue(Math.floor(p / q));
}

/** Whether an evaluated default may be stored for a parameter of `type` (no int → float conversion, as in PyTorch). */
function fits(e: Evaluated, type: JitType): boolean {
  switch (type.kind) {
    case 'AnyType':
      return true;
    case 'OptionalType':
      return e.type === 'None' || fits(e, (type as OptionalType).elementType);
    case 'NoneType':
      return e.type === 'None';
    case 'IntType':
      return e.type === 'int';
    case 'FloatType':
      return e.type === 'float';
    case 'NumberType':
      return e.type === 'int' || e.type === 'float';
    case 'BoolType':
      return e.type === 'bool';
    case 'StringType':
      return e.type === 'str';
    case 'ListType': {
      if (!Array.isArray(e.value)) return false;
      const element = (type as ListType).elementType;
      const items = e.value as DefaultValue[];
      return items.every((item) => fits(describe(item), element));
    }
    case 'TupleType': {
      if (!Array.isArray(e.value)) return false;
      const elements = (type as TupleType).elements;
      const items = e.value as DefaultValue[];
      return items.length === elements.length && items.every((item, i) => fits(describe(item), elements[i]));
    }
    case 'UnionType':
      return type.containedTypes().some((t) => fits(e, t));
    case 'DictType':
      return e.type === 'Dict' && !!(type as DictType);
    default:
      return false;
  }
}

function describe(value: DefaultValue): Evaluated {
  if (value === null) return { value, type: 'None' };
  if (typeof value === 'boolean') return { value, type: 'bool' };
  if (typeof value === 'string') return { value, type: 'str' };
  if (Array.isArray(value)) return { value, type: 'List' };
  return { value, type: (value as { kind: string }).kind };
}
