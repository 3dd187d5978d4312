import { loadSuite, models } from './archives.mjs';
import { dispatch } from './dispatch.mjs';
import { frontend, frontendBaseline } from './frontend.mjs';
import { jit } from './jit.mjs';
import { kernels } from './kernels.mjs';
import { train } from './train.mjs';

/** Suites by name, as in ../shared/bench/README.md (and `frontend`, ours). */
export const suites = {
  kernels: { workloads: kernels },
  dispatch: { workloads: dispatch },
  // `archives`: the suite times PyTorch's exported archives; torch-baseline.py runs first with
  // --export (see ../exported-archives.mjs).
  models: { workloads: models, archives: true },
  load: { workloads: loadSuite, archives: true },
  train: { workloads: train, archives: true },
  // Not in ../shared/bench/README.md: its PyTorch side is `baseline` (see frontend.mjs).
  frontend: { workloads: frontend, baseline: frontendBaseline },
  // Not in ../shared/bench/README.md, and no PyTorch side: tsjit's interpreter against its own eager
  // mode (see jit.mjs); `versus` names the path every other path is compared with, and `clock: 'cpu'`
  // times the process's CPU time (the paths compare with each other, not with a wall-clock baseline).
  jit: { workloads: jit, versus: 'eager', clock: 'cpu' },
};
