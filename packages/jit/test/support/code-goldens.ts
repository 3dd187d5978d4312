import { readFileSync } from 'node:fs';

/** What gen_jit_code_goldens.py records for one function or method. */
export interface GoldenFunction {
  readonly graph: string;
  readonly inlinedGraph: string;
  readonly code: string;
  readonly schema: string;
}

/** One program of the goldens: compiled as a CompilationUnit (`cu`) or through torch.jit.script (`script`). */
export interface GoldenCase {
  readonly name: string;
  readonly mode: 'cu' | 'script';
  readonly file: string;
  readonly prefix: string;
  readonly source: string;
  readonly functions: Record<string, GoldenFunction>;
  /** Each script class's code as torch.jit.save writes it (null when it was not first in its file). */
  readonly classes?: Record<string, { readonly code: string | null }>;
}

export const codeGoldens: { readonly torch: string; readonly cases: readonly GoldenCase[] } = JSON.parse(
  readFileSync(new URL('../fixtures/code-goldens.json', import.meta.url), 'utf8'),
);
