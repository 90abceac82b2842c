#include "marketdata/format_detection.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "marketdata/binary_format.hpp"
#include "marketdata/csv_fields.hpp"
#include "marketdata/file_name_hints.hpp"
#include "marketdata/line_reader.hpp"
#include "marketdata/unique_fd.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

namespace trellis::host {

namespace {

// Enough to see a header or a first row; a Coinbase snapshot line may be far longer.
constexpr std::size_t kPrefixBytes = 4096;

std::string lowercase(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

// "-1", "27981.30000000", "34200.01746": a sign, digits, at most one point.
bool is_number(std::string_view s) {
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
    const auto point = s.find('.');
    const auto digits_only = [](std::string_view part) {
        return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (point == std::string_view::npos) return !s.empty() && digits_only(s);
    return s.size() > 1 && digits_only(s.substr(0, point)) && digits_only(s.substr(point + 1));
}

enum class Guess { Unknown, Lobster, LobsterOrderbook, Binance, Coinbase, Binary };

Guess guess_from_first_line(std::string_view line) {
    if (line.starts_with('{')) return Guess::Coinbase;
    const std::string lower = lowercase(line);
    if (lower.starts_with("update_id,") || lower.find("best_bid_price") != std::string::npos) return Guess::Binance;
    if (lower.starts_with("time,type,")) return Guess::Lobster;
    if (lower.starts_with("bestask,") || lower.starts_with("askprice")) return Guess::LobsterOrderbook;
    if (looks_like_header(line)) return Guess::Unknown;

    std::array<std::string_view, 8> f;
    const std::size_t n = split_csv(line, f);
    const bool numeric = std::all_of(f.begin(), f.begin() + std::min(n, f.size()), is_number);
    if (!numeric) return Guess::Unknown;
    if (n == 7) return Guess::Binance;
    if (n == 6) return Guess::Lobster;
    if (n % 4 == 0) return Guess::LobsterOrderbook;
    return Guess::Unknown;
}

Guess guess_from_name(std::string_view path) {
    const std::string_view name = file_name_of(path);
    if (name.ends_with(".jsonl") || name.ends_with(".json")) return Guess::Coinbase;
    if (name.ends_with(kBinaryExtension)) return Guess::Binary;  // without the magic: the reader says what is wrong
    if (name.find("bookTicker") != std::string_view::npos) return Guess::Binance;
    if (name.find("_message_") != std::string_view::npos) return Guess::Lobster;
    if (name.find("_orderbook_") != std::string_view::npos) return Guess::LobsterOrderbook;
    return Guess::Unknown;
}

}  // namespace

Result<DataFormat> parse_format_name(std::string_view name) {
    for (std::size_t i = 0; i < kDataFormatNames.size(); ++i)
        if (kDataFormatNames[i] == name) return DataFormat(i);
    return fail("unknown data format " + quoted(name) + did_you_mean(name, kDataFormatNames) + "; expected one of " +
                join(kDataFormatNames));
}

Result<DataFormat> detect_format(const std::string& path) {
    auto fd = open_for_reading(path);
    if (!fd) return std::unexpected(fd.error());
    std::array<char, kPrefixBytes> prefix;
    ssize_t got;
    do got = ::pread(fd->get(), prefix.data(), prefix.size(), 0);
    while (got < 0 && errno == EINTR);
    if (got < 0) return fail("cannot read " + path + ": " + std::strerror(errno));
    std::string_view head(prefix.data(), std::size_t(got));

    if (head.starts_with(std::string_view(kBinaryMagic.data(), kBinaryMagic.size()))) return DataFormat::Binary;

    // First non-blank line of the prefix (possibly cut short, which is fine for guessing).
    if (head.starts_with(kUtf8Bom)) head.remove_prefix(kUtf8Bom.size());
    std::string_view line;
    while (!head.empty()) {
        const std::size_t nl = head.find('\n');
        line = head.substr(0, nl);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!is_blank(line)) break;
        head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
        line = {};
    }
    if (got == 0 || is_blank(line)) return fail(path + " is empty; there is no market data to read");

    Guess guess = guess_from_first_line(trim_blanks(line));
    if (guess == Guess::Unknown) guess = guess_from_name(path);
    switch (guess) {
        case Guess::Lobster:
            return DataFormat::Lobster;
        case Guess::Binance:
            return DataFormat::Binance;
        case Guess::Coinbase:
            return DataFormat::Coinbase;
        case Guess::Binary:
            return DataFormat::Binary;
        case Guess::LobsterOrderbook:
            return fail(path +
                        " looks like a LOBSTER orderbook file; pass the message file (…_message_…) instead, "
                        "the orderbook file is found beside it");
        case Guess::Unknown:
            break;
    }
    const std::string shown(line.substr(0, 80));
    return fail("cannot tell the format of " + path + " from its first line '" + shown +
                "'; give the format explicitly (lobster, binance, coinbase or binary)");
}

Result<DataFormat> resolve_format(const std::string& path, DataFormat format) {
    if (format != DataFormat::Auto) return format;
    return detect_format(path);
}

}  // namespace trellis::host
