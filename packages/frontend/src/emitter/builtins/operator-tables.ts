import type { JitType } from '@tsjit/ir';
import { TensorType } from '@tsjit/ir';
import type { BinaryOperator, CompareOperator, UnaryOperator } from '../../ast.js';

/**
 * What the operators of the language resolve to (PyTorch's getNodeKind, getOperatorOverload,
 * getAugOp and getAugMagicMethod in ir_emitter.cpp). The emitter calls the builtin with the
 * operands in order; on a class instance it calls the magic method instead, when the table
 * names one.
 */
const BINARY: Readonly<Record<BinaryOperator, { op: string; magic?: string }>> = {
  '+': { op: 'aten::add', magic: '__add__' },
  '-': { op: 'aten::sub', magic: '__sub__' },
  '*': { op: 'aten::mul', magic: '__mul__' },
  '/': { op: 'aten::div', magic: '__truediv__' },
  '//': { op: 'aten::floordiv' },
  '%': { op: 'aten::remainder', magic: '__mod__' },
  '**': { op: 'aten::pow', magic: '__pow__' },
  '@': { op: 'aten::matmul' },
  '<<': { op: 'aten::__lshift__', magic: '__lshift__' },
  '>>': { op: 'aten::__rshift__', magic: '__rshift__' },
  '&': { op: 'aten::__and__', magic: '__and__' },
  '|': { op: 'aten::__or__', magic: '__or__' },
  '^': { op: 'aten::__xor__', magic: '__xor__' },
};

/**
 * The builtin a binary operator calls: `+` → aten::add, `@` → aten::matmul, `//` →
 * aten::floordiv; with the left operand's type, `str % x` is `aten::percentFormat` (printf-style
 * formatting, the right operand as is).
 */
export function binaryOperatorOp(op: BinaryOperator, lhsType?: JitType): string {
  if (op === '%' && lhsType?.kind === 'StringType') return 'aten::percentFormat';
  return BINARY[op].op;
}

/** The method a class defines to overload a binary operator (`__add__`), if PyTorch looks one up. */
export function binaryOperatorMagic(op: BinaryOperator): string | undefined {
  return BINARY[op].magic;
}

const UNARY: Readonly<Partial<Record<UnaryOperator, { op: string; magic?: string }>>> = {
  '-': { op: 'aten::neg', magic: '__neg__' },
  '~': { op: 'aten::bitwise_not', magic: '__invert__' },
  not: { op: 'aten::__not__' },
};

/**
 * The builtin a unary operator calls: `-` → aten::neg, `~` → aten::bitwise_not, `not` →
 * aten::__not__ (on the condition). Undefined for unary `+`, which TorchScript 1.13 does not
 * accept.
 */
export function unaryOperatorOp(op: UnaryOperator): string | undefined {
  return UNARY[op]?.op;
}

export function unaryOperatorMagic(op: UnaryOperator): string | undefined {
  return UNARY[op]?.magic;
}

/** How a comparison is emitted: the builtin, whether the operands swap, whether the result is negated. */
export interface CompareOp {
  readonly op: string;
  readonly magic?: string;
  /** `a in b` calls `__contains__(b, a)`. */
  readonly swap: boolean;
  /** `a not in b` is `not (a in b)` (aten::__not__ on the result). */
  readonly negate: boolean;
}

const COMPARE: Readonly<Record<CompareOperator, CompareOp>> = {
  '<': { op: 'aten::lt', magic: '__lt__', swap: false, negate: false },
  '>': { op: 'aten::gt', magic: '__gt__', swap: false, negate: false },
  '<=': { op: 'aten::le', magic: '__le__', swap: false, negate: false },
  '>=': { op: 'aten::ge', magic: '__ge__', swap: false, negate: false },
  '==': { op: 'aten::eq', magic: '__eq__', swap: false, negate: false },
  '!=': { op: 'aten::ne', magic: '__ne__', swap: false, negate: false },
  in: { op: 'aten::__contains__', magic: '__contains__', swap: true, negate: false },
  'not in': { op: 'aten::__contains__', magic: '__contains__', swap: true, negate: true },
  is: { op: 'aten::__is__', swap: false, negate: false },
  'is not': { op: 'aten::__isnot__', swap: false, negate: false },
};

/** `<` → aten::lt; `in` → aten::__contains__ with swapped operands; `is` → aten::__is__. */
export function compareOperatorOp(op: CompareOperator): CompareOp {
  return COMPARE[op];
}

/** The augmented assignment operators (`+=` is `'+'`). */
export type AugmentedOperator = BinaryOperator;

const AUGMENTED: Readonly<Partial<Record<AugmentedOperator, { inplace: string; plain: string }>>> = {
  '+': { inplace: 'aten::add_', plain: 'aten::add' },
  '-': { inplace: 'aten::sub_', plain: 'aten::sub' },
  '/': { inplace: 'aten::div_', plain: 'aten::div' },
  '*': { inplace: 'aten::mul_', plain: 'aten::mul' },
  '%': { inplace: 'aten::fmod_', plain: 'aten::fmod' },
  // PyTorch 1.13 emits the out-of-place bitwise ops and `__lshift__` for tensors here; `>>=` is in place.
  '|': { inplace: 'aten::bitwise_or', plain: 'aten::__or__' },
  '&': { inplace: 'aten::bitwise_and', plain: 'aten::__and__' },
  '^': { inplace: 'aten::bitwise_xor', plain: 'aten::__xor__' },
  '<<': { inplace: 'aten::__lshift__', plain: 'aten::__lshift__' },
  '>>': { inplace: 'aten::__irshift__', plain: 'aten::__rshift__' },
  '**': { inplace: 'aten::pow', plain: 'aten::pow' },
  // Beyond PyTorch (which does not parse `//=`): the in-place floor division on tensors.
  '//': { inplace: 'aten::floor_divide_', plain: 'aten::floordiv' },
};

/**
 * The builtin `a op= b` calls with arguments `(a, b)` when `a` is not a class instance
 * (PyTorch's getAugOp): the in-place op for tensors and lists (`aten::add_`, which for lists is
 * `aten::add_.t`), the plain op otherwise (`x += 1` on an int is `aten::add(x, 1)`, `%=` is
 * `aten::fmod`). Undefined for `@=`, which TorchScript does not accept.
 */
export function augmentedAssignmentOp(op: AugmentedOperator, lhsType: JitType): string | undefined {
  const entry = AUGMENTED[op];
  if (!entry) return undefined;
  const inplace = lhsType.isSubtypeOf(TensorType.get()) || lhsType.kind === 'ListType';
  return inplace ? entry.inplace : entry.plain;
}

const AUGMENTED_MAGIC: Readonly<Partial<Record<AugmentedOperator, readonly [string, string]>>> = {
  '+': ['__iadd__', '__add__'],
  '-': ['__isub__', '__sub__'],
  '/': ['__itruediv__', '__truediv__'],
  '*': ['__imul__', '__mul__'],
  '%': ['__imod__', '__mod__'],
};

/**
 * For `a op= b` on a class instance: the in-place method and the plain one used when the class
 * has no in-place one (`['__iadd__', '__add__']`). Undefined for operators PyTorch does not
 * overload this way (an error "Unknown augmented assignment").
 */
export function augmentedAssignmentMagic(op: AugmentedOperator): readonly [string, string] | undefined {
  return AUGMENTED_MAGIC[op];
}
