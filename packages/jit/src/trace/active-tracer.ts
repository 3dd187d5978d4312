import type { FunctionSchema, Graph } from '@tsjit/ir';

/** What a call of a scripted function needs from a trace that is recording (see TracingState). */
export interface ScriptCallRecorder {
  /** Whether the trace records calls right now (it is visible and not running an op or call it records). */
  readonly isRecording: boolean;
  /**
   * Records `prim::CallFunction` of `callee` with `args` (run-time values, defaults filled in),
   * runs the call with `run` while recording nothing, and maps its results to the call's output.
   */
  recordScriptCall(callee: ScriptCallee, args: readonly unknown[], run: () => unknown): unknown;
  /**
   * Records `prim::CallMethod[name]` on a scripted object (`args` with `self` first), as
   * `recordScriptCall` does; an object the trace does not know (not a submodule of the traced
   * module) is PyTorch's error. `recorded` is what of the result the call's output holds (default:
   * all of it).
   */
  recordMethodCall(
    self: ScriptObjectLike,
    name: string,
    schema: FunctionSchema,
    args: readonly unknown[],
    run: () => unknown,
    recorded?: (result: unknown) => unknown,
  ): unknown;
}

/** A scripted object as a trace sees it (the interpreter's ScriptObject). */
export interface ScriptObjectLike {
  readonly type: { readonly qualifiedName: string };
}

/** A scripted function as a trace records calls of it. */
export interface ScriptCallee {
  readonly qualifiedName: string;
  readonly schema: FunctionSchema;
  readonly graph: Graph;
}

const recorders: ScriptCallRecorder[] = [];

/** Makes `recorder` the innermost trace; returns the function that removes it. */
export function enterTrace(recorder: ScriptCallRecorder): () => void {
  recorders.push(recorder);
  return () => {
    const i = recorders.lastIndexOf(recorder);
    if (i >= 0) recorders.splice(i, 1);
  };
}

/** The innermost trace if it is recording now (a scripted function called now is recorded as a call). */
export function recordingTrace(): ScriptCallRecorder | undefined {
  const top = recorders[recorders.length - 1];
  return top?.isRecording ? top : undefined;
}
