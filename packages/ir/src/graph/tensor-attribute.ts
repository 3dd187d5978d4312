/**
 * A tensor held by a node attribute (`t`, `ts`, or inside an `ival`). @tsjit/ir does not know
 * tensors: the object is opaque, and the printer asks it for its IR spelling through
 * `irRepr()` when it has that method (PyTorch prints a one-element tensor as `{3}`, a small
 * one as its values, a large one as `<Tensor>`). Anything without `irRepr` prints as `<Tensor>`.
 */
export interface TensorAttribute {
  irRepr(): string;
}

/** What the IR parser makes of a tensor constant: the printed text, kept so that it prints back the same. */
export class ParsedTensor implements TensorAttribute {
  /** The text as printed: `{3}`, `{2.5}`, `<Tensor>`, or PyTorch's multi-element display. */
  readonly text: string;
  /** For `{...}`: the scalar and whether it was written as a float; undefined otherwise. */
  readonly scalar: { readonly value: number; readonly isFloatingPoint: boolean } | undefined;

  constructor(text: string, scalar?: { value: number; isFloatingPoint: boolean }) {
    this.text = text;
    this.scalar = scalar;
  }

  irRepr(): string {
    return this.text;
  }
}

/** How a tensor attribute prints. */
export function tensorRepr(tensor: unknown): string {
  if (typeof tensor === 'object' && tensor !== null && typeof (tensor as TensorAttribute).irRepr === 'function') {
    return (tensor as TensorAttribute).irRepr();
  }
  return '<Tensor>';
}
