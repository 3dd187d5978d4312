import { abs } from '../aten/abs.js';
import { absolute } from '../aten/absolute.js';
import { acos } from '../aten/acos.js';
import { acosh } from '../aten/acosh.js';
import { add } from '../aten/add.js';
import { addcdiv } from '../aten/addcdiv.js';
import { addcmul } from '../aten/addcmul.js';
import { arccos } from '../aten/arccos.js';
import { arccosh } from '../aten/arccosh.js';
import { arcsin } from '../aten/arcsin.js';
import { arcsinh } from '../aten/arcsinh.js';
import { arctan } from '../aten/arctan.js';
import { arctan2 } from '../aten/arctan2.js';
import { arctanh } from '../aten/arctanh.js';
import { asin } from '../aten/asin.js';
import { asinh } from '../aten/asinh.js';
import { atan } from '../aten/atan.js';
import { atan2 } from '../aten/atan2.js';
import { atanh } from '../aten/atanh.js';
import { bitwiseAnd } from '../aten/bitwise-and.js';
import { bitwiseLeftShift } from '../aten/bitwise-left-shift.js';
import { bitwiseNot } from '../aten/bitwise-not.js';
import { bitwiseOr } from '../aten/bitwise-or.js';
import { bitwiseRightShift } from '../aten/bitwise-right-shift.js';
import { bitwiseXor } from '../aten/bitwise-xor.js';
import { ceil } from '../aten/ceil.js';
import { clamp } from '../aten/clamp.js';
import { clampMax } from '../aten/clamp-max.js';
import { clampMin } from '../aten/clamp-min.js';
import { clip } from '../aten/clip.js';
import { copysign } from '../aten/copysign.js';
import { cos } from '../aten/cos.js';
import { cosh } from '../aten/cosh.js';
import { deg2rad } from '../aten/deg2rad.js';
import { digamma } from '../aten/digamma.js';
import { div } from '../aten/div.js';
import { divide } from '../aten/divide.js';
import { __and__ } from '../aten/dunder-and.js';
import { __lshift__ } from '../aten/dunder-lshift.js';
import { __not__ } from '../aten/dunder-not.js';
import { __or__ } from '../aten/dunder-or.js';
import { __rshift__ } from '../aten/dunder-rshift.js';
import { __xor__ } from '../aten/dunder-xor.js';
import { eq } from '../aten/eq.js';
import { erf } from '../aten/erf.js';
import { erfc } from '../aten/erfc.js';
import { erfinv } from '../aten/erfinv.js';
import { exp } from '../aten/exp.js';
import { exp2 } from '../aten/exp2.js';
import { expm1 } from '../aten/expm1.js';
import { fix } from '../aten/fix.js';
import { floatPower } from '../aten/float-power.js';
import { floor } from '../aten/floor.js';
import { floorDivide } from '../aten/floor-divide.js';
import { floordiv } from '../aten/floordiv.js';
import { fmax } from '../aten/fmax.js';
import { fmin } from '../aten/fmin.js';
import { fmod } from '../aten/fmod.js';
import { frac } from '../aten/frac.js';
import { ge } from '../aten/ge.js';
import { greater } from '../aten/greater.js';
import { greaterEqual } from '../aten/greater-equal.js';
import { gt } from '../aten/gt.js';
import { heaviside } from '../aten/heaviside.js';
import { hypot } from '../aten/hypot.js';
import { isfinite } from '../aten/isfinite.js';
import { isinf } from '../aten/isinf.js';
import { isnan } from '../aten/isnan.js';
import { isneginf } from '../aten/isneginf.js';
import { isposinf } from '../aten/isposinf.js';
import { ldexp } from '../aten/ldexp.js';
import { le } from '../aten/le.js';
import { lerp } from '../aten/lerp.js';
import { less } from '../aten/less.js';
import { lessEqual } from '../aten/less-equal.js';
import { lgamma } from '../aten/lgamma.js';
import { log } from '../aten/log.js';
import { log1p } from '../aten/log1p.js';
import { log2 } from '../aten/log2.js';
import { log10 } from '../aten/log10.js';
import { logaddexp } from '../aten/logaddexp.js';
import { logaddexp2 } from '../aten/logaddexp2.js';
import { logicalAnd } from '../aten/logical-and.js';
import { logicalNot } from '../aten/logical-not.js';
import { logicalOr } from '../aten/logical-or.js';
import { logicalXor } from '../aten/logical-xor.js';
import { lt } from '../aten/lt.js';
import { maximum } from '../aten/maximum.js';
import { minimum } from '../aten/minimum.js';
import { mul } from '../aten/mul.js';
import { multiply } from '../aten/multiply.js';
import { nanToNum } from '../aten/nan-to-num.js';
import { ne } from '../aten/ne.js';
import { neg } from '../aten/neg.js';
import { negative } from '../aten/negative.js';
import { notEqual } from '../aten/not-equal.js';
import { polygamma } from '../aten/polygamma.js';
import { positive } from '../aten/positive.js';
import { pow } from '../aten/pow.js';
import { rad2deg } from '../aten/rad2deg.js';
import { reciprocal } from '../aten/reciprocal.js';
import { relu } from '../aten/relu.js';
import { remainder } from '../aten/remainder.js';
import { round } from '../aten/round.js';
import { rsqrt } from '../aten/rsqrt.js';
import { rsub } from '../aten/rsub.js';
import { sgn } from '../aten/sgn.js';
import { sigmoid } from '../aten/sigmoid.js';
import { sigmoidBackward } from '../aten/sigmoid-backward.js';
import { sign } from '../aten/sign.js';
import { signbit } from '../aten/signbit.js';
import { sin } from '../aten/sin.js';
import { sinc } from '../aten/sinc.js';
import { sinh } from '../aten/sinh.js';
import { specialDigamma } from '../aten/special-digamma.js';
import { specialErf } from '../aten/special-erf.js';
import { specialErfc } from '../aten/special-erfc.js';
import { specialErfinv } from '../aten/special-erfinv.js';
import { specialExp2 } from '../aten/special-exp2.js';
import { specialExpit } from '../aten/special-expit.js';
import { specialExpm1 } from '../aten/special-expm1.js';
import { specialGammaln } from '../aten/special-gammaln.js';
import { specialLog1p } from '../aten/special-log1p.js';
import { specialPsi } from '../aten/special-psi.js';
import { sqrt } from '../aten/sqrt.js';
import { square } from '../aten/square.js';
import { sub } from '../aten/sub.js';
import { subtract } from '../aten/subtract.js';
import { tan } from '../aten/tan.js';
import { tanh } from '../aten/tanh.js';
import { tanhBackward } from '../aten/tanh-backward.js';
import { threshold } from '../aten/threshold.js';
import { thresholdBackward } from '../aten/threshold-backward.js';
import { trueDivide } from '../aten/true-divide.js';
import { trunc } from '../aten/trunc.js';
import { where } from '../aten/where.js';
import { xlogy } from '../aten/xlogy.js';
import type { Op } from '../core/define-op.js';

