#pragma once
// One Coinbase Exchange websocket message (level2 channel) as raw text fields,
// parsed with nlohmann's SAX interface: no DOM is built, and the buffers here
// are reused from message to message. Prices stay text until the reader knows
// the product's scale (JSON keys may come in any order).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trellis/types.hpp"

namespace trellis::host {

// A decimal string short enough to keep inline ("40464.02", "0.08096000").
class ShortText {
public:
    static constexpr std::size_t kCapacity = 39;
    bool assign(std::string_view text) noexcept;  // false if longer than kCapacity
    std::string_view view() const noexcept { return {bytes_.data(), size_}; }

private:
    std::array<char, kCapacity> bytes_{};
    std::uint8_t size_ = 0;
};

struct RawLevelChange {
    Side side = Side::Buy;
    ShortText price;
    ShortText size;
};

struct CoinbaseMessage {
    std::string type;                    // "snapshot", "l2update", "subscriptions", …
    std::string product_id;              // "BTC-USD"
    std::string time;                    // "2024-01-22T17:07:47.835079Z"; empty if absent
    bool has_levels = false;             // the message carried bids/asks or changes
    std::vector<RawLevelChange> levels;  // snapshot: bids then asks as given; l2update: changes in order
};

// Parses one JSON line into `message` (its buffers are reused). Returns an
// empty string on success, else what is wrong with the line.
std::string parse_coinbase_message(std::string_view line, CoinbaseMessage& message);

}  // namespace trellis::host
