// `vpcsim generate --preset small|enterprise|huge [--seed N] [--dual-stack] --out DIR [--force]`: writes a
// made-up but realistic network as AWS CLI captures (gen/generate.hpp), for load tests of vpcsim
// and of other tools that read such captures.
#include "commands.hpp"
#include "load.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/gen/generate.hpp>
#include <vpcsim/io/aws_writer.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

namespace vpcsim::cli {

namespace {

namespace fs = std::filesystem;

struct generate_options {
  std::string preset = "small";
  std::uint64_t seed = 1;
  std::string out;
  bool force = false;
  bool dual_stack = false;
};

std::string seconds(std::chrono::steady_clock::duration d) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << std::chrono::duration<double>(d).count() << " s";
  return s.str();
}

std::string mebibytes(std::uintmax_t bytes) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MiB";
  return s.str();
}

}  // namespace

void add_generate(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<generate_options>();
  auto* cmd = app.add_subcommand("generate", "Write a realistic made-up network as AWS CLI captures (for load tests)");
  cmd->add_option("--preset", opt->preset, "small (4 VPCs, 192 instances), enterprise (50 VPCs, 48,000 instances) or huge (500 VPCs, 480,000 instances)")
      ->check(CLI::IsMember({"small", "enterprise", "huge"}))
      ->capture_default_str();
  cmd->add_option("--seed", opt->seed, "The same preset and seed give the same files, byte for byte")->capture_default_str();
  cmd->add_option("--out", opt->out, "Directory to write (ACCOUNT/REGION/*.json); must be empty or absent")->required();
  cmd->add_flag("--force", opt->force, "Replace an earlier capture in --out");
  cmd->add_flag("--dual-stack", opt->dual_stack,
                "Dual-stack VPCs: an IPv6 /56 per VPC, a /64 per subnet, an egress-only internet gateway, IPv6 routes, "
                "NACL entries, security group rules and instance addresses (the IPv4 part is unchanged)");
  cmd->callback([opt, &ctx] {
    const fs::path out(opt->out);
    prepare_capture_directory(out, opt->force, "generate");
    const gen::preset p = *gen::parse_preset(opt->preset);

    auto start = std::chrono::steady_clock::now();
    network net = gen::generate({p, opt->seed, opt->dual_stack});
    auto built = std::chrono::steady_clock::now();
    aws_write_summary written = write_aws_cli(net, out, aws_write_options{});
    auto done = std::chrono::steady_clock::now();

    std::cout << "preset " << opt->preset << ", seed " << opt->seed << (opt->dual_stack ? ", dual-stack" : "") << "\n"
              << "accounts/regions    " << net.scopes().size() << "\n"
              << "vpcs                " << net.all<vpc>().size() << "\n"
              << "subnets             " << net.all<subnet>().size() << "\n"
              << "route tables        " << net.all<route_table>().size() << "\n"
              << "network acls        " << net.all<network_acl>().size() << "\n"
              << "security groups     " << net.all<security_group>().size() << "\n"
              << "nat gateways        " << net.all<nat_gateway>().size() << "\n"
              << (opt->dual_stack ? "egress-only igws    " + std::to_string(net.all<egress_only_internet_gateway>().size()) + "\n" : "")
              << "vpc endpoints       " << net.all<vpc_endpoint>().size() << "\n"
              << "network interfaces  " << net.all<network_interface>().size() << "\n"
              << "instances           " << net.all<instance>().size() << "\n"
              << "wrote " << written.files << " files, " << written.bytes << " bytes (" << mebibytes(written.bytes)
              << ") to " << out.generic_string() << " in " << seconds(done - start) << " (generate "
              << seconds(built - start) << ", write " << seconds(done - built) << ")\n";
    ctx.status = exit_status::ok;
  });
}

}  // namespace vpcsim::cli
