#include "influx/spool_record.hpp"

#include "influx/gzip.hpp"

namespace trellis::host::influx {
namespace {

template <class T>
void put_le(std::string& out, T value) {
    for (std::size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

template <class T>
T get_le(std::string_view bytes, std::size_t at) noexcept {
    T value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        value |= static_cast<T>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    }
    return value;
}

}  // namespace

std::string encode_spool_record(std::string_view payload, std::uint64_t points) {
    std::string record;
    record.reserve(kSpoolRecordHeaderBytes + payload.size());
    put_le<std::uint32_t>(record, kSpoolRecordMagic);
    put_le<std::uint32_t>(record, static_cast<std::uint32_t>(payload.size()));
    put_le<std::uint64_t>(record, points);
    put_le<std::uint32_t>(record, crc32_of(payload));
    record.append(payload);
    return record;
}

RecordView read_spool_record(std::string_view bytes) noexcept {
    RecordView view;
    if (bytes.size() < kSpoolRecordHeaderBytes) {
        view.check = RecordCheck::Torn;
        return view;
    }
    if (get_le<std::uint32_t>(bytes, 0) != kSpoolRecordMagic) {
        view.check = RecordCheck::Corrupt;
        return view;
    }
    view.header.payload_bytes = get_le<std::uint32_t>(bytes, 4);
    view.header.points = get_le<std::uint64_t>(bytes, 8);
    view.header.crc = get_le<std::uint32_t>(bytes, 16);
    if (bytes.size() < view.total_bytes()) {
        view.check = RecordCheck::Torn;
        return view;
    }
    const std::string_view payload = bytes.substr(kSpoolRecordHeaderBytes, view.header.payload_bytes);
    if (crc32_of(payload) != view.header.crc) {
        view.check = RecordCheck::Corrupt;
        return view;
    }
    view.check = RecordCheck::Valid;
    view.payload = payload;
    return view;
}

}  // namespace trellis::host::influx
