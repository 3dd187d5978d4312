import { JitError, type SourceRange } from '@tsjit/ir';
import { ScriptException } from '@tsjit/ops';
import type { Code } from '../code/code.js';
import { CallCancelledError } from '../errors/call-cancelled-error.js';
import { highlightSource, ScriptRuntimeError, type TracebackFrame } from '../errors/script-runtime-error.js';
import type { ScriptObject } from '../values/script-object.js';
import type { RunState } from './run-state.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Loop iterations between two polls for cancellation (a power of two minus one, as a mask). */
const POLL_MASK = 1023;
/** Frames deeper than this are taken for runaway recursion (TorchScript forbids recursion). */
const MAX_DEPTH = 1000;

/** The frames an error has unwound through so far, innermost first. */
const traces = new WeakMap<object, TracebackFrame[]>();

/**
 * Runs `code` on `args` (one per graph input) and returns its output (an array when the graph
 * has several). An error raised inside gets a traceback frame per TorchScript call it unwinds
 * through; the outermost call turns it into a ScriptRuntimeError.
 *
 * The loop is a switch over opcodes with the hot ones first; numeric opcodes are literals here
 * (see `Op` in code.ts) so that V8 compiles the switch into a jump table.
 */
export function execute(code: Code, args: readonly unknown[], state: RunState): unknown {
  const r = code.template.slice() as unknown[];
  const inputs = code.inputRegisters;
  for (let i = 0; i < inputs.length; i++) r[inputs[i]] = args[i];
  const ins = code.instructions;
  const runners = code.runners;
  const depth = ++state.depth;
  let pc = 0;
  let ticks = 0;
  try {
    if (depth > MAX_DEPTH) throw new ScriptException('maximum recursion depth exceeded', null);
    if (state.interrupt !== undefined || state.deadline !== Number.POSITIVE_INFINITY) state.poll();
    for (;;) {
      switch (ins[pc]) {
        case 0: // CALL runner
          runners[ins[pc + 1]](r, state);
          pc += 2;
          break;
        case 1: // JUMP target
          pc = ins[pc + 1];
          break;
        case 2: // JUMP_IF_FALSE cond target
          pc = r[ins[pc + 1]] ? pc + 3 : ins[pc + 2];
          break;
        case 3: // MOVE src dst
          r[ins[pc + 2]] = r[ins[pc + 1]];
          pc += 3;
          break;
        case 4: // DROP reg
          r[ins[pc + 1]] = undefined;
          pc += 2;
          break;
        case 5: {
          // LOOP counter trip cond iter exit
          const c = r[ins[pc + 1]] as number;
          if (c < (r[ins[pc + 2]] as number) && r[ins[pc + 3]]) {
            const iter = ins[pc + 4];
            if (iter >= 0) r[iter] = c;
            pc += 6;
          } else {
            pc = ins[pc + 5];
          }
          break;
        }
        case 6: {
          // LOOP_NEXT counter trip cond iter bodyStart
          const c = (r[ins[pc + 1]] as number) + 1;
          r[ins[pc + 1]] = c;
          if ((++ticks & POLL_MASK) === 0) state.poll();
          if (c < (r[ins[pc + 2]] as number) && r[ins[pc + 3]]) {
            const iter = ins[pc + 4];
            if (iter >= 0) r[iter] = c;
            pc = ins[pc + 5];
          } else {
            pc += 6;
          }
          break;
        }
        case 7: {
          // TRIP src dst
          const n = r[ins[pc + 1]];
          r[ins[pc + 2]] = typeof n === 'bigint' ? Number(n) : n;
          pc += 3;
          break;
        }
        case 8: {
          // RETURN
          const outputs = code.outputRegisters;
          if (outputs.length === 1) return r[outputs[0]];
          const values = new Array(outputs.length);
          for (let i = 0; i < outputs.length; i++) values[i] = r[outputs[i]];
          return values;
        }
        // ADD/SUB/MUL_INT are written out one case each (not one case switching on the op, as the
        // comparisons below are): this is the hottest path of integer loops, and a second
        // dispatch on the opcode there costs a measurable share of an iteration.
        case 9: {
          // ADD_INT a b out fallback
          const a = r[ins[pc + 1]];
          const b = r[ins[pc + 2]];
          if (typeof a === 'number' && typeof b === 'number') {
            const s = a + b;
            if (s <= MAX_SAFE && s >= -MAX_SAFE) {
              r[ins[pc + 3]] = s;
              pc += 5;
              break;
            }
          }
          runners[ins[pc + 4]](r, state);
          pc += 5;
          break;
        }
        case 10: {
          // SUB_INT
          const a = r[ins[pc + 1]];
          const b = r[ins[pc + 2]];
          if (typeof a === 'number' && typeof b === 'number') {
            const s = a - b;
            if (s <= MAX_SAFE && s >= -MAX_SAFE) {
              r[ins[pc + 3]] = s;
              pc += 5;
              break;
            }
          }
          runners[ins[pc + 4]](r, state);
          pc += 5;
          break;
        }
        case 11: {
          // MUL_INT
          const a = r[ins[pc + 1]];
          const b = r[ins[pc + 2]];
          if (typeof a === 'number' && typeof b === 'number') {
            const s = a * b;
            if (s <= MAX_SAFE && s >= -MAX_SAFE) {
              // -0 is not an int: 0 * -3 is 0 in Python.
              r[ins[pc + 3]] = s === 0 ? 0 : s;
              pc += 5;
              break;
            }
          }
          runners[ins[pc + 4]](r, state);
          pc += 5;
          break;
        }
        case 12:
        case 13:
        case 14:
        case 15:
        case 16:
        case 17: {
          // LT/LE/GT/GE/EQ/NE_INT a b out fallback
          const a = r[ins[pc + 1]];
          const b = r[ins[pc + 2]];
          if (typeof a === 'number' && typeof b === 'number') {
            const op = ins[pc];
            r[ins[pc + 3]] =
              op === 12
                ? a < b
                : op === 13
                  ? a <= b
                  : op === 14
                    ? a > b
                    : op === 15
                      ? a >= b
                      : op === 16
                        ? a === b
                        : a !== b;
          } else {
            runners[ins[pc + 4]](r, state);
          }
          pc += 5;
          break;
        }
        default:
          throw new Error(`bad opcode ${ins[pc]} at ${pc} in ${code.name}`);
      }
    }
  } catch (error) {
    exitEntered(state, depth, code);
    throw unwind(error, code, pc, depth);
  } finally {
    state.depth = depth - 1;
  }
}

