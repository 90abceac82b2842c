#pragma once
// Human-readable description of a plugin: what `trellis plugins` prints.

#include <string>
#include <string_view>

#include "trellis/plugin.hpp"

namespace trellis::host {

// Kind, name, version, origin (when given: a path or "built-in"), SDK ABI,
// build id, then a table of parameters: key, type, default ("required" when
// there is none), range, doc. Ends with a newline.
std::string describe(const PluginManifest& manifest, std::string_view origin = {});

}  // namespace trellis::host
