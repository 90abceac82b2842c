#include "telemetry/wire_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <type_traits>

#include "telemetry/append_in_place.hpp"

namespace trellis::host::telemetry {
namespace {

static_assert(std::endian::native == std::endian::little, "the wire format is little-endian; add byte swaps");

enum class WireFieldType : std::uint8_t { Integer = 0, Float = 1, Boolean = 2, String = 3 };

// magic, version, flags, reserved
constexpr std::size_t kPreambleSize = 4 + 1 + 1 + 2;

// Writers into room made beforehand: the writer sizes a header or a point once, grows the buffer
// once, then writes with plain stores — a point is a few dozen small pieces, and appending each to
// the string would check its capacity every time.
template <class T>
char* store(char* out, T value) noexcept {
    static_assert(std::is_trivially_copyable_v<T>);
    std::memcpy(out, &value, sizeof(T));
    return out + sizeof(T);
}

// Copies n bytes where n is small and varies: most of a point's strings are names of under 16
// bytes, and a memcpy call costs more than the copy. Two overlapping fixed-size copies cover any
// length in [k, 2k] and read nothing outside the source.
void copy_bytes(char* out, const char* in, std::size_t n) noexcept {
    auto overlapping = [&]<class Word>(Word) {
        Word first, last;
        std::memcpy(&first, in, sizeof(Word));
        std::memcpy(&last, in + n - sizeof(Word), sizeof(Word));
        std::memcpy(out, &first, sizeof(Word));
        std::memcpy(out + n - sizeof(Word), &last, sizeof(Word));
    };
    if (n >= 8) {
        if (n <= 16) return overlapping(std::uint64_t{});
        std::memcpy(out, in, n);
    } else if (n >= 4) {
        overlapping(std::uint32_t{});
    } else {
        for (std::size_t i = 0; i < n; ++i) out[i] = in[i];
    }
}

char* store_string(char* out, std::string_view s) noexcept {
    out = store(out, static_cast<std::uint16_t>(s.size()));
    copy_bytes(out, s.data(), s.size());
    return out + s.size();
}

std::size_t value_size(const FieldValue::Variant& v) noexcept {
    if (const auto* s = std::get_if<std::string_view>(&v)) return 2 + s->size();
    return std::holds_alternative<bool>(v) ? 1 : 8;
}

Result<void> check_length(std::string_view what, std::string_view s) {
    if (s.size() > kWireMaxString)
        return fail(fmt::format("telemetry point: {} is {} bytes, longer than the wire format's {} (shorten it)", what,
                                s.size(), kWireMaxString));
    return {};
}

Result<void> check_point(const Point& p) {
    if (auto ok = check_length("measurement", p.measurement); !ok) return ok;
    if (p.tags.size() > kWireMaxTags)
        return fail(
            fmt::format("telemetry point '{}': {} tags, at most {}", p.measurement, p.tags.size(), kWireMaxTags));
    if (p.fields.size() > kWireMaxFields)
        return fail(
            fmt::format("telemetry point '{}': {} fields, at most {}", p.measurement, p.fields.size(), kWireMaxFields));
    for (const Tag& t : p.tags) {
        if (auto ok = check_length("tag key", t.key); !ok) return ok;
        if (auto ok = check_length("tag value", t.value); !ok) return ok;
    }
    for (const Field& f : p.fields) {
        if (auto ok = check_length("field key", f.key); !ok) return ok;
        if (const auto* s = std::get_if<std::string_view>(&f.value.get()))
            if (auto ok = check_length("string field", *s); !ok) return ok;
    }
    return {};
}

}  // namespace

void WireMessageWriter::begin(std::string_view host, std::uint64_t session, std::uint64_t seq) {
    host = host.substr(0, kWireMaxString);
    buffer_.resize(kPreambleSize + 2 + host.size() + 8 + 8 + 4);
    char* out = buffer_.data();
    std::memcpy(out, kWireMagic.data(), kWireMagic.size());
    out = store(out + kWireMagic.size(), kWireVersion);
    out = store(out, std::uint8_t{0});   // flags
    out = store(out, std::uint16_t{0});  // reserved
    out = store(store(store_string(out, host), session), seq);
    count_offset_ = std::size_t(out - buffer_.data());
    store(out, std::uint32_t{0});
    count_ = 0;
}

namespace {

// Size of a point's head (measurement and tags) and of the rest (fields and timestamp), checking
// every limit on the way; false when one is exceeded (check_point() then says which).
bool head_size(const Point& p, std::size_t& size) noexcept {
    std::size_t longest = p.measurement.size();
    size = 2 + p.measurement.size() + 1;
    for (const Tag& t : p.tags) {
        size += 4 + t.key.size() + t.value.size();
        longest = std::max({longest, t.key.size(), t.value.size()});
    }
    return longest <= kWireMaxString && p.tags.size() <= kWireMaxTags;
}

bool body_size(const Point& p, std::size_t& size) noexcept {
    std::size_t longest = 0;
    size = 1 + 8;
    for (const Field& f : p.fields) {
        size += 2 + f.key.size() + 1 + value_size(f.value.get());
        longest = std::max(longest, f.key.size());
        if (const auto* s = std::get_if<std::string_view>(&f.value.get())) longest = std::max(longest, s->size());
    }
    return longest <= kWireMaxString && p.fields.size() <= kWireMaxFields;
}

char* write_head(char* out, const Point& p) noexcept {
    out = store_string(out, p.measurement);
    out = store(out, static_cast<std::uint8_t>(p.tags.size()));
    for (const Tag& t : p.tags) {
        out = store_string(out, t.key);
        out = store_string(out, t.value);
    }
    return out;
}

char* write_body(char* out, const Point& p) noexcept {
    out = store(out, static_cast<std::uint8_t>(p.fields.size()));
    for (const Field& f : p.fields) {
        out = store_string(out, f.key);
        const FieldValue::Variant& v = f.value.get();
        if (const auto* i = std::get_if<std::int64_t>(&v)) {
            out = store(store(out, WireFieldType::Integer), *i);
        } else if (const auto* d = std::get_if<double>(&v)) {
            out = store(store(out, WireFieldType::Float), *d);
        } else if (const auto* b = std::get_if<bool>(&v)) {
            out = store(store(out, WireFieldType::Boolean), static_cast<std::uint8_t>(*b ? 1 : 0));
        } else {
            out = store_string(store(out, WireFieldType::String), std::get<std::string_view>(v));
        }
    }
    return store(out, static_cast<std::int64_t>(p.timestamp_ns));
}

}  // namespace

Result<void> WireMessageWriter::add(const Point& p) { return add(p, {}); }

void WireMessageWriter::counted() noexcept {
    ++count_;
    std::memcpy(buffer_.data() + count_offset_, &count_, sizeof(count_));  // the header's count, kept current
}

Result<void> WireMessageWriter::add(const Point& p, std::string_view head) {
    // Size the point and check every limit in one pass; check_point() says what is wrong.
    std::size_t head_bytes = head.size(), body_bytes = 0;
    if ((head.empty() && !head_size(p, head_bytes)) || !body_size(p, body_bytes)) return check_point(p);
    append_in_place(buffer_, head_bytes + body_bytes, [&](char* out) noexcept {
        if (head.empty()) {
            out = write_head(out, p);
        } else {
            std::memcpy(out, head.data(), head.size());
            out += head.size();
        }
        return write_body(out, p);
    });
    counted();
    return {};
}

void WireMessageWriter::add(const WirePointShape& shape, std::span<const FieldValue> numbers, std::int64_t ts) {
    const std::string& bytes = shape.bytes_;
    append_in_place(buffer_, bytes.size(), [&](char* out) noexcept {
        std::memcpy(out, bytes.data(), bytes.size());
        for (std::size_t i = 0; i < numbers.size(); ++i) {
            const FieldValue::Variant& v = numbers[i].get();
            // fits() has matched the types: an integer or a float, 8 bytes either way.
            if (const auto* n = std::get_if<std::int64_t>(&v))
                store(out + shape.slots_[i].at, *n);
            else
                store(out + shape.slots_[i].at, std::get<double>(v));
        }
        return store(out + bytes.size() - sizeof(ts), ts);
    });
    counted();
}

Result<WirePointShape> WirePointShape::of(const Point& point) {
    WirePointShape shape;
    if (!head_size(point, shape.head_size_)) return std::unexpected(check_point(point).error());
    shape.bytes_.resize(shape.head_size_);
    write_head(shape.bytes_.data(), point);
    shape.learn(point);
    return shape;
}

void WirePointShape::learn(const Point& point) {
    if (numeric_) return;
    std::size_t body = 0;
    if (!body_size(point, body)) return;
    std::vector<Slot> slots;
    std::size_t at = head_size_ + 1;  // after the field count
    for (const Field& f : point.fields) {
        const std::size_t index = f.value.get().index();
        if (index > 1) return;  // a bool or string field: no numeric template from this point
        at += 2 + f.key.size() + 1;
        slots.push_back(Slot{std::uint32_t(at), std::uint8_t(index)});
        at += 8;
    }
    bytes_.resize(head_size_ + body);
    write_body(bytes_.data() + head_size_, point);
    slots_ = std::move(slots);
    numeric_ = true;
}

bool WirePointShape::fits(std::span<const FieldValue> numbers) const noexcept {
    if (!numeric_ || numbers.size() != slots_.size()) return false;
    for (std::size_t i = 0; i < numbers.size(); ++i)
        if (numbers[i].get().index() != slots_[i].index) return false;
    return true;
}

// ---------------------------------------------------------------- reading

namespace {

// Bounds-checked cursor over a message; every failure names the offset.
class Cursor {
public:
    Cursor(std::string_view data, std::size_t& pos) : data_(data), pos_(pos) {}

