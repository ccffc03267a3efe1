# `cmake --install build [--prefix DIR]`: the simrun binary, the scenarios, the docs and notebooks,
# the Python package and the bash completion (tests/cli/test_install.sh installs into a scratch
# prefix and uses every part). Layout under the prefix (default /usr/local):
#   bin/simrun
#   share/simrun/scenarios/, share/simrun/analysis/      scenario library (extends: paths intact), notebooks
#   share/doc/simrun/                                     README.md and docs/
#   lib/python3.X/dist-packages/simrun/                   the Python package (on Debian's /usr/bin/python3
#                                                         path when the prefix is /usr/local)
#   share/bash-completion/completions/simrun
# The binary finds the Python package (for `simrun discover` and `simrun export`) at
# <its directory>/../lib/python3.X/dist-packages, else in this source tree (simrun/paths.hpp).
include(GNUInstallDirs)
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  set(SIMRUN_PYTHON_RELDIR "lib/python${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}/dist-packages")
else()
  set(SIMRUN_PYTHON_RELDIR "lib/python3/dist-packages")
endif()
configure_file(${CMAKE_SOURCE_DIR}/cmake/paths.hpp.in ${CMAKE_BINARY_DIR}/generated/simrun/paths.hpp @ONLY)

install(TARGETS simrun RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/simrun/scenarios)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/analysis/ DESTINATION ${CMAKE_INSTALL_DATADIR}/simrun/analysis
        FILES_MATCHING PATTERN "*.ipynb" PATTERN "*.md")
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/python/simrun DESTINATION ${SIMRUN_PYTHON_RELDIR}
        PATTERN "__pycache__" EXCLUDE)
install(FILES ${CMAKE_SOURCE_DIR}/scripts/simrun-completion.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME simrun)
