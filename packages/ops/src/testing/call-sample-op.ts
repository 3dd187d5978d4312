import { OpRegistry } from '../core/registry.js';
import type { OpContext } from '../core/tensor-like.js';
import { allOps } from '../op-list.js';

let registry: OpRegistry | undefined;

/**
 * Runs one overload by name (`quantize_per_tensor`, `quantized::linear_prepack.default`) for a
 * sample value that is another op's result: values no tensor spec can describe (a quantized
 * tensor, a packed-parameter object) are made by the op PyTorch makes them with, on both sides.
 */
export function callSampleOp(
  ctx: OpContext,
  overload: string,
  args: readonly unknown[],
  kwargs?: Readonly<Record<string, unknown>>,
): unknown {
  // Built on first use: op-list imports every op, some of which may import this module's users.
  registry ??= new OpRegistry(allOps);
  const o = registry.find(overload.includes('::') ? overload : `aten::${overload}`);
  if (o === undefined) throw new Error(`sample value calls an unknown overload ${overload}`);
  return o.impl(o.bind(args, kwargs), ctx, o);
}
