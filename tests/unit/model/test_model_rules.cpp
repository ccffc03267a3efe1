// Model rules against hand-computed values: interest similarity (the analysts' issue positions, scenarios/baseline.yaml), the utility
// terms of the RUS-PAK dyad at t0 (Walt, Snyder, Morrow; generalised in utility.cpp),
// willingness, readiness, the economic front, and single phases of a tick on small hand-built
// scenarios with every shock rate at 0.
//
// Every expected number below was computed by hand (the arithmetic is in the comment next to
// it; checked with a few lines of python). Nothing is compared with the code's own output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "sim/model/rng.hpp"
#include "sim/model/step.hpp"
#include "sim/model/utility.hpp"
#include "sim/model/world.hpp"
#include "sim/scenario/loader.hpp"

namespace simrun {
namespace {

// ---- the baseline scenario (actors in file order USA, CHN, IND, RUS, PAK) ----

const Scenario& baseline() {
  static const Scenario sc = load_scenario(std::string(SIMRUN_SOURCE_DIR) + "/scenarios/baseline.yaml");
  return sc;
}
const ModelContext& baseline_ctx() {
  static const ModelContext ctx(baseline());
  return ctx;
}
int id(const std::string& name) {
  const int i = baseline().actor_index(name);
  EXPECT_GE(i, 0) << name;
  return i;
}

/// A scenario and its context, kept together (the context refers to the scenario).
struct Model {
  explicit Model(const std::string& yaml)
      : sc(std::make_unique<Scenario>(load_scenario_text(yaml, "test.yaml"))), ctx(std::make_unique<ModelContext>(*sc)) {}
  int actor(const std::string& name) const { return sc->actor_index(name); }
  int dyad(const std::string& a, const std::string& b) const { return ctx->dyad(actor(a), actor(b)); }
  std::unique_ptr<Scenario> sc;
  std::unique_ptr<ModelContext> ctx;
};

std::size_t at(int k) { return static_cast<std::size_t>(k); }

ActorSpec issue_actor(std::vector<double> position, std::vector<double> salience) {
  ActorSpec a;
  a.position = std::move(position);
  a.salience = std::move(salience);
  return a;
}

// =============================== similarity =================================================

TEST(ModelRules, DirectedSimilarityTwoDimensionsByHand) {
  // i: positions (0.2, 0.8), saliences (0.6, 0.8); j: positions (0.7, 0.55), saliences (1, 0.1).
  const ActorSpec i = issue_actor({0.2, 0.8}, {0.6, 0.8});
  const ActorSpec j = issue_actor({0.7, 0.55}, {1.0, 0.1});
  // i's view: num = (0.6·(0.2-0.7))² + (0.8·(0.8-0.55))² = 0.09 + 0.04 = 0.13
  //           den = 0.36 + 0.64 = 1.0;  sim = 1 - sqrt(0.13) = 0.639444872453601
  EXPECT_NEAR(directed_similarity(i, j), 0.639444872453601, 1e-12);
  // j's view: num = (1·(0.5))² + (0.1·(-0.25))² = 0.25 + 0.000625 = 0.250625
  //           den = 1 + 0.01 = 1.01;  sim = 1 - sqrt(0.250625/1.01) = 1 - sqrt(0.248143564)
  //           = 1 - 0.498140105 = 0.501859895
  EXPECT_NEAR(directed_similarity(j, i), 0.5018598948524264, 1e-12);
  // Identical positions: 1. Opposite ends on the only salient dimension: 0.
  EXPECT_NEAR(directed_similarity(i, i), 1.0, 1e-15);
  EXPECT_NEAR(directed_similarity(issue_actor({0.0, 0.3}, {1.0, 0.0}), issue_actor({1.0, 0.9}, {0.5, 0.5})), 0.0, 1e-15);
}

TEST(ModelRules, DirectedSimilarityZeroSaliencesIsOneHalf) {
  const ActorSpec indifferent = issue_actor({0.0, 1.0}, {0.0, 0.0});
  const ActorSpec other = issue_actor({1.0, 0.0}, {1.0, 1.0});
  EXPECT_EQ(directed_similarity(indifferent, other), 0.5);
  EXPECT_EQ(directed_similarity(issue_actor({}, {}), issue_actor({}, {})), 0.5);  // no dimensions
  EXPECT_NEAR(directed_similarity(other, indifferent), 0.0, 1e-15);  // the other does care
}

TEST(ModelRules, BaselineSimilaritiesMatchReferenceTable45b) {
  // Symmetrised KTAB similarity ½(sim_ij + sim_ji), hand-computed from the analysts' positions and saliences (scenarios/baseline.yaml):
  //   pair     sim_ij        sim_ji        symmetric      reference
  //   USA-CHN  0.351014778   0.307109750   0.329062264    0.33
  //   USA-IND  0.721285418   0.721890506   0.721587962    0.72
  //   USA-RUS  0.301267381   0.338817416   0.320042399    0.32
  //   USA-PAK  0.459125288   0.372167081   0.415646184    0.42
  //   CHN-IND  0.342360045   0.387143519   0.364751782    0.36
  //   CHN-RUS  0.802707277   0.876597803   0.839652540    0.84
  //   CHN-PAK  0.827523735   0.803847060   0.815685397    0.82
  //   IND-RUS  0.580080821   0.529191563   0.554636192    0.55
  //   IND-PAK  0.252614045   0.220721632   0.236667838    0.24
  //   RUS-PAK  0.736046343   0.587580202   0.661813273    0.66
  // e.g. RUS->PAK: diffs (RUS-PAK) = (-.10, -.70, .20, .35, -.20), saliences (.8, .2, .9, 1, .5):
  //   num = .0064 + .0196 + .0324 + .1225 + .01 = .1909, den = .64+.04+.81+1+.25 = 2.74,
  //   1 - sqrt(.1909/2.74) = 0.736046343.
  struct Row { const char* a; const char* b; double exact; double reference; };
  const Row rows[] = {
      {"USA", "CHN", 0.329062264, 0.33}, {"USA", "IND", 0.721587962, 0.72}, {"USA", "RUS", 0.320042399, 0.32},
      {"USA", "PAK", 0.415646184, 0.42}, {"CHN", "IND", 0.364751782, 0.36}, {"CHN", "RUS", 0.839652540, 0.84},
      {"CHN", "PAK", 0.815685397, 0.82}, {"IND", "RUS", 0.554636192, 0.55}, {"IND", "PAK", 0.236667838, 0.24},
      {"RUS", "PAK", 0.661813273, 0.66},
  };
  const ModelContext& ctx = baseline_ctx();
  for (const Row& r : rows) {
    const double sim = ctx.similarity[at(ctx.dyad(id(r.a), id(r.b)))];
    EXPECT_NEAR(sim, r.exact, 1e-8) << r.a << "-" << r.b;
    EXPECT_NEAR(sim, r.reference, 0.01) << r.a << "-" << r.b << " vs the focal-dyad design";
  }
  EXPECT_NEAR(directed_similarity(ctx.actor(id("RUS")), ctx.actor(id("PAK"))), 0.736046343373093, 1e-12);
  EXPECT_NEAR(directed_similarity(ctx.actor(id("PAK")), ctx.actor(id("RUS"))), 0.587580201626922, 1e-12);
}

// =============================== utilities at t0 ============================================
//
// Baseline t0 inputs used below (scenarios/baseline.yaml):
//   sizes s: USA .265 CHN .459 IND .173 RUS .073 PAK .030; offense O: .623 .233 .065 .068 .011
//   h: USA-RUS .6, USA-PAK .3, IND-PAK .9, CHN-IND .45, USA-CHN .4, others ≤ .05 (CHN-PAK 0)
//   π: CHN-IND 1, IND-PAK 1, CHN-PAK 1, CHN-RUS 1, RUS-PAK .5, RUS-IND .5, USA-{CHN,RUS,PAK} .5,
//      USA-IND .25.   p(t0) = p̂ (the analysts' matrix).   θ = 0.6; ν_RUS .6, ν_PAK 1.0.
//   e_RP = 0.5/5.5 = 0.0909091; e_IR = (9+10)/(19+5) = 0.7916667; e_UP = 6/11 = 0.5454545.
//
// Threat normaliser T_max: the largest sqrt(s_k O_k)·π_ik·h_ik over ordered pairs at t0 is
//   IND fearing CHN: sqrt(.459·.233)·1·.45 = 0.327027·.45 = 0.147162385
//   (runners-up: RUS<-USA sqrt(.265·.623)·.5·.6 = 0.121897; PAK<-IND 0.095437; CHN<-USA 0.081265).

TEST(ModelRules, ThreatNormaliserIsLargestT0Threat) {
  const ModelContext& ctx = baseline_ctx();
  const int n = ctx.n;
  EXPECT_NEAR(ctx.threat_max, 0.147162384799921, 1e-12);  // sqrt(.459·.233)·1·.45
  WorldState w;
  start_run(ctx, w);
  // threat_base[i,k] · h_ik = T_ik: IND<-CHN is the maximum, so exactly 1.
  EXPECT_NEAR(w.threat_base[at(id("IND") * n + id("CHN"))] * 0.45, 1.0, 1e-12);
  // RUS<-USA: 0.121896787 / 0.147162385 = 0.828307127
  EXPECT_NEAR(w.threat_base[at(id("RUS") * n + id("USA"))] * 0.6, 0.828307126594203, 1e-9);
  EXPECT_EQ(w.threat_base[at(id("RUS") * n + id("RUS"))], 0.0);
}

// RUS -> PAK (i = RUS, j = PAK)
//  security: share_j = .030/.103 = 0.291262136
//    k=USA: T = 0.828307127 (above) · share · (1 - f_PAK,USA = 1 - .1)      = 0.217129053
//    k=CHN: T = sqrt(.459·.233)·1·.02/T_max = .02/.45 = 0.044444444; ·share·(1 - .9) = 0.001294498
//    k=IND: T = sqrt(.173·.065)·.5·.02/T_max = 0.007205812; ·share·(1 - max(0,-.9)) = 0.002098780
//    shared threat: 0.3·θ·min(ν_RUS, ν_PAK) = 0.3·0.6·0.6                   = 0.108
//    Sec = 0.328522331
//  autonomy: 3·XD_RUS·min(1, MS_PAK/XS_RUS) = 3·0.8·(0.028/0.22)           = 0.305454545
//    + (1-HHI_RUS)·min(1, MS_RUS/0.025)·min(1, XS_PAK/0.05)·(1 - share of RUS imports from PAK)
//      = 0.5·0.04·0.02·1                                                   = 0.0004
//    + 0.5·e_RP + access_RUS>PAK = 0.5·0.0909091 + 0.2                       = 0.245454545
//    Aut = 0.551309091
//  interest: sim_RP - 0.5 = 0.161813273
//  hedge: RUS's rivals (h ≥ .5): USA only. Partners q with m_RUS,q: CHN .6, IND .79 (both ≥ .3 → 1).
//    drift CHN = m_CHN,USA/(m_CHN,USA + m_CHN,RUS) = .02/.62 = 0.032258
//    drift IND = m_IND,USA/(m_IND,USA + m_IND,RUS) = .39/1.18 = 0.330508475  (reference Hedge_RUS)
//    Hedge = 0.330508475
//  leverage: PAK's rivals among third parties (h_k,PAK ≥ .5): IND only.
//    σ_IND·m_IR + aid 0 + 0.25·e_IR = 0.38·0.79 + 0.25·0.7916667 = 0.3002 + 0.1979167 = 0.498116667
//  entrapment: h_IP·(1 - h_IR)·min(1, s_IND/(s_RUS+s_PAK)) = 0.9·0.98·1 = 0.882
//  reaction: σ(8·(m_RP - 0.5)) = σ(8·(0.28-0.5)) = σ(-1.76) = 0.146790340
//  rivalry: h_RP = 0.05
//
// PAK -> RUS (i = PAK, j = RUS)
//  security: share_j = .073/.103 = 0.708737864
//    k=USA: T = sqrt(.265·.623)·.5·.3/T_max = 0.414153563; ·share·(1 - max(0, p_RUS,USA=-.6)) = 0.293526312
//    k=CHN: h_CHN,PAK = 0 → 0
//    k=IND: T = sqrt(.173·.065)·1·.9/T_max = 0.648523059; ·share·(1 - p_RUS,IND=.7) = 0.137889854
//    shared threat 0.108.  Sec = 0.539416166
//  autonomy: XD_PAK = 0 → 0
//    + (1-HHI_PAK)·min(1, MS_PAK/0.025)·min(1, XS_RUS/0.05)·(1 - share of PAK imports from RUS)
//      = 0.48·1·1·0.95 = 0.456
//    + 0.5·e_RP + access_PAK>RUS = 0.0454545 + 0.1.   Aut = 0.601454545
//  hedge: PAK's rivals: IND. q=USA: m_UP .35 ≥ .3 → 1; drift .39/(.39+.35) = 0.527027;
//    USA is PAK's aid donor: 0.5·(1 - aid 0) + 0.5·0.527027 = 0.763513514.
//    q=CHN: .02/(.02+.84) = 0.023256.  q=IND: m_PI = 0 → 0.   Hedge = 0.763513514
//  leverage: RUS's rivals among third parties: USA (h .6).
//    PAK's arms sales to USA 0 + AD·(0.3 + 0.7·aid) + 0.25·e_UP = 0.2·0.3 + 0.25·0.5454545 = 0.196363636
//  entrapment: h_USA,RUS·(1 - h_USA,PAK)·min(1, s_USA/(s_RUS+s_PAK)) = 0.6·0.7·1 = 0.42
//  reaction 0.146790340, rivalry 0.05

/// The shared-rival part of Sec_i(j) added with typed pacts: Σ_k T_ik · s_j/(s_i+s_j) · h_jk.
double shared_rival_security(const ModelContext& ctx, const WorldState& w, int i, int j) {
  double sum = 0;
  const double share_j = ctx.actor(j).size / (ctx.actor(i).size + ctx.actor(j).size);
  for (int k = 0; k < ctx.n; ++k) {
    if (k == i || k == j) continue;
    const double threat_ik = w.threat_base[at(i * ctx.n + k)] * w.h[at(ctx.dyad(i, k))];
    sum += threat_ik * share_j * w.h[at(ctx.dyad(j, k))];
  }
  return sum;
}

TEST(ModelRules, PairTermsRusPakAtT0ByHand) {
  const ModelContext& ctx = baseline_ctx();
  WorldState w;
  start_run(ctx, w);
  const int rus = id("RUS"), pak = id("PAK");
  const PairTerms r = pair_terms(ctx, w, rus, pak);
  // Hand value before the shared-rival term, plus that term (computed apart).
  EXPECT_NEAR(r.security, 0.328522331109114 + shared_rival_security(ctx, w, rus, pak), 1e-9);
  EXPECT_NEAR(r.autonomy, 0.551309090909091, 1e-9);
  EXPECT_NEAR(r.interest, 0.161813272500007, 1e-9);
  EXPECT_NEAR(r.hedge, 0.330508474576271, 1e-9);
  EXPECT_NEAR(r.leverage, 0.498116666666667, 1e-9);
  EXPECT_NEAR(r.entrapment, 0.882, 1e-9);
  EXPECT_NEAR(r.reaction, 0.146790339801382, 1e-9);
  EXPECT_NEAR(r.rivalry, 0.05, 1e-12);

  const PairTerms p = pair_terms(ctx, w, pak, rus);
  EXPECT_NEAR(p.security, 0.539416166055475 + shared_rival_security(ctx, w, pak, rus), 1e-9);
  EXPECT_NEAR(p.autonomy, 0.601454545454545, 1e-9);
  EXPECT_NEAR(p.interest, 0.161813272500007, 1e-9);
  EXPECT_NEAR(p.hedge, 0.763513513513514, 1e-9);
  EXPECT_NEAR(p.leverage, 0.196363636363636, 1e-9);
  EXPECT_NEAR(p.entrapment, 0.42, 1e-9);
  EXPECT_NEAR(p.reaction, 0.146790339801382, 1e-9);
  EXPECT_NEAR(p.rivalry, 0.05, 1e-12);
}

// ΔU_i(c) = Sec + Aut + (sim-½) + ½·Hedge - 1·h_RP - 2·max(c, reaction)·Leverage - 0.6·c·Entrap - 0.6
//   (w_S = w_A = w_I = 1, w_H = .5, w_R = 1, w_X = 2, w_N = .6, c₀ = .6; aversion RUS = PAK = 0)
// RUS, common part: .328522331 + .551309091 + .161813273 + .5·.330508475 - .05 - .6 = 0.556899932
//   c = .25: - 2·.25·.498116667 - .6·.25·.882 = -.249058333 - .1323  → ΔU_RUS(.25) = +0.175540598
//   c = 1:   - 2·1·.498116667   - .6·1·.882   = -.996233333 - .5292  → ΔU_RUS(1)   = -0.968534402
// PAK, common part: .539416166 + .601454545 + .161813273 + .5·.763513514 - .05 - .6 = 1.034440741
//   c = .25: - 2·.25·.196363636 - .6·.25·.42 = -.098181818 - .063    → ΔU_PAK(.25) = +0.873258923
//   c = 1:   - 2·.196363636 - .6·.42        = -.392727273 - .252    → ΔU_PAK(1)   = +0.389713468
//
// The focal-dyad prototype (docs/model.md §5.1): ΔU_RUS(.25) = +0.20, ΔU_RUS(1) = -1.00,
// ΔU_PAK(.25) = +0.96, ΔU_PAK(1) = +0.52. Same signs and ordering (Pakistan eager, Russia
// willing to deepen but not to ally). The differences are fully accounted for by:
//   * the rivalry term -w_rivalry·h_RP = -0.05 for both sides (new in the generalised model);
//   * economic leverage weight 0.25·e (focal-dyad design: 0.3·e_IR for RUS, 0.2·e_UP for PAK):
//     RUS leverage .4981 vs .5377 (+.0198 at c=.25, +.0792 at c=1);
//     PAK leverage .1964 vs .1691 (-.0136 at c=.25, -.0545 at c=1);
//   * PAK's diversification term scaled by (1 - 0.05 Russia's current share): .456 vs .48 (-.024);
//   * RUS's own (tiny) diversification term +0.0004.
// Adding these back gives 0.2053, -0.9981, 0.9609, 0.5183: the reference values to 2 decimals.
TEST(ModelRules, DeltaUtilityRusPakAtT0ByHand) {
  // The hand values above predate the shared-rival security term; it is added here, computed
  // separately: for RUS it is T_RUS,USA·s_PAK/(s_RUS+s_PAK)·h_PAK,USA + ... (PAK's hostility to
  // the US 0.3 and to India 0.9), for PAK T_PAK,IND·s_RUS/(..)·h_RUS,IND + ...
  const ModelContext& ctx = baseline_ctx();
  WorldState w;
  start_run(ctx, w);
  const int rus = id("RUS"), pak = id("PAK");
  const PairTerms r = pair_terms(ctx, w, rus, pak);
  const PairTerms p = pair_terms(ctx, w, pak, rus);
  const double add_r = shared_rival_security(ctx, w, rus, pak), add_p = shared_rival_security(ctx, w, pak, rus);
  EXPECT_GT(add_r, 0.0);
  EXPECT_GT(add_p, 0.0);
  EXPECT_NEAR(delta_utility(ctx.p, r, 0.25), 0.175540598473014 + add_r, 1e-9);
  EXPECT_NEAR(delta_utility(ctx.p, r, 1.0), -0.968534401526986 + add_r, 1e-9);
  EXPECT_NEAR(delta_utility(ctx.p, p, 0.25), 0.873258922584967 + add_p, 1e-9);
  EXPECT_NEAR(delta_utility(ctx.p, p, 1.0), 0.389713468039512 + add_p, 1e-9);
  // The run's per-link scratch holds the same numbers (no pact at t0: front at c = .25).
  EXPECT_NEAR(w.du_front[at(ctx.link(rus, pak))], 0.175540598473014 + add_r, 1e-9);
  EXPECT_NEAR(w.du_alliance[at(ctx.link(rus, pak))], -0.968534401526986 + add_r, 1e-9);
  EXPECT_NEAR(w.du_front[at(ctx.link(pak, rus))], 0.873258922584967 + add_p, 1e-9);
  EXPECT_NEAR(w.du_alliance[at(ctx.link(pak, rus))], 0.389713468039512 + add_p, 1e-9);
}

TEST(ModelRules, SharedRivalRaisesSecurityValue) {
  // Issue 10: raising US-China hostility must not cut the value of US-India ties through
  // security: China threatens India (h 0.45), so a US more hostile to China is a better partner.
  const ModelContext& ctx = baseline_ctx();
  WorldState w;
  start_run(ctx, w);
  const int usa = id("USA"), ind = id("IND"), chn = id("CHN");
  const double before = pair_terms(ctx, w, ind, usa).security;
  w.h[at(ctx.dyad(usa, chn))] += 0.2;
  compute_propensities(ctx, w);
  const double after = pair_terms(ctx, w, ind, usa).security;
  // d Sec / d h_USA,CHN = T_IND,CHN · s_USA/(s_IND+s_USA) from the h_jk term, plus the friendliness
  // term (propensity USA-CHN falls by 2·0.2 but is already negative: no change).
  const double threat = w.threat_base[at(ind * ctx.n + chn)] * w.h[at(ctx.dyad(ind, chn))];
  const double share = ctx.actor(usa).size / (ctx.actor(ind).size + ctx.actor(usa).size);
  EXPECT_NEAR(after - before, 0.2 * threat * share, 1e-12);
  EXPECT_GT(after, before);
}

TEST(ModelRules, PactCommitmentsAndNoAversion) {
  // Hand-made PairTerms: Sec .1, Aut .2, int .05, hedge .4, rivalry .1, leverage .3,
  // entrapment .5, reaction .2:
  //   common = .1 + .2 + .05 + .5·.4 - .1 - .6 = -0.15
  //   c = .25: -0.15 - 2·.25·.3 - .6·.25·.5 = -0.15 - .15 - .075 = -0.375
  //   c = .1:  reaction .2 > c → -0.15 - 2·.2·.3 - .6·.1·.5 = -0.15 - .12 - .03 = -0.30
  //   c = 1:   -0.15 - .6 - .3 = -1.05 for every actor (no aversion constant any more: doctrine
  //            is the max_pact ceiling, tested in PactRules)
  const ModelContext& ctx = baseline_ctx();
  PairTerms t;
  t.security = 0.1;
  t.autonomy = 0.2;
  t.interest = 0.05;
  t.hedge = 0.4;
  t.rivalry = 0.1;
  t.leverage = 0.3;
  t.entrapment = 0.5;
  t.reaction = 0.2;
  EXPECT_NEAR(delta_utility(ctx.p, t, 0.25), -0.375, 1e-12);
  EXPECT_NEAR(delta_utility(ctx.p, t, 0.1), -0.30, 1e-12);
  EXPECT_NEAR(delta_utility(ctx.p, t, 1.0), -1.05, 1e-12);
  EXPECT_EQ(pact_commitment(ctx.p, PactType::Defence), 1.0);
  EXPECT_EQ(pact_commitment(ctx.p, PactType::Consultation), ctx.p.consultation_commitment);
  EXPECT_EQ(pact_commitment(ctx.p, PactType::Nonaggression), ctx.p.nonaggression_commitment);
  EXPECT_EQ(pact_commitment(ctx.p, PactType::None), 0.0);
}

TEST(ModelRules, WillingnessAtT0ForRusPak) {
  // W = σ(4·ΔU_RUS(.25))·σ(4·ΔU_PAK(.25)) = σ(0.702162394)·σ(3.493035690)
  //   = 0.668667028244632 · 0.970488962692164 = 0.648933970627586   (focal-dyad prototype: 0.678)
  const ModelContext& ctx = baseline_ctx();
  WorldState w;
  start_run(ctx, w);
  const int d = ctx.dyad(id("RUS"), id("PAK"));
  // Plus the shared-rival security terms: W = σ(4·(ΔU_RUS(.25) + a_R))·σ(4·(ΔU_PAK(.25) + a_P)).
  const double a_r = shared_rival_security(ctx, w, id("RUS"), id("PAK")), a_p = shared_rival_security(ctx, w, id("PAK"), id("RUS"));
  const double expected = logistic(4 * (0.175540598473014 + a_r)) * logistic(4 * (0.873258922584967 + a_p));
  EXPECT_GT(expected, 0.648933970627586);
  EXPECT_NEAR(w.willing[at(d)], expected, 1e-9);
  EXPECT_NEAR(ctx.willing0[at(d)], expected, 1e-9);
  // Readiness at t0: cbrt(m e d) = cbrt(0.28 · 0.0909091 · 0.45) = cbrt(0.011454545) = 0.225420091
  EXPECT_NEAR(w.readiness[at(d)], 0.225420090594482, 1e-9);
  // Economic front at t0 (focal-dyad prototype: e_RP(0) = 0.091).
  EXPECT_NEAR(w.econ(ctx, d), 0.5 / 5.5, 1e-15);
}

// =============================== readiness, econ front, logistic ============================

TEST(ModelRules, ReadinessIsGeometricMeanOfFronts) {
  EXPECT_NEAR(readiness(0.5, 0.5, 0.5), 0.5, 1e-15);
  EXPECT_NEAR(readiness(1.0, 1.0, 1.0), 1.0, 1e-15);
  EXPECT_NEAR(readiness(0.8, 0.1, 1.0), 0.430886938006377, 1e-12);  // cbrt(0.08)
  EXPECT_NEAR(readiness(0.2, 0.4, 0.8), 0.4, 1e-12);                 // cbrt(0.064) = 0.4
  EXPECT_EQ(readiness(0.0, 0.9, 0.9), 0.0);  // any zero front: no readiness
  EXPECT_EQ(readiness(0.9, 0.0, 0.9), 0.0);
  EXPECT_EQ(readiness(0.9, 0.9, 0.0), 0.0);
}

TEST(ModelRules, EconomicFrontSaturates) {
  const ModelContext& ctx = baseline_ctx();  // K_E = 5
  EXPECT_NEAR(ctx.econ_front(0.5, 0.0), 0.0909090909090909, 1e-15);  // 0.5/5.5
  EXPECT_NEAR(ctx.econ_front(0.0, 0.5), 0.0909090909090909, 1e-15);  // investment counts the same
  EXPECT_NEAR(ctx.econ_front(5.0, 0.0), 0.5, 1e-15);                 // T = K_E
  EXPECT_NEAR(ctx.econ_front(9.0, 10.0), 19.0 / 24.0, 1e-15);        // IND-RUS: 0.791666...
  EXPECT_EQ(ctx.econ_front(0.0, 0.0), 0.0);
}

TEST(ModelRules, Logistic) {
  EXPECT_EQ(logistic(0.0), 0.5);
  EXPECT_NEAR(logistic(std::log(3.0)), 0.75, 1e-15);         // 1/(1 + 1/3)
  EXPECT_NEAR(logistic(-2.0), 0.119202922022118, 1e-15);     // 1/(1 + e²)
  EXPECT_NEAR(logistic(2.0) + logistic(-2.0), 1.0, 1e-15);
}

// =============================== phases on hand-built scenarios =============================
//
// Two actors, no issue dimensions (similarity ½ → interest 0), no arms trade, no rivals (so no
// hedge, leverage, entrapment), every shock rate 0, no growth. Then
//   ΔU_A(c) = 0.3·θ·min(ν_A, ν_B) + 0.5·e + access_A>B - h_AB - c₀
//           = 0.3·0.6·0.5 + 0.5·(5/10) + 0.1 - 0.1 - 0.6 = -0.26   (for every c: no c-terms)
//   ΔU_B(c) = 0.09 + 0.25 + 0 - 0.1 - 0.6 = -0.36
//   W = σ(-1.04)·σ(-1.44) = 0.261149993915751 · 0.191545348561468 = 0.050022066611418
std::string two_actor_yaml(double anchoring) {
  return R"(
name: two
actors:
  - {id: A, size: 0.5, offense: 0.5, gdp: 1000, growth: 0, threat_exposure: 0.5}
  - {id: B, size: 0.5, offense: 0.5, gdp: 500, growth: 0, threat_exposure: 1.0, financial_penalty: 1}
dyads:
  - {pair: [A, B], military: 0.3, diplomatic: 0.4, hostility: 0.1, trade: 5, sanctions: 1, deal_rate: 0, anchoring: )" +
         std::to_string(anchoring) + R"(}
links:
  - {from: A, to: B, access_value: 0.1}
global: {threat: 0.6, threat_mean: 0.6, threat_shock_rate: 0}
parameters: {growth_noise_sd: 0, formation_hazard: 0, relax_military: 0.05, relax_trade: 0.1}
)";
}
constexpr double kW2 = 0.050022066611418;

TEST(ModelRules, HandBuiltTwoActorUtilitiesAndWillingness) {
  Model m(two_actor_yaml(0.0));
  WorldState w;
  start_run(*m.ctx, w);
  const int a = m.actor("A"), b = m.actor("B");
  EXPECT_NEAR(w.du_front[at(m.ctx->link(a, b))], -0.26, 1e-12);
  EXPECT_NEAR(w.du_front[at(m.ctx->link(b, a))], -0.36, 1e-12);
  EXPECT_NEAR(w.du_alliance[at(m.ctx->link(a, b))], -0.26, 1e-12);
  EXPECT_NEAR(w.willing[0], kW2, 1e-12);
}

TEST(ModelRules, MilitaryFrontRelaxesTowardWillingnessAnchoring0) {
  Model m(two_actor_yaml(0.0));
  WorldState w;
  start_run(*m.ctx, w);
  const RunRng rng(1u, 0u);
  w.tick = 1;
  update_fronts(*m.ctx, w, rng);
  // m ← m + λ_M (W - m) = 0.3 + 0.05·(0.050022067 - 0.3) = 0.287501103
  EXPECT_NEAR(w.m[0], 0.2875011033305709, 1e-12);

  // Through whole ticks W stays at W0 (nothing it depends on moves), so
  //   m_t = W + (0.3 - W)·0.95^t:  t=1 .287501103, t=3 .264346897, t=5 .243450226
  WorldState v;
  start_run(*m.ctx, v);
  const double expected[] = {0.2875011033305709, 0.2756271514946132, 0.2643468972504534,
                             0.25363065571850163, 0.24345022626314738};
  for (double e : expected) {
    step(*m.ctx, v, rng);
    EXPECT_NEAR(v.m[0], e, 1e-12) << "tick " << v.tick;
    EXPECT_NEAR(v.willing[0], kW2, 1e-12) << "tick " << v.tick;
  }
}

TEST(ModelRules, MilitaryFrontRelaxesTowardT0LevelAnchoring1) {
  Model m(two_actor_yaml(1.0));
  WorldState w;
  start_run(*m.ctx, w);
  const RunRng rng(1u, 0u);
  // Anchoring 1: target = clamp01(m0 + W - W0). Perturb m to 0.6 and W to W0 + 0.2:
  //   target = 0.3 + 0.2 = 0.5;  m ← 0.6 + 0.05·(0.5 - 0.6) = 0.595
  w.m[0] = 0.6;
  w.willing[0] = m.ctx->willing0[0] + 0.2;
  w.tick = 1;
  update_fronts(*m.ctx, w, rng);
  EXPECT_NEAR(w.m[0], 0.595, 1e-12);

  // Whole ticks from m = 0.6 with W = W0: target 0.3, m_t = 0.3 + 0.3·0.95^t.
  WorldState v;
  start_run(*m.ctx, v);
  v.m[0] = 0.6;
  const double expected[] = {0.585, 0.57075, 0.5572125, 0.544351875, 0.53213428125};
  for (double e : expected) {
    step(*m.ctx, v, rng);
    EXPECT_NEAR(v.m[0], e, 1e-12) << "tick " << v.tick;
  }
}

TEST(ModelRules, MilitaryFrontBlendedAnchoring) {
  Model m(two_actor_yaml(0.5));
  WorldState w;
  start_run(*m.ctx, w);
  const RunRng rng(1u, 0u);
  // target = ½·W + ½·clamp01(0.3 + W - W0) with W = W0 + 0.2:
  //   = ½·0.250022067 + ½·0.5 = 0.375011033;  m ← 0.6 + 0.05·(0.375011033 - 0.6) = 0.588750552
  w.m[0] = 0.6;
  w.willing[0] = m.ctx->willing0[0] + 0.2;
  w.tick = 1;
  update_fronts(*m.ctx, w, rng);
  EXPECT_NEAR(w.m[0], 0.5887505516652854, 1e-12);
}

TEST(ModelRules, TradeFollowsGravityPartialAdjustment) {
  Model m(two_actor_yaml(1.0));
  const RunRng rng(1u, 0u);
  // The fixed effect makes the target equal t0 trade (5) when W = W0, whatever the sanctions
  // and FATF penalty: T* = FE·Y_A·Y_B·exp(γ_p(W - W0) - γ_s·S), FE = 5/(Y_A·Y_B·exp(-γ_s·S)).
  {
    WorldState w;
    start_run(*m.ctx, w);
    w.trade[0] = 10.0;  // away from the target
    w.tick = 1;
    update_fronts(*m.ctx, w, rng);
    EXPECT_NEAR(w.trade[0], 9.5, 1e-12);  // 10 + 0.1·(5 - 10)
  }
  {
    WorldState w;
    start_run(*m.ctx, w);
    w.willing[0] = m.ctx->willing0[0] + 0.2;  // political factor exp(0.7·0.2) = exp(0.14)
    w.tick = 1;
    update_fronts(*m.ctx, w, rng);
    // 5 + 0.1·(5·e^0.14 - 5) = 5 + 0.1·(5.751368994 - 5) = 5.075136899
    EXPECT_NEAR(w.trade[0], 5.075136899428614, 1e-12);
  }
  {
    // Whole ticks with growth 0 and growth noise 0: GDP and trade stay at t0.
    WorldState w;
    start_run(*m.ctx, w);
    for (int t = 0; t < 5; ++t) step(*m.ctx, w, rng);
    EXPECT_NEAR(w.trade[0], 5.0, 1e-12);
    EXPECT_EQ(w.gdp[0], 1000.0);
    EXPECT_EQ(w.gdp[1], 500.0);
  }
}

TEST(ModelRules, GdpGrowsByQuarterlyCompounding) {
  const std::string yaml = R"(
actors:
  - {id: A, gdp: 1000, growth: 0.1}
  - {id: B, gdp: 500, growth: -0.04}
parameters: {growth_noise_sd: 0}
)";
  Model m(yaml);
  WorldState w;
  start_run(*m.ctx, w);
  w.tick = 1;
  grow_economies(*m.ctx, w, RunRng(1u, 0u));
  EXPECT_NEAR(w.gdp[0], 1024.113689084445, 1e-9);  // 1000·1.1^0.25
  EXPECT_NEAR(w.gdp[1], 494.9232003839765, 1e-9);  // 500·0.96^0.25 = 500·0.989846401
}

