#pragma once
// Shared by the plugin tests: where the fixture libraries are, whether a
// library is mapped, and built-in manifests compiled into the test binary.

#include <dlfcn.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "trellis/risk_rule.hpp"
#include "trellis/strategy.hpp"

namespace trellis::testing {

inline std::filesystem::path fixture_dir() { return std::filesystem::path(TRELLIS_FIXTURE_DIR); }
inline std::filesystem::path fixture(std::string_view file) { return fixture_dir() / std::string(file); }
// How loader messages name a fixture file: '<absolute path>'.
inline std::string quoted_fixture(std::string_view file) {
    return std::string("'").append(fixture(file).string()).append("'");
}

// True while `file` is mapped into this process. RTLD_NOLOAD never loads; it
// only takes an extra reference on an already loaded library, released here.
inline bool is_loaded(const std::filesystem::path& file) {
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (handle == nullptr) return false;
    dlclose(handle);
    return true;
}

// A built-in strategy ("quoter") whose schema has one parameter of each
// type, a required one, two- and one-sided ranges.
class Quoter final : public Strategy {
public:
    explicit Quoter(const Params& params) : params_(params) {}
    Status start(StrategyContext&) override { return Status::ok(); }
    const Params& params() const { return params_; }

private:
    Params params_;
};

inline constexpr ParamSpec kQuoterParams[] = {
    {"symbol", ParamType::String, nullptr, "instrument to quote"},
    {"spread_ticks", ParamType::Int, "2", "distance below the best bid, in ticks", 1, 100},
    {"size", ParamType::Float, "1.5", "order size, in lots", 0.0, 1000.0},
    {"enabled", ParamType::Bool, "true", "submit orders at all"},
    {"tag", ParamType::String, "mm", "label on every order"},
    {"max_loss", ParamType::Float, "0", "stop after losing this much", 0.0},
};

// Counts destructions through the manifest's destroy, so a test can tell the
// deleter used it.
inline int quoter_destroyed = 0;
inline void destroy_quoter(Plugin* plugin) noexcept {
    ++quoter_destroyed;
    delete static_cast<Quoter*>(plugin);
}

inline const PluginManifest kQuoter{kAbiVersion,
                                    PluginKind::Strategy,
                                    "quoter",
                                    "2.0.0",
                                    TRELLIS_BUILD_ID,
                                    kQuoterParams,
                                    std::size(kQuoterParams),
                                    &detail::create_plugin<Quoter>,
                                    &destroy_quoter};

// A built-in that claims the fixture library's (strategy, fixture_strategy).
inline const PluginManifest kBuiltinFixtureStrategy{kAbiVersion,
                                                    PluginKind::Strategy,
                                                    "fixture_strategy",
                                                    "9.9.9",
                                                    TRELLIS_BUILD_ID,
                                                    kQuoterParams,
                                                    std::size(kQuoterParams),
                                                    &detail::create_plugin<Quoter>,
                                                    &detail::destroy_plugin<Quoter>};

// A built-in from another SDK ABI.
inline const PluginManifest kOldAbiQuoter{kAbiVersion + 1,
                                          PluginKind::Strategy,
                                          "old_quoter",
                                          "0.1.0",
                                          TRELLIS_BUILD_ID,
                                          kQuoterParams,
                                          std::size(kQuoterParams),
                                          &detail::create_plugin<Quoter>,
                                          &detail::destroy_plugin<Quoter>};

}  // namespace trellis::testing
