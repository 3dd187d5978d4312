import type { Block, Graph, JitType, Node, OptionalType, Value } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { Code, type CodeProvider, Op, type Runner } from './code.js';
import { constantRuntimeValue } from './constant-value.js';
import { makeRunner } from './node-runners.js';

export interface CompileOptions {
  /** The name tracebacks show for this code. */
  readonly name: string;
  readonly provider: CodeProvider;
  /** The ops nodes run (default: every op of @tsjit/ops). */
  readonly registry?: OpRegistry;
}

// Int fast paths by overload: JS numbers inline, everything else (bigints, overflow) via the op.
const INT_FAST: Readonly<Record<string, number>> = {
  'aten::add.int': Op.AddInt,
  'aten::sub.int': Op.SubInt,
  'aten::mul.int': Op.MulInt,
  'aten::lt.int': Op.LtInt,
  'aten::le.int': Op.LeInt,
  'aten::gt.int': Op.GtInt,
  'aten::ge.int': Op.GeInt,
  'aten::eq.int': Op.EqInt,
  'aten::ne.int': Op.NeInt,
};

/**
 * Compiles a graph into a Code (PyTorch's CodeImpl): every value gets a register (a loop's
 * outputs share the registers of its carried values), constants are preloaded, each other node
 * becomes a runner call (or an inline int instruction), `prim::If` and `prim::Loop` become jumps
 * patched once their targets are known, and a DROP follows the last use of every value that may
 * hold memory (tensors, lists, objects...), so that a tensor is released as soon as nothing later
 * reads it. A use inside an If or Loop block of a value defined outside counts as a use at that
 * If or Loop node: a value read in a loop body is dropped after the loop, never inside it.
 */
export function compileGraph(graph: Graph, options: CompileOptions): Code {
  return new GraphCompiler(graph, options).compile();
}

class GraphCompiler {
  readonly #graph: Graph;
  readonly #options: CompileOptions;
  readonly #registers = new Map<Value, number>();
  readonly #template: unknown[] = [];
  readonly #ins: number[] = [];
  readonly #nodeAt: (Node | undefined)[] = [];
  readonly #runners: Runner[] = [];
  /** Values to drop after a node (keyed by the node in the value's own block), or at the end of a block. */
  readonly #dropAfter = new Map<Node, Value[]>();
  #zero = -1;

  constructor(graph: Graph, options: CompileOptions) {
    this.#graph = graph;
    this.#options = options;
  }