// Three actors: A and B are rivals in permanent crisis (crisis_rate 1); K is tied to A
// (m = d = 0.8, trade 20 → e = 0.8, R = 0.8) and both sides value each other highly
// (access 10): ΔU(1) ≈ 9.8 on each side, so consent σ(4·ΔU)² rounds to 1 and, with
// formation_hazard 1, K-A forms at the first unfrozen decision.
const char* kCrisisYaml = R"(
actors:
  - {id: A, size: 0.3, gdp: 1000, growth: 0}
  - {id: B, size: 0.3, gdp: 1000, growth: 0}
  - {id: K, size: 0.4, gdp: 1000, growth: 0}
dyads:
  - {pair: [A, B], hostility: 0.5, crisis_rate: 1}
  - {pair: [A, K], military: 0.8, diplomatic: 0.8, trade: 20}
  - {pair: [B, K], military: 0.0, diplomatic: 0.6}
links:
  - {from: A, to: K, access_value: 10}
  - {from: K, to: A, access_value: 10}
global: {threat_shock_rate: 0}
parameters: {growth_noise_sd: 0, formation_hazard: 1, crisis_freeze_ticks: 3, crisis_hostility_step: 0.05, hostility_reversion: 0.02}
)";

TEST(ModelRules, FormationIsImmediateWhenReadyWillingAndUnfrozen) {
  Model m(kCrisisYaml);
  WorldState w;
  start_run(*m.ctx, w);
  const int ak = m.dyad("A", "K");
  EXPECT_NEAR(w.readiness[at(ak)], 0.8, 1e-12);  // cbrt(0.8·0.8·0.8)
  w.tick = 1;
  decide_alliances(*m.ctx, w, RunRng(3u, 0u));
  EXPECT_EQ(w.pact[at(ak)], kDefencePact);
  EXPECT_EQ(w.events[static_cast<std::size_t>(Event::DefencePact)], 1);
}

