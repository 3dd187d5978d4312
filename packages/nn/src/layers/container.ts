import { Module } from '../module/module.js';
import type { TorchScriptDefinition, TorchScriptSourceOptions } from '../module/torchscript-definition.js';
import { scriptClassLine } from './define-script.js';

/** PyTorch's index normalization for containers, with its IndexError text. */
function normalizeIndex(idx: number, length: number): number {
  if (!Number.isInteger(idx)) throw new TypeError(`index ${idx} is not an integer`);
  if (idx < -length || idx >= length) throw new RangeError(`index ${idx} is out of range`);
  return idx < 0 ? idx + length : idx;
}

/** The submodule declarations of a container's TorchScript class (`__annotations__["0"] = Linear`). */
function childDeclarations(m: Module, slots: [string, Module | null][], options?: TorchScriptSourceOptions): string {
  const typeOf = options?.childType ?? ((child: Module) => child.constructor.name);
  return slots
    .filter(([, child]) => child !== null)
    .map(([name, child]) => `    __annotations__["${name}"] = ${typeOf(child as Module)}\n`)
    .join('');
}

/**
 * nn.Sequential(...modules), or nn.Sequential(new Map([[name, module], ...])) for named children.
 * forward passes the input through each child's `call` in order.
 */
export class Sequential extends Module {
  static readonly torchscript: TorchScriptDefinition<Sequential> = {
    source: (m, options) => {
      const slots = m.moduleSlots().filter(([, c]) => c !== null);
      const calls = slots.map(([name]) => `        input = getattr(self, "${name}")(input)\n`).join('');
      return `${scriptClassLine(m, options)}${childDeclarations(m, slots, options)}    def forward(self, input: Tensor) -> Tensor:\n${calls}        return input\n`;
    },
    attributes: (m) => ({ training: m.training }),
  };

  constructor(...modules: Module[] | [Map<string, Module>]) {
    super();
    if (modules.length === 1 && modules[0] instanceof Map) {
      for (const [name, module] of modules[0]) this.registerModule(name, module);
    } else {
      (modules as Module[]).forEach((module, i) => {
        this.registerModule(String(i), module);
      });
    }
  }

  override moduleSlots(): [string, Module | null][] {
    return super.moduleSlots();
  }

  get length(): number {
    return this.moduleSlots().length;
  }

  /** `seq[idx]` (negative indices count from the end). */
  at(idx: number): Module {
    const slots = this.moduleSlots();
    return slots[normalizeIndex(idx, slots.length)][1] as Module;
  }

  /** `seq[start:end]`: a Sequential of those children, keeping their names. */
  slice(start?: number, end?: number): Sequential {
    return new Sequential(new Map(this.moduleSlots().slice(start, end) as [string, Module][]));
  }

  /** `seq[idx] = module`. */
  set(idx: number, module: Module): void {
    const slots = this.moduleSlots();
    (this as any)[slots[normalizeIndex(idx, slots.length)][0]] = module;
  }

  append(module: Module): this {
    this.registerModule(String(this.length), module);
    return this;
  }

  *[Symbol.iterator](): Iterator<Module> {
    for (const [, m] of this.moduleSlots()) if (m !== null) yield m;
  }

  override forward(input: any): any {
    let x = input;
    for (const module of this) x = module.call(x);
    return x;
  }
}

/** nn.ModuleList(modules?): a list of submodules, registered as "0", "1", ... It has no forward. */
export class ModuleList extends Module {
  static readonly torchscript: TorchScriptDefinition<ModuleList> = {
    source: (m, options) => {
      const slots = m.moduleSlots();
      // A class needs a body: a module list's TorchScript class has no methods of its own.
      return `${scriptClassLine(m, options)}${childDeclarations(m, slots, options) || '    pass\n'}`;
    },
    attributes: (m) => ({ training: m.training }),
  };

  constructor(modules: Iterable<Module> = []) {
    super();
    this.extend(modules);
  }

  override moduleSlots(): [string, Module | null][] {
    return super.moduleSlots();
  }

  get length(): number {
    return this.moduleSlots().length;
  }

