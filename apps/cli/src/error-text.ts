/**
 * One line for an error in a report: `ValueError: reason` for a TorchScript runtime error (its
 * message carries the whole traceback), the reason of a FrontendError (its message quotes the
 * source over several lines), else the message's first line.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { pythonType?: unknown; reason?: unknown };
  if (typeof e.reason === 'string') {
    return typeof e.pythonType === 'string' ? `${e.pythonType}: ${e.reason}` : e.reason;
  }
  const first = e.message.split('\n').find((line) => line.trim() !== '') ?? '';
  return first === '' ? e.name : first;
}
