import { type JitType, NoneType, type OptionalType, TYPE_KINDS, UnionType } from '@tsjit/ir';

/** The members of a union of `types` (PyTorch's standardizeVectorForUnion): flattened, deduplicated, sorted. */
export function standardizeForUnion(types: readonly JitType[]): readonly JitType[] {
  const union = UnionType.of(types);
  if (union.kind === 'UnionType') return (union as UnionType).types;
  if (union.kind === 'OptionalType') {
    return [(union as OptionalType).elementType, NoneType.get()].sort((a, b) => kindOrder(a) - kindOrder(b));
  }
  return [union];
}

function kindOrder(type: JitType): number {
  return TYPE_KINDS.indexOf(type.kind);
}

/** A single type stays itself; several go through UnionType.of. */
export function unionOf(types: readonly JitType[]): JitType {
  return types.length === 1 ? types[0] : UnionType.of(types);
}

/** The candidate types of an error message, joined with commas and a final 'or', as PyTorch lists them. */
export function describeCandidates(candidates: readonly JitType[]): string {
  let text = '';
  candidates.forEach((c, i) => {
    if (i > 0 && candidates.length > 2) text += ', ';
    if (i !== 0 && i === candidates.length - 1) text += ' or ';
    text += c.pythonStr();
  });
  return text;
}
