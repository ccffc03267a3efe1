// Compiled (on demand, by the build.* tests) as part of one layer's library with
// SIMRUN_PROBE_HEADER naming a header of that layer, which must compile, or of the layer above,
// which must not be found: the build enforces the layers (sim/CMakeLists.txt).
#include SIMRUN_PROBE_HEADER