/** Calls `__exit__` of the objects this frame's `with` statements entered, innermost first. */
function exitEntered(state: RunState, depth: number, code: Code): void {
  const entered = state.entered;
  while (entered.length > 0 && entered[entered.length - 1].depth === depth) {
    const { object } = entered.pop() as { object: unknown };
    try {
      const self = object as ScriptObject;
      execute(code.provider.methodCode(self.type, '__exit__'), [self, null, null, null], state);
    } catch {
      // The error being raised wins over one from __exit__, as in PyTorch's interpreter.
    }
  }
}

/** Adds this frame to the error's traceback; at the outermost frame, makes the ScriptRuntimeError. */
function unwind(error: unknown, code: Code, pc: number, depth: number): unknown {
  if (CallCancelledError.isInstance(error) || typeof error !== 'object' || error === null) return error;
  let frames = traces.get(error);
  if (frames === undefined) {
    frames = [];
    traces.set(error, frames);
  }
  pushFrames(frames, code, pc);
  if (depth > 1) return error;
  return toRuntimeError(error, frames.slice().reverse());
}

/**
 * The error of a call that ran below the current frames (a forked call) as it is seen from
 * outside: a complete ScriptRuntimeError with that call's own traceback, which the frames
 * around `wait` then wrap, as PyTorch reports errors of forked calls.
 */
export function completedError(error: unknown): unknown {
  if (CallCancelledError.isInstance(error) || typeof error !== 'object' || error === null) return error;
  if (ScriptRuntimeError.isInstance(error)) return error;
  const frames = traces.get(error) ?? [];
  return toRuntimeError(error, frames.slice().reverse());
}

/**
 * The frames of the instruction at `pc`, innermost first: one for the instruction's own line and,
 * when its node was inlined, one per call it was inlined through (each at its call site, named
 * after the function that made the call), so tracebacks read as if the calls had run.
 */
function pushFrames(frames: TracebackFrame[], code: Code, pc: number): void {
  const node = code.nodeAt[pc];
  const stack = node?.callStack;
  if (stack === undefined || stack.length === 0) {
    frames.push(frameAt(code, code.name, node?.sourceRange));
    return;
  }
  frames.push(frameAt(code, stack[stack.length - 1].function, node?.sourceRange));
  for (let i = stack.length - 1; i >= 0; i--) {
    frames.push(frameAt(code, i === 0 ? code.name : stack[i - 1].function, stack[i].callSite));
  }
}

function frameAt(code: Code, name: string, range: SourceRange | undefined): TracebackFrame {
  if (range === undefined) return { function: name, file: '<unknown>', line: 0, col: 0, excerpt: undefined };
  const source = code.provider.sourceText?.(range.file);
  return {
    function: name,
    file: range.file,
    line: range.line,
    col: range.col,
    excerpt: source === undefined ? undefined : highlightSource(source, range.line, range.col),
  };
}

function toRuntimeError(error: object, frames: TracebackFrame[]): ScriptRuntimeError {
  if (ScriptRuntimeError.isInstance(error)) {
    // An error completed below (a forked call's, rethrown by wait): its whole report is the reason.
    return new ScriptRuntimeError('RuntimeError', (error as ScriptRuntimeError).message, frames, error);
  }
  if (ScriptException.isInstance(error)) {
    // PyTorch reports a `raise` with one frame: the outermost function's name at the raise's line.
    const e = error as ScriptException;
    const innermost = frames[frames.length - 1];
    const single = innermost === undefined ? [] : [{ ...innermost, function: frames[0].function }];
    return new ScriptRuntimeError(e.pythonClass ?? 'RuntimeError', e.message, single, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  // Errors of the ops, kernels and runtime all reach Python as RuntimeError in PyTorch.
  const isOurs = JitError.isInstance(error);
  return new ScriptRuntimeError('RuntimeError', isOurs ? message : `${message}`, frames, error);
}
