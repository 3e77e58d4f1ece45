// Load-independent benchmark driver for the dealias core (no Node, no sanitizers): runs one variant on
// every sweep of the Py-ART reference runs, volume by volume, and prints per volume the best-of-N and
// median *thread CPU time* (CLOCK_THREAD_CPUTIME_ID: what other processes on the shared machine do to
// the wall clock does not count), the stage breakdown of the best run, the engine's peak bytes as a
// multiple of the largest sweep's float32 velocity bytes, and the first call on freshly mapped output
// arrays ("cold": their page faults) apart. Also the body for `perf stat` / `valgrind --tool=callgrind`
// (use --runs 1 there). Built by native/CMakeLists.txt as `bench_dealias` (optimised, unsanitised).
//
// Usage: bench_dealias [--variant fused] [--runs 7] [--only KLBB,DOW8] [--check] [--stale-outputs]
//   --check compares the folds with Py-ART's (as the parity test does, MC3E's documented gates aside).
//   --stale-outputs runs without SweepOutput::zero_filled (outputs hold the previous run's values).
#include <sys/mman.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "../core/dealias.h"
#include "../core/errors.h"
#include "npy.h"

using namespace unfold;

namespace {

double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

double WallMs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

// Output arrays mapped straight from the kernel, so the first write to each page faults as it does
// for a fresh typed array in V8 (malloc could hand back recycled, already-faulted memory).
struct MappedOutputs {
  explicit MappedOutputs(std::size_t n) : bytes_(n * (4 + 1 + 4)) {
    void* p = mmap(nullptr, bytes_ == 0 ? 1 : bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    base_ = static_cast<unsigned char*>(p);
    view.corrected = reinterpret_cast<float*>(base_);
    view.regions = reinterpret_cast<std::int32_t*>(base_ + n * 4);
    view.folds = reinterpret_cast<std::int8_t*>(base_ + n * 8);
  }
  ~MappedOutputs() { munmap(base_, bytes_ == 0 ? 1 : bytes_); }
  MappedOutputs(const MappedOutputs&) = delete;
  MappedOutputs& operator=(const MappedOutputs&) = delete;
  SweepOutput view;

 private:
  std::size_t bytes_;
  unsigned char* base_;
};

struct VolumeRun {
  double cpu_ms = 0, wall_ms = 0, label = 0, edges = 0, merge = 0, unwrap = 0;
  double peak_ratio = 0;
  std::size_t peak = 0;
  std::int64_t regions = 0, edges_count = 0, valid = 0;
};

// zero_filled: hand the engine zeroed folds/regions with the promise, as the worker does with its fresh
// typed arrays (zeroed here, untimed, as calloc would recycle memory); otherwise the arrays keep the
// previous run's values and the engine overwrites every byte.
VolumeRun RunVolume(const std::vector<const unfold_test::ReferenceSweep*>& sweeps, Variant variant,
                    std::vector<MappedOutputs*>& outs, bool zero_filled) {
  VolumeRun v;
  for (std::size_t k = 0; k < sweeps.size(); ++k) {
    const auto& s = *sweeps[k];
    SweepOutput& out = outs[k]->view;
    out.zero_filled = zero_filled;
    if (zero_filled) {
      std::memset(out.folds, 0, s.velocity.size());
      std::memset(out.regions, 0, s.velocity.size() * sizeof(std::int32_t));
    }
    SweepInput in;
    in.velocity = s.velocity.data();
    in.rays = s.rays;
    in.gates = s.gates;
    in.nyquist = s.nyquist;
    DealiasParams p;
    p.rays_wrap_around = s.wrap;
    const double c0 = ThreadCpuMs();
    const double w0 = WallMs();
    const SweepStats st = DealiasSweep(in, p, variant, out);
    v.cpu_ms += ThreadCpuMs() - c0;
    v.wall_ms += WallMs() - w0;
    v.label += st.timings.label_ms;
    v.edges += st.timings.edges_ms;
    v.merge += st.timings.merge_ms;
    v.unwrap += st.timings.unwrap_ms;
    v.regions += st.regions;
    v.edges_count += st.edges;
    v.valid += st.valid_gates;
    v.peak = std::max(v.peak, st.engine_bytes_peak);
    v.peak_ratio = std::max(v.peak_ratio, static_cast<double>(st.engine_bytes_peak) / (4.0 * s.velocity.size()));
  }
  return v;
}

std::size_t Mismatches(const std::vector<const unfold_test::ReferenceSweep*>& sweeps,
                       const std::vector<MappedOutputs*>& outs) {
  std::size_t wrong = 0;
  for (std::size_t k = 0; k < sweeps.size(); ++k) {
    const auto& s = *sweeps[k];
    const float top = static_cast<float>(s.nyquist);
    for (std::size_t i = 0; i < s.folds.size(); ++i) {
      if (s.run.rfind("MC3E", 0) == 0 && s.velocity[i] == top) continue;  // documented float32 exception
      if (s.folds[i] != -128 && s.folds[i] != outs[k]->view.folds[i]) ++wrong;
    }
  }
  return wrong;
}

}  // namespace

int main(int argc, char** argv) {
  std::string variant_name = "fused";
  int runs = 7;
  std::vector<std::string> only;
  bool check = false;
  bool zero_filled = true;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "--variant" && a + 1 < argc) {
      variant_name = argv[++a];
    } else if (arg == "--runs" && a + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++a]));
    } else if (arg == "--only" && a + 1 < argc) {
      std::string list = argv[++a];
      for (std::size_t at = 0; at <= list.size();) {
        const std::size_t comma = std::min(list.find(',', at), list.size());
        only.push_back(list.substr(at, comma - at));
        at = comma + 1;
      }
    } else if (arg == "--check") {
      check = true;
    } else if (arg == "--stale-outputs") {
      zero_filled = false;
    } else {
      std::fprintf(stderr, "usage: bench_dealias [--variant v] [--runs n] [--only a,b] [--check] [--stale-outputs]\n");
      return 2;
    }
  }
  Variant variant;
  if (!ParseVariant(variant_name, &variant)) {
    std::fprintf(stderr, "unknown variant %s\n", variant_name.c_str());
    return 2;
  }
  const std::vector<unfold_test::ReferenceSweep> all = unfold_test::LoadReferenceSweeps(only);
  std::map<std::string, std::vector<const unfold_test::ReferenceSweep*>> volumes;
  for (const auto& s : all) {
    const bool wanted = only.empty() || std::any_of(only.begin(), only.end(),
                                                    [&](const std::string& o) { return s.run.rfind(o, 0) == 0; });
    if (wanted) volumes[s.run].push_back(&s);
  }
  double load[3] = {0, 0, 0};
  if (FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
    std::fclose(f);
  }
  std::printf("bench_dealias %s, %d runs, %s outputs, load %.2f %.2f %.2f; ms = thread CPU time per volume\n",
              VariantName(variant), runs, zero_filled ? "zero-filled" : "stale", load[0], load[1], load[2]);
  std::printf("%-34s %8s %8s %8s %8s %7s %7s %7s %7s %8s %7s %7s\n", "volume", "best", "median", "wall", "cold",
              "label", "edges", "merge", "unwrap", "regions", "pk MB", "pk/vel");
  int failed = 0;
  for (auto& [name, sweeps] : volumes) {
    std::vector<MappedOutputs*> outs;
    for (const auto* s : sweeps)
      outs.push_back(new MappedOutputs(s->velocity.size()));
    VolumeRun cold;
    try {
      cold = RunVolume(sweeps, variant, outs, zero_filled);
    } catch (const EngineError& e) {
      std::printf("%-34s refused: %s\n", name.c_str(), e.what());
      for (auto* o : outs)
        delete o;
      continue;
    }
    std::vector<VolumeRun> samples;
    for (int k = 0; k < runs; ++k)
      samples.push_back(RunVolume(sweeps, variant, outs, zero_filled));
    std::sort(samples.begin(), samples.end(),
              [](const VolumeRun& a, const VolumeRun& b) { return a.cpu_ms < b.cpu_ms; });
    const VolumeRun& best = samples.front();
    const double median = samples[samples.size() / 2].cpu_ms;
    std::printf("%-34.34s %8.2f %8.2f %8.2f %8.2f %7.2f %7.2f %7.2f %7.2f %8lld %7.2f %7.2f\n", name.c_str(),
                best.cpu_ms, median, best.wall_ms, cold.cpu_ms, best.label, best.edges, best.merge, best.unwrap,
                static_cast<long long>(best.regions), static_cast<double>(best.peak) / 1e6, best.peak_ratio);
    if (check) {
      const std::size_t wrong = Mismatches(sweeps, outs);
      if (wrong != 0) {
        std::printf("  PARITY: %zu gates differ from Py-ART\n", wrong);
        ++failed;
      }
    }
    for (auto* o : outs)
      delete o;
  }
  if (check) std::printf("parity: %s\n", failed == 0 ? "all volumes match Py-ART" : "MISMATCHES");
  return failed == 0 ? 0 : 1;
}