TEST(ModelRules, FormationNeverHappensBelowRMin) {
  Model m(kCrisisYaml);
  const int ak = m.dyad("A", "K");
  for (std::uint32_t seed = 1; seed <= 50; ++seed) {
    WorldState w;
    start_run(*m.ctx, w);
    // m = d = 0.35, trade 5 → e = 0.5: R = cbrt(0.5·0.35²) = cbrt(0.06125) = 0.394186758 < 0.40
    w.m[at(ak)] = 0.35;
    w.d[at(ak)] = 0.35;
    w.trade[at(ak)] = 5.0;
    for (int t = 1; t <= 20; ++t) {
      w.tick = t;
      decide_alliances(*m.ctx, w, RunRng(seed, 0u));
      ASSERT_NE(w.pact[at(ak)], kDefencePact) << "seed " << seed << " tick " << t;
    }
    EXPECT_NEAR(w.readiness[at(ak)], 0.39418675815526216, 1e-12);
  }
  // Just above: m = d = 0.36 → R = cbrt(0.0648) = 0.401659770 ≥ 0.40: forms at once.
  WorldState w;
  start_run(*m.ctx, w);
  w.m[at(ak)] = 0.36;
  w.d[at(ak)] = 0.36;
  w.trade[at(ak)] = 5.0;
  w.tick = 1;
  decide_alliances(*m.ctx, w, RunRng(1u, 0u));
  EXPECT_NEAR(w.readiness[at(ak)], 0.4016597700493017, 1e-12);
  EXPECT_EQ(w.pact[at(ak)], kDefencePact);
}

