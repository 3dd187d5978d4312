import { defineOp } from '../core/define-op.js';
import { manualSeed as seedDefaultGenerator } from '../core/generator.js';

/** torch.manual_seed(seed) on the default generator. */
export const manualSeed = defineOp({
  schemas: ['aten::manual_seed(int seed) -> ()'],
  impl: ({ seed }) => {
    seedDefaultGenerator(seed);
    return null;
  },
  nondifferentiable: 'seeds the random generator',
  samples: (S) => [S.call('manual_seed', [3])],
});
