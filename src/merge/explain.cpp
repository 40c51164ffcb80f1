// Explanations of the merge: why each alias and each link joined two names (MergeResult::
// explanations), and their text for review (write_merge_explanations, format in the README).
#include <algorithm>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "merge/items.hpp"
#include "merge/steps.hpp"
#include "newsgraph/merge/merge.hpp"

namespace newsgraph {
namespace merging {
namespace {

/// Why an article's resolution gave entity `it` the alias `alias` (see MergeExplanation).
void within_article_reason(const Item& it, const Form& alias, Folder& folder, std::string& rule,
                           std::string& detail) {
  const Form& name = it.forms.front();
  const Knowledge& kb = folder.kb();
  const LexiconEntry* entry = kb.entity(alias.text);
  const std::string q_alias = "\"" + alias.text + "\"", q_name = "\"" + name.text + "\"";
  if (entry != nullptr && entry->canonical() == name.text) {
    rule = "gazetteer";
    detail = q_alias + " is a name of " + q_name + " in the gazetteer";
  } else if (it.e->type == EntityType::Person && alias.norm == name.norm) {
    rule = "spelling";
    detail = "both spell \"" + join(name.norm) + "\" once folded";
  } else if (it.e->type == EntityType::Person && names::ends_name(name.norm, alias.norm)) {
    rule = "partial-name";
    detail = q_alias + " ends the fuller name " + q_name + ", the only such person in the article";
  } else if (it.e->type == EntityType::Organization && !acronym_letters(alias.text).empty() &&
             names::org_initials_with_suffixes(name.text, folder).count(acronym_letters(alias.text)) > 0) {
    rule = "acronym";
    detail = q_alias + " spells the initials of " + q_name;
  } else if (it.e->type == EntityType::Organization && !acronym_letters(alias.text).empty()) {
    rule = "acronym";
    detail = q_alias + " follows " + q_name + " in parentheses: the article defines it";
  } else if (alias.key == name.key) {
    rule = it.e->type == EntityType::Organization ? "org-suffix" : "same-place";
    detail = "both are \"" + join(name.norm) + "\" once folded";
  } else {
    rule = "alias";
    detail = "the article uses " + q_alias + " for " + q_name;
  }
}

}  // namespace

std::vector<MergeExplanation> explain_merges(const Corpus& corpus, const std::vector<Retyping>& retypings,
                                             const Linker& sets, const std::vector<std::size_t>& node_of_item,
                                             const std::vector<Node>& nodes, Folder& folder) {
  std::vector<MergeExplanation> explanations;
  const auto evidence_of = [&](std::size_t i, const std::string& text) {
    const Item& it = corpus.items[i];
    const ArticleResult& a = corpus.article_of(it);
    std::vector<MentionEvidence> out, all;
    for (std::size_t m : it.e->mentions) {
      if (m >= a.entities.mentions.size()) continue;
      const Mention& mention = a.entities.mentions[m];
      all.push_back({a.id, mention.span});
      if (mention.text == text) out.push_back({a.id, mention.span});
    }
    return out.empty() ? all : out;
  };
  const auto node_id = [&](std::size_t i) -> const std::string& { return nodes[node_of_item[i]].id; };
  for (std::size_t i = 0; i < corpus.items.size(); ++i) {
    const Item& it = corpus.items[i];
    if (it.e->type == EntityType::Quotation) continue;
    for (std::size_t k = 1; k < it.forms.size(); ++k) {
      MergeExplanation x;
      x.node = node_id(i);
      x.name = it.forms[k].text;
      x.other = it.e->name;
      x.article = corpus.article_of(it).id;
      within_article_reason(it, it.forms[k], folder, x.rule, x.detail);
      x.evidence = evidence_of(i, x.name);
      x.other_evidence = evidence_of(i, x.other);
      explanations.push_back(std::move(x));
    }
  }
  for (const Retyping& r : retypings) {
    const std::size_t i = corpus.item_of[r.article][r.entity];
    const Entity& e = *corpus.items[i].e;
    MergeExplanation x;
    x.node = node_id(i);
    x.rule = "type-vote";
    x.name = e.name;
    x.other = e.name;
    x.article = corpus.articles[r.article].id;
    x.detail = "found as " + std::string(to_string(r.from)) + " here (" + std::to_string(r.own) +
               " mentions of the name in the corpus) but as " + std::string(to_string(e.type)) + " in " +
               std::to_string(r.other) + ": taken as " + std::string(to_string(e.type));
    x.evidence = evidence_of(i, e.name);
    x.other_evidence = x.evidence;
    explanations.push_back(std::move(x));
  }
  for (const auto* list : {&sets.links(), &sets.refused()}) {
    const bool refused = list == &sets.refused();
    for (const Link& l : *list) {
      MergeExplanation x;
      x.node = node_id(l.a);
      x.rule = refused ? "kept-apart" : l.rule;
      x.name = l.name;
      x.other = l.other;
      x.detail = refused ? "not merged: the --keep-apart file separates them (rule " + l.rule + ": " +
                               l.detail + "); the other name is in " + node_id(l.b)
                         : l.detail;
      x.evidence = evidence_of(l.a, l.name);
      x.other_evidence = evidence_of(l.b, l.other);
      explanations.push_back(std::move(x));
    }
  }
  for (auto& x : explanations) {
    std::sort(x.evidence.begin(), x.evidence.end());
    std::sort(x.other_evidence.begin(), x.other_evidence.end());
  }
  const auto key = [](const MergeExplanation& x) {
    return std::tie(x.node, x.rule, x.name, x.other, x.article, x.evidence, x.other_evidence, x.detail);
  };
  std::sort(explanations.begin(), explanations.end(),
            [&](const MergeExplanation& a, const MergeExplanation& b) { return key(a) < key(b); });
  return explanations;
}

}  // namespace merging

namespace {

void write_evidence(std::ostream& out, const std::string& name,
                    const std::vector<MentionEvidence>& evidence) {
  out << "    \"" << name << "\":";
  std::string article;
  for (const MentionEvidence& e : evidence) {
    if (e.article != article) {
      out << (article.empty() ? " " : "; ") << e.article;
      article = e.article;
    }
    out << " [" << e.span.begin << "," << e.span.end << ")";
  }
  out << "\n";
}

}  // namespace

void write_merge_explanations(std::ostream& out, const MergeResult& merged) {
  out << "# newsgraph merge explanations: every merge, grouped by the node it made.\n"
         "# rule: \"name\" + \"other name\" [inside one article]: reason\n"
         "#   then where each name was seen: article [start,end) in code points of its text\n";
  const std::string* node = nullptr;
  for (const MergeExplanation& x : merged.explanations) {
    if (node == nullptr || *node != x.node) {
      out << "\nnode " << x.node << "\n";
      node = &x.node;
    }
    out << "  " << x.rule << ": \"" << x.name << "\" + \"" << x.other << "\"";
    if (!x.article.empty()) out << " inside article " << x.article;
    out << ": " << x.detail << "\n";
    write_evidence(out, x.name, x.evidence);
    write_evidence(out, x.other, x.other_evidence);
  }
}

}  // namespace newsgraph
