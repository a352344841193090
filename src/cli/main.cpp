// vpcsim: offline AWS VPC network simulator.
#include "commands.hpp"

int main(int argc, char** argv) { return vpcsim::cli::run(argc, argv); }
