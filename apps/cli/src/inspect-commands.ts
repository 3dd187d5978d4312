import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { classMethods, load, moduleMethod, type ScriptModule } from '@tsjit/jit';
import { decodeFixtureValue, type FixtureValue } from '@tsjit/jit/testing';
import { fromNpy, Tensor, toNpy } from '@tsjit/tensor';
import { moduleClasses } from './module-classes.js';
import { pythonRepr } from './python-repr.js';
import { UsageError } from './usage-error.js';

/**
 * `tsjit code`: the code of every method of every class the module holds (its own, then its
 * submodules'), each as PyTorch's `module.<method>.code` prints it, under a `# <class>` line.
 * With a method name: that method of the module only.
 */
export function codeCommand(file: string, method?: string): string {
  const module = load(file);
  if (method !== undefined) return `${methodOf(module, method).code}`;
  const sections: string[] = [];
  for (const type of moduleClasses(module.object)) {
    const methods = classMethods(module, type);
    if (methods.length === 0) continue;
    sections.push(`# ${type.qualifiedName}\n${methods.map((m) => m.code).join('\n')}`);
  }
  return sections.join('\n');
}

/** `tsjit graph`: a method's graph (PyTorch's `module.<method>.graph`), or with `inlined` its inlined graph. */
export function graphCommand(file: string, method: string, inlined: boolean): string {
  const fn = methodOf(load(file), method);
  return String(inlined ? fn.inlinedGraph : fn.graph);
}

export interface RunCommandOptions {
  readonly method: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/**
 * `tsjit run`: calls a method with the given inputs (.npy files, or fixture VALUEs in JSON such
 * as `{"int": 3}`), prints the result as Python would, and writes its tensors (depth-first) to
 * the `--output` files with toNpy.
 */
export function runCommand(file: string, options: RunCommandOptions): string {
  const module = load(file);
  const fn = methodOf(module, options.method);
  const args = options.inputs.map(readInput);
  const result = module.runMethod(options.method, ...args);
  if (options.outputs.length > 0) {
    const tensors = tensorsOf(result);
    if (tensors.length !== options.outputs.length) {
      throw new UsageError(
        `the result holds ${tensors.length} tensor(s); give one --output per tensor (got ${options.outputs.length})`,
      );
    }
    tensors.forEach((t, i) => {
      writeFileSync(options.outputs[i], toNpy(t));
    });
  }
  return pythonRepr(result, fn.schema.returns[0]?.type);
}

function methodOf(module: ScriptModule, name: string) {
  const fn = moduleMethod(module, name);
  if (fn === undefined) throw new UsageError(`${module.type.qualifiedName} has no method '${name}'`);
  return fn;
}

function readInput(spec: string): unknown {
  if (existsSync(spec)) return fromNpy(new Uint8Array(readFileSync(spec)));
  if (spec.trimStart().startsWith('{')) {
    let value: FixtureValue;
    try {
      value = JSON.parse(spec) as FixtureValue;
    } catch {
      throw new UsageError(`--input ${spec}: not JSON`);
    }
    try {
      return decodeFixtureValue(value, { exactFloats: true });
    } catch (e) {
      throw new UsageError(`--input ${spec}: ${(e as Error).message}`);
    }
  }
  throw new UsageError(`--input ${spec}: no such file (give a .npy file or a VALUE such as '{"int": 3}')`);
}

/** The tensors of a result, depth-first (tuples, lists and dict values in order). */
function tensorsOf(value: unknown): Tensor[] {
  if (value instanceof Tensor) return [value];
  if (Array.isArray(value)) return value.flatMap(tensorsOf);
  if (value instanceof Map) return [...value.values()].flatMap(tensorsOf);
  return [];
}