  compile(): Code {
    const graph = this.#graph;
    this.#assignBlock(graph.block);
    this.#planDrops(graph.block);
    this.#emitBlock(graph.block);
    this.#emit(Op.Return);
    return new Code({
      name: this.#options.name,
      graph,
      instructions: Int32Array.from(this.#ins),
      runners: this.#runners,
      nodeAt: this.#nodeAt,
      template: this.#template,
      inputRegisters: Int32Array.from(graph.inputs.map((v) => this.#reg(v))),
      outputRegisters: Int32Array.from(graph.outputs.map((v) => this.#reg(v))),
      provider: this.#options.provider,
    });
  }

  // --- registers -------------------------------------------------------------------------------

  #newRegister(initial?: unknown): number {
    this.#template.push(initial);
    return this.#template.length - 1;
  }

  #reg(v: Value): number {
    let r = this.#registers.get(v);
    if (r === undefined) {
      r = this.#newRegister();
      this.#registers.set(v, r);
    }
    return r;
  }

  /** A register holding a constant value (for defaults the IR left out, the loop counter's 0). */
  constantRegister(value: unknown): number {
    return this.#newRegister(value);
  }

  #assignBlock(block: Block): void {
    for (const input of block.inputs) this.#reg(input);
    for (const node of block.nodes()) {
      if (node.kind === 'prim::Constant') {
        const r = this.#newRegister(constantRuntimeValue(node.output()));
        this.#registers.set(node.output(), r);
        continue;
      }
      if (node.kind === 'prim::Loop') {
        const body = node.blocks[0];
        this.#reg(body.inputs[0]);
        // The loop's outputs live in the registers of the carried values.
        node.outputs.forEach((out, i) => {
          this.#registers.set(out, this.#reg(body.inputs[i + 1]));
        });
        this.#coalesceCarried(body);
      } else {
        for (const out of node.outputs) this.#reg(out);
      }
      for (const b of node.blocks) this.#assignBlock(b);
    }
  }

  /**
   * A carried value's next value is made straight in its register (no MOVE at the back-edge)
   * when the node that makes it is in the body itself and nothing reads the old value after
   * that node: `s = s + i` becomes one instruction writing `s`'s register.
   */
  #coalesceCarried(body: Block): void {
    const order = new Map<Node, number>();
    let k = 0;
    for (const n of body.nodes()) order.set(n, k++);
    const position = (use: { user: Node }): number => {
      let user: Node | undefined = use.user;
      while (user !== undefined && user.owningBlock !== body) user = user.owningBlock?.owningNode;
      return user === undefined ? Number.POSITIVE_INFINITY : user === body.returnNode ? k : (order.get(user) ?? k);
    };
    const outputs = body.outputs;
    for (let i = 1; i < outputs.length; i++) {
      const v = outputs[i];
      const input = body.inputs[i];
      const maker = v.node;
      // Nodes with blocks write their outputs at the end of each block, where a block may still read
      // the old value: they keep separate registers.
      if (maker.owningBlock !== body || maker.kind === 'prim::Constant' || maker.blocks.length > 0) continue;
      if (this.#registers.has(v)) continue;
      if (outputs.filter((x) => x === v).length !== 1 || outputs.includes(input)) continue;
      const at = order.get(maker) as number;
      if (input.uses.some((use) => position(use) > at)) continue;
      this.#registers.set(v, this.#reg(input));
    }
  }

  // --- last uses -------------------------------------------------------------------------------

  #planDrops(block: Block): void {
    const order = new Map<Node, number>();
    let i = 0;
    for (const node of block.nodes()) order.set(node, i++);
    order.set(block.returnNode, i);
    const consider = (v: Value, definedBy: Node | undefined) => {
      if (!holdsMemory(v.type)) return;
      let last: Node | undefined;
      let lastIndex = -1;
      for (const use of v.uses) {
        let user: Node | undefined = use.user;
        while (user !== undefined && user.owningBlock !== block) user = user.owningBlock?.owningNode;
        if (user === undefined) continue;
        const k = order.get(user) ?? -1;
        if (k > lastIndex) {
          lastIndex = k;
          last = user;
        }
      }
      if (last === block.returnNode) {
        // Returned by the block: block inputs are carried registers (leave them); values defined
        // here are dropped once the block's outputs have been moved out.
        if (definedBy !== undefined) this.#addDrop(block.returnNode, v);
        return;
      }
      if (last === undefined) {
        // Never used: let go right after it is made.
        if (definedBy !== undefined) this.#addDrop(definedBy, v);
        else if (block === this.#graph.block) return;
        return;
      }
      this.#addDrop(last, v);
    };
    for (const input of block.inputs) consider(input, undefined);
    for (const node of block.nodes()) {
      if (node.kind !== 'prim::Loop') for (const out of node.outputs) consider(out, node);
      else for (const out of node.outputs) consider(out, node);
      for (const b of node.blocks) this.#planDrops(b);
    }
  }

  #addDrop(after: Node, v: Value): void {
    let list = this.#dropAfter.get(after);
    if (!list) this.#dropAfter.set(after, (list = []));
    list.push(v);
  }

  #emitDrops(after: Node, keep?: ReadonlySet<number>): void {
    const list = this.#dropAfter.get(after);
    if (!list) return;
    // A register the node has just written (a coalesced carried value) holds the new value.
    const seen = new Set<number>(after.isReturnNode() ? [] : after.outputs.map((v) => this.#reg(v)));
    for (const v of list) {
      const r = this.#reg(v);
      if (seen.has(r) || keep?.has(r)) continue;
      seen.add(r);
      this.#emit(Op.Drop, r);
    }
  }

  // --- emission --------------------------------------------------------------------------------

  #emit(op: number, ...operands: number[]): number {
    const at = this.#ins.length;
    this.#ins.push(op, ...operands);
    return at;
  }

  #emitBlock(block: Block): void {
    for (const node of block.nodes()) {
      switch (node.kind) {
        case 'prim::Constant':
          break;
        case 'prim::If':
          this.#emitIf(node);
          break;
        case 'prim::Loop':
          this.#emitLoop(node);
          break;
        default:
          this.#emitNode(node);
      }
      this.#emitDrops(node);
    }
  }

