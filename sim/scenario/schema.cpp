#include "sim/scenario/schema.hpp"

#include "sim/scenario/loader.hpp"
#include "sim/scenario/number_text.hpp"

#include <cmath>
#include <limits>
#include <sstream>

namespace simrun {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
/// Upper bound of money amounts ($bn): far above world GDP (about 1e5), low enough that a
/// century of growth cannot overflow anything.
constexpr double kMaxMoney = 1e6;

}  // namespace

const std::vector<FieldSpec<ActorSpec>>& actor_fields() {
  using A = ActorSpec;
  static const std::vector<FieldSpec<A>> t = {
      {"size", &A::size, 0, 1, "share", "aggregate power s_i (CINC share over the actors); landscape size, threat"},
      {"offense", &A::offense, 0, 1, "share", "offensive capability O_i (military-spending share); threat"},
      {"gdp", &A::gdp, 0, kMaxMoney, "$bn/yr", "GDP Y_i; gravity mass of trade"},
      {"growth", &A::growth, -0.5, 0.5, "1/yr", "real GDP growth g_i"},
      {"threat_exposure", &A::threat_exposure, 0, 1, "1", "exposure ν_i to the shared non-state threat"},
      {"arms_export_share", &A::arms_export_share, 0, 1, "share", "share of world arms exports XS_i"},
      {"arms_import_share", &A::arms_import_share, 0, 1, "share", "share of world arms imports MS_i"},
      {"arms_export_dependence", &A::arms_export_dependence, 0, 5, "1", "arms-export dependence XD_i (value of arms markets)"},
      {"export_dependence_mean", &A::export_dependence_mean, 0, 5, "1", "level XD_i reverts to after shocks"},
      {"export_shock_rate", &A::export_shock_rate, 0, 1, "1/quarter", "probability of an oil-price/sanctions shock raising XD_i"},
      {"supplier_concentration", &A::supplier_concentration, 0, 1, "HHI", "concentration of the actor's arms suppliers"},
      {"max_pact", &A::max_pact, 0, 3, "level", "strongest pact type its declared doctrine admits (none, nonaggression, consultation, defence)", "", true, kPactLevelNames},
      {"facilitation", &A::facilitation, 0, 5, "1", "brokerage F_i of ties among its partners (China's CPEC/SCO role)"},
      {"financial_penalty", &A::financial_penalty, 0, 1, "1", "financial-listing penalty (FATF) on all its trade"},
  };
  return t;
}

const std::vector<FieldSpec<DyadSpec>>& dyad_fields() {
  using D = DyadSpec;
  static const std::vector<FieldSpec<D>> t = {
      {"military", &D::military, 0, 1, "1", "military front m_ij at t0"},
      {"diplomatic", &D::diplomatic, 0, 1, "1", "diplomatic front d_ij at t0"},
      {"hostility", &D::hostility, 0, 1, "1", "hostile intent h_ij at t0 (reverts here after crises)"},
      {"propensity", &D::propensity, -1, 1, "1", "analyst anchor propensity p̂_ij of the landscape"},
      {"trade", &D::trade, 0, kMaxMoney, "$bn/yr", "bilateral goods trade T_ij at t0"},
      {"investment", &D::investment, 0, kMaxMoney, "$bn", "committed investment stock I_ij at t0"},
      {"proximity", &D::proximity, 0, 1, "1", "proximity π_ij (1 contiguous, 0.5 regional, 0.25 distant)"},
      {"institutions", &D::institutions, 0, 1, "1", "shared institutional membership (SCO co-membership)"},
      {"sanctions", &D::sanctions, 0, 1, "1", "sanctions level S_ij on their trade at t0"},
      {"crisis_rate", &D::crisis_rate, 0, 1, "1/quarter", "probability of a bilateral crisis"},
      {"step_rate", &D::step_rate, 0, 1, "1/quarter", "probability of a defence-cooperation step"},
      {"step_size", &D::step_size, 0, 1, "1", "military front gained by a defence-cooperation step"},
      {"visit_rate", &D::visit_rate, 0, 1, "1/quarter", "chance of a leaders' visit in a quarter at t0 (moves with willingness)"},
      {"deal_rate", &D::deal_rate, 0, 1, "1/quarter", "chance of a big arms deal in a quarter at t0 (p_deal; moves with willingness)"},
      {"anchoring", &D::anchoring, 0, 1, "1", "weight of the t0 fronts as the dyad's equilibrium (1) against pure pursuit of willingness (0)"},
      {"pact", &D::pact, 0, 3, "level", "bilateral pact in force at t0: none, nonaggression, consultation or defence (ATOP obligation types)", "", true, kPactLevelNames},
      {"pact_atopid", &D::pact_atopid, 0, 99999, "id", "ATOP 5.1 atopid of the t0 pact (0: none, or coded from a treaty text named in sources)", "", true},
      {"multilateral_pact", &D::multilateral_pact, 0, 3, "level", "strongest multilateral pact binding both at t0 (recorded for the record; enters the model through `institutions`)", "", true, kPactLevelNames},
      {"multilateral_atopid", &D::multilateral_atopid, 0, 99999, "id", "ATOP 5.1 atopid of that multilateral pact", "", true},
  };
  return t;
}

