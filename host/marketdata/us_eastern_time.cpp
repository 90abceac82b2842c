#include "marketdata/us_eastern_time.hpp"

#include "util/time_text.hpp"

namespace trellis::host {

Duration us_eastern_offset_ns(std::chrono::sys_days day) noexcept {
    using namespace std::chrono;
    const year y = year_month_day(day).year();
    sys_days dst_start, dst_end;
    if (y >= year(2007)) {
        dst_start = sys_days(y / March / Sunday[2]);
        dst_end = sys_days(y / November / Sunday[1]);
    } else {
        dst_start = sys_days(y / April / Sunday[1]);
        dst_end = sys_days(y / October / Sunday[last]);
    }
    const Duration hours = (day >= dst_start && day < dst_end) ? 4 : 5;
    return hours * 3600 * kNanosPerSecond;
}

}  // namespace trellis::host