    template <class T>
    Result<T> get(std::string_view what) {
        if (data_.size() - pos_ < sizeof(T)) return truncated(what);
        T v;
        std::memcpy(&v, data_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return v;
    }
    Result<std::string_view> string(std::string_view what) {
        auto len = get<std::uint16_t>(what);
        if (!len) return std::unexpected(len.error());
        if (data_.size() - pos_ < *len) return truncated(what);
        std::string_view s = data_.substr(pos_, *len);
        pos_ += *len;
        return s;
    }
    std::size_t pos() const { return pos_; }

private:
    std::unexpected<Error> truncated(std::string_view what) const {
        return fail(fmt::format("telemetry message: truncated at byte {} of {} reading {}", pos_, data_.size(), what));
    }

    std::string_view data_;
    std::size_t& pos_;
};

}  // namespace

Result<WireMessageReader> WireMessageReader::open(std::string_view message) {
    WireMessageReader r(message);
    if (message.size() < kPreambleSize || message.substr(0, 4) != kWireMagic)
        return fail(fmt::format("telemetry message: not a Trellis telemetry message (no \"{}\" magic, {} bytes)",
                                kWireMagic, message.size()));
    if (static_cast<std::uint8_t>(message[4]) != kWireVersion)
        return fail(fmt::format("telemetry message: wire version {} at byte 4, this build reads version {}",
                                static_cast<unsigned>(static_cast<std::uint8_t>(message[4])), kWireVersion));
    r.pos_ = kPreambleSize;
    Cursor c(message, r.pos_);
    auto host = c.string("host id");
    if (!host) return std::unexpected(host.error());
    auto session = c.get<std::uint64_t>("session");
    if (!session) return std::unexpected(session.error());
    auto seq = c.get<std::uint64_t>("sequence number");
    if (!seq) return std::unexpected(seq.error());
    auto count = c.get<std::uint32_t>("point count");
    if (!count) return std::unexpected(count.error());
    r.header_ = WireHeader{*host, *session, *seq, *count};
    return r;
}

Result<bool> WireMessageReader::next(Point& out) {
    if (read_ == header_.count) {
        if (pos_ != data_.size())
            return fail(fmt::format("telemetry message: {} bytes after the last of {} points (byte {})",
                                    data_.size() - pos_, header_.count, pos_));
        return false;
    }
    Cursor c(data_, pos_);
    const std::size_t start = pos_;
    auto measurement = c.string("measurement");
    if (!measurement) return std::unexpected(measurement.error());
    auto ntags = c.get<std::uint8_t>("tag count");
    if (!ntags) return std::unexpected(ntags.error());
    tags_.clear();
    for (unsigned i = 0; i < *ntags; ++i) {
        auto key = c.string("tag key");
        if (!key) return std::unexpected(key.error());
        auto value = c.string("tag value");
        if (!value) return std::unexpected(value.error());
        tags_.push_back(Tag{*key, *value});
    }
    auto nfields = c.get<std::uint8_t>("field count");
    if (!nfields) return std::unexpected(nfields.error());
    fields_.clear();
    for (unsigned i = 0; i < *nfields; ++i) {
        auto key = c.string("field key");
        if (!key) return std::unexpected(key.error());
        const std::size_t type_at = pos_;
        auto type = c.get<std::uint8_t>("field type");
        if (!type) return std::unexpected(type.error());
        switch (static_cast<WireFieldType>(*type)) {
            case WireFieldType::Integer: {
                auto v = c.get<std::int64_t>("integer field");
                if (!v) return std::unexpected(v.error());
                fields_.push_back(Field{*key, FieldValue::integer(*v)});
                break;
            }
            case WireFieldType::Float: {
                auto v = c.get<double>("float field");
                if (!v) return std::unexpected(v.error());
                fields_.push_back(Field{*key, FieldValue::floating(*v)});
                break;
            }
            case WireFieldType::Boolean: {
                auto v = c.get<std::uint8_t>("bool field");
                if (!v) return std::unexpected(v.error());
                if (*v > 1)
                    return fail(fmt::format("telemetry message: bool field '{}' holds {} at byte {} (0 or 1)", *key,
                                            static_cast<unsigned>(*v), pos_ - 1));
                fields_.push_back(Field{*key, FieldValue::boolean(*v == 1)});
                break;
            }
            case WireFieldType::String: {
                auto v = c.string("string field");
                if (!v) return std::unexpected(v.error());
                fields_.push_back(Field{*key, FieldValue::string(*v)});
                break;
            }
            default:
                return fail(
                    fmt::format("telemetry message: unknown field type {} at byte {} (point {} starting at "
                                "byte {})",
                                static_cast<unsigned>(*type), type_at, read_ + 1, start));
        }
    }
    auto ts = c.get<std::int64_t>("timestamp");
    if (!ts) return std::unexpected(ts.error());
    out = Point{*measurement, tags_, fields_, *ts};
    ++read_;
    return true;
}

}  // namespace trellis::host::telemetry
