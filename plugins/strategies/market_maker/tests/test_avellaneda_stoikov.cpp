// The quoting formulas and the volatility estimator, on hand-computed numbers.
#include <gtest/gtest.h>

#include <cmath>

#include "avellaneda_stoikov.hpp"
#include "ewma_volatility.hpp"

using namespace trellis::market_maker;

namespace {
constexpr double kLn2 = 0.6931471805599453;
constexpr std::int64_t kSecond = 1'000'000'000;
}  // namespace

TEST(AvellanedaStoikov, ReservationPriceLeansAgainstInventory) {
    // γ = 0.1, τ = 10 s → γτ = 1. σ² = 1.5 ticks²/s, q = 2 clips:
    // r = 22001 − 2 × 1 × 1.5 = 21998.
    const AvellanedaStoikov model(0.1, 1.0, 10.0, 1.0);
    EXPECT_DOUBLE_EQ(model.reservation_price(22001.0, 2.0, 1.5), 21998.0);
    EXPECT_DOUBLE_EQ(model.reservation_price(22001.0, -2.0, 1.5), 22004.0);
    EXPECT_DOUBLE_EQ(model.reservation_price(22001.0, 0.0, 1.5), 22001.0);
}

TEST(AvellanedaStoikov, HalfSpreadIsRiskPlusLiquidityTermOrTheMinimum) {
    // (2/γ)·ln(1 + γ/κ) = 20 × ln 1.1 = 20 × 0.0953101798 = 1.906203596.
    // σ² = 1: (γτσ² + 1.906203596) / 2 = (1 + 1.906203596) / 2 = 1.453101798.
    const AvellanedaStoikov model(0.1, 1.0, 10.0, 1.0);
    EXPECT_NEAR(model.half_spread(1.0), 1.453101798, 1e-9);
    // σ² = 4: (4 + 1.906203596) / 2 = 2.953101798.
    EXPECT_NEAR(model.half_spread(4.0), 2.953101798, 1e-9);
    // A 3-tick minimum dominates both.
    const AvellanedaStoikov wide(0.1, 1.0, 10.0, 3.0);
    EXPECT_DOUBLE_EQ(wide.half_spread(1.0), 3.0);
}

TEST(AvellanedaStoikov, QuotesRoundOutwardToTheTickGrid) {
    const AvellanedaStoikov model(0.1, 1.0, 10.0, 1.0);
    // mid 22001, q 0, σ² 1: bid = floor(22001 − 1.4531) = 21999, ask = ceil(22002.4531) = 22003.
    QuoteTicks q = model.quote(22001.0, 0.0, 1.0);
    EXPECT_EQ(q.bid, 21999);
    EXPECT_EQ(q.ask, 22003);
    // A price exactly on the grid stays there: min half spread 3 → 22001 ± 3 = 21998 / 22004.
    const AvellanedaStoikov wide(0.1, 1.0, 10.0, 3.0);
    q = wide.quote(22001.0, 0.0, 1.0);
    EXPECT_EQ(q.bid, 21998);
    EXPECT_EQ(q.ask, 22004);
    // Half-tick mid 22000.5 with σ² = 0.1 and a 1-tick minimum:
    // (0.1 + 1.9062) / 2 = 1.0031 → bid = floor(21999.4969) = 21999, ask = ceil(22001.5031) = 22002.
    q = model.quote(22000.5, 0.0, 0.1);
    EXPECT_EQ(q.bid, 21999);
    EXPECT_EQ(q.ask, 22002);
}

TEST(EwmaVolatility, StartsAtThePriorAndIgnoresUnchangedMids) {
    EwmaVolatility vol(10.0, 2.0);  // σ₀ = 2 ticks/√s → v = 4
    EXPECT_DOUBLE_EQ(vol.variance(), 4.0);
    EXPECT_TRUE(vol.observe(0, 100.0));  // first mid: nothing to difference yet
    EXPECT_DOUBLE_EQ(vol.variance(), 4.0);
    EXPECT_FALSE(vol.observe(5 * kSecond, 100.0));  // same mid: no update
    EXPECT_DOUBLE_EQ(vol.variance(), 4.0);
    EXPECT_DOUBLE_EQ(vol.sigma(), 2.0);
}

TEST(EwmaVolatility, DecaysByElapsedTimeAndAddsLambdaTimesSquaredMove) {
    // Half-life 10 s → λ = ln2/10 = 0.0693147181.
    EwmaVolatility vol(10.0, 1.0);  // v = 1
    vol.observe(0, 100.0);
    // 10 s later (one half-life) the mid moves +2: v = 1 × 0.5 + 0.0693147181 × 4 = 0.7772588722.
    vol.observe(10 * kSecond, 102.0);
    EXPECT_NEAR(vol.variance(), 0.7772588722, 1e-9);
    // Same instant, −1: no decay, v = 0.7772588722 + 0.0693147181 = 0.8465735903.
    vol.observe(10 * kSecond, 101.0);
    EXPECT_NEAR(vol.variance(), 0.8465735903, 1e-9);
}

TEST(EwmaVolatility, ConvergesToTheRealizedVarianceRate) {
    // A mid that moves ±1 tick every second has E[Δm²]/Δt = 1 tick²/s. The
    // discrete update settles at v* = λ / (1 − e^(−λ)) = 0.0693147181 / 0.0669670085
    // = 1.0350577; starting from v = 4 the excess halves every 10 steps:
    // after 200 steps v = 1.0350577 + 2.9649423 × 2^-20 = 1.0350577 + 0.0000028 = 1.0350605.
    EwmaVolatility vol(10.0, 2.0);
    double mid = 100.0;
    vol.observe(0, mid);
    for (int i = 1; i <= 200; ++i) {
        mid += (i % 2) ? 1.0 : -1.0;
        vol.observe(i * kSecond, mid);
    }
    const double lambda = kLn2 / 10.0;
    EXPECT_NEAR(lambda / (1.0 - std::exp(-lambda)), 1.0350577, 1e-7);
    EXPECT_NEAR(vol.variance(), 1.0350605, 1e-7);
}
