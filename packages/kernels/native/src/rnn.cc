// rnn: the element-wise part of one recurrent cell step, forward or backward, fused into one pass
// (the gate GEMMs stay with the GEMM family). Every operand is a [batch, width] matrix with
// contiguous rows and its own row stride, so a step reads and writes slices of whole-sequence
// buffers in place (the hidden state straight into the layer output, for instance).
//
// Operand slots (H: hidden size; "opt" slots may be absent; gate order as PyTorch's weights):
//   LSTM forward   0 gates [B,4H] in, overwritten with (i, f, g, o)   1 c_prev   2 c out   3 h out
//   LSTM backward  0 acts (i, f, g, o)   1 c_prev   2 c   3 dh (opt)   4 dh2 (opt)   5 dc (opt)
//                  6 dgates [B,4H] out   7 dc_prev out (may be slot 5 itself)
//   GRU forward    0 gi [B,3H] in (x W_ih^T + b_ih), overwritten with (r, z, n)   1 gh [B,3H] in
//                  (h W_hh^T + b_hh)   2 h_prev   3 h out
//   GRU backward   0 acts (r, z, n)   1 gh   2 h_prev   3 dh (opt)   4 dh2 (opt)
//                  5 dgi [B,3H] out   6 dgh [B,3H] out   7 dh_prev out (dh * z, before the GEMM part)
//   tanh / relu    forward: 0 pre-activation in   3 h out
//                  backward: 0 h   3 dh (opt)   4 dh2 (opt)   6 dgates out
// dh and dh2 are summed (the gradient from the layer output and from the next step).
#include "common.h"

namespace tsjit {
enum RnnKind : int { kRnnLstm = 0, kRnnGru = 1, kRnnTanh = 2, kRnnRelu = 3 };
constexpr int kRnnSlots = 8;

// One operand: element 0 of row 0, and the row stride in elements; data is null when absent.
struct RnnOperand {
  char* data;
  int64_t row_stride;
};
}  // namespace tsjit

struct RnnFns {
  tsjit::Status (*cell)(int kind, bool backward, tsjit::DType dtype, int64_t batch, int64_t hidden,
                        const tsjit::RnnOperand* ops);
};

#ifdef TSJIT_ISA
#include "vecmath.h"

