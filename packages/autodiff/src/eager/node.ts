/**
 * The tape: a Node (PyTorch's autograd Function, what `t.gradFn` holds) per recorded op, with one
 * edge per differentiable input pointing at the node that produced that input (or at the input's
 * AccumulateGrad when it is a leaf). Op nodes run the op's own derivative rule.
 */
import type { DerivativeRule, OpArgs, Overload } from '@tsjit/ops';
import { type DispatchMode, eagerContext, Storage, Tensor, type TensorHook, withMode } from '@tsjit/tensor';
import { gradState, isInference } from './grad-mode.js';

export interface Edge {
  readonly fn: Node;
  readonly inputNr: number;
}

/** A tensor hook as registered; `retain` marks the one retainGrad adds (it stores into `.grad`). */
export interface HookEntry {
  readonly fn: TensorHook;
}

let nextSequenceNr = 0;

export abstract class Node {
  /** Creation order: among ready nodes the engine runs the most recent first, as PyTorch does. */
  readonly sequenceNr = nextSequenceNr++;
  nextEdges: (Edge | null)[] = [];
  /** Hooks registered on output tensors of this node, by output index. */
  tensorHooks: Map<number, HookEntry[]> | null = null;
  /** Output tensors that retain their gradient (retainGrad), by output index. */
  retained: Map<number, Tensor> | null = null;

  abstract readonly numOutputs: number;
  /** PyTorch's class name of the backward function (`MulBackward0`). */
  abstract name(): string;
  /** Gradients of the inputs (one per next edge) from the gradients of the outputs. */
  abstract apply(grads: (Tensor | null)[]): (Tensor | null)[];
  /** Frees what the node saved for backward (retainGraph false). */
  release(): void {}

  /** `[node, inputNr]` per input, `[null, 0]` where the input needs no gradient (PyTorch's next_functions). */
  get nextFunctions(): [Node | null, number][] {
    return this.nextEdges.map((e) => (e === null ? [null, 0] : [e.fn, e.inputNr]));
  }

