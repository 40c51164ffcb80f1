// `newsgraph kb build` compiles the knowledge sources into a snapshot; `newsgraph kb info`
// prints what a snapshot holds.
#include <iostream>
#include <memory>

#include "cli/commands/commands.hpp"
#include "cli/console.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/util/atomic_file.hpp"

namespace newsgraph::cli {

KbCommands add_kb(CLI::App& app, KbOptions& o) {
  CLI::App* kb = app.add_subcommand("kb", "build or describe the knowledge snapshot");
  kb->require_subcommand(1);
  CLI::App* build = kb->add_subcommand("build", "compile the knowledge sources into a snapshot");
  build->add_option("-o,--output", o.output, "snapshot to write (e.g. data/knowledge.kb)")
      ->type_name("FILE")
      ->required();
  const std::string group = "Sources";
  build->add_option("--iso-codes", o.sources.iso_codes_dir, "Debian iso-codes JSON directory")
      ->type_name("DIR")
      ->capture_default_str()
      ->group(group);
  build->add_option("--zone-tab", o.sources.zone1970_tab, "tzdata zone1970.tab")
      ->type_name("FILE")
      ->capture_default_str()
      ->group(group);
  build->add_option("--words", o.sources.words_file, "word list (wamerican)")
      ->type_name("FILE")
      ->capture_default_str()
      ->group(group);
  CLI::App* info = kb->add_subcommand("info", "print what a knowledge snapshot holds");
  info->add_option("SNAPSHOT", o.input, "the snapshot (default: $NEWSGRAPH_KB, else data/knowledge.kb)")
      ->type_name("FILE");
  return {kb, build, info};
}

int run_kb_build(const KbOptions& o) {
  const std::string bytes = newsgraph::compile_knowledge(o.sources);
  newsgraph::write_file_atomically(o.output, [&](std::ostream& out) { out << bytes; });
  // The snapshot must open: a build that writes a snapshot it cannot read fails here.
  const auto kb = newsgraph::Knowledge::from_bytes(bytes, o.output);
  std::cerr << "kb build: wrote " << o.output << " (" << bytes.size() << " bytes)\n";
  return kExitSuccess;
}

int run_kb_info(const KbOptions& o) {
  const std::string path = o.input.empty() ? newsgraph::default_knowledge_path() : o.input;
  const auto kb = newsgraph::Knowledge::open(path);
  std::cout << "snapshot=" << path << "\n" << kb->describe();
  finish_stdout();
  return kExitSuccess;
}

}  // namespace newsgraph::cli