namespace tsjit {
namespace TSJIT_ISA {
namespace {

template <typename V>
struct Tag {
  using type = V;
};

// Loads and stores of a vector or a single element, by the type asked for.
template <typename V, typename T>
inline V ldv(const T* p) {
  if constexpr (std::is_same<V, T>::value) {
    return *p;
  } else {
    return vload(p);
  }
}
template <typename V, typename T>
inline void stv(T* p, V v) {
  if constexpr (std::is_same<V, T>::value) {
    *p = v;
  } else {
    vstore(p, v);
  }
}

inline vfloat act_sigmoid(vfloat x) { return vsigmoid(x); }
inline float act_sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }
inline double act_sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
inline vfloat act_tanh(vfloat x) { return vtanh(x); }
inline float act_tanh(float x) { return std::tanh(x); }
inline double act_tanh(double x) { return std::tanh(x); }
// max(x, 0) keeping NaN, as relu does.
inline vfloat act_relu(vfloat x) { return vmax_keepnan(x, 0.0f); }
inline float act_relu(float x) { return x < 0.0f ? 0.0f : x; }
inline double act_relu(double x) { return x < 0.0 ? 0.0 : x; }
// g where h > 0, else 0 (threshold_backward of relu at 0).
inline vfloat where_positive(vfloat h, vfloat g) { return h > 0.0f ? g : vsplat(0.0f); }
inline float where_positive(float h, float g) { return h > 0.0f ? g : 0.0f; }
inline double where_positive(double h, double g) { return h > 0.0 ? g : 0.0; }

// Runs body(Tag<V>, j) over the columns [0, width): vectors of float32 where they fit, then elements.
template <typename T, typename Body>
inline void columns(int64_t width, const Body& body) {
  int64_t j = 0;
  if constexpr (std::is_same<T, float>::value && !kReference) {
    for (; j + kLanes <= width; j += kLanes) body(Tag<vfloat>{}, j);
  }
  for (; j < width; ++j) body(Tag<T>{}, j);
}

template <typename T>
struct Rows {
  const RnnOperand* ops;
  int64_t b;
  T* row(int k) const { return ops[k].data == nullptr ? nullptr : reinterpret_cast<T*>(ops[k].data) + b * ops[k].row_stride; }
};

// dh + dh2 at column j (either may be absent).
template <typename V, typename T>
inline V sum_dh(const T* dh, const T* dh2, int64_t j) {
  V r = V{} + T(0);
  if (dh != nullptr) r = r + ldv<V>(dh + j);
  if (dh2 != nullptr) r = r + ldv<V>(dh2 + j);
  return r;
}

template <typename T>
void lstm_forward(int64_t batch, int64_t H, const RnnOperand* ops) {
  for (int64_t b = 0; b < batch; ++b) {
    const Rows<T> r{ops, b};
    T* gates = r.row(0);
    const T* c_prev = r.row(1);
    T* c_out = r.row(2);
    T* h_out = r.row(3);
    columns<T>(H, [&](auto tag, int64_t j) {
      using V = typename decltype(tag)::type;
      const V i = act_sigmoid(ldv<V>(gates + j));
      const V f = act_sigmoid(ldv<V>(gates + H + j));
      const V g = act_tanh(ldv<V>(gates + 2 * H + j));
      const V o = act_sigmoid(ldv<V>(gates + 3 * H + j));
      const V c = f * ldv<V>(c_prev + j) + i * g;
      stv<V>(gates + j, i);
      stv<V>(gates + H + j, f);
      stv<V>(gates + 2 * H + j, g);
      stv<V>(gates + 3 * H + j, o);
      stv<V>(c_out + j, c);
      stv<V>(h_out + j, o * act_tanh(c));
    });
  }
}

template <typename T>
void lstm_backward(int64_t batch, int64_t H, const RnnOperand* ops) {
  for (int64_t b = 0; b < batch; ++b) {
    const Rows<T> r{ops, b};
    const T* acts = r.row(0);
    const T* c_prev = r.row(1);
    const T* c = r.row(2);
    const T* dh_a = r.row(3);
    const T* dh_b = r.row(4);
    const T* dc = r.row(5);
    T* dg = r.row(6);
    T* dc_prev = r.row(7);
    columns<T>(H, [&](auto tag, int64_t j) {
      using V = typename decltype(tag)::type;
      const T one = T(1);
      const V i = ldv<V>(acts + j);
      const V f = ldv<V>(acts + H + j);
      const V g = ldv<V>(acts + 2 * H + j);
      const V o = ldv<V>(acts + 3 * H + j);
      const V tc = act_tanh(ldv<V>(c + j));
      const V dh = sum_dh<V>(dh_a, dh_b, j);
      V dct = dh * o * (one - tc * tc);
      if (dc != nullptr) dct = dct + ldv<V>(dc + j);
      stv<V>(dg + j, dct * g * i * (one - i));
      stv<V>(dg + H + j, dct * ldv<V>(c_prev + j) * f * (one - f));
      stv<V>(dg + 2 * H + j, dct * i * (one - g * g));
      stv<V>(dg + 3 * H + j, dh * tc * o * (one - o));
      stv<V>(dc_prev + j, dct * f);
    });
  }
}

template <typename T>
void gru_forward(int64_t batch, int64_t H, const RnnOperand* ops) {
  for (int64_t b = 0; b < batch; ++b) {
    const Rows<T> r{ops, b};
    T* gi = r.row(0);
    const T* gh = r.row(1);
    const T* h_prev = r.row(2);
    T* h_out = r.row(3);
    columns<T>(H, [&](auto tag, int64_t j) {
      using V = typename decltype(tag)::type;
      const T one = T(1);
      const V rg = act_sigmoid(ldv<V>(gi + j) + ldv<V>(gh + j));
      const V z = act_sigmoid(ldv<V>(gi + H + j) + ldv<V>(gh + H + j));
      const V n = act_tanh(ldv<V>(gi + 2 * H + j) + rg * ldv<V>(gh + 2 * H + j));
      stv<V>(gi + j, rg);
      stv<V>(gi + H + j, z);
      stv<V>(gi + 2 * H + j, n);
      stv<V>(h_out + j, (one - z) * n + z * ldv<V>(h_prev + j));
    });
  }
}

template <typename T>
void gru_backward(int64_t batch, int64_t H, const RnnOperand* ops) {
  for (int64_t b = 0; b < batch; ++b) {
    const Rows<T> r{ops, b};
    const T* acts = r.row(0);
    const T* gh = r.row(1);
    const T* h_prev = r.row(2);
    const T* dh_a = r.row(3);
    const T* dh_b = r.row(4);
    T* dgi = r.row(5);
    T* dgh = r.row(6);
    T* dh_prev = r.row(7);
    columns<T>(H, [&](auto tag, int64_t j) {
      using V = typename decltype(tag)::type;
      const T one = T(1);
      const V rg = ldv<V>(acts + j);
      const V z = ldv<V>(acts + H + j);
      const V n = ldv<V>(acts + 2 * H + j);
      const V dh = sum_dh<V>(dh_a, dh_b, j);
      const V dn = dh * (one - z) * (one - n * n);
      const V dz = dh * (ldv<V>(h_prev + j) - n) * z * (one - z);
      const V dr = dn * ldv<V>(gh + 2 * H + j) * rg * (one - rg);
      stv<V>(dgi + j, dr);
      stv<V>(dgi + H + j, dz);
      stv<V>(dgi + 2 * H + j, dn);
      stv<V>(dgh + j, dr);
      stv<V>(dgh + H + j, dz);
      stv<V>(dgh + 2 * H + j, dn * rg);
      stv<V>(dh_prev + j, dh * z);
    });
  }
}

template <typename T, bool RELU>
void simple_forward(int64_t batch, int64_t H, const RnnOperand* ops) {
  for (int64_t b = 0; b < batch; ++b) {
    const Rows<T> r{ops, b};
    const T* pre = r.row(0);
    T* h_out = r.row(3);
    columns<T>(H, [&](auto tag, int64_t j) {
      using V = typename decltype(tag)::type;
      const V x = ldv<V>(pre + j);
      stv<V>(h_out + j, RELU ? act_relu(x) : act_tanh(x));
    });
  }
}

template <typename T, bool RELU>
void simple_backward(int64_t batch, int64_t H, const RnnOperand* ops) {
  for (int64_t b = 0; b < batch; ++b) {
    const Rows<T> r{ops, b};
    const T* h = r.row(0);
    const T* dh_a = r.row(3);
    const T* dh_b = r.row(4);
    T* dg = r.row(6);
    columns<T>(H, [&](auto tag, int64_t j) {
      using V = typename decltype(tag)::type;
      const T one = T(1);
      const V hv = ldv<V>(h + j);
      const V dh = sum_dh<V>(dh_a, dh_b, j);
      stv<V>(dg + j, RELU ? where_positive(hv, dh) : dh * (one - hv * hv));
    });
  }
}

template <typename T>
bool cell_typed(int kind, bool backward, int64_t batch, int64_t hidden, const RnnOperand* ops) {
  switch (kind) {
    case kRnnLstm: backward ? lstm_backward<T>(batch, hidden, ops) : lstm_forward<T>(batch, hidden, ops); return true;
    case kRnnGru: backward ? gru_backward<T>(batch, hidden, ops) : gru_forward<T>(batch, hidden, ops); return true;
    case kRnnTanh:
      backward ? simple_backward<T, false>(batch, hidden, ops) : simple_forward<T, false>(batch, hidden, ops);
      return true;
    case kRnnRelu:
      backward ? simple_backward<T, true>(batch, hidden, ops) : simple_forward<T, true>(batch, hidden, ops);
      return true;
    default: return false;
  }
}

Status cell(int kind, bool backward, DType dtype, int64_t batch, int64_t hidden, const RnnOperand* ops) {
  bool done = false;
  if (dtype == DType::Float32) done = cell_typed<float>(kind, backward, batch, hidden, ops);
  if (dtype == DType::Float64) done = cell_typed<double>(kind, backward, batch, hidden, ops);
  return done ? Status{} : Status{StatusCode::InvalidArgument};
}

}  // namespace

const RnnFns* rnn_fns() {
  static const RnnFns fns{cell};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(RnnFns, rnn_fns)

namespace {

// rnnCell(kind, backward, dtype, batch, hidden, meta, b0 .. b7)
//   meta = per slot: present (0/1), offset, row stride (elements); binding.ts validated the extents.
Napi::Value RnnCell(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const int kind = info[0].As<Napi::Number>().Int32Value();
  const bool backward = info[1].As<Napi::Boolean>().Value();
  const DType dtype = static_cast<DType>(info[2].As<Napi::Number>().Int32Value());
  const int64_t batch = info[3].As<Napi::Number>().Int64Value();
  const int64_t hidden = info[4].As<Napi::Number>().Int64Value();
  size_t len;
  const double* meta = meta_arg(info, 5, &len);
  if (len < 3 * kRnnSlots || (dtype != DType::Float32 && dtype != DType::Float64)) {
    throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  }
  RnnOperand ops[kRnnSlots];
  for (int k = 0; k < kRnnSlots; ++k) {
    const bool present = meta[3 * k] != 0;
    if (present) {
      const Bytes b = bytes_arg(info, 6 + k);
      ops[k].data = b.data + as_i64(meta[3 * k + 1]) * static_cast<int64_t>(item_size(dtype));
    } else {
      ops[k].data = nullptr;
    }
    ops[k].row_stride = as_i64(meta[3 * k + 2]);
  }
  const Status s = select_rnn_fns(inst).cell(kind, backward, dtype, batch, hidden, ops);
  if (!s.ok()) throw_status(info.Env(), s);
  return info.Env().Undefined();
}

}  // namespace

void register_rnn(Napi::Env env, Napi::Object exports) {
  exports.Set("rnnCell", Napi::Function::New(env, RnnCell, "rnnCell"));
}

}  // namespace tsjit
#endif
