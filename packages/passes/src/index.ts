export { AliasDb, isMutableType } from './analysis/alias-db.js';
export { type Constant, constantOf } from './analysis/constant-value.js';
export { evaluateNode } from './analysis/evaluate-node.js';
export { hasSideEffects, isNondeterministic } from './analysis/node-effects.js';
export { nodeKey } from './analysis/node-key.js';
export { type NodeOperator, nodeOperator, schemaMatches } from './analysis/node-schema.js';
export { type CanonicalizeOptions, canonicalize } from './canonicalize.js';
export {
  type CommonSubexpressionOptions,
  eliminateCommonSubexpression,
} from './common-subexpression-elimination.js';
export { type ConstantPoolingOptions, constantPooling } from './constant-pooling.js';
export { type ConstantPropagationOptions, constantPropagation } from './constant-propagation.js';
export { type DeadCodeOptions, eliminateDeadCode } from './dead-code-elimination.js';
export { foldFrozenConvAddOrSub } from './fold-frozen-conv-add-or-sub.js';
export { type FoldBatchNormOptions, foldFrozenConvBatchNorm } from './fold-frozen-conv-batch-norm.js';
export { foldFrozenConvMulOrDiv } from './fold-frozen-conv-mul-or-div.js';
export { foldFrozenLinearBatchNorm } from './fold-frozen-linear-batch-norm.js';
export { calleeName, type InlineOptions, inlineCalls } from './inline-calls.js';
export { type LowerSimpleTuplesOptions, lowerSimpleTuples } from './lower-simple-tuples.js';
export { mustBeNone, mustNotBeNone, type PeepholeOptions, peephole } from './peephole.js';
export { type Pipeline, type PipelineOptions, type PipelinePass, pipelines, runPipeline } from './pipeline.js';
export { removeDropout } from './remove-dropout.js';
export { FileCheckError, fileCheck } from './testing/file-check.js';
