import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Range, Stmt } from '../../src/ast.js';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('../../../../tooling/fixtures/python_module_ast.py', import.meta.url);

/** Whether /usr/bin/python3 with its `ast` module can run tooling/fixtures/python_module_ast.py. */
export function pythonAstAvailable(): boolean {
  if (!existsSync(PYTHON) || !existsSync(SCRIPT)) return false;
  return spawnSync(PYTHON, ['-c', 'import ast, json'], { encoding: 'utf8' }).status === 0;
}

export type PythonResult = unknown[] | { error: string; line: number; col: number; withoutTypeComments?: unknown[] };

/** A shaped tree without its type comments. */
export function withoutTypeComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTypeComments);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'typeComment')
      .map(([k, v]) => [k, withoutTypeComments(v)]),
  );
}

/** Python's ast of each source, in the shape `pythonShape` gives ours (see python_module_ast.py). */
export function pythonModules(sources: string[]): PythonResult[] {
  const run = spawnSync(PYTHON, [SCRIPT.pathname], {
    input: JSON.stringify(sources),
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`python_module_ast.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as PythonResult[];
}

/** Maps offsets of `source` to 1-based lines and 0-based columns, lines ending at \n, \r\n or \r. */
function lineTable(source: string): (offset: number) => [number, number] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - (starts[lo] as number)];
  };
}

/**
 * Our statements in the shape python_module_ast.py prints Python's: ranges become
 * [line, col, endLine, endCol]; f-string fields keep only their conversion and whether they have
 * a format spec.
 */
export function pythonShape(body: Stmt[], source: string): unknown {
  const at = lineTable(source);
  const pos = (r: Range) => [...at(r.start), ...at(r.end)];
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const node = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    if (node.kind === 'FString') {
      out.kind = 'FString';
      out.parts = (node.parts as Record<string, unknown>[]).map((p) =>
        p.kind === 'text' ? { text: p.value } : { conversion: p.conversion, spec: p.formatSpec !== null },
      );
    } else {
      for (const [k, v] of Object.entries(node)) if (k !== 'range') out[k] = walk(v);
    }
    if (node.range) out.pos = pos(node.range as Range);
    return out;
  };
  return walk(body);
}

/** JSON with sorted keys, so that field order does not matter. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/** The path and both values of the first difference between two JSON-like trees, or null. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (canonical(a) === canonical(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    if (Array.isArray(a) && a.length !== (b as unknown[]).length) {
      return `${path}: ${a.length} items vs ${(b as unknown[]).length}`;
    }
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      const d = firstDifference(ra[k], rb[k], `${path}.${k}`);
      if (d) {
        // Name the statement or expression the difference is in, so that it can be found.
        const where = 'kind' in ra && 'pos' in ra ? ` (in ${ra.kind} at ${JSON.stringify(ra.pos)})` : '';
        return d.includes(' (in ') ? d : `${d}${where}`;
      }
    }
  }
  return `${path}: ours ${JSON.stringify(a)?.slice(0, 300)} vs Python's ${JSON.stringify(b)?.slice(0, 300)}`;
}
