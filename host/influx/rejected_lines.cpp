#include "influx/rejected_lines.hpp"

#include <vector>

#include "influx/batch_lines.hpp"
#include "influx/line_protocol_fields.hpp"

namespace trellis::host::influx {
namespace {

constexpr std::string_view kUnparseable = "unable to parse '";
constexpr std::string_view kUnparseableEnd = "': ";

struct TypeConflict {
    std::string field;
    std::string measurement;
    FieldType type;
};

// The text between `open` and the next `close` after position `from`; advances `from` past `close`.
std::optional<std::string_view> between(std::string_view text, std::size_t& from, std::string_view open,
                                        std::string_view close) {
    const std::size_t start = text.find(open, from);
    if (start == std::string_view::npos) return std::nullopt;
    const std::size_t value = start + open.size();
    const std::size_t end = text.find(close, value);
    if (end == std::string_view::npos) return std::nullopt;
    from = end + close.size();
    return text.substr(value, end - value);
}

std::optional<TypeConflict> parse_type_conflict(std::string_view error) {
    std::size_t at = 0;
    const auto field = between(error, at, "field type conflict: input field \"", "\" on measurement \"");
    if (!field) return std::nullopt;
    const std::size_t measurement_start = at;
    const std::size_t measurement_end = error.find("\" is type ", measurement_start);
    if (measurement_end == std::string_view::npos) return std::nullopt;
    std::string_view type_name = error.substr(measurement_end + std::string_view("\" is type ").size());
    type_name = type_name.substr(0, type_name.find(','));
    const auto type = field_type_from_name(type_name);
    if (!type) return std::nullopt;
    return TypeConflict{std::string(*field),
                        std::string(error.substr(measurement_start, measurement_end - measurement_start)), *type};
}

// InfluxDB quotes an unparseable line verbatim: unable to parse '<line>': <reason>.
std::vector<std::string_view> quoted_unparseable_texts(std::string_view error) {
    std::vector<std::string_view> texts;
    for (std::size_t at = error.find(kUnparseable); at != std::string_view::npos;
         at = error.find(kUnparseable, at + 1)) {
        texts.push_back(error.substr(at + kUnparseable.size()));
    }
    return texts;
}

bool is_quoted_unparseable(std::string_view line, const std::vector<std::string_view>& quoted) {
    for (const auto text : quoted) {
        if (text.starts_with(line) && text.substr(line.size()).starts_with(kUnparseableEnd)) return true;
    }
    return false;
}

bool has_conflicting_field(std::string_view line, const TypeConflict& conflict) {
    const auto fields = read_line_fields(line);
    if (!fields || fields->measurement != conflict.measurement) return false;
    for (const auto& [key, type] : fields->fields) {
        if (key == conflict.field && type == conflict.type) return true;
    }
    return false;
}

}  // namespace

std::optional<RejectedSplit> split_rejected_lines(std::string_view lines, std::string_view error) {
    const auto quoted = quoted_unparseable_texts(error);
    const auto conflict = parse_type_conflict(error);
    if (quoted.empty() && !conflict) return std::nullopt;
    RejectedSplit split;
    for_each_line(lines, [&](std::string_view line) {
        const bool rejected =
            is_quoted_unparseable(line, quoted) || (conflict && has_conflicting_field(line, *conflict));
        std::string& target = rejected ? split.rejected : split.rest;
        target.append(line);
        target.push_back('\n');
        ++(rejected ? split.rejected_points : split.rest_points);
    });
    if (split.rejected_points == 0) return std::nullopt;
    return split;
}

}  // namespace trellis::host::influx
