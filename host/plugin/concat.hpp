#pragma once
// Joins pieces of text into one string with a single allocation. Used for
// every error message here instead of chains of `"..." + std::string(x)`,
// which also trip GCC 12's false -Wrestrict warning (GCC PR 105329) at -O3.

#include <string>
#include <string_view>

namespace trellis::host {

template <class... Parts>
std::string concat(const Parts&... parts) {
    std::string out;
    out.reserve((std::string_view(parts).size() + ... + 0));
    (out.append(std::string_view(parts)), ...);
    return out;
}

}  // namespace trellis::host
