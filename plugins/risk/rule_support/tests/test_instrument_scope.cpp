// InstrumentScope and per-instrument limits: one symbol or all, and a limit in
// instrument units converted exactly for every instrument it applies to.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_context.hpp"
#include "risk_rule_support/instrument_limits.hpp"
#include "risk_rule_support/instrument_scope.hpp"

using namespace trellis;
using trellis::fakes::FakeContext;
using trellis::fakes::make_instrument;
using trellis::risk::InstrumentScope;

namespace {

// AMZN: whole shares, prices to 10^-4. BTC: quantities to 10^-8, prices to 10^-2.
FakeContext two_instruments() {
    return FakeContext{{make_instrument(0, "AMZN", 4, 0, 100, 1), make_instrument(1, "BTC", 2, 8, 1, 1000)}};
}

// FakeContext implements every context kind; a rule sees it as its RiskContext.
const RiskContext& as_risk(const FakeContext& ctx) { return ctx; }

TEST(InstrumentScope, EmptySymbolCoversEveryKnownInstrument) {
    FakeContext ctx = two_instruments();
    InstrumentScope scope{""};
    EXPECT_FALSE(scope.covers(0));  // nothing before resolve()
    ASSERT_TRUE(scope.resolve(as_risk(ctx)));
    EXPECT_TRUE(scope.every_instrument());
    EXPECT_TRUE(scope.covers(0));
    EXPECT_TRUE(scope.covers(1));
    EXPECT_FALSE(scope.covers(2));  // not in the table
    EXPECT_FALSE(scope.covers(kNoInstrument));
    std::vector<InstrumentId> seen;
    scope.for_each([&](InstrumentId id) { seen.push_back(id); });
    EXPECT_EQ(seen, (std::vector<InstrumentId>{0, 1}));
}

TEST(InstrumentScope, SymbolCoversOnlyThatInstrument) {
    FakeContext ctx = two_instruments();
    InstrumentScope scope{"BTC"};
    ASSERT_TRUE(scope.resolve(as_risk(ctx)));
    EXPECT_EQ(scope.only(), 1);
    EXPECT_FALSE(scope.covers(0));
    EXPECT_TRUE(scope.covers(1));
    std::vector<InstrumentId> seen;
    scope.for_each([&](InstrumentId id) { seen.push_back(id); });
    EXPECT_EQ(seen, (std::vector<InstrumentId>{1}));
}

TEST(InstrumentScope, UnknownSymbolListsTheKnownOnes) {
    FakeContext ctx = two_instruments();
    InstrumentScope scope{"MSFT"};
    const auto r = scope.resolve(as_risk(ctx));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("'MSFT' is not in the instrument table (known: AMZN, BTC)"), std::string::npos)
        << r.error();
}

TEST(InstrumentScope, StartReportsAnUnknownSymbolAsNotFoundNamingTheRule) {
    FakeContext fake{{make_instrument(0, "AMZN", 4, 0, 100, 1), make_instrument(1, "MSFT", 4, 0, 100, 1)}};
    InstrumentScope msft{"MSFT"};
    ASSERT_TRUE(msft.start(as_risk(fake), "r"));
    EXPECT_FALSE(msft.covers(0));
    EXPECT_TRUE(msft.covers(1));
    InstrumentScope typo{"MSFTT"};
    const Status s = typo.start(as_risk(fake), "my_rule");
    EXPECT_EQ(s.code, StatusCode::NotFound);
    EXPECT_EQ(s.message,
              "my_rule: symbol 'MSFTT' is not in the instrument table (known: AMZN, MSFT); set params.symbol to one of "
              "them or add the instrument to the data source");
}

TEST(InstrumentLimits, QuantityConvertedPerInstrumentScale) {
    FakeContext ctx = two_instruments();
    InstrumentScope scope{""};
    ASSERT_TRUE(scope.resolve(as_risk(ctx)));
    const auto limits = risk::quantity_limits(as_risk(ctx), scope, 250, "params.max_qty");
    ASSERT_TRUE(limits) << limits.error();
    EXPECT_EQ((*limits)[0].raw, 250);             // 250 shares
    EXPECT_EQ((*limits)[1].raw, 25'000'000'000);  // 250 BTC × 10^8
}

TEST(InstrumentLimits, InexactLimitIsRefusedWithTheWayOut) {
    FakeContext ctx = two_instruments();
    InstrumentScope all{""};
    ASSERT_TRUE(all.resolve(as_risk(ctx)));
    const auto limits = risk::quantity_limits(as_risk(ctx), all, 0.5, "params.max_qty");
    ASSERT_FALSE(limits);
    EXPECT_EQ(limits.error(),
              "params.max_qty = 0.5 has more than 0 decimals (AMZN quantities have 0 decimals); or set "
              "params.symbol to apply the rule to one instrument only");
    // Scoped to BTC, 0.5 is exact (50'000'000 raw) and AMZN is not converted at all.
    InstrumentScope btc{"BTC"};
    ASSERT_TRUE(btc.resolve(as_risk(ctx)));
    const auto btc_limits = risk::quantity_limits(as_risk(ctx), btc, 0.5, "params.max_qty");
    ASSERT_TRUE(btc_limits) << btc_limits.error();
    EXPECT_EQ((*btc_limits)[1].raw, 50'000'000);
    EXPECT_EQ((*btc_limits)[0].raw, 0);
}

TEST(InstrumentLimits, MoneyUsesPricePlusQuantityDecimals) {
    const InstrumentSpec amzn = make_instrument(0, "AMZN", 4, 0, 100, 1);
    const InstrumentSpec btc = make_instrument(1, "BTC", 2, 8, 1, 1000);
    EXPECT_EQ(risk::money_from_units(250000.5, amzn, "params.max_notional").value(), 2'500'005'000);  // × 10^4
    EXPECT_EQ(risk::money_from_units(1.25, btc, "params.max_notional").value(), 12'500'000'000);      // × 10^10
    const auto inexact = risk::money_from_units(0.00001, amzn, "params.max_notional");
    ASSERT_FALSE(inexact);
    EXPECT_EQ(inexact.error(),
              "params.max_notional = 1e-05 has more than 4 decimals (AMZN notionals are counted in units of 10^-4 of "
              "the quote currency)");
    EXPECT_FALSE(risk::money_from_units(-1, amzn, "params.max_notional"));
}

}  // namespace
