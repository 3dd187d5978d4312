// @tsjit/autodiff (layer 3): the eager engine (src/eager/) and the symbolic one (src/symbolic/)
// interpret the same derivative rules, the ops' own (docs/architecture.md §3 "Gradients").

export {
  constantValue,
  type DifferentiateOptions,
  differentiate,
  type Gradient,
  type Guard,
  type OutputPath,
  resolveNodeOverload,
  type ValueProfile,
} from './symbolic/differentiate.js';
export { emitOverload, type GraphFunctionsHost, graphFunctions } from './symbolic/graph-functions.js';
export { SymTensor, type TensorInfo } from './symbolic/sym-tensor.js';
export { SymbolicGradientError } from './symbolic/symbolic-gradient-error.js';
