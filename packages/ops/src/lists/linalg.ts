import type { Op } from '../core/define-op.js';

/** The linalg ops (see src/op-list.ts). */
export const linalgOps: readonly Op[] = [];
