// Work sharing over an atomic record counter; the first failure (lowest index) wins. Records are taken
// in increasing index order, so every record below a failing one is always decoded and the reported
// failure does not depend on thread timing.
#include "parallel_records.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace unfold_io {

unsigned RecordThreads(size_t records, unsigned requested) {
  unsigned threads = std::min(requested, kMaxRecordThreads);
  if (threads == 0) {
    threads = std::min(std::thread::hardware_concurrency(), kAutoRecordThreads);
    if (threads == 0) threads = 2;
  }
  return static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(threads, records)));
}

RecordsFailure DecompressRecordsEach(const std::vector<ByteSpan>& records, size_t max_output, unsigned threads,
                                     const RecordSink& sink) {
  RecordsFailure result;
  std::atomic<size_t> next{0};
  // records at or after this index need no decoding: a lower one has failed
  std::atomic<size_t> stop_at{records.size()};
  std::mutex failure_mutex;

  auto fail = [&](size_t i, Bzip2Status status) {
    std::lock_guard<std::mutex> lock(failure_mutex);
    if (result.ok || i < result.failed_index) {
      result.ok = false;
      result.failed_index = i;
      result.failure = std::move(status);
      stop_at.store(i);
    }
  };
  auto work = [&]() {
    Bzip2Decoder decoder;
    for (;;) {
      const size_t i = next.fetch_add(1);
      if (i >= stop_at.load()) return;
      OutputBuffer out;
      Bzip2Status status = decoder.Decompress(records[i].data, records[i].size, max_output, &out);
      if (!status.ok) {
        fail(i, std::move(status));
        continue;
      }
      try {
        sink(i, std::move(out));
      } catch (...) {  // a sink must not throw; if it does, the record counts as failed, not the process
        fail(i, Bzip2Status{false, Bzip2ErrorKind::kTooLarge, "out of memory while handing over a record"});
      }
    }
  };

  const unsigned n = RecordThreads(records.size(), threads);
  std::vector<std::thread> helpers;
  helpers.reserve(n - 1);
  try {
    for (unsigned t = 1; t < n; ++t)
      helpers.emplace_back(work);
  } catch (const std::system_error&) {
    // no more threads available: the ones started (and this one) share the work
  }
  work();
  for (std::thread& t : helpers)
    t.join();
  return result;
}

RecordsResult DecompressRecords(const std::vector<ByteSpan>& records, size_t max_output, unsigned threads) {
  RecordsResult result;
  result.outputs.resize(records.size());
  // each index is written by exactly one thread
  static_cast<RecordsFailure&>(result) = DecompressRecordsEach(
      records, max_output, threads, [&](size_t i, OutputBuffer&& out) { result.outputs[i] = std::move(out); });
  return result;
}

}  // namespace unfold_io
