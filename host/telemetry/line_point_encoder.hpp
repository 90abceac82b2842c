#pragma once
// Encodes points as InfluxDB 1.x line protocol into a caller-owned buffer:
//   measurement[,tag=value...] field=value[,field=value...] timestamp_ns\n
// Tags are written sorted by key (byte order, as InfluxDB's Go bytes.Compare,
// which the docs recommend for write performance). Fields keep caller order.
// Once the buffer and the encoder's tag-order scratch are warm, appending a
// point allocates nothing.
//
// Rejected (error, buffer left exactly as before the call):
//   - empty measurement, tag key, tag value or field key, or no field at all
//     (1.x has no empty tag values; omit the tag instead);
//   - a newline anywhere but inside a string field (1.x cannot represent it
//     in names and tag values, see line_escape.hpp);
//   - a measurement starting with '#' (1.x reads the line as a comment);
//   - a name or tag value with a backslash at its end or right before ',', ' ',
//     '=' or '"' (1.x has no escape for a backslash outside string fields and
//     reads such a backslash as an escape; other backslashes are stored as is);
//   - duplicate tag keys; non-finite floats (1.x has no NaN/Inf).

#include <string>
#include <vector>

#include "telemetry/point.hpp"
#include "util/error.hpp"

namespace trellis::host::telemetry {

class LinePointEncoder {
public:
    // Pre-sizes the scratch so points with up to this many tags (and four times as many fields)
    // never allocate.
    explicit LinePointEncoder(std::size_t expected_max_tags = 16);

    // Appends one line (with trailing '\n') to `out`; on error `out` is unchanged.
    Result<void> append(std::string& out, const Point& point);

private:
    Result<void> sort_tags(const Point& point);

    std::vector<std::uint32_t> tag_order_;
    std::vector<std::uint8_t> tag_classes_;    // char_classes of each tag's key and value
    std::vector<std::uint8_t> field_classes_;  // char_classes of each field key
};

}  // namespace trellis::host::telemetry