  #emitNode(node: Node): void {
    const runner = makeRunner(node, {
      reg: (v) => this.#reg(v),
      constantRegister: (value) => this.constantRegister(value),
      provider: this.#options.provider,
      registry: this.#options.registry,
    });
    this.#runners.push(runner.run);
    const index = this.#runners.length - 1;
    const fast = runner.overloadName !== undefined ? INT_FAST[runner.overloadName] : undefined;
    let at: number;
    if (fast !== undefined && node.inputs.length === 2 && node.outputs.length === 1) {
      at = this.#emit(fast, this.#reg(node.inputs[0]), this.#reg(node.inputs[1]), this.#reg(node.output()), index);
    } else {
      at = this.#emit(Op.Call, index);
    }
    this.#nodeAt[at] = node;
  }

  #moveBlockOutputs(block: Block, targets: readonly number[]): void {
    this.#parallelMove(
      block.outputs.map((v) => this.#reg(v)),
      targets,
    );
    this.#emitDrops(block.returnNode, new Set(targets));
  }

  /**
   * MOVEs of `sources[i]` into `targets[i]` as if all at once: when a value moves into another's
   * register (a, b = b, a) they go through temporaries, dropped afterwards.
   */
  #parallelMove(sources: readonly number[], targets: readonly number[]): void {
    const conflict = sources.some((s, j) => targets.some((t, i) => i !== j && t === s));
    if (!conflict) {
      sources.forEach((s, i) => {
        if (s !== targets[i]) this.#emit(Op.Move, s, targets[i]);
      });
      return;
    }
    const temps = sources.map((s) => {
      const t = this.#newRegister();
      this.#emit(Op.Move, s, t);
      return t;
    });
    temps.forEach((t, i) => {
      this.#emit(Op.Move, t, targets[i]);
      this.#emit(Op.Drop, t);
    });
  }

  #emitIf(node: Node): void {
    const [thenBlock, elseBlock] = node.blocks;
    const targets = node.outputs.map((v) => this.#reg(v));
    const branch = this.#emit(Op.JumpIfFalse, this.#reg(node.inputs[0]), -1);
    this.#nodeAt[branch] = node;
    this.#emitBlock(thenBlock);
    this.#moveBlockOutputs(thenBlock, targets);
    const jump = this.#emit(Op.Jump, -1);
    this.#ins[branch + 2] = this.#ins.length;
    this.#emitBlock(elseBlock);
    this.#moveBlockOutputs(elseBlock, targets);
    this.#ins[jump + 1] = this.#ins.length;
  }

  #emitLoop(node: Node): void {
    const body = node.blocks[0];
    const trip = this.#newRegister();
    const counter = this.#newRegister();
    const cond = this.#newRegister();
    if (this.#zero < 0) this.#zero = this.constantRegister(0);
    const carried = body.inputs.slice(1).map((v) => this.#reg(v));
    const at = this.#emit(Op.Trip, this.#reg(node.inputs[0]), trip);
    this.#nodeAt[at] = node;
    this.#emit(Op.Move, this.#zero, counter);
    this.#emit(Op.Move, this.#reg(node.inputs[1]), cond);
    this.#parallelMove(
      node.inputs.slice(2).map((v) => this.#reg(v)),
      carried,
    );
    const iter = body.inputs[0].hasUses() ? this.#reg(body.inputs[0]) : -1;
    const head = this.#emit(Op.Loop, counter, trip, cond, iter, -1);
    this.#nodeAt[head] = node;
    const bodyStart = this.#ins.length;
    this.#emitBlock(body);
    // `for` loops keep a constant true condition: the register already holds it.
    if (constantRuntimeValue(body.outputs[0]) !== true) this.#emit(Op.Move, this.#reg(body.outputs[0]), cond);
    this.#parallelMove(
      body.outputs.slice(1).map((v) => this.#reg(v)),
      carried,
    );
    this.#emitDrops(body.returnNode, new Set(carried));
    const next = this.#emit(Op.LoopNext, counter, trip, cond, iter, bodyStart);
    this.#nodeAt[next] = node;
    this.#ins[head + 5] = this.#ins.length;
  }
}

/** Whether values of this type may hold memory worth releasing early (not ints, floats, bools, strings, None...). */
function holdsMemory(type: JitType): boolean {
  switch (type.kind) {
    case 'IntType':
    case 'FloatType':
    case 'BoolType':
    case 'NoneType':
    case 'StringType':
    case 'NumberType':
    case 'DeviceObjType':
    case 'ScalarTypeType':
    case 'LayoutType':
    case 'MemoryFormatType':
    case 'FunctionType':
    case 'EnumType':
      return false;
    case 'OptionalType':
      return holdsMemory((type as OptionalType).elementType);
    default:
      return true;
  }
}
