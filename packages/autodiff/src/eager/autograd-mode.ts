/**
 * The dispatcher mode that records the tape: with grad mode on and a tensor input that requires
 * grad, it runs the op and gives its differentiable outputs a node (`gradFn`) that applies the op's
 * own derivative rule. Otherwise it only runs the op: the check is a few property reads per call.
 */
import type { DerivativeRule, OpArgs, Overload } from '@tsjit/ops';
import { type DispatchMode, eagerContext, Tensor } from '@tsjit/tensor';
import { gradState, inferenceTensors, isInference } from './grad-mode.js';
import {
  accumulatorOf,
  CloneBackward,
  type Edge,
  isFloating,
  moveRetainHook,
  type Node,
  NoGradientNode,
  NotImplementedNode,
  OpNode,
  type OutputMeta,
  outputNrOf,
  type Slot,
  savedInputs,
  setOutputNr,
} from './node.js';
import { AsStridedBackward, baseGeometry, CopySlices, isDense, viewGeometry } from './view-nodes.js';

/** What the mode needs of an overload, computed once. */
interface OverloadInfo {
  /** Arguments that may hold tensors (Tensor, Tensor?, Tensor[], Tensor?[]), in schema order. */
  readonly tensorArgs: readonly string[];
  readonly rule: DerivativeRule | undefined;
  readonly nondifferentiable: boolean;
  readonly inplace: boolean;
  readonly out: boolean;
  readonly requiresGradKeyword: boolean;
  readonly detach: boolean;
  readonly outputDifferentiability: readonly boolean[] | undefined;
  readonly displayName: string;
}

const infos = new Map<Overload, OverloadInfo>();

function infoOf(o: Overload): OverloadInfo {
  let info = infos.get(o);
  if (info === undefined) {
    const def = o.op.definition;
    info = {
      tensorArgs: o.schema.arguments
        .filter((a) => a.type.annotationStr().includes('Tensor') && !(a.isWrite && a.kwargOnly))
        .map((a) => a.name),
      rule: o.op.derivativeFor(o),
      nondifferentiable: def.nondifferentiable !== undefined,
      inplace: o.inplace,
      out: o.outNames.length > 0,
      requiresGradKeyword: o.names.includes('requires_grad'),
      detach: o.baseName === 'detach' || o.baseName === 'detach_',
      outputDifferentiability: def.outputDifferentiability,
      displayName: backwardName(o),
    };
    infos.set(o, info);
  }
  return info;
}

/** PyTorch's backward class name: `add.Scalar` → AddBackward1 (the overload's index among the op's). */
export function backwardName(o: Overload): string {
  const base = o.baseName.replace(/_+$/, '');
  const camel = base
    .split('_')
    .filter((p) => p.length > 0)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
  // PyTorch numbers them in derivatives.yaml's order, where the default overload comes first.
  const functional = o.op.overloads.filter(
    (x) =>
      !x.inplace &&
      x.outNames.length === 0 &&
      o.op.derivativeFor(x) !== undefined &&
      x.schema.arguments.some((a) => a.type.annotationStr().includes('Tensor')),
  );
  functional.sort((a, b) => (a.overloadName === '' ? 0 : 1) - (b.overloadName === '' ? 0 : 1));
  const i = functional.findIndex((x) => x.overloadName === o.overloadName);
  return `${camel}Backward${Math.max(i, 0)}`;
}

/** Differentiable views: a tensor an op returned as a view of an input, and that input's base. */
interface ViewMeta {
  readonly root: Tensor;
  /** The root's history when this view's own history was last derived from it. */
  rootFn: unknown;
}
const views = new WeakMap<Tensor, ViewMeta>();

/**
 * Notes `t` as a view when it shares its storage with an input of the op that returned it (an op's
 * fresh output may be a view of an internal buffer: that is no view for autograd). The base is the
 * input's own base when the input is itself a view, as in PyTorch.
 */
function noteView(t: Tensor, args: OpArgs, names: readonly string[]): void {
  if (views.has(t)) return;
  for (const name of names) {
    const v = args[name];
    if (v instanceof Tensor && v !== t && v.storage === t.storage) {
      const root = views.get(v)?.root ?? v;
      views.set(t, { root, rootFn: root.gradFn });
      return;
    }
  }
}

