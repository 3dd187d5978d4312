import { InternalError } from '../errors/internal-error.js';
import type { FunctionSchema } from '../schema/function-schema.js';
import type { JitType } from '../types/jit-type.js';
import { TensorType } from '../types/tensor-type.js';
import type { AttributeKind, AttributeValue } from './attribute-value.js';
import { Block } from './block.js';
import type { Graph } from './graph.js';
import type { ComplexValue, IValue } from './ivalue.js';
import type { SourceRange } from './source-range.js';

/** One call a node was inlined through: the callee's name (as tracebacks show it) and the call's source range. */
export interface InlinedCall {
  readonly function: string;
  readonly callSite: SourceRange | undefined;
}

import { Value } from './value.js';

// Attribute names already checked (`value`, `name`...): the check runs once per name.
const VALID_ATTRIBUTE_NAMES = new Set<string>();
/** Finds the schema of a node (by its kind and input types); injected by the layer that owns the ops. */
export type SchemaLookup = (node: Node) => FunctionSchema | undefined;

type ValueOf<K extends AttributeKind> = Extract<AttributeValue, { kind: K }>['value'];

// Gaps between the topological positions of consecutive nodes, so that inserting a node rarely
// renumbers the block (as PyTorch's topo_position_ does).
const POSITION_LOWER = 0;
const POSITION_UPPER = 2 ** 50;
const POSITION_INTERVAL = 2 ** 20;

/**
 * An operation: a kind (`aten::add`, `prim::If`), inputs and outputs (Values), nested blocks
 * (for control flow), typed attributes and an optional source range. Nodes of a block form a
 * circular doubly linked list through `prev`/`next`, from the block's param node to its return
 * node. Create nodes with `graph.create`, then insert them (`graph.insertNode`, `insertBefore`...).
 */
export class Node {
  /** Called by `schema()` when no schema was set on the node; set by the layer that knows the operators. */
  static schemaLookup: SchemaLookup | undefined;

  readonly kind: string;
  readonly graph: Graph;

  private _prev: Node | undefined;
  private _next: Node | undefined;
  private _owningBlock: Block | undefined;
  private _position = 0;
  private readonly _inputs: Value[] = [];
  private readonly _outputs: Value[] = [];
  private readonly _blocks: Block[] = [];
  private readonly _attributes = new Map<string, AttributeValue>();
  private _sourceRange: SourceRange | undefined;
  private _scope: string | undefined;
  private _callStack: readonly InlinedCall[] | undefined;
  private _schema: FunctionSchema | undefined;
  private _destroyed = false;

  /** Use `graph.create(kind, inputs, nOutputs)`. */
  constructor(graph: Graph, kind: string) {
    this.graph = graph;
    this.kind = kind;
  }

  get inputs(): readonly Value[] {
    return this._inputs;
  }
  get outputs(): readonly Value[] {
    return this._outputs;
  }
  get blocks(): readonly Block[] {
    return this._blocks;
  }
  /** The block whose node list holds this node (sentinels included); undefined when not inserted. */
  get owningBlock(): Block | undefined {
    return this._owningBlock;
  }
  get prev(): Node | undefined {
    return this._prev;
  }
  get next(): Node | undefined {
    return this._next;
  }
  get sourceRange(): SourceRange | undefined {
    return this._sourceRange;
  }
  get isDestroyed(): boolean {
    return this._destroyed;
  }
  /** Whether the node is in a block's list. */
  get inBlockList(): boolean {
    return this._next !== undefined;
  }

  setSourceRange(range: SourceRange | undefined): this {
    this._sourceRange = range;
    return this;
  }

  /**
   * The module scope a trace recorded the node in (`__module.s/__module.s.l`), printed
   * `, scope: ...` as PyTorch prints traced graphs; undefined outside traced submodules.
   */
  get scope(): string | undefined {
    return this._scope;
  }

  setScope(scope: string | undefined): this {
    this._scope = scope;
    return this;
  }

  /**
   * The calls this node was inlined through, outermost first (PyTorch's InlinedCallStack): each
   * names the function called and where the call was, so that a traceback through inlined code
   * still shows one frame per TorchScript call. Undefined for nodes that were never inlined.
   */
  get callStack(): readonly InlinedCall[] | undefined {
    return this._callStack;
  }

