import { type Graph, type Node, TensorType, type Value } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { nodeOperator } from '@tsjit/passes';

/**
 * PyTorch's RemoveMutation, for the top block and the two patterns differentiable code meets:
 *
 * - an in-place op (`relu_`, `add_`) on a fresh tensor nothing else aliases becomes its functional
 *   op, and later reads of the tensor read the new value;
 * - a tensor list built by `append`s and read only after the last one (`outs.append(h)` in an
 *   unrolled loop, then `torch.stack(outs)`) becomes one `prim::ListConstruct`.
 *
 * Anything else stays as it is (and the symbolic engine refuses it if gradients flow there).
 * Returns whether the graph changed.
 */
export function removeMutation(graph: Graph, registry: OpRegistry): boolean {
  let changed = false;
  for (const node of [...graph.nodes()]) {
    if (node.isDestroyed) continue;
    if (node.kind === 'prim::ListConstruct') changed = collapseAppends(graph, node) || changed;
    else changed = functionalize(graph, node, registry) || changed;
  }
  return changed;
}

/** Whether `node`'s results are new values (no alias annotation on any return: not a view, not in place). */
function returnsFresh(node: Node, registry: OpRegistry): boolean {
  const op = nodeOperator(node, registry);
  return op !== undefined && op.schema.returns.every((r) => r.aliasInfo === undefined);
}

function functionalize(graph: Graph, node: Node, registry: OpRegistry): boolean {
  const op = nodeOperator(node, registry);
  if (op?.overload === undefined || !op.overload.inplace) return false;
  const self = node.input(0);
  const producer = self.node;
  if (producer.owningBlock !== graph.block || producer.isParamNode() || !returnsFresh(producer, registry)) return false;
  // Reads before the write must not have made aliases of the tensor (views, lists holding it).
  for (const use of self.uses) {
    if (use.user === node || !use.user.isBefore(node)) continue;
    if (use.user.owningBlock !== graph.block || !returnsFresh(use.user, registry)) return false;
  }
  const base = op.overload.baseName.replace(/_$/, '');
  const name = op.overload.overloadName ? `aten::${base}.${op.overload.overloadName}` : `aten::${base}`;
  const functional = registry.find(name);
  if (functional === undefined || functional.schema.arguments.length !== node.inputs.length) return false;
  const replacement = graph.create(functional.schema.name, node.inputs, 0);
  replacement.setSchema(functional.schema);
  const out = replacement.addOutput(TensorType.get());
  replacement.insertBefore(node);
  self.replaceAllUsesAfterNodeWith(node, out);
  node.output().replaceAllUsesWith(out);
  node.destroy();
  return true;
}

function collapseAppends(graph: Graph, construct: Node): boolean {
  const list = construct.output();
  const appends: Node[] = [];
  const reads: Node[] = [];
  for (const use of list.uses) {
    const user = use.user;
    if (user.owningBlock !== graph.block) return false;
    if (user.kind === 'aten::append' && use.offset === 0 && !user.output().hasUses()) appends.push(user);
    else if (user.maybeSchema()?.arguments[use.offset]?.isWrite) return false;
    else reads.push(user);
  }
  if (appends.length === 0) return false;
  const last = appends.reduce((a, b) => (b.isAfter(a) ? b : a));
  if (reads.some((r) => r.isBefore(last))) return false;
  appends.sort((a, b) => (a.isBefore(b) ? -1 : 1));
  const items: Value[] = [...construct.inputs, ...appends.map((a) => a.input(1))];
  const collapsed = graph.create('prim::ListConstruct', items, 0);
  collapsed.addOutput(list.type);
  collapsed.insertAfter(last);
  list.replaceAllUsesAfterNodeWith(last, collapsed.output());
  for (const a of appends) a.destroy();
  if (!list.hasUses()) construct.destroy();
  return true;
}
