import { expect } from 'vitest';
import { renameValues, sortLeadingConstants, withoutNames, withoutRanges } from './compare-graphs.js';

export type Aspect = 'code' | 'schema' | 'graph' | 'inlinedGraph' | 'classCode';

/**
 * Where we differ from PyTorch, by `<program>/<function>/<aspect>` pattern. With `normalize`, both
 * sides must be equal once it is applied (it removes exactly the difference described; several
 * entries may apply); without, they must differ, so that a fix shows up as a failure here: then
 * remove the entry. The emitter's differences are fixed by patches/emitter-pytorch-parity.patch.
 */
export interface KnownDifference {
  readonly why: string;
  readonly normalize?: (text: string) => string;
}
export const NEGATIVE_LITERALS: KnownDifference = {
  why: 'emitter: a negative literal (`-1`) is a constant at its use, where PyTorch (whose parser folds the sign into the literal) materializes it at the top of the graph like other literals, so pooled constants come out in another order',
  normalize: sortLeadingConstants,
};
export const PARENTHESIZED_OPERANDS: KnownDifference = {
  why: "emitter: an expression whose first part is parenthesized (`(a and b) or c`, `((a ^ b) << 2) >> 1`, `(z * z).sum(-1)`) or a comprehension whose element is a comprehension gets a source range starting at the '(' or '[', where PyTorch's parser (which makes no node of parentheses) starts it at the first operand inside (the patch fixes operators and comprehensions, not calls)",
  normalize: (text) => text.replace(/ # [^\n]*:\d+:\d+$/gm, ''),
};
export const RAISE_WITHOUT_SCHEMA: KnownDifference = {
  why: 'emitter: prim::RaiseException is inserted without a schema, so the printer cannot leave out its default `cls=None`: `ops.prim.RaiseException(msg, None)` where PyTorch prints `ops.prim.RaiseException(msg)`',
  normalize: (text) => text.replace(/(ops\.prim\.RaiseException\(.*), None\)/g, '$1)'),
};
export const FORK_ARGUMENTS: KnownDifference = {
  why: "emitter: `torch.jit.fork(fn, args)` evaluates the arguments inside the forked closure (PyTorch: before it, so they are inputs of prim::fork) and the lifted prim::fork loses the variable's name (`a = fork(...)` prints `_0 = fork(...)`)",
};
export const SELF_AND_ATTRIBUTE_NAMES: KnownDifference = {
  why: "emitter: a method's `self` is not a stored variable (PyTorch's `%self.1`) and `prim::GetAttr` outputs are not named after the attribute (PyTorch's createGetAttr): same graph, other names, so the code names fewer values (`self.count` inline where PyTorch writes `count = self.count`)",
  normalize: withoutNames,
};
export const SELF_AND_ATTRIBUTE_NAMES_IN_CODE: KnownDifference = { why: SELF_AND_ATTRIBUTE_NAMES.why };
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
