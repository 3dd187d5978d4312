import type { ImplFn } from '../core/define-op.js';
import type { Sample, SampleBuilder, SampleFn } from '../core/samples.js';

/**
 * An op's impl extended with TorchScript builtin overloads (`len.t`, `eq.device`, `copy.t`...)
 * by their keys: the builtin's function for those overloads, the op's own impl for the others.
 */
export function withBuiltins(
  impl: ImplFn | Readonly<Record<string, ImplFn>>,
  builtins: Readonly<Record<string, ImplFn>>,
): ImplFn | Record<string, ImplFn> {
  if (typeof impl === 'function') return (args, ctx, o) => (builtins[o.key] ?? impl)(args, ctx, o);
  return { ...impl, ...builtins };
}

/** An op's samples followed by those of its builtin overloads. */
export function withBuiltinSamples(samples: SampleFn, builtins: (S: SampleBuilder) => Sample[]): SampleFn {
  return (S) => [...samples(S), ...builtins(S)];
}
