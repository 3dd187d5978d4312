import { abs } from '../aten/abs.js';
import { absolute } from '../aten/absolute.js';
import { acos } from '../aten/acos.js';
import { acosh } from '../aten/acosh.js';
import { add } from '../aten/add.js';
import { arccos } from '../aten/arccos.js';
import { arccosh } from '../aten/arccosh.js';
import { arcsin } from '../aten/arcsin.js';
import { arcsinh } from '../aten/arcsinh.js';
import { arctan } from '../aten/arctan.js';
import { arctanh } from '../aten/arctanh.js';
import { asin } from '../aten/asin.js';
import { asinh } from '../aten/asinh.js';
import { atan } from '../aten/atan.js';
import { atanh } from '../aten/atanh.js';
import { bitwiseNot } from '../aten/bitwise-not.js';
import { ceil } from '../aten/ceil.js';
import { cos } from '../aten/cos.js';
import { cosh } from '../aten/cosh.js';
import { digamma } from '../aten/digamma.js';
import { erf } from '../aten/erf.js';
import { erfc } from '../aten/erfc.js';
import { erfinv } from '../aten/erfinv.js';
import { exp } from '../aten/exp.js';
import { exp2 } from '../aten/exp2.js';
import { expm1 } from '../aten/expm1.js';
import { fix } from '../aten/fix.js';
import { floor } from '../aten/floor.js';
import { frac } from '../aten/frac.js';
import { isfinite } from '../aten/isfinite.js';
import { isinf } from '../aten/isinf.js';
import { isnan } from '../aten/isnan.js';
import { lgamma } from '../aten/lgamma.js';
import { log } from '../aten/log.js';
import { log1p } from '../aten/log1p.js';
import { log2 } from '../aten/log2.js';
import { log10 } from '../aten/log10.js';
import { logicalNot } from '../aten/logical-not.js';
import { mul } from '../aten/mul.js';
import { neg } from '../aten/neg.js';
import { negative } from '../aten/negative.js';
import { reciprocal } from '../aten/reciprocal.js';
import { relu } from '../aten/relu.js';
import { rsqrt } from '../aten/rsqrt.js';
import { sgn } from '../aten/sgn.js';
import { sigmoid } from '../aten/sigmoid.js';
import { sign } from '../aten/sign.js';
import { sin } from '../aten/sin.js';
import { sinh } from '../aten/sinh.js';
import { sqrt } from '../aten/sqrt.js';
import { tan } from '../aten/tan.js';
import { tanh } from '../aten/tanh.js';
import { trunc } from '../aten/trunc.js';
import type { Op } from '../core/define-op.js';

/** Pointwise unary and binary math, comparisons, logical and bitwise ops, where/clamp/lerp/pow. */
export const pointwiseOps: readonly Op[] = [
  abs,
  absolute,
  acos,
  acosh,
  add,
  arccos,
  arccosh,
  arcsin,
  arcsinh,
  arctan,
  arctanh,
  asin,
  asinh,
  atan,
  atanh,
  bitwiseNot,
  ceil,
  cos,
  cosh,
  digamma,
  erf,
  erfc,
  erfinv,
  exp,
  exp2,
  expm1,
  fix,
  floor,
  frac,
  isfinite,
  isinf,
  isnan,
  lgamma,
  log,
  log10,
  log1p,
  log2,
  logicalNot,
  mul,
  neg,
  negative,
  reciprocal,
  relu,
  rsqrt,
  sgn,
  sigmoid,
  sign,
  sin,
  sinh,
  sqrt,
  tan,
  tanh,
  trunc,
];