TEST(ModelRules, CrisisRaisesHostilityAfterReversionAndFreezesFormation) {
  Model m(kCrisisYaml);
  WorldState w;
  start_run(*m.ctx, w);
  const RunRng rng(5u, 0u);
  const int ab = m.dyad("A", "B"), ak = m.dyad("A", "K"), bk = m.dyad("B", "K");
  w.tick = 1;
  apply_shocks(*m.ctx, w, rng);
  EXPECT_TRUE(w.crisis[at(ab)]);
  EXPECT_EQ(w.events[static_cast<std::size_t>(Event::Crisis)], 1);
  // h ← h + 0.02·(h0 - h), then + 0.05: 0.5 + 0 + 0.05 = 0.55
  EXPECT_NEAR(w.h[at(ab)], 0.55, 1e-12);
  // The crisis dyad and the third party's dyads with both parties are frozen for 3 ticks.
  EXPECT_EQ(w.freeze[at(ab)], 3);
  EXPECT_EQ(w.freeze[at(ak)], 3);
  EXPECT_EQ(w.freeze[at(bk)], 3);
  // K takes a stance: exactly one of its diplomatic ties (0.8 with A, 0.6 with B) loses 0.05.
  const double cooled_a = 0.8 - w.d[at(ak)], cooled_b = 0.6 - w.d[at(bk)];
  EXPECT_NEAR(cooled_a + cooled_b, 0.05, 1e-12);
  EXPECT_TRUE(std::abs(cooled_a) < 1e-12 || std::abs(cooled_b) < 1e-12);

  // Ticks 1, 2, 3 are frozen (no formation although R = 0.8 and consent ≈ 1); tick 4 forms.
  for (int t = 1; t <= 3; ++t) {
    w.tick = t;
    decide_alliances(*m.ctx, w, rng);
    EXPECT_NE(w.pact[at(ak)], kDefencePact) << "tick " << t;
    EXPECT_EQ(w.freeze[at(ak)], 3 - t);
  }
  w.tick = 4;
  decide_alliances(*m.ctx, w, rng);
  EXPECT_EQ(w.pact[at(ak)], kDefencePact);

  // A second crisis tick: 0.55 + 0.02·(0.5 - 0.55) + 0.05 = 0.599; a third: 0.599 - 0.00198 + 0.05 = 0.64702
  w.tick = 5;
  apply_shocks(*m.ctx, w, rng);
  EXPECT_NEAR(w.h[at(ab)], 0.599, 1e-12);
  w.tick = 6;
  apply_shocks(*m.ctx, w, rng);
  EXPECT_NEAR(w.h[at(ab)], 0.64702, 1e-12);
}

