# Sourced by the build scripts (build.sh, test-sanitizers.sh, fuzz.sh): compile through ccache
# when it is installed (scripts/install-deps.sh installs it). Four builds of the same sources
# (release, ASan, TSan, fuzz) make up a third of `scripts/test.sh`; with a warm cache a rebuild,
# or a fresh clone anywhere on the same machine (as CI makes), recompiles only what changed.
# Paths are hashed relative to the clone (CCACHE_BASEDIR, CCACHE_NOHASHDIR), so clones in
# different directories share the cache. SIMRUN_NO_CCACHE=1 turns it off.
# Sets COMPILER_CACHE_ARGS (cmake configure arguments; empty without ccache).
COMPILER_CACHE_ARGS=()
if [ "${SIMRUN_NO_CCACHE:-0}" != 1 ] && command -v ccache >/dev/null; then
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
  COMPILER_CACHE_ARGS=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
