#include "config/config.hpp"

namespace trellis::host {

// "FILE:LINE:COL: key.path" for a value from the file; "ORIGIN: key.path" when
// it has no line (a --set override, whose `file` is the override's text).
std::string ConfigLocation::to_string() const {
    std::string out = file;
    if (line != 0) out.append(":").append(std::to_string(line)).append(":").append(std::to_string(column));
    if (!key_path.empty()) out.append(": ").append(key_path);
    return out;
}

}  // namespace trellis::host
