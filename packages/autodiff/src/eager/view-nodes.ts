/**
 * In-place ops on views (PyTorch's CopySlices): writing into a view changes its base, so the base's
 * history becomes "the old base, with the view's region replaced by the in-place op's result". The
 * view's own history then reads that region back out of the base (AsStridedBackward0).
 */
import { eagerContext, type Tensor } from '@tsjit/tensor';
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

/** A zero gradient for the base with contiguous layout; the base must be contiguous for the region to map. */
function baseGradient(base: { sizes: readonly number[]; dtype: string }, g: Tensor | null): Tensor {
  const F = eagerContext.F;
  if (g === null) return F.zeros(base.sizes, { dtype: base.dtype }) as Tensor;
  return F.clone(g, { memory_format: 'contiguous_format' }) as Tensor;
}

export class CopySlices extends Node {
  readonly numOutputs = 1;
  constructor(
    readonly base: { readonly sizes: readonly number[]; readonly dtype: string },
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
    readonly base: { readonly sizes: readonly number[]; readonly dtype: string },
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
    const result = F.zeros(this.base.sizes, { dtype: this.base.dtype }) as Tensor;
    const region = F.asStrided(result, this.view.sizes, this.view.strides, this.view.offset) as Tensor;
    F.copy_(region, g);
    return [result];
  }
}
