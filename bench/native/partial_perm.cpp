// Native baseline for the green-list membership test: the straightforward loop with std::mt19937
// (the same generator as torch's CPU engine) and the hardware `%`. Built and timed by
// bench/rng-bench.ts; the contexts below are generated exactly as there, so both sides must report the
// same draw and green counts.
//
// usage: partial_perm raw <draws> <repeats>
//        partial_perm membership <vocab> <gamma> <select 0|1> <contexts> <repeats> <mod32|mod64>
// prints one JSON object on stdout.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

using Clock = std::chrono::steady_clock;

static double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

static uint32_t context_seed(uint32_t c) { return c * 2654435761u + 12345u; }
static uint32_t context_target(uint32_t c, uint32_t n) { return (c * 40503u) % n; }

// Returns the step at which `target` is placed, or -1 if it is not placed within `steps` steps.
template <typename ModT>
static int64_t placement_step(std::mt19937 &mt, uint32_t seed, uint32_t n, uint32_t steps, uint32_t target) {
  mt.seed(seed);
  uint32_t at = target;
  for (uint32_t i = 0; i < steps; i++) {
    const uint32_t r = static_cast<uint32_t>(mt());
    const uint32_t j = i + static_cast<uint32_t>(static_cast<ModT>(r) % static_cast<ModT>(n - i));
    if (j == at) return i;
    if (i == at) at = j;
  }
  return -1;
}

template <typename ModT>
static void membership(uint32_t n, double gamma, bool select, uint32_t contexts, int repeats) {
  const uint32_t size = static_cast<uint32_t>(static_cast<double>(n) * gamma);  // int(V * gamma)
  const uint32_t steps = select ? size : n - size;
  std::mt19937 mt;
  double best = 1e300;
  uint64_t draws = 0, greens = 0;
  for (int rep = 0; rep < repeats; rep++) {
    draws = 0;
    greens = 0;
    const auto t0 = Clock::now();
    for (uint32_t c = 0; c < contexts; c++) {
      const int64_t placed = placement_step<ModT>(mt, context_seed(c), n, steps, context_target(c, n));
      draws += placed >= 0 ? static_cast<uint64_t>(placed) + 1 : steps;
      greens += (placed >= 0) == select;
    }
    const double s = seconds_since(t0);
    if (s < best) best = s;
  }
  std::printf("{\"contexts\":%u,\"draws\":%llu,\"greens\":%llu,\"seconds\":%.9f}\n", contexts,
              static_cast<unsigned long long>(draws), static_cast<unsigned long long>(greens), best);
}

static void raw(uint64_t count, int repeats) {
  std::mt19937 mt(5489u);
  double best = 1e300;
  uint32_t acc = 0;
  for (int rep = 0; rep < repeats; rep++) {
    mt.seed(5489u);
    acc = 0;
    const auto t0 = Clock::now();
    for (uint64_t k = 0; k < count; k++) acc ^= static_cast<uint32_t>(mt());
    const double s = seconds_since(t0);
    if (s < best) best = s;
  }
  std::printf("{\"draws\":%llu,\"xor\":%u,\"seconds\":%.9f}\n", static_cast<unsigned long long>(count), acc, best);
}

int main(int argc, char **argv) {
  if (argc >= 4 && std::strcmp(argv[1], "raw") == 0) {
    raw(std::strtoull(argv[2], nullptr, 10), std::atoi(argv[3]));
    return 0;
  }
  if (argc >= 8 && std::strcmp(argv[1], "membership") == 0) {
    const uint32_t n = static_cast<uint32_t>(std::strtoul(argv[2], nullptr, 10));
    const double gamma = std::strtod(argv[3], nullptr);
    const bool select = std::atoi(argv[4]) != 0;
    const uint32_t contexts = static_cast<uint32_t>(std::strtoul(argv[5], nullptr, 10));
    const int repeats = std::atoi(argv[6]);
    if (std::strcmp(argv[7], "mod64") == 0) membership<uint64_t>(n, gamma, select, contexts, repeats);
    else membership<uint32_t>(n, gamma, select, contexts, repeats);
    return 0;
  }
  std::fprintf(stderr, "usage: partial_perm raw <draws> <repeats> | membership <vocab> <gamma> <select> <contexts> <repeats> <mod32|mod64>\n");
  return 2;
}
