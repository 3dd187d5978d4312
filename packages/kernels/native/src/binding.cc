// The addon's entry point: creates the per-instance state (thread pool, kernel path) and
// registers every kernel family. Context-aware: each JS thread that loads it gets its own state.
#include <napi.h>

#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

#include <string>

#include "glue.h"

namespace tsjit {

// One line per kernel family (defined in <family>.cc).
void register_copy(Napi::Env env, Napi::Object exports);
void register_reduce(Napi::Env env, Napi::Object exports);
void register_softmax(Napi::Env env, Napi::Object exports);
void register_scan(Napi::Env env, Napi::Object exports);
void register_sort(Napi::Env env, Napi::Object exports);
void register_gemm(Napi::Env env, Napi::Object exports);
void register_conv(Napi::Env env, Napi::Object exports);
void register_index(Napi::Env env, Napi::Object exports);
void register_pool(Napi::Env env, Napi::Object exports);
void register_upsample(Napi::Env env, Napi::Object exports);
void register_unary(Napi::Env env, Napi::Object exports);
void register_binary(Napi::Env env, Napi::Object exports);
void register_ternary(Napi::Env env, Napi::Object exports);
void register_rnn(Napi::Env env, Napi::Object exports);

namespace {

int default_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

void set_threads(Instance& inst, int n) {
  inst.pool.reset();
  inst.pool = std::make_unique<ThreadPool>(n);
  inst.parallel = make_parallel(inst.pool.get());
}

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  set_threads(instance(info.Env()), info[0].As<Napi::Number>().Int32Value());
  return info.Env().Undefined();
}

Napi::Value GetNumThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), instance(info.Env()).parallel.threads);
}

// setKernelPath(code): 0 reference, 1 portable, 2 avx2, 3 avx512 (binding.ts checks support).
Napi::Value SetKernelPath(const Napi::CallbackInfo& info) {
  instance(info.Env()).isa = static_cast<Isa>(info[0].As<Napi::Number>().Int32Value());
  return info.Env().Undefined();
}

Napi::Value GetKernelPath(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<int>(instance(info.Env()).isa));
}

// keepFreedMemory(bytes): asks glibc's malloc to serve allocations up to `bytes` from its heap
// (not a fresh mmap each) and to keep freed memory instead of returning it to the OS. Tensor
// storages are ArrayBuffers that V8 frees only when it collects them; without this, every large
// op output costs fresh zero pages (page faults) instead of reusing the memory of a dead tensor,
// several times the cost of a fast kernel. Returns false where malloc is not glibc's.
Napi::Value KeepFreedMemory(const Napi::CallbackInfo& info) {
#if defined(__GLIBC__)
  const double bytes = info[0].As<Napi::Number>().DoubleValue();
  const int threshold = static_cast<int>(bytes);
  const bool ok = mallopt(M_MMAP_THRESHOLD, threshold) == 1 && mallopt(M_TRIM_THRESHOLD, threshold * 4) == 1;
  return Napi::Boolean::New(info.Env(), ok);
#else
  return Napi::Boolean::New(info.Env(), false);
#endif
}

// mapFile(path): the file's bytes as an ArrayBuffer backed by a private copy-on-write mapping
// (mmap MAP_PRIVATE): nothing is read until a page is touched, pages come from the OS page cache
// (shared by every process mapping the file), and writes stay private to this buffer. The mapping
// is unmapped when V8 collects the buffer. Throws (with errno's text) when the path is not a
// regular file or cannot be mapped. Where mmap does not exist, returns undefined (the caller
// reads the file instead).
Napi::Value MapFile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
#if defined(__unix__) || defined(__APPLE__)
  const std::string path = info[0].As<Napi::String>().Utf8Value();
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Napi::Error::New(env, "mapFile: cannot open '" + path + "': " + std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const int err = errno;
    close(fd);
    throw Napi::Error::New(env, "mapFile: '" + path + "' is not a regular file" +
                                    (err != 0 ? std::string(": ") + std::strerror(err) : std::string()));
  }
  const size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) {
    close(fd);
    return Napi::ArrayBuffer::New(env, 0);
  }
  void* data = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  const int err = errno;
  close(fd);  // the mapping keeps the file open
  if (data == MAP_FAILED) throw Napi::Error::New(env, "mapFile: cannot map '" + path + "': " + std::strerror(err));
  auto* length = new size_t(size);
  return Napi::ArrayBuffer::New(
      env, data, size, [](Napi::Env, void* p, size_t* n) {
        munmap(p, *n);
        delete n;
      },
      length);
#else
  return env.Undefined();
#endif
}

Napi::Value DetectedIsa(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<int>(detected_isa()));
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto* inst = new Instance();
  inst->isa = detected_isa();
  set_threads(*inst, default_threads());
  env.SetInstanceData<Instance>(inst);  // deleted with the environment

  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads, "setNumThreads"));
  exports.Set("getNumThreads", Napi::Function::New(env, GetNumThreads, "getNumThreads"));
  exports.Set("setKernelPath", Napi::Function::New(env, SetKernelPath, "setKernelPath"));
  exports.Set("getKernelPath", Napi::Function::New(env, GetKernelPath, "getKernelPath"));
  exports.Set("detectedIsa", Napi::Function::New(env, DetectedIsa, "detectedIsa"));
  exports.Set("keepFreedMemory", Napi::Function::New(env, KeepFreedMemory, "keepFreedMemory"));
  exports.Set("mapFile", Napi::Function::New(env, MapFile, "mapFile"));

  register_copy(env, exports);
  register_reduce(env, exports);
  register_softmax(env, exports);
  register_scan(env, exports);
  register_sort(env, exports);
  register_gemm(env, exports);
  register_conv(env, exports);
  register_index(env, exports);
  register_pool(env, exports);
  register_upsample(env, exports);
  register_unary(env, exports);
  register_binary(env, exports);
  register_ternary(env, exports);
  register_rnn(env, exports);
  return exports;
}

}  // namespace tsjit

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return tsjit::Init(env, exports); }

NODE_API_MODULE(tsjit_kernels, InitAddon)
