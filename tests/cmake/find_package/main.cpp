// A tool that links the installed vpcsim library.
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/sim/solver.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  auto loaded = vpcsim::load_aws_cli(argv[1]);
  if (!loaded.usable()) return 2;
  vpcsim::flow_request req;
  req.from = "i-0b11111111111111a";
  req.to = "s3";
  auto a = vpcsim::solver(loaded.network).trace(req);
  std::cout << req.to << (a.reachable ? " reachable via " + a.via.value_or("?") : " blocked") << '\n';
  return a.reachable ? 0 : 1;
}
