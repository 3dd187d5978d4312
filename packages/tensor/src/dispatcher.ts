/**
 * The dispatcher: every eager op call goes through `dispatch`. With no mode pushed it runs the op's
 * implementation; otherwise the innermost visible mode handles the call (autograd records a tape
 * entry, the tracer records a node) and calls `next` to go on down the stack. While a mode's
 * handler runs, the calls it makes (and those of the implementation below it) see only the modes
 * beneath it, so a composite op is recorded once, not also its decomposition.
 */
import type { OpArgs, Overload } from '@tsjit/ops';
import { eagerContext } from './eager-context.js';

export interface DispatchMode {
  /** Handle one op call; `next(args)` runs it on the rest of the stack and returns its result. */
  handle(overload: Overload, args: OpArgs, next: (args: OpArgs) => unknown): unknown;
}

const stack: DispatchMode[] = [];
let visible = 0;

export function dispatch(overload: Overload, args: OpArgs): any {
  if (visible === 0) return overload.impl(args, eagerContext, overload);
  return runMode(visible, overload, args);
}

function runMode(level: number, overload: Overload, args: OpArgs): unknown {
  const mode = stack[level - 1];
  const saved = visible;
  visible = level - 1;
  try {
    return mode.handle(overload, args, (a) =>
      level - 1 === 0 ? overload.impl(a, eagerContext, overload) : runMode(level - 1, overload, a),
    );
  } finally {
    visible = saved;
  }
}

/** Pushes a mode (innermost); returns a function that pops it. Modes must be popped in reverse order. */
export function pushMode(mode: DispatchMode): () => void {
  stack.push(mode);
  visible = stack.length;
  return () => {
    if (stack[stack.length - 1] !== mode) throw new Error('dispatch modes must be popped in reverse order of pushing');
    stack.pop();
    visible = Math.min(visible, stack.length);
  };
}

/** Runs fn with `mode` pushed. */
export function withMode<T>(mode: DispatchMode, fn: () => T): T {
  const pop = pushMode(mode);
  try {
    return fn();
  } finally {
    pop();
  }
}

/** The modes currently pushed, outermost first. */
export function activeModes(): readonly DispatchMode[] {
  return stack.slice(0, visible);
}
