import { FrontendError } from '@tsjit/frontend';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/index.js';
import { codeGoldens } from './support/code-goldens.js';
import { torchSchemas } from './support/torch-schemas.js';

/**
 * The golden programs compiled as users compile them, against the schemas of @tsjit/ops, give
 * the same graphs and code as against PyTorch's own schema list (which code-goldens.test.ts
 * compares with PyTorch): the operators the programs use are defined with PyTorch's overloads
 * and defaults.
 */

/** Programs that use operators @tsjit/ops does not define yet, with the error they get. */
const MISSING_OPERATORS = new Map<string, string>([
  [
    'enums',
    "Expected a value of type 'Tensor' for argument 'self' but instead found type '__torch__.jitgold_enums.Color'",
  ],
]);

function texts(cu: CompilationUnit): string[] {
  const functions = [...cu.functions, ...cu.classes.flatMap((c) => c.methods)];
  return functions.flatMap((fn) => [fn.qualifiedName, fn.graph.toString(), fn.code, fn.schema.toString()]);
}

describe('the default schemas (@tsjit/ops)', () => {
  const cases = codeGoldens.cases.filter((c) => !MISSING_OPERATORS.has(c.name));

  it.each(cases)('$name compiles as with PyTorch’s schemas', (c) => {
    const options = { file: c.file, prefix: c.prefix };
    const ours = new CompilationUnit(c.source, options);
    const reference = new CompilationUnit(c.source, { ...options, schemas: torchSchemas() });
    expect(texts(ours)).toEqual(texts(reference));
  });

  it.each([...MISSING_OPERATORS])('%s needs operators @tsjit/ops lacks', (name, message) => {
    const c = codeGoldens.cases.find((x) => x.name === name);
    expect(c).toBeDefined();
    let error: unknown;
    try {
      new CompilationUnit(c?.source, { file: c?.file, prefix: c?.prefix });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FrontendError);
    expect((error as FrontendError).message).toContain(message);
  });
});
