namespace Judging.Tests.Domain.VenueVoting;

using Judging.Domain.VenueVoting;
using Judging.Domain.Competitions;

/// <summary>最佳人气奖 by the public online vote (issue 4: the most accepted votes), frozen at the films' finalist confirmation.</summary>
public sealed class PublicVoteAwardTests
{
    private static AudienceAwardDecision Decision(AwardDecisionKind kind = AwardDecisionKind.ModeChosen, int? entryId = null, string? reason = null) =>
        new() { CompetitionId = 1, Track = Track.MicroFilm, AwardName = "最佳人气奖", Mode = AwardMode.PublicVote, Kind = kind, EntryId = entryId, Reason = reason, Actor = "组织者" };

    private static PublicVoteCount Votes(bool frozen, params (int Entry, long Votes)[] votes) => new(votes.ToDictionary(v => v.Entry, v => v.Votes), frozen);

    [Fact]
    public void Films_use_the_public_vote_or_a_designation_and_speeches_the_venue_vote_or_a_designation()
    {
        Assert.Equal([AwardMode.PublicVote, AwardMode.Designated], AudienceAwardCatalog.ModesOf(Track.MicroFilm));
        Assert.Equal([AwardMode.LiveVote, AwardMode.Designated], AudienceAwardCatalog.ModesOf(Track.Speech));
        Assert.Empty(AudienceAwardCatalog.ModesOf(Track.InnovationCase));
    }

    [Fact]
    public void The_most_accepted_votes_wins_once_frozen()
    {
        var s = AudienceAwardRules.Resolve(Decision(), null, null, Votes(true, (1, 120), (2, 340), (3, 90)));
        Assert.True(s.Decided);
        Assert.Equal(2, s.EntryId);
        Assert.Equal("网络投票 340 票", s.Source?.ToString());
        Assert.Equal("有效票共 550 票", s.Note?.ToString());
    }

    [Fact]
    public void Before_the_counts_are_frozen_the_leader_is_not_the_winner()
    {
        var s = AudienceAwardRules.Resolve(Decision(), null, null, Votes(false, (1, 120), (2, 340)));
        Assert.False(s.Decided);
        Assert.Null(s.EntryId);
        Assert.Contains("当前最高 340 票", s.Note?.ToString());
    }

    [Fact]
    public void No_votes_at_all_decides_nothing()
    {
        var s = AudienceAwardRules.Resolve(Decision(), null, null, Votes(true));
        Assert.False(s.Decided);
        Assert.Equal("无有效票，请改为评委推选", s.Note?.ToString());
    }

    [Fact]
    public void A_tie_for_the_most_waits_for_the_organisers_reasoned_pick_among_the_leaders()
    {
        var votes = Votes(true, (1, 200), (2, 200), (3, 10));
        Assert.Equal([1, 2], votes.Leaders);
        var open = AudienceAwardRules.Resolve(Decision(), null, null, votes);
        Assert.False(open.Decided);
        Assert.Contains("2 个作品并列第一", open.Note?.ToString());

        Assert.Equal("请填写决定理由", AudienceAwardRules.CheckPublicTieBreak(AwardMode.PublicVote, votes, 1, " ")?.ToString());
        Assert.Equal("只能在并列第一的作品中选择", AudienceAwardRules.CheckPublicTieBreak(AwardMode.PublicVote, votes, 3, "理由")?.ToString());
        Assert.Equal("入围名单确认（票数锁定）后才能决定", AudienceAwardRules.CheckPublicTieBreak(AwardMode.PublicVote, votes with { Frozen = false }, 1, "理由")?.ToString());
        Assert.Equal("本奖项不是网络投票", AudienceAwardRules.CheckPublicTieBreak(AwardMode.Designated, votes, 1, "理由")?.ToString());
        Assert.Null(AudienceAwardRules.CheckPublicTieBreak(AwardMode.PublicVote, votes, 2, "专家组复核后决定"));

        var decided = AudienceAwardRules.Resolve(Decision(AwardDecisionKind.TieBroken, 2, "专家组复核后决定"), null, null, votes);
        Assert.True(decided.Decided);
        Assert.Equal(2, decided.EntryId);
        Assert.Equal("网络投票 200 票（并列第一，组织者决定）", decided.Source?.ToString());
        // A pick that is not (or no longer) among the leaders decides nothing.
        Assert.False(AudienceAwardRules.Resolve(Decision(AwardDecisionKind.TieBroken, 3, "x"), null, null, votes).Decided);
    }

    [Fact]
    public void Without_public_votes_the_award_says_so()
    {
        var s = AudienceAwardRules.Resolve(Decision(), null, null, null);
        Assert.False(s.Decided);
        Assert.Equal("本赛道没有网络投票", s.Note?.ToString());
    }
}
