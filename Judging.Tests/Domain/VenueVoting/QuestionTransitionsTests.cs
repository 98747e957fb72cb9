namespace Judging.Tests.Domain.VenueVoting;

using Judging.Domain.VenueVoting;
using Judging.Domain.Competitions;

/// <summary>A vote moves NotOpened → Open → Closed on the organiser's word, never back.</summary>
public sealed class QuestionTransitionsTests
{
    [Fact]
    public void Open_only_from_not_opened()
    {
        Assert.Null(QuestionTransitions.Open(QuestionStatus.NotOpened));
        Assert.Equal("投票已在进行中", QuestionTransitions.Open(QuestionStatus.Open)?.ToString());
        Assert.Equal("投票已结束，不能重新开放", QuestionTransitions.Open(QuestionStatus.Closed)?.ToString());
    }

    [Fact]
    public void Close_only_from_open()
    {
        Assert.Null(QuestionTransitions.Close(QuestionStatus.Open));
        Assert.Equal("投票尚未开始", QuestionTransitions.Close(QuestionStatus.NotOpened)?.ToString());
        Assert.Equal("投票已结束", QuestionTransitions.Close(QuestionStatus.Closed)?.ToString());
    }

    [Fact]
    public void Award_names_are_data_per_track()
    {
        Assert.Equal(["最具风采奖", "最佳演绎奖"], AudienceAwardCatalog.Of(Track.Speech));
        Assert.Equal(["最具创意奖", "最佳人气奖"], AudienceAwardCatalog.Of(Track.MicroFilm));
        Assert.Empty(AudienceAwardCatalog.Of(Track.InnovationCase));
        Assert.True(AudienceAwardCatalog.Contains(Track.Speech, "最佳演绎奖"));
        Assert.False(AudienceAwardCatalog.Contains(Track.Speech, "最佳人气奖"));
        Assert.False(AudienceAwardCatalog.Contains(Track.Speech, null));
    }

    [Fact]
    public void The_question_title_names_the_award_and_the_mode() =>
        Assert.Equal("最具风采奖 · 现场观众投票", new AudienceQuestion { AwardName = "最具风采奖" }.Title);
}
