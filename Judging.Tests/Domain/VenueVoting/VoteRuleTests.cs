namespace Judging.Tests.Domain.VenueVoting;

using Judging.Domain.VenueVoting;

/// <summary>One vote per device per question, only while open, only for a candidate (seed 000, 附件1 (六)).</summary>
public sealed class VoteRuleTests
{
    private static readonly int[] Candidates = [11, 12, 13];

    [Fact]
    public void A_first_vote_for_a_candidate_while_open_is_accepted() =>
        Assert.Equal(VoteOutcome.Accepted, VoteRule.Check(QuestionStatus.Open, deviceHasVoted: false, 12, Candidates));

    [Theory]
    [InlineData(QuestionStatus.NotOpened)]
    [InlineData(QuestionStatus.Closed)]
    public void No_vote_is_accepted_unless_the_question_is_open(QuestionStatus status) =>
        Assert.Equal(VoteOutcome.NotOpen, VoteRule.Check(status, deviceHasVoted: false, 12, Candidates));

    [Fact]
    public void A_device_that_voted_is_refused_even_for_another_candidate() =>
        Assert.Equal(VoteOutcome.AlreadyVoted, VoteRule.Check(QuestionStatus.Open, deviceHasVoted: true, 13, Candidates));

    [Fact]
    public void A_device_that_voted_is_told_so_even_without_a_choice() =>
        Assert.Equal(VoteOutcome.AlreadyVoted, VoteRule.Check(QuestionStatus.Open, deviceHasVoted: true, null, Candidates));

    [Fact]
    public void A_closed_vote_says_closed_before_already_voted() =>
        Assert.Equal(VoteOutcome.NotOpen, VoteRule.Check(QuestionStatus.Closed, deviceHasVoted: true, 12, Candidates));

    [Theory]
    [InlineData(null)]
    [InlineData(99)]
    public void No_choice_or_an_entry_that_is_not_a_candidate_is_refused(int? entryId) =>
        Assert.Equal(VoteOutcome.NoCandidate, VoteRule.Check(QuestionStatus.Open, deviceHasVoted: false, entryId, Candidates));

    [Fact]
    public void Every_outcome_has_a_code_and_a_chinese_message_that_round_trip()
    {
        foreach (var o in Enum.GetValues<VoteOutcome>())
        {
            Assert.Equal(o, VoteMessages.Parse(VoteMessages.Code(o)));
            Assert.False(string.IsNullOrWhiteSpace(VoteMessages.Text(o)));
        }
        Assert.Equal("投票成功", VoteMessages.Text(VoteOutcome.Accepted));
        Assert.Equal("本设备已投过票，每台设备限投一票", VoteMessages.Text(VoteOutcome.AlreadyVoted));
        Assert.Equal("投票尚未开始或已结束", VoteMessages.Text(VoteOutcome.NotOpen));
        Assert.Equal("请选择一位选手", VoteMessages.Text(VoteOutcome.NoCandidate));
        Assert.Null(VoteMessages.Parse("nonsense"));
        Assert.Null(VoteMessages.Parse(null));
    }
}
