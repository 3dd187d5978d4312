import { dispatch } from './dispatch.mjs';
import { frontend, frontendBaseline } from './frontend.mjs';
import { kernels } from './kernels.mjs';

/** Suites by name, as in ../shared/bench/README.md (and `frontend`, ours). */
export const suites = {
  kernels: { workloads: kernels },
  dispatch: { workloads: dispatch },
  // Not in ../shared/bench/README.md: its PyTorch side is `baseline` (see frontend.mjs).
  frontend: { workloads: frontend, baseline: frontendBaseline },
};
