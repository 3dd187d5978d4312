import { Tensor, torchOps } from '@tsjit/tensor';
import { Parameter } from './parameter.js';
import { RemovableHandle } from './removable-handle.js';
import { tensorData } from './tensor-data.js';

/** A state dict: PyTorch's OrderedDict of names to tensors (torchLoad gives OrderedDicts as Maps). */
export type StateDict = Map<string, Tensor>;

/** `(module, args)`; a non-undefined result replaces the arguments (an array is the argument list). */
export type ForwardPreHook = (module: Module, args: unknown[]) => unknown;
/** `(module, args, output)`; a non-undefined result replaces the output. */
export type ForwardHook = (module: Module, args: unknown[], output: unknown) => unknown;

export interface LoadStateDictOptions {
  /** Missing and unexpected keys are errors (default true); size mismatches always are. */
  strict?: boolean;
}

export interface IncompatibleKeys {
  missingKeys: string[];
  unexpectedKeys: string[];
}

export interface StateDictOptions {
  /** Prepended to every key. */
  prefix?: string;
  /** Keep the parameters themselves instead of detached aliases (PyTorch's keep_vars). Default false. */
  keepVars?: boolean;
  /** Add to this map instead of a new one. */
  destination?: StateDict;
}

type Slot = 'parameter' | 'buffer' | 'module';

function torchTypeName(t: Tensor): string {
  const names: Record<string, string> = {
    float32: 'FloatTensor',
    float64: 'DoubleTensor',
    float16: 'HalfTensor',
    bfloat16: 'BFloat16Tensor',
    int64: 'LongTensor',
    int32: 'IntTensor',
    int16: 'ShortTensor',
    int8: 'CharTensor',
    uint8: 'ByteTensor',
    bool: 'BoolTensor',
  };
  return `torch.${names[t.dtype] ?? 'Tensor'}`;
}

const torchSize = (sizes: readonly number[]): string => `torch.Size([${sizes.join(', ')}])`;

function checkSlotName(kind: string, name: string): void {
  if (typeof name !== 'string') throw new TypeError(`${kind} name should be a string. Got ${typeof name}`);
  if (name.includes('.')) throw new Error(`${kind} name can't contain "."`);
  if (name === '') throw new Error(`${kind} name can't be empty string ""`);
}

/**
 * torch.nn.Module. Parameters, buffers and submodules are properties of the module object, and
 * their order is the order the properties were created in (as PyTorch's dicts keep registration
 * order):
 * - assigning a Parameter or a Module to a property registers it (PyTorch's `__setattr__`), class
 *   fields included (`fc = new Linear(4, 3)`); `registerParameter(name, null)` and
 *   `registerModule(name, null)` reserve a slot that holds nothing yet;
 * - buffers are registered with `registerBuffer(name, tensor, persistent)`; assigning a tensor to a
 *   buffer's property later replaces the buffer.
 * Slot names are the state-dict keys, so they keep PyTorch's spelling (`running_mean`), while
 * plain attributes are camelCase (`inFeatures`). Methods returning collections give arrays (PyTorch's
 * generators, materialized). JS objects cannot be called, so `module.call(...args)` is `module(*args)`:
 * it runs the forward pre-hooks, `forward`, then the forward hooks.
 */
export class Module {
  training = true;
  readonly #declared = new Map<string, Slot>();
  readonly #nonPersistent = new Set<string>();
  readonly #forwardHooks = new Map<number, ForwardHook>();
  readonly #forwardPreHooks = new Map<number, ForwardPreHook>();

  /** The computation; subclasses override it. */
  forward(..._args: any[]): any {
    throw new Error(`Module [${this.constructor.name}] is missing the required "forward" function`);
  }

