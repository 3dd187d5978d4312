import type { NamedValue, SugaredValue } from '../contracts.js';

/**
 * A builtin whose arguments are not evaluated as usual (`range`, `zip`, `enumerate`, `isinstance`,
 * `getattr`, `hasattr`, `list`, `dict`, `tuple`, `fork`, `annotate`, `unchecked_cast`,
 * `uninitialized`, `__new__`): the emitter handles the call itself (PyTorch's SpecialFormValue).
 */
export class SpecialFormValue implements SugaredValue {
  readonly kind: string;

  /** `self` is the object for method forms (`x.tolist()`). */
  constructor(
    readonly form: string,
    readonly self?: NamedValue,
  ) {
    this.kind = form.slice(form.indexOf('::') + 2);
  }
}
