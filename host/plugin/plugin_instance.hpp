#pragma once
// Ownership of plugin objects across the library boundary: an object is
// destroyed by the `destroy` of the library that created it (whoever
// allocates frees), and its deleter holds a share of that library so the code
// and vtable behind the object stay loaded while it lives.

#include <memory>
#include <string_view>

#include "plugin/plugin_handle.hpp"
#include "trellis/plugin.hpp"
#include "util/error.hpp"

namespace trellis::host {

class PluginDeleter {
public:
    using DestroyFn = decltype(PluginManifest::destroy);

    PluginDeleter() = default;
    PluginDeleter(DestroyFn destroy, std::shared_ptr<const PluginLibrary> library) noexcept
        : destroy_(destroy), library_(std::move(library)) {}

    // Destroys the object in the library that made it, then drops this
    // deleter's share of that library. Dropping it here rather than in the
    // deleter's destructor matters: unique_ptr::reset() keeps the deleter,
    // and an emptied PluginPtr must not keep an old library mapped.
    template <class T>
    void operator()(T* object) noexcept {
        if (object != nullptr) destroy_(static_cast<Plugin*>(object));
        library_.reset();
    }

    // The library that made the object (null for a built-in plugin).
    const std::shared_ptr<const PluginLibrary>& library() const noexcept { return library_; }

private:
    DestroyFn destroy_ = nullptr;
    std::shared_ptr<const PluginLibrary> library_;
};

// A plugin object of kind T (Strategy, ExchangeAdapter, RiskRule, AlertSink or Plugin).
template <class T>
using PluginPtr = std::unique_ptr<T, PluginDeleter>;

// Calls the manifest's create with already validated params. A refusal (null
// plus Status, e.g. a constructor that threw std::invalid_argument) becomes an
// error naming `where`, the plugin and its message.
Result<PluginPtr<Plugin>> create_plugin_object(const PluginHandle& plugin, const Params& params,
                                               std::string_view where);

// create_plugin_object, then a downcast to the kind interface T. Plugins are
// built with hidden visibility, so RTTI cannot be trusted across the boundary:
// the manifest's kind is checked first and the cast is a static_cast.
template <class T>
Result<PluginPtr<T>> create_instance(const PluginHandle& plugin, const Params& params, std::string_view where) {
    if constexpr (requires { T::kKind; }) {
        if (plugin.manifest->kind != T::kKind) return fail(located(where, wrong_kind_message(plugin, T::kKind)));
    }
    auto object = create_plugin_object(plugin, params, where);
    if (!object) return std::unexpected(object.error());
    PluginDeleter deleter = std::move(object->get_deleter());
    return PluginPtr<T>(static_cast<T*>(object->release()), std::move(deleter));
}

}  // namespace trellis::host
