namespace Judging.Domain.FilmVoting;

using Judging.Domain.Competitions;
/// <summary>How many votes a voter may cast per Shanghai day (issue 4: "one per film per day, or N in total per day").</summary>
public enum QuotaKind
{
    /// <summary>At most N votes for each film per day (default N = 1).</summary>
    PerFilmPerDay,
    /// <summary>At most N votes per day over all films together.</summary>
    TotalPerDay,
}

/// <summary>A voter's quota: <see cref="Kind"/> and <see cref="PerDay"/> (votes, ≥ 1).</summary>
public readonly record struct VoteQuota(QuotaKind Kind, int PerDay)
{
    /// <summary>One vote per film per day.</summary>
    public static VoteQuota Default => new(QuotaKind.PerFilmPerDay, 1);

    /// <summary>PerFilmPerDay(n).</summary>
    public static VoteQuota PerFilm(int n) => new(QuotaKind.PerFilmPerDay, n);

    /// <summary>TotalPerDay(n).</summary>
    public static VoteQuota Total(int n) => new(QuotaKind.TotalPerDay, n);
}

/// <summary>Why a vote is refused (none when allowed).</summary>
public enum VoteRefusal
{
    /// <summary>Allowed.</summary>
    None,
    /// <summary>Before the window opens or after it closes: 投票未开放.</summary>
    NotOpen,
    /// <summary>PerFilmPerDay: this film's votes for today are used.</summary>
    FilmDoneToday,
    /// <summary>TotalPerDay: today's votes are used.</summary>
    DayDone,
}

/// <summary>The outcome of <see cref="VotingRules.Decide"/>: allowed or a refusal with its Chinese message.</summary>
/// <param name="Refusal">Why refused, or <see cref="VoteRefusal.None"/>.</param>
/// <param name="Day">The voter's Shanghai day of the vote (yyyymmdd).</param>
/// <param name="Slot">When allowed: the ordinal (1…N) of this vote within its quota bucket (per film or per day), stored with the vote so the database can refuse a duplicate slot.</param>
public readonly record struct VoteDecision(VoteRefusal Refusal, int Day, int Slot)
{
    /// <summary>True when the vote may be stored.</summary>
    public bool Allowed => Refusal == VoteRefusal.None;
}

/// <summary>What a voter already cast on one Shanghai day: votes per film and in total (votes, including held ones).</summary>
public interface IVoterDay
{
    /// <summary>Votes cast today for <paramref name="entryId"/>.</summary>
    int ForFilm(int entryId);

    /// <summary>Votes cast today for all films together.</summary>
    int Total { get; }
}

/// <summary>
/// The voting rules of one competition (issue 4, "Voting rules and integrity"): a window in Asia/Shanghai time
/// (<see cref="OpensAt"/> inclusive, <see cref="ClosesAt"/> exclusive; null = no bound, i.e. open until the organiser
/// sets one) and a daily quota counted per Shanghai calendar day.
/// </summary>
/// <param name="OpensAt">First instant votes are taken, or null.</param>
/// <param name="ClosesAt">First instant votes are no longer taken, or null.</param>
/// <param name="Quota">Votes per voter per day.</param>
public sealed record VotingRules(DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, VoteQuota Quota)
{
    /// <summary>Always open, one vote per film per day: the default until the organiser saves settings.</summary>
    public static VotingRules Default { get; } = new(null, null, VoteQuota.Default);

    /// <summary>True when a vote at <paramref name="now"/> is inside the window.</summary>
    public bool IsOpen(DateTimeOffset now) => (OpensAt is null || now >= OpensAt) && (ClosesAt is null || now < ClosesAt);

    /// <summary>Problems with the rules, zh-CN as text (empty when valid): quota ≥ 1 and ≤ 1000, window opens before it closes.</summary>
    public IReadOnlyList<Wording> Validate()
    {
        var problems = new List<Wording>();
        if (Quota.PerDay is < 1 or > 1000) problems.Add(Wording.Of("每天票数须在 1 到 1000 之间"));
        if (OpensAt is { } o && ClosesAt is { } c && c <= o) problems.Add(Wording.Of("投票截止时间须晚于开始时间"));
        return problems;
    }

    /// <summary>
    /// Decides a vote for <paramref name="entryId"/> at <paramref name="now"/> given what the voter already cast on the
    /// Shanghai day of <paramref name="now"/> (<paramref name="today"/>). Window first, then quota.
    /// </summary>
    public VoteDecision Decide(DateTimeOffset now, int entryId, IVoterDay today)
    {
        var day = ShanghaiTime.Day(now);
        if (!IsOpen(now)) return new(VoteRefusal.NotOpen, day, 0);
        var used = Quota.Kind == QuotaKind.PerFilmPerDay ? today.ForFilm(entryId) : today.Total;
        if (used >= Quota.PerDay) return new(Quota.Kind == QuotaKind.PerFilmPerDay ? VoteRefusal.FilmDoneToday : VoteRefusal.DayDone, day, 0);
        return new(VoteRefusal.None, day, used + 1);
    }

    /// <summary>The Chinese message of a refusal, as the endpoint returns it.</summary>
    public string Message(VoteRefusal refusal) => refusal switch
    {
        VoteRefusal.NotOpen => $"投票未开放（投票时间：{WindowText()}）",
        VoteRefusal.FilmDoneToday => Quota.PerDay == 1 ? "今天已为该作品投过票，明天再来" : $"今天已为该作品投满 {Quota.PerDay} 票，明天再来",
        VoteRefusal.DayDone => $"今天的 {Quota.PerDay} 票已用完",
        _ => "",
    };

    /// <summary>The window for people, in Shanghai time: "2025-06-21 09:00 至 2025-07-10 18:00", "不限" when unbounded.</summary>
    public string WindowText() => (OpensAt, ClosesAt) switch
    {
        (null, null) => "不限",
        ({ } o, null) => $"{ShanghaiTime.Display(o)} 起",
        (null, { } c) => $"至 {ShanghaiTime.Display(c)}",
        ({ } o, { } c) => $"{ShanghaiTime.Display(o)} 至 {ShanghaiTime.Display(c)}",
    };
}
