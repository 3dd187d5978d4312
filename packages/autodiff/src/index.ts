// @tsjit/autodiff (layer 3): the eager engine (src/eager/) and the symbolic one (src/symbolic/)
// interpret the same derivative rules, the ops' own (docs/architecture.md §3 "Gradients").
// The eager engine (tape, backward, autograd.grad, grad modes, gradcheck):
export * from './eager/index.js';
// The symbolic engine (differentiate(graph) over the same rules):
export { constantValue } from './symbolic/constant-value.js';
export {
  type DifferentiateOptions,
  differentiate,
  type Gradient,
  type Guard,
  type OutputPath,
  type ValueProfile,
} from './symbolic/differentiate.js';
export { emitOverload, type GraphFunctionsHost, graphFunctions } from './symbolic/graph-functions.js';
export { resolveNodeOverload } from './symbolic/resolve-node-overload.js';
export { SymTensor, type TensorInfo } from './symbolic/sym-tensor.js';
export { SymbolicGradientError } from './symbolic/symbolic-gradient-error.js';
