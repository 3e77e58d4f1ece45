// Command-line driver of the bzip2 core, for tests and tuning without Node:
//   bzip2_driver decode [MAX]                 stdin -> stdout; on bad input exit 2 and print "kind: message"
//   bzip2_driver bench FILE [REPEATS] [THREADS]  NEXRAD LDM records of FILE: sequential and parallel
//                                              decode, median wall and CPU ms
//   bzip2_driver crc                          the folding CRC against the table CRC, many lengths
//   bzip2_driver phases FILE [REPEATS]          CPU ms per decoding stage, least of REPEATS runs
//   bzip2_driver fuzz CASES SEED FILE...       mutated copies of the bzip2 FILEs (bit flips, truncation,
//                                              splices, byte stores): every case must decode or fail
//                                              cleanly; built with ASan + UBSan by the vitest suite
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "../core/bzip2.h"
#include "../core/bzip2_bwt.h"
#include "../core/bzip2_crc.h"
#include "../core/parallel_records.h"

namespace {

using unfold_io::ByteSpan;
using unfold_io::Bzip2Decoder;
using unfold_io::OutputBuffer;

std::vector<uint8_t> ReadAll(std::istream& in) {
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<uint8_t> ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path);
    std::exit(1);
  }
  return ReadAll(in);
}

int Decode(size_t max_output) {
  const std::vector<uint8_t> input = ReadAll(std::cin);
  Bzip2Decoder decoder;
  OutputBuffer out;
  const unfold_io::Bzip2Status status = decoder.Decompress(input.data(), input.size(), max_output, &out);
  if (!status.ok) {
    std::fprintf(stderr, "%s: %s\n", unfold_io::Bzip2ErrorKindName(status.kind), status.message.c_str());
    return 2;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

// LDM records after the 24-byte volume header: 4-byte big-endian signed size, then a bzip2 stream.
std::vector<ByteSpan> NexradRecords(const std::vector<uint8_t>& file) {
  std::vector<ByteSpan> records;
  size_t pos = 24;
  while (pos + 4 <= file.size()) {
    const int32_t word = static_cast<int32_t>((uint32_t{file[pos]} << 24) | (uint32_t{file[pos + 1]} << 16) |
                                              (uint32_t{file[pos + 2]} << 8) | file[pos + 3]);
    const size_t size = static_cast<size_t>(word < 0 ? -static_cast<int64_t>(word) : word);
    if (size == 0 || pos + 4 + size > file.size()) break;
    records.push_back({file.data() + pos + 4, size});
    pos += 4 + size;
  }
  return records;
}

double CpuMs() {
  return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}
double WallMs() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

int Bench(const char* path, int repeats, unsigned threads) {
  const std::vector<uint8_t> file = ReadFile(path);
  const std::vector<ByteSpan> records = NexradRecords(file);
  size_t out_bytes = 0;
  std::vector<double> seq_wall, seq_cpu, par_wall, par_cpu;
  for (int k = 0; k < repeats; ++k) {
    double w = WallMs(), c = CpuMs();
    {
      Bzip2Decoder decoder;
      OutputBuffer out;
      out_bytes = 0;
      for (const ByteSpan& r : records) {
        if (!decoder.Decompress(r.data, r.size, 64u << 20, &out).ok) return 1;
        out_bytes += out.size();
      }
    }
    seq_wall.push_back(WallMs() - w);
    seq_cpu.push_back(CpuMs() - c);
    w = WallMs();
    c = CpuMs();
    const unfold_io::RecordsResult result = unfold_io::DecompressRecords(records, 64u << 20, threads);
    if (!result.ok) return 1;
    par_wall.push_back(WallMs() - w);
    par_cpu.push_back(CpuMs() - c);
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  auto least = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
  std::printf(
      "%zu records, %.1f MB out; sequential %.0f ms (cpu %.0f, min %.0f); %u threads %.0f ms (cpu %.0f, min %.0f)\n",
      records.size(), static_cast<double>(out_bytes) / 1e6, median(seq_wall), median(seq_cpu), least(seq_cpu),
      unfold_io::RecordThreads(records.size(), threads), median(par_wall), median(par_cpu), least(par_cpu));
  return 0;
}

double ThreadCpuMs() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// CPU ms per decoding stage (symbols, inverse BWT, run lengths + CRC) over all records of FILE, the
// least of REPEATS runs each: for tuning one stage on a noisy machine. Single-stream records only.
int Phases(const char* path, int repeats) {
  const std::vector<uint8_t> file = ReadFile(path);
  const std::vector<ByteSpan> records = NexradRecords(file);
  auto tables = std::make_unique<unfold_io::BlockTables>();
  std::vector<uint8_t> text(900000 + unfold_io::kTextSlack);
  std::vector<uint32_t> forward(900000), backward(900000);
  OutputBuffer out;
  double best[3] = {1e9, 1e9, 1e9};
  for (int k = 0; k < repeats; ++k) {
    double t[3] = {0, 0, 0};
    for (const ByteSpan& r : records) {
      unfold_io::BitReader reader(r.data, r.size);
      reader.Bits(24);
      const uint32_t block_max = (reader.Bits(8) - '0') * 100000u;
      out.Reset(64u << 20, r.size * 8);
      for (;;) {
        const uint64_t magic = (uint64_t{reader.Bits(24)} << 24) | reader.Bits(24);
        if (magic != 0x314159265359ull) break;
        const uint32_t crc = reader.Bits(32);
        unfold_io::DecodedBlock block;
        double c0 = ThreadCpuMs();
        unfold_io::DecodeBlock(reader, block_max, *tables, text.data(), &block);
        double c1 = ThreadCpuMs();
        unfold_io::InverseBwt(block, text.data(), forward.data(), backward.data());
        double c2 = ThreadCpuMs();
        if (unfold_io::UndoInitialRunLengths(text.data(), block.size, out) != crc) return 1;
        double c3 = ThreadCpuMs();
        t[0] += c1 - c0;
        t[1] += c2 - c1;
        t[2] += c3 - c2;
      }
    }
    for (int i = 0; i < 3; ++i)
      best[i] = std::min(best[i], t[i]);
  }
  std::printf("symbols %.1f ms, inverse BWT %.1f ms, run lengths + CRC %.1f ms (least of %d)\n", best[0], best[1],
              best[2], repeats);
  return 0;
}

// The folding CRC against the table CRC on every length 0..4096 and many alignments of random data.
int CrcCheck() {
  std::vector<uint8_t> data(8192 + 64);
  uint64_t x = 88172645463325252ull;
  for (uint8_t& b : data) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<uint8_t>(x);
  }
  long checked = 0;
  for (size_t offset = 0; offset < 64; offset += 7) {
    for (size_t size = 0; size <= 4096; ++size) {
      const uint32_t fast = unfold_io::Bzip2Crc(data.data() + offset, size);
      if (fast != unfold_io::Bzip2CrcPortable(data.data() + offset, size)) {
        std::printf("CRC MISMATCH at offset %zu size %zu\n", offset, size);
        return 1;
      }
      ++checked;
    }
  }
  std::printf("CRC: %ld lengths agree (%s)\n", checked, unfold_io::Bzip2CrcMethod());
  return 0;
}

// xorshift64*: reproducible mutations for a given seed
struct Rng {
  uint64_t s;
  uint64_t Next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 0x2545F4914F6CDD1Dull;
  }
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }
};

