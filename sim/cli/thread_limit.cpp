#include "sim/cli/thread_limit.hpp"

#include <tbb/task_arena.h>

#include <cstddef>

namespace simrun {

ThreadLimit::ThreadLimit(int threads)
    : threads_(threads > 0 ? threads : tbb::this_task_arena::max_concurrency()) {
  if (threads > 0) limit_.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
}

}  // namespace simrun
