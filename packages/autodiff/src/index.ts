// @tsjit/autodiff (layer 3): the eager engine (src/eager/) and the symbolic one (src/symbolic/)
// interpret the same derivative rules, the ops' own (docs/architecture.md §3 "Gradients").
// The eager engine (tape, backward, autograd.grad, grad modes, gradcheck):
export * from './eager/index.js';
