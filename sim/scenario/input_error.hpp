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

/// `text` made printable on one line: control bytes (NUL, newline, tab, escape, ...) and DEL
/// become \xNN (newline \n), so that no message spans two lines or moves the terminal.
std::string printable(const std::string& text);

/// `text` in single quotes for a message: printable() and, beyond `max_chars`, cut to its first
/// max_chars - 20 and last 10 characters around "...(N more)...".
std::string quote(const std::string& text, std::size_t max_chars = 80);

/// The candidate closest to `word` by edit distance, or "" when none is plausibly meant
/// (distance above a third of the word's length, at least 2).
std::string nearest_word(const std::string& word, const std::vector<std::string>& candidates);

/// "; did you mean 'x'?" or "" (for appending to messages).
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace simrun
