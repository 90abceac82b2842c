#pragma once
// 128-bit products for exact limit comparisons: price × quantity, or a price
// distance × 10^8 against a reference × a percentage in millionths, can leave
// the range of int64 on instruments with many decimals. GCC's __int128 is exact
// and branch-free; __extension__ tells -Wpedantic we mean it.

namespace trellis::risk {

__extension__ typedef __int128 Int128;

}  // namespace trellis::risk
