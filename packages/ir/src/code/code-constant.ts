import { InternalError } from '../errors/internal-error.js';
import { typeOf } from '../graph/create-constant.js';
import { complexValue, deviceValue, type EnumValue, type IValue, ivalueKind, tensorValue } from '../graph/ivalue.js';
import type { Node } from '../graph/node.js';
import { floatValue, intValue, quoteString } from '../schema/default-value.js';
import type { DictType } from '../types/dict-type.js';
import type { JitType } from '../types/jit-type.js';
import type { ListType } from '../types/list-type.js';
import type { OptionalType } from '../types/optional-type.js';
import type { TupleType } from '../types/tuple-type.js';
import { codeTypeString, elementTypeCanBeInferredFromMembers, type TypePrinter } from './code-type-string.js';

/**
 * Replaces the spelling of (part of) a constant: returns the text to write, or undefined to
 * write the value as usual. The printer uses it to move tensors and strings beyond ASCII into
 * the constant table (`CONSTANTS.c0`). It is asked again for every element of a container.
 */
export type ConstantFormatter = (value: IValue, type: JitType | undefined) => string | undefined;

/**
 * A constant as PyTorch's `IValue::repr` writes it in code: `None`, `True`, `3`, `1.`, `0.5`,
 * `1e+20`, `"s"`, `[1, 2]`, `(1,)`, `{"a": 1}`, `torch.device("cpu")`, `1.+2.j`, enum members by
 * qualified name, NamedTuples as `__torch__.P(1, 2.)`, and lists and dicts whose element type
 * cannot be read from their members as `annotate(List[Optional[int]], [None])`. `type` is the
 * value's type, which decides those annotations and how a string (a device?) is read.
 */
export function constantCode(
  value: IValue,
  type: JitType | undefined,
  formatter?: ConstantFormatter,
  typePrinter?: TypePrinter,
): string {
  const custom = formatter?.(value, type);
  if (custom !== undefined) return custom;
  const inner = (v: IValue, t: JitType | undefined): string => constantCode(v, t, formatter, typePrinter);
  let t = type;
  if (t?.kind === 'OptionalType' && value !== null) t = (t as OptionalType).elementType;
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') {
    return t?.kind === 'DeviceObjType' ? `torch.device(${quoteString(value)})` : quoteString(value);
  }
  if (Array.isArray(value)) {
    const items = value as readonly IValue[];
    const listType = (t?.kind === 'ListType' ? t : inferType(value)) as ListType | undefined;
    const element = listType?.kind === 'ListType' ? listType.elementType : undefined;
    const body = `[${items.map((v) => inner(v, element)).join(', ')}]`;
    if (listType && element && (items.length === 0 || !elementTypeCanBeInferredFromMembers(element))) {
      return `annotate(${codeTypeString(listType)}, ${body})`;
    }
    return body;
  }
  const tagged = value as Exclude<IValue, null | boolean | string | readonly IValue[]>;
  switch (ivalueKind(tagged)) {
    case 'int':
      return String((tagged as { value: number | bigint }).value);
    case 'float':
      return formatCodeFloat((tagged as { value: number }).value);
    case 'complex': {
      const { re, im } = tagged as { re: number; im: number };
      // The parts print with IValue's stream operator, which (unlike repr) writes -0.0 as `0.`.
      const sign = im >= 0 ? '+' : '-';
      return `${formatCodeFloat(re, false)}${sign}${formatCodeFloat(Math.abs(im), false)}j`;
    }
    case 'tuple': {
      const items = (tagged as { items: readonly IValue[] }).items;
      const tupleType = t?.kind === 'TupleType' ? (t as TupleType) : undefined;
      const types = tupleType?.elements.length === items.length ? tupleType.elements : undefined;
      const prefix =
        tupleType?.qualifiedName !== undefined ? (typePrinter?.(tupleType) ?? tupleType.qualifiedName) : '';
      const printed = items.map((v, i) => inner(v, types?.[i]));
      return `${prefix}(${printed.join(', ')}${items.length === 1 ? ',)' : ')'}`;
    }
    case 'dict': {
      const entries = (tagged as { entries: readonly (readonly [IValue, IValue])[] }).entries;
      const dictType = (t?.kind === 'DictType' ? t : inferType(value)) as DictType | undefined;
      const dict = dictType?.kind === 'DictType' ? dictType : undefined;
      const body = `{${entries.map(([k, v]) => `${inner(k, dict?.keyType)}: ${inner(v, dict?.valueType)}`).join(', ')}}`;
      if (dict && (entries.length === 0 || !elementTypeCanBeInferredFromMembers(dict.valueType))) {
        return `annotate(${codeTypeString(dict)},${body})`;
      }
      return body;
    }
    case 'device':
      return `torch.device(${quoteString((tagged as { device: string }).device)})`;
    case 'enum': {
      const { qualifiedName, name } = tagged as EnumValue;
      return `${qualifiedName}.${name}`;
    }
    default:
      throw new InternalError('a tensor constant can only be printed through the constant table (give a formatter)');
  }
}

function inferType(value: IValue): JitType | undefined {
  try {
    return typeOf(value);
  } catch {
    return undefined;
  }
}

