#pragma once
// The numbers that describe actors, dyads, directed links, global state and model constants.
// Defaults here are the documented defaults (docs/model.md is generated from schema.cpp, which
// reads them from these initialisers).
#include <string>
#include <vector>

namespace simrun {

/// One state. Shares are fractions in [0, 1]; money in current US$ billions.
struct ActorSpec {
  std::string id;                       ///< short label used in paths and output, e.g. "RUS"
  std::string name;                     ///< display name
  double size = 0.2;                    ///< aggregate power share (CINC share over the actors)
  double offense = 0.2;                 ///< offensive capability share (military spending share)
  double gdp = 1000.0;                  ///< GDP, $bn per year
  double growth = 0.02;                 ///< real GDP growth, fraction per year
  double threat_exposure = 0.0;         ///< exposure to the shared non-state threat, [0, 1]
  double arms_export_share = 0.0;       ///< share of world arms exports
  double arms_import_share = 0.0;       ///< share of world arms imports
  double arms_export_dependence = 0.0;  ///< weight of arms exports in the economy/strategy
  double export_dependence_mean = 0.0;  ///< level the dependence reverts to after shocks
  double export_shock_rate = 0.0;       ///< probability per quarter of an oil/sanctions shock
  double supplier_concentration = 1.0;  ///< HHI of the actor's arms suppliers
  double max_pact = 3;                  ///< strongest pact type its declared doctrine admits (PactType level)
  double facilitation = 0.0;            ///< how strongly it brokers ties among its partners
  double financial_penalty = 0.0;       ///< e.g. FATF grey list; raises trade frictions
  std::vector<double> position;         ///< per issue dimension, in [0, 1]
  std::vector<double> salience;         ///< per issue dimension, in [0, 1]
};

/// A dyad's formal tie: ATOP's obligation types, ordered by strength (a stronger pact supersedes
/// a weaker one). Levels are the numbers a scenario stores; names are what it may write.
enum class PactType : int { None = 0, Nonaggression = 1, Consultation = 2, Defence = 3 };
inline constexpr int kPactTypes = 3;  ///< the types above None

/// A discrete bilateral investment project (e.g. a pipeline) with a start hazard.
enum class ProjectState : int { None = 0, Agreed = 1, Building = 2, Operating = 3 };

/// One unordered pair i < j. Fronts are in [0, 1].
struct DyadSpec {
  int a = 0, b = 0;                   ///< actor indices, a < b
  double military = 0.0;              ///< military front m
  double diplomatic = 0.2;            ///< diplomatic front d
  double hostility = 0.0;             ///< hostile intent h
  double propensity = 0.0;            ///< analyst anchor propensity p̂ in [-1, 1] (landscape)
  double trade = 0.0;                 ///< bilateral goods trade, $bn per year
  double investment = 0.0;            ///< committed investment stock, $bn
  double proximity = 0.5;             ///< 1 contiguous, 0.5 regional/global reach, 0.25 distant
  double institutions = 0.0;          ///< shared institutional membership (e.g. SCO), [0, 1]
  double sanctions = 0.0;             ///< sanctions level on their trade, [0, 1]
  double crisis_rate = 0.0;           ///< probability per quarter of a bilateral crisis
  double step_rate = 0.0;             ///< probability per quarter of a defence-cooperation step
  double step_size = 0.03;            ///< military front gained by such a step
  double visit_rate = 0.0;            ///< chance per quarter of a leaders' visit at t0 (its log-odds move with willingness)
  double deal_rate = 0.0;             ///< chance per quarter of a big arms deal at t0 (its log-odds move with willingness)
  double anchoring = 1.0;             ///< 1: t0 fronts are the dyad's equilibrium; 0: fronts chase willingness
  double pact = 0;                    ///< bilateral pact in force at t0 (PactType level: 0 none ... 3 defence)
  double pact_atopid = 0;             ///< its ATOP 5.1 atopid (0: none, or coded from a treaty text)
  double multilateral_pact = 0;       ///< strongest multilateral pact binding both at t0 (recorded, not simulated)
  double multilateral_atopid = 0;     ///< its ATOP 5.1 atopid
  ProjectState project_state = ProjectState::None;
  double project_investment = 0.0;    ///< $bn committed when the project starts
  double project_start_rate = 0.0;    ///< base start probability per quarter
  double project_build_ticks = 12.0;  ///< quarters of construction
  double project_trade = 0.0;         ///< $bn/yr added to the trade target when operating
};

/// Directed relation `from` -> `to` (arms supplier -> buyer, aid donor -> recipient).
struct LinkSpec {
  int from = 0, to = 0;
  double arms_export_share = 0.0;   ///< share of `from`'s arms exports going to `to`
  double arms_import_share = 0.0;   ///< share of `to`'s arms imports coming from `from`
  double aid_dependence = 0.0;      ///< `to`'s budget dependence on `from`'s aid
  double aid_flowing = 0.0;         ///< aid state at t0: 0 suspended, 0.5 partly, 1 flowing
  double access_value = 0.0;        ///< strategic value to `from` of close ties with `to`
};

/// State shared by all actors.
struct GlobalSpec {
  double threat = 0.6;                ///< shared non-state threat level θ (Afghanistan/IS/drugs)
  double threat_mean = 0.6;           ///< level it reverts to
  double threat_reversion = 0.05;     ///< reversion per quarter
  double threat_shock_rate = 0.10;    ///< probability per quarter of a threat shock
  double threat_shock_size = 0.10;    ///< increase of θ in a shock
};

/// Model constants (see docs/model.md for meaning and provenance).
struct Parameters {
  double lambda = 4.0;
  double event_elasticity = 0.0;
  double r_min = 0.40;
  double formation_hazard = 0.00076;
  double consultation_formation = 0.00144;
  double nonaggression_formation = 0.00096;
  double stance_persistence = 0.9;
  double consultation_commitment = 0.5;
  double nonaggression_commitment = 0.1;
  double defence_termination = 0.0087;
  double consultation_termination = 0.0021;
  double nonaggression_termination = 0.0023;
  double exit_multiplier = 2.0;
  double econ_saturation = 5.0;
  double w_security = 1.0;
  double w_autonomy = 1.0;
  double w_interest = 1.0;
  double w_hedge = 0.5;
  double w_loss = 2.0;
  double w_entrapment = 0.6;
  double w_rivalry = 1.0;
  double commitment_cost = 0.6;
  double front_commitment = 0.25;
  double shared_threat_weight = 0.3;
  double arms_market_weight = 3.0;
  double exporter_reference = 0.05;
  double importer_reference = 0.025;
  double econ_autonomy_weight = 0.5;
  double econ_leverage_weight = 0.25;
  double aid_floor = 0.3;
  double reaction_steepness = 8.0;
  double reaction_threshold = 0.5;
  double rival_threshold = 0.5;
  double partner_threshold = 0.3;
  double diversification_rate = 0.016;
  double aid_suspension_rate = 0.2;
  double aid_restoration_rate = 0.05;
  double relax_military = 0.05;
  double relax_diplomatic = 0.08;
  double relax_trade = 0.10;
  double dip_w_willing = 0.4;
  double dip_w_similarity = 0.25;
  double dip_w_institutions = 0.15;
  double dip_w_threat = 0.1667;
  double dip_w_facilitation = 0.1;
  double trade_political_elasticity = 0.7;
  double trade_sanction_elasticity = 0.2;
  double deal_size = 0.08;
  double visit_size = 0.10;
  double crisis_hostility_step = 0.05;
  double hostility_reversion = 0.02;
  double crisis_freeze_ticks = 2.0;
  double crisis_stance_step = 0.05;
  double entrapment_dissolution = 0.3;
  double project_facilitation = 0.5;
  double export_shock_size = 0.1;
  double export_reversion = 0.02;
  double growth_noise_sd = 0.005;
};

}  // namespace simrun