  toString(): string {
    return `<${this.name()} object>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** One tensor input of an op, as a slot of its node: where it sits in the arguments, and its geometry. */
export interface Slot {
  readonly name: string;
  /** Index in a Tensor[] argument, or -1 for a Tensor argument. */
  readonly index: number;
  readonly sizes: readonly number[];
  readonly dtype: string;
}

/** A tensor the rule may read, with the version it had when saved (for the in-place check). */
export interface Saved {
  readonly t: Tensor;
  readonly version: number;
  /** The node when the tensor is its output; else the message names the tensor's history then. */
  readonly fn: Node | null;
  readonly outputNr: number;
}

/** PyTorch's legacy tensor type name, as its autograd messages print it. */
export function legacyTypeName(t: Tensor): string {
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
  return `torch.${names[t.dtype] ?? t.dtype}`;
}

export const SECOND_BACKWARD =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have ' +
  'already been freed). Saved intermediate values of the graph are freed when you call .backward() or ' +
  'autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or ' +
  'if you need to access saved tensors after calling backward.';

/**
 * While a rule runs with saved tensors that are stale (modified in place since saved) or freed
 * (released after an earlier backward), this mode fails the first op that reads one. A rule that
 * only looks at a saved tensor's sizes does not fail: it did not need the values, just as PyTorch
 * saves only the sizes for such rules.
 */
class SavedTensorCheck implements DispatchMode {
  constructor(readonly problems: Map<Tensor, string>) {}

  handle(_overload: Overload, args: OpArgs, next: (args: OpArgs) => unknown): unknown {
    for (const k in args) {
      const v = args[k];
      if (v instanceof Tensor) this.check(v);
      else if (Array.isArray(v)) for (const e of v) if (e instanceof Tensor) this.check(e);
    }
    return next(args);
  }

  check(t: Tensor): void {
    const message = this.problems.get(t);
    if (message !== undefined) throw new Error(message);
  }
}

/** Output metadata for materializing the gradient of an output that got none. */
export interface OutputMeta {
  readonly sizes: readonly number[];
  readonly dtype: string;
}

/** The tensor arguments of a call with their versions and histories now (before the op runs). */
export function savedInputs(args: OpArgs): Saved[] {
  const saved: Saved[] = [];
  const add = (t: Tensor) => saved.push({ t, version: t.storage.version, fn: null, outputNr: 0 });
  for (const k in args) {
    const v = args[k];
    if (v instanceof Tensor) add(v);
    else if (Array.isArray(v)) for (const e of v) if (e instanceof Tensor) add(e);
  }
  return saved;
}

const outputNrs = new WeakMap<Tensor, number>();

export function outputNrOf(t: Tensor): number {
  return outputNrs.get(t) ?? 0;
}

export function setOutputNr(t: Tensor, nr: number): void {
  if (nr === 0) outputNrs.delete(t);
  else outputNrs.set(t, nr);
}

/** The node of one recorded op call: runs the op's derivative rule. */
export class OpNode extends Node {
  readonly numOutputs: number;
  #released = false;
  #saved: Saved[] = [];
  #freed: Tensor[] = [];

  constructor(
    readonly overload: Overload,
    readonly rule: DerivativeRule,
    readonly displayName: string,
    public args: OpArgs,
    public result: unknown,
    readonly slots: readonly Slot[],
    readonly outputs: readonly (OutputMeta | null)[],
  ) {
    super();
    this.numOutputs = outputs.length;
  }

  name(): string {
    return this.displayName;
  }

  /**
   * Records the versions of every tensor the rule may read: the arguments as they were before the
   * op ran (`inputs`, from savedInputs: an in-place op that also reads self through another argument
   * leaves that argument stale, as in PyTorch), and the results as the op left them.
   */
  saveVersions(inputs: Saved[]): void {
    this.#saved = inputs;
    const r = this.result;
    const add = (t: Tensor, nr: number) => this.#saved.push({ t, version: t.storage.version, fn: this, outputNr: nr });
    if (r instanceof Tensor) add(r, 0);
    else if (Array.isArray(r)) {
      r.forEach((e, i) => {
        if (e instanceof Tensor) add(e, i);
      });
    }
  }

  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    const F = eagerContext.F;
    let any = false;
    for (let k = 0; k < grads.length; k++) {
      const meta = this.outputs[k];
      if (grads[k] === null && meta !== null) grads[k] = F.zeros(meta.sizes, { dtype: meta.dtype }) as Tensor;
      if (grads[k] !== null) any = true;
    }
    if (!any) return this.slots.map(() => null);
    let problems: Map<Tensor, string> | null = null;
    for (const s of this.#saved) {
      if (gradState.anyInferenceTensor && isInference(s.t)) {
        problems ??= new Map();
        problems.set(s.t, INFERENCE_SAVED);
      } else if (s.t.storage.version !== s.version) {
        problems ??= new Map();
        problems.set(s.t, staleMessage(s));
      }
    }
    if (this.#released) {
      problems ??= new Map();
      for (const t of this.#freed) problems.set(t, SECOND_BACKWARD);
    }
    const ctx = { ...this.args, grad: grads[0], grads, result: this.result };
    const out =
      problems === null ? this.rule(F, ctx) : withMode(new SavedTensorCheck(problems), () => this.rule(F, ctx));
    return this.slots.map((slot) => {
      let g = out[slot.name];
      if (slot.index >= 0) g = Array.isArray(g) ? g[slot.index] : undefined;
      if (g === undefined || g === null) return null;
      return validateGradient(this, g as Tensor, slot);
    });
  }

  override release(): void {
    if (this.#released) return;
    this.#released = true;
    const stubs = new Map<Tensor, Tensor>();
    const stub = (t: Tensor): Tensor => {
      let s = stubs.get(t);
      if (s === undefined) {
        // Geometry without data: a rule that needs only sizes still runs.
        s = new Tensor(EMPTY_STORAGE, t.dtype, t.sizes, t.strides, t.offset);
        stubs.set(t, s);
      }
      return s;
    };
    const args: OpArgs = {};
    for (const k in this.args) {
      const v = this.args[k];
      args[k] =
        v instanceof Tensor ? stub(v) : Array.isArray(v) ? v.map((e) => (e instanceof Tensor ? stub(e) : e)) : v;
    }
    this.args = args;
    const r = this.result;
    this.result =
      r instanceof Tensor ? stub(r) : Array.isArray(r) ? r.map((e) => (e instanceof Tensor ? stub(e) : e)) : r;
    this.#saved = [];
    this.#freed = [...stubs.values()];
  }
}

const EMPTY_STORAGE = Storage.allocate(0);

// PyTorch fails when the op records (it knows what the rule saves); here when the rule reads it.
const INFERENCE_SAVED =
  'Inference tensors cannot be saved for backward. To work around you can make a clone to get a normal tensor and use it in autograd.';

function staleMessage(s: Saved): string {
  const what = `[${legacyTypeName(s.t)} [${s.t.sizes.join(', ')}]]`;
  // PyTorch names the node of a saved output, and the current history of a saved input.
  const fn = s.fn ?? (s.t.gradFn as Node | null);
  const nr = s.fn !== null ? s.outputNr : outputNrOf(s.t);
  const of = fn === null ? '' : `, which is output ${nr} of ${fn.name()},`;
  return (
    `one of the variables needed for gradient computation has been modified by an inplace operation: ${what}` +
    `${of} is at version ${s.t.storage.version}; expected version ${s.version} instead. Hint: enable anomaly ` +
    'detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).'
  );
}

/**
 * PyTorch's validate_outputs: a gradient of another shape is summed to the input's shape when it
 * broadcasts to it, else an error; it is cast to the input's dtype.
 */
export function validateGradient(node: Node, g: Tensor, slot: { sizes: readonly number[]; dtype: string }): Tensor {
  const F = eagerContext.F;
  if (!sameSizes(g.sizes, slot.sizes)) {
    if (!expandable(slot.sizes, g.sizes)) {
      throw new Error(
        `Function ${node.name()} returned an invalid gradient at index ${0} - got [${g.sizes.join(', ')}] but ` +
          `expected shape compatible with [${slot.sizes.join(', ')}]`,
      );
    }
    g = F.sumTo(g, slot.sizes) as Tensor;
  }
  if (g.dtype !== slot.dtype && isFloating(slot.dtype)) g = F.to(g, slot.dtype) as Tensor;
  return g;
}

export function isFloating(dtype: string): boolean {
  return dtype === 'float32' || dtype === 'float64' || dtype === 'float16' || dtype === 'bfloat16';
}

function sameSizes(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `from` broadcasts to `to`. */
function expandable(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  for (let i = 1; i <= from.length; i++) {
    const a = from[from.length - i];
    const b = to[to.length - i];
    if (a !== b && a !== 1) return false;
  }
  return true;
}

/** A node for an op with no derivative rule: fails when backward reaches it, as PyTorch's NotImplemented. */
export class NotImplementedNode extends Node {
  readonly numOutputs: number;
  constructor(
    readonly opName: string,
    numOutputs: number,
  ) {
    super();
    this.numOutputs = numOutputs;
  }
  name(): string {
    return 'NotImplemented';
  }
  apply(): (Tensor | null)[] {
    throw new Error(`derivative for ${this.opName} is not implemented`);
  }
}

/** The history of the copy of `self` an in-place op's rule reads: its gradient goes to self's old history. */
export class CloneBackward extends Node {
  readonly numOutputs = 1;
  constructor(edge: Edge) {
    super();
    this.nextEdges = [edge];
  }
  name(): string {
    return 'CloneBackward0';
  }
  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    return [grads[0]];
  }
}

/** The history of a tensor overwritten by an op with no derivative (fill with random values): no gradient flows back. */
export class NoGradientNode extends Node {
  readonly numOutputs = 1;
  constructor(readonly displayName: string) {
    super();
  }
  name(): string {
    return this.displayName;
  }
  apply(): (Tensor | null)[] {
    return this.nextEdges.map(() => null);
  }
}

/** The sink of a leaf's gradient: accumulates into `.grad`. */
export class AccumulateGrad extends Node {
  readonly numOutputs = 1;
  constructor(readonly variable: Tensor) {
    super();
  }
  name(): string {
    return 'torch::autograd::AccumulateGrad';
  }
  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    const g = grads[0];
    if (g !== null) accumulateGrad(this.variable, g);
    return [];
  }
}

// Gradients the engine took over as a leaf's `.grad` (a gradient handed to two leaves, or given by
// the user, is copied instead, so that the in-place accumulation of later backwards never writes
// into a tensor that something else holds).
const owned = new WeakSet<Tensor>();
/** Tensors the user passed as gradients: never stored as a `.grad` without a copy. */
export const userGradients = new WeakSet<Tensor>();

/** PyTorch's AccumulateGrad: the first gradient becomes `.grad`, later ones are added into it in place. */
export function accumulateGrad(v: Tensor, g: Tensor): void {
  const F = eagerContext.F;
  if (gradState.enabled) {
    // create_graph: the accumulation is recorded, never in place.
    v.grad = v.grad === null ? g : (F.add(v.grad, g) as Tensor);
    return;
  }
  if (v.grad === null) {
    if (g.base === null && !owned.has(g) && !userGradients.has(g) && g.isContiguous() && !g.requiresGrad) {
      owned.add(g);
      v.grad = g;
    } else {
      const c = F.clone(g, { memory_format: 'contiguous_format' }) as Tensor;
      owned.add(c);
      v.grad = c;
    }
  } else if (v.grad.requiresGrad) {
    v.grad = F.add(v.grad, g) as Tensor;
  } else {
    F.add_(v.grad, g);
  }
}

const accumulators = new WeakMap<Tensor, AccumulateGrad>();

/** The AccumulateGrad of a leaf (one per leaf, so that every edge to it is the same node). */
export function accumulatorOf(t: Tensor): AccumulateGrad {
  let a = accumulators.get(t);
  if (a === undefined) {
    a = new AccumulateGrad(t);
    accumulators.set(t, a);
  }
  return a;
}

/** Adds a hook on output k of `node`; returns a function that removes it. */
export function addTensorHook(node: Node, k: number, entry: HookEntry): () => void {
  node.tensorHooks ??= new Map();
  let list = node.tensorHooks.get(k);
  if (list === undefined) {
    list = [];
    node.tensorHooks.set(k, list);
  }
  list.push(entry);
  return () => {
    const l = node.tensorHooks?.get(k);
    const i = l?.indexOf(entry) ?? -1;
    if (i >= 0) l?.splice(i, 1);
  };
}

/** retainGrad's hook of a tensor, where it sits now. */
export const retainHooks = new WeakMap<Tensor, { remove: () => void; entry: HookEntry }>();

/**
 * After an in-place op gave `t` a new history, its retainGrad hook follows it (the gradient it keeps
 * is the one of the new value), while its other hooks stay on the old node, as in PyTorch 1.13.
 */
export function moveRetainHook(t: Tensor): void {
  const r = retainHooks.get(t);
  if (r === undefined || t.gradFn === null) return;
  r.remove();
  retainHooks.set(t, { remove: addTensorHook(t.gradFn as Node, outputNrOf(t), r.entry), entry: r.entry });
}
