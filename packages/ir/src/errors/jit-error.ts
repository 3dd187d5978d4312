/**
 * The base of every error tsjit raises on purpose. Each kind is a subclass in its own file with
 * a stable `code` and its own marker, so that `SomeError.isInstance(e)` holds across copies of
 * this package and across realms (worker threads), where `instanceof` does not.
 */
const JIT_ERROR_MARKER = Symbol.for('tsjit.JitError');

/** A class of the JitError family: what `isInstance` needs to find its marker. */
interface MarkedErrorClass<T> {
  readonly marker: symbol;
  readonly prototype: T;
}

export class JitError extends Error {
  /** The symbol (registered with Symbol.for) that marks instances of exactly this class and its subclasses. */
  static readonly marker: symbol = JIT_ERROR_MARKER;

  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    // Mark the instance with the marker of every class from the concrete one up to JitError.
    let ctor: unknown = new.target;
    while (typeof ctor === 'function') {
      const marker = (ctor as { marker?: unknown }).marker;
      if (typeof marker === 'symbol') {
        Object.defineProperty(this, marker, { value: true, enumerable: false });
      }
      if (ctor === JitError) break;
      ctor = Object.getPrototypeOf(ctor);
    }
  }

  /** True when `value` is an instance of this class (or a subclass), from any copy of @tsjit/ir. */
  static isInstance<T>(this: MarkedErrorClass<T>, value: unknown): value is T {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass isInstance was called on.
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[this.marker] === true;
  }
}
