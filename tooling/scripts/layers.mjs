// The layers of docs/architecture.md §1. A package may import only from packages in lower
// layers; apps may import any package; tooling may import anything but apps.
export const LAYERS = {
  '@tsjit/ir': 0,
  '@tsjit/kernels': 0,
  '@tsjit/ops': 1,
  '@tsjit/tensor': 2,
  '@tsjit/autodiff': 3,
  '@tsjit/frontend': 3,
  '@tsjit/passes': 3,
  '@tsjit/interpreter': 4,
  '@tsjit/serialize': 4,
  '@tsjit/nn': 5,
  '@tsjit/jit': 6,
  tsjit: 7,
};

// Sideways imports the architecture allows explicitly (none yet): 'from -> to'.
export const ALLOWED_SIDEWAYS = new Set([]);
