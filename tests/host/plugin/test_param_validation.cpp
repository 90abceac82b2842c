// validate_params: types, ranges, defaults, required keys, unknown keys, and
// that every problem is reported at its own location.
#include <gtest/gtest.h>

#include <vector>

#include "plugin/param_validation.hpp"
#include "test_plugins.hpp"

namespace trellis::host {
namespace {

using testing::kQuoter;

constexpr std::string_view kEntry = "cfg.toml:3:1: strategies[0]";

RawParam raw(std::string key, ParamValue value, int line) {
    const std::string where = "cfg.toml:" + std::to_string(line) + ":1: strategies[0].params." + key;
    return RawParam{std::move(key), std::move(value), where};
}

TEST(ParamValidation, FillsDefaultsInSchemaOrder) {
    const std::vector<RawParam> given{raw("tag", std::string("x"), 5), raw("symbol", std::string("AMZN"), 4)};
    const auto params = validate_params(kQuoter, given, kEntry);
    ASSERT_TRUE(params) << params.error().message;
    const auto& entries = params->entries();
    ASSERT_EQ(entries.size(), 6u);
    EXPECT_EQ(entries[0].first, "symbol");
    EXPECT_EQ(std::get<std::string>(entries[0].second), "AMZN");
    EXPECT_EQ(entries[1].first, "spread_ticks");
    EXPECT_EQ(std::get<std::int64_t>(entries[1].second), 2);
    EXPECT_EQ(entries[2].first, "size");
    EXPECT_EQ(std::get<double>(entries[2].second), 1.5);
    EXPECT_EQ(entries[3].first, "enabled");
    EXPECT_EQ(std::get<bool>(entries[3].second), true);
    EXPECT_EQ(entries[4].first, "tag");
    EXPECT_EQ(std::get<std::string>(entries[4].second), "x");
    EXPECT_EQ(entries[5].first, "max_loss");
    EXPECT_EQ(std::get<double>(entries[5].second), 0.0);
}

TEST(ParamValidation, IntIsWidenedForAFloat) {
    const std::vector<RawParam> given{raw("symbol", std::string("AMZN"), 4), raw("size", std::int64_t{3}, 5)};
    const auto params = validate_params(kQuoter, given, kEntry);
    ASSERT_TRUE(params) << params.error().message;
    const ParamValue* size = params->find("size");
    ASSERT_NE(size, nullptr);
    ASSERT_TRUE(std::holds_alternative<double>(*size));
    EXPECT_EQ(std::get<double>(*size), 3.0);
}

TEST(ParamValidation, BoundsAreInclusive) {
    for (const std::int64_t ticks : {1, 100}) {
        const std::vector<RawParam> given{raw("symbol", std::string("AMZN"), 4), raw("spread_ticks", ticks, 5)};
        const auto params = validate_params(kQuoter, given, kEntry);
        ASSERT_TRUE(params) << params.error().message;
        EXPECT_EQ(params->get_int("spread_ticks"), ticks);
    }
}

TEST(ParamValidation, UnknownKeyGetsDidYouMean) {
    const std::vector<RawParam> given{raw("symbol", std::string("AMZN"), 4), raw("sprad_ticks", std::int64_t{3}, 5)};
    const auto params = validate_params(kQuoter, given, kEntry);
    ASSERT_FALSE(params);
    EXPECT_EQ(params.error().message,
              "cfg.toml:5:1: strategies[0].params.sprad_ticks: unknown parameter 'sprad_ticks' for strategy "
              "'quoter' (did you mean 'spread_ticks'?)");
}

TEST(ParamValidation, UnknownKeyWithoutCloseMatchListsValidKeys) {
    const std::vector<RawParam> given{raw("symbol", std::string("AMZN"), 4), raw("venue", std::string("x"), 5)};
    const auto params = validate_params(kQuoter, given, kEntry);
    ASSERT_FALSE(params);
    EXPECT_EQ(params.error().message,
              "cfg.toml:5:1: strategies[0].params.venue: unknown parameter 'venue' for strategy 'quoter'; valid "
              "parameters: symbol, spread_ticks, size, enabled, tag, max_loss");
}

TEST(ParamValidation, WrongTypesAreNotCoerced) {
    const std::vector<RawParam> given{
        raw("symbol", std::int64_t{5}, 4),   // int for a string
        raw("size", std::string("big"), 5),  // string for a float
        raw("enabled", std::int64_t{1}, 6),  // int for a bool
        raw("spread_ticks", 2.0, 7),         // float for an int: no narrowing
    };
    const auto params = validate_params(kQuoter, given, kEntry);
    ASSERT_FALSE(params);
    EXPECT_EQ(params.error().message,
              "cfg.toml:4:1: strategies[0].params.symbol: parameter 'symbol' of strategy 'quoter': expected string, "
              "got int\n"
              "cfg.toml:5:1: strategies[0].params.size: parameter 'size' of strategy 'quoter': expected float, got "
              "string\n"
              "cfg.toml:6:1: strategies[0].params.enabled: parameter 'enabled' of strategy 'quoter': expected bool, "
              "got int\n"
              "cfg.toml:7:1: strategies[0].params.spread_ticks: parameter 'spread_ticks' of strategy 'quoter': "
              "expected int, got float");
}

TEST(ParamValidation, OutOfRangeSaysTheBound) {
    const std::vector<RawParam> given{raw("symbol", std::string("AMZN"), 4), raw("spread_ticks", std::int64_t{0}, 5),
                                      raw("size", 1000.5, 6), raw("max_loss", std::int64_t{-1}, 7)};
    const auto params = validate_params(kQuoter, given, kEntry);
    ASSERT_FALSE(params);
    EXPECT_EQ(params.error().message,
              "cfg.toml:5:1: strategies[0].params.spread_ticks: parameter 'spread_ticks' of strategy 'quoter': 0 is "
              "below the minimum 1\n"
              "cfg.toml:6:1: strategies[0].params.size: parameter 'size' of strategy 'quoter': 1000.5 is above the "
              "maximum 1000\n"
              "cfg.toml:7:1: strategies[0].params.max_loss: parameter 'max_loss' of strategy 'quoter': -1 is below "
              "the minimum 0");
}

TEST(ParamValidation, MissingRequiredIsReportedAtTheEntry) {
    const auto params = validate_params(kQuoter, {}, kEntry);
    ASSERT_FALSE(params);
    EXPECT_EQ(params.error().message,
              "cfg.toml:3:1: strategies[0]: missing required parameter 'symbol' (string) of strategy 'quoter': "
              "instrument to quote");
}

TEST(ParamValidation, ReportsEveryProblemOnePerLine) {
    const std::vector<RawParam> given{raw("sise", 2.0, 4), raw("enabled", std::string("yes"), 5),
                                      raw("enabled", true, 6)};
    const auto params = validate_params(kQuoter, given, kEntry);
    ASSERT_FALSE(params);
    EXPECT_EQ(params.error().message,
              "cfg.toml:4:1: strategies[0].params.sise: unknown parameter 'sise' for strategy 'quoter' (did you mean "
              "'size'?)\n"
              "cfg.toml:5:1: strategies[0].params.enabled: parameter 'enabled' of strategy 'quoter': expected bool, "
              "got string\n"
              "cfg.toml:6:1: strategies[0].params.enabled: parameter 'enabled' is given twice (first at cfg.toml:5:1: "
              "strategies[0].params.enabled)\n"
              "cfg.toml:3:1: strategies[0]: missing required parameter 'symbol' (string) of strategy 'quoter': "
              "instrument to quote");
}

TEST(ParamValidation, PluginWithoutParametersRejectsAny) {
    const PluginManifest bare{kAbiVersion, PluginKind::RiskRule, "bare", "1.0.0", TRELLIS_BUILD_ID, nullptr, 0, nullptr,
                              nullptr};
    EXPECT_TRUE(validate_params(bare, {}, kEntry));
    const std::vector<RawParam> given{raw("limit", std::int64_t{1}, 4)};
    const auto params = validate_params(bare, given, kEntry);
    ASSERT_FALSE(params);
    EXPECT_EQ(params.error().message,
              "cfg.toml:4:1: strategies[0].params.limit: unknown parameter 'limit' for risk_rule 'bare'; it takes no "
              "parameters");
}

}  // namespace
}  // namespace trellis::host
