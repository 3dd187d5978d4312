import { type Block, Graph, ListType, type Node, TensorType, type Value } from '@tsjit/ir';
import { normalizeOps } from '../normalize-ops.js';
import type { SchemaRegistry } from '../schema-registry.js';

/**
 * The last steps of emission after SSA conversion: unannotated `[]` that no call converted
 * become `List[Tensor]` lists, fork closures become `prim::fork` nodes with their subgraph (as
 * PyTorch's liftClosures + inlineForkedClosures leave them), and operator aliases take their
 * canonical names (PyTorch's NormalizeOps).
 */
export function finishGraph(graph: Graph, registry?: SchemaRegistry): void {
  replaceEmptyListLiterals(graph);
  liftForkClosures(graph.block);
  normalizeOps(graph, registry);
}

function replaceEmptyListLiterals(graph: Graph): void {
  for (const node of [...graph.allNodes()]) {
    if (node.kind !== 'prim::EmptyListLiteral') continue;
    const list = graph.create('prim::ListConstruct', [], 1);
    list.output().setType(ListType.of(TensorType.get()));
    list.insertBefore(node);
    node.output().replaceAllUsesWith(list.output());
    node.destroy();
  }
}

/** Every value a block reads that is defined outside it, in first-use order. */
function capturedValues(block: Block): Value[] {
  const inside = new Set<Value>();
  const captured: Value[] = [];
  const seen = new Set<Value>();
  const visit = (b: Block): void => {
    for (const input of b.inputs) inside.add(input);
    for (const node of b.nodes()) {
      for (const input of node.inputs) {
        if (!inside.has(input) && !seen.has(input)) {
          seen.add(input);
          captured.push(input);
        }
      }
      for (const nested of node.blocks) visit(nested);
      for (const output of node.outputs) inside.add(output);
    }
    for (const output of b.outputs) {
      if (!inside.has(output) && !seen.has(output)) {
        seen.add(output);
        captured.push(output);
      }
    }
  };
  visit(block);
  return captured;
}

function liftForkClosures(block: Block): void {
  for (const node of [...block.nodes()]) {
    for (const nested of node.blocks) liftForkClosures(nested);
    if (node.kind === 'prim::forkClosure') liftFork(node);
  }
}

/** `prim::forkClosure` with a body block → `prim::fork(captured...)` whose Subgraph takes the captured values. */
function liftFork(node: Node): void {
  const graph = node.graph;
  // `fork(closure)`: the closure's block is the body; the closure node goes when nothing else uses it.
  const closure = node.inputs.length > 0 ? node.inputs[0].node : undefined;
  const body = closure ? closure.blocks[0] : node.blocks[0];
  // Constants are copied into the subgraph rather than passed in, as PyTorch's closure lifting does.
  const captured = capturedValues(body);
  const subgraph = new Graph();
  const map = new Map<Value, Value>();
  const passed: Value[] = [];
  for (const value of captured) {
    if (value.node.kind === 'prim::Constant') {
      const copy = subgraph.block.appendNode(subgraph.createClone(value.node, () => value, false));
      copy.output().setType(value.type);
      map.set(value, copy.output());
    } else {
      const input = subgraph.addInput(undefined, value.type);
      if (value.hasDebugName()) input.setDebugName(value.debugName());
      map.set(value, input);
      passed.push(value);
    }
  }
  const lookup = (v: Value): Value => map.get(v) ?? v;
  for (const inner of body.nodes()) {
    const copy = subgraph.block.appendNode(subgraph.createClone(inner, lookup, true));
    inner.outputs.forEach((output, i) => {
      map.set(output, copy.outputs[i]);
    });
  }
  for (const output of body.outputs) subgraph.registerOutput(lookup(output));
  const fork = graph.create('prim::fork', passed, 1);
  fork.output().setType(node.output().type);
  fork.setSourceRange(node.sourceRange);
  fork.setG('Subgraph', subgraph);
  fork.insertBefore(node);
  node.output().replaceAllUsesWith(fork.output());
  node.destroy();
  if (closure && !closure.output().hasUses()) closure.destroy();
}
