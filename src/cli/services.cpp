// `vpcsim services [--region R] [--format text|json]`: the services the catalogue knows, the
// endpoint types each offers, and its default hostname and endpoint service name in the region.
#include "commands.hpp"

#include <vpcsim/services/catalogue.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

namespace vpcsim::cli {

namespace {
struct services_options {
  std::string region = "us-east-1", format = "text";
};

std::string endpoint_types(const services::service_info& s) {
  if (s.gateway_endpoint && s.interface_endpoint) return "gateway, interface";
  return s.gateway_endpoint ? "gateway" : "interface";
}
}  // namespace

void add_services(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<services_options>();
  auto* cmd = app.add_subcommand("services", "List the AWS services vpcsim knows: endpoint types and hostnames (--to takes these names)");
  cmd->add_option("--region", opt->region, "Region of the hostnames and endpoint service names (default us-east-1)");
  cmd->add_option("--format", opt->format, "text or json (default text)")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([opt, &ctx] {
    const auto& all = services::all_services();
    if (opt->format == "json") {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& s : all)
        list.push_back({{"name", s.short_name},
                        {"endpoint_types", s.gateway_endpoint && s.interface_endpoint
                                               ? nlohmann::json{"gateway", "interface"}
                                               : nlohmann::json{s.gateway_endpoint ? "gateway" : "interface"}},
                        {"endpoint_service_name", services::endpoint_service_name(s.short_name, opt->region)},
                        {"hostname", services::default_hostname(s.short_name, opt->region)}});
      std::cout << nlohmann::json{{"schema_version", 1}, {"region", opt->region}, {"services", list}}.dump(2) << '\n';
    } else {
      std::size_t width = 7;
      for (const auto& s : all) width = std::max(width, s.short_name.size());
      auto pad = [](std::string t, std::size_t w) { return t.size() < w ? t + std::string(w - t.size(), ' ') : t; };
      std::cout << pad("SERVICE", width) << "  " << pad("ENDPOINTS", 18) << "  HOSTNAME (" << opt->region << ")\n";
      for (const auto& s : all)
        std::cout << pad(s.short_name, width) << "  " << pad(endpoint_types(s), 18) << "  "
                  << services::default_hostname(s.short_name, opt->region) << '\n';
      std::cout << all.size() << " services; also: ecr (an image pull: ecr.api, ecr.dkr and s3), and any service an "
                                 "interface endpoint of the input names\n";
    }
    ctx.status = exit_status::ok;
  });
}

}  // namespace vpcsim::cli
