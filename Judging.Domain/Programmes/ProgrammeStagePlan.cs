namespace Judging.Domain.Programmes;

/// <summary>
/// What a stage after intake does, whatever a notice calls it (issue 16: "seeds 001–004 name the same later stages in
/// different words"). The organiser's pages and the rules go by the kind; the programme's own name is shown.
/// </summary>
public enum ProgrammeStageKind
{
    /// <summary>形式审查 (issue 13).</summary>
    FormalReview,

    /// <summary>书面评价 / 初评 / 资料评审: the written, online expert review.</summary>
    ExpertReview,

    /// <summary>会审答辩 / 复评: the panel review with a defence, on the live-round flow.</summary>
    PanelReview,

    /// <summary>现场验证 / 现场考察 / 现场评审: the site verification, per application when "必要时".</summary>
    SiteVisit,

    /// <summary>信用查询.</summary>
    CreditCheck,

    /// <summary>公示: the public notice with objections.</summary>
    PublicNotice,

    /// <summary>审定 / 遴选: the committee's decision.</summary>
    Approval,

    /// <summary>表彰 / 发布: the award and publication (certificates, results page).</summary>
    Award,
}

/// <summary>One stage of a programme: its name as the notice gives it (stages.csv 阶段), its kind, whether it applies to
/// every application or only where needed (the notice's "（必要时）"), and for a 公示 the period the programme sets
/// ("公示（7个工作日）"; null: <see cref="NoticePeriod.DefaultWorkingDays"/>).</summary>
public sealed record ProgrammeStage(string Name, ProgrammeStageKind Kind, bool WhereNeeded, int? WorkingDays = null);

/// <summary>
/// A programme's stages in order, read from its stages.csv names (seed 001: 形式审查 / 信用查询（必要时） / 现场考察（必要时） / 遴选;
/// seed 002: 形式审查 / 资料评审 / 现场评审 / 公示 / 审定; seed 003: 形式审查 / 书面评价 / 会审答辩 / 现场验证（必要时）; seed 004:
/// 形式审查 / 初评 / 复评 / 公示 / 审定). Every programme ends with a decision and an award: a plan without 审定 / 遴选 gets the
/// decision implied after its last stage (seed 003 四: the association decides and 表彰 in September), and 表彰 / 发布 after it.
/// </summary>
public sealed record ProgrammeStagePlan(IReadOnlyList<ProgrammeStage> Stages)
{
    /// <summary>The names each kind is known by in the notices (without "（必要时）").</summary>
    public static readonly IReadOnlyDictionary<string, ProgrammeStageKind> KnownNames = new Dictionary<string, ProgrammeStageKind>(StringComparer.Ordinal)
    {
        ["形式审查"] = ProgrammeStageKind.FormalReview,
        ["书面评价"] = ProgrammeStageKind.ExpertReview,
        ["初评"] = ProgrammeStageKind.ExpertReview,
        ["资料评审"] = ProgrammeStageKind.ExpertReview,
        ["会审答辩"] = ProgrammeStageKind.PanelReview,
        ["复评"] = ProgrammeStageKind.PanelReview,
        ["现场验证"] = ProgrammeStageKind.SiteVisit,
        ["现场考察"] = ProgrammeStageKind.SiteVisit,
        ["现场评审"] = ProgrammeStageKind.SiteVisit,
        ["信用查询"] = ProgrammeStageKind.CreditCheck,
        ["公示"] = ProgrammeStageKind.PublicNotice,
        ["审定"] = ProgrammeStageKind.Approval,
        ["遴选"] = ProgrammeStageKind.Approval,
        ["表彰"] = ProgrammeStageKind.Award,
        ["发布"] = ProgrammeStageKind.Award,
    };

    /// <summary>The plan of <paramref name="names"/> (stages.csv in order); unknown names raise <see cref="ArgumentException"/>
    /// (<see cref="Unknown"/> lists them for the importer). A 审定 and a 表彰 are added when the notice names none.</summary>
    public static ProgrammeStagePlan Of(IEnumerable<string> names)
    {
        var stages = new List<ProgrammeStage>();
        foreach (var raw in names)
        {
            var (name, whereNeeded, days) = Split(raw);
            if (!KnownNames.TryGetValue(name, out var kind) || (days is not null && kind != ProgrammeStageKind.PublicNotice))
                throw new ArgumentException($"未知的评选阶段“{raw}”", nameof(names));
            stages.Add(new ProgrammeStage(raw.Trim(), kind, whereNeeded, days));
        }
        if (!stages.Any(s => s.Kind == ProgrammeStageKind.Approval)) stages.Add(new ProgrammeStage("审定", ProgrammeStageKind.Approval, false));
        if (!stages.Any(s => s.Kind == ProgrammeStageKind.Award)) stages.Add(new ProgrammeStage("表彰", ProgrammeStageKind.Award, false));
        return new ProgrammeStagePlan(stages);
    }

    /// <summary>The names of <paramref name="names"/> that are not a known stage (empty when all are).</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> names) =>
        names.Where(n => Split(n) is var (name, _, days) && (!KnownNames.TryGetValue(name, out var kind) || (days is not null && kind != ProgrammeStageKind.PublicNotice))).ToList();

    /// <summary>The period of the programme's 公示 in working days: the one its stage sets, else
    /// <see cref="NoticePeriod.DefaultWorkingDays"/> (issue 16: "default 5; a programme may set more").</summary>
    public int NoticeWorkingDays => Of(ProgrammeStageKind.PublicNotice)?.WorkingDays ?? NoticePeriod.DefaultWorkingDays;

    /// <summary>True when the programme has a stage of <paramref name="kind"/>.</summary>
    public bool Has(ProgrammeStageKind kind) => Stages.Any(s => s.Kind == kind);

    /// <summary>The stage of <paramref name="kind"/>, or null.</summary>
    public ProgrammeStage? Of(ProgrammeStageKind kind) => Stages.FirstOrDefault(s => s.Kind == kind);

    /// <summary>True when 审定 waits for a closed 公示 (the programme has one; issue 16: "only after 公示 closed").</summary>
    public bool ApprovalNeedsNotice => Has(ProgrammeStageKind.PublicNotice);

    /// <summary>A stage's name without "（必要时）" and "（N个工作日）" (N from <see cref="NoticePeriod.DefaultWorkingDays"/> to
    /// <see cref="NoticePeriod.MaxWorkingDays"/>; a period outside that leaves the name unknown).</summary>
    private static (string Name, bool WhereNeeded, int? WorkingDays) Split(string raw)
    {
        var s = raw.Trim();
        var whereNeeded = false;
        int? days = null;
        foreach (var suffix in new[] { "（必要时）", "(必要时)" })
            if (s.EndsWith(suffix, StringComparison.Ordinal)) { s = s[..^suffix.Length].Trim(); whereNeeded = true; }
        var m = System.Text.RegularExpressions.Regex.Match(s, @"[（(]\s*(\d{1,3})\s*个工作日\s*[）)]$");
        if (m.Success)
        {
            var n = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            s = n is >= NoticePeriod.DefaultWorkingDays and <= NoticePeriod.MaxWorkingDays ? s[..m.Index].Trim() : s;
            days = n;
        }
        return (s, whereNeeded, days);
    }
}
