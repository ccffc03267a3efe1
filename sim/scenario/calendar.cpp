#include "sim/scenario/calendar.hpp"

#include <cctype>
#include <cstdio>

namespace simrun {
namespace {

// Days from 1970-01-01 to the civil date y-m-d (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::string Quarter::label() const { return std::to_string(year()) + "Q" + std::to_string(q()); }

std::int64_t Quarter::end_day() const {
  // The day before the first day of the next quarter.
  const Quarter next{index + 1};
  return days_from_civil(next.year(), static_cast<unsigned>(3 * (next.q() - 1) + 1), 1) - 1;
}

bool parse_quarter(const std::string& text, Quarter& out) {
  if (text.size() != 6 || (text[4] != 'Q' && text[4] != 'q')) return false;
  for (int i = 0; i < 4; ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[static_cast<std::size_t>(i)]))) return false;
  const int q = text[5] - '0';
  if (q < 1 || q > 4) return false;
  out.index = std::stoi(text.substr(0, 4)) * 4 + (q - 1);
  return true;
}

}  // namespace simrun