const std::vector<FieldSpec<DyadSpec>>& project_fields() {
  using D = DyadSpec;
  static const std::vector<FieldSpec<D>> t = {
      {"investment", &D::project_investment, 0, kMaxMoney, "$bn", "investment committed when the project starts"},
      {"start_rate", &D::project_start_rate, 0, 1, "1/quarter", "base start hazard (scaled by willingness)"},
      {"build_ticks", &D::project_build_ticks, 0, 400, "quarters", "construction time before operation", "", true},
      {"trade", &D::project_trade, 0, kMaxMoney, "$bn/yr", "trade added to the gravity target when operating"},
  };
  return t;
}

const std::vector<FieldSpec<LinkSpec>>& link_fields() {
  using L = LinkSpec;
  static const std::vector<FieldSpec<L>> t = {
      {"arms_export_share", &L::arms_export_share, 0, 1, "share", "share of `from`'s arms exports bought by `to` (buyer leverage)"},
      {"arms_import_share", &L::arms_import_share, 0, 1, "share", "share of `to`'s arms imports supplied by `from`"},
      {"aid_dependence", &L::aid_dependence, 0, 1, "share", "`to`'s budget dependence on `from`'s aid (donor leverage)"},
      {"aid_flowing", &L::aid_flowing, 0, 1, "1", "aid state at t0: 0 suspended, 0.5 partly withheld, 1 flowing"},
      {"access_value", &L::access_value, 0, 10, "utility", "strategic value to `from` of close ties with `to`"},
  };
  return t;
}

const std::vector<FieldSpec<GlobalSpec>>& global_fields() {
  using G = GlobalSpec;
  static const std::vector<FieldSpec<G>> t = {
      {"threat", &G::threat, 0, 1, "1", "shared non-state threat θ at t0 (Afghanistan/IS/drugs)", "[analyst]"},
      {"threat_mean", &G::threat_mean, 0, 1, "1", "level θ reverts to", "[analyst]"},
      {"threat_reversion", &G::threat_reversion, 0, 1, "1/quarter", "reversion rate of θ", "[analyst]"},
      {"threat_shock_rate", &G::threat_shock_rate, 0, 1, "1/quarter", "probability of a threat shock", "[analyst]"},
      {"threat_shock_size", &G::threat_shock_size, 0, 1, "1", "increase of θ in a shock", "[analyst]"},
  };
  return t;
}

