#pragma once
// Counts heap allocations: tests/support/allocation_counter.cpp replaces the
// global operator new of the test executable it is compiled into (so such a
// test gets an executable of its own, or shares one only with tests that do
// not mind). For "no allocation once warm" checks.

#include <cstdint>

namespace trellis::test {

// Calls of the global operator new so far in this process.
std::uint64_t allocations() noexcept;

}  // namespace trellis::test
