/**
 * In-place ops on views (PyTorch's CopySlices): writing into a view changes its base, so the base's
 * history becomes "the old base, with the view's region replaced by the in-place op's result". The
 * view's own history then reads that region back out of the base (AsStridedBackward0).
 */
import { eagerContext, Storage, Tensor } from '@tsjit/tensor';
import { type Edge, Node } from './node.js';

/** The region of a view inside its base's storage, relative to the base's first element. */
export interface ViewGeometry {
  readonly sizes: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

export function viewGeometry(view: Tensor, base: Tensor): ViewGeometry {
  return { sizes: view.sizes, strides: view.strides, offset: view.offset - base.offset };
}

const NO_DATA = Storage.allocate(0);

/** The base's geometry without its data: what the gradient of the base is laid out like. */
export function baseGeometry(base: Tensor): Tensor {
  return new Tensor(NO_DATA, base.dtype, base.sizes, base.strides, 0);
}

/**
 * Whether a view's strides can address a gradient laid out like the base: the base must cover its
 * elements exactly once (contiguous in some order of its dims).
 */
export function isDense(t: Tensor): boolean {
  const dims = t.sizes.map((_, d) => d).filter((d) => t.sizes[d] !== 1);
  dims.sort((a, b) => t.strides[a] - t.strides[b]);
  let expected = 1;
  for (const d of dims) {
    if (t.strides[d] !== expected) return t.sizes.includes(0);
    expected *= t.sizes[d];
  }
  return true;
}

/**
 * A gradient for the base with the base's strides (so the view's region maps onto it), holding g or
 * zeros: contiguous zeros in the base's dim order by decreasing stride, permuted back.
 */
function baseGradient(base: Tensor, g: Tensor | null): Tensor {
  const F = eagerContext.F;
  const order = base.sizes.map((_, d) => d).sort((a, b) => base.strides[b] - base.strides[a] || a - b);
  const zeros = F.zeros(
    order.map((d) => base.sizes[d]),
    { dtype: base.dtype },
  ) as Tensor;
  const result = F.permute(
    zeros,
    base.sizes.map((_, d) => order.indexOf(d)),
  ) as Tensor;
  if (g !== null) F.copy_(result, g);
  return result;
}

export class CopySlices extends Node {
  readonly numOutputs = 1;
  constructor(
    /** The base's geometry (baseGeometry). */
    readonly base: Tensor,
    readonly view: ViewGeometry,
    /** The in-place op's node; its input 0 is the view's old value. */
    readonly fn: Node,
    baseEdge: Edge | null,
  ) {
    super();
    this.nextEdges = [baseEdge, ...fn.nextEdges.slice(1)];
  }

  name(): string {
    return 'CopySlices';
  }

  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    const F = eagerContext.F;
    const result = baseGradient(this.base, grads[0]);
    const region = F.asStrided(result, this.view.sizes, this.view.strides, this.view.offset) as Tensor;
    const res = this.fn.apply([F.clone(region) as Tensor]);
    if (res[0] === null || res[0] === undefined) F.zero_(region);
    else F.copy_(region, res[0]);
    return [result, ...res.slice(1)];
  }

  override release(): void {
    this.fn.release();
  }
}

/** The history of a view of a base whose history was rebased: the view's region of the base's gradient. */
export class AsStridedBackward extends Node {
  readonly numOutputs = 1;
  constructor(
    /** The base's geometry (baseGeometry). */
    readonly base: Tensor,
    readonly view: ViewGeometry,
    baseEdge: Edge | null,
  ) {
    super();
    this.nextEdges = [baseEdge];
  }

  name(): string {
    return 'AsStridedBackward0';
  }

  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    const F = eagerContext.F;
    const g = grads[0];
    if (g === null) return [null];
    const result = baseGradient(this.base, null);
    const region = F.asStrided(result, this.view.sizes, this.view.strides, this.view.offset) as Tensor;
    F.copy_(region, g);
    return [result];
  }
}
