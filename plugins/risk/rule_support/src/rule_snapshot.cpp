#include "risk_rule_support/rule_snapshot.hpp"

namespace trellis::risk {

Status finish_restore(const StateReader& r, bool fields_ok, std::string_view rule) {
    if (!fields_ok || r.failed())
        return Status::error(StatusCode::InvalidArgument,
                             std::string(rule) + ": snapshot is truncated or corrupt; start without restoring");
    if (!r.at_end())
        return Status::error(
            StatusCode::InvalidArgument,
            std::string(rule) + ": snapshot has bytes after the last field; restore it with the version that wrote it");
    return Status::ok();
}

Status header_error(std::string_view rule, const std::string& why) {
    return Status::error(StatusCode::InvalidArgument, std::string(rule) + ": " + why);
}

}  // namespace trellis::risk
