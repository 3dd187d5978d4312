import { InternalError } from '../errors/internal-error.js';
import type { Block } from './block.js';
import type { Graph } from './graph.js';
import type { Node } from './node.js';
import type { Value } from './value.js';

/**
 * Checks the invariants of a graph (PyTorch's Graph::lint) and throws InternalError naming the
 * first one that fails: sentinel param and return nodes in place, a well-formed node list in
 * topological position order, blocks owned by the node that lists them, every value's node and
 * offset right, unique value ids and debug names, every input recorded in its value's use list
 * and every use pointing back at an input, and every value defined before its use in a block
 * that encloses the use.
 */
export function lint(graph: Graph): void {
  new Linter(graph).run();
}

class Linter {
  readonly #graph: Graph;
  readonly #ids = new Map<number, Value>();
  readonly #names = new Map<string, Value>();
  readonly #values: Value[] = [];
  readonly #nodes = new Set<Node>();
  readonly #inScope = new Set<Value>();

  constructor(graph: Graph) {
    this.#graph = graph;
  }

  run(): void {
    this.#checkBlock(this.#graph.block, undefined);
    for (const value of this.#values) {
      for (const use of value.uses) {
        const where = `use of %${value.debugName()} by ${use.user.kind} at input ${use.offset}`;
        if (!this.#nodes.has(use.user)) fail(`${where}: the user is not a node of the graph`);
        if (use.user.inputs[use.offset] !== value) fail(`${where}: that input is not %${value.debugName()}`);
      }
    }
  }

  #checkBlock(block: Block, owner: Node | undefined): void {
    const where = owner ? `block of ${owner.kind}` : 'top block';
    if (block.graph !== this.#graph) fail(`${where} belongs to another graph`);
    if (block.owningNode !== owner) fail(`${where} names another owning node`);
    const { paramNode, returnNode } = block;
    if (paramNode.kind !== 'prim::Param' || returnNode.kind !== 'prim::Return') {
      fail(`${where}: sentinels are ${paramNode.kind} and ${returnNode.kind}, not prim::Param and prim::Return`);
    }
    for (const sentinel of [paramNode, returnNode]) {
      if (sentinel.owningBlock !== block) fail(`${where}: ${sentinel.kind} sentinel is not owned by its block`);
      if (sentinel.blocks.length > 0) fail(`${where}: ${sentinel.kind} sentinel has blocks`);
      this.#nodes.add(sentinel);
    }
    if (paramNode.inputs.length > 0) fail(`${where}: prim::Param has inputs`);
    if (returnNode.outputs.length > 0) fail(`${where}: prim::Return has outputs`);
    if (paramNode.prev !== returnNode || returnNode.next !== paramNode) {
      fail(`${where}: the node list does not run from prim::Param to prim::Return`);
    }

    const defined: Value[] = [];
    this.#define(paramNode, defined);
    let previous = paramNode;
    let node = paramNode.next;
    while (node !== returnNode) {
      if (!node) fail(`${where}: the node list is broken after ${previous.kind}`);
      if (this.#nodes.has(node)) fail(`${where}: ${node.kind} appears twice in the node lists`);
      this.#nodes.add(node);
      if (node.prev !== previous) fail(`${where}: ${node.kind}.prev is not ${previous.kind}`);
      if (node.owningBlock !== block) fail(`${where}: ${node.kind} names another owning block`);
      if (node.graph !== this.#graph) fail(`${where}: ${node.kind} belongs to another graph`);
      if (node.isDestroyed) fail(`${where}: ${node.kind} was destroyed but is still listed`);
      if (node.kind === 'prim::Param' || node.kind === 'prim::Return') fail(`${where}: a ${node.kind} inside the list`);
      if (previous !== paramNode && !(previous._topoPosition < node._topoPosition)) {
        fail(`${where}: topological positions of ${previous.kind} and ${node.kind} are out of order`);
      }
      this.#checkInputs(node);
      for (const name of node.attributeNames()) {
        const attribute = node.getAttribute(name);
        if (attribute?.kind === 'g') lint(attribute.value);
        if (attribute?.kind === 'gs') for (const subgraph of attribute.value) lint(subgraph);
      }
      for (const nested of node.blocks) this.#checkBlock(nested, node);
      this.#define(node, defined);
      previous = node;
      node = node.next;
    }
    if (returnNode.prev !== previous) fail(`${where}: prim::Return.prev is not the last node`);
    this.#checkInputs(returnNode);
    for (const value of defined) this.#inScope.delete(value);
  }

  #checkInputs(node: Node): void {
    node.inputs.forEach((value, i) => {
      if (!this.#inScope.has(value)) {
        fail(`input ${i} of ${node.kind} (%${value.debugName()}) is not defined before it in an enclosing block`);
      }
      const uses = value.uses.filter((u) => u.user === node && u.offset === i).length;
      if (uses !== 1) fail(`input ${i} of ${node.kind} is recorded ${uses} times in the uses of %${value.debugName()}`);
    });
  }

  #define(node: Node, defined: Value[]): void {
    node.outputs.forEach((value, i) => {
      const name = `%${value.debugName()}`;
      if (value.node !== node) fail(`${name} is an output of ${node.kind} but names another node`);
      if (value.offset !== i) fail(`${name} is output ${i} of ${node.kind} but has offset ${value.offset}`);
      const other = this.#ids.get(value.unique);
      if (other) fail(`two values have the id ${value.unique} (%${other.debugName()} and ${name})`);
      this.#ids.set(value.unique, value);
      if (value.hasDebugName()) {
        if (this.#names.has(value.debugName())) fail(`two values are named ${name}`);
        this.#names.set(value.debugName(), value);
        if (this.#graph._valueNamed(value.debugName()) !== value) fail(`${name} is not registered under its name`);
      }
      this.#values.push(value);
      this.#inScope.add(value);
      defined.push(value);
    });
  }
}

function fail(message: string): never {
  throw new InternalError(`lint: ${message}`);
}
