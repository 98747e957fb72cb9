namespace Judging.Tests.Domain.Awards;

using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using static Judging.Tests.Domain.Awards.SmallCompetition;

/// <summary>The whole pipeline on <see cref="SmallCompetition"/> (worked by hand there).</summary>
public sealed class TrackResultsTests
{
    private static ResultLine L(TrackOutcome o, string code) => o.Lines.Single(l => l.Code == code);

    [Fact]
    public void Preliminary_scores_and_ranks_are_per_division()
    {
        var o = TrackResults.Compute(Input());
        Assert.Equal(86m, L(o, "PD01").PreliminaryScore);
        Assert.Equal(242m / 3m, L(o, "PD03").PreliminaryScore);
        Assert.Null(L(o, "XH04").PreliminaryScore);
        // 浦东: PD04 90 (withdrawn, still ranked), PD01 86, PD02 84, PD03 80.667; 徐汇: XH01 89, XH02 81, XH03 76.
        Assert.Equal([2, 3, 4, 1, 1, 2, 3, null], o.Lines.Select(l => l.PreliminaryRank));
        Assert.All(o.Lines, l => Assert.Null(l.Normalised));
    }

    [Fact]
    public void Finalists_follow_the_division_seats_the_overall_seats_and_the_unit_cap()
    {
        var o = TrackResults.Compute(Input());
        Assert.Equal(["PD02", "XH01", "XH02"], o.Lines.Where(l => l.FinalistStatus == FinalistStatus.Finalist).Select(l => l.Code));
        Assert.Equal(FinalistStatus.Skipped, L(o, "PD01").FinalistStatus);
        Assert.Contains("XH01", L(o, "PD01").FinalistRemark);
        Assert.Equal("候补第 1 位", L(o, "PD03").FinalistRemark);
        Assert.Equal("候补第 2 位", L(o, "XH03").FinalistRemark);
        Assert.Equal("已退赛", L(o, "PD04").FinalistRemark);
        Assert.Equal("无有效评分", L(o, "XH04").FinalistRemark);
        Assert.True(o.Settled);
    }

    [Fact]
    public void The_final_ranks_finalists_on_their_final_cards_only()
    {
        var o = TrackResults.Compute(Input());
        Assert.Equal([6, 2, 5], o.Final.Select(r => r.EntryId));
        Assert.Equal((92m, 1), (L(o, "XH02").FinalScore!.Value, L(o, "XH02").FinalRank!.Value));
        Assert.Null(L(o, "PD01").FinalScore);
    }

    [Fact]
    public void Tiers_reach_beyond_the_final_unless_finalists_only_and_every_other_eligible_entry_gets_participation()
    {
        var o = TrackResults.Compute(Input());
        Assert.Equal(["三等奖", "二等奖", "参赛成果证书", "", "三等奖", "一等奖", "参赛成果证书", "参赛成果证书"], o.Lines.Select(l => l.Award));
        Assert.Equal(AwardTier.Third, L(o, "PD01").Tier);   // a non-finalist's preliminary reaches 三等奖

        var finalistsOnly = TrackResults.Compute(Input() with { TierRules = Input().TierRules with { FinalistsOnly = true } });
        Assert.Equal(["参赛成果证书", "二等奖", "参赛成果证书", "", "三等奖", "一等奖", "参赛成果证书", "参赛成果证书"], finalistsOnly.Lines.Select(l => l.Award));
    }

    [Fact]
    public void A_finalist_without_final_cards_is_not_ranked_on_its_preliminary_score()
    {
        // XH02 won the final (92); take its final cards away: it must not fall back to its preliminary score and
        // take a tier from there — it gets the participation certificate with a remark.
        var input = Input();
        var xh02 = input.Entries.Single(e => e.Code == "XH02").EntryId;
        var o = TrackResults.Compute(input with { FinalCards = input.FinalCards.Where(c => c.EntryId != xh02).ToList() });
        Assert.Equal(FinalistStatus.Finalist, L(o, "XH02").FinalistStatus);
        Assert.Null(L(o, "XH02").Tier);
        Assert.Equal("参赛成果证书", L(o, "XH02").Award);
        Assert.Equal("入围决赛但无决赛评分", L(o, "XH02").TierRemark);
        Assert.DoesNotContain(o.Tiers.Lines, l => l.Candidate.EntryId == xh02);
    }

    [Fact]
    public void Percentages_use_the_eligible_field()
    {
        // 7 eligible entries (PD04 withdrawn). 一等奖 15 % of 7 = 1.05 → 1 (nearest); 二等奖 30 % → 2.1 → 2.
        var input = Input() with
        {
            TierRules = new TierRules { Quotas = [new(AwardTier.First, QuotaKind.Percent, 15), new(AwardTier.Second, QuotaKind.Percent, 30)] },
        };
        var o = TrackResults.Compute(input);
        Assert.Equal([1, 2], o.Tiers.Counts.Select(c => c.Count));
        Assert.Contains("× 7 =", o.Tiers.Counts[0].Explanation?.ToString());
        Assert.Equal(["一等奖", "二等奖", "二等奖"], new[] { "XH02", "PD02", "XH01" }.Select(c => L(o, c).Award));
    }