const std::vector<FieldSpec<Parameters>>& parameter_fields() {
  using P = Parameters;
  static const std::vector<FieldSpec<P>> t = {
      {"lambda", &P::lambda, 0, 100, "1/utility", "logit (quantal-response) precision λ of every choice", "[proto] logit choice (McKelvey & Palfrey 1995); most sensitive"},
      {"event_elasticity", &P::event_elasticity, 0, 100, "1/utility", "η: change of the log-odds of a visit or arms-deal hazard per unit change of the reluctant side's utility since t0", "maximum likelihood on the 2014-18 replay against the pre-period record (scripts/event_elasticity.py); the prototype used λ"},
      {"r_min", &P::r_min, 0, 1, "1", "readiness threshold R_min for a defence pact (and diplomatic-front threshold of a consultation pact)", "[proto]"},
      {"formation_hazard", &P::formation_hazard, 0, 1, "1/quarter", "negotiation hazard of a defence pact once both sides favour it and the gate holds", "ATOP 5.1: 8 bilateral defence-pact onsets in 2,628 dyad-years among nine major and regional powers, 1946-2018"},
      {"consultation_formation", &P::consultation_formation, 0, 1, "1/quarter", "negotiation hazard of a consultation pact", "ATOP 5.1: 6 bilateral onsets in 1,044 dyad-years among nine major and regional powers, 1990-2018"},
      {"nonaggression_formation", &P::nonaggression_formation, 0, 1, "1/quarter", "negotiation hazard of a non-aggression pact", "ATOP 5.1: 4 bilateral onsets in 1,044 dyad-years among nine major and regional powers, 1990-2018"},
      {"stance_persistence", &P::stance_persistence, 0, 1, "1", "share of the stance noise variance that persists for the whole run (directed pair random effect)", "[analyst] stable alignment preferences: Signorino and Ritter (1999); Bailey, Strezhnev and Voeten (2017)"},
      {"consultation_commitment", &P::consultation_commitment, 0, 1, "1", "commitment level c of a consultation pact (defence = 1)", "[analyst]"},
      {"nonaggression_commitment", &P::nonaggression_commitment, 0, 1, "1", "commitment level c of a non-aggression pact", "[analyst]"},
      {"defence_termination", &P::defence_termination, 0, 1, "1/quarter", "termination hazard of a defence pact", "ATOP 5.1: pacts begun 1946-2018, 115 ends in 3,356 pact-years"},
      {"consultation_termination", &P::consultation_termination, 0, 1, "1/quarter", "termination hazard of a consultation pact", "ATOP 5.1: pacts begun 1946-2018, 37 ends in 4,338 pact-years"},
      {"nonaggression_termination", &P::nonaggression_termination, 0, 1, "1/quarter", "termination hazard of a non-aggression pact", "ATOP 5.1: pacts begun 1946-2018, 46 ends in 5,015 pact-years"},
      {"exit_multiplier", &P::exit_multiplier, 1, 100, "1", "termination hazard multiplier while a member's stance is against the pact", "[analyst] Leeds and Savun (2007)"},
      {"econ_saturation", &P::econ_saturation, 1e-9, kMaxMoney, "$bn", "K_E in e = (T+I)/(T+I+K_E)", "maps $0.4bn vs $19bn to e ≈ 0.09 vs 0.79"},
      {"w_security", &P::w_security, 0, 10, "1", "weight of security (balance of threat)", "[proto]"},
      {"w_autonomy", &P::w_autonomy, 0, 10, "1", "weight of autonomy gains (Morrow)", "[proto]"},
      {"w_interest", &P::w_interest, 0, 10, "1", "weight of interest similarity", "[proto]"},
      {"w_hedge", &P::w_hedge, 0, 10, "1", "weight of abandonment hedging (Snyder)", "[proto]"},
      {"w_loss", &P::w_loss, 0, 10, "1", "weight of third-party leverage losses", "[proto]"},
      {"w_entrapment", &P::w_entrapment, 0, 10, "1", "weight of entrapment risk (Snyder)", "[proto]"},
      {"w_rivalry", &P::w_rivalry, 0, 10, "1", "weight of the pair's own hostility h_ij (no one deepens ties with its adversary)", "[analyst] generalisation: the focal-dyad design had h = 0.05"},
      {"commitment_cost", &P::commitment_cost, 0, 10, "utility", "c₀: fixed cost of deepening", "[proto]"},
      {"front_commitment", &P::front_commitment, 0, 1, "1", "commitment level c of deepening ties (1 = formal alliance)", "[proto]"},
      {"shared_threat_weight", &P::shared_threat_weight, 0, 10, "1", "weight of the shared non-state threat in security value", "[analyst] shared threats (Walt 1987): Afghanistan, IS, drugs (the commentaries)"},
      {"arms_market_weight", &P::arms_market_weight, 0, 100, "1", "weight of a buyer's arms market to a seller", "[analyst] autonomy gains of the major power (Morrow 1991)"},
      {"exporter_reference", &P::exporter_reference, 1e-9, 1, "share", "export share at which a partner counts as a full arms supplier", "[analyst]"},
      {"importer_reference", &P::importer_reference, 1e-9, 1, "share", "import share at which supplier diversification fully counts", "[analyst] about Pakistan's 2.8% of world imports"},
      {"econ_autonomy_weight", &P::econ_autonomy_weight, 0, 10, "1", "weight of the economic front in autonomy gains", "[analyst] autonomy gains of the major power (Morrow 1991)"},
      {"econ_leverage_weight", &P::econ_leverage_weight, 0, 10, "1", "weight of a third party's economic tie in its leverage", "[analyst] (0.2-0.3 in the focal-dyad design)"},
      {"aid_floor", &P::aid_floor, 0, 1, "1", "share of aid leverage that remains while aid is suspended (IMF, FATF)", "[analyst] IMF and FATF finance that the US influences"},
      {"reaction_steepness", &P::reaction_steepness, 0, 100, "1", "κ: steepness of third-party reactions to a rival's military tie", "[analyst]"},
      {"reaction_threshold", &P::reaction_threshold, 0, 1, "1", "θ_r: military-tie level at which third parties react", "[analyst]"},
      {"rival_threshold", &P::rival_threshold, 0, 1, "1", "hostility at which a third party counts as a rival", "[analyst]; generalises the focal-dyad design's named rivals"},
      {"partner_threshold", &P::partner_threshold, 1e-9, 1, "1", "military tie at which a partner's drift fully counts for hedging", "[analyst]"},
      {"diversification_rate", &P::diversification_rate, 0, 1, "1/quarter", "ν: rate at which a buyer cuts a supplier that arms its rival", "matches India's 75% → 62% from Russia [S: SIPRI]"},
      {"aid_suspension_rate", &P::aid_suspension_rate, 0, 1, "1/quarter", "q_sus: donor's suspension hazard when the recipient arms with its rival", "[analyst]"},
      {"aid_restoration_rate", &P::aid_restoration_rate, 0, 1, "1/quarter", "donor's restoration hazard when the recipient stays clear", "[analyst]"},
      {"relax_military", &P::relax_military, 0, 1, "1/quarter", "λ_M: military front's adjustment toward willingness", "[analyst]"},
      {"relax_diplomatic", &P::relax_diplomatic, 0, 1, "1/quarter", "λ_D: diplomatic front's adjustment toward its target", "[analyst]"},
      {"relax_trade", &P::relax_trade, 0, 1, "1/quarter", "λ_E: trade's adjustment toward its gravity target", "[analyst]"},
      {"dip_w_willing", &P::dip_w_willing, 0, 1, "1", "weight of willingness in the diplomatic target", "[analyst]"},
      {"dip_w_similarity", &P::dip_w_similarity, 0, 1, "1", "weight of interest similarity in the diplomatic target", "[analyst]"},
      {"dip_w_institutions", &P::dip_w_institutions, 0, 1, "1", "weight of shared institutions in the diplomatic target", "[analyst]"},
      {"dip_w_threat", &P::dip_w_threat, 0, 1, "1", "weight of θ·min(ν_i, ν_j) in the diplomatic target", "[analyst] 0.1·θ for RUS-PAK in the focal-dyad design, rescaled by min ν = 0.6"},
      {"dip_w_facilitation", &P::dip_w_facilitation, 0, 1, "1", "weight of third-party brokerage in the diplomatic target", "[analyst]"},
      {"trade_political_elasticity", &P::trade_political_elasticity, 0, 10, "1", "γ_p: semi-elasticity of trade to willingness", "[analyst]"},
      {"trade_sanction_elasticity", &P::trade_sanction_elasticity, 0, 10, "1", "γ_s: semi-elasticity of trade to sanctions/FATF", "[analyst]"},
      {"deal_size", &P::deal_size, 0, 1, "1", "military front gained by a big arms deal (Su-35/T-90 size)", "[analyst]"},
      {"visit_size", &P::visit_size, 0, 1, "1", "diplomatic front gained by a head-of-state visit", "[analyst]"},
      {"crisis_hostility_step", &P::crisis_hostility_step, 0, 1, "1", "hostility added by a bilateral crisis", "[analyst]"},
      {"hostility_reversion", &P::hostility_reversion, 0, 1, "1/quarter", "reversion of hostility to its t0 level", "[analyst]"},
      {"crisis_freeze_ticks", &P::crisis_freeze_ticks, 0, 100, "quarters", "alliance formation frozen for the parties' dyads after a crisis", "[analyst]", true},
      {"crisis_stance_step", &P::crisis_stance_step, 0, 1, "1", "diplomatic front a third party loses with the side it does not back", "[analyst]"},
      {"entrapment_dissolution", &P::entrapment_dissolution, 0, 1, "1", "q_entrap: chance a crisis breaks an alliance with a party", "[analyst]"},
      {"project_facilitation", &P::project_facilitation, 0, 10, "1", "boost of project start hazards by third-party brokerage", "[analyst]"},
      {"export_shock_size", &P::export_shock_size, 0, 5, "1", "XD increase in an oil-price/sanctions shock", "[analyst]"},
      {"export_reversion", &P::export_reversion, 0, 1, "1/quarter", "reversion of XD to its mean", "[analyst]"},
      {"growth_noise_sd", &P::growth_noise_sd, 0, 1, "1", "sd of quarterly GDP growth noise", "[analyst]"},
  };
  return t;
}

