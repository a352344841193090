// `vpcsim completion bash|zsh|fish`: a shell completion script for every subcommand and option,
// read from the command line's own definition so it never drifts from it.
#include "commands.hpp"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace vpcsim::cli {

namespace {

struct command_words {
  std::string name;
  std::vector<std::string> options;  // --long names
};

std::vector<command_words> words_of(const CLI::App& app) {
  std::vector<command_words> out;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    command_words c{sub->get_name(), {}};
    for (const CLI::Option* o : sub->get_options())
      for (const auto& l : o->get_lnames()) c.options.push_back("--" + l);
    out.push_back(std::move(c));
  }
  return out;
}

std::string joined(const std::vector<std::string>& w) {
  std::string out;
  for (const auto& x : w) out += (out.empty() ? "" : " ") + x;
  return out;
}

void bash(const std::vector<command_words>& cmds) {
  std::vector<std::string> names;
  for (const auto& c : cmds) names.push_back(c.name);
  std::cout << "# vpcsim completion for bash: source <(vpcsim completion bash)\n_vpcsim() {\n"
               "  local cur=${COMP_WORDS[COMP_CWORD]}\n"
               "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
               "    COMPREPLY=($(compgen -W \"" << joined(names) << " --help --version\" -- \"$cur\")); return\n  fi\n"
               "  case \"${COMP_WORDS[1]}\" in\n";
  for (const auto& c : cmds)
    std::cout << "    " << c.name << ") if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"" << joined(c.options)
              << "\" -- \"$cur\")); else COMPREPLY=($(compgen -f -- \"$cur\")); fi ;;\n";
  std::cout << "  esac\n}\ncomplete -F _vpcsim vpcsim\n";
}

void zsh(const std::vector<command_words>& cmds) {
  std::cout << "#compdef vpcsim\n# vpcsim completion for zsh: vpcsim completion zsh > \"${fpath[1]}/_vpcsim\"\n_vpcsim() {\n"
               "  if (( CURRENT == 2 )); then\n    compadd --";
  for (const auto& c : cmds) std::cout << ' ' << c.name;
  std::cout << " --help --version\n    return\n  fi\n  case $words[2] in\n";
  for (const auto& c : cmds)
    std::cout << "    " << c.name << ") if [[ $PREFIX == -* ]]; then compadd -- " << joined(c.options)
              << "; else _files; fi ;;\n";
  std::cout << "  esac\n}\n_vpcsim \"$@\"\n";
}

void fish(const std::vector<command_words>& cmds) {
  std::cout << "# vpcsim completion for fish: vpcsim completion fish > ~/.config/fish/completions/vpcsim.fish\n";
  for (const auto& c : cmds) {
    std::cout << "complete -c vpcsim -n __fish_use_subcommand -a " << c.name << '\n';
    for (const auto& o : c.options)
      std::cout << "complete -c vpcsim -n '__fish_seen_subcommand_from " << c.name << "' -l " << o.substr(2) << '\n';
  }
}

}  // namespace

void add_completion(CLI::App& app, context& ctx) {
  auto shell = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("completion", "Print a shell completion script: vpcsim completion bash|zsh|fish");
  cmd->add_option("SHELL", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->callback([shell, &app, &ctx] {
    const auto cmds = words_of(app);
    if (*shell == "bash") bash(cmds);
    else if (*shell == "zsh") zsh(cmds);
    else fish(cmds);
    ctx.status = exit_status::ok;
  });
}

}  // namespace vpcsim::cli