/** Pointwise unary and binary math, comparisons, logical and bitwise ops, where/clamp/lerp/pow. */
export const pointwiseOps: readonly Op[] = [
  abs,
  absolute,
  acos,
  acosh,
  add,
  addcdiv,
  addcmul,
  arccos,
  arccosh,
  arcsin,
  arcsinh,
  arctan,
  arctan2,
  arctanh,
  asin,
  asinh,
  atan,
  atan2,
  atanh,
  bitwiseAnd,
  bitwiseLeftShift,
  bitwiseNot,
  bitwiseOr,
  bitwiseRightShift,
  bitwiseXor,
  ceil,
  clampMax,
  clampMin,
  clamp,
  clip,
  copysign,
  cos,
  cosh,
  deg2rad,
  digamma,
  div,
  divide,
  __and__,
  __lshift__,
  __not__,
  __or__,
  __rshift__,
  __xor__,
  eq,
  erf,
  erfc,
  erfinv,
  exp,
  exp2,
  expm1,
  fix,
  floatPower,
  floorDivide,
  floor,
  floordiv,
  fmax,
  fmin,
  fmod,
  frac,
  ge,
  greaterEqual,
  greater,
  gt,
  heaviside,
  hypot,
  isfinite,
  isinf,
  isnan,
  isneginf,
  isposinf,
  ldexp,
  le,
  lerp,
  lessEqual,
  less,
  lgamma,
  log,
  log10,
  log1p,
  log2,
  logaddexp,
  logaddexp2,
  logicalAnd,
  logicalNot,
  logicalOr,
  logicalXor,
  lt,
  maximum,
  minimum,
  mul,
  multiply,
  nanToNum,
  ne,
  neg,
  negative,
  notEqual,
  polygamma,
  positive,
  pow,
  rad2deg,
  reciprocal,
  relu,
  remainder,
  round,
  rsqrt,
  rsub,
  sgn,
  sigmoidBackward,
  sigmoid,
  sign,
  signbit,
  sin,
  sinc,
  sinh,
  specialDigamma,
  specialErf,
  specialErfc,
  specialErfinv,
  specialExp2,
  specialExpit,
  specialExpm1,
  specialGammaln,
  specialLog1p,
  specialPsi,
  sqrt,
  square,
  sub,
  subtract,
  tan,
  tanhBackward,
  tanh,
  thresholdBackward,
  threshold,
  trueDivide,
  trunc,
  where,
  xlogy,
];
