import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type FunctionSchema, Graph, InternalError, type JitType, parseSchema, type Value } from '@tsjit/ir';
import type { Range } from '../../src/ast.js';
import type { CompilationUnitLike, EmitContext, NamedValue } from '../../src/emitter/contracts.js';
import { emitBuiltinCall } from '../../src/emitter/schema-matching.js';
import { SchemaRegistry } from '../../src/emitter/schema-registry.js';
import { FrontendError } from '../../src/errors/frontend-error.js';

let torchSchemas: FunctionSchema[] | undefined;

/** Every schema of torch 1.13, each name's overloads in PyTorch's registration order. */
export function torchSchemaList(): FunctionSchema[] {
  if (!torchSchemas) {
    const path = new URL('../fixtures/schemas-ordered-torch-1.13.txt.gz', import.meta.url);
    const text = gunzipSync(readFileSync(path)).toString('utf8');
    torchSchemas = text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => parseSchema(line));
  }
  return torchSchemas;
}

let torchRegistry: SchemaRegistry | undefined;
export function torchRegistryForTests(): SchemaRegistry {
  torchRegistry ??= new SchemaRegistry(torchSchemaList());
  return torchRegistry;
}

/** A range at a column of line 1 of the test source. */
export function rangeAt(col = 1, line = 1): Range {
  return { start: col - 1, end: col, line, col };
}

export interface TestContext extends EmitContext {
  readonly registry: SchemaRegistry;
  /** Adds a graph input of `type`, named. */
  input(name: string, type: JitType): Value;
  /** A NamedValue for an input. */
  arg(value: Value, name?: string): NamedValue;
}

const NO_UNIT: CompilationUnitLike = {
  findFunction: () => undefined,
  findClass: () => undefined,
  findMethod: () => undefined,
};

/** An EmitContext over a fresh graph, for matching calls on hand-made inputs. */
export function testContext(registry: SchemaRegistry = torchRegistryForTests(), source = 'f(x)'): TestContext {
  const graph = new Graph();
  const ctx: TestContext = {
    graph,
    unit: NO_UNIT,
    registry,
    error(range: Range, reason: string): never {
      throw new FrontendError(source, 'test.py', range.start, reason);
    },
    constant(value, range, type) {
      return graph.insertConstant(value as never, { type, sourceRange: ctx.sourceRange?.(range) });
    },
    builtin(name, args, kwargs, range, self) {
      return emitBuiltinCall(ctx, registry, name, args, kwargs, range, self);
    },
    expr() {
      throw new InternalError('the test context does not emit expressions');
    },
    type() {
      throw new InternalError('the test context does not parse types');
    },
    sourceRange(range: Range) {
      return { file: 'test.py', line: range.line, col: range.col - 1 };
    },
    input(name: string, type: JitType) {
      return graph.addInput(name, type);
    },
    arg(value: Value, name?: string) {
      return name === undefined ? { value, range: rangeAt() } : { value, range: rangeAt(), name };
    },
  };
  return ctx;
}
