// The shared parameters: the four levels a breach may raise, with a message
// naming the rule, the value and the choices for anything else; positive counts.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "risk_rule_support/common_params.hpp"

using namespace trellis;
using trellis::risk::parse_breach_level;
using trellis::risk::read_breach_level;
using trellis::risk::read_positive_int;

namespace {

TEST(BreachLevel, ParsesTheFourLevels) {
    EXPECT_EQ(parse_breach_level("elevated"), RiskLevel::Elevated);
    EXPECT_EQ(parse_breach_level("high"), RiskLevel::High);
    EXPECT_EQ(parse_breach_level("severe"), RiskLevel::Severe);
    EXPECT_EQ(parse_breach_level("halted"), RiskLevel::Halted);
}

TEST(BreachLevel, RefusesNormalAndTypos) {
    EXPECT_FALSE(parse_breach_level("normal"));  // a breach must be visible
    EXPECT_FALSE(parse_breach_level("High"));
    EXPECT_FALSE(parse_breach_level("Severe"));
    EXPECT_FALSE(parse_breach_level(""));
}

TEST(BreachLevel, ReadErrorNamesRuleValueAndChoices) {
    Params p;
    p.set("breach_level", std::string("hgih"));
    try {
        read_breach_level(p, "position_limit");
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()),
                  "position_limit: params.breach_level = 'hgih' is not a breach level; use one of elevated, high, "
                  "severe, halted");
    }
    p.set("breach_level", std::string("normal"));
    try {
        read_breach_level(p, "my_rule");
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()),
                  "my_rule: params.breach_level = 'normal' is not a breach level; use one of elevated, high, severe, "
                  "halted");
    }
    p.set("breach_level", std::string("severe"));
    EXPECT_EQ(read_breach_level(p, "position_limit"), RiskLevel::Severe);
}

TEST(BreachLevel, SchemaEntryCarriesTheRuleDefault) {
    constexpr ParamSpec spec = risk::breach_level_param("high");
    EXPECT_STREQ(spec.key, "breach_level");
    EXPECT_EQ(spec.type, ParamType::String);
    EXPECT_STREQ(spec.default_value, "high");
}

TEST(PositiveInt, OneIsTheSmallestAndTheErrorSaysKeyValueAndUnit) {
    Params p;
    p.set("window_ms", std::int64_t{1});
    EXPECT_EQ(read_positive_int(p, "window_ms", "some_rule", "milliseconds"), 1);
    p.set("window_ms", std::int64_t{0});
    try {
        read_positive_int(p, "window_ms", "some_rule", "milliseconds");
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "some_rule: params.window_ms = 0 must be at least 1 (milliseconds)");
    }
    p.set("window_ms", std::int64_t{-5});
    EXPECT_THROW(read_positive_int(p, "window_ms", "some_rule", "milliseconds"), std::invalid_argument);
}

}  // namespace

namespace {

TEST(PositiveMillis, ConvertsToNanoseconds) {
    Params p;
    p.set("max_age_ms", std::int64_t{2500});
    EXPECT_EQ(risk::read_positive_millis(p, "max_age_ms", "some_rule"), 2'500'000'000);
    p.set("max_age_ms", std::int64_t{0});
    EXPECT_THROW(risk::read_positive_millis(p, "max_age_ms", "some_rule"), std::invalid_argument);
}

TEST(FixedPointParam, ExactOrRefusedWithKeyAndReason) {
    Params p;
    p.set("max_ratio", 0.95);
    EXPECT_EQ(risk::read_fixed_point(p, "max_ratio", 6, "some_rule"), 950'000);
    p.set("max_ratio", 0.1234567);
    try {
        risk::read_fixed_point(p, "max_ratio", 6, "some_rule");
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "some_rule: params.max_ratio = 0.1234567 has more than 6 decimals");
    }
    p.set("max_ratio", -0.5);
    try {
        risk::read_fixed_point(p, "max_ratio", 6, "some_rule");
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "some_rule: params.max_ratio must not be negative");
    }
}

}  // namespace
