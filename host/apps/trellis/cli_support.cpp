#include "cli_support.hpp"

#include <unistd.h>

#include <iostream>

namespace trellis::cli {

void print_error(std::string_view message) { std::cerr << "error: " << message << '\n'; }

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

}  // namespace trellis::cli