  setCallStack(stack: readonly InlinedCall[] | undefined): this {
    this._callStack = stack;
    return this;
  }

  input(i = 0): Value {
    const v = this._inputs[i];
    if (!v) throw new InternalError(`${this.kind} has no input ${i} (it has ${this._inputs.length})`);
    return v;
  }

  /** Output `i`; without an argument, the only output (throws when there is not exactly one). */
  output(i?: number): Value {
    if (i === undefined && this._outputs.length !== 1) {
      throw new InternalError(`${this.kind} has ${this._outputs.length} outputs, not exactly one`);
    }
    const v = this._outputs[i ?? 0];
    if (!v) throw new InternalError(`${this.kind} has no output ${i} (it has ${this._outputs.length})`);
    return v;
  }

  // ---- schema ----------------------------------------------------------------------------

  /** The schema of the node: the one set with setSchema, else what `Node.schemaLookup` finds. */
  maybeSchema(): FunctionSchema | undefined {
    return this._schema ?? Node.schemaLookup?.(this);
  }

  schema(): FunctionSchema {
    const schema = this.maybeSchema();
    if (!schema) throw new InternalError(`no schema for ${this.kind}`);
    return schema;
  }

  /** The schema set with setSchema, without asking the lookup. */
  explicitSchema(): FunctionSchema | undefined {
    return this._schema;
  }

  setSchema(schema: FunctionSchema | undefined): this {
    this._schema = schema;
    return this;
  }

  // ---- inputs ----------------------------------------------------------------------------

  addInput(value: Value): Value {
    this.#checkSameGraph(value);
    this._inputs.push(value);
    value._addUse({ user: this, offset: this._inputs.length - 1 });
    return value;
  }

  insertInput(i: number, value: Value): Value {
    this.#checkSameGraph(value);
    if (i < 0 || i > this._inputs.length) throw new InternalError(`insertInput: bad index ${i}`);
    for (let j = this._inputs.length - 1; j >= i; j--) this._inputs[j]._moveUse(this, j, j + 1);
    this._inputs.splice(i, 0, value);
    value._addUse({ user: this, offset: i });
    return value;
  }

  /** Makes input `i` read `value`; returns the value it read before. */
  replaceInput(i: number, value: Value): Value {
    this.#checkSameGraph(value);
    const old = this.input(i);
    old._removeUse(this, i);
    this._inputs[i] = value;
    value._addUse({ user: this, offset: i });
    return old;
  }

  /** Makes every input that reads `from` read `to`. */
  replaceInputWith(from: Value, to: Value): void {
    for (let i = 0; i < this._inputs.length; i++) if (this._inputs[i] === from) this.replaceInput(i, to);
  }

  removeInput(i: number): void {
    const old = this.input(i);
    old._removeUse(this, i);
    for (let j = i + 1; j < this._inputs.length; j++) this._inputs[j]._moveUse(this, j, j - 1);
    this._inputs.splice(i, 1);
  }

  removeAllInputs(): void {
    for (let i = 0; i < this._inputs.length; i++) this._inputs[i]._removeUse(this, i);
    this._inputs.length = 0;
  }

  // ---- outputs ---------------------------------------------------------------------------

  addOutput(type: JitType = TensorType.get()): Value {
    const value = new Value(this, this._outputs.length, this.graph._nextUnique(), type);
    this._outputs.push(value);
    return value;
  }

  insertOutput(i: number, type: JitType = TensorType.get()): Value {
    if (i < 0 || i > this._outputs.length) throw new InternalError(`insertOutput: bad index ${i}`);
    const value = new Value(this, i, this.graph._nextUnique(), type);
    this._outputs.splice(i, 0, value);
    for (let j = i + 1; j < this._outputs.length; j++) this._outputs[j]._setOffset(j);
    return value;
  }

  /** Removes output `i`, which must have no uses. */
  eraseOutput(i: number): void {
    const value = this.output(i);
    if (value.hasUses()) {
      throw new InternalError(
        `cannot erase output %${value.debugName()} of ${this.kind}: it still has ${value.uses.length} use(s)`,
      );
    }
    this.graph._freeValue(value);
    this._outputs.splice(i, 1);
    for (let j = i; j < this._outputs.length; j++) this._outputs[j]._setOffset(j);
  }

