#pragma once
/// @file plugin.hpp
/// The plugin contract: life cycle, manifest, ABI/build identity and the export macro.

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>
#include <boost/version.hpp>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "trellis/params.hpp"
#include "trellis/status.hpp"

namespace trellis {

/// Version of this contract. Bumped on any incompatible change to an SDK
/// header; the host refuses plugins built against another version.
#ifdef TRELLIS_ABI_VERSION_OVERRIDE  // only for the loader's test fixtures
inline constexpr std::uint32_t kAbiVersion = TRELLIS_ABI_VERSION_OVERRIDE;
#else
inline constexpr std::uint32_t kAbiVersion = 4;
#endif

#define TRELLIS_STR_DETAIL(x) #x
#define TRELLIS_STR(x) TRELLIS_STR_DETAIL(x)

#ifndef TRELLIS_BUILD_FLAGS
#define TRELLIS_BUILD_FLAGS "unknown"
#endif

/// Identity of the toolchain a binary was built with. Host and plugin share
/// C++ standard-library types across the boundary, so they must agree on
/// compiler, standard, library ABI, Boost and build flags.
#ifdef TRELLIS_BUILD_ID_OVERRIDE  // only for the loader's test fixtures
#define TRELLIS_BUILD_ID TRELLIS_BUILD_ID_OVERRIDE
#else
#define TRELLIS_BUILD_ID                                                                                             \
    "gcc " __VERSION__                                                                                               \
    "; c++ " TRELLIS_STR(__cplusplus) "; cxx11abi " TRELLIS_STR(_GLIBCXX_USE_CXX11_ABI) "; boost " BOOST_LIB_VERSION \
                                                                                        "; flags " TRELLIS_BUILD_FLAGS
#endif

/// The four kinds of plugin.
enum class PluginKind : std::uint8_t { ExchangeAdapter = 0, Strategy = 1, RiskRule = 2, AlertSink = 3 };

/// "exchange_adapter", "strategy", "risk_rule", "alert_sink".
constexpr std::string_view to_string(PluginKind k) noexcept {
    switch (k) {
        case PluginKind::ExchangeAdapter:
            return "exchange_adapter";
        case PluginKind::Strategy:
            return "strategy";
        case PluginKind::RiskRule:
            return "risk_rule";
        case PluginKind::AlertSink:
            return "alert_sink";
    }
    return "unknown";
}

/// Base of every plugin object. Life cycle: constructed with validated Params
/// (configure) → start(context) → events → stop(). snapshot()/restore() carry
/// state from an old instance to a new one during a hot swap.
class Plugin {
public:
    virtual ~Plugin() = default;
    /// Ends the plugin's activity; the context is invalid afterwards.
    virtual void stop() noexcept {}
    /// Serializes the plugin's state (empty = stateless).
    virtual std::vector<std::byte> snapshot() const { return {}; }
    /// Restores state produced by snapshot() of the same or an older version.
    virtual Status restore(std::span<const std::byte> state) {
        if (state.empty()) return Status::ok();
        return Status::error(StatusCode::Unsupported, "this plugin keeps no state to restore");
    }
};

/// Everything the host needs to know about a plugin library. Lives in the
/// library as a constant; returned by the entry symbol.
struct PluginManifest {
    std::uint32_t abi_version;  ///< kAbiVersion the plugin was built against
    PluginKind kind;            ///< what it is
    const char* name;           ///< registry name, snake_case
    const char* version;        ///< semantic version of the plugin
    const char* build_id;       ///< TRELLIS_BUILD_ID of the plugin's build
    const ParamSpec* params;    ///< parameter schema
    std::size_t param_count;    ///< entries in params
    /// Creates an instance; returns nullptr and fills *error on failure. Never throws.
    Plugin* (*create)(const Params& params, Status* error) noexcept;
    /// Destroys an instance made by create (whoever allocates frees).
    void (*destroy)(Plugin* plugin) noexcept;
};

/// Name of the exported entry symbol (a BOOST_DLL_ALIAS).
inline constexpr const char* kPluginEntrySymbol = "trellis_plugin_entry";

/// Signature of the entry symbol.
using PluginEntry = const PluginManifest*() noexcept;

namespace detail {
/// Creates a T, turning any exception into a Status so none crosses the boundary.
template <class T>
Plugin* create_plugin(const Params& params, Status* error) noexcept {
    try {
        return static_cast<Plugin*>(new T(params));
    } catch (const std::exception& e) {
        if (error) *error = Status::error(StatusCode::InvalidArgument, e.what());
    } catch (...) {
        if (error) *error = Status::error(StatusCode::Internal, "unknown exception in constructor");
    }
    return nullptr;
}
/// Destroys a T made by create_plugin.
template <class T>
void destroy_plugin(Plugin* p) noexcept {
    delete static_cast<T*>(p);
}
}  // namespace detail

}  // namespace trellis

/// Exports CLASS as a plugin named NAME (string literal) at VERSION, with the
/// parameter schema PARAMS (a constexpr array of trellis::ParamSpec). CLASS
/// must derive from one of the kind interfaces (Strategy, ExchangeAdapter,
/// RiskRule, AlertSink) and have a constructor taking `const trellis::Params&`
/// that throws std::invalid_argument for parameters it cannot accept.
/// Use once per library, at namespace scope.
#define TRELLIS_PLUGIN(CLASS, NAME, VERSION, PARAMS)                                                     \
    static_assert(std::is_base_of_v<::trellis::Plugin, CLASS>, "plugin class must derive from a kind");  \
    namespace {                                                                                          \
    const ::trellis::PluginManifest trellis_manifest_{::trellis::kAbiVersion,                            \
                                                      CLASS::kKind,                                      \
                                                      NAME,                                              \
                                                      VERSION,                                           \
                                                      TRELLIS_BUILD_ID,                                  \
                                                      std::data(PARAMS),                                 \
                                                      std::size(PARAMS),                                 \
                                                      &::trellis::detail::create_plugin<CLASS>,          \
                                                      &::trellis::detail::destroy_plugin<CLASS>};        \
    const ::trellis::PluginManifest* trellis_plugin_entry_impl() noexcept { return &trellis_manifest_; } \
    }                                                                                                    \
    BOOST_DLL_ALIAS(trellis_plugin_entry_impl, trellis_plugin_entry)
