/**
 * The result of `torch.jit.fork` (PyTorch's `ivalue::Future`): completed with a value or an error;
 * `aten::wait` returns the value or rethrows the error.
 */
export class Future {
  #done = false;
  #value: unknown = undefined;
  #error: unknown = undefined;
  #failed = false;

  get done(): boolean {
    return this.#done;
  }

  complete(value: unknown): void {
    this.#done = true;
    this.#value = value;
  }

  fail(error: unknown): void {
    this.#done = true;
    this.#failed = true;
    this.#error = error;
  }

  /** The value; rethrows the error the forked call raised. */
  wait(): unknown {
    if (this.#failed) throw this.#error;
    return this.#value;
  }

  toString(): string {
    return 'Future';
  }
}