  /** Makes the users of each output of this node use the matching output of `other`. */
  replaceAllUsesWith(other: Node): void {
    if (other._outputs.length !== this._outputs.length) {
      throw new InternalError(`replaceAllUsesWith: ${this.kind} and ${other.kind} have different numbers of outputs`);
    }
    this._outputs.forEach((v, i) => {
      v.replaceAllUsesWith(other._outputs[i]);
    });
  }

  // ---- blocks ----------------------------------------------------------------------------

  addBlock(): Block {
    const block = new Block(this.graph, this);
    this._blocks.push(block);
    return block;
  }

  eraseBlock(i: number): void {
    const block = this._blocks[i];
    if (!block) throw new InternalError(`${this.kind} has no block ${i}`);
    block._destroy();
    this._blocks.splice(i, 1);
  }

  // ---- position in a block ---------------------------------------------------------------

  /** Inserts this (not yet inserted) node just before `node`. */
  insertBefore(node: Node): this {
    if (!node.inBlockList || !node._prev) throw new InternalError(`insertBefore: ${node.kind} is not in a block`);
    if (node.isParamNode()) throw new InternalError('insertBefore: cannot insert before a param node');
    this.#insertAfter(node._prev);
    return this;
  }

  /** Inserts this (not yet inserted) node just after `node`. */
  insertAfter(node: Node): this {
    if (!node.inBlockList) throw new InternalError(`insertAfter: ${node.kind} is not in a block`);
    if (node.isReturnNode()) throw new InternalError('insertAfter: cannot insert after a return node');
    this.#insertAfter(node);
    return this;
  }

  moveBefore(node: Node): this {
    this.#checkMovable(node);
    if (node.isParamNode()) throw new InternalError('moveBefore: cannot move before a param node');
    this._removeFromList();
    return this.insertBefore(node);
  }

  moveAfter(node: Node): this {
    this.#checkMovable(node);
    if (node.isReturnNode()) throw new InternalError('moveAfter: cannot move after a return node');
    this._removeFromList();
    return this.insertAfter(node);
  }

  /** Whether this node comes before `other` in program order (nodes of nested blocks included). */
  isBefore(other: Node): boolean {
    return this.#compare(other, true);
  }

  isAfter(other: Node): boolean {
    return this.#compare(other, false);
  }

  /** Whether this is the param node of its block (the node whose outputs are the block's inputs). */
  isParamNode(): boolean {
    return this._owningBlock?.paramNode === this;
  }

  /** Whether this is the return node of its block (whose inputs are the block's outputs). */
  isReturnNode(): boolean {
    return this._owningBlock?.returnNode === this;
  }

  /**
   * Removes the node from its block and frees it: its blocks, inputs and outputs go with it.
   * Throws (and changes nothing) when one of its outputs still has uses.
   */
  destroy(): void {
    if (this._destroyed) throw new InternalError(`${this.kind} was already destroyed`);
    if (this.isParamNode() || this.isReturnNode()) throw new InternalError(`cannot destroy the sentinel ${this.kind}`);
    for (const value of this._outputs) {
      if (value.hasUses()) {
        const user = value.uses[0].user;
        throw new InternalError(
          `cannot destroy ${this.kind}: its output %${value.debugName()} is still used by ${user.kind}`,
        );
      }
    }
    this._destroyTree();
  }

  // ---- attributes ------------------------------------------------------------------------

  hasAttribute(name: string): boolean {
    return this._attributes.has(name);
  }

  hasAttributes(): boolean {
    return this._attributes.size > 0;
  }

  /** Attribute names in the order they were first set (the order PyTorch prints them in). */
  attributeNames(): string[] {
    return [...this._attributes.keys()];
  }

  attributeKind(name: string): AttributeKind | undefined {
    return this._attributes.get(name)?.kind;
  }

  getAttribute(name: string): AttributeValue | undefined {
    return this._attributes.get(name);
  }

  setAttribute(name: string, value: AttributeValue): this {
    if (!VALID_ATTRIBUTE_NAMES.has(name)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new InternalError(`bad attribute name '${name}'`);
      VALID_ATTRIBUTE_NAMES.add(name);
    }
    this._attributes.set(name, value);
    return this;
  }

  removeAttribute(name: string): this {
    if (!this._attributes.delete(name)) throw new InternalError(`${this.kind} has no attribute '${name}'`);
    return this;
  }

