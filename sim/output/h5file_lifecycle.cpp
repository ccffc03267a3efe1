// The life of an HDF5 output file (sim/output/h5file.hpp): created under an exclusive temporary
// name, committed by publishing it under its final name (safe_file.hpp), or abandoned leaving
// nothing behind.
#include <H5Cpp.h>

#include <memory>
#include <utility>

#include "sim/output/h5_objects.hpp"
#include "sim/output/h5file.hpp"
#include "sim/output/safe_file.hpp"

namespace simrun::h5 {

bool& leaked_flag() {
  static bool leaked = false;
  return leaked;
}

// ---------------------------------------------------------------------------------------------
// File

struct File::Impl {
  std::shared_ptr<FileState> state;
  ~Impl() { quiet_hdf5_errors(); }
};

File::File(const OutputTarget& target)
    : impl_(std::make_unique<Impl>()),
      target_(target),
      final_path_(target.path),
      temp_path_(target.path.empty() ? std::string() : reserve_temp(target.path)) {
  if (final_path_.empty()) throw OutputError("simrun::h5::File: empty output path");
  // A failed creation leaves nothing: the name is forgotten and whatever HDF5 made of it removed
  // (EXCL: if the name was taken, the file there is not ours and is left alone).
  struct ForgetOnFailure {
    const std::string& temp;
    bool created = false, done = false;
    ~ForgetOnFailure() {
      if (done) return;
      if (created) discard_temp(temp);
      else unregister_temp(temp);
    }
  } forget{temp_path_};
  impl_->state = guarded("cannot create HDF5 file " + quoted(temp_path_), [&] {
    // STRONG: closing the file also closes groups and datasets whose handles are still alive.
    H5::FileAccPropList access;
    access.setFcloseDegree(H5F_CLOSE_STRONG);
    // The HDF5 1.10 file format: datasets of fixed size get a fixed-array chunk index instead of
    // a version-1 B-tree, whose nodes HDF5 keeps in memory as the run tables grow (peak memory
    // +13% from 10^4 to 10^6 runs with it, +0.6% without). Readers need HDF5 >= 1.10 (2016):
    // h5py, netCDF-C and xarray on any current system.
    check(H5Pset_libver_bounds(access.getId(), H5F_LIBVER_V110, H5F_LIBVER_V110),
          "cannot select the HDF5 1.10 file format");
    // EXCL: created with O_CREAT|O_EXCL, so a file or symbolic link planted under the temporary
    // name makes this fail instead of being followed (safe_file.hpp).
    const H5::H5File f(temp_path_, H5F_ACC_EXCL, H5::FileCreatPropList::DEFAULT, access);
    forget.created = true;
    return std::make_shared<FileState>(FileState{temp_path_, f, true, true});
  });
  forget.done = true;
}

File::~File() {
  if (!committed_) abandon();
}

Group File::root() {
  FileState& s = *impl_->state;
  s.require_open("the root group of " + quoted(temp_path_));
  auto g = std::make_unique<Group::Impl>();
  g->file = impl_->state;
  g->path = "/";
  g->group = guarded("cannot open the root group of " + quoted(temp_path_),
                     [&] { return s.file.openGroup("/"); });
  return Group(std::move(g));
}

void File::commit() {
  if (committed_) return;
  FileState& s = *impl_->state;
  if (!s.open) throw OutputError("cannot commit " + quoted(final_path_) + ": it was abandoned");
  try {
    guarded("cannot write HDF5 file " + quoted(temp_path_), [&] {
      s.file.flush(H5F_SCOPE_GLOBAL);
      s.file.close();
    });
  } catch (const OutputError&) {
    abandon();
    throw;
  }
  s.open = false;
  s.temp_exists = false;  // publish_temp removes it if it cannot be moved into place
  publish_temp(temp_path_, target_);
  committed_ = true;
}

void File::abandon() {
  if (committed_ || !impl_ || !impl_->state) return;
  FileState& s = *impl_->state;
  // Remove the name first: whatever happens to the handle, nothing that looks whole is left.
  if (s.temp_exists) {
    s.temp_exists = false;
    discard_temp(temp_path_);
  }
  try {
    quiet_hdf5_errors();
    if (s.open) {
      s.open = false;
      s.file.close();
    }
  } catch (...) {
    // The close failed (e.g. the disk is full). HDF5 1.10 crashes if such a file is closed a
    // second time, which ~H5File would do: keep the handle alive instead (the process is
    // about to report the error and exit).
    new std::shared_ptr<FileState>(impl_->state);
    leaked_flag() = true;
  }
}

bool handles_leaked() { return leaked_flag(); }
void note_handles_leaked() { leaked_flag() = true; }

}  // namespace simrun::h5
