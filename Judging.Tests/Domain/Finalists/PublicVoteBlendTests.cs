namespace Judging.Tests.Domain.Finalists;

using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.Scoring;

/// <summary>
/// The film preliminary blends the public vote with the experts' score (issue 4; seed 000, 四、(二)), worked by hand:
/// <code>
/// film  expert (3 cards)  votes  vote points (100 × votes ÷ 1000)  blend 70/30
/// F01   80                1000   100                               56 + 30   = 86
/// F02   90                   0     0                               63 + 0    = 63
/// F03   85                 500    50                               59.5 + 15 = 74.5
/// F04   70                 800    80                               49 + 24   = 73
/// </code>
/// Two finalists overall: F01 and F03 with the blend; F02 and F03 on the experts alone.
/// </summary>
public sealed class PublicVoteBlendTests
{
    private static ResultEntry Film(int id) =>
        new(id, $"F0{id}", $"微电影{id}", id, $"单位{id}", null, null, 1, "推荐单位", null, null, Eligibility.Eligible);

    private static IEnumerable<ScoreCard> Cards(int entry, decimal total) =>
        Enumerable.Range(1, 3).Select(j => new ScoreCard(entry, j, [total / 2, total / 2]));

    private static TrackInput Input(PublicVoteBlend? blend) => new()
    {
        Competition = "2025上海市质量品牌故事大赛",
        Year = 2025,
        Track = Track.MicroFilm,
        Scoring = new ScoringOptions(),
        Entries = [Film(1), Film(2), Film(3), Film(4)],
        PreliminaryCards = [.. Cards(1, 80), .. Cards(2, 90), .. Cards(3, 85), .. Cards(4, 70)],
        FinalistRules = new FinalistRules { PerDivision = null, Overall = 2 },
        FinalistDecisions = FinalistDecisions.None,
        FinalCards = [],
        TierRules = new TierRules { Quotas = [new(AwardTier.First, QuotaKind.Count, 1)], FinalistsOnly = true },
        TierDecisions = new Dictionary<string, TieResolution>(),
        PublicVotes = blend,
    };

    private static PublicVoteBlend Blend(decimal weight = 30m, Dictionary<int, long>? votes = null) => new()
    {
        VoteWeightPercent = weight,
        FullMarks = 100m,
        AcceptedVotes = votes ?? new Dictionary<int, long> { [1] = 1000, [3] = 500, [4] = 800 },
    };

    [Fact]
    public void Vote_points_are_the_share_of_the_leaders_votes_on_the_sheets_scale()
    {
        var b = Blend();
        Assert.Equal(100m, b.VotePoints(1));
        Assert.Equal(0m, b.VotePoints(2));
        Assert.Equal(50m, b.VotePoints(3));
        Assert.Equal(80m, b.VotePoints(4));
        Assert.Equal(1000, b.Leader);
    }

    [Fact]
    public void The_preliminary_score_is_70_percent_experts_and_30_percent_votes()
    {
        var outcome = TrackResults.Compute(Input(Blend()));
        var byCode = outcome.Lines.ToDictionary(l => l.Code);
        Assert.Equal(86m, byCode["F01"].PreliminaryScore);
        Assert.Equal(63m, byCode["F02"].PreliminaryScore);
        Assert.Equal(74.5m, byCode["F03"].PreliminaryScore);
        Assert.Equal(73m, byCode["F04"].PreliminaryScore);
        Assert.Equal(90m, byCode["F02"].ExpertScore);
        Assert.Equal(1000, byCode["F01"].PublicVotes);
        Assert.Equal(0, byCode["F02"].PublicVotes);
        Assert.Equal([1, 3], outcome.Finalists.FinalistIds.Order());
    }

    [Fact]
    public void Without_the_blend_the_experts_alone_choose()
    {
        var outcome = TrackResults.Compute(Input(null));
        Assert.Equal([2, 3], outcome.Finalists.FinalistIds.Order());
        Assert.All(outcome.Lines, l => { Assert.Null(l.ExpertScore); Assert.Null(l.PublicVotes); });
    }

    [Fact]
    public void A_vote_weight_of_zero_is_the_experts_score_and_no_votes_at_all_give_no_vote_points()
    {
        Assert.Equal([2, 3], TrackResults.Compute(Input(Blend(0m))).Finalists.FinalistIds.Order());
        var none = TrackResults.Compute(Input(Blend(30m, []))).Lines.ToDictionary(l => l.Code);
        Assert.Equal(63m, none["F02"].PreliminaryScore); // 70 % of 90, the vote part is 0 for everyone
        Assert.Equal(56m, none["F01"].PreliminaryScore);
    }

    [Fact]
    public void A_disqualified_films_votes_do_not_set_the_leader_the_others_are_scaled_to()
    {
        // F04 (800 votes) is fine; F01 (1000) is disqualified: F04 now leads with full marks, F03 gets 100 × 500 ÷ 800.
        var input = Input(Blend());
        input = input with { Entries = input.Entries.Select(e => e.EntryId == 1 ? e with { Eligibility = Eligibility.Ineligible, EligibilityReason = "刷票" } : e).ToList() };
        var lines = TrackResults.Compute(input).Lines.ToDictionary(l => l.Code);
        Assert.Equal(0.7m * 70 + 30m, lines["F04"].PreliminaryScore);
        Assert.Equal(0.7m * 85 + 0.3m * (100m * 500 / 800), lines["F03"].PreliminaryScore);
    }

    [Fact]
    public void The_weight_must_be_a_percentage()
    {
        Assert.NotNull(Blend(101m).Validate());
        Assert.NotNull(Blend(-1m).Validate());
        Assert.Null(Blend(100m).Validate());
        Assert.Throws<ArgumentException>(() => TrackResults.Compute(Input(Blend(120m))));
    }

    [Fact]
    public void An_audit_packet_with_the_blend_verifies_and_an_edited_vote_count_does_not()
    {
        var input = Input(Blend());
        var json = AuditPacket.Create(input, TrackResults.Compute(input)).ToJson();
        Assert.True(AuditPacket.Verify(json).Verified);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var votes = node["input"]!["publicVotes"]!["acceptedVotes"]!;
        votes["3"] = 5000;
        Assert.False(AuditPacket.Verify(node.ToJsonString()).Verified);
    }
}
