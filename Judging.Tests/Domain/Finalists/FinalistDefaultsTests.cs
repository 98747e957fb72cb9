namespace Judging.Tests.Domain.Finalists;

using Judging.Domain.Competitions;
using Judging.Domain.Finalists;

/// <summary>The rules a track starts with before the organiser sets its own (one home: <see cref="FinalistRules.DefaultFor"/>).</summary>
public sealed class FinalistDefaultsTests
{
    [Fact]
    public void Every_track_starts_with_the_notices_caps_of_one_per_unit_and_two_per_group()
    {
        foreach (var track in Enum.GetValues<Track>())
        {
            var rules = FinalistRules.DefaultFor(track);
            Assert.Equal((1, 2), (rules.UnitCap, rules.GroupCap));
            Assert.Equal(NormalisationMode.None, rules.Normalisation);
            Assert.Empty(rules.Validate());
        }
        Assert.Equal((1, 2), (new FinalistRules().UnitCap, new FinalistRules().GroupCap));
    }

    [Fact]
    public void Speeches_start_with_three_per_division_and_films_and_cases_with_ten_in_all()
    {
        Assert.Equal((3, (int?)null), (FinalistRules.DefaultFor(Track.Speech).PerDivision, FinalistRules.DefaultFor(Track.Speech).Overall));
        Assert.Equal(((int?)null, 10), (FinalistRules.DefaultFor(Track.MicroFilm).PerDivision, FinalistRules.DefaultFor(Track.MicroFilm).Overall));
        Assert.Equal(((int?)null, 10), (FinalistRules.DefaultFor(Track.InnovationCase).PerDivision, FinalistRules.DefaultFor(Track.InnovationCase).Overall));
        Assert.Equal("每个分赛区 3 名；同一参赛单位限 1 个，同一集团公司限 2 个", FinalistRules.DefaultFor(Track.Speech).Describe()?.ToString());
    }
}
