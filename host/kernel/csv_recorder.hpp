#pragma once
// Writes a run's orders.csv, fills.csv and equity.csv (backtest --out DIR).
// Rows are formatted from exact fixed-point values, so two runs of the same
// inputs give byte-identical files. Output is buffered; nothing here is
// meant for a live engine thread.

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "kernel/run_observer.hpp"
#include "util/error.hpp"

namespace trellis::host {

class CsvRecorder final : public RunObserver {
public:
    // Creates DIR if needed and opens the three files (truncating them).
    static Result<std::unique_ptr<CsvRecorder>> open(const std::string& dir, std::vector<InstrumentSpec> instruments,
                                                     std::vector<std::string> strategy_names);

    void on_order_closed(const OrderRecord& record) override;
    void on_fill(const OrderUpdate& fill, std::uint32_t strategy, const InstrumentAccount& account) override;
    bool takes_equity_samples() const noexcept override { return true; }
    void on_equity_sample(Timestamp ts, InstrumentId instrument, const InstrumentAccount& account, Price mark) override;

    // Writes rows for orders still live at the end, then flushes; an error names the file.
    Result<void> finish(const OrderManager& orders);

private:
    CsvRecorder(std::string dir, std::vector<InstrumentSpec> instruments, std::vector<std::string> strategy_names);
    void write_order(const OrderRecord& r);
    std::string_view strategy_name(std::uint32_t index) const;

    std::string dir_;
    std::vector<InstrumentSpec> instruments_;
    std::vector<std::string> strategy_names_;
    std::vector<char> buffers_[3];
    std::ofstream orders_, fills_, equity_;
};

}  // namespace trellis::host
