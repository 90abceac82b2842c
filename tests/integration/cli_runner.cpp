#include "cli_runner.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

namespace trellis::itest {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string demo_config_text(const std::string& lobster_dir) {
    std::string cfg = read_file(std::string(TRELLIS_SOURCE_DIR) + "/config/demo.toml");
    const std::string from = "../data/samples/lobster/";
    const std::string to =
        lobster_dir.empty() ? std::string(TRELLIS_SOURCE_DIR) + "/data/samples/lobster/" : lobster_dir + "/";
    for (std::size_t at; (at = cfg.find(from)) != std::string::npos;) cfg.replace(at, from.size(), to);
    // Lua rules and the kill file are relative to config/ as well.
    for (const std::string dir : {"plugins/", "build/"}) {
        // Built step by step: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
        std::string rel = "\"../", abs = "\"";
        rel += dir;
        abs += TRELLIS_SOURCE_DIR;
        abs += "/";
        abs += dir;
        for (std::size_t at; (at = cfg.find(rel)) != std::string::npos;) cfg.replace(at, rel.size(), abs);
    }
    return cfg;
}

CommandResult run_trellis(const std::string& args) {
    TempDir tmp;
    const std::string out = tmp / "stdout", err = tmp / "stderr";
    const std::string cmd =
        "cd '" TRELLIS_SOURCE_DIR "' && '" TRELLIS_BIN "' " + args + " >'" + out + "' 2>'" + err + "'";
    const int status = std::system(cmd.c_str());
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

}  // namespace trellis::itest
