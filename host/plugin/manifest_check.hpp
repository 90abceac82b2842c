#pragma once
// The checks every manifest passes before the host touches anything else in
// it, whether it comes from a loaded library or is compiled into the host.

#include <string_view>

#include "trellis/plugin.hpp"
#include "util/error.hpp"

namespace trellis::host {

// The host's own identity, against which plugins are compared.
std::uint32_t host_abi_version() noexcept;
std::string_view host_build_id() noexcept;

// Checks, in this order, stopping at the first failing step:
//  1. ABI version equals the host's (checked first: with another ABI the rest
//     of the struct may not even have this layout);
//  2. build id equals the host's (both ids are shown);
//  3. sanity: known kind, snake_case name, version, create/destroy present,
//     parameter keys present and unique, bounds ordered, every default parses
//     as its declared type and lies within its range. All sanity problems are
//     reported, one per line.
// Every line starts with `origin` (e.g. "'/path/x.so'" or "built-in plugin 'x'").
Result<void> check_manifest(const PluginManifest& manifest, std::string_view origin);

}  // namespace trellis::host
