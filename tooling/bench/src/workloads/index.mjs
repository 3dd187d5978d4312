import { dispatch } from './dispatch.mjs';
import { kernels } from './kernels.mjs';

/** Suites by name, as in ../shared/bench/README.md. */
export const suites = {
  kernels: { workloads: kernels },
  dispatch: { workloads: dispatch },
};
