import { _getTracingState } from '../aten/_get-tracing-state.js';
import { _inferSize } from '../aten/_infer-size.js';
import { _nnpackAvailable } from '../aten/_nnpack-available.js';
import { _setItem } from '../aten/_set-item.js';
import { _sizeIfNotEqual } from '../aten/_size-if-not-equal.js';
import { _unwrapOptional } from '../aten/_unwrap-optional.js';
import { _useCudnnRnnFlattenWeight } from '../aten/_use-cudnn-rnn-flatten-weight.js';
import { addListInPlace } from '../aten/add-list-inplace.js';
import { angle } from '../aten/angle.js';
import { append } from '../aten/append.js';
import { bin } from '../aten/bin.js';
import { Bool } from '../aten/bool.js';
import { canCast } from '../aten/can-cast.js';
import { capitalize } from '../aten/capitalize.js';
import { center } from '../aten/center.js';
import { chr } from '../aten/chr.js';
import { clear } from '../aten/clear.js';
import { count } from '../aten/count.js';
import { degrees } from '../aten/degrees.js';
import { Delete } from '../aten/delete.js';
import { deviceFromString } from '../aten/device-from-string.js';
import { dict } from '../aten/dict.js';
import { divmod } from '../aten/divmod.js';
import { __contains__ } from '../aten/dunder-contains.js';
import { __deriveIndex } from '../aten/dunder-derive-index.js';
import { __getitem__ } from '../aten/dunder-getitem.js';
import { __is__ } from '../aten/dunder-is.js';
import { __isnot__ } from '../aten/dunder-isnot.js';
import { __rangeLength } from '../aten/dunder-range-length.js';
import { __roundToZeroFloordiv } from '../aten/dunder-round-to-zero-floordiv.js';
import { endswith } from '../aten/endswith.js';
import { expandtabs } from '../aten/expandtabs.js';
import { extend } from '../aten/extend.js';
import { fabs } from '../aten/fabs.js';
import { factorial } from '../aten/factorial.js';
import { find } from '../aten/find.js';
import { Float } from '../aten/float.js';
import { FloatImplicit } from '../aten/float-implicit.js';
import { format } from '../aten/format.js';
import { frexp } from '../aten/frexp.js';
import { gamma } from '../aten/gamma.js';
import { gcd } from '../aten/gcd.js';
import { get } from '../aten/get.js';
import { hasTorchFunction } from '../aten/has-torch-function.js';
import { hex } from '../aten/hex.js';
import { insert } from '../aten/insert.js';
import { Int } from '../aten/int.js';
import { IntImplicit } from '../aten/int-implicit.js';
import { isAutocastCpuEnabled } from '../aten/is-autocast-cpu-enabled.js';
import { isAutocastEnabled } from '../aten/is-autocast-enabled.js';
import { isGradEnabled } from '../aten/is-grad-enabled.js';
import { isScripting } from '../aten/is-scripting.js';
import { isVulkanAvailable } from '../aten/is-vulkan-available.js';
import { isalnum } from '../aten/isalnum.js';
import { isalpha } from '../aten/isalpha.js';
import { isdecimal } from '../aten/isdecimal.js';
import { isdigit } from '../aten/isdigit.js';
import { isidentifier } from '../aten/isidentifier.js';
import { islower } from '../aten/islower.js';
import { isnumeric } from '../aten/isnumeric.js';
import { isprintable } from '../aten/isprintable.js';
import { isspace } from '../aten/isspace.js';
import { istitle } from '../aten/istitle.js';
import { isupper } from '../aten/isupper.js';
import { items } from '../aten/items.js';
import { join } from '../aten/join.js';
import { keys } from '../aten/keys.js';
import { list } from '../aten/list.js';
import { ljust } from '../aten/ljust.js';
import { lower } from '../aten/lower.js';
import { lstrip } from '../aten/lstrip.js';
import { manualSeed } from '../aten/manual-seed.js';
import { mathremainder } from '../aten/mathremainder.js';
import { modf } from '../aten/modf.js';
import { mulListInPlace } from '../aten/mul-list-inplace.js';
import { oct } from '../aten/oct.js';
import { ord } from '../aten/ord.js';
import { partition } from '../aten/partition.js';
import { percentFormatOp } from '../aten/percent-format.js';
import { pop } from '../aten/pop.js';
import { popitem } from '../aten/popitem.js';
import { promoteTypes } from '../aten/promote-types.js';
import { radians } from '../aten/radians.js';
import { remove } from '../aten/remove.js';
import { replace } from '../aten/replace.js';
import { resultType } from '../aten/result-type.js';
import { reverse } from '../aten/reverse.js';
import { rfind } from '../aten/rfind.js';
import { rindex } from '../aten/rindex.js';
import { rjust } from '../aten/rjust.js';
import { rpartition } from '../aten/rpartition.js';
import { rsplit } from '../aten/rsplit.js';
import { rstrip } from '../aten/rstrip.js';
import { ScalarImplicit } from '../aten/scalar-implicit.js';
import { setGradEnabled } from '../aten/set-grad-enabled.js';
import { setdefault } from '../aten/setdefault.js';
import { Size } from '../aten/size-of-list.js';
import { sorted } from '../aten/sorted.js';
import { splitlines } from '../aten/splitlines.js';
import { startswith } from '../aten/startswith.js';
import { str } from '../aten/str.js';
import { strip } from '../aten/strip.js';
import { swapcase } from '../aten/swapcase.js';
import { title } from '../aten/title.js';
import { update } from '../aten/update.js';
import { upper } from '../aten/upper.js';
import { values } from '../aten/values.js';
import { wait } from '../aten/wait.js';
import { warn } from '../aten/warn.js';
import { zfill } from '../aten/zfill.js';
import type { Op } from '../core/define-op.js';
import { abs as primAbs } from '../prim/abs.js';
import { data as primData } from '../prim/data.js';
import { device as primDevice } from '../prim/device.js';
import { dtype as primDtype } from '../prim/dtype.js';
import { grad as primGrad } from '../prim/grad.js';
import { id as primId } from '../prim/id.js';
import { IfThenElse as primIfThenElse } from '../prim/if-then-else.js';
import { index as primIndex } from '../prim/index.js';
import { inferSqueezeSize as primInferSqueezeSize } from '../prim/infer-squeeze-size.js';
import { inferUnsqueezeSize as primInferUnsqueezeSize } from '../prim/infer-unsqueeze-size.js';
import { isCpu as primIsCpu } from '../prim/is-cpu.js';
import { isCuda as primIsCuda } from '../prim/is-cuda.js';
import { isIpu as primIsIpu } from '../prim/is-ipu.js';
import { isMeta as primIsMeta } from '../prim/is-meta.js';
import { isMkldnn as primIsMkldnn } from '../prim/is-mkldnn.js';
import { isMps as primIsMps } from '../prim/is-mps.js';
import { isNested as primIsNested } from '../prim/is-nested.js';
import { isOrt as primIsOrt } from '../prim/is-ort.js';
import { isQuantized as primIsQuantized } from '../prim/is-quantized.js';
import { isSparse as primIsSparse } from '../prim/is-sparse.js';
import { isSparseCsr as primIsSparseCsr } from '../prim/is-sparse-csr.js';
import { isVulkan as primIsVulkan } from '../prim/is-vulkan.js';
import { isXpu as primIsXpu } from '../prim/is-xpu.js';
import { layout as primLayout } from '../prim/layout.js';
import { max as primMax } from '../prim/max.js';
import { min as primMin } from '../prim/min.js';
import { name as primName } from '../prim/name.js';
import { NumToTensor as primNumToTensor } from '../prim/num-to-tensor.js';
import { Print as primPrint } from '../prim/print.js';
import { RaiseException as primRaiseException } from '../prim/raise-exception.js';
import { rangelist as primRangelist } from '../prim/rangelist.js';
import { requiresGrad as primRequiresGrad } from '../prim/requires-grad.js';
import { StringIndex as primStringIndex } from '../prim/string-index.js';
import { type as primType } from '../prim/type.js';
import { uncheckedUnwrapOptional as primUncheckedUnwrapOptional } from '../prim/unchecked-unwrap-optional.js';
import { Uninitialized as primUninitialized } from '../prim/uninitialized.js';

