import type { Value } from '@tsjit/ir';
import { type DType, isFloatingDtype } from '@tsjit/ops';
import { SymbolicGradientError } from './symbolic-gradient-error.js';

/** What the engine knows statically about a tensor value: its sizes and dtype (from its type or a profile). */
export interface TensorInfo {
  readonly sizes?: readonly number[];
  readonly dtype?: DType;
  /** The geometry of a profiled tensor, for the few rules that depend on it (as_strided). */
  readonly strides?: readonly number[];
  readonly offset?: number;
  /** The profiled tensor itself: integer and bool tensors (masks, indices) can decide result shapes. */
  readonly data?: unknown;
}

/** Where a SymTensor's static facts come from, so that reading them can be recorded as an assumption. */
export interface InfoReader {
  /** Called when a rule reads the sizes or dtype of a forward value: the backward now assumes them. */
  assume(forward: Value): void;
  /** Called when the backward is built from the profiled contents of `forward` (a mask that decides a shape). */
  assumeData(forward: Value): void;
}

/**
 * A tensor as a derivative rule sees it in graph mode: an IR value of the forward graph (read by
 * the backward through a capture) or of the backward graph, with the sizes and dtype the engine
 * knows. Rules read `.sizes` and `.dtype` as they do on eager tensors; reading the data of one
 * is impossible symbolically and raises a SymbolicGradientError.
 */
export class SymTensor {
  /** The value in the forward graph, when the tensor is one of the forward's. */
  readonly forward: Value | undefined;
  /** The value in the backward graph (a capture of `forward`, or computed there); set on first use. */
  backward: Value | undefined;
  readonly #info: TensorInfo | undefined;
  readonly #reader: InfoReader;
  /** The forward value whose facts this tensor shares (itself, or the output an incoming gradient belongs to). */
  readonly #source: Value | undefined;

  constructor(
    reader: InfoReader,
    refs: { forward?: Value; backward?: Value; source?: Value },
    info: TensorInfo | undefined,
  ) {
    this.#reader = reader;
    this.forward = refs.forward;
    this.backward = refs.backward;
    this.#source = refs.source ?? refs.forward;
    this.#info = info;
  }

  get sizes(): readonly number[] {
    const sizes = this.#info?.sizes;
    if (sizes === undefined) {
      throw new SymbolicGradientError(`a derivative rule needs the sizes of %${this.#name()}, which are not known`);
    }
    if (this.#source) this.#reader.assume(this.#source);
    return sizes;
  }

  get dtype(): DType {
    const dtype = this.#info?.dtype;
    if (dtype === undefined) {
      throw new SymbolicGradientError(`a derivative rule needs the dtype of %${this.#name()}, which is not known`);
    }
    if (this.#source) this.#reader.assume(this.#source);
    return dtype;
  }

  get strides(): readonly number[] {
    const strides = this.#info?.strides;
    if (strides === undefined) {
      throw new SymbolicGradientError(`a derivative rule needs the strides of %${this.#name()}, which are not known`);
    }
    if (this.#source) this.#reader.assume(this.#source);
    return strides;
  }

  get offset(): number {
    const offset = this.#info?.offset;
    if (offset === undefined) {
      throw new SymbolicGradientError(
        `a derivative rule needs the storage offset of %${this.#name()}, which is not known`,
      );
    }
    if (this.#source) this.#reader.assume(this.#source);
    return offset;
  }

  get data(): Uint8Array {
    // Integer and bool tensors that were profiled (batch sizes, masks) may be read: the backward
    // is then built for their contents, which its guards check.
    const dtype = this.#info?.dtype;
    if (dtype !== undefined && !isFloatingDtype(dtype)) {
      const data = this.profiledData() as { data?: Uint8Array } | undefined;
      if (data?.data !== undefined) return data.data;
    }
    throw new SymbolicGradientError(
      `a derivative rule reads the data of %${this.#name()}: data-dependent rules have no symbolic form`,
    );
  }

  /**
   * The profiled tensor, for inferring result shapes by running an op; recorded as an assumption
   * on the contents of the forward value. Undefined when not profiled.
   */
  profiledData(): unknown {
    const data = this.#info?.data;
    if (data !== undefined && this.#source) this.#reader.assumeData(this.#source);
    return data;
  }

  /** The static facts without recording an assumption (for types of new values). */
  get info(): TensorInfo | undefined {
    return this.#info;
  }

  #name(): string {
    const v = this.forward ?? this.backward;
    if (v === undefined) return '?';
    return this.forward ? v.debugName() : `${v.debugName()} (from ${v.node.kind} in the backward)`;
  }
}
