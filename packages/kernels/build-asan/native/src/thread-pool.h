// The intra-op thread pool: one per addon instance (each worker thread that loads the addon has
// its own), so no state is shared between JS threads.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "common.h"

namespace tsjit {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return threads_; }
  void run(int64_t begin, int64_t end, int64_t grain, RangeFn fn, void* ctx);

 private:
  struct Job {
    RangeFn fn = nullptr;
    void* ctx = nullptr;
    int64_t begin = 0, end = 0, chunk = 0;
    int chunks = 0;
  };
  void worker_main(int index);
  // Claims and runs chunks of the job with sequence number `seq` until none is left.
  void drain(uint32_t seq);

  int threads_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;       // guards generation_/stop_ for the condition variable
  std::mutex busy_;        // one parallel region at a time per pool
  std::condition_variable wake_;
  Job job_;
  std::atomic<uint64_t> generation_{0};
  // Chunks are claimed, not assigned: claim_ = (job sequence << 32) | (chunks << 16) | next chunk.
  // Whoever is running claims the next chunk, so a worker that the OS has not scheduled yet
  // delays nobody: the caller runs the chunks itself and returns once no claimed chunk is still
  // running. (Chunks never exceed the thread count, at most 1024.)
  std::atomic<uint64_t> claim_{0};
  std::atomic<int> active_{0};  // threads that may be inside drain()
  uint32_t seq_ = 0;
  std::atomic<bool> stop_{false};
};

// Parallel record for kernels, backed by a pool (or running everything inline when pool is null).
Parallel make_parallel(ThreadPool* pool);

}  // namespace tsjit
