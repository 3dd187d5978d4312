import type { Block, Graph, Node, Use, Value } from '@tsjit/ir';

/**
 * Orders the outputs of every prim::If and the carried values of every prim::Loop by the first
 * use of each output, as PyTorch's CanonicalizeOutputs does at the end of its frontend cleanup:
 * the order the SSA conversion added them in depends on variable names, the first-use order does
 * not, so graphs print the same however they were built. Outputs without uses keep their
 * relative order after the used ones. Run it after dead-code elimination (dead uses count).
 *
 *     %b, %a = prim::If(%c)      →    %a, %b = prim::If(%c)
 *     %x = aten::add(%a, %b)          %x = aten::add(%a, %b)
 */
export function canonicalizeOutputs(graph: Graph): void {
  canonicalizeBlock(graph.block);
}

function canonicalizeBlock(block: Block): void {
  for (const node of [...block.reverseNodes()]) {
    if (node.kind === 'prim::Loop') permuteLoopCarried(node, sortIndices(node.outputs));
    else if (node.kind === 'prim::If') permuteIfOutputs(node, sortIndices(node.outputs));
    // A control-flow node's outputs come after the values its blocks output: order it, then its blocks.
    for (const b of node.blocks) canonicalizeBlock(b);
  }
}

function firstUse(value: Value): Use | undefined {
  let first: Use | undefined;
  for (const use of value.uses) if (!first || useIsBefore(use, first)) first = use;
  return first;
}

function useIsBefore(a: Use, b: Use): boolean {
  if (a.user === b.user) return a.offset < b.offset;
  return nodeIsBefore(a.user, b.user);
}

function depth(node: Node): number {
  let d = 0;
  for (let block = node.owningBlock; block?.owningNode; block = block.owningNode.owningBlock) d++;
  return d;
}

/**
 * PyTorch's canonical node order (canonicalize.cpp): program order in one block; a node before
 * the nodes of its own blocks; across the blocks of one node, the earlier block first. Unlike
 * topological order it is total, as a dump of the graph reads.
 */
function nodeIsBefore(first: Node, second: Node): boolean {
  let n1 = first;
  let n2 = second;
  let d1 = depth(n1);
  let d2 = depth(n2);
  for (; d1 > d2; d1--) {
    n1 = (n1.owningBlock as Block).owningNode as Node;
    if (n1 === n2) return false;
  }
  for (; d2 > d1; d2--) {
    n2 = (n2.owningBlock as Block).owningNode as Node;
    if (n2 === n1) return true;
  }
  for (;;) {
    if (n1.owningBlock === n2.owningBlock) return n1.isBefore(n2);
    const up1 = (n1.owningBlock as Block).owningNode as Node;
    const up2 = (n2.owningBlock as Block).owningNode as Node;
    if (up1 === up2) return up1.blocks.indexOf(n1.owningBlock as Block) < up1.blocks.indexOf(n2.owningBlock as Block);
    n1 = up1;
    n2 = up2;
  }
}

function sortIndices(values: readonly Value[]): number[] {
  const uses = values.map(firstUse);
  const indices = values.map((_, i) => i);
  indices.sort((i, j) => {
    const a = uses[i];
    const b = uses[j];
    if (!a && !b) return i - j;
    if (!a) return 1;
    if (!b) return -1;
    if (useIsBefore(a, b)) return -1;
    if (useIsBefore(b, a)) return 1;
    return i - j;
  });
  return indices;
}

function isIdentity(order: readonly number[]): boolean {
  return order.every((v, i) => v === i);
}

/** Output k of the If becomes its old output `order[k]` (in both blocks too). */
function permuteIfOutputs(node: Node, order: readonly number[]): void {
  if (isIdentity(order)) return;
  for (const block of node.blocks) permuteBlockOutputs(block, order, 0);
  permuteNodeOutputs(node, order);
}

/** Loop-carried value k becomes the old carried value `order[k]` (inputs, body inputs, body outputs, outputs). */
function permuteLoopCarried(node: Node, order: readonly number[]): void {
  if (isIdentity(order)) return;
  const body = node.blocks[0];
  const inputs = order.map((i) => node.inputs[2 + i]);
  inputs.forEach((value, k) => {
    node.replaceInput(2 + k, value);
  });
  permuteBlockOutputs(body, order, 1);
  // Body inputs and node outputs are values with identities: add new ones in the new order and move the uses over.
  const oldInputs = body.inputs.slice(1);
  for (const i of order) {
    const input = body.addInput(undefined, oldInputs[i].type);
    if (oldInputs[i].hasDebugName()) {
      const name = oldInputs[i].debugName();
      oldInputs[i].setDebugName('');
      input.setDebugName(name);
    }
    oldInputs[i].replaceAllUsesWith(input);
  }
  for (let k = oldInputs.length; k > 0; k--) body.eraseInput(k);
  permuteNodeOutputs(node, order);
}

function permuteBlockOutputs(block: Block, order: readonly number[], offset: number): void {
  const outputs = order.map((i) => block.outputs[offset + i]);
  outputs.forEach((value, k) => {
    block.replaceOutput(offset + k, value);
  });
}

function permuteNodeOutputs(node: Node, order: readonly number[]): void {
  const old = [...node.outputs];
  for (const i of order) {
    const output = node.addOutput(old[i].type);
    if (old[i].hasDebugName()) {
      const name = old[i].debugName();
      old[i].setDebugName('');
      output.setDebugName(name);
    }
    old[i].replaceAllUsesWith(output);
  }
  for (let k = old.length - 1; k >= 0; k--) node.eraseOutput(k);
}
