import type { Op } from '../core/define-op.js';

/** The losses ops (see src/op-list.ts). */
export const lossesOps: readonly Op[] = [];
