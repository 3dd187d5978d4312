/**
 * The backward walk: an iterative traversal of the tape from the roots, each node run once all the
 * nodes that feed it gradients have run (dependency counts), the most recently created ready node
 * first (PyTorch's order). Gradients reaching one input from several uses are summed in the
 * node's input buffer. No recursion: a chain of any length walks in constant stack.
 */
import { eagerContext, type Tensor } from '@tsjit/tensor';
import { gradState } from './grad-mode.js';
import { AccumulateGrad, accumulateGrad, type Edge, type Node } from './node.js';

export interface WalkOptions {
  /** Keep saved tensors for another backward (retain_graph). */
  readonly keepGraph: boolean;
  /** Record the backward itself (create_graph): grad mode stays on during the walk. */
  readonly createGraph: boolean;
  /**
   * When set, only these edges receive gradients: they are captured and returned (autograd.grad),
   * or accumulated into their tensors when `accumulate` (backward(inputs=...)).
   */
  readonly targets?: readonly Edge[];
  /** Run AccumulateGrad nodes (backward) rather than only capturing (autograd.grad). */
  readonly accumulate: boolean;
  /** For backward(inputs=...) on a non-leaf: the tensor whose `.grad` receives target i. */
  readonly targetTensors?: readonly Tensor[];
}

/** Max-heap of nodes by sequence number. */
class ReadyQueue {
  readonly #heap: Node[] = [];
  get size(): number {
    return this.#heap.length;
  }
  push(n: Node): void {
    const h = this.#heap;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].sequenceNr >= h[i].sequenceNr) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop(): Node {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop() as Node;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].sequenceNr > h[m].sequenceNr) m = l;
        if (r < h.length && h[r].sequenceNr > h[m].sequenceNr) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

function addInto(buffer: (Tensor | null)[], k: number, g: Tensor): void {
  const prev = buffer[k];
  buffer[k] = prev === null || prev === undefined ? g : (eagerContext.F.add(prev, g) as Tensor);
}

/** Applies the tensor hooks registered on output k of `node` (they may replace the gradient). */
function runTensorHooks(node: Node, k: number, g: Tensor): Tensor {
  const hooks = node.tensorHooks?.get(k);
  if (hooks === undefined) return g;
  for (const h of [...hooks]) {
    const r = h.fn(g);
    if (r !== undefined && r !== null) g = r as Tensor;
  }
  return g;
}

/**
 * Runs backward from `roots` (edges with their gradients). Returns the gradient captured for each
 * target (null where none arrived).
 */
export function runBackward(
  roots: readonly Edge[],
  rootGrads: readonly Tensor[],
  options: WalkOptions,
): (Tensor | null)[] {
  // Discover the graph: post-order of the nodes reachable from the roots (children first).
  const order: Node[] = [];
  const seen = new Set<Node>();
  const stack: { node: Node; next: number }[] = [];
  for (const r of roots) {
    if (seen.has(r.fn)) continue;
    seen.add(r.fn);
    stack.push({ node: r.fn, next: 0 });
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const edges = top.node.nextEdges;
      if (top.next < edges.length) {
        const e = edges[top.next++];
        if (e !== null && !seen.has(e.fn)) {
          seen.add(e.fn);
          stack.push({ node: e.fn, next: 0 });
        }
      } else {
        order.push(top.node);
        stack.pop();
      }
    }
  }

  // Which nodes must run: all of them for a plain backward; with targets, those leading to one.
  const targets = options.targets;
  const targetsAt = new Map<Node, number[]>();
  targets?.forEach((e, i) => {
    const list = targetsAt.get(e.fn);
    if (list === undefined) targetsAt.set(e.fn, [i]);
    else list.push(i);
  });
  let needed: Set<Node> | null = null;
  if (targets !== undefined) {
    needed = new Set();
    for (const n of order) {
      if (targetsAt.has(n) || n.nextEdges.some((e) => e !== null && needed!.has(e.fn))) needed.add(n);
    }
  }
  const isNeeded = (n: Node) => needed === null || needed.has(n);

  const deps = new Map<Node, number>();
  for (const n of order) {
    if (!isNeeded(n)) continue;
    for (const e of n.nextEdges) if (e !== null && isNeeded(e.fn)) deps.set(e.fn, (deps.get(e.fn) ?? 0) + 1);
  }

  const buffers = new Map<Node, (Tensor | null)[]>();
  const bufferOf = (n: Node) => {
    let b = buffers.get(n);
    if (b === undefined) {
      b = new Array(n.numOutputs).fill(null);
      buffers.set(n, b);
    }
    return b;
  };
  const ready = new ReadyQueue();
  roots.forEach((r, i) => {
    if (isNeeded(r.fn)) addInto(bufferOf(r.fn), r.inputNr, rootGrads[i]);
  });
  const queued = new Set<Node>();
  for (const r of roots) {
    if (isNeeded(r.fn) && !deps.has(r.fn) && !queued.has(r.fn)) {
      queued.add(r.fn);
      ready.push(r.fn);
    }
  }

  const captured: (Tensor | null)[] = targets === undefined ? [] : targets.map(() => null);
  const savedGrad = gradState.enabled;
  gradState.enabled = options.createGraph;
  try {
    while (ready.size > 0) {
      const node = ready.pop();
      const buffer = buffers.get(node) ?? new Array(node.numOutputs).fill(null);
      buffers.delete(node);
      if (node.tensorHooks !== null) {
        for (let k = 0; k < buffer.length; k++) {
          const g = buffer[k];
          if (g !== null) buffer[k] = runTensorHooks(node, k, g);
        }
      }
      const here = targetsAt.get(node);
      if (here !== undefined) {
        for (const i of here) {
          const g = buffer[targets![i].inputNr];
          captured[i] = g;
          const t = options.targetTensors?.[i];
          if (options.accumulate && g !== null && t !== undefined && !(node instanceof AccumulateGrad)) {
            accumulateGrad(t, g);
          }
        }
      }
      if (node instanceof AccumulateGrad) {
        if (options.accumulate && (targets === undefined || here !== undefined)) node.apply(buffer);
        continue;
      }
      const hasChildren = node.nextEdges.some((e) => e !== null && isNeeded(e.fn));
      if (!hasChildren) {
        if (!options.keepGraph) node.release();
        continue;
      }
      const out = node.apply(buffer);
      if (!options.keepGraph) node.release();
      const edges = node.nextEdges;
      for (let i = 0; i < edges.length; i++) {
        const e = edges[i];
        if (e === null || !isNeeded(e.fn)) continue;
        const g = out[i];
        if (g !== null && g !== undefined) addInto(bufferOf(e.fn), e.inputNr, g);
        const left = (deps.get(e.fn) as number) - 1;
        deps.set(e.fn, left);
        if (left === 0) ready.push(e.fn);
      }
    }
  } finally {
    gradState.enabled = savedGrad;
  }
  return captured;
}
