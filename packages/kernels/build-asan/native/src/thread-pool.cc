#include "thread-pool.h"

#include <cstdlib>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define TSJIT_PAUSE() _mm_pause()
#else
#define TSJIT_PAUSE() ((void)0)
#endif

namespace tsjit {

namespace {
// True on a thread that is inside a parallel region: nested regions run inline.
thread_local bool in_parallel_region = false;

// Spin this many rounds before sleeping: consecutive kernels of a model arrive microseconds apart,
// and a futex wake-up costs more than that.
constexpr int kSpinRounds = 20000;
}  // namespace

ThreadPool::ThreadPool(int threads) : threads_(threads < 1 ? 1 : threads) {
  for (int i = 1; i < threads_; ++i) workers_.emplace_back([this, i] { worker_main(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_.store(true, std::memory_order_release);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadPool::drain(uint32_t seq) {
  for (;;) {
    uint64_t w = claim_.load(std::memory_order_acquire);
    if (static_cast<uint32_t>(w >> 32) != seq) return;  // a later job: not ours
    // The chunk count lives in the same word, so a claim can never pair one job's sequence
    // number with another job's chunks.
    const uint32_t index = static_cast<uint32_t>(w) & 0xffffu;
    if (index >= ((static_cast<uint32_t>(w) >> 16) & 0xffffu)) return;
    if (!claim_.compare_exchange_weak(w, w + 1, std::memory_order_acq_rel, std::memory_order_acquire)) continue;
    // The claim succeeded for job `seq`, so job_ holds that job until active_ drops to zero.
    const int64_t b = job_.begin + job_.chunk * static_cast<int64_t>(index);
    const int64_t e = b + job_.chunk < job_.end ? b + job_.chunk : job_.end;
    if (b < e) job_.fn(job_.ctx, b, e);
  }
}

void ThreadPool::worker_main(int) {
  in_parallel_region = true;
  uint64_t seen = 0;
  for (;;) {
    uint64_t gen = generation_.load(std::memory_order_acquire);
    for (int spin = 0; gen == seen && spin < kSpinRounds; ++spin) {
      TSJIT_PAUSE();
      gen = generation_.load(std::memory_order_acquire);
    }
    if (gen == seen) {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return generation_.load(std::memory_order_acquire) != seen || stop_.load(std::memory_order_acquire); });
      gen = generation_.load(std::memory_order_acquire);
    }
    if (stop_.load(std::memory_order_acquire)) return;
    seen = gen;
    // Register before looking at the claim word: the caller waits for active_ == 0 before it
    // reuses job_, and a registration it missed can only fail its claim (the job is exhausted).
    active_.fetch_add(1, std::memory_order_acq_rel);
    drain(static_cast<uint32_t>(claim_.load(std::memory_order_acquire) >> 32));
    active_.fetch_sub(1, std::memory_order_acq_rel);
  }
}

void ThreadPool::run(int64_t begin, int64_t end, int64_t grain, RangeFn fn, void* ctx) {
  const int64_t n = end - begin;
  if (n <= 0) return;
  if (grain < 1) grain = 1;
  int64_t chunks = (n + grain - 1) / grain;
  if (chunks > threads_) chunks = threads_;
  if (chunks <= 1 || in_parallel_region || !busy_.try_lock()) {
    fn(ctx, begin, end);
    return;
  }
  job_.fn = fn;
  job_.ctx = ctx;
  job_.begin = begin;
  job_.end = end;
  job_.chunk = (n + chunks - 1) / chunks;
  job_.chunks = static_cast<int>(chunks);
  const uint32_t seq = ++seq_;
  claim_.store((static_cast<uint64_t>(seq) << 32) | (static_cast<uint64_t>(chunks) << 16), std::memory_order_release);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  in_parallel_region = true;
  drain(seq);
  in_parallel_region = false;
  while (active_.load(std::memory_order_acquire) != 0) TSJIT_PAUSE();
  busy_.unlock();
}

namespace {
void pool_run(void* pool, int64_t begin, int64_t end, int64_t grain, RangeFn fn, void* ctx) {
  if (pool == nullptr) {
    fn(ctx, begin, end);
    return;
  }
  static_cast<ThreadPool*>(pool)->run(begin, end, grain, fn, ctx);
}

void* scratch_alloc(size_t bytes) {
  if (bytes == 0) bytes = 64;
  const size_t rounded = (bytes + 63) & ~static_cast<size_t>(63);
  return std::aligned_alloc(64, rounded);
}

void scratch_release(void* p) { std::free(p); }
}  // namespace

Parallel make_parallel(ThreadPool* pool) {
  Parallel p;
  p.pool = pool;
  p.threads = pool ? pool->threads() : 1;
  p.run = pool_run;
  p.alloc = scratch_alloc;
  p.release = scratch_release;
  return p;
}

}  // namespace tsjit
