// Accounting invariants checked over the whole demo run, from its CSV outputs:
// position = Σ signed fills, cash moves by exactly −signed notional − fee on
// every fill, equity = cash + position × mark on every sample, and the fees of
// fills, orders and the summary add up.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "cli_runner.hpp"
#include "util/decimal.hpp"

using namespace trellis::itest;

namespace {
// AMZN in the demo: price 4 decimals, quantity 0, money 4.
constexpr int kPriceDecimals = 4, kQtyDecimals = 0, kMoneyDecimals = 4;

std::vector<std::vector<std::string>> read_csv(const std::string& path, std::vector<std::string>& header) {
    std::istringstream in(read_file(path));
    std::string line;
    std::vector<std::vector<std::string>> rows;
    auto split = [](const std::string& l) {
        std::vector<std::string> f;
        std::string cur;
        bool quoted = false;
        for (char c : l) {
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
                f.push_back(std::exchange(cur, {}));
            else
                cur += c;
        }
        f.push_back(cur);
        return f;
    };
    std::getline(in, line);
    header = split(line);
    while (std::getline(in, line)) rows.push_back(split(line));
    return rows;
}

std::size_t col(const std::vector<std::string>& header, const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    ADD_FAILURE() << "no column " << name;
    return 0;
}

std::int64_t fixed(const std::string& text, int decimals) {
    auto v = trellis::host::parse_decimal(text, decimals);
    EXPECT_TRUE(v.has_value()) << "'" << text << "' at " << decimals << " decimals";
    return v.value_or(0);
}
}  // namespace

TEST(AccountingInvariants, HoldOverTheWholeDemoRun) {
    TempDir out;
    const auto r = run_trellis("backtest config/demo.toml --json --out " + out.path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto summary = nlohmann::json::parse(r.out);

    std::vector<std::string> fh, eh, oh;
    const auto fills = read_csv(out / "fills.csv", fh);
    const auto equity = read_csv(out / "equity.csv", eh);
    const auto orders = read_csv(out / "orders.csv", oh);
    ASSERT_FALSE(fills.empty());
    ASSERT_FALSE(equity.empty());
    EXPECT_EQ(fills.size(), summary["fills"].get<std::size_t>());
    EXPECT_EQ(orders.size(), summary["orders"].get<std::size_t>());

    // Every fill: position and cash move by exactly this fill. The first equity
    // sample is taken at the first event, before any fill: it holds the initial cash.
    ASSERT_EQ(fixed(equity.front()[col(eh, "position")], kQtyDecimals), 0);
    const std::int64_t initial_cash = fixed(equity.front()[col(eh, "cash")], kMoneyDecimals);
    EXPECT_EQ(initial_cash, 100000'0000);  // demo.toml: initial_cash = 100000.0
    std::int64_t position = 0, cash = initial_cash, fee_sum = 0;
    for (const auto& f : fills) {
        const std::int64_t qty = fixed(f[col(fh, "qty")], kQtyDecimals);
        const std::int64_t px = fixed(f[col(fh, "price")], kPriceDecimals);
        const std::int64_t fee = fixed(f[col(fh, "fee")], kMoneyDecimals);
        const std::int64_t s = f[col(fh, "side")] == "buy" ? 1 : -1;
        position += s * qty;
        cash += -s * px * qty - fee;
        fee_sum += fee;
        ASSERT_EQ(fixed(f[col(fh, "position")], kQtyDecimals), position) << "after fill of order " << f[1];
        ASSERT_EQ(fixed(f[col(fh, "cash")], kMoneyDecimals), cash) << "after fill of order " << f[1];
    }
    EXPECT_DOUBLE_EQ(summary["position"].get<double>(), double(position));

    // Every equity sample: equity = cash + position × mark, exactly.
    for (const auto& e : equity) {
        const std::int64_t pos = fixed(e[col(eh, "position")], kQtyDecimals);
        const std::int64_t c = fixed(e[col(eh, "cash")], kMoneyDecimals);
        const std::int64_t mark = fixed(e[col(eh, "mark")], kPriceDecimals);
        ASSERT_EQ(fixed(e[col(eh, "equity")], kMoneyDecimals), c + pos * mark) << "at " << e[0];
    }
    // The last sample is the end of the run: its position and cash are the final ones.
    EXPECT_EQ(fixed(equity.back()[col(eh, "position")], kQtyDecimals), position);
    EXPECT_EQ(fixed(equity.back()[col(eh, "cash")], kMoneyDecimals), cash);

    // Fees add up across fills, orders and the summary.
    std::int64_t order_fees = 0;
    for (const auto& o : orders) order_fees += fixed(o[col(oh, "fees")], kMoneyDecimals);
    EXPECT_EQ(order_fees, fee_sum);
    EXPECT_NEAR(summary["fees"].get<double>(), double(fee_sum) / 1e4, 1e-6);

    // PnL decomposes: equity − initial cash = realized + unrealized − fees.
    const double final_equity = double(fixed(equity.back()[col(eh, "equity")], kMoneyDecimals) - initial_cash) / 1e4;
    EXPECT_NEAR(
        final_equity,
        summary["realized_pnl"].get<double>() + summary["unrealized_pnl"].get<double>() - summary["fees"].get<double>(),
        1e-6);
}
