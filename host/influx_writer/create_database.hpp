#pragma once
// CREATE DATABASE once at start (POST /query). Tried once only: if InfluxDB is
// not up yet the writes retry and spool anyway, and an operator who created
// the database by hand (or lacks admin rights) can turn this off.

#include "influx/influx_sender.hpp"
#include "util/error.hpp"

namespace trellis::host::influx_writer {

// Ok when InfluxDB confirmed (an existing database is not an error in 1.x);
// otherwise what failed and how to fix it.
Result<void> create_database(const influx::SenderConfig& config);

}  // namespace trellis::host::influx_writer
