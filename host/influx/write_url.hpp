#pragma once
// The InfluxDB 1.x write endpoint for a configuration:
// <url>/write?db=<db>&precision=ns[&rp=<rp>], names URL-escaped.

#include <string>
#include <string_view>

#include "util/error.hpp"

namespace trellis::host::influx {

Result<std::string> make_write_url(std::string_view base_url, std::string_view database,
                                   std::string_view retention_policy);

}  // namespace trellis::host::influx