TEST(ModelRules, PermanentCrisisBlocksFormationThroughWholeTicks) {
  Model m(kCrisisYaml);
  WorldState w;
  start_run(*m.ctx, w);
  const RunRng rng(9u, 0u);
  const int ab = m.dyad("A", "B"), ak = m.dyad("A", "K");
  double h = 0.5;
  for (int t = 1; t <= 12; ++t) {
    step(*m.ctx, w, rng);
    h = std::min(1.0, h + 0.02 * (0.5 - h) + 0.05);  // hand recursion: .55, .599, .64702, ...
    EXPECT_NEAR(w.h[at(ab)], h, 1e-12) << "tick " << t;
    EXPECT_NE(w.pact[at(ak)], kDefencePact) << "tick " << t;
  }
  EXPECT_EQ(w.events[static_cast<std::size_t>(Event::Crisis)], 12);
}

// Supplier S sells to buyer B (62% of B's imports); B's rival R (h = 0.9) has a military tie
// with S. B cuts S: Δm_SB = -ν·share·ρ, ρ = σ(8·(m_SR - 0.5)), or 1 if S and R are allied.
const char* kDiversifyYaml = R"(
actors:
  - {id: S, arms_export_share: 0.2}
  - {id: B, arms_import_share: 0.1}
  - {id: R}
