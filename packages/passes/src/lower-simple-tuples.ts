import type { Block, Graph } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { constantInt } from './analysis/constant-value.js';
import { eliminateDeadCode } from './dead-code-elimination.js';

export interface LowerSimpleTuplesOptions {
  readonly registry?: OpRegistry;
}

/**
 * Forwards the elements of a `prim::TupleConstruct` to the `prim::TupleUnpack`s and
 * `prim::TupleIndex`es (constant index, negative counted from the end) that read it, then removes
 * the dead tuples (PyTorch's LowerSimpleTuples).
 *
 *     %t : (int, int) = prim::TupleConstruct(%a, %b)
 *     %c : int, %d : int = prim::TupleUnpack(%t)     ->    (uses of %c, %d read %a, %b)
 */
export function lowerSimpleTuples(graph: Graph, options: LowerSimpleTuplesOptions = {}): boolean {
  let changed = false;
  const visit = (block: Block): void => {
    for (const node of block.nodes()) {
      for (const b of node.blocks) visit(b);
      const source = node.inputs[0]?.node;
      if (!source || source.kind !== 'prim::TupleConstruct') continue;
      if (node.kind === 'prim::TupleUnpack' && node.outputs.length === source.inputs.length) {
        node.outputs.forEach((out, i) => {
          out.replaceAllUsesWith(source.inputs[i]);
        });
        node.destroy();
        changed = true;
      } else if (node.kind === 'prim::TupleIndex' && node.inputs.length === 2) {
        const index = constantInt(node.inputs[1]);
        if (index === undefined) continue;
        const n = source.inputs.length;
        const i = Number(index) < 0 ? Number(index) + n : Number(index);
        if (i < 0 || i >= n) continue;
        node.output().replaceAllUsesWith(source.inputs[i]);
        node.destroy();
        changed = true;
      }
    }
  };
  visit(graph.block);
  if (changed) eliminateDeadCode(graph, { registry: options.registry });
  return changed;
}
