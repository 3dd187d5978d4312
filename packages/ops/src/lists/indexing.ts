import type { Op } from '../core/define-op.js';

/** The indexing ops (see src/op-list.ts). */
export const indexingOps: readonly Op[] = [];