dyads:
  - {pair: [S, B], military: 0.79}
  - {pair: [S, R], military: 0.5}
  - {pair: [B, R], hostility: 0.9}
links:
  - {from: S, to: B, arms_export_share: 0.38, arms_import_share: 0.62}
parameters: {diversification_rate: 0.016}
)";

TEST(ModelRules, DiversificationCutsSupplierTie) {
  Model m(kDiversifyYaml);
  const RunRng rng(1u, 0u);
  const int sb = m.dyad("S", "B"), sr = m.dyad("S", "R");
  {
    WorldState w;
    start_run(*m.ctx, w);
    w.tick = 1;
    third_party_reactions(*m.ctx, w, rng);
    // ρ = σ(8·0) = 0.5: 0.79 - 0.016·0.62·0.5 = 0.79 - 0.00496 = 0.78504
    EXPECT_NEAR(w.m[at(sb)], 0.78504, 1e-12);
    EXPECT_NEAR(w.m[at(sr)], 0.5, 1e-15);  // no import link S->R: untouched
    // Diversification is lasting: the dyad's anchor (the run's copy of m0) moves by the same cut,
    // while the scenario's t0 value stays.
    EXPECT_NEAR(w.dyads[at(sb)].military, 0.78504, 1e-12);
    EXPECT_EQ(m.sc->dyads[at(sb)].military, 0.79);
  }
  {
    WorldState w;
    start_run(*m.ctx, w);
    w.m[at(sr)] = 0.28;
    w.tick = 1;
    third_party_reactions(*m.ctx, w, rng);
    // ρ = σ(8·(0.28-0.5)) = σ(-1.76) = 0.146790340: 0.79 - 0.00992·0.146790340 = 0.788543840
    EXPECT_NEAR(w.m[at(sb)], 0.7885438398291703, 1e-12);
  }
  {
    WorldState w;
    start_run(*m.ctx, w);
    w.pact[at(sr)] = kDefencePact;  // the focal-dyad design's "India's punishment"
    w.tick = 1;
    third_party_reactions(*m.ctx, w, rng);
    EXPECT_NEAR(w.m[at(sb)], 0.78008, 1e-12);  // 0.79 - 0.016·0.62·1
  }
}

