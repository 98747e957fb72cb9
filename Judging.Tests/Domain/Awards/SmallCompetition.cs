namespace Judging.Tests.Domain.Awards;

using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.Scoring;

/// <summary>
/// A small speech competition worked by hand: 2 divisions, 3 judges each (no trimming below 5), 2 criteria.
/// <code>
/// id code  unit group rec div  preliminary cards (totals)        score   note
/// 1  PD01  U1   G1    R1  浦东  82, 88, 88                        86      median 88
/// 2  PD02  U2   G1    R1  浦东  84, 84, 84                        84
/// 3  PD03  U3   -     R2  浦东  80, 80, 82                        80.667
/// 4  PD04  U4   -     R2  浦东  90, 90, 90                        90      withdrawn
/// 5  XH01  U1   G1    R1  徐汇  90, 88, 89                        89      same unit as PD01
/// 6  XH02  U5   -     R2  徐汇  81, 81, 81                        81
/// 7  XH03  U6   -     R3  徐汇  76, 76, 76                        76
/// 8  XH04  U7   -     R3  徐汇  (no cards)                        —       unscored
/// </code>
/// Finalists: 1 per division + 3 in all. Walk (first places first): XH01 89 in (徐汇); PD01 86 is unit U1's second
/// → skipped naming XH01; PD02 84 takes 浦东's seat. One overall seat left: best of the rest XH02 81 (PD03 80.667, XH03 76
/// reserves). Finalists PD02, XH01, XH02 (group G1 holds 2: PD02, XH01 — within its cap).
/// Final (judges 31–33): PD02 90, XH01 88, XH02 92 → XH02, PD02, XH01.
/// Tiers 1/1/2, finalists first: XH02 一等奖, PD02 二等奖, XH01 三等奖, then the best non-finalist PD01 (86) 三等奖.
/// PD03, XH03 and the unscored XH04 receive 参赛成果证书; the withdrawn PD04 nothing.
/// </summary>
internal static class SmallCompetition
{
    public static ResultEntry E(int id, string code, int unit, int? group, int rec, int div, Eligibility eligibility = Eligibility.Eligible) =>
        new(id, code, $"作品{code}", unit, $"单位U{unit}", group, group is { } g ? $"集团G{g}" : null, rec, $"推荐单位R{rec}",
            div, div == 1 ? "浦东赛区" : "徐汇赛区", eligibility);

    public static IEnumerable<ScoreCard> Cards(int entry, int firstJudge, params decimal[][] cards) =>
        cards.Select((p, i) => new ScoreCard(entry, firstJudge + i, p));

    public static TrackInput Input() => new()
    {
        Competition = "2025上海市质量品牌故事大赛",
        Year = 2025,
        Track = Track.Speech,
        Scoring = new ScoringOptions(),
        Entries =
        [
            E(1, "PD01", 1, 1, 1, 1), E(2, "PD02", 2, 1, 1, 1), E(3, "PD03", 3, null, 2, 1), E(4, "PD04", 4, null, 2, 1, Eligibility.Withdrawn),
            E(5, "XH01", 1, 1, 1, 2), E(6, "XH02", 5, null, 2, 2), E(7, "XH03", 6, null, 3, 2), E(8, "XH04", 7, null, 3, 2),
        ],
        PreliminaryCards =
        [
            .. Cards(1, 11, [40, 42], [44, 44], [43, 45]),
            .. Cards(2, 11, [42, 42], [42, 42], [42, 42]),
            .. Cards(3, 11, [40, 40], [40, 40], [41, 41]),
            .. Cards(4, 11, [45, 45], [45, 45], [45, 45]),
            .. Cards(5, 21, [45, 45], [44, 44], [45, 44]),
            .. Cards(6, 21, [40, 41], [40, 41], [40, 41]),
            .. Cards(7, 21, [38, 38], [38, 38], [38, 38]),
        ],
        FinalistRules = new FinalistRules { PerDivision = 1, Overall = 3 },
        FinalistDecisions = FinalistDecisions.None,
        FinalCards =
        [
            .. Cards(2, 31, [45, 45], [45, 45], [45, 45]),
            .. Cards(5, 31, [44, 44], [44, 44], [44, 44]),
            .. Cards(6, 31, [46, 46], [46, 46], [46, 46]),
        ],
        TierRules = new TierRules
        {
            Quotas = [new(AwardTier.First, QuotaKind.Count, 1), new(AwardTier.Second, QuotaKind.Count, 1), new(AwardTier.Third, QuotaKind.Count, 2)],
        },
        TierDecisions = new Dictionary<string, TieResolution>(),
    };
}
