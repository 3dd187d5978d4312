import {
  type Block,
  type FunctionType,
  type Graph,
  type InlinedCall,
  InternalError,
  type Node,
  type Value,
} from '@tsjit/ir';

export interface InlineOptions {
  /**
   * The graph of the function a `prim::CallFunction` or `prim::CallMethod` node calls, or
   * undefined to leave that call alone. The graph is read, never changed. For CallFunction the
   * graph's inputs are the call's arguments (the inputs after the function value); for
   * CallMethod they are all of the node's inputs, `self` first.
   */
  readonly resolve: (node: Node) => Graph | undefined;
  /** Calls nested deeper than this are taken for recursion, which TorchScript forbids (default 200). */
  readonly maxDepth?: number;
  /**
   * When given, every inlined node records the call it came through (its `callStack`, outermost
   * first), with the callee named by this function, so that tracebacks through inlined code still
   * show each call (the interpreter runs inlined graphs, as PyTorch's graph executor does).
   */
  readonly callName?: (call: Node) => string;
}

/**
 * The qualified name of the callee of a call node: the function constant's name for
 * `prim::CallFunction` (`__torch__.foo`), `<class>.<method>` for `prim::CallMethod`.
 */
export function calleeName(node: Node): string | undefined {
  if (node.kind === 'prim::CallFunction') {
    const f = node.inputs[0];
    if (!f) return undefined;
    const type = f.type.kind === 'FunctionType' ? (f.type as FunctionType) : undefined;
    if (type?.qualifiedName) return type.qualifiedName;
    return f.node.kind === 'prim::Constant' && f.node.attributeKind('name') === 's' ? f.node.s('name') : undefined;
  }
  if (node.kind === 'prim::CallMethod' && node.attributeKind('name') === 's') {
    const self = node.inputs[0];
    const owner =
      self?.type.kind === 'ClassType' ? (self.type as unknown as { qualifiedName: string }).qualifiedName : '';
    return owner ? `${owner}.${node.s('name')}` : node.s('name');
  }
  return undefined;
}

/**
 * Replaces `prim::CallFunction` (callee given by a function constant) and `prim::CallMethod`
 * nodes by a copy of the callee's graph, recursively (calls inside the inlined code are inlined
 * too), keeping the callee's source ranges and value names (a clashing name in the caller is
 * renamed, as PyTorch does). The function constants left unused are for DCE to remove.
 *
 *     %f : Function = prim::Constant[name="double"]()
 *     %y : Tensor = prim::CallFunction(%f, %x)     ->     %y : Tensor = aten::add(%x, %x, %one)
 */
export function inlineCalls(graph: Graph, options: InlineOptions): boolean {
  const maxDepth = options.maxDepth ?? 200;
  const depth = new Map<Node, number>();
  let changed = false;
  const visit = (block: Block): void => {
    for (let node: Node | undefined = block.first; node && node !== block.returnNode; ) {
      const next: Node | undefined = node.next;
      const isCall =
        (node.kind === 'prim::CallFunction' && node.inputs.length > 0 && node.inputs[0].type.kind === 'FunctionType') ||
        node.kind === 'prim::CallMethod';
      const callee = isCall ? options.resolve(node) : undefined;
      if (!callee) {
        for (const b of node.blocks) visit(b);
        node = next;
        continue;
      }
      const level = (depth.get(node) ?? 0) + 1;
      if (level > maxDepth) {
        throw new InternalError(
          `inlining ${calleeName(node) ?? node.kind} went ${maxDepth} calls deep: is it recursive?`,
        );
      }
      const args = node.kind === 'prim::CallFunction' ? node.inputs.slice(1) : [...node.inputs];
      const call = node;
      const frame = options.callName && { function: options.callName(call), callSite: call.sourceRange };
      const first = inlineCall(node, callee, args, (inserted) => {
        depth.set(inserted, level);
        if (frame) stampCallStack(inserted, [...(call.callStack ?? []), frame]);
      });
      changed = true;
      // Visit the inlined code next: it may hold calls of its own.
      node = first ?? next;
    }
  };
  visit(graph.block);
  return changed;
}

/** Puts `outer` (the calls a node was inlined through) before the call stack of `node` and of the nodes in its blocks. */
function stampCallStack(node: Node, outer: readonly InlinedCall[]): void {
  node.setCallStack([...outer, ...(node.callStack ?? [])]);
  for (const block of node.blocks) for (const inner of block.nodes()) stampCallStack(inner, outer);
}

/** Copies `callee` before `call`, replaces the call's outputs by the copy's and destroys the call; returns the first copied node. */
function inlineCall(
  call: Node,
  callee: Graph,
  args: readonly Value[],
  onInsert: (node: Node) => void,
): Node | undefined {
  const name = calleeName(call) ?? call.kind;
  if (callee.inputs.length !== args.length) {
    throw new InternalError(
      `cannot inline ${name}: it takes ${callee.inputs.length} inputs, the call passes ${args.length}`,
    );
  }
  if (callee.outputs.length !== call.outputs.length) {
    throw new InternalError(
      `cannot inline ${name}: it returns ${callee.outputs.length} values, the call expects ${call.outputs.length}`,
    );
  }
  const graph = call.graph;
  const env = new Map<Value, Value>();
  callee.inputs.forEach((input, i) => {
    env.set(input, args[i]);
  });
  const before = call.prev;
  const outputs = graph.withInsertPoint(call, () => {
    for (const node of callee.block.nodes()) {
      const copy = graph.insertNode(cloneNode(node, env, graph));
      onInsert(copy);
    }
    return callee.outputs.map((v) => lookup(env, v, name));
  });
  call.outputs.forEach((out, i) => {
    // The call's result name carries over to the inlined value, as in PyTorch.
    if (out.hasDebugName()) outputs[i].setDebugName(out.debugName());
    out.replaceAllUsesWith(outputs[i]);
  });
  call.destroy();
  const first = before?.next;
  return first && first !== call.owningBlock?.returnNode && first.inBlockList ? first : undefined;
}

function lookup(env: Map<Value, Value>, v: Value, name: string): Value {
  const mapped = env.get(v);
  if (!mapped) throw new InternalError(`cannot inline ${name}: %${v.debugName()} is used outside its scope`);
  return mapped;
}

/** A copy of `node` (of another graph) in `target`, with fresh values; `env` maps the values it reads. */
function cloneNode(node: Node, env: Map<Value, Value>, target: Graph): Node {
  const name = node.kind;
  const copy = target.create(
    node.kind,
    node.inputs.map((v) => lookup(env, v, name)),
    0,
  );
  copy.copyAttributes(node);
  copy.setSourceRange(node.sourceRange);
  copy.setScope(node.scope);
  copy.setCallStack(node.callStack);
  copy.setSchema(node.explicitSchema());
  for (const output of node.outputs) {
    const out = copy.addOutput(output.type);
    if (output.hasDebugName()) out.setDebugName(output.debugName());
    env.set(output, out);
  }
  for (const block of node.blocks) {
    const b = copy.addBlock();
    for (const input of block.inputs) {
      const v = b.addInput(input.hasDebugName() ? input.debugName() : undefined, input.type);
      env.set(input, v);
    }
    for (const inner of block.nodes()) b.appendNode(cloneNode(inner, env, target));
    for (const output of block.outputs) b.registerOutput(lookup(env, output, name));
  }
  return copy;
}
