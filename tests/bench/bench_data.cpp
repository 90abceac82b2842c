#include "bench_data.hpp"

#include <vector>

#include "marketdata/binary_writer.hpp"
#include "marketdata/tool_source.hpp"

namespace trellis::bench {

host::Result<BenchData> make_bench_data(const std::string& lobster_messages, std::uint64_t min_events,
                                        const std::string& dir) {
    host::ToolOptions options;
    options.format = host::DataFormat::Lobster;
    host::InstrumentTable table = host::tool_instrument_table(options);
    auto tool = host::open_tool_source(lobster_messages, options, false, table);
    if (!tool) return std::unexpected(tool.error());
    std::vector<MarketEvent> day;  // one day is ~100k events: small enough to hold
    MarketEvent e;
    for (;;) {
        auto more = tool->source->next(e);
        if (!more) return std::unexpected(more.error());
        if (!*more) break;
        day.push_back(e);
    }
    if (day.empty()) return host::fail(lobster_messages + ": no events");

    BenchData out;
    out.path = dir + "/bench_replay.trlev";
    auto writer = host::BinaryEventWriter::create(out.path);
    if (!writer) return std::unexpected(writer.error());
    // Each loop starts one second after the previous one ended, so time only moves forward.
    const Timestamp span = day.back().ts - day.front().ts + 1'000'000'000;
    for (std::uint64_t loop = 0; out.events < min_events; ++loop) {
        for (MarketEvent ev : day) {
            ev.ts += Timestamp(loop) * span;
            ev.recv_ts += Timestamp(loop) * span;
            if (auto w = writer->write(ev); !w) return std::unexpected(w.error());
            ++out.events;
        }
    }
    if (auto f = writer->finish(table.specs()); !f) return std::unexpected(f.error());
    out.instrument = table.at(0);
    return out;
}

}  // namespace trellis::bench
