namespace Judging.Tests.Domain.LiveRounds;

using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;

/// <summary>
/// How rounds are named: the contest's by division and track ("总决赛 · 创新案例复审"), a programme's review edition by its
/// programme and the programmes' words for the stages (issue 16: 初评, 复评), never the contest's track.
/// </summary>
public sealed class RoundTitleTests
{
    [Fact]
    public void A_contest_round_is_named_by_its_division_or_the_final_and_its_track()
    {
        Assert.Equal("黄浦分赛区 · 演讲初赛", RoundTitle.Of(new Round { Track = Track.Speech, Kind = RoundKind.Preliminary }, "黄浦分赛区"));
        Assert.Equal("总决赛 · 创新案例复审", RoundTitle.Of(new Round { Track = Track.InnovationCase, Kind = RoundKind.ReReview }, null));
        Assert.Equal("创新案例初审", RoundTitle.Stage(new Round { Track = Track.InnovationCase, Kind = RoundKind.FirstReview }).ToString());
    }

    [Fact]
    public void A_programme_review_round_is_named_by_its_programme_and_初评_or_复评()
    {
        const string programme = "2025—2026年上海市政府质量奖";
        var first = new Round { Track = Track.InnovationCase, Kind = RoundKind.FirstReview, ProgrammeName = programme };
        var second = new Round { Track = Track.InnovationCase, Kind = RoundKind.ReReview, ProgrammeName = programme };
        Assert.Equal(programme + " · 初评", RoundTitle.Of(first, null));
        Assert.Equal(programme + " · 复评", RoundTitle.Of(second, null));
        Assert.Equal(programme + " · 复评", RoundTitle.Stage(second).ToString());
        // In English the stage is worded, the programme's name is data.
        var english = RoundTitle.Name(second, null).Render(s => s == "复评" ? "re-review" : s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(programme + " · re-review", english);
    }
}