// Donor D gives aid to P (flowing at t0); X is D's rival (h = 0.6).
std::string aid_yaml(const std::string& pact_px, double aid_flowing, double suspension_rate) {
  return R"(
actors: [{id: D}, {id: P}, {id: X}]
dyads:
  - {pair: [D, X], hostility: 0.6}
  - {pair: [P, X], military: 0.0, pact: )" +
         pact_px + R"(}
links:
  - {from: D, to: P, aid_dependence: 0.2, aid_flowing: )" +
         std::to_string(aid_flowing) + R"(}
parameters: {aid_suspension_rate: )" + std::to_string(suspension_rate) + R"(, aid_restoration_rate: 0.05}
)";
}

TEST(ModelRules, AidSuspendedWithCertaintyWhenRecipientAlliesWithDonorsRival) {
  Model allied(aid_yaml("defence", 1.0, 0.2));
  const int l = allied.ctx->link(allied.actor("D"), allied.actor("P"));
  for (std::uint32_t seed = 1; seed <= 200; ++seed) {
    WorldState w;
    start_run(*allied.ctx, w);
    ASSERT_EQ(w.aid[at(l)], 1.0);
    w.tick = 1;
    third_party_reactions(*allied.ctx, w, RunRng(seed, 0u));
    ASSERT_EQ(w.aid[at(l)], 0.0) << "seed " << seed;
    EXPECT_EQ(w.events[static_cast<std::size_t>(Event::AidSuspended)], 1);
  }
  // Contrast: no alliance, m_PX = 0 (ρ = σ(-4) = 0.018) and suspension rate 0: never suspended.
  Model clear(aid_yaml("none", 1.0, 0.0));
  for (std::uint32_t seed = 1; seed <= 200; ++seed) {
    WorldState w;
    start_run(*clear.ctx, w);
    w.tick = 1;
    third_party_reactions(*clear.ctx, w, RunRng(seed, 0u));
    ASSERT_EQ(w.aid[at(l)], 1.0) << "seed " << seed;
  }
}

