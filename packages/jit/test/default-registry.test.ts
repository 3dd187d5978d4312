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

function texts(cu: CompilationUnit): string[] {
  const functions = [...cu.functions, ...cu.classes.flatMap((c) => c.methods)];
  return functions.flatMap((fn) => [fn.qualifiedName, fn.graph.toString(), fn.code, fn.schema.toString()]);
}

describe('the default schemas (@tsjit/ops)', () => {
  it.each(codeGoldens.cases)('$name compiles as with PyTorch’s schemas', (c) => {
    const options = { file: c.file, prefix: c.prefix };
    const ours = new CompilationUnit(c.source, options);
    const reference = new CompilationUnit(c.source, { ...options, schemas: torchSchemas() });
    expect(texts(ours)).toEqual(texts(reference));
  });
});
