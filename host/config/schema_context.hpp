#pragma once
// What every schema reader shares: where problems are collected, how a TOML
// source region becomes a user-facing location, and how relative paths in the
// file resolve (against the config file's directory, not the working directory,
// so a config runs the same from anywhere).

#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "config/config_errors.hpp"

namespace trellis::host {

class SchemaContext {
public:
    SchemaContext(std::string file, ConfigErrors& errors);

    const std::string& file() const noexcept { return file_; }

    // A node parsed from the file reports FILE:LINE:COL. A node that came from
    // a --set override carries the override's text as its source path and
    // reports that instead, without a line.
    ConfigLocation locate(const toml::source_region& region, std::string key_path) const;

    // Absolute, normalised; relative paths resolve against the config's directory.
    std::string resolve_path(std::string_view path) const;

    void error(ConfigLocation where, std::string message) const { errors_->add(std::move(where), std::move(message)); }

private:
    std::string file_;
    std::filesystem::path directory_;
    ConfigErrors* errors_;
};

}  // namespace trellis::host
