import type { TorchScriptDefinition } from '../module/torchscript-definition.js';
import { scriptClassLine } from './define-script.js';
import type { MultiheadAttention } from './multihead-attention.js';

// PyTorch's MultiheadAttention.forward and F.multi_head_attention_forward (general path) as
// TorchScript methods of the class; `_attention` is the functional, sequence-first. As in PyTorch
// (and the eager layer), self-attention (query, key and value one tensor, kept one through the
// batch-first transpose) projects with one matmul by the packed weight, then chunks.
const body = `    embed_dim: int
    kdim: int
    vdim: int
    _qkv_same_embed_dim: bool
    num_heads: int
    dropout: float
    batch_first: bool
    head_dim: int
    add_zero_attn: bool
    in_proj_weight: Optional[Tensor]
    q_proj_weight: Optional[Tensor]
    k_proj_weight: Optional[Tensor]
    v_proj_weight: Optional[Tensor]
    in_proj_bias: Optional[Tensor]
    bias_k: Optional[Tensor]
    bias_v: Optional[Tensor]
    def forward(self, query: Tensor, key: Tensor, value: Tensor, key_padding_mask: Optional[Tensor] = None, need_weights: bool = True, attn_mask: Optional[Tensor] = None, average_attn_weights: bool = True) -> Tuple[Tensor, Optional[Tensor]]:
        is_batched = query.dim() == 3
        if key_padding_mask is not None:
            if key_padding_mask.dtype != torch.bool and not key_padding_mask.is_floating_point():
                raise AssertionError("only bool and floating types of key_padding_mask are supported")
        if self.batch_first and is_batched:
            if key is value:
                if query is key:
                    query = query.transpose(1, 0)
                    key = query
                    value = query
                else:
                    query = query.transpose(1, 0)
                    key = key.transpose(1, 0)
                    value = key
            else:
                query = query.transpose(1, 0)
                key = key.transpose(1, 0)
                value = value.transpose(1, 0)
        result = self._attention(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights)
        if self.batch_first and is_batched:
            return result[0].transpose(1, 0), result[1]
        return result
    def _bias_chunk(self, i: int) -> Optional[Tensor]:
        b = self.in_proj_bias
        if b is None:
            return None
        return b.chunk(3)[i]
    def _proj_weight(self, i: int) -> Tensor:
        if self._qkv_same_embed_dim:
            w = self.in_proj_weight
            if w is None:
                raise AssertionError("use_separate_proj_weight is False but in_proj_weight is None")
            # i < 0: the packed weight, self-attention's one projection
            if i < 0:
                return w
            return w.chunk(3)[i]
        if i == 0:
            w = self.q_proj_weight
        elif i == 1:
            w = self.k_proj_weight
        else:
            w = self.v_proj_weight
        if w is None:
            raise AssertionError("use_separate_proj_weight is True but a projection weight is None")
        return w
    def _attention(self, query: Tensor, key: Tensor, value: Tensor, key_padding_mask: Optional[Tensor], need_weights: bool, attn_mask: Optional[Tensor], average_attn_weights: bool) -> Tuple[Tensor, Optional[Tensor]]:
        is_batched = query.dim() == 3
        if not is_batched:
            query = query.unsqueeze(1)
            key = key.unsqueeze(1)
            value = value.unsqueeze(1)
            if key_padding_mask is not None:
                key_padding_mask = key_padding_mask.unsqueeze(0)
        tgt_len = query.size(0)
        bsz = query.size(1)
        embed_dim = query.size(2)
        num_heads = self.num_heads
        head_dim = embed_dim // num_heads
        if embed_dim != self.embed_dim:
            raise AssertionError("was expecting embedding dimension of {}, but got {}".format(self.embed_dim, embed_dim))
        if self._qkv_same_embed_dim and key is value and query is key:
            qkv = torch._C._nn.linear(query, self._proj_weight(-1), self.in_proj_bias).chunk(3, -1)
            q = qkv[0]
            k = qkv[1]
            v = qkv[2]
        else:
            q = torch._C._nn.linear(query, self._proj_weight(0), self._bias_chunk(0))
            k = torch._C._nn.linear(key, self._proj_weight(1), self._bias_chunk(1))
            v = torch._C._nn.linear(value, self._proj_weight(2), self._bias_chunk(2))
        src_len = key.size(0)
        if attn_mask is not None:
            if attn_mask.dtype == torch.uint8:
                attn_mask = attn_mask.to(torch.bool)
            if attn_mask.dim() == 2:
                if attn_mask.size() != [tgt_len, src_len]:
                    raise RuntimeError("The shape of the 2D attn_mask is {}, but should be {}.".format(attn_mask.size(), (tgt_len, src_len)))
                attn_mask = attn_mask.unsqueeze(0)
            elif attn_mask.dim() == 3:
                if attn_mask.size() != [bsz * num_heads, tgt_len, src_len]:
                    raise RuntimeError("The shape of the 3D attn_mask is {}, but should be {}.".format(attn_mask.size(), (bsz * num_heads, tgt_len, src_len)))
            else:
                raise RuntimeError("attn_mask's dimension {} is not supported".format(attn_mask.dim()))
        bias_k = self.bias_k
        bias_v = self.bias_v
        if bias_k is not None:
            if bias_v is not None:
                k = torch.cat([k, bias_k.repeat([1, bsz, 1])])
                v = torch.cat([v, bias_v.repeat([1, bsz, 1])])
                if attn_mask is not None:
                    attn_mask = torch.constant_pad_nd(attn_mask, [0, 1])
                if key_padding_mask is not None:
                    key_padding_mask = torch.constant_pad_nd(key_padding_mask, [0, 1])
        q = q.contiguous().view(tgt_len, bsz * num_heads, head_dim).transpose(0, 1)
        k = k.contiguous().view(k.size(0), bsz * num_heads, head_dim).transpose(0, 1)
        v = v.contiguous().view(v.size(0), bsz * num_heads, head_dim).transpose(0, 1)
        if self.add_zero_attn:
            k = torch.cat([k, torch.zeros([bsz * num_heads, 1, head_dim], dtype=k.dtype, device=k.device)], 1)
            v = torch.cat([v, torch.zeros([bsz * num_heads, 1, head_dim], dtype=v.dtype, device=v.device)], 1)
            if attn_mask is not None:
                attn_mask = torch.constant_pad_nd(attn_mask, [0, 1])
            if key_padding_mask is not None:
                key_padding_mask = torch.constant_pad_nd(key_padding_mask, [0, 1])
        src_len = k.size(1)
        if key_padding_mask is not None:
            if key_padding_mask.size() != [bsz, src_len]:
                raise AssertionError("expecting key_padding_mask shape of {}, but got {}".format((bsz, src_len), key_padding_mask.size()))
            kpm = key_padding_mask.view(bsz, 1, 1, src_len).expand(-1, num_heads, -1, -1).reshape(bsz * num_heads, 1, src_len)
            if attn_mask is None:
                attn_mask = kpm
            elif attn_mask.dtype == torch.bool:
                attn_mask = attn_mask.logical_or(kpm)
            else:
                attn_mask = attn_mask.masked_fill(kpm, float("-inf"))
        if attn_mask is not None:
            if attn_mask.dtype == torch.bool:
                attn_mask = torch.zeros_like(attn_mask, dtype=q.dtype).masked_fill(attn_mask, float("-inf"))
        dropout_p = self.dropout if self.training else 0.0
        q_scaled = q / math.sqrt(float(q.size(2)))
        if attn_mask is not None:
            weights = torch.baddbmm(attn_mask, q_scaled, k.transpose(-2, -1))
        else:
            weights = torch.bmm(q_scaled, k.transpose(-2, -1))
        weights = torch.softmax(weights, -1)
        if dropout_p > 0.0:
            weights = torch.dropout(weights, dropout_p, True)
        attn_output = torch.bmm(weights, v)
        attn_output = attn_output.transpose(0, 1).contiguous().view(tgt_len * bsz, embed_dim)
        attn_output = self.out_proj(attn_output)
        attn_output = attn_output.view(tgt_len, bsz, attn_output.size(1))
        if need_weights:
            weights = weights.view(bsz, num_heads, tgt_len, src_len)
            if average_attn_weights:
                weights = weights.sum(dim=1) / num_heads
            if not is_batched:
                attn_output = attn_output.squeeze(1)
                weights = weights.squeeze(0)
            return attn_output, weights
        if not is_batched:
            attn_output = attn_output.squeeze(1)
        return attn_output, None
`;

/** MultiheadAttention's TorchScript class; `out_proj` is typed with its class in the same unit. */
export const multiheadAttentionScript: TorchScriptDefinition<MultiheadAttention> = {
  source: (m, options) => {
    const outProj = options?.childType?.(m.out_proj) ?? m.out_proj.constructor.name;
    return `${scriptClassLine(m, options)}    out_proj: ${outProj}\n${body}`;
  },
  attributes: (m) => ({
    training: m.training,
    embed_dim: m.embedDim,
    kdim: m.kdim,
    vdim: m.vdim,
    _qkv_same_embed_dim: m.qkvSameEmbedDim,
    num_heads: m.numHeads,
    dropout: m.dropout,
    batch_first: m.batchFirst,
    head_dim: m.headDim,
    add_zero_attn: m.addZeroAttn,
    in_proj_weight: m.in_proj_weight,
    q_proj_weight: m.q_proj_weight,
    k_proj_weight: m.k_proj_weight,
    v_proj_weight: m.v_proj_weight,
    in_proj_bias: m.in_proj_bias,
    bias_k: m.bias_k,
    bias_v: m.bias_v,
  }),
};
