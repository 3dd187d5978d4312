export { isTracing, type ScriptIfTracingOptions, scriptIfTracing } from './script-if-tracing.js';
export { type RecordedTrace, type TraceGraphOptions, type TraceOptions, trace, traceGraph } from './trace.js';
export { type MethodInputs, type TraceModuleOptions, traceModule } from './trace-module.js';
export { TracingCheckError } from './tracing-check-error.js';
export { TracingError } from './tracing-error.js';
export { TracingState, tensorTypeOf } from './tracing-state.js';