  /** Copies every attribute of `other` onto this node. */
  copyAttributes(other: Node): this {
    this._attributes.clear();
    for (const [name, value] of other._attributes) this._attributes.set(name, value);
    return this;
  }

  i(name: string): number | bigint {
    return this.#get(name, 'i');
  }
  f(name: string): number {
    return this.#get(name, 'f');
  }
  c(name: string): ComplexValue {
    return this.#get(name, 'c');
  }
  s(name: string): string {
    return this.#get(name, 's');
  }
  t(name: string): unknown {
    return this.#get(name, 't');
  }
  is(name: string): readonly (number | bigint)[] {
    return this.#get(name, 'is');
  }
  fs(name: string): readonly number[] {
    return this.#get(name, 'fs');
  }
  ss(name: string): readonly string[] {
    return this.#get(name, 'ss');
  }
  ts(name: string): readonly unknown[] {
    return this.#get(name, 'ts');
  }
  g(name: string): Graph {
    return this.#get(name, 'g');
  }
  gs(name: string): readonly Graph[] {
    return this.#get(name, 'gs');
  }
  ty(name: string): JitType {
    return this.#get(name, 'ty');
  }
  tys(name: string): readonly JitType[] {
    return this.#get(name, 'tys');
  }
  ival(name: string): IValue {
    return this.#get(name, 'ival');
  }

  setI(name: string, value: number | bigint): this {
    if (typeof value === 'number' && !Number.isInteger(value)) throw new InternalError(`setI: ${value} is not an int`);
    return this.setAttribute(name, { kind: 'i', value });
  }
  setF(name: string, value: number): this {
    return this.setAttribute(name, { kind: 'f', value });
  }
  setC(name: string, value: ComplexValue): this {
    return this.setAttribute(name, { kind: 'c', value });
  }
  setS(name: string, value: string): this {
    return this.setAttribute(name, { kind: 's', value });
  }
  setT(name: string, value: unknown): this {
    return this.setAttribute(name, { kind: 't', value });
  }
  setIs(name: string, value: readonly (number | bigint)[]): this {
    return this.setAttribute(name, { kind: 'is', value: Object.freeze([...value]) });
  }
  setFs(name: string, value: readonly number[]): this {
    return this.setAttribute(name, { kind: 'fs', value: Object.freeze([...value]) });
  }
  setSs(name: string, value: readonly string[]): this {
    return this.setAttribute(name, { kind: 'ss', value: Object.freeze([...value]) });
  }
  setTs(name: string, value: readonly unknown[]): this {
    return this.setAttribute(name, { kind: 'ts', value: Object.freeze([...value]) });
  }
  setG(name: string, value: Graph): this {
    return this.setAttribute(name, { kind: 'g', value });
  }
  setGs(name: string, value: readonly Graph[]): this {
    return this.setAttribute(name, { kind: 'gs', value: Object.freeze([...value]) });
  }
  setTy(name: string, value: JitType): this {
    return this.setAttribute(name, { kind: 'ty', value });
  }
  setTys(name: string, value: readonly JitType[]): this {
    return this.setAttribute(name, { kind: 'tys', value: Object.freeze([...value]) });
  }
  setIval(name: string, value: IValue): this {
    return this.setAttribute(name, { kind: 'ival', value });
  }

  /** The node as one line of PyTorch's IR format (its blocks included). */
  toString(): string {
    return this.graph._printNode(this);
  }

  // ---- internals -------------------------------------------------------------------------

  get _topoPosition(): number {
    return this._position;
  }

  /** Links a fresh block's sentinels into their circular list. */
  static _linkSentinels(block: Block, param: Node, ret: Node): void {
    param._owningBlock = ret._owningBlock = block;
    param._next = param._prev = ret;
    ret._next = ret._prev = param;
    param._position = POSITION_LOWER;
    ret._position = POSITION_UPPER;
  }

  _removeFromList(): void {
    if (!this._next || !this._prev) throw new InternalError(`${this.kind} is not in a block`);
    this._prev._next = this._next;
    this._next._prev = this._prev;
    this._next = this._prev = undefined;
    this._owningBlock = undefined;
  }

