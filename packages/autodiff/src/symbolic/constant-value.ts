import type { IValue, Node } from '@tsjit/ir';
import { FloatScalar } from '@tsjit/ops';

/** A `prim::Constant`'s value as ops receive it at run time (integral floats boxed as FloatScalar). */
export function constantValue(node: Node): unknown {
  if (!node.hasAttribute('value')) return null;
  const kind = node.attributeKind('value');
  const type = node.output().type;
  switch (kind) {
    case 'i':
      return type.kind === 'BoolType' ? node.i('value') !== 0 : node.i('value');
    case 'f': {
      const f = node.f('value');
      return Number.isInteger(f) ? new FloatScalar(f) : f;
    }
    case 's':
      return node.s('value');
    case 't':
      return node.t('value');
    case 'ival':
      return ivalueToOp(node.ival('value'));
    default:
      return undefined;
  }
}

function ivalueToOp(v: IValue): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(ivalueToOp);
  const tagged = v as { kind: string; value?: number | bigint; items?: IValue[] };
  if (tagged.kind === 'int') return tagged.value;
  if (tagged.kind === 'float')
    return Number.isInteger(tagged.value) ? new FloatScalar(Number(tagged.value)) : tagged.value;
  if (tagged.kind === 'tuple') return Object.freeze(tagged.items!.map(ivalueToOp));
  if (tagged.kind === 'tensor') return (v as { tensor: unknown }).tensor;
  return v;
}
