/**
 * Whether PyTorch's pickler memoized a value (wrote BINPUT after it). PyTorch decides by the C++
 * reference count of the value at the time it is written, which a value graph cannot show; the
 * unpickler records what the input did so that the pickler reproduces it byte for byte, and a
 * caller that builds values itself can set the hint where it knows better than the default.
 */
const hints = new WeakMap<object, boolean>();

export function setMemoHint(value: object, memoized: boolean): void {
  hints.set(value, memoized);
}

export function getMemoHint(value: object): boolean | undefined {
  return hints.get(value);
}
