// Output path safety (sim/output/safe_file.hpp) and bounded input reading
// (sim/scenario/input_file.hpp), tested on real files under SIMRUN_TEST_TMP/safe_file.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "sim/output/h5file.hpp"
#include "sim/output/output_path.hpp"
#include "sim/output/safe_file.hpp"
#include "sim/scenario/input_error.hpp"
#include "temp_files.hpp"
#include "sim/scenario/input_file.hpp"

namespace fs = std::filesystem;
using namespace simrun;

namespace {

fs::path scratch(const std::string& name) { return test::scratch_dir("safe_file", name); }
std::string write(const fs::path& p, const std::string& text) { return test::write_file(p, text); }
std::string slurp(const fs::path& p) { return test::read_file(p); }

/// A finished temporary file with `text` (as a writer would have made it).
std::string finished_temp(const fs::path& final_path, const std::string& text) {
  const std::string temp = reserve_temp(final_path.string());
  write(temp, text);
  return temp;
}

}  // namespace

TEST(SafeFile, TemporaryNamesAreFreshAndNextToTheOutput) {
  const fs::path dir = scratch("names");
  std::set<std::string> names;
  for (int k = 0; k < 50; ++k) {
    const std::string t = reserve_temp((dir / "out.h5").string());
    EXPECT_EQ(fs::path(t).parent_path(), dir);
    EXPECT_EQ(fs::path(t).filename().string().rfind("out.h5.partial-" + std::to_string(::getpid()) + "-", 0), 0u) << t;
    names.insert(t);
    unregister_temp(t);
  }
  EXPECT_EQ(names.size(), 50u);  // 64 random bits each: a planted name cannot be guessed
}

TEST(SafeFile, PublishNeverReplacesWithoutForce) {
  const fs::path dir = scratch("noreplace");
  const fs::path out = dir / "out.h5";
  write(out, "someone else's");
  const std::string temp = finished_temp(out, "mine");
  try {
    publish_temp(temp, OutputTarget(out.string()));
    FAIL() << "replaced a file that appeared during the run";
  } catch (const h5::OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("appeared while simrun ran"), std::string::npos) << e.what();
  }
  EXPECT_EQ(slurp(out), "someone else's");
  EXPECT_FALSE(fs::exists(temp));  // the result is discarded, not left behind
}

