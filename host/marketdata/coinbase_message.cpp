#include "marketdata/coinbase_message.hpp"

#include <nlohmann/json.hpp>

namespace trellis::host {

bool ShortText::assign(std::string_view text) noexcept {
    if (text.size() > kCapacity) return false;
    text.copy(bytes_.data(), text.size());
    size_ = std::uint8_t(text.size());
    return true;
}

namespace {

using json = nlohmann::json;

// Which top-level key the parser is under.
enum class Field { Other, Type, ProductId, Time, Changes, Bids, Asks };

Field field_of(std::string_view key) noexcept {
    if (key == "type") return Field::Type;
    if (key == "product_id") return Field::ProductId;
    if (key == "time") return Field::Time;
    if (key == "changes") return Field::Changes;
    if (key == "bids") return Field::Bids;
    if (key == "asks") return Field::Asks;
    return Field::Other;
}

std::string_view name_of(Field f) noexcept {
    switch (f) {
        case Field::Changes:
            return "changes";
        case Field::Bids:
            return "bids";
        case Field::Asks:
            return "asks";
        default:
            return "?";
    }
}

// Depth 1 is the message object, 2 a level list, 3 one level ([side, price, size]
// in "changes", [price, size] in "bids"/"asks"). Everything else is skipped.
class LevelHandler {
public:
    explicit LevelHandler(CoinbaseMessage& message) : m_(message) {}

    const std::string& error() const noexcept { return error_; }

    bool null() { return scalar("null"); }
    bool boolean(bool) { return scalar("a boolean"); }
    bool number_integer(json::number_integer_t) { return scalar("a number"); }
    bool number_unsigned(json::number_unsigned_t) { return scalar("a number"); }
    bool number_float(json::number_float_t, const json::string_t&) { return scalar("a number"); }
    bool binary(json::binary_t&) { return scalar("binary"); }

    bool string(json::string_t& value) {
        if (depth_ == 1) {
            switch (field_) {
                case Field::Type:
                    m_.type.assign(value);
                    break;
                case Field::ProductId:
                    m_.product_id.assign(value);
                    break;
                case Field::Time:
                    m_.time.assign(value);
                    break;
                case Field::Changes:
                case Field::Bids:
                case Field::Asks:
                    return wrong(std::string(name_of(field_)) + " is a string, expected an array");
                case Field::Other:
                    break;
            }
            return true;
        }
        if (depth_ == 2 && in_levels()) return wrong(std::string(name_of(field_)) + " holds a string, expected arrays");
        if (depth_ == 3 && in_levels()) return level_field(value);
        return true;
    }

    bool start_object(std::size_t) {
        if (depth_ == 0) top_is_object_ = true;
        if (depth_ == 2 && in_levels())
            return wrong(std::string(name_of(field_)) + " holds an object, expected arrays");
        if (depth_ == 3 && in_levels()) return wrong(where() + " holds an object, expected strings");
        ++depth_;
        return true;
    }
    bool key(json::string_t& name) {
        if (depth_ == 1) field_ = field_of(name);
        return true;
    }
    bool end_object() {
        --depth_;
        return true;
    }

    bool start_array(std::size_t) {
        if (depth_ == 0) return wrong("the line is a JSON array, expected an object");
        ++depth_;
        if (depth_ == 2 && in_levels()) m_.has_levels = true;
        if (depth_ == 3 && in_levels()) {
            current_ = &m_.levels.emplace_back();
            if (field_ == Field::Asks) current_->side = Side::Sell;
            element_ = 0;
        }
        if (depth_ == 4 && in_levels()) return wrong(where() + " holds an array, expected strings");
        return true;
    }
    bool end_array() {
        if (depth_ == 3 && in_levels()) {
            const std::size_t needed = field_ == Field::Changes ? 3 : 2;
            if (element_ < needed)
                return wrong(where() + " has " + std::to_string(element_) + " elements, expected " +
                             (needed == 3 ? "[side, price, size]" : "[price, size]"));
        }
        --depth_;
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
        // nlohmann says "[json.exception.parse_error.101] parse error at line 1, column 7: <why>"; keep <why>.
        std::string_view why = ex.what();
        if (const auto column = why.find("column "); column != std::string_view::npos)
            if (const auto colon = why.find(": ", column); colon != std::string_view::npos)
                why.remove_prefix(colon + 2);
        error_ = "invalid JSON at column " + std::to_string(position) + ": " + std::string(why);
        return false;
    }

    bool finished_ok() {
        if (!error_.empty()) return false;
        if (!top_is_object_) return wrong("the line is not a JSON object");
        return true;
    }

private:
    bool in_levels() const noexcept {
        return field_ == Field::Changes || field_ == Field::Bids || field_ == Field::Asks;
    }
    std::string where() const {
        return std::string(name_of(field_)) + "[" + std::to_string(m_.levels.size() - 1) + "]";
    }
    bool wrong(std::string why) {
        error_ = std::move(why);
        return false;
    }
    bool scalar(std::string_view what) {
        if (depth_ == 0) return wrong("the line is not a JSON object");
        if (depth_ == 1 && (field_ == Field::Type || field_ == Field::ProductId || field_ == Field::Time)) {
            std::string message(field_ == Field::Type   ? "\"type\""
                                : field_ == Field::Time ? "\"time\""
                                                        : "\"product_id\"");
            return wrong(message.append(" is ").append(what).append(", expected a string"));
        }
        if (depth_ == 2 && in_levels())
            return wrong(std::string(name_of(field_)) + " holds " + std::string(what) + ", expected arrays");
        if (depth_ == 3 && in_levels())
            return wrong(where() + "[" + std::to_string(element_) + "] is " + std::string(what) +
                         ", expected a string");
        return true;
    }
    bool level_field(std::string_view value) {
        const bool with_side = field_ == Field::Changes;
        const std::size_t index = element_++;
        if (with_side && index == 0) {
            if (value != "buy" && value != "sell")
                return wrong(where() + " side '" + std::string(value) + "' is neither \"buy\" nor \"sell\"");
            current_->side = value == "buy" ? Side::Buy : Side::Sell;
            return true;
        }
        const std::size_t column = with_side ? index - 1 : index;  // 0 = price, 1 = size
        if (column > 1) return true;                               // extra columns (e.g. order counts) unused
        if (!(column == 0 ? current_->price : current_->size).assign(value))
            return wrong(where() + " value '" + std::string(value) + "' is too long for a decimal");
        return true;
    }

    CoinbaseMessage& m_;
    std::string error_;
    int depth_ = 0;
    Field field_ = Field::Other;
    bool top_is_object_ = false;
    RawLevelChange* current_ = nullptr;
    std::size_t element_ = 0;
};

}  // namespace

std::string parse_coinbase_message(std::string_view line, CoinbaseMessage& message) {
    message.type.clear();
    message.product_id.clear();
    message.time.clear();
    message.has_levels = false;
    message.levels.clear();
    LevelHandler handler(message);
    const bool parsed = json::sax_parse(line.data(), line.data() + line.size(), &handler);
    if (!parsed || !handler.finished_ok()) return handler.error().empty() ? "invalid JSON" : handler.error();
    return {};
}

}  // namespace trellis::host
