// Numbers as text, both ways, for the whole tree: what the scenario reader, `--set`, priors and
// event windows accept as a number, and the one formatter that writes a double so that it reads
// back exactly (resolved scenarios, sweep descriptions and their hashes).
#pragma once

#include <string>

namespace simrun {

/// Parses a finite decimal number ("0.3", "-2", "1e-3"): no surrounding space, no hex, no
/// nan/inf, no overflow. False (and `out` untouched) otherwise.
bool parse_finite_number(const std::string& text, double& out);

/// The shortest decimal text, at 6 significant digits or more, that reads back as exactly the
/// same double: 0.265, not 0.26500000000000001; 20, not 2e+01.
std::string shortest_number(double v);

}  // namespace simrun