/**
 * The edge to the history of `t` (null when it does not require grad). A view whose base's
 * history was rebased by an in-place op through another view gets its history regenerated from
 * the base, as PyTorch does.
 */
export function gradientEdge(t: Tensor): Edge | null {
  if (t.base !== null && staleView(t)) {
    const meta = views.get(t) as ViewMeta;
    const root = meta.root;
    t.gradFn = new AsStridedBackward(baseGeometry(root), viewGeometry(t, root), gradientEdge(root));
    t.requiresGrad = true;
    setOutputNr(t, 0);
    meta.rootFn = root.gradFn;
  }
  if (!t.requiresGrad) return null;
  const fn = t.gradFn as Node | null;
  return fn !== null ? { fn, inputNr: outputNrOf(t) } : { fn: accumulatorOf(t), inputNr: 0 };
}

/** A view whose base got a new history (an in-place op on the base or another view of it) since. */
function staleView(t: Tensor): boolean {
  const meta = views.get(t);
  return meta?.root.requiresGrad === true && meta.root.gradFn !== meta.rootFn;
}

const INFERENCE_INPLACE =
  'Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get a normal ' +
  'tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.';

/** The tensors an op returned in inference mode are inference tensors. */
function markInference(r: unknown): unknown {
  if (r instanceof Tensor) {
    inferenceTensors.add(r);
    gradState.anyInferenceTensor = true;
  } else if (Array.isArray(r)) {
    for (const e of r) markInference(e);
  }
  return r;
}

const LEAF_INPLACE = 'a leaf Variable that requires grad is being used in an in-place operation.';
const VIEW_OF_LEAF_INPLACE = 'a view of a leaf Variable that requires grad is being used in an in-place operation.';

export class AutogradMode implements DispatchMode {
  handle(overload: Overload, args: OpArgs, next: (args: OpArgs) => unknown): unknown {
    if (gradState.inference) return markInference(next(args));
    if (gradState.anyInferenceTensor && overload.inplace && isInference(args[overload.names[0]])) {
      throw new Error(INFERENCE_INPLACE);
    }
    if (!gradState.enabled) return next(args);
    const info = infoOf(overload);
    const names = info.tensorArgs;
    let needs = false;
    for (let i = 0; i < names.length && !needs; i++) {
      const v = args[names[i]];
      if (v instanceof Tensor) needs = v.requiresGrad || (v.base !== null && staleView(v));
      else if (Array.isArray(v)) {
        for (const e of v)
          if (e instanceof Tensor && (e.requiresGrad || (e.base !== null && staleView(e)))) needs = true;
      }
    }
    if (!needs) {
      const r = next(args);
      if (r instanceof Tensor) {
        if (info.requiresGradKeyword && args.requires_grad === true) r.requiresGrad = true;
        if (r.base !== null && !info.detach) noteView(r, args, names);
      }
      return r;
    }
    return record(overload, info, args, next);
  }
}