std::vector<uint8_t> Mutate(const std::vector<uint8_t>& seed, Rng& rng) {
  std::vector<uint8_t> bad = seed;
  switch (rng.Below(4)) {
    case 0:  // a few bit flips
      for (size_t f = 0, n = 1 + rng.Below(6); f < n; ++f)
        bad[rng.Below(bad.size())] ^= uint8_t(1u << rng.Below(8));
      break;
    case 1:  // truncation
      bad.resize(rng.Below(bad.size()));
      break;
    case 2: {  // splice a piece elsewhere
      const size_t len = 1 + rng.Below(std::min<size_t>(bad.size(), 400));
      const size_t from = rng.Below(bad.size() - len + 1);
      const size_t to = rng.Below(bad.size() - len + 1);
      std::memmove(bad.data() + to, seed.data() + from, len);
      break;
    }
    default:  // random byte values, often in the headers where the counts live
      for (size_t f = 0, n = 1 + rng.Below(4); f < n; ++f) {
        const size_t at = rng.Below(2) ? rng.Below(std::min<size_t>(bad.size(), 64)) : rng.Below(bad.size());
        bad[at] = static_cast<uint8_t>(rng.Next());
      }
  }
  return bad;
}

int Fuzz(long cases, uint64_t seed, const std::vector<std::vector<uint8_t>>& seeds) {
  Rng rng{seed * 2654435761u + 1};
  Bzip2Decoder decoder;
  OutputBuffer out;
  long ok = 0, failed = 0;
  for (long k = 0; k < cases; ++k) {
    const std::vector<uint8_t>& base = seeds[static_cast<size_t>(k) % seeds.size()];
    const std::vector<uint8_t> bad = Mutate(base, rng);
    // a small cap on some cases exercises the too-large path mid-block
    const size_t cap = rng.Below(3) == 0 ? 1u + rng.Below(1u << 20) : 64u << 20;
    if (decoder.Decompress(bad.data(), bad.size(), cap, &out).ok) {
      ++ok;
    } else {
      ++failed;
    }
  }
  std::printf("FUZZ: %ld cases, %ld decoded, %ld rejected, seed %llu\n", cases, ok, failed,
              static_cast<unsigned long long>(seed));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "decode") return Decode(argc > 2 ? std::strtoull(argv[2], nullptr, 10) : (1ull << 30));
  if (mode == "bench" && argc > 2) {
    return Bench(argv[2], argc > 3 ? std::atoi(argv[3]) : 5, argc > 4 ? static_cast<unsigned>(std::atoi(argv[4])) : 0);
  }
  if (mode == "crc") return CrcCheck();
  if (mode == "phases" && argc > 2) return Phases(argv[2], argc > 3 ? std::atoi(argv[3]) : 10);
  if (mode == "fuzz" && argc > 4) {
    std::vector<std::vector<uint8_t>> seeds;
    for (int i = 4; i < argc; ++i)
      seeds.push_back(ReadFile(argv[i]));
    return Fuzz(std::atol(argv[2]), std::strtoull(argv[3], nullptr, 10), seeds);
  }
  std::fprintf(stderr, "usage: bzip2_driver decode [MAX] | bench FILE [REPEATS] [THREADS] | fuzz CASES SEED FILE...\n");
  return 1;
}