TEST(SafeFile, PublishMovesIntoPlace) {
  const fs::path dir = scratch("publish");
  const fs::path out = dir / "out.h5";
  publish_temp(finished_temp(out, "one"), OutputTarget(out.string()));
  EXPECT_EQ(slurp(out), "one");
  publish_temp(finished_temp(out, "two"), OutputTarget(out.string(), true));  // --force
  EXPECT_EQ(slurp(out), "two");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(SafeFile, ForceReplacesOnlyRegularFilesThatAreNotInputs) {
  const fs::path dir = scratch("force");
  const fs::path input = dir / "scenario.yaml", link = dir / "link.h5", fifo = dir / "fifo.h5";
  write(input, "actors: []\n");
  fs::create_symlink(input, link);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto inputs = identities({input.string()});
  ASSERT_EQ(inputs.size(), 1u);
  struct Case {
    fs::path path;
    const char* why;
  };
  for (const Case& c : {Case{input, "is one of this command's input files"}, Case{link, "is a symbolic link"},
                        Case{fifo, "is not a regular file"}, Case{dir, "is a directory"}}) {
    SCOPED_TRACE(c.path.string());
    const OutputTarget target(c.path.string(), true, inputs);
    EXPECT_NE(output_refusal(target).find(c.why), std::string::npos) << output_refusal(target);
    // Checked again at the rename (the path may have changed since the command started).
    const std::string temp = finished_temp(dir / "x.h5", "result");
    EXPECT_THROW(publish_temp(temp, target), h5::OutputError);
    EXPECT_FALSE(fs::exists(temp));
  }
  EXPECT_EQ(slurp(input), "actors: []\n");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_NE(output_refusal(OutputTarget("")).find("empty"), std::string::npos);
  EXPECT_NE(output_refusal(OutputTarget((dir / "sub/").string())).find("names a directory"), std::string::npos);
  EXPECT_EQ(output_refusal(OutputTarget((dir / "new.h5").string())), "");
}

TEST(SafeFile, HdfFileIsCreatedExclusivelyAndLeavesNothingOnFailure) {
  const fs::path dir = scratch("h5");
  const fs::path out = dir / "out.h5";
  {
    h5::File f{OutputTarget(out.string())};
    EXPECT_TRUE(fs::exists(f.temp_path()));
    f.commit();
  }
  EXPECT_TRUE(fs::exists(out));
  {
    h5::File f{OutputTarget(out.string())};  // out exists and no --force: the commit must refuse
    EXPECT_THROW(f.commit(), h5::OutputError);
  }
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.path().filename() == "out.h5" ? 1 : 100;
  EXPECT_EQ(files, 1u);  // no temporary file left
}

TEST(SafeFile, StaleTemporaryFilesOfDeadProcessesAreFound) {
  const fs::path dir = scratch("stale");
  const fs::path out = dir / "out.h5";
  write(dir / "out.h5.partial-999999999-00000000deadbeef", "");  // no such process
  write(dir / ("out.h5.partial-" + std::to_string(::getpid()) + "-0000000000000001"), "");  // alive: ours
  write(dir / "other.h5.partial-999999999-00000000deadbeef", "");
  const auto stale = stale_temps(out.string());
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(fs::path(stale[0]).filename(), "out.h5.partial-999999999-00000000deadbeef");
}

// Found by fuzz_output_path (fuzz/corpus/output/plain-named-like-temp): an output named
// `ou.partial-` was written, and looked like a temporary file left behind. Such a name would be
// listed among the stale temporaries of `ou` (and removed with them): it is refused up front.
TEST(SafeFile, OutputNamedLikeATemporaryFileIsRefused) {
  const fs::path dir = scratch("temp_like");
  for (const std::string name : {"ou.partial-", "out.h5.partial-1", "out.h5.partial-999999999-00000000deadbeef", "a.partial-b.h5"}) {
    SCOPED_TRACE(name);
    const std::string path = (dir / name).string();
    EXPECT_NE(output_refusal(OutputTarget(path)).find("temporary files"), std::string::npos);
    EXPECT_NE(output_refusal(OutputTarget(path, true)).find("temporary files"), std::string::npos);  // --force too
    try {
      check_output_path(path, true, true);
      ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find("--output"), std::string::npos) << msg;
      EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
    }
    EXPECT_FALSE(fs::exists(path));
  }
  // Only the file name counts: a folder may be called anything.
  fs::create_directories(dir / "run.partial-1");
  EXPECT_EQ(output_refusal(OutputTarget((dir / "run.partial-1" / "out.h5").string())), "");
  EXPECT_EQ(output_refusal(OutputTarget((dir / "partial.h5").string())), "");
}

TEST(InputFile, RefusesWhatIsNotARegularFileWithoutReading) {
  const fs::path dir = scratch("input");
  const fs::path fifo = dir / "fifo.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const auto& [path, why] : {std::pair<std::string, std::string>{fifo.string(), "is a FIFO (named pipe)"},
                                  {"/dev/zero", "is a character device"},
                                  {dir.string(), "is a directory"},
                                  {(dir / "missing.yaml").string(), "No such file or directory"}}) {
    SCOPED_TRACE(path);
    try {
      read_input_file(path, "scenario file");
      FAIL() << "accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), path);
      EXPECT_NE(e.detail().find(why), std::string::npos) << e.what();
    }
  }
}

TEST(InputFile, SizeLimitIsCheckedAndExact) {
  const fs::path dir = scratch("size");
  const std::string at_limit = write(dir / "a.yaml", std::string(1000, '#'));
  const std::string above = write(dir / "b.yaml", std::string(1001, '#'));
  EXPECT_EQ(read_input_file(at_limit, "scenario file", 1000).size(), 1000u);
  try {
    read_input_file(above, "scenario file", 1000);
    FAIL() << "accepted 1001 bytes with a limit of 1000";
  } catch (const InputError& e) {
    EXPECT_NE(e.detail().find("is 1001 bytes; at most 1000 are accepted"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read_input_file(write(dir / "empty.yaml", ""), "scenario file"), "");
}

TEST(Messages, QuoteEscapesControlBytesAndCutsLongText) {
  EXPECT_EQ(quote("RUS"), "'RUS'");
  EXPECT_EQ(quote(std::string("a\0b\nc\x1b", 6)), "'a\\x00b\\nc\\x1b'");
  const std::string q = quote(std::string(1000, 'A') + "END");
  EXPECT_LE(q.size(), 100u);
  EXPECT_NE(q.find("(933 more)"), std::string::npos) << q;
  EXPECT_EQ(q.substr(q.size() - 4), "END'");
}
