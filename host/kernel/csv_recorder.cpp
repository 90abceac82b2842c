#include "kernel/csv_recorder.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "util/decimal.hpp"

namespace trellis::host {

namespace {
constexpr std::size_t kBufferBytes = 1 << 20;

// Exact decimal text of a fixed-point value.
std::string dec(std::int64_t raw, int decimals) {
    char buf[32];
    return std::string(format_decimal(raw, decimals, buf));
}

std::string_view liquidity_name(Liquidity l) {
    switch (l) {
        case Liquidity::Maker:
            return "maker";
        case Liquidity::Taker:
            return "taker";
        case Liquidity::None:
            break;
    }
    return "";
}

// Quotes a CSV field if it holds a comma, quote or newline.
std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}
}  // namespace

CsvRecorder::CsvRecorder(std::string dir, std::vector<InstrumentSpec> instruments,
                         std::vector<std::string> strategy_names)
    : dir_(std::move(dir)), instruments_(std::move(instruments)), strategy_names_(std::move(strategy_names)) {}

Result<std::unique_ptr<CsvRecorder>> CsvRecorder::open(const std::string& dir, std::vector<InstrumentSpec> instruments,
                                                       std::vector<std::string> strategy_names) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail("cannot create output directory '" + dir + "': " + ec.message());
    std::unique_ptr<CsvRecorder> r(new CsvRecorder(dir, std::move(instruments), std::move(strategy_names)));
    std::ofstream* files[3] = {&r->orders_, &r->fills_, &r->equity_};
    const char* names[3] = {"orders.csv", "fills.csv", "equity.csv"};
    for (int i = 0; i < 3; ++i) {
        r->buffers_[i].resize(kBufferBytes);
        files[i]->rdbuf()->pubsetbuf(r->buffers_[i].data(), std::streamsize(kBufferBytes));
        const std::string path = dir + "/" + names[i];
        files[i]->open(path, std::ios::out | std::ios::trunc | std::ios::binary);
        if (!*files[i]) return fail("cannot write '" + path + "': " + std::strerror(errno));
    }
    r->orders_ << "order_id,strategy,symbol,side,type,tif,price,qty,created_ns,status,filled_qty,avg_fill_price,"
                  "fees,reason,text,last_update_ns\n";
    r->fills_ << "ts_ns,order_id,strategy,symbol,side,price,qty,liquidity,fee,position,cash\n";
    r->equity_ << "ts_ns,symbol,position,cash,mark,equity\n";
    return r;
}

std::string_view CsvRecorder::strategy_name(std::uint32_t index) const {
    return index < strategy_names_.size() ? std::string_view(strategy_names_[index]) : std::string_view("?");
}

void CsvRecorder::on_order_closed(const OrderRecord& record) { write_order(record); }

void CsvRecorder::write_order(const OrderRecord& r) {
    const OrderRequest& q = r.order.request;
    const InstrumentSpec& spec = instruments_.at(q.instrument);
    // Average fill price in currency units, to 10 decimals: exact enough to audit, deterministic.
    const std::string avg = r.filled.raw > 0 ? fmt::format("{:.10f}", double(r.filled_notional) / double(r.filled.raw) /
                                                                          double(pow10(spec.price_decimals)))
                                             : std::string();
    const int money_decimals = spec.price_decimals + spec.qty_decimals;
    orders_ << r.order.id << ',' << strategy_name(r.order.strategy) << ',' << spec.name() << ',' << to_string(q.side)
            << ',' << (q.type == OrderType::Limit ? "limit" : "market") << ','
            << (q.tif == TimeInForce::GoodTillCancel      ? "gtc"
                : q.tif == TimeInForce::ImmediateOrCancel ? "ioc"
                                                          : "post_only")
            << ',' << dec(r.price.raw, spec.price_decimals) << ',' << dec(r.qty.raw, spec.qty_decimals) << ','
            << r.order.created_ts << ',' << to_string(r.status) << ',' << dec(r.filled.raw, spec.qty_decimals) << ','
            << avg << ',' << dec(r.fees, money_decimals) << ','
            << (r.reason == RejectReason::None ? std::string_view() : to_string(r.reason)) << ','
            << csv_field(r.text.view()) << ',' << r.last_update_ts << '\n';
}

void CsvRecorder::on_fill(const OrderUpdate& f, std::uint32_t strategy, const InstrumentAccount& a) {
    const InstrumentSpec& spec = instruments_.at(f.instrument);
    const int money_decimals = spec.price_decimals + spec.qty_decimals;
    fills_ << f.ts << ',' << f.id << ',' << strategy_name(strategy) << ',' << spec.name() << ',' << to_string(f.side)
           << ',' << dec(f.last_price.raw, spec.price_decimals) << ',' << dec(f.last_qty.raw, spec.qty_decimals) << ','
           << liquidity_name(f.liquidity) << ',' << dec(f.last_fee, money_decimals) << ','
           << dec(a.position.raw, spec.qty_decimals) << ',' << dec(a.cash, money_decimals) << '\n';
}

void CsvRecorder::on_equity_sample(Timestamp ts, InstrumentId instrument, const InstrumentAccount& a, Price mark) {
    const InstrumentSpec& spec = instruments_.at(instrument);
    const int money_decimals = spec.price_decimals + spec.qty_decimals;
    equity_ << ts << ',' << spec.name() << ',' << dec(a.position.raw, spec.qty_decimals) << ','
            << dec(a.cash, money_decimals) << ',' << dec(mark.raw, spec.price_decimals) << ','
            << dec(a.equity(mark), money_decimals) << '\n';
}

Result<void> CsvRecorder::finish(const OrderManager& orders) {
    orders.for_each_live([this](const OrderRecord& r) { write_order(r); });
    const char* names[3] = {"orders.csv", "fills.csv", "equity.csv"};
    std::ofstream* files[3] = {&orders_, &fills_, &equity_};
    for (int i = 0; i < 3; ++i) {
        files[i]->flush();
        if (!*files[i]) return fail("failed writing '" + dir_ + "/" + names[i] + "' (disk full?)");
        files[i]->close();
    }
    return {};
}

}  // namespace trellis::host
