import { InternalError } from '../errors/internal-error.js';
import type { JitType } from '../types/jit-type.js';
import type { Graph } from './graph.js';
import type { Node } from './node.js';

/** One use of a value: `user.inputs[offset]` is the value. */
export interface Use {
  readonly user: Node;
  readonly offset: number;
}

/**
 * An SSA value: the output `offset` of the node that defines it (a block's inputs are the
 * outputs of its param node). Its uses are kept in `uses`, in the order they were added.
 */
export class Value {
  /** Unique within its graph; printed as `%<unique>` when the value has no debug name. */
  get unique(): number {
    return this._unique;
  }
  get node(): Node {
    return this._node;
  }
  get offset(): number {
    return this._offset;
  }
  get type(): JitType {
    return this._type;
  }
  /** Every input slot that reads this value. Do not modify: use the mutation methods of Node and Value. */
  get uses(): readonly Use[] {
    return this._uses;
  }

  private _unique: number;
  private _node: Node;
  private _offset: number;
  private _type: JitType;
  private _debugName: string | undefined;
  private readonly _uses: Use[] = [];

  /** Made by Node.addOutput and friends; not constructed directly. */
  constructor(node: Node, offset: number, unique: number, type: JitType) {
    this._node = node;
    this._offset = offset;
    this._unique = unique;
    this._type = type;
  }

  get graph(): Graph {
    return this._node.graph;
  }

  setType(type: JitType): this {
    this._type = type;
    return this;
  }

  hasDebugName(): boolean {
    return this._debugName !== undefined;
  }

  /** The name printed after `%`: the debug name, or the unique id. */
  debugName(): string {
    return this._debugName ?? String(this._unique);
  }

  /**
   * Names the value. Names are unique in a graph with PyTorch's rule: when another value already
   * has the name, that other value is renamed to `name.<n>` with the next free suffix (a name that
   * already ends in `.<digits>` counts on from those digits). An empty name clears it. A name of
   * digits only is rejected, since it would read as a unique id, and so is a name with characters
   * other than letters, digits, '_' and '.', which the IR format cannot write.
   */
  setDebugName(name: string): this {
    if (/^[0-9]+$/.test(name)) throw new InternalError(`invalid value name '${name}': names of digits only are ids`);
    // Only what the IR parser reads back after `%`: letters, digits, '_' and '.'.
    if (!/^[\p{L}\p{N}_.]*$/u.test(name)) throw new InternalError(`invalid value name '${name}'`);
    this.graph._renameValue(this, name);
    return this;
  }

  hasUses(): boolean {
    return this._uses.length > 0;
  }

  /** Makes every user of this value read `newValue` instead (in use order). */
  replaceAllUsesWith(newValue: Value): void {
    if (newValue === this) return;
    if (newValue.graph !== this.graph) throw new InternalError('replaceAllUsesWith: values of different graphs');
    for (const use of [...this._uses]) use.user.replaceInput(use.offset, newValue);
  }

  /**
   * Like replaceAllUsesWith, but only for the uses by nodes after `node` in program order (as in
   * PyTorch, uses by `node` itself and inside its blocks are not after it and stay).
   */
  replaceAllUsesAfterNodeWith(node: Node, newValue: Value): void {
    for (const use of [...this._uses]) {
      if (use.user.isAfter(node)) use.user.replaceInput(use.offset, newValue);
    }
  }

  /** Internal bookkeeping used by Node, Block and Graph. */
  _setOffset(offset: number): void {
    this._offset = offset;
  }
  _setUnique(unique: number): void {
    this._unique = unique;
  }
  _setNameField(name: string | undefined): void {
    this._debugName = name;
  }
  _addUse(use: Use): void {
    this._uses.push(use);
  }
  /** Removes the use (user, offset); throws when it is not recorded. */
  _removeUse(user: Node, offset: number): void {
    const at = this._uses.findIndex((u) => u.user === user && u.offset === offset);
    if (at < 0)
      throw new InternalError(`use list of %${this.debugName()} has no use by ${user.kind} at input ${offset}`);
    this._uses.splice(at, 1);
  }
  /** Renumbers the use (user, from) to (user, to), after an input was removed or inserted before it. */
  _moveUse(user: Node, from: number, to: number): void {
    const at = this._uses.findIndex((u) => u.user === user && u.offset === from);
    if (at < 0) throw new InternalError(`use list of %${this.debugName()} has no use by ${user.kind} at input ${from}`);
    this._uses[at] = { user, offset: to };
  }
}