  /** PyTorch's `module(*args)`: forward pre-hooks, forward, forward hooks. */
  call<M extends Module>(this: M, ...args: Parameters<M['forward']>): ReturnType<M['forward']> {
    // The common case, no hooks, allocates nothing beyond forward's own work.
    if (this.#forwardPreHooks.size === 0 && this.#forwardHooks.size === 0) return this.forward(...args);
    let input: unknown[] = args;
    // Copies: a hook may remove itself (or another) while the hooks run.
    for (const hook of [...this.#forwardPreHooks.values()]) {
      const r = hook(this, input);
      if (r !== undefined) input = Array.isArray(r) ? r : [r];
    }
    let output = this.forward(...input);
    for (const hook of [...this.#forwardHooks.values()]) {
      const r = hook(this, input, output);
      if (r !== undefined) output = r;
    }
    return output;
  }

  registerForwardPreHook(hook: ForwardPreHook): RemovableHandle {
    const handle = new RemovableHandle(this.#forwardPreHooks as Map<number, unknown>);
    this.#forwardPreHooks.set(handle.id, hook);
    return handle;
  }

  registerForwardHook(hook: ForwardHook): RemovableHandle {
    const handle = new RemovableHandle(this.#forwardHooks as Map<number, unknown>);
    this.#forwardHooks.set(handle.id, hook);
    return handle;
  }

  // ---- registration

  /** register_parameter: `param` may be null (a slot that stateDict and parameters() skip). */
  registerParameter(name: string, param: Parameter | null): void {
    checkSlotName('parameter', name);
    this.#checkFree(name, 'parameter');
    if (param !== null && !((param as unknown) instanceof Parameter)) {
      throw new TypeError(
        `cannot assign '${(param as unknown) instanceof Tensor ? torchTypeName(param as Tensor) : typeof param}' object to parameter '${name}' (torch.nn.Parameter or None required)`,
      );
    }
    this.#declared.set(name, 'parameter');
    (this as any)[name] = param;
  }

  /** register_buffer: a tensor of the module's state that is not a parameter; non-persistent ones stay out of stateDict. */
  registerBuffer(name: string, tensor: Tensor | null, persistent = true): void {
    checkSlotName('buffer', name);
    this.#checkFree(name, 'buffer');
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw new TypeError(
        `cannot assign '${typeof tensor}' object to buffer '${name}' (torch Tensor or None required)`,
      );
    }
    this.#declared.set(name, 'buffer');
    if (persistent) this.#nonPersistent.delete(name);
    else this.#nonPersistent.add(name);
    (this as any)[name] = tensor;
  }

  /** register_module / add_module. */
  registerModule(name: string, module: Module | null): void {
    checkSlotName('module', name);
    this.#checkFree(name, 'module');
    if (module !== null && !(module instanceof Module))
      throw new TypeError(`${typeof module} is not a Module subclass`);
    this.#declared.set(name, 'module');
    (this as any)[name] = module;
  }

  addModule(name: string, module: Module | null): void {
    this.registerModule(name, module);
  }

  /** PyTorch's "attribute already exists", except that a declared class field still undefined is free. */
  #checkFree(name: string, kind: Slot): void {
    if (!(name in this)) return;
    const v = (this as any)[name];
    const taken =
      v === undefined || v === null ? (this.#declared.get(name) ?? kind) !== kind : this.#slotOf(name) !== kind;
    if (taken) throw new Error(`attribute '${name}' already exists`);
  }

  #slotOf(name: string): Slot | undefined {
    const v = (this as any)[name];
    if (v instanceof Parameter) {
      // Remembered, so that assigning a plain tensor over it later is reported as PyTorch does.
      this.#declared.set(name, 'parameter');
      return 'parameter';
    }
    const declared = this.#declared.get(name);
    if (declared !== undefined) return declared;
    if (v instanceof Module) return 'module';
    return undefined;
  }

  /** This module's own slots in creation order (a Parameter assigned over a buffer becomes a parameter, as in PyTorch). */
  #slots(): {
    parameters: [string, Parameter | null][];
    buffers: [string, Tensor | null][];
    modules: [string, Module | null][];
  } {
    const parameters: [string, Parameter | null][] = [];
    const buffers: [string, Tensor | null][] = [];
    const modules: [string, Module | null][] = [];
    for (const name of Object.keys(this)) {
      const v = (this as any)[name];
      if (v === undefined) continue;
      const slot = this.#slotOf(name);
      if (slot === 'parameter') {
        if (v !== null && !(v instanceof Parameter)) {
          const what = v instanceof Tensor ? torchTypeName(v) : typeof v;
          throw new TypeError(`cannot assign '${what}' as parameter '${name}' (torch.nn.Parameter or None expected)`);
        }
        if (this.#declared.get(name) === 'buffer') this.#declared.set(name, 'parameter');
        parameters.push([name, v]);
      } else if (slot === 'buffer') {
        if (v !== null && !(v instanceof Tensor)) {
          throw new TypeError(`cannot assign '${typeof v}' as buffer '${name}' (torch.Tensor or None expected)`);
        }
        buffers.push([name, v]);
      } else if (slot === 'module') {
        if (v !== null && !(v instanceof Module)) {
          throw new TypeError(
            `cannot assign '${typeof v}' as child module '${name}' (torch.nn.Module or None expected)`,
          );
        }
        modules.push([name, v]);
      }
    }
    return { parameters, buffers, modules };
  }

  /** The submodule slots of this module in order, duplicates and empty (null) slots included (PyTorch's `_modules`). */
  protected moduleSlots(): [string, Module | null][] {
    return this.#slots().modules;
  }

  /** Removes a registered parameter, buffer or submodule slot (PyTorch's `del module.name`). */
  protected deleteSlot(name: string): void {
    this.#declared.delete(name);
    this.#nonPersistent.delete(name);
    delete (this as any)[name];
  }

  // ---- traversal

  /** named_modules: this module first (name ''), then every submodule depth first, each once unless `removeDuplicate` is false. */
  namedModules(prefix = '', removeDuplicate = true, memo = new Set<Module>()): [string, Module][] {
    const out: [string, Module][] = [];
    // An explicit stack: deep module trees (long Sequentials of Sequentials) must not overflow.
    const stack: [string, Module][] = [[prefix, this]];
    while (stack.length > 0) {
      const [name, m] = stack.pop()!;
      if (removeDuplicate) {
        if (memo.has(m)) continue;
        memo.add(m);
      }
      out.push([name, m]);
      const children = m.#slots().modules;
      for (let i = children.length - 1; i >= 0; i--) {
        const [childName, child] = children[i];
        if (child !== null) stack.push([name === '' ? childName : `${name}.${childName}`, child]);
      }
    }
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** named_children: direct submodules, each once. */
  namedChildren(): [string, Module][] {
    const seen = new Set<Module>();
    const out: [string, Module][] = [];
    for (const [name, m] of this.#slots().modules) {
      if (m !== null && !seen.has(m)) {
        seen.add(m);
        out.push([name, m]);
      }
    }
    return out;
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  #namedMembers<T>(
    members: (m: Module) => [string, T | null][],
    prefix: string,
    recurse: boolean,
    removeDuplicate: boolean,
  ): [string, T][] {
    const seen = new Set<T>();
    const out: [string, T][] = [];
    const mods: [string, Module][] = recurse ? this.namedModules(prefix, removeDuplicate) : [[prefix, this]];
    for (const [modulePrefix, m] of mods) {
      for (const [name, v] of members(m)) {
        if (v === null || (removeDuplicate && seen.has(v))) continue;
        if (removeDuplicate) seen.add(v);
        out.push([modulePrefix === '' ? name : `${modulePrefix}.${name}`, v]);
      }
    }
    return out;
  }

  /** named_parameters(prefix, recurse, remove_duplicate): shared parameters are listed once by default. */
  namedParameters(prefix = '', recurse = true, removeDuplicate = true): [string, Parameter][] {
    return this.#namedMembers((m) => m.#slots().parameters, prefix, recurse, removeDuplicate);
  }

  parameters(recurse = true): Parameter[] {
    return this.namedParameters('', recurse).map(([, p]) => p);
  }

  namedBuffers(prefix = '', recurse = true, removeDuplicate = true): [string, Tensor][] {
    return this.#namedMembers((m) => m.#slots().buffers, prefix, recurse, removeDuplicate);
  }

  buffers(recurse = true): Tensor[] {
    return this.namedBuffers('', recurse).map(([, b]) => b);
  }

  /** get_submodule('a.b.0'). */
  getSubmodule(target: string): Module {
    if (target === '') return this;
    let m: Module = this;
    for (const item of target.split('.')) {
      const next = (m as any)[item];
      if (!(next instanceof Module)) {
        if (next === undefined) throw new Error(`${m.constructor.name} has no attribute \`${item}\``);
        throw new Error(`\`${item}\` is not an nn.Module`);
      }
      m = next;
    }
    return m;
  }

  // ---- state

  /**
   * state_dict: parameters, then persistent buffers, then each submodule's, keys joined with '.'.
   * Values are aliases of the module's tensors that do not require grad (PyTorch's detach()), or
   * the tensors themselves with `keepVars`.
   */
  stateDict(options: StateDictOptions = {}): StateDict {
    const destination = options.destination ?? new Map<string, Tensor>();
    const keepVars = options.keepVars ?? false;
    const stack: [string, Module][] = [[options.prefix ?? '', this]];
    while (stack.length > 0) {
      const [prefix, m] = stack.pop()!;
      const { parameters, buffers, modules } = m.#slots();
      for (const [name, p] of parameters) if (p !== null) destination.set(prefix + name, keepVars ? p : tensorData(p));
      for (const [name, b] of buffers) {
        if (b !== null && !m.#nonPersistent.has(name)) destination.set(prefix + name, keepVars ? b : tensorData(b));
      }
      for (let i = modules.length - 1; i >= 0; i--) {
        const [name, child] = modules[i];
        if (child !== null) stack.push([`${prefix}${name}.`, child]);
      }
    }
    return destination;
  }

  /**
   * load_state_dict: copies each tensor of `stateDict` into the parameter or buffer of the same
   * key (in place, as PyTorch does under no_grad). A size mismatch is always an error; missing and
   * unexpected keys are errors when `strict` (the default), and are returned either way. Errors
   * carry PyTorch's message ("Error(s) in loading state_dict for Linear: ...").
   */
  loadStateDict(
    stateDict: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>,
    options: LoadStateDictOptions = {},
  ): IncompatibleKeys {
    const strict = options.strict ?? true;
    // A copy: modules may fill in keys of older formats (BatchNorm's num_batches_tracked).
    const entries = new Map<string, unknown>(
      stateDict instanceof Map ? stateDict : Object.entries(stateDict as Record<string, unknown>),
    );
    const missingKeys: string[] = [];
    const unexpectedKeys: string[] = [];
    const errors: string[] = [];
    const stack: [string, Module][] = [['', this]];
    while (stack.length > 0) {
      const [prefix, m] = stack.pop()!;
      m.upgradeStateDict(entries, prefix);
      m.#loadFromStateDict(entries, prefix, missingKeys, unexpectedKeys, errors);
      const modules = m.#slots().modules;
      for (let i = modules.length - 1; i >= 0; i--) {
        const [name, child] = modules[i];
        if (child !== null) stack.push([`${prefix}${name}.`, child]);
      }
    }
    if (strict) {
      if (unexpectedKeys.length > 0) {
        errors.unshift(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}. `);
      }
      if (missingKeys.length > 0) {
        errors.unshift(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}. `);
      }
    }
    if (errors.length > 0) {
      throw new Error(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join('\n\t')}`);
    }
    return { missingKeys, unexpectedKeys };
  }

  /**
   * Called by loadStateDict before this module's keys (`prefix` + name) are read: a layer whose
   * state-dict format changed across PyTorch versions fills in or renames keys here (PyTorch does
   * it in `_load_from_state_dict`).
   */
  protected upgradeStateDict(_stateDict: Map<string, unknown>, _prefix: string): void {}

  #loadFromStateDict(
    stateDict: ReadonlyMap<string, unknown>,
    prefix: string,
    missingKeys: string[],
    unexpectedKeys: string[],
    errors: string[],
  ): void {
    const { parameters, buffers, modules } = this.#slots();
    const local = new Map<string, Tensor>();
    for (const [name, p] of parameters) if (p !== null) local.set(name, p);
    for (const [name, b] of buffers) if (b !== null && !this.#nonPersistent.has(name)) local.set(name, b);
    for (const [name, param] of local) {
      const key = prefix + name;
      if (!stateDict.has(key)) {
        missingKeys.push(key);
        continue;
      }
      let input = stateDict.get(key);
      if (!(input instanceof Tensor)) {
        const what = input === null ? 'NoneType' : typeof input;
        errors.push(
          `While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${what}`,
        );
        continue;
      }
      // Backward compatibility, as PyTorch: a 1-element 1-d tensor loads into a 0-d parameter.
      if (param.sizes.length === 0 && input.sizes.length === 1) input = torchOps.select(input, 0, 0);
      const inputSizes = (input as Tensor).sizes;
      if (inputSizes.length !== param.sizes.length || inputSizes.some((s, i) => s !== param.sizes[i])) {
        errors.push(
          `size mismatch for ${key}: copying a param with shape ${torchSize(inputSizes)} from checkpoint, the shape in current model is ${torchSize(param.sizes)}.`,
        );
        continue;
      }
      try {
        torchOps.copy_(tensorData(param), input as Tensor);
      } catch (e) {
        errors.push(
          `While copying the parameter named "${key}", whose dimensions in the model are ${torchSize(param.sizes)} and whose dimensions in the checkpoint are ${torchSize(inputSizes)}, an exception occurred : ${(e as Error).message}.`,
        );
      }
    }
    const childNames = new Set(modules.map(([name]) => name));
    for (const key of stateDict.keys()) {
      if (!key.startsWith(prefix)) continue;
      const inputName = key.slice(prefix.length).split('.', 1)[0];
      if (!childNames.has(inputName) && !local.has(inputName)) unexpectedKeys.push(key);
    }
  }

  // ---- modes and conversions

  /** train(mode): sets `training` on this module and every submodule; returns this. */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new Error('training mode is expected to be boolean');
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** requires_grad_: sets requiresGrad on every parameter. */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad = requiresGrad;
    return this;
  }

  /** apply(fn): fn on every submodule (children first, depth first), then on this module. */
  apply(fn: (module: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /**
   * to(dtype): casts floating-point parameters and buffers (and their grads) to `dtype`. Tensor
   * dtypes are fixed here, so each parameter is replaced by a new Parameter over the cast values:
   * build optimizers after converting, as with any reassignment of parameters.
   */
  to(dtype: Tensor['dtype']): this {
    const floating = (t: Tensor) => t.isFloatingPoint();
    for (const m of this.modules()) {
      const { parameters, buffers } = m.#slots();
      for (const [name, p] of parameters) {
        if (p === null || !floating(p) || p.dtype === dtype) continue;
        const np = new Parameter(torchOps.to(tensorData(p), dtype), p.requiresGrad);
        if (p.grad !== null) np.grad = torchOps.to(tensorData(p.grad), dtype);
        (m as any)[name] = np;
      }
      for (const [name, b] of buffers) {
        if (b === null || !floating(b) || b.dtype === dtype) continue;
        (m as any)[name] = torchOps.to(b, dtype);
      }
    }
    return this;
  }

  double(): this {
    return this.to('float64');
  }

  float(): this {
    return this.to('float32');
  }

  /** zero_grad: PyTorch 1.13's default zeroes the grads in place; `setToNone` drops them instead. */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    for (const p of this.parameters()) {
      if (p.grad === null) continue;
      if (options.setToNone) p.grad = null;
      else {
        if (p.grad.gradFn !== null) p.grad = tensorData(p.grad);
        else p.grad.requiresGrad = false;
        torchOps.zero_(p.grad);
      }
    }
  }

  // ---- printing

  /** The text inside the parentheses of this module's repr (`in_features=4, out_features=3, bias=True`). */
  extraRepr(): string {
    return '';
  }

  /** PyTorch's repr: `Linear(in_features=4, out_features=3, bias=True)`, children indented. */
  toString(): string {
    const extra = this.extraRepr();
    const lines = extra === '' ? [] : extra.split('\n');
    for (const [name, child] of this.#slots().modules) {
      const text = String(child ?? 'None').replace(/\n/g, '\n  ');
      lines.push(`(${name}): ${text}`);
    }
    const name = this.constructor.name;
    if (lines.length === 0) return `${name}()`;
    if (lines.length === 1 && this.#slots().modules.length === 0) return `${name}(${lines[0]})`;
    return `${name}(\n  ${lines.join('\n  ')}\n)`;
  }
}
