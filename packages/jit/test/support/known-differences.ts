import { expect } from 'vitest';
import { renameValues, withoutRanges } from './compare-graphs.js';

export type Aspect = 'code' | 'schema' | 'graph' | 'inlinedGraph' | 'classCode';

/**
 * Where we differ from PyTorch, by `<program>/<function>/<aspect>` pattern. With `normalize`, both
 * sides must be equal once it is applied (it removes exactly the difference described; several
 * entries may apply); without, they must differ, so that a fix shows up as a failure here: then
 * remove the entry.
 */
export interface KnownDifference {
  readonly why: string;
  readonly normalize?: (text: string) => string;
}
export const PARENTHESIZED_OPERANDS: KnownDifference = {
  why: "emitter: a call or attribute read on a parenthesized receiver (`(z * z).sum(-1)`) gets a source range starting at the '(', where PyTorch's parser (which makes no node of parentheses) starts it at the first operand inside (operators and comprehensions already start there)",
  normalize: (text) => text.replace(/ # [^\n]*:\d+:\d+$/gm, ''),
};
export const ENUM_SCHEMA: KnownDifference = {
  why: "ir: an enum argument prints as `__torch__.Color c` in a schema, where PyTorch prints the type's str(), `Enum<__torch__.Color> c`",
};
export const TORCH_BUILTIN_SOURCE: KnownDifference = {
  why: "PyTorch compiles some builtins from its own TorchScript or Python source (`'ab' in s` from builtin_functions, torch.no_grad from torch/autograd/grad_mode.py): their nodes' source ranges point into PyTorch's files, which mean nothing here",
  normalize: (text) => text.replace(/ # [^\n]*:\d+:\d+$/gm, ''),
};

function knownDifferences(known: KnownList, key: string): KnownDifference[] {
  return known.filter(([pattern]) => pattern.test(key)).map(([, known]) => known);
}

/** Known differences by `<program>/<function>/<aspect>` pattern. */
export type KnownList = readonly (readonly [RegExp, KnownDifference])[];

export interface Comparison {
  readonly known: KnownList;
  /** `<program>/<function>/<aspect>`. */
  readonly key: string;
  readonly aspect: Aspect;
  /** Programs compiled by PyTorch's Python frontend: graphs are compared without source ranges. */
  readonly withoutRanges?: boolean;
}

/** Compares ours with PyTorch's: exactly (graphs up to value numbering), or as the known differences say. */
export function expectSame(comparison: Comparison, ours: string, theirs: string): void {
  const graphLike = comparison.aspect === 'graph' || comparison.aspect === 'inlinedGraph';
  const base = graphLike ? (comparison.withoutRanges ? withoutRanges : renameValues) : (text: string) => text;
  const known = knownDifferences(comparison.known, comparison.key);
  const unexplained = known.find((k) => !k.normalize);
  if (unexplained) {
    expect(base(ours), `fixed? remove the known difference: ${unexplained.why}`).not.toBe(base(theirs));
    return;
  }
  const normalize = (text: string) => known.reduce((t, k) => (k.normalize as (t: string) => string)(t), text);
  expect(base(normalize(ours))).toBe(base(normalize(theirs)));
}
