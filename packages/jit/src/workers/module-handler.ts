import type { ScriptObject } from '@tsjit/interpreter';
import { setNumThreads } from '@tsjit/kernels';
import { CompilationUnit } from '../compilation-unit.js';
import { ArchiveUnit } from '../load/archive-unit.js';
import type { ModuleUnit, UnitRecipe } from '../runtime/module-unit.js';
import { ScriptModule } from '../script-module.js';
import { scriptObjectCodec } from './script-object-codec.js';
import { decodeValue, decodeValues, type EncodedValue, encodeValue } from './value-codec.js';
import type { CallHandler } from './worker-protocol.js';

/** What a worker gets to serve a ScriptModule: how to compile its unit, and the module's object tree. */
export interface ModuleWorkerData {
  readonly recipe: UnitRecipe;
  /** The module object, encoded after its weights were moved onto SharedArrayBuffers. */
  readonly module: EncodedValue;
  /** Threads of the kernels' intra-op pool on each worker: the cores divided among the workers. */
  readonly intraOpThreads: number;
}

/**
 * The worker side of `forwardAsync`/`runMethodAsync`: the unit compiled once from its recipe, the
 * module rebuilt once from its object tree (its tensors over the main thread's shared storages),
 * then every call is the synchronous `runMethod`, stopped by the pool's interrupt flag.
 */
export function createModuleHandler(data: unknown): CallHandler {
  const { recipe, module, intraOpThreads } = data as ModuleWorkerData;
  // Each worker's kernels get its share of the cores (the pool's workers run calls side by side).
  setNumThreads(intraOpThreads);
  const unit: ModuleUnit =
    recipe.kind === 'archive' ? ArchiveUnit.open(recipe.bytes) : CompilationUnit.fromRecipe(recipe);
  const options = { objects: scriptObjectCodec(unit) };
  const object = decodeValue(module, options) as ScriptObject;
  const instance = new ScriptModule(object, unit.host);
  return {
    call(method, args, run) {
      const result = instance.runMethodWith(method, decodeValues(args, options), run);
      return encodeValue(result, options);
    },
  };
}
