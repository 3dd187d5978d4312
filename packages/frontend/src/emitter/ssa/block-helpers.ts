import type { Block, Graph, JitType, Node, Value } from '@tsjit/ir';

/**
 * Iterates a block's nodes the way PyTorch's node-list iterators do: the next node is read
 * after the current one was handled, so nodes inserted right after the current node are
 * visited too.
 */
export function* liveNodes(block: Block): Generator<Node> {
  let node = block.first;
  while (node !== block.returnNode) {
    yield node;
    node = node.next as Node;
  }
}

/** Moves every node of `block` before `before` (PyTorch's InlineBlockBeforeNode). */
export function inlineBlockBeforeNode(before: Node, block: Block): void {
  for (const node of [...block.nodes()]) node.moveBefore(before);
}

/** `prim::Store[name=...](value)`, not inserted. */
export function createStore(graph: Graph, name: string, value: Value): Node {
  const node = graph.create('prim::Store', [value], 0);
  node.setS('name', name);
  return node;
}

/** `prim::Load[name=...]()` of the given type, not inserted. */
export function createLoad(graph: Graph, name: string, type: JitType): Node {
  const node = graph.create('prim::Load', [], 1);
  node.setS('name', name);
  node.output().setType(type);
  return node;
}

/** `prim::Uninitialized()` of the given type, not inserted. */
export function createUninitialized(graph: Graph, type: JitType): Node {
  const node = graph.create('prim::Uninitialized', [], 1);
  node.output().setType(type);
  return node;
}

/** Whether PyTorch's IR can carry `name` as a value's debug name. */
export function isValidDebugName(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[0-9]+$/.test(name);
}

/** The bool of a `prim::Constant` bool value, if it is one. */
export function constantBool(value: Value): boolean | undefined {
  if (value.node.kind !== 'prim::Constant' || value.type.kind !== 'BoolType') return undefined;
  return Number(value.node.i('value')) !== 0;
}
