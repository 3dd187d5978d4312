import type { Op } from '../core/define-op.js';

/** The creation ops (see src/op-list.ts). */
export const creationOps: readonly Op[] = [];
