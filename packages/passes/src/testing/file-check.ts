/**
 * LLVM/PyTorch-style FileCheck over a printed graph. `checks` holds one directive per line
 * (a leading `#` and blanks are ignored; lines without a directive are skipped):
 * - `CHECK: pat`        pat occurs after the previous match;
 * - `CHECK-NEXT: pat`   pat occurs on the line right after the previous match's line;
 * - `CHECK-SAME: pat`   pat occurs on the previous match's line, after it;
 * - `CHECK-NOT: pat`    pat does not occur between the previous match and the next positive match
 *                       (or the end of the text);
 * - `CHECK-COUNT-N: pat` pat occurs N times in a row (each after the last) from the previous match.
 * Patterns are plain substrings. Throws FileCheckError naming the failed directive.
 */
export function fileCheck(text: string, checks: string): void {
  const directives = parseDirectives(checks);
  let position = 0;
  let pendingNots: Directive[] = [];
  const lineStart = (at: number) => text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = (at: number) => {
    const end = text.indexOf('\n', at);
    return end < 0 ? text.length : end;
  };
  let lastMatchStart = -1;
  const checkNots = (from: number, to: number) => {
    for (const not of pendingNots) {
      const at = text.indexOf(not.pattern, from);
      if (at >= 0 && at + not.pattern.length <= to) fail(not, text, `found at line ${lineOf(text, at)}`);
    }
    pendingNots = [];
  };
  for (const d of directives) {
    if (d.kind === 'NOT') {
      pendingNots.push(d);
      continue;
    }
    const from = position;
    let at: number;
    if (d.kind === 'SAME') {
      if (lastMatchStart < 0) fail(d, text, 'no previous match');
      at = text.indexOf(d.pattern, position);
      if (at < 0 || at + d.pattern.length > lineEnd(lastMatchStart)) fail(d, text, 'not on the same line');
    } else if (d.kind === 'NEXT') {
      if (lastMatchStart < 0) fail(d, text, 'no previous match');
      const nextLine = lineEnd(position) + 1;
      at = text.indexOf(d.pattern, nextLine);
      if (nextLine > text.length || at < 0 || at > lineEnd(nextLine)) fail(d, text, 'not on the next line');
    } else {
      at = text.indexOf(d.pattern, position);
      if (at < 0) fail(d, text, 'not found');
      for (let i = 1; i < d.count; i++) {
        at = text.indexOf(d.pattern, at + d.pattern.length);
        if (at < 0) fail(d, text, `found only ${i} of ${d.count} times`);
      }
    }
    checkNots(from, at);
    lastMatchStart = at;
    position = at + d.pattern.length;
  }
  checkNots(position, text.length);
}

/** A FileCheck directive that did not hold. */
export class FileCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileCheckError';
  }
}

interface Directive {
  readonly kind: 'CHECK' | 'NEXT' | 'SAME' | 'NOT' | 'COUNT';
  readonly pattern: string;
  readonly count: number;
  readonly source: string;
}

function parseDirectives(checks: string): Directive[] {
  const out: Directive[] = [];
  for (const raw of checks.split('\n')) {
    const line = raw.trim().replace(/^#\s*/, '');
    const m = /^CHECK(?:-(NEXT|SAME|NOT|COUNT-(\d+)))?:\s?(.*)$/.exec(line);
    if (!m) {
      if (/^CHECK/.test(line)) throw new FileCheckError(`unknown FileCheck directive: ${line}`);
      continue;
    }
    const pattern = m[3].trim();
    if (pattern === '') throw new FileCheckError(`empty pattern in: ${line}`);
    const kind = m[2] !== undefined ? 'COUNT' : ((m[1] as Directive['kind'] | undefined) ?? 'CHECK');
    const count = m[2] !== undefined ? Number(m[2]) : 1;
    if (kind === 'COUNT' && count < 1) throw new FileCheckError(`CHECK-COUNT needs a count of at least 1: ${line}`);
    out.push({ kind, pattern, count, source: line });
  }
  return out;
}

function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function fail(d: Directive, text: string, why: string): never {
  throw new FileCheckError(`FileCheck failed: '${d.source}': ${why}\n--- input ---\n${text}`);
}