// docs/model.md §7 (aid): "US aid restoration (if suspended and the baseline had aid) ... aid_on →
// baseline": suspended aid comes back only to its t0 level, never if it was off at t0 (as
// USA->PAK in the baseline). Hazard aid_restoration_rate·(1 - ρ), ρ = σ(8·(0 - 0.5)) = 0.018.
// (An earlier version restored any suspended link to 1; fixed in 0bf4449.)
TEST(ModelRules, AidIsNotRestoredAboveItsT0Level) {
  Model m(aid_yaml("none", 0.0, 0.2));  // aid suspended at t0, recipient clear of the rival
  const int l = m.ctx->link(m.actor("D"), m.actor("P"));
  WorldState w;
  start_run(*m.ctx, w);
  const RunRng rng(1u, 0u);
  for (int t = 1; t <= 200; ++t) {  // P(no restoration in 200 ticks | hazard .049) = 4e-5
    w.tick = t;
    third_party_reactions(*m.ctx, w, rng);
    ASSERT_LE(w.aid[at(l)], 0.0) << "aid restored above its t0 level at tick " << t;
  }
  EXPECT_EQ(w.events[static_cast<std::size_t>(Event::AidRestored)], 0);
}

TEST(ModelRules, SuspendedAidIsRestoredToItsT0Level) {
  Model m(aid_yaml("none", 0.5, 0.0));  // half the aid flowing at t0 (like FMF withheld in 2017)
  const int l = m.ctx->link(m.actor("D"), m.actor("P"));
  WorldState w;
  start_run(*m.ctx, w);
  EXPECT_EQ(w.aid[at(l)], 0.5);
  w.aid[at(l)] = 0.0;  // suspended since
  const RunRng rng(1u, 0u);
  int restored_at = 0;
  for (int t = 1; t <= 400 && restored_at == 0; ++t) {  // hazard 0.05·0.982 = 0.049 per tick
    w.tick = t;
    third_party_reactions(*m.ctx, w, rng);
    if (w.aid[at(l)] > 0) restored_at = t;
  }
  ASSERT_GT(restored_at, 0) << "never restored in 400 ticks (probability 2e-9)";
  EXPECT_EQ(w.aid[at(l)], 0.5);  // back to the t0 level, not to 1
  EXPECT_EQ(w.events[static_cast<std::size_t>(Event::AidRestored)], 1);
}

TEST(ModelRules, DefenceStepRaisesFrontAndAnchor) {
  const std::string yaml = R"(
actors: [{id: A}, {id: B}]
dyads:
  - {pair: [A, B], military: 0.39, step_rate: 1, step_size: 0.03}
)";
  Model m(yaml);
  WorldState w;
  start_run(*m.ctx, w);
  w.tick = 1;
  apply_shocks(*m.ctx, w, RunRng(1u, 0u));
  EXPECT_NEAR(w.m[0], 0.42, 1e-12);                 // 0.39 + 0.03
  EXPECT_NEAR(w.dyads[0].military, 0.42, 1e-12);    // the anchor moves too (lasting change)
  EXPECT_EQ(w.events[static_cast<std::size_t>(Event::DefenceStep)], 1);
  w.m[0] = 0.99;
  w.tick = 2;
  apply_shocks(*m.ctx, w, RunRng(1u, 0u));
  EXPECT_EQ(w.m[0], 1.0);  // capped at 1
}

}  // namespace
}  // namespace simrun
