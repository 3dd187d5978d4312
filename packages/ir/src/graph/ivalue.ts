import type { FloatValue, IntValue } from '../schema/default-value.js';

/** A complex number constant (`1.5-2.j`). */
export interface ComplexValue {
  readonly kind: 'complex';
  readonly re: number;
  readonly im: number;
}

/** A tuple constant (`(1, "a")`); a JS array is a list. */
export interface TupleValue {
  readonly kind: 'tuple';
  readonly items: readonly IValue[];
}

/** A tensor inside a constant; the tensor object itself is opaque to @tsjit/ir (see `TensorAttribute`). */
export interface TensorValue {
  readonly kind: 'tensor';
  readonly tensor: unknown;
}

/** A dict constant (`{"a": 1}`), its entries in insertion order. */
export interface DictValue {
  readonly kind: 'dict';
  readonly entries: readonly (readonly [IValue, IValue])[];
}

/** A device constant (`torch.device("cpu")`); stored in a `prim::Constant` as its string. */
export interface DeviceValue {
  readonly kind: 'device';
  readonly device: string;
}

/** An enum member constant (`__torch__.Color.RED`), known by its enum's qualified name and its own name. */
export interface EnumValue {
  readonly kind: 'enum';
  readonly qualifiedName: string;
  readonly name: string;
}

/**
 * A constant value as the IR holds it (PyTorch's IValue, for the kinds a graph can embed):
 * `null` is None, booleans and strings are themselves, numbers are tagged int or float (since
 * `1` and `1.` differ in TorchScript), arrays are lists.
 */
export type IValue =
  | null
  | boolean
  | string
  | IntValue
  | FloatValue
  | ComplexValue
  | TupleValue
  | TensorValue
  | DeviceValue
  | DictValue
  | EnumValue
  | readonly IValue[];

export function complexValue(re: number, im: number): ComplexValue {
  return { kind: 'complex', re, im };
}

export function tupleValue(items: readonly IValue[]): TupleValue {
  return { kind: 'tuple', items: Object.freeze([...items]) };
}

export function dictValue(entries: readonly (readonly [IValue, IValue])[]): DictValue {
  return { kind: 'dict', entries: Object.freeze(entries.map(([k, v]) => Object.freeze([k, v] as const))) };
}

export function tensorValue(tensor: unknown): TensorValue {
  return { kind: 'tensor', tensor };
}

export function deviceValue(device: string): DeviceValue {
  return { kind: 'device', device };
}

export function enumValue(qualifiedName: string, name: string): EnumValue {
  return { kind: 'enum', qualifiedName, name };
}

type TaggedKind = 'int' | 'float' | 'complex' | 'tuple' | 'tensor' | 'device' | 'dict' | 'enum';

/** The tagged variant of an IValue, or undefined for null, booleans, strings and lists. */
export function ivalueKind(value: IValue): TaggedKind | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return (value as { kind: TaggedKind }).kind;
}
