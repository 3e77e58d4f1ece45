// Reference-run loader for the C++ tests: see npy.h.
#include "npy.h"

#include <zlib.h>

#include <dirent.h>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace unfold_test {

namespace {

std::string Gunzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) throw std::runtime_error("cannot open " + path);
  std::string out;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(f, buffer, sizeof buffer)) > 0)
    out.append(buffer, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

// Returns the raw data of a .npy file (format 1.0/2.0, C order) and checks its dtype.
std::string NpyData(const std::string& bytes, const char* descr, const std::string& path) {
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) throw std::runtime_error(path + ": not .npy");
  const auto major = static_cast<unsigned char>(bytes[6]);
  std::size_t header_len = 0;
  std::size_t start = 0;
  if (major == 1) {
    header_len =
        static_cast<unsigned char>(bytes[8]) | (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    start = 10;
  } else {
    for (int k = 0; k < 4; ++k)
      header_len |= static_cast<std::size_t>(static_cast<unsigned char>(bytes[8 + static_cast<std::size_t>(k)]))
                    << (8 * k);
    start = 12;
  }
  const std::string header = bytes.substr(start, header_len);
  if (header.find(descr) == std::string::npos) throw std::runtime_error(path + ": unexpected dtype in " + header);
  return bytes.substr(start + header_len);
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<double> JsonNumbers(const std::string& json, const std::string& key) {
  std::vector<double> values;
  const std::size_t at = json.find("\"" + key + "\"");
  if (at == std::string::npos) return values;
  const std::size_t open = json.find('[', at);
  const std::size_t close = json.find(']', open);
  std::stringstream ss(json.substr(open + 1, close - open - 1));
  std::string item;
  while (std::getline(ss, item, ','))
    values.push_back(std::strtod(item.c_str(), nullptr));
  return values;
}

double JsonNumber(const std::string& json, const std::string& key) {
  const std::size_t at = json.find("\"" + key + "\"");
  return at == std::string::npos ? 0.0 : std::strtod(json.c_str() + json.find(':', at) + 1, nullptr);
}

}  // namespace

std::string ReferenceDir() {
  if (const char* env = std::getenv("UNFOLD_REFERENCE_DIR")) return env;
  std::string here = __FILE__;
  return here.substr(0, here.rfind('/')) + "/../../test/fixtures/reference";
}

std::vector<ReferenceSweep> LoadReferenceSweeps(const std::vector<std::string>& prefixes) {
  std::vector<std::string> runs;
  DIR* dir = opendir(ReferenceDir().c_str());
  if (dir == nullptr) throw std::runtime_error("reference runs not found at " + ReferenceDir());
  while (dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    const bool wanted = prefixes.empty() || std::any_of(prefixes.begin(), prefixes.end(),
                                                        [&](const std::string& p) { return name.rfind(p, 0) == 0; });
    if (name[0] != '.' && entry->d_type == DT_DIR && wanted) runs.push_back(name);
  }
  closedir(dir);
  std::sort(runs.begin(), runs.end());
  std::vector<ReferenceSweep> sweeps;
  for (const std::string& run : runs) {
    const std::string base = ReferenceDir() + "/" + run + "/";
    const std::string json = ReadText(base + "reference.json");
    const std::string velocity = NpyData(Gunzip(base + "velocity.npy.gz"), "<f4", run);
    const std::string folds = NpyData(Gunzip(base + "folds.npy.gz"), "i1", run);
    const auto gates = static_cast<std::size_t>(JsonNumber(json, "ngates"));
    const std::vector<double> starts = JsonNumbers(json, "sweep_start_ray_index");
    const std::vector<double> ends = JsonNumbers(json, "sweep_end_ray_index");
    const std::vector<double> nyquist = JsonNumbers(json, "nyquist_per_sweep");
    const bool ppi = json.find("\"scan_type\": \"ppi\"") != std::string::npos;
    const bool no_wrap = json.find("\"rays_wrap_around\": false") != std::string::npos;
    for (std::size_t s = 0; s < starts.size(); ++s) {
      if (!(nyquist[s] > 0)) continue;
      ReferenceSweep sweep;
      sweep.run = run;
      sweep.sweep = static_cast<int>(s);
      sweep.rays = static_cast<std::size_t>(ends[s] - starts[s] + 1);
      sweep.gates = gates;
      sweep.nyquist = nyquist[s];
      sweep.wrap = ppi && !no_wrap;
      const std::size_t first = static_cast<std::size_t>(starts[s]) * gates;
      const std::size_t cells = sweep.rays * gates;
      sweep.velocity.resize(cells);
      std::memcpy(sweep.velocity.data(), velocity.data() + first * 4, cells * 4);
      sweep.folds.assign(folds.begin() + static_cast<std::ptrdiff_t>(first),
                         folds.begin() + static_cast<std::ptrdiff_t>(first + cells));
      sweeps.push_back(std::move(sweep));
    }
  }
  return sweeps;
}

}  // namespace unfold_test
