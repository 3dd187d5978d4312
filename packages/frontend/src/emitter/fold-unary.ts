import type { IValue, Value } from '@tsjit/ir';

/** The constant `-c` or `~c` of a constant operand, as PyTorch folds a negated literal; undefined otherwise. */
export function foldUnary(symbol: string, input: Value): IValue | undefined {
  const node = input.node;
  if (!node.hasAttribute('value')) return undefined;
  if (symbol === 'aten::neg') {
    if (input.type.kind === 'IntType') {
      const v = node.i('value');
      return { kind: 'int', value: typeof v === 'bigint' ? -v : -v };
    }
    if (input.type.kind === 'FloatType') return { kind: 'float', value: -node.f('value') };
  }
  if (symbol === 'aten::bitwise_not' && input.type.kind === 'IntType') {
    const v = node.i('value');
    return { kind: 'int', value: typeof v === 'bigint' ? ~v : ~v };
  }
  return undefined;
}
