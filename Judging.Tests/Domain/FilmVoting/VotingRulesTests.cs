namespace Judging.Tests.Domain.FilmVoting;

using Judging.Domain.Competitions;
using Judging.Domain.FilmVoting;

/// <summary>Window and daily quota of the public film vote (issue 4), on hand-made timelines.</summary>
public sealed class VotingRulesTests
{
    private sealed class Day : IVoterDay
    {
        public Dictionary<int, int> Films { get; } = [];
        public int ForFilm(int entryId) => Films.GetValueOrDefault(entryId);
        public int Total => Films.Values.Sum();
        public Day With(int entryId, int n) { Films[entryId] = n; return this; }
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Fact]
    public void Shanghai_day_turns_at_16_00_UTC()
    {
        Assert.Equal(20250621, ShanghaiTime.Day(Utc(2025, 6, 21, 15, 59, 59)));
        Assert.Equal(20250622, ShanghaiTime.Day(Utc(2025, 6, 21, 16, 0, 0)));
        Assert.Equal(20250101, ShanghaiTime.Day(Utc(2024, 12, 31, 16, 0, 0)));
        Assert.Equal(TimeSpan.FromHours(8), ShanghaiTime.Zone.GetUtcOffset(Utc(2025, 1, 1, 0, 0)));
        Assert.Equal("2025-06-21T09:00:00+08:00", ShanghaiTime.Iso(Utc(2025, 6, 21, 1, 0)));
        Assert.Equal(Utc(2025, 6, 21, 1, 0), ShanghaiTime.FromLocal(new DateTime(2025, 6, 21, 9, 0, 0)));
    }

    [Fact]
    public void Window_opens_inclusive_and_closes_exclusive()
    {
        var opens = ShanghaiTime.FromLocal(new DateTime(2025, 6, 21, 9, 0, 0));
        var closes = ShanghaiTime.FromLocal(new DateTime(2025, 7, 10, 18, 0, 0));
        var rules = new VotingRules(opens, closes, VoteQuota.Default);
        Assert.Equal(VoteRefusal.NotOpen, rules.Decide(opens.AddTicks(-1), 1, new Day()).Refusal);
        Assert.True(rules.Decide(opens, 1, new Day()).Allowed);
        Assert.True(rules.Decide(closes.AddTicks(-1), 1, new Day()).Allowed);
        Assert.Equal(VoteRefusal.NotOpen, rules.Decide(closes, 1, new Day()).Refusal);
        Assert.Equal("投票未开放（投票时间：2025-06-21 09:00 至 2025-07-10 18:00）", rules.Message(VoteRefusal.NotOpen));
    }

    [Fact]
    public void Default_rules_are_always_open_one_per_film_per_day()
    {
        var d = VotingRules.Default.Decide(Utc(1999, 1, 1, 0, 0), 7, new Day());
        Assert.True(d.Allowed);
        Assert.Equal(1, d.Slot);
        Assert.Equal("不限", VotingRules.Default.WindowText());
    }

    [Fact]
    public void Per_film_per_day_refuses_the_second_vote_for_a_film_but_not_another_film()
    {
        var rules = new VotingRules(null, null, VoteQuota.PerFilm(1));
        var today = new Day().With(1, 1);
        var second = rules.Decide(Utc(2025, 6, 21, 3, 0), 1, today);
        Assert.Equal(VoteRefusal.FilmDoneToday, second.Refusal);
        Assert.Equal("今天已为该作品投过票，明天再来", rules.Message(second.Refusal));
        Assert.True(rules.Decide(Utc(2025, 6, 21, 3, 0), 2, today).Allowed);
    }

    [Fact]
    public void Per_film_quota_of_three_gives_slots_one_to_three()
    {
        var rules = new VotingRules(null, null, VoteQuota.PerFilm(3));
        var now = Utc(2025, 6, 21, 3, 0);
        Assert.Equal(3, rules.Decide(now, 1, new Day().With(1, 2)).Slot);
        Assert.False(rules.Decide(now, 1, new Day().With(1, 3)).Allowed);
    }

    [Fact]
    public void Total_per_day_counts_all_films_together()
    {
        var rules = new VotingRules(null, null, VoteQuota.Total(3));
        var now = Utc(2025, 6, 21, 3, 0);
        var d = rules.Decide(now, 9, new Day().With(1, 1).With(2, 1));
        Assert.True(d.Allowed);
        Assert.Equal(3, d.Slot);
        var refused = rules.Decide(now, 9, new Day().With(1, 2).With(2, 1));
        Assert.Equal(VoteRefusal.DayDone, refused.Refusal);
        Assert.Equal("今天的 3 票已用完", rules.Message(refused.Refusal));
    }

    [Fact]
    public void The_day_of_a_vote_is_the_Shanghai_day()
    {
        var rules = VotingRules.Default;
        Assert.Equal(20250621, rules.Decide(Utc(2025, 6, 21, 15, 59, 59), 1, new Day()).Day);
        Assert.Equal(20250622, rules.Decide(Utc(2025, 6, 21, 16, 0, 0), 1, new Day()).Day);
    }

    [Fact]
    public void Invalid_rules_are_reported_in_Chinese()
    {
        var t = Utc(2025, 6, 21, 0, 0);
        Assert.Contains("投票截止时间须晚于开始时间", new VotingRules(t, t, VoteQuota.Default).Validate().Select(p => p.ToString()));
        Assert.Contains("每天票数须在 1 到 1000 之间", new VotingRules(null, null, VoteQuota.Total(0)).Validate().Select(p => p.ToString()));
        Assert.Empty(VotingRules.Default.Validate());
        Assert.NotEmpty(new FraudThresholds(0, 10, 20).Validate());
        Assert.Empty(FraudThresholds.Default.Validate());
    }
}
