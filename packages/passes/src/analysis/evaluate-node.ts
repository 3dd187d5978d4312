import type { IValue, Node } from '@tsjit/ir';
import type { OpArgs, OpRegistry } from '@tsjit/ops';
import { eagerContext } from '@tsjit/tensor';
import { type Constant, type FoldLimits, fromOpValue, toOpValue } from './constant-value.js';
import { nodeOperator } from './node-schema.js';

/**
 * Runs `node` on constant inputs (PyTorch's `runNodeIfInputsAreConstant`): the container
 * constructors and unpackers directly, every other node through its operator's implementation
 * (found in the registry by the node's schema). Returns one constant per output, or undefined
 * when the node cannot be run here, throws, or gives a value that cannot be a constant.
 */
export function evaluateNode(
  node: Node,
  inputs: readonly IValue[],
  registry: OpRegistry | undefined,
  limits: FoldLimits,
): Constant[] | undefined {
  const one = (value: IValue): Constant[] => [{ value }];
  switch (node.kind) {
    case 'prim::ListConstruct':
      return one([...inputs]);
    case 'prim::TupleConstruct':
      return one({ kind: 'tuple', items: Object.freeze([...inputs]) });
    case 'prim::DictConstruct': {
      if (inputs.length % 2 !== 0) return undefined;
      const entries: (readonly [IValue, IValue])[] = [];
      for (let i = 0; i < inputs.length; i += 2) entries.push(Object.freeze([inputs[i], inputs[i + 1]] as const));
      return one({ kind: 'dict', entries: Object.freeze(entries) });
    }
    case 'prim::ListUnpack': {
      const list = inputs[0];
      if (!Array.isArray(list) || list.length !== node.outputs.length) return undefined;
      return (list as readonly IValue[]).map((value) => ({ value }));
    }
    case 'prim::TupleUnpack': {
      const items = tupleItems(inputs[0]);
      if (!items || items.length !== node.outputs.length) return undefined;
      return items.map((value) => ({ value }));
    }
    case 'prim::TupleIndex': {
      const items = tupleItems(inputs[0]);
      const index = inputs[1] as { kind?: string; value?: number | bigint } | null;
      if (!items || !index || index.kind !== 'int') return undefined;
      let i = Number(index.value);
      if (i < 0) i += items.length;
      return i >= 0 && i < items.length ? one(items[i]) : undefined;
    }
    case 'prim::unchecked_cast':
      return one(inputs[0]);
    case 'aten::__is__':
    case 'aten::__isnot__': {
      // Identity is only decidable here for None (constants of other kinds may or may not be one object).
      const [a, b] = inputs;
      if (a !== null && b !== null) return undefined;
      const same = a === null && b === null;
      return one(node.kind === 'aten::__is__' ? same : !same);
    }
  }
  const op = nodeOperator(node, registry);
  if (!op?.overload || op.schema.isVararg) return undefined;
  const { overload, schema } = op;
  const args: OpArgs = {};
  for (let i = 0; i < schema.arguments.length; i++) {
    const formal = schema.arguments[i];
    const value = toOpValue(inputs[i], formal.type);
    if (value === undefined) return undefined;
    args[formal.name] = value;
  }
  let result: unknown;
  try {
    result = overload.impl(args, eagerContext, overload);
  } catch {
    // A fold that throws is skipped: the node stays and raises at run time, as PyTorch does.
    return undefined;
  }
  const results = node.outputs.length === 1 ? [result] : Array.isArray(result) ? result : undefined;
  if (!results || results.length !== node.outputs.length) return undefined;
  const constants: Constant[] = [];
  for (let i = 0; i < results.length; i++) {
    const c = fromOpValue(results[i], node.outputs[i].type, limits);
    if (!c) return undefined;
    constants.push(c);
  }
  return constants;
}

function tupleItems(value: IValue): readonly IValue[] | undefined {
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    (value as { kind?: string }).kind === 'tuple'
  ) {
    return (value as { items: readonly IValue[] }).items;
  }
  return undefined;
}