function record(overload: Overload, info: OverloadInfo, args: OpArgs, next: (args: OpArgs) => unknown): unknown {
  if (info.out) {
    throw new Error(
      `${overload.baseName}(): functions with out=... arguments don't support automatic differentiation, ` +
        'but one of the arguments requires grad.',
    );
  }
  const selfName = overload.names[0];
  const self = info.inplace ? (args[selfName] as Tensor) : null;
  let viewMeta: ViewMeta | undefined;
  if (self !== null) {
    if (self.requiresGrad && self.gradFn === null) throw new Error(LEAF_INPLACE);
    viewMeta = views.get(self);
    if (viewMeta?.root.requiresGrad && viewMeta.root.gradFn === null) {
      throw new Error(VIEW_OF_LEAF_INPLACE);
    }
    // CopySlices maps the view's strides onto a gradient laid out like the base.
    if (viewMeta !== undefined && isFloating(self.dtype) && !isDense(viewMeta.root)) {
      throw new Error(
        'an in-place operation on a view of an overlapping or non-dense tensor is not supported by autograd',
      );
    }
  }
  if (info.detach) {
    const r = next(args) as Tensor;
    if (info.inplace) {
      r.requiresGrad = false;
      r.gradFn = null;
    }
    return r;
  }
  if (info.rule === undefined && info.nondifferentiable && self === null) return next(args);

  // Slots: the floating tensor inputs, with their edges taken before an in-place op rebases self.
  const slots: Slot[] = [];
  const edges: (Edge | null)[] = [];
  const inputs: Tensor[] = [];
  for (const name of info.tensorArgs) {
    const v = args[name];
    if (v instanceof Tensor) {
      inputs.push(v);
      if (isFloating(v.dtype)) {
        slots.push({ name, index: -1, sizes: v.sizes, dtype: v.dtype });
        edges.push(gradientEdge(v));
      }
    } else if (Array.isArray(v)) {
      v.forEach((e, index) => {
        if (!(e instanceof Tensor)) return;
        inputs.push(e);
        if (isFloating(e.dtype)) {
          slots.push({ name, index, sizes: e.sizes, dtype: e.dtype });
          edges.push(gradientEdge(e));
        }
      });
    }
  }
  // The rule of an in-place op needs self's value from before the op; under create_graph,
  // gradients through that copy reach self's history from before the op.
  let saveArgs = args;
  if (self !== null && info.rule !== undefined) {
    const before = eagerContext.F.clone(self) as Tensor;
    const edge = isFloating(self.dtype) ? edges[0] : null;
    if (edge !== null) {
      before.requiresGrad = true;
      before.gradFn = new CloneBackward(edge);
    }
    saveArgs = { ...args, [selfName]: before };
  }

  // An in-place op's arguments are saved as they were before it wrote (another argument that is
  // self, or shares its storage, is then stale, as in PyTorch); other ops' after the call (batch
  // norm updates its running stats as a side effect of the kernel, which bumps no version in PyTorch).
  const savedBefore = info.rule !== undefined && self !== null ? savedInputs(saveArgs) : null;
  let result = next(args);
  const list: unknown[] = Array.isArray(result) ? [...result] : [result];
  const outputs: (OutputMeta | null)[] = list.map((o, k) =>
    o instanceof Tensor && isFloating(o.dtype) && (info.outputDifferentiability?.[k] ?? true)
      ? { sizes: o.sizes, dtype: o.dtype }
      : null,
  );
  // An output that is an input object (contiguous() of a contiguous tensor) gets its own alias,
  // so that giving it a history does not rewrite the input's.
  let replaced = false;
  list.forEach((o, k) => {
    if (outputs[k] === null || (k === 0 && self !== null)) return;
    const t = o as Tensor;
    if (inputs.includes(t) || list.indexOf(t) !== k) {
      list[k] = t.makeView(t.sizes, t.strides, t.offset);
      replaced = true;
    }
  });
  if (replaced) result = Array.isArray(result) ? list : list[0];

  let node: Node;
  if (info.rule === undefined) {
    node = info.nondifferentiable
      ? new NoGradientNode(info.displayName)
      : new NotImplementedNode(overload.qualifiedName, list.length);
  } else {
    const opNode = new OpNode(overload, info.rule, info.displayName, saveArgs, result, slots, outputs);
    opNode.saveVersions(savedBefore ?? savedInputs(saveArgs));
    node = opNode;
  }
  node.nextEdges = edges;

  if (self !== null) {
    if (!isFloating(self.dtype)) return result;
    if (viewMeta !== undefined) {
      // Writing into a view rewrites its base's history (CopySlices), and the view reads its region back.
      const root = viewMeta.root;
      const geometry = baseGeometry(root);
      const copySlices = new CopySlices(geometry, viewGeometry(self, root), node, gradientEdge(root));
      root.gradFn = copySlices;
      root.requiresGrad = true;
      setOutputNr(root, 0);
      self.gradFn = new AsStridedBackward(geometry, viewGeometry(self, root), { fn: copySlices, inputNr: 0 });
      viewMeta.rootFn = copySlices;
    } else {
      self.gradFn = node;
    }
    self.requiresGrad = true;
    setOutputNr(self, 0);
    moveRetainHook(self);
    return result;
  }
  list.forEach((o, k) => {
    if (outputs[k] === null) return;
    const t = o as Tensor;
    t.requiresGrad = true;
    t.gradFn = node;
    setOutputNr(t, k);
    if (t.base !== null) noteView(t, args, info.tensorArgs);
  });
  return result;
}
