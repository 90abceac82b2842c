#pragma once
// The verdicts every rule's restore() ends with, so all rules refuse damaged
// or foreign snapshots with the same words: the fields read must all have
// been there, and nothing may follow them (trailing bytes mean a layout this
// version does not know).

#include <string>
#include <string_view>

#include "trellis/state_codec.hpp"
#include "trellis/status.hpp"

namespace trellis::risk {

/// Ok when `fields_ok` and the reader consumed the snapshot exactly; otherwise an error naming `rule`.
Status finish_restore(const StateReader& r, bool fields_ok, std::string_view rule);

/// An error naming `rule` for a snapshot header read_header() refused.
Status header_error(std::string_view rule, const std::string& why);

}  // namespace trellis::risk
