// The two queue models, with the arithmetic worked by hand.

#include <gtest/gtest.h>

#include "exchange_harness.hpp"
#include "queue_position.hpp"

namespace trellis::simex::testing {
namespace {

TEST(QueueModels, ProbabilisticDecreaseFormula) {
    // drop × a^n / (a^n + b^n), rounded to nearest, halves away from zero.
    EXPECT_EQ(probabilistic_decrease(500, 300, 200, 2.0), 147);  // 200 × 250000/340000 = 147.06
    EXPECT_EQ(probabilistic_decrease(500, 300, 200, 1.0), 125);  // 200 × 500/800 = 125
    EXPECT_EQ(probabilistic_decrease(100, 100, 3, 2.0), 2);      // 3 × 1/2 = 1.5 → 2
    EXPECT_EQ(probabilistic_decrease(100, 100, 3, 0.0), 2);      // n = 0: always half
    EXPECT_EQ(probabilistic_decrease(100, 0, 40, 2.0), 40);      // nobody behind: all from ahead
    EXPECT_EQ(probabilistic_decrease(0, 100, 40, 2.0), 0);       // nobody ahead
    EXPECT_EQ(probabilistic_decrease(10, 5, 40, 2.0), 10);       // never more than what is ahead
}

// Binance-like L1 data (quotes only), default queue_power n = 2.
TEST(QueueModels, ProbabilisticQueueOnL1Quotes) {
    Harness h;
    h.quote(kBtc, 279813, 500, 279814, 400);
    const OrderId id = h.limit(kBtc, Side::Buy, 279813, 100);
    EXPECT_EQ(h.ahead(id), 500);              // joined behind the displayed 500
    h.quote(kBtc, 279813, 800, 279814, 400);  // +300: behind us
    EXPECT_EQ(h.ahead(id), 500);
    // −200, no trade: ahead 500, behind 800 − 500 = 300;
    // 200 × 500² / (500² + 300²) = 200 × 250000 / 340000 = 147.06 → 147; ahead 500 − 147 = 353.
    h.quote(kBtc, 279813, 600, 279814, 400);
    EXPECT_EQ(h.ahead(id), 353);
    // −300: ahead 353, behind 600 − 353 = 247;
    // 300 × 353² / (353² + 247²) = 300 × 124609 / 185618 = 201.40 → 201; ahead 353 − 201 = 152.
    h.quote(kBtc, 279813, 300, 279814, 400);
    EXPECT_EQ(h.ahead(id), 152);
    // An ask-side change says nothing about our level.
    h.quote(kBtc, 279813, 300, 279815, 10);
    EXPECT_EQ(h.ahead(id), 152);
    // The bid improves past us: our level is now invisible; 80 of the 300 left meanwhile.
    h.quote(kBtc, 279814, 50, 279815, 10);
    EXPECT_EQ(h.ahead(id), 152);
    // Back at our price with 220: drop 80 with ahead 152, behind 300 − 152 = 148;
    // 80 × 152² / (152² + 148²) = 80 × 23104 / 45008 = 41.07 → 41; ahead 152 − 41 = 111.
    h.quote(kBtc, 279813, 220, 279815, 10);
    EXPECT_EQ(h.ahead(id), 111);
    // The level empties (the bid drops below us): nobody can be in front.
    h.quote(kBtc, 279812, 400, 279815, 10);
    EXPECT_EQ(h.ahead(id), 0);
}

TEST(QueueModels, QueuePowerParameterChangesTheSplit) {
    Harness h(make_params({{"queue_power", 1.0}}));
    h.quote(kBtc, 279813, 500, 279814, 400);
    const OrderId id = h.limit(kBtc, Side::Buy, 279813, 100);
    h.quote(kBtc, 279813, 800, 279814, 400);
    // n = 1: 200 × 500 / (500 + 300) = 125; ahead 375.
    h.quote(kBtc, 279813, 600, 279814, 400);
    EXPECT_EQ(h.ahead(id), 375);
}

TEST(QueueModels, ProbabilisticDeeperOrderIsSizedWhenTheBestReachesIt) {
    Harness h;
    h.quote(kBtc, 279813, 500, 279814, 400);
    const OrderId id = h.limit(kBtc, Side::Buy, 279811, 100);  // two ticks below the best bid
    EXPECT_FALSE(h.queue_known(id));
    h.quote(kBtc, 279812, 300, 279814, 400);
    EXPECT_FALSE(h.queue_known(id));
    h.quote(kBtc, 279811, 700, 279813, 400);  // the best bid reaches us: 700 displayed in front
    EXPECT_TRUE(h.queue_known(id));
    EXPECT_EQ(h.ahead(id), 700);
}

// With trades in the data (forced probabilistic), traded size explains part of a drop.
TEST(QueueModels, ProbabilisticQueueSubtractsTradesFromTheDrop) {
    Harness h(make_params({{"queue_model", std::string("probabilistic")}}));
    h.quote(kAmzn, 2238100, 500, 2238500, 200);
    const OrderId id = h.limit(kAmzn, Side::Buy, 2238100, 100);
    h.quote(kAmzn, 2238100, 800, 2238500, 200);  // ahead 500, level 800
    h.trade(kAmzn, Side::Sell, 2238100, 100);    // consumes the front: ahead 400
    EXPECT_EQ(h.ahead(id), 400);
    // Level 800 → 650: 100 traded, so 50 were cancelled. Behind = 700 − 400 = 300;
    // 50 × 400² / (400² + 300²) = 50 × 160000 / 250000 = 32; ahead 368.
    h.quote(kAmzn, 2238100, 650, 2238500, 200);
    EXPECT_EQ(h.ahead(id), 368);
}

// L2 data (Coinbase): level updates give the size at our price even below the best.
TEST(QueueModels, ProbabilisticQueueUsesL2LevelSizes) {
    Harness h;
    h.level(kBtc, Side::Buy, 279813, 500);
    h.level(kBtc, Side::Buy, 279810, 900);
    h.quote(kBtc, 279813, 500, 279814, 400);
    const OrderId id = h.limit(kBtc, Side::Buy, 279810, 100);
    EXPECT_EQ(h.ahead(id), 900);             // from the level table
    h.level(kBtc, Side::Buy, 279810, 1000);  // +100 behind us
    h.level(kBtc, Side::Buy, 279810, 700);   // −300: ahead 900, behind 100;
    // 300 × 900² / (900² + 100²) = 300 × 810000 / 820000 = 296.34 → 296; ahead 604.
    EXPECT_EQ(h.ahead(id), 604);
}

TEST(QueueModels, ExactDeeperJoinUsesTheL3LevelTable) {
    Harness h;
    h.add(kAmzn, Side::Buy, 21, 2238000, 120);
    h.add(kAmzn, Side::Buy, 22, 2238000, 80);
    h.add(kAmzn, Side::Buy, 23, 2238100, 300);
    h.quote(kAmzn, 2238100, 300, 2238500, 200);
    const OrderId id = h.limit(kAmzn, Side::Buy, 2238000, 100);  // one tick below the best
    EXPECT_EQ(h.ahead(id), 200);                                 // 120 + 80 tracked from the adds
    h.add(kAmzn, Side::Buy, 24, 2238000, 500);                   // behind us
    h.remove(kAmzn, Side::Buy, 21, 2238000, 120);                // in front: 200 − 120 = 80
    h.remove(kAmzn, Side::Buy, 24, 2238000, 500);                // behind: no change
    EXPECT_EQ(h.ahead(id), 80);
    h.reduce(kAmzn, Side::Buy, 22, 2238000, 30);  // in front: 80 − 30 = 50
    EXPECT_EQ(h.ahead(id), 50);
}

TEST(QueueModels, ExactModelIgnoresUnexplainedQuoteDrops) {
    // In exact mode only L3 events move the queue; a quote can only cap it at the visible size.
    Harness h(make_params({{"queue_model", std::string("exact")}}));
    h.quote(kAmzn, 2238100, 500, 2238500, 200);
    const OrderId id = h.limit(kAmzn, Side::Buy, 2238100, 100);
    h.quote(kAmzn, 2238100, 800, 2238500, 200);
    h.quote(kAmzn, 2238100, 600, 2238500, 200);  // probabilistic would give 353; exact keeps 500
    EXPECT_EQ(h.ahead(id), 500);
    h.quote(kAmzn, 2238100, 450, 2238500, 200);  // but never more than is visible
    EXPECT_EQ(h.ahead(id), 450);
}

TEST(QueueModels, AutoSwitchesToExactOnceL3EventsAreSeen) {
    Harness h;  // queue_model = auto
    h.quote(kAmzn, 2238100, 500, 2238500, 200);
    const OrderId id = h.limit(kAmzn, Side::Buy, 2238100, 100);
    h.quote(kAmzn, 2238100, 800, 2238500, 200);
    h.add(kAmzn, Side::Buy, 31, 2238100, 100);   // first L3 event: exact from now on
    h.quote(kAmzn, 2238100, 600, 2238500, 200);  // an unexplained drop no longer moves the queue
    EXPECT_EQ(h.ahead(id), 500);
}

}  // namespace
}  // namespace trellis::simex::testing
