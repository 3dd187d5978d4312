import { InternalError } from '../errors/internal-error.js';
import { floatValue, intValue } from '../schema/default-value.js';
import { DictType } from '../types/dict-type.js';
import { EnumType } from '../types/enum-type.js';
import type { JitType } from '../types/jit-type.js';
import { ListType } from '../types/list-type.js';
import {
  BoolType,
  ComplexType,
  DeviceObjType,
  FloatType,
  IntType,
  NoneType,
  StringType,
} from '../types/simple-types.js';
import { TensorType } from '../types/tensor-type.js';
import { TupleType } from '../types/tuple-type.js';
import type { Graph } from './graph.js';
import { type EnumValue, type IValue, ivalueKind } from './ivalue.js';
import type { Node } from './node.js';

/** A constant as callers may write it: an IValue, or a JS number (int when integral, else float) or bigint (int). */
export type ConstantInput = IValue | number | bigint;

/**
 * A `prim::Constant` node (not inserted) for `value`, with PyTorch's attribute conventions (see
 * Graph.insertConstant). `type` overrides the inferred type (needed for an empty list).
 */
export function createConstant(graph: Graph, input: ConstantInput, type?: JitType): Node {
  const value = normalize(input);
  // The type first: a constant whose type cannot be inferred must not leave a half-made node behind.
  const outputType = type ?? typeOf(value);
  const node = graph.create('prim::Constant', [], 1);
  const output = node.output();
  output.setType(outputType);
  if (value === null) return node;
  if (typeof value === 'boolean') {
    node.setI('value', value ? 1 : 0);
  } else if (typeof value === 'string') {
    node.setS('value', value);
  } else if (Array.isArray(value)) {
    node.setIval('value', value);
  } else {
    const tagged = value as Exclude<IValue, null | boolean | string | readonly IValue[]>;
    switch (ivalueKind(tagged)) {
      case 'int':
        node.setI('value', (tagged as { value: number | bigint }).value);
        break;
      case 'float':
        node.setF('value', (tagged as { value: number }).value);
        break;
      case 'complex':
        node.setC('value', tagged as { kind: 'complex'; re: number; im: number });
        break;
      case 'tensor':
        node.setT('value', (tagged as { tensor: unknown }).tensor);
        break;
      case 'device':
        node.setS('value', (tagged as { device: string }).device);
        break;
      default:
        node.setIval('value', value);
    }
  }
  return node;
}

function normalize(input: ConstantInput): IValue {
  if (typeof input === 'bigint') return intValue(input);
  if (typeof input === 'number') return Number.isInteger(input) ? intValue(input) : floatValue(input);
  return input;
}

/** The type of a constant, as PyTorch infers it from an IValue. */
export function typeOf(value: IValue): JitType {
  if (value === null) return NoneType.get();
  if (typeof value === 'boolean') return BoolType.get();
  if (typeof value === 'string') return StringType.get();
  if (Array.isArray(value)) {
    const items = value as readonly IValue[];
    if (items.length === 0) throw new InternalError('the type of an empty list constant must be given');
    const element = typeOf(items[0]);
    for (const item of items) {
      if (!typeOf(item).equals(element)) {
        throw new InternalError('a list constant needs elements of one type (or give its type)');
      }
    }
    return ListType.of(element);
  }
  const tagged = value as Exclude<IValue, null | boolean | string | readonly IValue[]>;
  switch (ivalueKind(tagged)) {
    case 'int':
      return IntType.get();
    case 'float':
      return FloatType.get();
    case 'complex':
      return ComplexType.get();
    case 'tensor':
      return TensorType.get();
    case 'device':
      return DeviceObjType.get();
    case 'enum':
      return EnumType.named((tagged as EnumValue).qualifiedName);
    case 'dict': {
      const entries = (tagged as { entries: readonly (readonly [IValue, IValue])[] }).entries;
      if (entries.length === 0) throw new InternalError('the type of an empty dict constant must be given');
      const [key, value] = entries[0].map(typeOf);
      for (const [k, v] of entries) {
        if (!typeOf(k).equals(key) || !typeOf(v).equals(value)) {
          throw new InternalError('a dict constant needs keys of one type and values of one type (or give its type)');
        }
      }
      return DictType.of(key, value);
    }
    default:
      return TupleType.of((tagged as { items: readonly IValue[] }).items.map(typeOf));
  }
}
