// Creating plugin objects: they run, they are destroyed by their own library,
// and the library stays mapped exactly as long as one of its objects lives.
#include <gtest/gtest.h>

#include "fake_context.hpp"
#include "plugin/param_validation.hpp"
#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_registry.hpp"
#include "test_plugins.hpp"
#include "trellis/exchange_adapter.hpp"

namespace trellis::host {
namespace {

using testing::fixture;
using testing::fixture_dir;
using testing::is_loaded;

constexpr std::string_view kWhere = "cfg.toml:7:1: strategies[0]";

Params validated(const PluginHandle& plugin, std::vector<RawParam> raw) {
    auto params = validate_params(*plugin.manifest, raw, kWhere);
    EXPECT_TRUE(params) << params.error().message;
    return params ? *params : Params{};
}

// Resolves `plugin_ref`, creates the strategy with symbol AMZN and returns
// it; the registry and the handle are gone when this returns.
PluginPtr<Strategy> strategy_outliving_its_registry(std::string_view plugin_ref) {
    PluginRegistry registry({fixture_dir()});
    const auto plugin = registry.resolve(PluginKind::Strategy, plugin_ref, kWhere);
    EXPECT_TRUE(plugin) << plugin.error().message;
    if (!plugin) return nullptr;
    const Params params = validated(*plugin, {{"symbol", std::string("AMZN"), "cfg.toml:8:1: symbol"}});
    auto created = create_instance<Strategy>(*plugin, params, kWhere);
    EXPECT_TRUE(created) << created.error().message;
    return created ? std::move(*created) : nullptr;
}

TEST(PluginInstance, StrategyFromALibraryRunsAfterItsRegistryIsGone) {
    PluginPtr<Strategy> strategy = strategy_outliving_its_registry("fixture_strategy");
    ASSERT_NE(strategy, nullptr);
    // The object is now the library's only owner.
    const std::weak_ptr<const PluginLibrary> library = strategy.get_deleter().library();
    EXPECT_EQ(library.use_count(), 1);
    ASSERT_TRUE(is_loaded(fixture("fixture_strategy.so")));

    // AMZN at 4 price decimals, tick 0.0100 (100 raw), lot 100 raw.
    fakes::FakeContext ctx({fakes::make_instrument(0, "AMZN", 4, 0, 100, 100)});
    ctx.set_book(0, TopOfBook{Price{2238200}, Price{2238500}, Quantity{300}, Quantity{200}, Price{}, 0});
    const Status started = strategy->start(ctx);
    ASSERT_TRUE(started.is_ok()) << started.message;
    ASSERT_EQ(ctx.logs.size(), 1u);
    EXPECT_EQ(ctx.logs[0], "fixture_strategy quoting AMZN");

    strategy->on_quote(MarketEvent{});
    ASSERT_EQ(ctx.calls.size(), 1u);
    // Bid 2238200 minus the default 2 ticks of 100; default size 1.5 lots of 100.
    EXPECT_EQ(ctx.calls[0].request.price.raw, 2238000);
    EXPECT_EQ(ctx.calls[0].request.qty.raw, 150);
    EXPECT_EQ(ctx.calls[0].request.side, Side::Buy);

    strategy.reset();
    EXPECT_TRUE(library.expired());  // the deleter released the library with the object
}

TEST(PluginInstance, LastObjectUnmapsTheLibrary) {
    // Built with -fno-gnu-unique so glibc is able to unmap it (see tests/fixtures).
    const auto file = fixture("unloadable_strategy.so");
    ASSERT_FALSE(is_loaded(file));
    PluginPtr<Strategy> strategy = strategy_outliving_its_registry(file.string());
    ASSERT_NE(strategy, nullptr);
    EXPECT_TRUE(is_loaded(file));
    fakes::FakeContext ctx({fakes::make_instrument(0, "AMZN", 4, 0, 100, 100)});
    EXPECT_TRUE(strategy->start(ctx).is_ok());  // its code is still there
    strategy.reset();                           // destroy runs first, then dlclose
    EXPECT_FALSE(is_loaded(file));
}

TEST(PluginInstance, AdapterFromALibraryRuns) {
    PluginRegistry registry({fixture_dir()});
    const auto plugin = registry.resolve(PluginKind::ExchangeAdapter, "fixture_adapter", kWhere);
    ASSERT_TRUE(plugin) << plugin.error().message;
    auto adapter = create_instance<ExchangeAdapter>(*plugin, validated(*plugin, {}), kWhere);
    ASSERT_TRUE(adapter) << adapter.error().message;
    EXPECT_EQ((*adapter).get_deleter().library(), plugin->library);

    fakes::FakeContext ctx;
    ctx.clock = 1'000;
    ASSERT_TRUE((*adapter)->start(ctx).is_ok());
    Order order;
    order.id = 7;
    order.request.instrument = 0;
    order.request.side = Side::Sell;
    order.request.price = Price{2238500};
    order.request.qty = Quantity{100};
    (*adapter)->submit(order);
    ASSERT_EQ(ctx.emitted.size(), 1u);
    EXPECT_EQ(ctx.emitted[0].id, 7u);
    EXPECT_EQ(ctx.emitted[0].status, OrderStatus::Accepted);
    EXPECT_EQ(ctx.emitted[0].side, Side::Sell);
    EXPECT_EQ(ctx.emitted[0].price.raw, 2238500);
    EXPECT_EQ(ctx.emitted[0].qty.raw, 100);
    EXPECT_EQ(ctx.emitted[0].ts, 1'000);
}

TEST(PluginInstance, ConstructorRefusalBecomesACleanError) {
    PluginRegistry registry({fixture_dir()});
    const auto plugin = registry.resolve(PluginKind::Strategy, "fixture_strategy", kWhere);
    ASSERT_TRUE(plugin) << plugin.error().message;
    const Params params = validated(*plugin, {{"symbol", std::string(""), "cfg.toml:8:1: symbol"}});
    const auto created = create_instance<Strategy>(*plugin, params, kWhere);
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().message, std::string(kWhere) + ": cannot create strategy 'fixture_strategy' from '" +
                                           fixture("fixture_strategy.so").string() + "': symbol must not be empty");
}

TEST(PluginInstance, RefusesToCreateAsAnotherKind) {
    PluginRegistry registry({fixture_dir()});
    const auto plugin = registry.resolve(PluginKind::Strategy, "fixture_strategy", kWhere);
    ASSERT_TRUE(plugin) << plugin.error().message;
    const auto created = create_instance<ExchangeAdapter>(*plugin, Params{}, "cfg.toml:2:1: adapters[0]");
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().message, "cfg.toml:2:1: adapters[0]: '" + fixture("fixture_strategy.so").string() +
                                           "' is a strategy plugin, but this entry needs an exchange_adapter plugin");
}

TEST(PluginInstance, BuiltinIsDestroyedThroughItsManifest) {
    PluginRegistry registry;
    ASSERT_TRUE(registry.add_builtin(&testing::kQuoter));
    const auto plugin = registry.resolve(PluginKind::Strategy, "quoter", kWhere);
    ASSERT_TRUE(plugin) << plugin.error().message;
    const Params params = validated(*plugin, {{"symbol", std::string("BTC-USD"), "cfg.toml:8:1: symbol"},
                                              {"spread_ticks", std::int64_t{5}, "cfg.toml:9:1: spread_ticks"}});
    auto created = create_instance<Strategy>(*plugin, params, kWhere);
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_EQ(created->get_deleter().library(), nullptr);
    const auto& quoter = static_cast<const testing::Quoter&>(**created);
    EXPECT_EQ(quoter.params().get_string("symbol"), "BTC-USD");
    EXPECT_EQ(quoter.params().get_int("spread_ticks"), 5);

    const int destroyed_before = testing::quoter_destroyed;
    created->reset();
    EXPECT_EQ(testing::quoter_destroyed, destroyed_before + 1);
}

}  // namespace
}  // namespace trellis::host