/**
 * TorchScript's builtins on non-tensor values (PyTorch's register_prim_ops, register_special_ops and
 * string ops): list, dict and str methods, conversions, the math module, prims on tensor metadata.
 * Their overloads of ops that also work on tensors (`add.t`, `len.str`, `eq.device`...) live in
 * those ops' files.
 */
export const builtinsOps: readonly Op[] = [
  _getTracingState,
  _inferSize,
  _nnpackAvailable,
  _setItem,
  _sizeIfNotEqual,
  _unwrapOptional,
  _useCudnnRnnFlattenWeight,
  addListInPlace,
  angle,
  append,
  bin,
  Bool,
  canCast,
  capitalize,
  center,
  chr,
  clear,
  count,
  degrees,
  Delete,
  deviceFromString,
  dict,
  divmod,
  __contains__,
  __deriveIndex,
  __getitem__,
  __is__,
  __isnot__,
  __rangeLength,
  __roundToZeroFloordiv,
  endswith,
  expandtabs,
  extend,
  fabs,
  factorial,
  find,
  Float,
  FloatImplicit,
  format,
  frexp,
  gamma,
  gcd,
  get,
  hasTorchFunction,
  hex,
  insert,
  Int,
  IntImplicit,
  isAutocastCpuEnabled,
  isAutocastEnabled,
  isGradEnabled,
  isScripting,
  isVulkanAvailable,
  isalnum,
  isalpha,
  isdecimal,
  isdigit,
  isidentifier,
  islower,
  isnumeric,
  isprintable,
  isspace,
  istitle,
  isupper,
  items,
  join,
  keys,
  list,
  ljust,
  lower,
  lstrip,
  manualSeed,
  mathremainder,
  modf,
  mulListInPlace,
  oct,
  ord,
  partition,
  percentFormatOp,
  pop,
  popitem,
  promoteTypes,
  radians,
  remove,
  replace,
  resultType,
  reverse,
  rfind,
  rindex,
  rjust,
  rpartition,
  rsplit,
  rstrip,
  ScalarImplicit,
  setGradEnabled,
  setdefault,
  Size,
  sorted,
  splitlines,
  startswith,
  str,
  strip,
  swapcase,
  title,
  update,
  upper,
  values,
  wait,
  warn,
  zfill,
  primAbs,
  primData,
  primDevice,
  primDtype,
  primGrad,
  primId,
  primIfThenElse,
  primIndex,
  primInferSqueezeSize,
  primInferUnsqueezeSize,
  primIsCpu,
  primIsCuda,
  primIsIpu,
  primIsMeta,
  primIsMkldnn,
  primIsMps,
  primIsNested,
  primIsOrt,
  primIsQuantized,
  primIsSparse,
  primIsSparseCsr,
  primIsVulkan,
  primIsXpu,
  primLayout,
  primMax,
  primMin,
  primName,
  primNumToTensor,
  primPrint,
  primRaiseException,
  primRangelist,
  primRequiresGrad,
  primStringIndex,
  primType,
  primUncheckedUnwrapOptional,
  primUninitialized,
];
