namespace Judging.Domain.Finalists;

using Judging.Domain.Competitions;

/// <summary>
/// How many finalists (入围决赛) a track takes and under which caps. Seed 000, 附件1 (六): "原则上来自同一家参赛单位
/// （代表同一品牌）的参赛作品，限 1 个进入决赛；原则上来自同一家集团公司下属参赛单位（代表同一产业领域）的参赛作品，
/// 限 2 个进入决赛". "原则上" makes both caps defaults the organiser may override, with a written reason.
/// </summary>
public sealed record FinalistRules
{
    /// <summary>The unit cap unless the organiser sets another: 附件1 (六) "原则上来自同一家参赛单位（代表同一品牌）的参赛作品，限 1 个进入决赛".</summary>
    public const int DefaultUnitCap = 1;
    /// <summary>The group cap unless the organiser sets another: 附件1 (六) "原则上来自同一家集团公司下属参赛单位（代表同一产业领域）的参赛作品，限 2 个进入决赛".</summary>
    public const int DefaultGroupCap = 2;
    /// <summary>Speech finalists per division before the organiser sets the target (the project's default; the notice leaves it open).</summary>
    public const int DefaultSpeechPerDivision = 3;
    /// <summary>Film and case finalists in all before the organiser sets the target (the project's default; the notice leaves it open).</summary>
    public const int DefaultOverall = 10;

    /// <summary>
    /// The rules a track starts with: speech <see cref="DefaultSpeechPerDivision"/> per division (each division ranked on its
    /// own), films and innovation cases <see cref="DefaultOverall"/> in all; the caps at their defaults; no normalisation.
    /// </summary>
    public static FinalistRules DefaultFor(Track track) =>
        track == Track.Speech ? new() { PerDivision = DefaultSpeechPerDivision } : new() { Overall = DefaultOverall };

    /// <summary>Seats per division (speech: each division ranked on its own); null for no per-division target.</summary>
    public int? PerDivision { get; init; }
    /// <summary>Seats in all. With <see cref="PerDivision"/> too, the seats left after the divisions go to the best of the rest overall.</summary>
    public int? Overall { get; init; }
    /// <summary>At most this many finalists per unit (参赛单位, one brand). Default <see cref="DefaultUnitCap"/> (1).</summary>
    public int UnitCap { get; init; } = DefaultUnitCap;
    /// <summary>At most this many finalists per group company (集团公司, one industry field). Default <see cref="DefaultGroupCap"/> (2).</summary>
    public int GroupCap { get; init; } = DefaultGroupCap;
    /// <summary>Score used to compare entries of different divisions in the overall cut; off by default.</summary>
    public NormalisationMode Normalisation { get; init; } = NormalisationMode.None;

    /// <summary>Problems (zh-CN as text); empty when the rules can be applied.</summary>
    public IReadOnlyList<Wording> Validate()
    {
        var p = new List<Wording>();
        if (PerDivision is null && Overall is null) p.Add(Wording.Of("请设置入围名额：每个分赛区的名额、总名额，或两者"));
        if (PerDivision is < 0 || Overall is < 0) p.Add(Wording.Of("入围名额不能为负数"));
        if (UnitCap < 1) p.Add(Wording.Of("每个参赛单位的入围上限至少为 1"));
        if (GroupCap < 1) p.Add(Wording.Of("每个集团公司的入围上限至少为 1"));
        return p;
    }

    /// <summary>One-line description, zh-CN e.g. "每个分赛区 3 名；同一参赛单位限 1 个，同一集团公司限 2 个".</summary>
    public Wording Describe()
    {
        var parts = new List<Wording>();
        if (PerDivision is { } d) parts.Add(Wording.Of("每个分赛区 {0} 名", d));
        if (Overall is { } o) parts.Add(PerDivision is null ? Wording.Of("总名额 {0} 名", o) : Wording.Of("总名额 {0} 名（分赛区名额之外按总成绩补足）", o));
        var caps = Wording.Of("同一参赛单位限 {0} 个，同一集团公司限 {1} 个", UnitCap, GroupCap);
        var norm = Normalisation switch
        {
            NormalisationMode.PerDivision => Wording.Of("总成绩比较采用分赛区标准分"),
            NormalisationMode.PerJudge => Wording.Of("总成绩比较采用评委标准分"),
            _ => null,
        };
        return Wording.Join("；", new[] { Wording.Join("，", parts), caps, norm }.OfType<Wording>());
    }
}

/// <summary>The score that orders entries of different divisions in an overall cut.</summary>
public enum NormalisationMode
{
    /// <summary>Raw trimmed means (原始分).</summary>
    None,
    /// <summary>z-score of the entry's score among its division's entries (分赛区标准分).</summary>
    PerDivision,
    /// <summary>Mean over the entry's judges of the z-score of that judge's total among the judge's own totals (评委标准分).</summary>
    PerJudge,
}

/// <summary>Whether an entry may be chosen at all.</summary>
public enum Eligibility
{
    /// <summary>May be chosen.</summary>
    Eligible,
    /// <summary>退赛: the unit withdrew the entry.</summary>
    Withdrawn,
    /// <summary>不符合资格: e.g. eliminated at formal review.</summary>
    Ineligible,
}

/// <summary>An organiser's override of the caps (seed 000, 附件1 (六) "原则上").</summary>
public enum OverrideKind
{
    /// <summary>破格入围: the entry is admitted even beyond the unit or group cap (and beyond the target when it is below the cut).</summary>
    Admit,
    /// <summary>调出: the entry is not a finalist; the next one takes its place.</summary>
    Drop,
}

/// <summary>An override with its written reason (required, shown in the results and every export).</summary>
public sealed record FinalistOverride(int EntryId, OverrideKind Kind, string Reason);

/// <summary>How a tie at a cut-off (or a tier boundary) is settled. Nothing is decided silently.</summary>
public enum TieResolution
{
    /// <summary>待定: shown to the organiser; the list cannot be confirmed.</summary>
    Pending,
    /// <summary>全部入围 / 并列取高档: every tied entry is in (the target grows).</summary>
    IncludeAll,
    /// <summary>按规则决胜: the configured tie-break order (median, then criteria) decides; entries equal on every key stay tied.</summary>
    TieBreak,
    /// <summary>并列取低档 (tier boundaries only): every tied entry takes the lower tier.</summary>
    ExcludeAll,
}

/// <summary>The organiser's decisions on a proposal: overrides, and tie resolutions by <see cref="CutKey"/> (in JSON by its text: "division:3", "overall").</summary>
public sealed record FinalistDecisions
{
    /// <summary>Overrides, at most one per entry (the last wins).</summary>
    public IReadOnlyList<FinalistOverride> Overrides { get; init; } = [];
    /// <summary>Tie resolutions by <see cref="CutTie.Key"/>; a missing key is <see cref="TieResolution.Pending"/>.</summary>
    public IReadOnlyDictionary<CutKey, TieResolution> Ties { get; init; } = new Dictionary<CutKey, TieResolution>();

    /// <summary>No overrides and every tie pending.</summary>
    public static FinalistDecisions None { get; } = new();
}
