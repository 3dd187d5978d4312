import { type AttributeValue, type IValue, irTypeString, ivalueKind, type Node } from '@tsjit/ir';
import { Tensor } from '@tsjit/tensor';

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

function objectId(o: object): number {
  let id = objectIds.get(o);
  if (id === undefined) objectIds.set(o, (id = nextObjectId++));
  return id;
}

/**
 * A string that two nodes share exactly when PyTorch's `HashNode`/`EqualNode` call them equal:
 * same kind, the same input values, outputs of the same types, equal attributes. Nodes with
 * blocks get no key (they are never merged). Floats compare by identity of bits (-0.0 and 0.0
 * differ, NaN equals NaN), tensors by dtype, sizes and contents.
 */
export function nodeKey(node: Node): string | undefined {
  if (node.blocks.length > 0) return undefined;
  const parts = [
    node.kind,
    node.inputs.map((v) => v.unique).join(','),
    // Function types print as `Function` but are equal only for the same function (two mangled
    // `interpolate`s of an archive are two constants).
    node.outputs
      .map((v) =>
        v.type.kind === 'FunctionType'
          ? `Function(${(v.type as unknown as { qualifiedName?: string }).qualifiedName ?? ''})`
          : irTypeString(v.type),
      )
      .join(','),
  ];
  for (const name of [...node.attributeNames()].sort()) {
    const key = attributeKey(node.getAttribute(name) as AttributeValue);
    if (key === undefined) return undefined;
    parts.push(`${name}=${key}`);
  }
  return parts.join('|');
}

function floatKey(x: number): string {
  return Object.is(x, -0) ? '-0f' : `${x}f`;
}

function attributeKey(a: AttributeValue): string | undefined {
  switch (a.kind) {
    case 'i':
      return `i${a.value}`;
    case 'f':
      return floatKey(a.value);
    case 'c':
      return `c${floatKey(a.value.re)}${floatKey(a.value.im)}`;
    case 's':
      return `s${JSON.stringify(a.value)}`;
    case 't':
      return tensorKey(a.value);
    case 'is':
      return `is[${a.value.join(',')}]`;
    case 'fs':
      return `fs[${a.value.map(floatKey).join(',')}]`;
    case 'ss':
      return `ss${JSON.stringify(a.value)}`;
    case 'ts': {
      const keys = a.value.map(tensorKey);
      return keys.includes(undefined) ? undefined : `ts[${keys.join(',')}]`;
    }
    case 'g':
      return `g#${objectId(a.value)}`;
    case 'gs':
      return `gs[${a.value.map((g) => objectId(g)).join(',')}]`;
    case 'ty':
      return `ty${irTypeString(a.value)}`;
    case 'tys':
      return `tys[${a.value.map(irTypeString).join(',')}]`;
    case 'ival':
      return ivalueKey(a.value);
  }
}

/** A key for a constant value (see nodeKey). */
export function ivalueKey(v: IValue): string | undefined {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `s${JSON.stringify(v)}`;
  if (Array.isArray(v)) {
    const keys = (v as readonly IValue[]).map(ivalueKey);
    return keys.includes(undefined) ? undefined : `[${keys.join(',')}]`;
  }
  const tagged = v as unknown as { kind: string } & Record<string, unknown>;
  switch (ivalueKind(v)) {
    case 'int':
      return `i${tagged.value}`;
    case 'float':
      return floatKey(tagged.value as number);
    case 'complex':
      return `c${floatKey(tagged.re as number)}${floatKey(tagged.im as number)}`;
    case 'tuple': {
      const keys = (tagged.items as IValue[]).map(ivalueKey);
      return keys.includes(undefined) ? undefined : `(${keys.join(',')})`;
    }
    case 'dict': {
      const keys = (tagged.entries as [IValue, IValue][]).map(([k, x]) => `${ivalueKey(k)}:${ivalueKey(x)}`);
      return keys.some((k) => k.includes('undefined')) ? undefined : `{${keys.join(',')}}`;
    }
    case 'tensor':
      return tensorKey(tagged.tensor);
    case 'device':
      return `d${tagged.device}`;
    case 'enum':
      return `e${tagged.qualifiedName}.${tagged.name}`;
    default:
      return undefined;
  }
}

function tensorKey(t: unknown): string | undefined {
  if (t instanceof Tensor) {
    const values = (t as unknown as { toArray?: () => unknown }).toArray;
    if (t.numel() <= 64 && typeof values === 'function') {
      return `T${t.dtype}[${t.sizes.join(',')}]${JSON.stringify(values.call(t), (_k, x) => (typeof x === 'bigint' ? `${x}n` : x))}`;
    }
    return `T#${objectId(t)}`;
  }
  if (t !== null && typeof t === 'object') {
    const text = (t as { text?: unknown; scalar?: unknown }).text;
    // A parsed `{3}` knows its value; a parsed `<Tensor>` does not, so it only equals itself.
    if (typeof text === 'string' && (t as { scalar?: unknown }).scalar !== undefined) return `P${text}`;
    return `T#${objectId(t)}`;
  }
  return undefined;
}
