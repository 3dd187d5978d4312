/** What registerForwardHook and friends return: `remove()` unregisters the hook (idempotent). */
export class RemovableHandle {
  static #nextId = 0;
  readonly id = RemovableHandle.#nextId++;
  readonly #hooks: Map<number, unknown>;

  constructor(hooks: Map<number, unknown>) {
    this.#hooks = hooks;
  }

  remove(): void {
    this.#hooks.delete(this.id);
  }
}
