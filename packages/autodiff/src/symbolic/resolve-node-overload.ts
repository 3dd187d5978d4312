import type { Node, Value } from '@tsjit/ir';
import { type OpRegistry, type Overload, resolveOverload } from '@tsjit/ops';
import { isSymTensor } from './graph-functions.js';

/**
 * The overload of a node without a schema (hand-written IR): the first of its kind, in schema
 * order, that accepts the node's inputs as the eager resolution would (`resolveOverload`, with the
 * keyword-only arguments passed by name). `valueOf` gives a stand-in value per input.
 */
export function resolveNodeOverload(
  registry: OpRegistry,
  node: Node,
  standIn: (v: Value) => unknown,
  isTensor: (v: unknown) => boolean = isSymTensor,
): Overload | undefined {
  const values = node.inputs.map(standIn);
  for (const o of registry.overloads(node.kind)) {
    const args = o.schema.arguments;
    if (args.length !== node.inputs.length || o.schema.returns.length !== node.outputs.length) continue;
    const positional: unknown[] = [];
    const keywords: Record<string, unknown> = {};
    args.forEach((a, i) => {
      if (a.kwargOnly) keywords[a.name] = values[i];
      else positional.push(values[i]);
    });
    try {
      return resolveOverload([o], positional, Object.keys(keywords).length ? keywords : undefined, isTensor);
    } catch {
      // not this one
    }
  }
  return undefined;
}
