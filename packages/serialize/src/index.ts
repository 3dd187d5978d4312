// The zip and pickle modules are exported here as they land.
export { PickleError } from './errors/pickle-error.js';
export * from './pickle/index.js';
