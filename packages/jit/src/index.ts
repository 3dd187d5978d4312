// The symbolic engine's refusal, for callers that fall back to the eager tape.
export { SymbolicGradientError } from '@tsjit/autodiff';
export {
  CallCancelledError,
  type CancelReason,
  Future,
  type RunOptions,
  ScriptEnumMember,
  ScriptObject,
  ScriptRuntimeError,
  type TracebackFrame,
} from '@tsjit/interpreter';
export {
  type GradientsOptions,
  type GradientsResult,
  SymbolicGradients,
  symbolicGradients,
} from './autodiff/symbolic-gradients.js';
export {
  CompilationUnit,
  type CompilationUnitConstructor,
  type CompilationUnitOptions,
  type DefineOptions,
  type Definitions,
} from './compilation-unit.js';
export { type FrontendCleanupOptions, frontendCleanup } from './frontend-cleanup.js';
export { functionFromGraph, GraphFunction } from './graph-function.js';
export { type CalleeGraph, type InlineGraphOptions, inlinedGraph, optimizedGraph } from './inline-graph.js';
export { type LoadOptions, load } from './load/load.js';
export { classMethods, ModuleMethod, moduleMethod, moduleMethods } from './module-method.js';
export type { ModuleUnit, UnitRecipe } from './runtime/module-unit.js';
export { type SaveOptions, save } from './save/save.js';
export { type ScriptOptions, script } from './script.js';
export { ScriptClass } from './script-class.js';
export { type FunctionBody, type FunctionHost, ScriptFunction } from './script-function.js';
export { type AsyncCallOptions, type ObjectHost, ScriptInstance, ScriptModule } from './script-module.js';
// scriptmod: jit.script(module) over nn.Module trees, and the TorchScript of user module classes.
export {
  inferAttributeType,
  ModuleScript,
  pytorchModulePath,
  type ScriptModuleTreeOptions,
  scriptModuleTree,
  torchscript,
} from './script-module-tree/index.js';
export {
  isTracing,
  type RecordedTrace,
  type ScriptIfTracingOptions,
  scriptIfTracing,
  type TraceGraphOptions,
  type TraceOptions,
  TracingCheckError,
  TracingError,
  TracingState,
  tensorTypeOf,
  trace,
  traceGraph,
} from './trace/index.js';
// tracemod: tracing nn.Module trees.
export { type MethodInputs, type TraceModuleOptions, traceModule } from './trace/index.js';
export {
  type CallHandler,
  type CallOptions,
  type CodecOptions,
  type CreateCallHandler,
  closeWorkers,
  configureWorkers,
  decodeError,
  decodeValue,
  decodeValues,
  type EncodedError,
  type EncodedValue,
  encodeError,
  encodeValue,
  encodeValues,
  type ObjectCodec,
  registerErrorClass,
  shareWeights,
  ValueCodecError,
  WorkerPool,
  type WorkerPoolOptions,
  type WorkerSettings,
  workerPoolOf,
} from './workers/index.js';
export { type FreezeOptions, freeze, optimizeFrozenGraph } from './freeze/freeze.js';
export { optimizeForInference } from './freeze/optimize-for-inference.js';
