#pragma once
// snapshot()/restore() for rules whose only state is StrategyWindows: one
// layout (magic, version 1, each set's events with their times) and one
// all-or-nothing restore.

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

#include "risk_rule_support/strategy_windows.hpp"
#include "trellis/state_codec.hpp"
#include "trellis/status.hpp"

namespace trellis::risk {

/// The events of every set in `windows` still inside their window at `now`, in order, after the header.
std::vector<std::byte> snapshot_windows(SnapshotMagic magic, Timestamp now,
                                        std::initializer_list<const StrategyWindows*> windows);

/// Reads what snapshot_windows() wrote into the same sets, in order. Empty
/// state is fine (nothing to restore). Every set changes only when the whole
/// snapshot is good; otherwise none does and the Status names `plugin` and why.
Status restore_windows(std::span<const std::byte> state, SnapshotMagic magic, std::string_view plugin,
                       std::initializer_list<StrategyWindows*> windows);

}  // namespace trellis::risk
