import { InternalError } from '../errors/internal-error.js';
import type { JitType } from '../types/jit-type.js';
import { Block } from './block.js';
import { type ConstantInput, createConstant } from './create-constant.js';
import { Node } from './node.js';
import { type PrintOptions, printGraph, printNode } from './print-graph.js';
import type { SourceRange } from './source-range.js';
import type { Value } from './value.js';

// Node kinds already checked: compilers create the same few hundred kinds over and over.
const VALID_KINDS = new Set<string>();
/** Where new nodes go: before a node, or at the end of a block. */
export type InsertPoint = Node | Block;

/**
 * A function in SSA form: a top block whose inputs are the function's parameters and whose
 * outputs are its results. New nodes are inserted at the insertion point (by default, the end of
 * the top block). Values have unique ids and unique debug names within a graph.
 */
export class Graph {
  readonly block: Block;
  private _nextUniqueId = 0;
  private readonly _names = new Map<string, Value>();
  private readonly _nameBaseSuffix = new Map<string, number>();
  private _insertPoint: Node;

  constructor() {
    this.block = new Block(this, undefined);
    this._insertPoint = this.block.returnNode;
  }

  get inputs(): readonly Value[] {
    return this.block.inputs;
  }
  get outputs(): readonly Value[] {
    return this.block.outputs;
  }
  get paramNode(): Node {
    return this.block.paramNode;
  }
  get returnNode(): Node {
    return this.block.returnNode;
  }

  /** The top block's nodes (not recursive; see allNodes). Safe under removal of the node just yielded. */
  nodes(): Generator<Node> {
    return this.block.nodes();
  }

  /** Every node in program order, the nodes of nested blocks right after their owner (sentinels excluded). */
  *allNodes(): Generator<Node> {
    // An explicit stack rather than recursion: deeply nested blocks must not overflow the JS stack.
    const stack: Generator<Node>[] = [this.block.nodes()];
    while (stack.length > 0) {
      const step = stack[stack.length - 1].next();
      if (step.done) {
        stack.pop();
        continue;
      }
      yield step.value;
      for (let i = step.value.blocks.length - 1; i >= 0; i--) stack.push(step.value.blocks[i].nodes());
    }
  }

  addInput(name?: string, type?: JitType): Value {
    return this.block.addInput(name, type);
  }

  insertInput(i: number, name?: string, type?: JitType): Value {
    return this.block.insertInput(i, name, type);
  }

  eraseInput(i: number): void {
    this.block.eraseInput(i);
  }

  registerOutput(value: Value): number {
    return this.block.registerOutput(value);
  }

  eraseOutput(i: number): void {
    this.block.eraseOutput(i);
  }

  // ---- creating and inserting nodes ------------------------------------------------------

  /** A new node (not inserted) of `kind` with these inputs and `nOutputs` outputs of type Tensor. */
  create(kind: string, inputs: readonly Value[] = [], nOutputs = 1): Node {
    if (!VALID_KINDS.has(kind)) {
      if (!/^[A-Za-z_][\w]*::[A-Za-z_][\w.]*$/.test(kind)) {
        throw new InternalError(`bad node kind '${kind}': expected a qualified symbol such as aten::add`);
      }
      VALID_KINDS.add(kind);
    }
    const node = new Node(this, kind);
    for (const input of inputs) node.addInput(input);
    for (let i = 0; i < nOutputs; i++) node.addOutput();
    return node;
  }

  /** Inserts `node` at the insertion point; returns it. */
  insertNode(node: Node): Node {
    return node.insertBefore(this._insertPoint);
  }

  /** `insertNode(create(kind, inputs, nOutputs))`. */
  insert(kind: string, inputs: readonly Value[] = [], nOutputs = 1): Node {
    return this.insertNode(this.create(kind, inputs, nOutputs));
  }

  /** The node before which new nodes are inserted. */
  insertPoint(): Node {
    return this._insertPoint;
  }

  /** Insert before `point`, or at the end of `point` when it is a block. */
  setInsertPoint(point: InsertPoint): void {
    const node = point instanceof Block ? point.returnNode : point;
    if (node.graph !== this) throw new InternalError('setInsertPoint: the point belongs to another graph');
    if (!node.inBlockList || node.isParamNode()) throw new InternalError(`cannot insert before ${node.kind}`);
    this._insertPoint = node;
  }

  /** Runs `body` with the insertion point set to `point`, then restores the previous one (also on throw). */
  withInsertPoint<T>(point: InsertPoint, body: () => T): T {
    const saved = this._insertPoint;
    this.setInsertPoint(point);
    try {
      return body();
    } finally {
      this._insertPoint = saved;
    }
  }