  /** Frees the node, its blocks and its outputs without checking for uses outside of it. */
  _destroyTree(): void {
    while (this._blocks.length > 0) this.eraseBlock(this._blocks.length - 1);
    for (const value of this._outputs) this.graph._freeValue(value);
    this._outputs.length = 0;
    this.removeAllInputs();
    if (this.inBlockList) this._removeFromList();
    this._destroyed = true;
  }

  #get<K extends AttributeKind>(name: string, kind: K): ValueOf<K> {
    const attribute = this._attributes.get(name);
    if (!attribute) throw new InternalError(`${this.kind} has no attribute '${name}'`);
    if (attribute.kind !== kind) {
      throw new InternalError(`attribute '${name}' of ${this.kind} is of kind ${attribute.kind}, not ${kind}`);
    }
    return attribute.value as ValueOf<K>;
  }

  #checkSameGraph(value: Value): void {
    if (value.graph !== this.graph)
      throw new InternalError(`${this.kind}: input %${value.debugName()} is of another graph`);
    if (this._destroyed) throw new InternalError(`${this.kind} was destroyed`);
  }

  #checkMovable(target: Node): void {
    if (!this.inBlockList) throw new InternalError(`cannot move ${this.kind}: it is not in a block`);
    if (this.isParamNode() || this.isReturnNode()) throw new InternalError(`cannot move the sentinel ${this.kind}`);
    if (target === this) throw new InternalError(`cannot move ${this.kind} next to itself`);
    if (!target.inBlockList)
      throw new InternalError(`cannot move ${this.kind} next to ${target.kind}: it is not in a block`);
    if (target.graph !== this.graph) throw new InternalError(`cannot move ${this.kind} into another graph`);
    for (let block = target._owningBlock; block?.owningNode; block = block.owningNode._owningBlock) {
      if (block.owningNode === this) throw new InternalError(`cannot move ${this.kind} into one of its own blocks`);
    }
  }

  #insertAfter(prev: Node): void {
    if (this.inBlockList) throw new InternalError(`${this.kind} is already in a block`);
    if (this._destroyed) throw new InternalError(`${this.kind} was destroyed`);
    const block = prev._owningBlock;
    if (!block) throw new InternalError(`${prev.kind} is not in a block`);
    if (block.graph !== this.graph) throw new InternalError(`cannot insert ${this.kind} into a block of another graph`);
    const next = prev._next as Node;
    this._owningBlock = block;
    this._prev = prev;
    this._next = next;
    prev._next = this;
    next._prev = this;
    this.#assignPosition();
  }

  #assignPosition(): void {
    const prev = (this._prev as Node)._position;
    const next = (this._next as Node)._position;
    let position: number;
    if (this._next === this._owningBlock?.returnNode && prev + POSITION_INTERVAL < next) {
      position = prev + POSITION_INTERVAL;
    } else {
      position = prev + Math.floor((next - prev) / 2);
    }
    if (position <= prev || position >= next) {
      Node._renumber(this._owningBlock as Block);
      return;
    }
    this._position = position;
  }

  /** Gives the nodes of a block evenly spaced positions again (called when a gap is used up). */
  static _renumber(block: Block): void {
    let count = 0;
    for (let n = block.paramNode._next; n && n !== block.returnNode; n = n._next) count++;
    const step = Math.max(1, Math.min(POSITION_INTERVAL, Math.floor(POSITION_UPPER / (count + 1))));
    let position = POSITION_LOWER;
    for (let n = block.paramNode._next; n && n !== block.returnNode; n = n._next) n._position = position += step;
  }

  #compare(other: Node, before: boolean): boolean {
    if (!this._owningBlock || !other._owningBlock) {
      throw new InternalError(`cannot order ${this.kind} and ${other.kind}: not both in a block`);
    }
    if (this.graph !== other.graph) throw new InternalError('cannot order nodes of different graphs');
    // Walk both up to the first block that holds an ancestor of each, and compare those.
    for (let lhs: Node | undefined = this; lhs?._owningBlock; lhs = lhs._owningBlock.owningNode) {
      for (let rhs: Node | undefined = other; rhs?._owningBlock; rhs = rhs._owningBlock.owningNode) {
        if (lhs._owningBlock === rhs._owningBlock) {
          return before ? lhs._position < rhs._position : lhs._position > rhs._position;
        }
      }
    }
    throw new InternalError(`${this.kind} and ${other.kind} share no block`);
  }
}
