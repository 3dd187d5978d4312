/**
 * `@tsjit/jit/testing`: the VALUE codec of PyTorch-recorded conformance corpora (the format of
 * ../shared/fixtures/torchscript/README.md), for tools that check tsjit against PyTorch, such as
 * `tsjit conformance`. Kept off the main entry: applications never need it.
 */
export {
  type CompareOptions,
  compareValue as compareFixtureValue,
  type DecodeOptions,
  decodeTensor as decodeFixtureTensor,
  decodeValue as decodeFixtureValue,
  describeActual as describeFixtureActual,
  type FixtureNumber,
  type FixtureValue,
  type InlineTensor,
  isErrorExpectation,
} from './fixture-values.js';
