// trellis convert IN OUT [options]           — LOBSTER / Binance / Coinbase → binary event file
// trellis data inspect FILE [--format F] [--json]

#include <iostream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "marketdata/convert.hpp"
#include "marketdata/format_detection.hpp"
#include "marketdata/inspect.hpp"

namespace trellis::cli {

namespace {
// Options both tools share: how to read a file without a configuration.
struct ReadArgs {
    std::string format = "auto";
    std::string symbol;
    std::string orderbook;
    std::string date;
    std::optional<std::int32_t> price_decimals;
    std::optional<std::int32_t> qty_decimals;

    void add_to(CLI::App& cmd) {
        cmd.add_option("--format", format, "auto | lobster | binance | coinbase | binary")->capture_default_str();
        cmd.add_option("--symbol", symbol, "Instrument symbol (default: from the file name)");
        cmd.add_option("--orderbook", orderbook, "LOBSTER orderbook file (default: beside the message file)");
        cmd.add_option("--date", date, "LOBSTER trading day YYYY-MM-DD (default: from the file name)");
        cmd.add_option("--price-decimals", price_decimals, "Price scale of added instruments");
        cmd.add_option("--qty-decimals", qty_decimals, "Quantity scale of added instruments");
    }
    host::Result<host::ToolOptions> tool_options() const {
        auto f = host::parse_format_name(format);
        if (!f) return std::unexpected(f.error());
        return host::ToolOptions{*f, symbol, orderbook, date, price_decimals, qty_decimals};
    }
};

struct ConvertArgs {
    std::string input, output;
    ReadArgs read;
    bool skip_bad_rows = false;
};

int run_convert(const ConvertArgs& args) {
    auto tool = args.read.tool_options();
    if (!tool) {
        print_error(tool.error().message);
        return kExitBadInput;
    }
    auto report = host::convert(args.input, args.output, host::ConvertOptions{*tool, args.skip_bad_rows});
    if (!report) {
        print_error(report.error().message);
        return kExitBadInput;
    }
    std::cout << host::format_convert_text(*report);
    return kExitOk;
}

struct InspectArgs {
    std::string file;
    ReadArgs read;
    bool json = false;
};

int run_inspect(const InspectArgs& args) {
    auto tool = args.read.tool_options();
    if (!tool) {
        print_error(tool.error().message);
        return kExitBadInput;
    }
    auto report = host::inspect(args.file, *tool);
    if (!report) {
        print_error(report.error().message);
        return kExitBadInput;
    }
    std::cout << (args.json ? host::format_inspect_json(*report) + "\n" : host::format_inspect_text(*report));
    return kExitOk;
}
}  // namespace

void add_convert_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ConvertArgs>();
    CLI::App* cmd = app.add_subcommand("convert", "Convert LOBSTER, Binance or Coinbase data to a binary event file");
    cmd->add_option("input", args->input, "Input file (format detected unless --format)")->required();
    cmd->add_option("output", args->output, "Binary event file to write")->required();
    args->read.add_to(*cmd);
    cmd->add_flag("--skip-bad-rows", args->skip_bad_rows, "Skip and count malformed rows instead of failing");
    cmd->callback([args, &exit_code] { exit_code = run_convert(*args); });
}

void add_data_command(CLI::App& app, int& exit_code) {
    CLI::App* data = app.add_subcommand("data", "Work with market-data files");
    data->require_subcommand(1);
    auto args = std::make_shared<InspectArgs>();
    CLI::App* cmd = data->add_subcommand("inspect", "Show a data file's format, events, time range and prices");
    cmd->add_option("file", args->file, "Market-data file")->required();
    args->read.add_to(*cmd);
    cmd->add_flag("--json", args->json, "Print one JSON object");
    cmd->callback([args, &exit_code] { exit_code = run_inspect(*args); });
}

}  // namespace trellis::cli
