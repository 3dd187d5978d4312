export { closeWorkers, configureWorkers, type WorkerSettings, workerPoolOf } from './async-call.js';
export { decodeError, type EncodedError, encodeError, registerErrorClass } from './error-codec.js';
export { shareWeights } from './share-weights.js';
export {
  type CodecOptions,
  decodeValue,
  decodeValues,
  type EncodedValue,
  encodeValue,
  encodeValues,
  type ObjectCodec,
} from './value-codec.js';
export { ValueCodecError } from './value-codec-error.js';
export { type CallOptions, WorkerPool, type WorkerPoolOptions } from './worker-pool.js';
export type { CallHandler, CreateCallHandler } from './worker-protocol.js';
