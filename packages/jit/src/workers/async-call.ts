import { availableParallelism } from 'node:os';
import type { ScriptObject } from '@tsjit/interpreter';
import type { JitType, OptionalType } from '@tsjit/ir';
import { type AsyncCallOptions, type ScriptInstance, unwrapValue } from '../script-module.js';
import type { ModuleWorkerData } from './module-handler.js';
import { scriptObjectCodec } from './script-object-codec.js';
import { shareWeights } from './share-weights.js';
import { decodeValue, encodeValues } from './value-codec.js';
import { WorkerPool } from './worker-pool.js';

// One pool per module object, closed when the module is collected (an idle pool never keeps the
// process alive, but its threads would otherwise live as long as the process).
const pools = new WeakMap<ScriptObject, WorkerPool>();
const closeWhenCollected = new FinalizationRegistry<WorkerPool>((pool) => void pool.close());
const settings = new WeakMap<ScriptObject, WorkerSettings>();

/** How a module's worker pool is built (see WorkerPoolOptions). */
export interface WorkerSettings {
  /** Worker threads (default min(2, os.availableParallelism())). */
  readonly size?: number;
  /** How long a cancelled call's worker may take to stop before it is replaced (ms, default 2000). */
  readonly interruptGraceMs?: number;
}

/**
 * Sets how `module`'s worker pool is built. It applies to the pool the next async call starts, so
 * it is for before the first call (or after `closeWorkers`): a pool already running keeps its size.
 */
export function configureWorkers(module: ScriptInstance, options: WorkerSettings): void {
  if (pools.has(module.object)) {
    throw new Error('configureWorkers: this module already has worker threads; call closeWorkers(module) first');
  }
  settings.set(module.object, options);
}

/**
 * Runs `module.runMethod(method, ...args)` on the module's worker pool (see WorkerPool). The
 * first call moves the module's weights onto SharedArrayBuffers (in place: this thread's module
 * keeps working on the same tensors) and starts the workers, each of which compiles the module's
 * unit from its recipe and rebuilds the module over the shared weights. So in-place changes to
 * the weights are seen by every worker; attributes reassigned after the first async call
 * (`setAttr`) are not, and attributes a method assigns stay on the worker that ran it.
 */
export function callAsync(
  module: ScriptInstance,
  method: string,
  args: readonly unknown[],
  options: AsyncCallOptions = {},
): Promise<unknown> {
  const codec = { objects: scriptObjectCodec(module.host.unit) };
  let pool = pools.get(module.object);
  try {
    if (pool === undefined) {
      shareWeights(module.object, codec.objects);
      const { size = Math.min(2, availableParallelism()), interruptGraceMs } = settings.get(module.object) ?? {};
      const data: ModuleWorkerData = {
        recipe: module.host.unit.recipe,
        module: encodeValues([module.object], codec)[0],
        intraOpThreads: Math.max(1, Math.floor(availableParallelism() / size)),
      };
      pool = new WorkerPool({ handler: 'module', data, size, interruptGraceMs });
      pools.set(module.object, pool);
      closeWhenCollected.register(module.object, pool, module.object);
    }
    const encoded = encodeValues(
      args.map((a) => unwrapValue(a)),
      codec,
    );
    return pool.call(method, encoded, options).then((result) => {
      // The module stays reachable while a call is pending: collecting it would close the pool.
      void module;
      return decodeValue(result, codec);
    });
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Ends the worker threads of `module`'s pool, if it has one (calls in flight are cancelled). */
export async function closeWorkers(module: ScriptInstance): Promise<void> {
  const pool = pools.get(module.object);
  if (pool === undefined) return;
  pools.delete(module.object);
  closeWhenCollected.unregister(module.object);
  await pool.close();
}

/** The pool serving `module`'s async calls, if one was started (for tests and measurements). */
export function workerPoolOf(module: ScriptInstance): WorkerPool | undefined {
  return pools.get(module.object);
}

/**
 * `forwardAsync(...args, options?)`: the last argument is the call's options when it is a plain
 * object of `signal`/`timeout` only, unless the method's parameter in that place takes a dict (a
 * dict argument may be written as a plain object).
 */
export function splitCallOptions(
  module: ScriptInstance,
  method: string,
  args: readonly unknown[],
): [readonly unknown[], AsyncCallOptions] {
  const last = args.at(-1);
  if (!isOptionsRecord(last)) return [args, {}];
  // arguments[0] is self: the last argument's parameter is arguments[args.length].
  const formal = module.host.methodSchema(module.type, method)?.arguments[args.length];
  if (formal !== undefined && takesDict(formal.type)) return [args, {}];
  return [args.slice(0, -1), last];
}

function isOptionsRecord(value: unknown): value is AsyncCallOptions {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === 'signal' || k === 'timeout');
}

function takesDict(type: JitType): boolean {
  if (type.kind === 'DictType' || type.kind === 'AnyType' || type.kind === 'UnionType') return true;
  return type.kind === 'OptionalType' && takesDict((type as OptionalType).elementType);
}
