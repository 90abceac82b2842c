#include "plugin/instance_names.hpp"

#include "plugin/concat.hpp"
#include "plugin/plugin_handle.hpp"

namespace trellis::host {

Result<void> InstanceNameSet::claim(std::string_view name, std::string_view where) {
    for (const auto& [claimed, first_where] : claimed_)
        if (claimed == name)
            return fail(located(where, concat("duplicate instance name '", name, "' (first declared at ", first_where,
                                              "); give every instance its own name")));
    claimed_.emplace_back(name, where);
    return {};
}

}  // namespace trellis::host