/**
 * A double as PyTorch writes it in code: an integral value below 1e10 in magnitude as the
 * integer and a dot (`1.`, `-3.`, and `-0.` when `signedZero`), anything else with 17
 * significant digits as C's `%.17g` (`0.5`, `0.10000000000000001`, `1e+20`, `10000000000`,
 * `inf`, `nan`).
 */
export function formatCodeFloat(value: number, signedZero = true): string {
  if (Number.isFinite(value) && Math.abs(value) < 1e10 && (value === 0 || Math.abs(value) >= 2.2250738585072014e-308)) {
    const integral = Math.trunc(value);
    if (integral === value) return signedZero && Object.is(value, -0) ? '-0.' : `${integral === 0 ? 0 : integral}.`;
  }
  return formatG17(value);
}

/** C's `%.17g`. */
function formatG17(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const sign = value < 0 ? '-' : '';
  const text = Math.abs(value).toExponential(16);
  const e = text.indexOf('e');
  const exponent = Number(text.slice(e + 1));
  const digits = text[0] + text.slice(2, e);
  if (exponent < -4 || exponent >= 17) {
    const mantissa = stripZeros(`${digits[0]}.${digits.slice(1)}`);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent >= 0) return sign + stripZeros(`${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`);
  return sign + stripZeros(`0.${'0'.repeat(-exponent - 1)}${digits}`);
}

function stripZeros(text: string): string {
  if (!text.includes('.')) return text;
  let end = text.length;
  while (text[end - 1] === '0') end--;
  if (text[end - 1] === '.') end--;
  return text.slice(0, end);
}

/** Whether a string anywhere in the value has a character beyond ASCII (such constants go to the table). */
export function containsNonAsciiString(value: IValue): boolean {
  if (typeof value === 'string') return [...value].some((ch) => (ch.codePointAt(0) ?? 0) > 0x7f);
  if (Array.isArray(value)) return (value as readonly IValue[]).some(containsNonAsciiString);
  if (value === null || typeof value !== 'object') return false;
  switch (ivalueKind(value)) {
    case 'tuple':
      return (value as { items: readonly IValue[] }).items.some(containsNonAsciiString);
    case 'dict':
      return (value as { entries: readonly (readonly [IValue, IValue])[] }).entries.some(
        ([k, v]) => containsNonAsciiString(k) || containsNonAsciiString(v),
      );
    default:
      return false;
  }
}

/**
 * The value of a `prim::Constant` node (PyTorch's `toIValue`), read from its attribute and
 * output type: an `i` attribute of a bool constant is a bool, an `s` attribute of a Device
 * constant a device; no attribute is None. Undefined for any other node.
 */
export function constantValue(node: Node): { value: IValue } | undefined {
  if (node.kind !== 'prim::Constant' || node.outputs.length !== 1) return undefined;
  const type = node.outputs[0].type;
  const attribute = node.getAttribute('value');
  if (!attribute) return { value: null };
  switch (attribute.kind) {
    case 'i':
      return {
        value: type.kind === 'BoolType' ? attribute.value !== 0 && attribute.value !== 0n : intValue(attribute.value),
      };
    case 'f':
      return { value: floatValue(attribute.value) };
    case 'c':
      return { value: complexValue(attribute.value.re, attribute.value.im) };
    case 's':
      return { value: type.kind === 'DeviceObjType' ? deviceValue(attribute.value) : attribute.value };
    case 't':
      return { value: tensorValue(attribute.value) };
    case 'is':
      return { value: attribute.value.map((v) => intValue(v)) };
    case 'fs':
      return { value: attribute.value.map((v) => floatValue(v)) };
    case 'ss':
      return { value: [...attribute.value] };
    case 'ts':
      return { value: attribute.value.map((v) => tensorValue(v)) };
    case 'ival':
      return { value: attribute.value };
    default:
      return undefined;
  }
}

/** Equality of constants as IValue's `==` has it: ints and floats never equal each other, NaN never equals itself. */
export function constantEquals(a: IValue, b: IValue): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return (a as readonly IValue[]).every((v, i) => constantEquals(v, (b as readonly IValue[])[i]));
  }
  const x = a as Exclude<IValue, null | boolean | string | readonly IValue[]>;
  const y = b as Exclude<IValue, null | boolean | string | readonly IValue[]>;
  const kind = ivalueKind(x);
  if (kind !== ivalueKind(y)) return false;
  switch (kind) {
    case 'int':
      return BigInt((x as { value: number | bigint }).value) === BigInt((y as { value: number | bigint }).value);
    case 'float':
      return (x as { value: number }).value === (y as { value: number }).value;
    case 'complex':
      return (
        (x as { re: number }).re === (y as { re: number }).re && (x as { im: number }).im === (y as { im: number }).im
      );
    case 'device':
      return (x as { device: string }).device === (y as { device: string }).device;
    case 'enum':
      return (
        (x as EnumValue).qualifiedName === (y as EnumValue).qualifiedName &&
        (x as EnumValue).name === (y as EnumValue).name
      );
    case 'tuple': {
      const xs = (x as { items: readonly IValue[] }).items;
      const ys = (y as { items: readonly IValue[] }).items;
      return xs.length === ys.length && xs.every((v, i) => constantEquals(v, ys[i]));
    }
    default:
      // Tensors and dicts are compared by identity here: a schema default is never one.
      return x === y;
  }
}
