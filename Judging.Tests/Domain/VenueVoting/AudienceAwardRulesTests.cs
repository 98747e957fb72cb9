namespace Judging.Tests.Domain.VenueVoting;

using Judging.Domain.VenueVoting;
using Judging.Domain.Competitions;

/// <summary>Where an award stands for each mode and state (seed 000, 附件1 (八)); nothing decided silently.</summary>
public sealed class AudienceAwardRulesTests
{
    private static AudienceAwardDecision Decision(AwardMode mode, AwardDecisionKind kind = AwardDecisionKind.ModeChosen, int? entryId = null, int? questionId = null, string? reason = null) =>
        new() { CompetitionId = 1, Track = Track.Speech, AwardName = "最具风采奖", Mode = mode, Kind = kind, EntryId = entryId, QuestionId = questionId, Reason = reason, Actor = "组织者 俞琳" };

    private static AudienceQuestion Question(QuestionStatus status) => new() { Id = 5, AwardName = "最具风采奖", Status = status };

    private static TallyResult Tally(params (int Entry, int Votes)[] votes) =>
        AudienceTally.Count([1, 2, 3], votes.ToDictionary(v => v.Entry, v => v.Votes));

    [Fact]
    public void Without_a_mode_nothing_is_decided()
    {
        var s = AudienceAwardRules.Resolve(null, null, null);
        Assert.False(s.Decided);
        Assert.Null(s.EntryId);
        Assert.Equal("未设置评选方式", s.Source?.ToString());
    }

    [Fact]
    public void Live_vote_without_a_question_or_not_yet_open_is_undecided()
    {
        var mode = Decision(AwardMode.LiveVote);
        Assert.False(AudienceAwardRules.Resolve(mode, null, null).Decided);
        var s = AudienceAwardRules.Resolve(mode, Question(QuestionStatus.NotOpened), Tally());
        Assert.False(s.Decided);
        Assert.Equal("投票尚未开始", s.Note?.ToString());
    }

    [Fact]
    public void Live_vote_is_undecided_while_open_even_with_a_clear_leader()
    {
        var s = AudienceAwardRules.Resolve(Decision(AwardMode.LiveVote), Question(QuestionStatus.Open), Tally((1, 10), (2, 1)));
        Assert.False(s.Decided);
        Assert.Null(s.EntryId);
        Assert.Contains("投票进行中", s.Note?.ToString());
    }

    [Fact]
    public void Closed_live_vote_with_a_clear_winner_is_decided_with_its_votes()
    {
        var s = AudienceAwardRules.Resolve(Decision(AwardMode.LiveVote), Question(QuestionStatus.Closed), Tally((1, 40), (2, 128), (3, 7)));
        Assert.True(s.Decided);
        Assert.Equal(2, s.EntryId);
        Assert.Equal("现场观众投票 128 票", s.Source?.ToString());
        Assert.Equal("有效票共 175 票", s.Note?.ToString());
    }

    [Fact]
    public void Closed_live_vote_with_a_tie_is_undecided_until_the_organiser_picks()
    {
        var tally = Tally((1, 9), (2, 9), (3, 2));
        var s = AudienceAwardRules.Resolve(Decision(AwardMode.LiveVote), Question(QuestionStatus.Closed), tally);
        Assert.False(s.Decided);
        Assert.Null(s.EntryId);
        Assert.Equal("现场观众投票 9 票（并列第一）", s.Source?.ToString());
        Assert.Contains("2 个作品并列第一", s.Note?.ToString());

        var picked = AudienceAwardRules.Resolve(Decision(AwardMode.LiveVote, AwardDecisionKind.TieBroken, 2, 5, "评委会主任现场抽签"), Question(QuestionStatus.Closed), tally);
        Assert.True(picked.Decided);
        Assert.Equal(2, picked.EntryId);
        Assert.Equal("现场观众投票 9 票（并列第一，组织者决定）", picked.Source?.ToString());
        Assert.Equal("评委会主任现场抽签", picked.Note?.ToString());
    }

    [Fact]
    public void A_tie_decision_for_another_question_or_a_non_leader_does_not_count()
    {
        var tally = Tally((1, 9), (2, 9), (3, 2));
        Assert.False(AudienceAwardRules.Resolve(Decision(AwardMode.LiveVote, AwardDecisionKind.TieBroken, 2, 6, "x"), Question(QuestionStatus.Closed), tally).Decided);
        Assert.False(AudienceAwardRules.Resolve(Decision(AwardMode.LiveVote, AwardDecisionKind.TieBroken, 3, 5, "x"), Question(QuestionStatus.Closed), tally).Decided);
    }

