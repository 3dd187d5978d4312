import type { Block, JitType, Value } from '@tsjit/ir';
import type { Range } from '../ast.js';
import type { SugaredValue } from './contracts.js';
import { SimpleValue } from './values/simple-value.js';

/**
 * PyTorch's `meaningfulName`: `$tmp` names and `_<digits>` are not kept as debug names, so that
 * printed code names its values stably.
 */
export function meaningfulName(name: string): boolean {
  if (name.length === 0 || name[0] === '$') return false;
  if (name[0] !== '_') return true;
  return !/^_[0-9]*$/.test(name);
}

/** What the environment needs from the function emitter. */
export interface EnvironmentHost {
  /** Inserts `prim::Load[name=...]` at the insertion point. */
  insertLoad(name: string, type: JitType): Value;
  /** Inserts `prim::Store[name=...](value)` at the insertion point. */
  insertStore(name: string, value: Value, range: Range): void;
}

/**
 * One frame of variables: the variables of a block while it is emitted (PyTorch's Environment).
 * First-class values are kept as types and read and written through prim::Load / prim::Store
 * nodes, which the SSA conversion turns into block inputs and outputs afterwards; sugared values
 * (modules, functions, range objects) are kept as they are.
 */
export class Environment {
  private readonly typeTable = new Map<string, JitType>();
  private readonly valueTable = new Map<string, SugaredValue>();
  /** Deferred errors for variables that an `if` defined on one path only or with different types (root frame only). */
  private readonly errorMessages = new Map<string, () => { range: Range; reason: string }>();

  constructor(
    readonly block: Block,
    readonly next: Environment | undefined,
    private readonly host: EnvironmentHost,
  ) {}

  private root(): Environment {
    let runner: Environment = this;
    while (runner.next) runner = runner.next;
    return runner;
  }

  setVariableTypeError(name: string, message: () => { range: Range; reason: string }): void {
    this.root().errorMessages.set(name, message);
  }

  findVariableTypeError(name: string): { range: Range; reason: string } | undefined {
    return this.root().errorMessages.get(name)?.();
  }

  findInThisFrame(name: string): SugaredValue | undefined {
    const sugared = this.valueTable.get(name);
    if (sugared) return sugared;
    const type = this.typeTable.get(name);
    if (type) return new SimpleValue(this.host.insertLoad(name, type));
    return undefined;
  }

  findInParentFrame(name: string): SugaredValue | undefined {
    return this.next?.findInAnyFrame(name);
  }

  findInAnyFrame(name: string): SugaredValue | undefined {
    for (let runner: Environment | undefined = this; runner; runner = runner.next) {
      const found = runner.findInThisFrame(name);
      if (found) return found;
    }
    return undefined;
  }

  /** The type of `name` if some frame stores it as a first-class value (no load is emitted). */
  typeInAnyFrame(name: string): JitType | undefined {
    for (let runner: Environment | undefined = this; runner; runner = runner.next) {
      if (runner.valueTable.has(name)) return undefined;
      const type = runner.typeTable.get(name);
      if (type) return type;
    }
    return undefined;
  }

  /** Whether `name` is bound in some frame (without emitting a load). */
  isDefinedInAnyFrame(name: string): boolean {
    for (let runner: Environment | undefined = this; runner; runner = runner.next) {
      if (runner.valueTable.has(name) || runner.typeTable.has(name)) return true;
    }
    return false;
  }

  isDefinedInParentFrame(name: string): boolean {
    return this.next?.isDefinedInAnyFrame(name) ?? false;
  }

  setType(name: string, type: JitType): void {
    this.typeTable.set(name, type);
  }

  store(name: string, value: Value, type: JitType, range: Range): void {
    this.host.insertStore(name, value, range);
    this.typeTable.set(name, type);
  }

  setSugared(name: string, value: SugaredValue): void {
    this.valueTable.set(name, value);
  }

  /** Removes `name` from every frame (`del x`); whether it was bound. */
  remove(name: string): boolean {
    let removed = false;
    for (let runner: Environment | undefined = this; runner; runner = runner.next) {
      const a = runner.valueTable.delete(name);
      const b = runner.typeTable.delete(name);
      removed = a || b;
    }
    return removed;
  }

  /** The first-class variables this frame assigned, sorted (PyTorch keeps them in an ordered set). */
  definedVariables(): string[] {
    return [...this.typeTable.keys()];
  }
}
