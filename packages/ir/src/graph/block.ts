import { InternalError } from '../errors/internal-error.js';
import type { JitType } from '../types/jit-type.js';
import { TensorType } from '../types/tensor-type.js';
import type { Graph } from './graph.js';
import { Node } from './node.js';
import type { Value } from './value.js';

/**
 * A list of nodes with inputs and outputs: the body of a graph, or of a `prim::If` branch or
 * `prim::Loop` body. As in PyTorch, two sentinel nodes frame the list: the param node
 * (`prim::Param`), whose outputs are the block's inputs, and the return node (`prim::Return`),
 * whose inputs are the block's outputs.
 */
export class Block {
  readonly graph: Graph;
  /** The node this block belongs to (`prim::If`, `prim::Loop`...), or undefined for a graph's top block. */
  readonly owningNode: Node | undefined;
  readonly paramNode: Node;
  readonly returnNode: Node;

  /** Use `node.addBlock()`; a graph makes its own top block. */
  constructor(graph: Graph, owningNode: Node | undefined) {
    this.graph = graph;
    this.owningNode = owningNode;
    this.paramNode = new Node(graph, 'prim::Param');
    this.returnNode = new Node(graph, 'prim::Return');
    Node._linkSentinels(this, this.paramNode, this.returnNode);
  }

  get inputs(): readonly Value[] {
    return this.paramNode.outputs;
  }

  get outputs(): readonly Value[] {
    return this.returnNode.inputs;
  }

  /** Adds an input (of type Tensor unless given), optionally named. */
  addInput(name?: string, type: JitType = TensorType.get()): Value {
    const value = this.paramNode.addOutput(type);
    if (name) value.setDebugName(name);
    return value;
  }

  insertInput(i: number, name?: string, type: JitType = TensorType.get()): Value {
    const value = this.paramNode.insertOutput(i, type);
    if (name) value.setDebugName(name);
    return value;
  }

  /** Removes input `i`, which must have no uses. */
  eraseInput(i: number): void {
    this.paramNode.eraseOutput(i);
  }

  /** Appends `value` to the outputs; returns its index. */
  registerOutput(value: Value): number {
    this.returnNode.addInput(value);
    return this.returnNode.inputs.length - 1;
  }

  insertOutput(i: number, value: Value): void {
    this.returnNode.insertInput(i, value);
  }

  eraseOutput(i: number): void {
    this.returnNode.removeInput(i);
  }

  replaceOutput(i: number, value: Value): void {
    this.returnNode.replaceInput(i, value);
  }

  /**
   * The nodes in order, sentinels excluded. Destroying or moving away the node just yielded is
   * safe: the iterator has already stepped past it.
   */
  *nodes(): Generator<Node> {
    let node = this.paramNode.next;
    while (node && node !== this.returnNode) {
      const next: Node | undefined = node.next;
      yield node;
      node = next;
    }
  }

  /** The nodes from last to first; as safe as `nodes()` under removal of the node just yielded. */
  *reverseNodes(): Generator<Node> {
    let node = this.returnNode.prev;
    while (node && node !== this.paramNode) {
      const prev: Node | undefined = node.prev;
      yield node;
      node = prev;
    }
  }

  /** The first node (or the return node when the block is empty). */
  get first(): Node {
    return this.paramNode.next as Node;
  }

  /** The last node (or the param node when the block is empty). */
  get last(): Node {
    return this.returnNode.prev as Node;
  }

  isEmpty(): boolean {
    return this.paramNode.next === this.returnNode;
  }

  appendNode(node: Node): Node {
    return node.insertBefore(this.returnNode);
  }

  prependNode(node: Node): Node {
    return node.insertAfter(this.paramNode);
  }

  /**
   * Fills this (empty) block with a copy of `source`: its inputs, nodes (nested blocks included)
   * and outputs. `valueMap` maps values of the source's graph to values here; values defined
   * outside `source` must be in it (or be returned by `outerValue`).
   */
  cloneFrom(source: Block, valueMap: Map<Value, Value>, outerValue?: (value: Value) => Value): void {
    const lookup = (value: Value): Value => {
      const mapped = valueMap.get(value) ?? outerValue?.(value);
      if (!mapped) throw new InternalError(`cloneFrom: %${value.debugName()} is defined outside the copied block`);
      return mapped;
    };
    for (const input of source.inputs) {
      const copy = this.addInput(undefined, input.type);
      this.graph._copyIdentity(input, copy);
      valueMap.set(input, copy);
    }
    for (const node of source.nodes()) {
      const copy = this.appendNode(this.graph.createClone(node, lookup, true));
      node.outputs.forEach((output, i) => {
        valueMap.set(output, copy.outputs[i]);
      });
    }
    for (const output of source.outputs) this.registerOutput(lookup(output));
  }

  /** Frees the block's nodes and sentinels (its owner removes it from its block list). */
  _destroy(): void {
    this.returnNode.removeAllInputs();
    for (const node of this.reverseNodes()) node._destroyTree();
    for (const value of this.paramNode.outputs) this.graph._freeValue(value);
  }
}
