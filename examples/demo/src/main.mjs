// `pnpm demo`: PyTorch's TorchScript introduction in TypeScript (see src/demo.mjs). Node's own
// warning printer is off (`--no-warnings` in package.json): the demo prints TracerWarnings itself.
import { join } from 'node:path';
import { runDemo } from './demo.mjs';

const result = await runDemo({ outDir: join(import.meta.dirname, '..', 'out') });
if (!result.comparisons.every((c) => c.diff < 1e-6)) process.exit(1);
