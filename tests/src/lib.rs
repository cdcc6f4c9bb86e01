//! infra's test suite. The library is empty on purpose: the `no_fragments` binary names it and must find
//! nothing. The other binaries under `src/bin/` are small generator apps the tests drive.
