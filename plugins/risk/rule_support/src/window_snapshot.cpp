#include "risk_rule_support/window_snapshot.hpp"

#include <utility>

#include "risk_rule_support/rule_snapshot.hpp"

namespace trellis::risk {

namespace {
constexpr std::uint32_t kLayoutVersion = 1;
}

std::vector<std::byte> snapshot_windows(SnapshotMagic magic, Timestamp now,
                                        std::initializer_list<const StrategyWindows*> windows) {
    StateWriter out(magic, kLayoutVersion);
    for (const StrategyWindows* w : windows) w->write(out, now);
    return std::move(out).take();
}

Status restore_windows(std::span<const std::byte> state, SnapshotMagic magic, std::string_view plugin,
                       std::initializer_list<StrategyWindows*> windows) {
    if (state.empty()) return Status::ok();
    StateReader in(state);
    const auto version = in.read_header(magic, kLayoutVersion, plugin);
    if (!version) return header_error(plugin, version.error());
    std::vector<SavedWindows> saved(windows.size());
    bool read = true;
    for (SavedWindows& s : saved) read = read && StrategyWindows::read(in, s);
    if (Status status = finish_restore(in, read, plugin); !status) return status;
    auto next = saved.begin();
    for (StrategyWindows* w : windows) w->restore(std::move(*next++));
    return Status::ok();
}

}  // namespace trellis::risk