    [Fact]
    public void Overrides_and_their_reasons_reach_the_results()
    {
        // Admit PD01 beyond the unit cap: XH01 (89) and PD01 (86, admitted) take the division seats. The overall seat:
        // PD02 84 would be group G1's third (PD01, XH01) → skipped; XH02 81 takes it; PD03 is the first reserve.
        var input = Input() with
        {
            FinalistDecisions = new FinalistDecisions { Overrides = [new FinalistOverride(1, OverrideKind.Admit, "同一单位两个品牌")] },
        };
        var o = TrackResults.Compute(input);
        Assert.Equal(["PD01", "XH01", "XH02"], o.Lines.Where(l => l.FinalistStatus == FinalistStatus.Finalist).Select(l => l.Code));
        Assert.Equal("同一单位两个品牌", L(o, "PD01").OverrideReason);
        Assert.Equal("破格入围（超出参赛单位名额）：同一单位两个品牌", L(o, "PD01").FinalistRemark);
        Assert.Contains("集团G1", L(o, "PD02").FinalistRemark);
        Assert.Contains("PD01", L(o, "PD02").FinalistRemark);
        Assert.Contains("XH01", L(o, "PD02").FinalistRemark);
        Assert.Equal("候补第 1 位", L(o, "PD03").FinalistRemark);
    }

    [Fact]
    public void A_final_tie_on_a_tier_boundary_is_left_to_the_organiser()
    {
        // Make XH02's final 90 like PD02's (totals 90, 90, 90): equal on every key → 一等奖 boundary tie.
        var input = Input() with
        {
            FinalCards =
            [
                .. Cards(2, 31, [45, 45], [45, 45], [45, 45]),
                .. Cards(5, 31, [44, 44], [44, 44], [44, 44]),
                .. Cards(6, 31, [45, 45], [45, 45], [45, 45]),
            ],
        };
        var pending = TrackResults.Compute(input);
        Assert.False(pending.Settled);
        Assert.Equal("tier:1", Assert.Single(pending.Tiers.Ties).Key);

        var both = TrackResults.Compute(input with { TierDecisions = new Dictionary<string, TieResolution> { ["tier:1"] = TieResolution.IncludeAll } });
        Assert.True(both.Settled);
        Assert.Equal("一等奖", L(both, "PD02").Award);
        Assert.Equal("一等奖", L(both, "XH02").Award);
        Assert.Contains("并列取一等奖", L(both, "PD02").TierRemark);
    }

    [Fact]
    public void Per_judge_normalisation_changes_the_overall_cut()
    {
        // 浦东 judges 11, 12 are lenient: P1 90/90, P2 88/88. 徐汇 judges 21, 22 are severe: X1 80/80, X2 70/70, X3 70/70.
        // Raw: 1 seat → P1 (90). Per judge: judges 11, 12: P1 +1, P2 −1. Judges 21, 22: mean 73.333, SD √(200/9) = 4.714
        // → X1 +6.667/4.714 = +√2 = +1.414214, X2, X3 −0.707107. Normalised: X1 (1.414214) beats P1 (1).
        TrackInput Make(NormalisationMode mode) => Input() with
        {
            Entries = [E(1, "P1", 1, null, 1, 1), E(2, "P2", 2, null, 1, 1), E(3, "X1", 3, null, 1, 2), E(4, "X2", 4, null, 1, 2), E(5, "X3", 5, null, 1, 2)],
            PreliminaryCards =
            [
                .. Cards(1, 11, [45, 45], [45, 45]), .. Cards(2, 11, [44, 44], [44, 44]),
                .. Cards(3, 21, [40, 40], [40, 40]), .. Cards(4, 21, [35, 35], [35, 35]), .. Cards(5, 21, [35, 35], [35, 35]),
            ],
            FinalistRules = new FinalistRules { Overall = 1, Normalisation = mode },
            FinalCards = [],
        };
        var raw = TrackResults.Compute(Make(NormalisationMode.None));
        Assert.Equal("P1", raw.Lines.Single(l => l.FinalistStatus == FinalistStatus.Finalist).Code);

        var z = TrackResults.Compute(Make(NormalisationMode.PerJudge));
        Assert.Equal("X1", z.Lines.Single(l => l.FinalistStatus == FinalistStatus.Finalist).Code);
        Assert.Equal([1m, -1m, 1.414214m, -0.707107m, -0.707107m], z.Lines.Select(l => l.Normalised!.Value));
        Assert.Equal(90m, L(z, "P1").PreliminaryScore);     // raw scores stay beside the z-scores

        var perDivision = TrackResults.Compute(Make(NormalisationMode.PerDivision));
        Assert.Equal("X1", perDivision.Lines.Single(l => l.FinalistStatus == FinalistStatus.Finalist).Code);

        // X3 withdraws: it no longer sets 徐汇's mean and spread. X1 80, X2 70 → mean 75, SD 5 → X1 +1, X2 −1;
        // X3 gets no z. (Before: X1 +1.414214 with X3 counted.)
        var withdrawn = Make(NormalisationMode.PerDivision);
        withdrawn = withdrawn with { Entries = withdrawn.Entries.Select(e => e.Code == "X3" ? e with { Eligibility = Eligibility.Withdrawn } : e).ToList() };
        var w = TrackResults.Compute(withdrawn);
        Assert.Equal(1m, L(w, "X1").Normalised);
        Assert.Equal(-1m, L(w, "X2").Normalised);
        Assert.Null(L(w, "X3").Normalised);
    }

    [Fact]
    public void Compute_is_deterministic()
    {
        Assert.Equal(TrackResults.Compute(Input()).Lines, TrackResults.Compute(Input()).Lines);
    }
}
