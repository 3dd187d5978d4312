import {
  Graph,
  IntType,
  type IValue,
  ListType,
  type Node,
  type OptionalType,
  type TensorType,
  type Value,
} from '@tsjit/ir';
import {
  type DerivativeRule,
  type DType,
  FloatScalar,
  type Functions,
  isFloatingDtype,
  type OpRegistry,
  type Overload,
  resolveOverload,
  toDtype,
} from '@tsjit/ops';
import { opRegistry } from '@tsjit/tensor';
import { constantValue } from './constant-value.js';
import { graphFunctions, isSymTensor, tensorType } from './graph-functions.js';
import { resolveNodeOverload } from './resolve-node-overload.js';
import { SymTensor, type TensorInfo } from './sym-tensor.js';
import { SymbolicGradientError } from './symbolic-gradient-error.js';

/** What a profile knows of a forward value: a tensor's sizes and dtype, or a non-tensor's value. */
export interface ValueProfile {
  readonly sizes?: readonly number[];
  readonly dtype?: DType;
  /** The run-time value of a non-tensor (int, float, bool, ...), as the interpreter holds it. */
  readonly value?: unknown;
  /** The run-time tensor itself (its strides, offset and, for integer and bool tensors, contents). */
  readonly tensor?: unknown;
}

export interface DifferentiateOptions {
  /** Indices of the graph inputs to differentiate with respect to (default: every floating tensor input). */
  readonly inputsRequiringGrad?: readonly number[];
  /**
   * What is known of values beyond their types (a profiling run): sizes and dtypes of tensors, and
   * values of non-tensors that derivative rules read. Without it, the graph's refined tensor types
   * are all there is. Every fact a rule reads becomes a guard of the result.
   */
  readonly profile?: (value: Value) => ValueProfile | undefined;
  readonly registry?: OpRegistry;
}

/** Where an incoming gradient belongs: forward output `output`, then `path` into nested tuples and lists. */
export interface OutputPath {
  readonly output: number;
  readonly path: readonly number[];
}

/** An assumption of the backward graph about a forward value, checked on the forward's output `output`. */
export interface Guard {
  readonly output: number;
  readonly sizes?: readonly number[];
  readonly dtype?: DType;
  /** A non-tensor value the backward was built for. */
  readonly value?: unknown;
  /** A tensor whose contents the backward was built for (a mask that decided a shape): equal contents required. */
  readonly data?: unknown;
}

/**
 * PyTorch's `Gradient` (torch/csrc/jit/runtime/autodiff.h) in spirit: the forward graph computes the
 * original outputs and then the values the backward needs; the backward takes one gradient per
 * differentiable output leaf (`gradOutputs`), then the captured values, and returns one gradient
 * per differentiated input (`gradInputs`; None where no gradient flows).
 */
export interface Gradient {
  readonly forward: Graph;
  readonly backward: Graph;
  /** The forward's outputs before the captured values: the original graph's outputs. */
  readonly realOutputs: number;
  /** Forward outputs [realOutputs, realOutputs + captured) are the backward's inputs after the gradients. */
  readonly captured: number;
  readonly gradOutputs: readonly OutputPath[];
  readonly gradInputs: readonly number[];
  /** What the backward assumes about forward values (sizes, dtypes, values a rule read). */
  readonly guards: readonly Guard[];
}

// Nodes that only group or pick values: gradients pass through them by position.
const STRUCTURAL = new Set([
  'prim::TupleConstruct',
  'prim::ListConstruct',
  'prim::TupleUnpack',
  'prim::ListUnpack',
  'prim::TupleIndex',
  'aten::__getitem__',
]);

type Grad = SymTensor | (Grad | null)[];

/**
 * Differentiates a straight-line graph with the ops' own derivative rules, interpreted with `F`
 * emitting IR (graph-functions.ts). Works on the top block: a node with blocks (prim::If,
 * prim::Loop) that gradients would have to flow through, an op without a rule, or a rule that
 * needs what is not known statically raises a SymbolicGradientError, so that callers fall back
 * to the eager tape (PyTorch likewise differentiates only subgraphs without control flow).
 * Calls must be inlined first.
 */