  at(idx: number): Module {
    const slots = this.moduleSlots();
    return slots[normalizeIndex(idx, slots.length)][1] as Module;
  }

  set(idx: number, module: Module): void {
    const slots = this.moduleSlots();
    (this as any)[slots[normalizeIndex(idx, slots.length)][0]] = module;
  }

  slice(start?: number, end?: number): ModuleList {
    return new ModuleList(
      this.moduleSlots()
        .slice(start, end)
        .map(([, m]) => m as Module),
    );
  }

  append(module: Module): this {
    this.registerModule(String(this.length), module);
    return this;
  }

  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  /** insert(index, module): the later modules move up one name, as in PyTorch. */
  insert(index: number, module: Module): void {
    const mods = this.moduleSlots().map(([, m]) => m as Module);
    const n = mods.length;
    const at = index < 0 ? Math.max(0, n + index) : Math.min(index, n);
    mods.splice(at, 0, module);
    mods.forEach((m, i) => {
      if (i < n) (this as any)[String(i)] = m;
      else this.registerModule(String(i), m);
    });
  }

  /** pop(index): removes a module and renumbers the rest. */
  pop(index = -1): Module {
    const mods = this.moduleSlots().map(([, m]) => m as Module);
    const at = normalizeIndex(index, mods.length);
    const [removed] = mods.splice(at, 1);
    this.deleteSlot(String(mods.length));
    mods.forEach((m, i) => {
      (this as any)[String(i)] = m;
    });
    return removed;
  }

  *[Symbol.iterator](): Iterator<Module> {
    for (const [, m] of this.moduleSlots()) if (m !== null) yield m;
  }

  override forward(..._args: unknown[]): never {
    throw new Error('Module [ModuleList] is missing the required "forward" function');
  }
}

/** nn.ModuleDict(modules?): submodules by name, in insertion order. It has no forward. */
export class ModuleDict extends Module {
  static readonly torchscript: TorchScriptDefinition<ModuleDict> = {
    source: (m, options) =>
      `${scriptClassLine(m, options)}${childDeclarations(m, m.moduleSlots(), options) || '    pass\n'}`,
    attributes: (m) => ({ training: m.training }),
  };

  constructor(modules?: Map<string, Module> | Iterable<[string, Module]> | Record<string, Module>) {
    super();
    if (modules !== undefined) this.update(modules);
  }

  override moduleSlots(): [string, Module | null][] {
    return super.moduleSlots();
  }

  get length(): number {
    return this.moduleSlots().length;
  }

  get(key: string): Module {
    const m = this.moduleSlots().find(([k]) => k === key);
    if (m === undefined) throw new Error(`KeyError: '${key}'`);
    return m[1] as Module;
  }

  set(key: string, module: Module): void {
    if (this.moduleSlots().some(([k]) => k === key)) (this as any)[key] = module;
    else this.registerModule(key, module);
  }

  has(key: string): boolean {
    return this.moduleSlots().some(([k]) => k === key);
  }

  delete(key: string): void {
    if (!this.has(key)) throw new Error(`KeyError: '${key}'`);
    this.deleteSlot(key);
  }

  pop(key: string): Module {
    const m = this.get(key);
    this.deleteSlot(key);
    return m;
  }

  clear(): void {
    for (const [k] of this.moduleSlots()) this.deleteSlot(k);
  }

  keys(): string[] {
    return this.moduleSlots().map(([k]) => k);
  }

  values(): Module[] {
    return this.moduleSlots().map(([, m]) => m as Module);
  }

  items(): [string, Module][] {
    return this.moduleSlots() as [string, Module][];
  }

  update(modules: Map<string, Module> | Iterable<[string, Module]> | Record<string, Module>): void {
    const entries =
      modules instanceof Map || Symbol.iterator in (modules as object)
        ? (modules as Iterable<[string, Module]>)
        : Object.entries(modules as Record<string, Module>);
    for (const [k, m] of entries) this.set(k, m);
  }

  *[Symbol.iterator](): Iterator<string> {
    yield* this.keys();
  }

  override forward(..._args: unknown[]): never {
    throw new Error('Module [ModuleDict] is missing the required "forward" function');
  }
}
