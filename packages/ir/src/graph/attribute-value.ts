import type { JitType } from '../types/jit-type.js';
import type { Graph } from './graph.js';
import type { ComplexValue, IValue } from './ivalue.js';

/**
 * A node attribute, tagged with PyTorch's AttributeKind: `i` int (bools are stored as 0/1, as in
 * PyTorch), `f` float, `c` complex, `s` string, `t` tensor (opaque), `is`/`fs`/`ss`/`ts` lists of
 * those, `g`/`gs` graphs, `ty`/`tys` types, `ival` any constant value (lists, tuples, ...).
 */
export type AttributeValue =
  | { readonly kind: 'i'; readonly value: number | bigint }
  | { readonly kind: 'f'; readonly value: number }
  | { readonly kind: 'c'; readonly value: ComplexValue }
  | { readonly kind: 's'; readonly value: string }
  | { readonly kind: 't'; readonly value: unknown }
  | { readonly kind: 'is'; readonly value: readonly (number | bigint)[] }
  | { readonly kind: 'fs'; readonly value: readonly number[] }
  | { readonly kind: 'ss'; readonly value: readonly string[] }
  | { readonly kind: 'ts'; readonly value: readonly unknown[] }
  | { readonly kind: 'g'; readonly value: Graph }
  | { readonly kind: 'gs'; readonly value: readonly Graph[] }
  | { readonly kind: 'ty'; readonly value: JitType }
  | { readonly kind: 'tys'; readonly value: readonly JitType[] }
  | { readonly kind: 'ival'; readonly value: IValue };

export type AttributeKind = AttributeValue['kind'];
