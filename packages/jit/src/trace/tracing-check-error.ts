/** Indents every line with a tab, as PyTorch's check messages do. */
export function indent(s: string): string {
  return s
    .split('\n')
    .map((line) => `\t${line}`)
    .join('\n');
}

/**
 * A trace failed PyTorch's sanity checks (`torch.jit.TracingCheckError`): re-tracing on the check
 * inputs gave another graph, tensor constants differed, or the trace or function threw on them.
 */
export class TracingCheckError extends Error {
  override name = 'TracingCheckError';
  readonly graphDiffError: string | undefined;
  readonly tensorCompareError: string | undefined;

  constructor(graphDiffError: string | undefined, tensorCompareError: string | undefined, extraMessage?: string) {
    let message = 'Tracing failed sanity checks!\n';
    if (extraMessage !== undefined) message += `${extraMessage}\n`;
    if (graphDiffError !== undefined)
      message += `ERROR: Graphs differed across invocations!\n${indent(graphDiffError)}\n`;
    if (tensorCompareError !== undefined) {
      message +=
        'ERROR: Tensor-valued Constant nodes differed in value across invocations. This often indicates that the ' +
        `tracer has encountered untraceable code.\n${indent(tensorCompareError)}\n`;
    }
    super(message);
    this.graphDiffError = graphDiffError;
    this.tensorCompareError = tensorCompareError;
  }
}