const char* const kPactLevelNames[] = {"none", "nonaggression", "consultation", "defence", nullptr};

const char* pact_type_name(PactType t) { return kPactLevelNames[static_cast<int>(t)]; }

bool parse_level(const char* const* labels, const std::string& text, double& out) {
  for (int k = 0; labels && labels[k]; ++k)
    if (text == labels[k]) {
      out = k;
      return true;
    }
  return parse_finite_number(text, out);
}

std::string level_expectation(const char* const* labels, double lo, double hi) {
  std::ostringstream os;
  os << "expected one of ";
  for (int k = static_cast<int>(lo); k <= static_cast<int>(hi) && labels[k]; ++k) os << (k > lo ? ", " : "") << labels[k];
  os << " (or a whole number in [" << lo << ", " << hi << "])";
  return os.str();
}

const char* project_state_name(ProjectState s) {
  switch (s) {
    case ProjectState::None: return "none";
    case ProjectState::Agreed: return "agreed";
    case ProjectState::Building: return "building";
    case ProjectState::Operating: return "operating";
  }
  return "none";
}

bool parse_project_state(const std::string& text, ProjectState& out) {
  for (auto s : {ProjectState::None, ProjectState::Agreed, ProjectState::Building, ProjectState::Operating})
    if (text == project_state_name(s)) {
      out = s;
      return true;
    }
  return false;
}

