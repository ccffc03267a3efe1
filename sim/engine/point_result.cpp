#include "sim/engine/point_result.hpp"

#include <cstring>
#include <stdexcept>

#include "sim/engine/estimates.hpp"

namespace simrun {

bool PointResult::operator==(const PointResult& o) const {
  return runs == o.runs && formed_by == o.formed_by && in_force == o.in_force && first_formation == o.first_formation &&
         front_sum == o.front_sum && front_sumsq == o.front_sumsq && origin == o.origin && focal_formed_by == o.focal_formed_by;
}

PointResult reduce_point(const Accumulator& acc, const ModelContext& ctx, const std::vector<TypedOutcome>& typed) {
  PointResult r;
  r.runs = acc.runs;
  r.formed_by = acc.formed_by;
  r.in_force = acc.in_force;
  r.first_formation = acc.first_formation;
  r.front_sum = acc.front_sum;
  r.front_sumsq = acc.front_sumsq;
  r.origin = front_origin(ctx);  // the same t0 values as an experiment file's front_mean
  if (!typed.empty()) {
    r.focal_formed_by.reserve(static_cast<std::size_t>(acc.ticks + 1) * typed.size());
    for (int t = 0; t <= acc.ticks; ++t)
      for (const TypedOutcome& o : typed)  // pact axis: defence first (pact_type_at)
        r.focal_formed_by.push_back(acc.pact_formed_by[acc.tdp(t, o.dyad, kPactTypes - static_cast<int>(o.pact))]);
  }
  return r;
}

// ---- serialisation ------------------------------------------------------------------------

namespace {

template <class T>
void put(std::string& out, const std::vector<T>& v) {
  const std::uint64_t n = v.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

template <class T>
void get(const std::string& in, std::size_t& pos, std::vector<T>& v, std::size_t expected) {
  std::uint64_t n = 0;
  if (pos + sizeof n > in.size()) throw std::runtime_error("truncated point result");
  std::memcpy(&n, in.data() + pos, sizeof n);
  pos += sizeof n;
  if (n != expected || pos + n * sizeof(T) > in.size()) throw std::runtime_error("point result of the wrong shape");
  v.resize(n);
  if (n) std::memcpy(v.data(), in.data() + pos, n * sizeof(T));
  pos += n * sizeof(T);
}

}  // namespace

std::string serialize(const PointResult& r) {
  std::string out;
  out.append(reinterpret_cast<const char*>(&r.runs), sizeof r.runs);
  put(out, r.formed_by);
  put(out, r.in_force);
  put(out, r.first_formation);
  put(out, r.front_sum);
  put(out, r.front_sumsq);
  put(out, r.origin);
  if (!r.focal_formed_by.empty()) put(out, r.focal_formed_by);
  return out;
}

PointResult deserialize(const std::string& in, int ticks, int dyads, std::size_t typed) {
  PointResult r;
  const auto td = static_cast<std::size_t>(ticks + 1) * static_cast<std::size_t>(dyads);
  const auto nd = static_cast<std::size_t>(dyads);
  std::size_t pos = 0;
  if (in.size() < sizeof r.runs) throw std::runtime_error("truncated point result");
  std::memcpy(&r.runs, in.data(), sizeof r.runs);
  pos = sizeof r.runs;
  get(in, pos, r.formed_by, td);
  get(in, pos, r.in_force, td);
  get(in, pos, r.first_formation, nd * static_cast<std::size_t>(ticks + 2));
  get(in, pos, r.front_sum, td * kFronts);
  get(in, pos, r.front_sumsq, td * kFronts);
  get(in, pos, r.origin, nd * kFronts);
  if (typed > 0) get(in, pos, r.focal_formed_by, static_cast<std::size_t>(ticks + 1) * typed);
  if (pos != in.size()) throw std::runtime_error("point result with trailing bytes");
  return r;
}

}  // namespace simrun
