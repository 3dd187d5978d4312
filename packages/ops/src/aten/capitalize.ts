import { defineOp } from '../core/define-op.js';
import { strCapitalize } from '../groups/py-strings.js';

export const capitalize = defineOp({
  schemas: ['aten::capitalize(str self) -> str'],
  impl: strCapitalize,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('capitalize', ['hELLO wORLD']), S.call('capitalize', ['']), S.call('capitalize', ['1a'])],
});