    [Fact]
    public void Closed_live_vote_without_votes_is_undecided()
    {
        var s = AudienceAwardRules.Resolve(Decision(AwardMode.LiveVote), Question(QuestionStatus.Closed), Tally());
        Assert.False(s.Decided);
        Assert.Equal("现场观众投票 0 票", s.Source?.ToString());
    }

    [Fact]
    public void Designated_is_undecided_until_the_pick_is_recorded()
    {
        var none = AudienceAwardRules.Resolve(Decision(AwardMode.Designated), null, null);
        Assert.False(none.Decided);
        Assert.Equal("评委推选", none.Source?.ToString());
        var s = AudienceAwardRules.Resolve(Decision(AwardMode.Designated, AwardDecisionKind.Designated, 3, reason: "评委一致推选"), null, null);
        Assert.True(s.Decided);
        Assert.Equal(3, s.EntryId);
        Assert.Equal("评委推选", s.Source?.ToString());
        Assert.Equal("评委一致推选", s.Note?.ToString());
    }

    [Fact]
    public void Designated_ignores_the_live_vote_even_if_one_ran()
    {
        var s = AudienceAwardRules.Resolve(Decision(AwardMode.Designated), Question(QuestionStatus.Closed), Tally((1, 50)));
        Assert.False(s.Decided);
    }

    [Fact]
    public void The_mode_cannot_change_while_the_vote_is_open_nor_to_itself()
    {
        Assert.Null(AudienceAwardRules.CheckModeChange(null, AwardMode.LiveVote, null));
        Assert.Null(AudienceAwardRules.CheckModeChange(AwardMode.LiveVote, AwardMode.Designated, QuestionStatus.NotOpened));
        Assert.Null(AudienceAwardRules.CheckModeChange(AwardMode.LiveVote, AwardMode.Designated, QuestionStatus.Closed));
        Assert.NotNull(AudienceAwardRules.CheckModeChange(AwardMode.LiveVote, AwardMode.Designated, QuestionStatus.Open));
        Assert.NotNull(AudienceAwardRules.CheckModeChange(AwardMode.Designated, AwardMode.Designated, null));
    }

    [Fact]
    public void A_tie_is_broken_only_after_closing_among_the_leaders_with_a_reason()
    {
        var tie = Tally((1, 9), (2, 9));
        Assert.Null(AudienceAwardRules.CheckTieBreak(AwardMode.LiveVote, QuestionStatus.Closed, tie, 1, "理由"));
        Assert.Equal("本奖项不是现场观众投票", AudienceAwardRules.CheckTieBreak(AwardMode.Designated, QuestionStatus.Closed, tie, 1, "理由")?.ToString());
        Assert.Equal("请先结束投票", AudienceAwardRules.CheckTieBreak(AwardMode.LiveVote, QuestionStatus.Open, tie, 1, "理由")?.ToString());
        Assert.Equal("票数没有并列第一，无需决定", AudienceAwardRules.CheckTieBreak(AwardMode.LiveVote, QuestionStatus.Closed, Tally((1, 9), (2, 8)), 1, "理由")?.ToString());
        Assert.Equal("只能在并列第一的作品中选择", AudienceAwardRules.CheckTieBreak(AwardMode.LiveVote, QuestionStatus.Closed, tie, 3, "理由")?.ToString());
        Assert.Equal("请填写决定理由", AudienceAwardRules.CheckTieBreak(AwardMode.LiveVote, QuestionStatus.Closed, tie, 1, "  ")?.ToString());
    }

    [Fact]
    public void A_designation_needs_the_mode_a_finalist_and_a_reason()
    {
        int[] finalists = [1, 2, 3];
        Assert.Null(AudienceAwardRules.CheckDesignation(AwardMode.Designated, finalists, 2, "理由"));
        Assert.Equal("本奖项不是评委推选", AudienceAwardRules.CheckDesignation(AwardMode.LiveVote, finalists, 2, "理由")?.ToString());
        Assert.Equal("请选择获奖作品", AudienceAwardRules.CheckDesignation(AwardMode.Designated, finalists, null, "理由")?.ToString());
        Assert.Equal("只能推选入围决赛的作品", AudienceAwardRules.CheckDesignation(AwardMode.Designated, finalists, 9, "理由")?.ToString());
        Assert.Equal("请填写推选理由", AudienceAwardRules.CheckDesignation(AwardMode.Designated, finalists, 2, "")?.ToString());
    }
}
