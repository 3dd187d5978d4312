/** A function cannot be traced (an input or output the tracer does not record, a grad-requiring constant). */
export class TracingError extends Error {
  override name = 'TracingError';
}