export function differentiate(graph: Graph, options: DifferentiateOptions = {}): Gradient {
  return new Differentiation(graph, options).run();
}

class Differentiation {
  readonly forward: Graph;
  readonly backward = new Graph();
  readonly registry: OpRegistry;
  readonly #profile: DifferentiateOptions['profile'];
  readonly #inputs: readonly number[];
  readonly #requires = new Set<Value>();
  /** Values that depend on a grad-requiring input through a node with blocks: no gradient can flow there. */
  readonly #blocked = new Map<Value, Node>();
  readonly #grads = new Map<Value, Grad>();
  readonly #syms = new Map<Value, SymTensor>();
  readonly #captures = new Map<Value, Value>();
  readonly #sizes = new Map<SymTensor, Value>();
  readonly #assumed = new Set<Value>();
  readonly #assumedData = new Set<Value>();
  readonly #scalarGuards = new Map<Value, unknown>();
  readonly #addedToForward: Node[] = [];
  readonly F: Functions;

  constructor(graph: Graph, options: DifferentiateOptions) {
    this.forward = graph.copy();
    this.registry = options.registry ?? opRegistry();
    const profile = options.profile;
    if (profile !== undefined) {
      // The profile speaks of the caller's graph; the copy keeps every value's unique id.
      const original = new Map<number, Value>();
      for (const v of graph.inputs) original.set(v.unique, v);
      for (const n of graph.allNodes()) for (const v of n.outputs) original.set(v.unique, v);
      this.#profile = (v) => {
        const o = original.get(v.unique);
        return o === undefined ? undefined : profile(o);
      };
    }
    this.#inputs =
      options.inputsRequiringGrad ??
      this.forward.inputs.flatMap((v, i) => {
        const info = this.#tensorInfo(v);
        return v.type.kind === 'TensorType' && (info?.dtype === undefined || isFloatingDtype(info.dtype)) ? [i] : [];
      });
    this.F = graphFunctions({
      backward: this.backward,
      registry: this.registry,
      backwardValue: (t) => this.#backwardValue(t),
      sizesValue: (t) => this.#sizesValue(t),
      newTensor: (value, info) => new SymTensor(this, { backward: value }, info),
    });
  }

  /** InfoReader: a rule read a fact of `forward`. */
  assume(forward: Value): void {
    this.#assumed.add(forward);
  }

  /** InfoReader: the backward depends on the contents of `forward`. */
  assumeData(forward: Value): void {
    this.#assumedData.add(forward);
  }

  run(): Gradient {
    for (const i of this.#inputs) {
      const input = this.forward.inputs[i];
      if (input === undefined) throw new RangeError(`differentiate: the graph has no input ${i}`);
      this.#requires.add(input);
    }
    this.#markRequires();
    const gradOutputs = this.#seed();
    const nodes = [...this.forward.nodes()].reverse();
    for (const node of nodes) this.#backwardOf(node);
    for (const i of this.#inputs) {
      const g = this.#grads.get(this.forward.inputs[i]);
      this.backward.registerOutput(
        g instanceof SymTensor ? this.#backwardValue(g) : this.backward.insertConstant(null),
      );
    }
    return this.#finish(gradOutputs);
  }

  // ---- which values need gradients --------------------------------------------------------

  #markRequires(): void {
    for (const node of this.forward.nodes()) {
      if (node.kind === 'prim::Constant') continue;
      const reads = node.blocks.length > 0 ? [...node.inputs, ...freeValues(node)] : node.inputs;
      if (!reads.some((v) => this.#requires.has(v))) continue;
      if (node.blocks.length > 0) {
        for (const out of node.outputs) {
          if (!carriesTensors(out.type)) continue;
          this.#requires.add(out);
          this.#blocked.set(out, node);
        }
        continue;
      }
      if (STRUCTURAL.has(node.kind) || node.kind === 'prim::unchecked_cast') {
        for (const out of node.outputs) if (carriesTensors(out.type)) this.#requires.add(out);
        continue;
      }
      const overload = this.#overloadOf(node);
      // In-place writes break the SSA reading of the graph the rules rely on: PyTorch differentiates
      // only mutation-free subgraphs too.
      overload?.schema.arguments.forEach((a, i) => {
        const written = node.inputs[i];
        if (!a.isWrite || written === undefined) return;
        // A list that gets a grad-requiring tensor appended (or set) changes under the values read from it.
        const intoList = written.type.kind === 'ListType' && node.inputs.some((v) => this.#requires.has(v));
        if (this.#requires.has(written) || intoList) {
          throw new SymbolicGradientError(
            `${overload.qualifiedName} writes in place into %${written.debugName()}, which requires grad: mutation has no symbolic gradient`,
          );
        }
      });
      if (overload === undefined || overload.op.definition.nondifferentiable !== undefined) continue;
      const differentiable = overload.op.definition.outputDifferentiability;
      node.outputs.forEach((out, k) => {
        if (differentiable !== undefined && differentiable[k] === false) return;
        if (!carriesTensors(out.type)) return;
        // An undefined output (an output_mask left it out) carries no gradient.
        const p = this.#profile?.(out);
        if (p !== undefined && p.sizes === undefined && 'value' in p && p.value === null) return;
        const info = out.type.kind === 'TensorType' ? this.#tensorInfo(out) : undefined;
        if (info?.dtype !== undefined && !isFloatingDtype(info.dtype)) return;
        this.#requires.add(out);
      });
    }
  }

  /** The backward's gradient inputs, one per tensor leaf of the outputs that requires grad. */
  #seed(): OutputPath[] {
    const paths: OutputPath[] = [];
    const visit = (v: Value, output: number, path: number[]) => {
      if (!this.#requires.has(v)) return;
      const node = v.node;
      if (node.kind === 'prim::TupleConstruct' || node.kind === 'prim::ListConstruct') {
        node.inputs.forEach((e, i) => {
          visit(e, output, [...path, i]);
        });
        return;
      }
      const p = this.#profile?.(v);
      if (v.type.kind === 'OptionalType' && p !== undefined) {
        // An Optional[Tensor] output is a tensor leaf when the profile says it holds one.
        if (p.sizes === undefined) return;
      } else if (v.type.kind === 'ListType' && Array.isArray(p?.value)) {
        // A tensor list made by an op (split, unbind): one incoming gradient per element.
        (p.value as unknown[]).forEach((e, i) => {
          const t = e as { sizes?: readonly number[]; dtype?: DType } | null;
          if (t === null || t.sizes === undefined || (t.dtype !== undefined && !isFloatingDtype(t.dtype))) return;
          const info = { sizes: t.sizes, dtype: t.dtype };
          const input = this.backward.addInput(`grad_${paths.length}`, tensorType(info));
          this.#accumulateElement(v, i, new SymTensor(this, { backward: input }, info));
          paths.push({ output, path: [...path, i] });
        });
        return;
      } else if (v.type.kind !== 'TensorType') {
        throw new SymbolicGradientError(
          `output ${output} (%${v.debugName()}: ${v.type.annotationStr()}) is not a tensor or a tuple/list built in the graph`,
        );
      }
      const info = this.#tensorInfo(v);
      const input = this.backward.addInput(`grad_${paths.length}`, tensorType(info));
      this.#accumulate(v, new SymTensor(this, { backward: input, source: v }, info));
      paths.push({ output, path });
    };
    this.forward.outputs.forEach((v, i) => {
      visit(v, i, []);
    });
    return paths;
  }

  // ---- the backward walk ------------------------------------------------------------------

  #backwardOf(node: Node): void {
    const outGrads = node.outputs.map((v) => this.#grads.get(v));
    if (outGrads.every((g) => g === undefined)) return;
    const reads = node.blocks.length > 0 ? [...node.inputs, ...freeValues(node)] : node.inputs;
    if (!reads.some((v) => this.#requires.has(v))) return;
    if (node.blocks.length > 0) {
      throw new SymbolicGradientError(
        `gradients flow through ${node.kind} (control flow over values that require grad): only straight-line graphs differentiate symbolically`,
      );
    }
    switch (node.kind) {
      case 'prim::TupleConstruct':
      case 'prim::ListConstruct': {
        const g = outGrads[0];
        if (Array.isArray(g))
          for (let i = 0; i < node.inputs.length; i++) this.#accumulate(node.inputs[i], g[i] ?? null);
        return;
      }
      case 'prim::TupleUnpack':
      case 'prim::ListUnpack':
        for (let i = 0; i < node.outputs.length; i++) this.#accumulateElement(node.input(0), i, outGrads[i] ?? null);
        return;
      case 'prim::TupleIndex':
      case 'aten::__getitem__': {
        const index = this.#constantOf(node.input(1));
        if (typeof index !== 'number') {
          throw new SymbolicGradientError(
            `${node.kind} with a non-constant index: gradients need the index statically`,
          );
        }
        this.#accumulateElement(node.input(0), index, outGrads[0] ?? null);
        return;
      }
      case 'prim::unchecked_cast':
        this.#accumulate(node.input(0), outGrads[0] ?? null);
        return;
    }
    this.#applyRule(node, outGrads);
  }

  #applyRule(node: Node, outGrads: (Grad | undefined)[]): void {
    const overload = this.#overloadOf(node);
    if (overload === undefined) {
      throw new SymbolicGradientError(`${node.kind}: no operator found for this node, so no derivative rule`);
    }
    const rule: DerivativeRule | undefined = overload.op.derivativeFor(overload);
    if (rule === undefined) {
      throw new SymbolicGradientError(
        `${overload.qualifiedName} has no derivative rule${overload.op.definition.nondifferentiable ? ` (${overload.op.definition.nondifferentiable})` : ''}`,
      );
    }
    const args = overload.schema.arguments;
    const ctx: Record<string, unknown> = {};
    args.forEach((a, i) => {
      ctx[a.name] = this.#ruleArgument(node.inputs[i]);
    });
    const grads = node.outputs.map((v, k) => {
      const g = outGrads[k] ?? null;
      if (!Array.isArray(g)) return g;
      // A list result's gradient has one entry per element, null where none flowed.
      const unpack = v.uses.find((u) => u.user.kind === 'prim::ListUnpack')?.user;
      return Array.from({ length: Math.max(g.length, unpack?.outputs.length ?? 0) }, (_, i) => g[i] ?? null);
    });
    ctx.grad = grads[0];
    ctx.grads = grads.length === 1 && Array.isArray(grads[0]) ? grads[0] : grads;
    Object.defineProperty(ctx, 'result', {
      enumerable: true,
      get: () => {
        const results = node.outputs.map((v) => this.#resultOf(v));
        return results.length === 1 ? results[0] : results;
      },
    });
    let result: Record<string, unknown>;
    try {
      result = rule(this.F, ctx as never);
    } catch (e) {
      if (SymbolicGradientError.isInstance(e)) throw e;
      throw new SymbolicGradientError(
        `the derivative rule of ${overload.qualifiedName} failed in graph mode: ${(e as Error).message}`,
        { cause: e },
      );
    }
    args.forEach((a, i) => {
      const g = result[a.name];
      if (g === undefined || g === null) return;
      this.#accumulate(node.inputs[i], g as Grad);
    });
  }

  /** A forward value as a rule sees it: a SymTensor, a JS list of them, a constant, or a profiled value. */
  #ruleArgument(v: Value): unknown {
    const type = v.type;
    if (type.kind === 'TensorType') return this.#symOf(v);
    const node = v.node;
    // A list appended to after construction holds what the profile saw, not its construct's inputs.
    const mutated = v.uses.some((u) => u.user.maybeSchema()?.arguments[u.offset]?.isWrite === true);
    if (node.kind === 'prim::ListConstruct' && !mutated) return node.inputs.map((e) => this.#ruleArgument(e));
    if (node.kind === 'prim::Constant' && carriesTensors(type)) return this.#tensorConstant(constantValue(node));
    if (node.kind === 'prim::Constant') return this.#constantOf(v);
    if (type.kind === 'OptionalType' && (type as OptionalType).elementType.kind === 'TensorType') {
      // Optional[Tensor] from a refinement: the profile says whether it is None.
      const p = this.#profile?.(v);
      if (p?.sizes !== undefined) return this.#symOf(v);
      if (p !== undefined && p.value === null) {
        this.#scalarGuards.set(v, null);
        return null;
      }
    }
    const p = this.#profile?.(v);
    if (p !== undefined && 'value' in p && p.value !== undefined) {
      this.#scalarGuards.set(v, p.value);
      return p.value;
    }
    throw new SymbolicGradientError(
      `%${v.debugName()} (${type.annotationStr()}, from ${node.kind}) is neither a constant nor profiled: a derivative rule needs its value`,
    );
  }

  /** Tensors inside a folded constant (a list of index tensors) as constants of the backward. */
  #tensorConstant(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((e) => this.#tensorConstant(e));
    if (value !== null && typeof value === 'object' && 'sizes' in value && 'dtype' in value) {
      const t = value as { sizes: readonly number[]; dtype: DType };
      const c = this.backward.insertConstant({ kind: 'tensor', tensor: value } as IValue);
      return new SymTensor(this, { backward: c }, { sizes: t.sizes, dtype: t.dtype });
    }
    return value;
  }

  #resultOf(v: Value): unknown {
    if (v.type.kind === 'TensorType') return this.#symOf(v);
    if (v.type.kind === 'ListType') {
      const unpack = v.uses.find((u) => u.user.kind === 'prim::ListUnpack')?.user;
      if (unpack !== undefined) return unpack.outputs.map((o) => this.#symOf(o));
    }
    return this.#ruleArgument(v);
  }

  #symOf(v: Value): SymTensor {
    let s = this.#syms.get(v);
    if (s === undefined) {
      s = new SymTensor(this, { forward: v }, this.#tensorInfo(v));
      this.#syms.set(v, s);
    }
    return s;
  }

  #accumulate(v: Value, g: Grad | null): void {
    if (g === null || !this.#requires.has(v)) return;
    const blocked = this.#blocked.get(v);
    if (blocked !== undefined) {
      throw new SymbolicGradientError(
        `gradients flow through ${blocked.kind} (control flow over values that require grad): only straight-line graphs differentiate symbolically`,
      );
    }
    const prev = this.#grads.get(v);
    this.#grads.set(v, prev === undefined ? g : this.#sum(prev, g));
  }

  #accumulateElement(list: Value, index: number, g: Grad | null): void {
    if (g === null || !this.#requires.has(list)) return;
    let prev = this.#grads.get(list);
    if (prev === undefined) {
      prev = [];
      this.#grads.set(list, prev);
    }
    if (!Array.isArray(prev)) throw new SymbolicGradientError(`%${list.debugName()}: a list gradient expected`);
    prev[index] = prev[index] == null ? g : this.#sum(prev[index]!, g);
  }

  #sum(a: Grad, b: Grad): Grad {
    if (a instanceof SymTensor && b instanceof SymTensor) return this.F.add(a, b) as SymTensor;
    if (Array.isArray(a) && Array.isArray(b)) {
      const n = Math.max(a.length, b.length);
      return Array.from({ length: n }, (_, i) =>
        a[i] == null ? (b[i] ?? null) : b[i] == null ? a[i] : this.#sum(a[i]!, b[i]!),
      );
    }
    throw new SymbolicGradientError('a tensor gradient and a list gradient meet at one value');
  }

  // ---- values crossing from forward to backward -------------------------------------------

  #backwardValue(t: SymTensor): Value {
    if (t.backward !== undefined) return t.backward;
    const v = t.forward;
    if (v === undefined) throw new SymbolicGradientError('a tensor with no value');
    if (v.node.kind === 'prim::Constant') {
      t.backward = this.backward.insertNode(this.backward.createClone(v.node, (x) => x)).output();
      return t.backward;
    }
    t.backward = this.#capture(v);
    return t.backward;
  }

  #capture(v: Value): Value {
    let c = this.#captures.get(v);
    if (c === undefined) {
      const g = this.backward;
      // Captures are inputs after the gradients; keep them together at the end.
      c = g.addInput(
        v.hasDebugName() ? v.debugName() : undefined,
        v.type.kind === 'TensorType' ? tensorType(this.#tensorInfo(v)) : v.type,
      );
      this.#captures.set(v, c);
    }
    return c;
  }

  #sizesValue(t: SymTensor): Value {
    let s = this.#sizes.get(t);
    if (s !== undefined) return s;
    const v = t.forward;
    if (v === undefined || t.backward !== undefined) {
      const node = this.backward.insert('aten::size', [this.#backwardValue(t)], 0);
      node.setSchema(this.#sizeSchema());
      s = node.addOutput(ListType.of(IntType.get()));
    } else {
      // PyTorch's forward graphs capture sizes (int[]) rather than tensors only read for their shape.
      const at = v.node.next!;
      const node = this.forward.create('aten::size', [v], 0);
      node.setSchema(this.#sizeSchema());
      const out = node.addOutput(ListType.of(IntType.get()));
      node.insertBefore(at);
      this.#addedToForward.push(node);
      s = this.#capture(out);
    }
    this.#sizes.set(t, s);
    return s;
  }

  #sizeSchema() {
    const o = this.registry.find('aten::size');
    if (o === undefined) throw new SymbolicGradientError('aten::size is not in the op registry');
    return o.schema;
  }

  // ---- finishing -------------------------------------------------------------------------

  #finish(gradOutputs: OutputPath[]): Gradient {
    eliminateDeadNodes(this.backward);
    const nGrads = gradOutputs.length;
    // Captured values the backward no longer reads are dropped from both graphs.
    for (let i = this.backward.inputs.length - 1; i >= nGrads; i--) {
      const input = this.backward.inputs[i];
      if (input.hasUses()) continue;
      this.backward.eraseInput(i);
      for (const [fv, bv] of this.#captures) if (bv === input) this.#captures.delete(fv);
    }
    for (const node of this.#addedToForward)
      if (!node.output().hasUses() && !this.#captures.has(node.output())) node.destroy();
    const realOutputs = this.forward.outputs.length;
    const byInput = new Map<Value, Value>();
    for (const [fv, bv] of this.#captures) byInput.set(bv, fv);
    for (let i = nGrads; i < this.backward.inputs.length; i++) {
      const fv = byInput.get(this.backward.inputs[i])!;
      this.forward.registerOutput(fv);
    }
    const captured = this.forward.outputs.length - realOutputs;
    const guards: Guard[] = [];
    const outputIndex = (v: Value): number => {
      const i = this.forward.outputs.indexOf(v);
      return i >= 0 ? i : this.forward.registerOutput(v);
    };
    for (const v of this.#assumed) {
      if (v.node.kind === 'prim::Constant' || v.node.graph !== this.forward) continue;
      const info = this.#tensorInfo(v);
      guards.push({ output: outputIndex(v), sizes: info?.sizes, dtype: info?.dtype });
    }
    for (const [v, value] of this.#scalarGuards) guards.push({ output: outputIndex(v), value });
    for (const v of this.#assumedData) {
      if (v.node.kind === 'prim::Constant' || v.node.graph !== this.forward) continue;
      guards.push({ output: outputIndex(v), data: this.#tensorInfo(v)?.data });
    }
    return {
      forward: this.forward,
      backward: this.backward,
      realOutputs,
      captured,
      gradOutputs,
      gradInputs: this.#inputs,
      guards,
    };
  }

  // ---- facts ------------------------------------------------------------------------------

  #tensorInfo(v: Value): TensorInfo | undefined {
    const p = this.#profile?.(v);
    if (p?.sizes !== undefined || p?.dtype !== undefined) {
      const t = p.tensor as { strides?: readonly number[]; offset?: number } | undefined;
      return { sizes: p.sizes, dtype: p.dtype, strides: t?.strides, offset: t?.offset, data: p.tensor };
    }
    if (v.node.kind === 'prim::Constant' && v.node.hasAttribute('value') && v.node.attributeKind('value') === 't') {
      const t = v.node.t('value') as { sizes?: readonly number[]; dtype?: DType };
      return { sizes: t.sizes, dtype: t.dtype };
    }
    if (v.type.kind !== 'TensorType') return undefined;
    const type = v.type as TensorType;
    const sizes = type.sizes?.every((s) => s !== null) ? (type.sizes as number[]) : undefined;
    const dtype = type.scalarType === undefined ? undefined : toDtype(scalarTypeDtype(type.scalarType));
    if (sizes === undefined && dtype === undefined) return undefined;
    return { sizes, dtype };
  }

  #constantOf(v: Value): unknown {
    const node = v.node;
    if (node.kind === 'prim::Constant') return constantValue(node);
    if (node.kind === 'prim::ListConstruct') return node.inputs.map((e) => this.#constantOf(e));
    const p = this.#profile?.(v);
    if (p !== undefined && 'value' in p) {
      this.#scalarGuards.set(v, p.value);
      return p.value;
    }
    return undefined;
  }

  /** The overload a node runs: its schema when set, else the first that accepts its inputs (ops' own resolution). */
  #overloadOf(node: Node): Overload | undefined {
    const schema = node.maybeSchema();
    if (schema !== undefined) return this.registry.find(schema.operatorName);
    return resolveNodeOverload(this.registry, node, (v) => this.#resolutionValue(v));
  }

  /** A stand-in for resolving overloads: what the value is, without recording assumptions. */
  #resolutionValue(v: Value): unknown {
    const type = v.type;
    if (type.kind === 'TensorType')
      return new SymTensor({ assume: () => {}, assumeData: () => {} }, { forward: v }, undefined);
    const node = v.node;
    if (node.kind === 'prim::Constant') return constantValue(node);
    if (node.kind === 'prim::ListConstruct') return node.inputs.map((e) => this.#resolutionValue(e));
    switch (type.kind) {
      case 'IntType':
        return 0;
      case 'FloatType':
        return new FloatScalar(0);
      case 'BoolType':
        return false;
      case 'StringType':
        return '';
      default:
        return this.#profile?.(v)?.value;
    }
  }
}

const SCALAR_TO_DTYPE: Record<string, string> = {
  Byte: 'uint8',
  Char: 'int8',
  Short: 'int16',
  Int: 'int32',
  Long: 'int64',
  Half: 'float16',
  Float: 'float32',
  Double: 'float64',
  Bool: 'bool',
  BFloat16: 'bfloat16',
};
function scalarTypeDtype(name: string): string {
  const d = SCALAR_TO_DTYPE[name];
  if (d === undefined) throw new SymbolicGradientError(`tensors of ${name} have no gradients here`);
  return d;
}

/** Values a node's blocks read from outside them. */
function freeValues(node: Node): Value[] {
  const blocks = new Set<import('@tsjit/ir').Block>();
  const inner: Node[] = [];
  const walk = (n: Node) => {
    for (const b of n.blocks) {
      blocks.add(b);
      for (const m of b.nodes()) {
        inner.push(m);
        walk(m);
      }
    }
  };
  walk(node);
  const outside = (v: Value) => !blocks.has(v.node.owningBlock!);
  const out: Value[] = [];
  for (const m of inner) for (const v of m.inputs) if (outside(v)) out.push(v);
  for (const b of blocks) for (const v of b.outputs) if (outside(v)) out.push(v);
  return out;
}

function carriesTensors(type: import('@tsjit/ir').JitType): boolean {
  if (type.kind === 'TensorType') return true;
  return type.containedTypes().some(carriesTensors);
}

/** Removes nodes of the backward whose outputs nothing reads (every node emitted there is pure). */
function eliminateDeadNodes(g: Graph): void {
  const nodes = [...g.nodes()].reverse();
  for (const node of nodes) {
    if (node.outputs.every((o) => !o.hasUses())) node.destroy();
  }
}
