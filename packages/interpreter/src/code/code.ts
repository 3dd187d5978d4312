import type { ClassType, Graph, Node } from '@tsjit/ir';
import type { RunState } from '../run/run-state.js';

/** A compiled node: reads its inputs from the registers and writes its outputs there. */
export type Runner = (registers: unknown[], state: RunState) => void;

/**
 * The instruction set. An instruction is an opcode followed by its operands in one Int32Array;
 * operands are register numbers, jump targets (instruction offsets) or runner indices.
 */
export const Op = {
  /** `CALL runner`: runs a compiled node. */
  Call: 0,
  /** `JUMP target`. */
  Jump: 1,
  /** `JUMP_IF_FALSE cond target`. */
  JumpIfFalse: 2,
  /** `MOVE src dst`. */
  Move: 3,
  /** `DROP reg`: the value's last use has passed; the register lets go of it (MOVE on last use). */
  Drop: 4,
  /** `LOOP counter trip cond iter exit`: enters the body when counter < trip and cond, else jumps to exit. */
  Loop: 5,
  /**
   * `LOOP_NEXT counter trip cond iter bodyStart`: counts the iteration, polls for cancellation now
   * and then, and runs the body again when counter < trip and cond (else falls through).
   */
  LoopNext: 6,
  /** `TRIP src dst`: a loop's maximum trip count as a JS number. */
  Trip: 7,
  /** `RETURN`. */
  Return: 8,
  /** `ADD_INT a b out fallback` and the other int fast paths: JS numbers inline, anything else via the runner. */
  AddInt: 9,
  SubInt: 10,
  MulInt: 11,
  LtInt: 12,
  LeInt: 13,
  GtInt: 14,
  GeInt: 15,
  EqInt: 16,
  NeInt: 17,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

/** How a Code finds the callees of its call nodes and the source of its tracebacks. */
export interface CodeProvider {
  /** The code of the function a `prim::CallFunction` node calls. */
  functionCode(node: Node): Code;
  /** The code of method `name` of objects of class `type` (the object's own class, at run time). */
  methodCode(type: ClassType, name: string): Code;
  /** The code of a graph that belongs to a node (`prim::fork`'s subgraph). */
  subgraphCode?(graph: Graph, name: string): Code;
  /** The text of a source file, for the lines a traceback quotes. */
  sourceText?(file: string): string | undefined;
}

/**
 * A graph compiled into instructions once (PyTorch's `Code`): a register per value (constants
 * preloaded in a template), runners bound to the ops' implementations, back-patched jumps for
 * `prim::If` / `prim::Loop`, DROPs after each value's last use, and the node behind every
 * instruction for tracebacks.
 */
export class Code {
  /** The name tracebacks show (`forward`, `inner`). */
  readonly name: string;
  readonly graph: Graph;
  readonly instructions: Int32Array;
  readonly runners: readonly Runner[];
  /** The node each instruction runs (by instruction offset), for error messages. */
  readonly nodeAt: readonly (Node | undefined)[];
  /** The registers a call starts with: constants filled in, everything else undefined. */
  readonly template: readonly unknown[];
  readonly inputRegisters: Int32Array;
  readonly outputRegisters: Int32Array;
  readonly provider: CodeProvider;

  constructor(fields: {
    name: string;
    graph: Graph;
    instructions: Int32Array;
    runners: Runner[];
    nodeAt: (Node | undefined)[];
    template: unknown[];
    inputRegisters: Int32Array;
    outputRegisters: Int32Array;
    provider: CodeProvider;
  }) {
    this.name = fields.name;
    this.graph = fields.graph;
    this.instructions = fields.instructions;
    this.runners = fields.runners;
    this.nodeAt = fields.nodeAt;
    this.template = fields.template;
    this.inputRegisters = fields.inputRegisters;
    this.outputRegisters = fields.outputRegisters;
    this.provider = fields.provider;
  }

  get registerCount(): number {
    return this.template.length;
  }

  /** The instructions as text, one per line (for debugging and tests). */
  dump(): string {
    const lines: string[] = [];
    const ins = this.instructions;
    for (let pc = 0; pc < ins.length; ) {
      const op = ins[pc] as Op;
      const width = OPERANDS[op] + 1;
      const operands = Array.from(ins.subarray(pc + 1, pc + width)).join(' ');
      const node = op === Op.Call || op >= Op.AddInt ? ` # ${this.nodeAt[pc]?.kind ?? ''}` : '';
      lines.push(`${String(pc).padStart(4)} ${OP_NAMES[op]} ${operands}${node}`);
      pc += width;
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Operand counts by opcode. */
export const OPERANDS: readonly number[] = [1, 1, 2, 2, 1, 5, 5, 2, 0, 4, 4, 4, 4, 4, 4, 4, 4, 4];
const OP_NAMES: readonly string[] = [
  'CALL',
  'JUMP',
  'JUMP_IF_FALSE',
  'MOVE',
  'DROP',
  'LOOP',
  'LOOP_NEXT',
  'TRIP',
  'RETURN',
  'ADD_INT',
  'SUB_INT',
  'MUL_INT',
  'LT_INT',
  'LE_INT',
  'GT_INT',
  'GE_INT',
  'EQ_INT',
  'NE_INT',
];
