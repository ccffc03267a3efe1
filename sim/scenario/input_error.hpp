#pragma once
// The one exception type for bad user input (scenario files, --set overrides, options).
// The CLI turns it into a one-line message and exit code 2.
#include <stdexcept>
#include <string>
#include <vector>

namespace simrun {

/// Bad input, located as precisely as we can: file, line (1-based, 0 if unknown) and field path.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, int line, std::string field, const std::string& message);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& field() const { return field_; }
  /// The message without the location prefix.
  const std::string& detail() const { return detail_; }

 private:
  std::string file_;
  int line_;
  std::string field_;
  std::string detail_;
};

/// The candidate closest to `word` by edit distance, or "" when none is plausibly meant
/// (distance above a third of the word's length, at least 2).
std::string nearest_word(const std::string& word, const std::vector<std::string>& candidates);

/// "; did you mean 'x'?" or "" (for appending to messages).
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace simrun