  /**
   * Inserts a `prim::Constant` for `value` at the insertion point and returns its output, with
   * PyTorch's conventions: int → `value=<i>` (int), float → `f` (float), bool → `i` 0/1 (bool),
   * str → `s`, device → `s` (Device), None → no attribute (NoneType), complex → `c`, tensor →
   * `t` (Tensor), lists and tuples → `ival` (type inferred from the elements, or `options.type`).
   */
  insertConstant(value: ConstantInput, options: { type?: JitType; sourceRange?: SourceRange } = {}): Value {
    const node = createConstant(this, value, options.type);
    if (options.sourceRange) node.setSourceRange(options.sourceRange);
    return this.insertNode(node).output();
  }

  /**
   * A copy of `node` (not inserted): same kind, attributes, source range and schema, inputs
   * mapped through `valueMap`, outputs of the same types with the same debug names, and, when
   * `copyBlocks`, copies of its blocks.
   */
  createClone(node: Node, valueMap: (value: Value) => Value, copyBlocks = true): Node {
    const copy = new Node(this, node.kind);
    copy.copyAttributes(node);
    copy.setSourceRange(node.sourceRange);
    copy.setScope(node.scope);
    copy.setCallStack(node.callStack);
    copy.setSchema(node.explicitSchema());
    for (const input of node.inputs) copy.addInput(valueMap(input));
    for (const output of node.outputs) this._copyIdentity(output, copy.addOutput(output.type));
    if (copyBlocks) {
      for (const block of node.blocks) copy.addBlock().cloneFrom(block, new Map(), valueMap);
    }
    return copy;
  }

  /** A deep copy (nested blocks included). Value ids and debug names are kept, so the copy prints the same. */
  copy(): Graph {
    const graph = new Graph();
    graph._nextUniqueId = this._nextUniqueId;
    graph.block.cloneFrom(this.block, new Map());
    graph._nextUniqueId = Math.max(graph._nextUniqueId, this._nextUniqueId);
    return graph;
  }

  /** The graph in PyTorch's textual IR format; `{ sourceRanges: false }` leaves out the `# file:line:col` comments. */
  toString(options?: PrintOptions): string {
    return printGraph(this, options);
  }

  // ---- internals -------------------------------------------------------------------------

  _nextUnique(): number {
    return this._nextUniqueId++;
  }

  /** Makes the next fresh id at least `next`. */
  _reserveIds(next: number): void {
    if (next > this._nextUniqueId) this._nextUniqueId = next;
  }

  /** Gives `value` the unique id `unique` (the IR parser keeps the ids it reads). */
  _setUnique(value: Value, unique: number): void {
    value._setUnique(unique);
    if (unique >= this._nextUniqueId) this._nextUniqueId = unique + 1;
  }

  /** Copies the id (when copying to another graph) and the debug name of `from` onto `to`. */
  _copyIdentity(from: Value, to: Value): void {
    if (from.graph !== this) this._setUnique(to, from.unique);
    if (from.hasDebugName()) to.setDebugName(from.debugName());
  }

  /** The value named `name`, if any. */
  _valueNamed(name: string): Value | undefined {
    return this._names.get(name);
  }

  _renameValue(value: Value, name: string): void {
    if (value.hasDebugName()) {
      this._names.delete(value.debugName());
      value._setNameField(undefined);
    }
    if (name === '') return;
    const owner = this._names.get(name);
    if (owner && owner !== value) {
      let suffix = 1;
      let base = name;
      const dot = name.lastIndexOf('.');
      if (dot >= 0 && dot + 1 < name.length && /^[0-9]+$/.test(name.slice(dot + 1))) {
        suffix = Number(name.slice(dot + 1));
        base = name.slice(0, dot);
      }
      const known = this._nameBaseSuffix.get(base);
      if (known !== undefined) suffix = Math.max(suffix, known + 1);
      let replacement: string;
      do {
        replacement = `${base}.${suffix++}`;
      } while (this._names.has(replacement));
      this._nameBaseSuffix.set(base, suffix);
      owner.setDebugName(replacement);
    }
    this._names.set(name, value);
    value._setNameField(name);
  }

  _freeValue(value: Value): void {
    if (value.hasDebugName() && this._names.get(value.debugName()) === value) this._names.delete(value.debugName());
  }

  _printNode(node: Node): string {
    return printNode(node);
  }
}
