import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext } from '../core/tensor-like.js';
import { checkDevice, convert, optionalDtype } from '../groups/conversion.js';

function checkLayout(layout: unknown): void {
  if (layout === null || layout === undefined || layout === 0 || layout === 'strided' || layout === 'torch.strided') {
    return;
  }
  throw new OpError(
    `to(options) doesn't support converting to a different layout, but got self.layout being Strided and options.layout set as ${String(layout)}`,
  );
}

const byDtype = (args: OpArgs, ctx: OpContext) => {
  // `x.to('cpu')` from JavaScript reaches this overload (a device string also matches ScalarType).
  if (typeof args.dtype === 'string' && /^(cpu|cuda|meta|mps)(:\d+)?$/.test(args.dtype)) {
    checkDevice(args.dtype);
    return convert(ctx, args.self, null, args.copy, args.memory_format);
  }
  return convert(ctx, args.self, optionalDtype(args.dtype), args.copy, args.memory_format);
};

/** Tensor.to: dtype conversion on the CPU; returns self when nothing changes and copy=False. */
export const to = defineOp({
  schemas: [
    'aten::to.device(Tensor(a) self, Device device, ScalarType dtype, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)',
    'aten::to.dtype(Tensor(a) self, ScalarType dtype, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)',
    'aten::to.other(Tensor(a) self, Tensor other, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)',
    'aten::to.dtype_layout(Tensor(a) self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)',
    'aten::to.prim_Device(Tensor(a) self, Device? device, int? dtype=None, bool non_blocking=False, bool copy=False) -> Tensor(b|a)',
    'aten::to.prim_dtype(Tensor(a) self, int? dtype=None, bool non_blocking=False, bool copy=False) -> Tensor(b|a)',
    'aten::to.prim_other(Tensor(a) self, bool non_blocking=False, bool copy=False) -> Tensor(b|a)',
  ],
  impl: {
    device: (args, ctx) => {
      checkDevice(args.device);
      return convert(ctx, args.self, optionalDtype(args.dtype), args.copy, args.memory_format);
    },
    dtype: byDtype,
    other: (args, ctx) => convert(ctx, args.self, args.other.dtype, args.copy, args.memory_format),
    dtype_layout: (args, ctx) => {
      checkLayout(args.layout);
      checkDevice(args.device);
      return convert(ctx, args.self, optionalDtype(args.dtype), args.copy, args.memory_format);
    },
    prim_Device: (args, ctx) => {
      checkDevice(args.device);
      return convert(ctx, args.self, optionalDtype(args.dtype), args.copy, null);
    },
    prim_dtype: (args, ctx) => convert(ctx, args.self, optionalDtype(args.dtype), args.copy, null),
    prim_other: (args, ctx) => convert(ctx, args.self, null, args.copy, null),
  },
  derivative: (F, { grad, self }) => ({ self: F.typeAs(grad, self) }),
  samples: (S) => [
    S.call('to.dtype', [S.randn([2, 3]), 7]),
    S.call('to.dtype', [S.randn([2, 3], 'transposed'), 3]),
    S.call('to.dtype', [S.t([2, 3], { low: -300, high: 300 }), 0]),
    S.call('to.dtype', [S.randn([4], 'strided'), 11]),
    S.call('to.dtype', [S.randn([2, 3]), 6]),
    S.call('to.dtype', [S.randn([2, 3]), 6, false, true]),
    S.call('to.dtype', [S.ints([2, 3]), 5], { copy: true }),
    S.call('to.dtype', [S.randn([]), 15]),
    S.call('to.dtype', [S.randn([0, 2]), 4]),
    S.call('to.dtype', [S.randn([1, 2, 2, 3]), 7], { memory_format: 2 }),
    S.call('to.dtype', [S.randn([2, 3], 'transposed'), 6], { memory_format: 0 }),
    S.error('to.dtype', [S.randn([2, 3]), 6], 'required rank 4 tensor to use channels_last format', {
      memory_format: 2,
    }),
    S.call('to.device', [S.randn([2, 3]), 'cpu', 4]),
    S.call('to.device', [S.randn([2, 3], 'offset'), 'cpu', 6, false, true]),
    S.error('to.device', [S.randn([2]), 'cuda', 6], 'PyTorch is not linked with support for cuda devices'),
    S.call('to.other', [S.randn([2, 3]), S.ints([1], -5, 5, 'int8')]),
    S.call('to.other', [S.ints([2, 3]), S.ints([])]),
    S.call('to.dtype_layout', [S.randn([2, 3])], { dtype: 3, device: 'cpu', layout: null }),
    S.call('to.dtype_layout', [S.randn([2, 3], 'transposed')], { copy: true }),
    S.call('to.dtype_layout', [S.ints([2, 3])], { dtype: 7, pin_memory: false }),
    S.error('to.dtype_layout', [S.randn([3])], 'PyTorch is not linked with support for cuda devices', {
      dtype: 3,
      device: 'cuda',
      layout: null,
    }),
    S.call('to.prim_Device', [S.randn([2, 3]), null]),
    S.call('to.prim_dtype', [S.ints([2, 3]), null, false, false]),
  ],
});
