// placeholder, filled in below
#include "common.h"
#ifndef TSJIT_ISA
#include "glue.h"
namespace tsjit {
void register_softmax(Napi::Env, Napi::Object) {}
}  // namespace tsjit
#endif