namespace {

std::string format_number(double v) {
  if (std::isinf(v)) return v > 0 ? "∞" : "-∞";
  std::ostringstream os;
  os << v;
  return os.str();
}

template <class S>
void table_markdown(std::ostringstream& os, const std::string& title, const std::string& prefix,
                    const std::vector<FieldSpec<S>>& table, bool with_provenance) {
  const S defaults{};
  os << "#### " << title << "\n\n";
  os << "| key | default | range | units | meaning |" << (with_provenance ? " provenance of default |" : "") << "\n";
  os << "|---|---|---|---|---|" << (with_provenance ? "---|" : "") << "\n";
  for (const auto& f : table) {
    os << "| `" << prefix << f.key << "` | " << format_number(defaults.*(f.member)) << " | ["
       << format_number(f.lo) << ", " << format_number(f.hi) << "]" << (f.integer ? " integer" : "")
       << " | " << f.units << " | " << f.doc << " |";
    if (with_provenance) os << " " << f.provenance << " |";
    os << "\n";
  }
  os << "\n";
}

}  // namespace

std::string schema_markdown() {
  std::ostringstream os;
  table_markdown(os, "Model constants (`parameters:`)", "", parameter_fields(), true);
  table_markdown(os, "Global state (`global:`)", "", global_fields(), true);
  table_markdown(os, "Actor fields (`actors: - id: ...`)", "", actor_fields(), false);
  table_markdown(os, "Dyad fields (`dyads: - pair: [A, B]`)", "", dyad_fields(), false);
  table_markdown(os, "Dyad project fields (`project:` inside a dyad; plus `state: none|agreed|building|operating`)",
                 "project.", project_fields(), false);
  table_markdown(os, "Directed link fields (`links: - from: A, to: B`)", "", link_fields(), false);
  return os.str();
}

}  // namespace simrun
