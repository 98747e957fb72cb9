namespace Judging.Domain.Registration;

using Judging.Domain.Competitions;

/// <summary>
/// What a unit may do online and until when (seed 000 附件1 (一)–(五); issue 15, "Limits and deadlines"). Every instant is
/// UTC; the organiser sets and everyone reads them in Beijing time. A date "by 5/31" in the notice means up to the end of
/// that Beijing day: <see cref="EndOfDay"/> gives 6/1 00:00 Beijing, and an act at that instant is late.
/// </summary>
/// <param name="RegistrationOpens">在线报名 opens (seed 000: 3/25 00:00).</param>
/// <param name="RegistrationCloses">在线报名 closes (seed 000: end of 5/31): no new unit after it.</param>
/// <param name="SpeechDue">演讲参赛作品素材稿 due (seed 000: end of 5/31): declaring a speech and submitting its material.</param>
/// <param name="FilmAndCaseDue">微电影和创新案例 due (seed 000: end of 6/20).</param>
/// <param name="RecommendationDue">推荐提交 due (seed 000: end of 6/27).</param>
/// <param name="FormalReviewCloses">形式审查 closes and with it the channel (seed 000: end of 6/30): resubmissions after a
/// return are taken until then.</param>
public sealed record IntakeCalendar(
    DateTimeOffset RegistrationOpens, DateTimeOffset RegistrationCloses, DateTimeOffset SpeechDue, DateTimeOffset FilmAndCaseDue,
    DateTimeOffset RecommendationDue, DateTimeOffset FormalReviewCloses)
{
    /// <summary>The instant a Beijing date ends: the next day's 00:00 Beijing, as UTC.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => ShanghaiTime.FromLocal(date.AddDays(1).ToDateTime(TimeOnly.MinValue)).ToUniversalTime();

    /// <summary>The instant a Beijing date starts (00:00 Beijing), as UTC.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date) => ShanghaiTime.FromLocal(date.ToDateTime(TimeOnly.MinValue)).ToUniversalTime();

    /// <summary>Seed 000's dates in <paramref name="year"/>: 3/25–5/31, speech 5/31, film and case 6/20, recommendation 6/27, formal review 6/30.</summary>
    public static IntakeCalendar Default(int year) => new(
        StartOfDay(new DateOnly(year, 3, 25)), EndOfDay(new DateOnly(year, 5, 31)), EndOfDay(new DateOnly(year, 5, 31)),
        EndOfDay(new DateOnly(year, 6, 20)), EndOfDay(new DateOnly(year, 6, 27)), EndOfDay(new DateOnly(year, 6, 30)));

    /// <summary>When material of <paramref name="track"/> is due: speeches <see cref="SpeechDue"/>, films and cases <see cref="FilmAndCaseDue"/>.</summary>
    public DateTimeOffset DueOf(Track track) => track == Track.Speech ? SpeechDue : FilmAndCaseDue;

    /// <summary>The problems of the dates themselves (each after the one before it), in Chinese; empty when consistent.</summary>
    public IReadOnlyList<Wording> Problems()
    {
        var p = new List<Wording>();
        if (RegistrationCloses <= RegistrationOpens) p.Add(Wording.Of("报名截止须晚于报名开始"));
        if (SpeechDue <= RegistrationOpens) p.Add(Wording.Of("演讲作品截止须晚于报名开始"));
        if (FilmAndCaseDue <= RegistrationOpens) p.Add(Wording.Of("微电影和创新案例截止须晚于报名开始"));
        if (RecommendationDue < SpeechDue || RecommendationDue < FilmAndCaseDue) p.Add(Wording.Of("推荐截止不能早于作品截止"));
        if (FormalReviewCloses < RecommendationDue) p.Add(Wording.Of("形式审查截止不能早于推荐截止"));
        return p;
    }

    /// <summary>Null when a new unit may register at <paramref name="now"/>, else the refusal naming the window.</summary>
    public Wording? RegistrationRefusal(DateTimeOffset now) =>
        now < RegistrationOpens ? Wording.Of("在线报名将于 {0}（北京时间）开始", ShanghaiTime.Display(RegistrationOpens))
        : now >= RegistrationCloses ? Wording.Of("在线报名已于 {0}（北京时间）截止", Show(RegistrationCloses))
        : null;

    /// <summary>
    /// Null when an entry of <paramref name="track"/> may be declared, edited or submitted at <paramref name="now"/>, else the
    /// refusal naming the rule and the date (seed 000 附件1 (三)2: speeches by 5/31, films and cases by 6/20).
    /// </summary>
    public Wording? DeclarationRefusal(Track track, DateTimeOffset now)
    {
        if (now < RegistrationOpens) return Wording.Of("在线申报将于 {0}（北京时间）开始", ShanghaiTime.Display(RegistrationOpens));
        var due = DueOf(track);
        return now >= due
            ? Wording.Of("{0}作品的申报已于 {1}（北京时间）截止（大赛通知附件1（三）2）", Wording.Of(ChineseNames.Of(track)), Show(due))
            : null;
    }

    /// <summary>Null when a returned entry may be resubmitted at <paramref name="now"/> (until formal review closes), else the refusal.</summary>
    public Wording? ResubmissionRefusal(DateTimeOffset now) =>
        now >= FormalReviewCloses ? Wording.Of("形式审查已于 {0}（北京时间）截止，申报推荐通道已关闭（大赛通知附件1（五））", Show(FormalReviewCloses)) : null;

    /// <summary>Null when a recommender may still submit at <paramref name="now"/>, else the refusal (seed 000 附件1 (四)3: by 6/27).</summary>
    public Wording? RecommendationRefusal(DateTimeOffset now) =>
        now >= RecommendationDue ? Wording.Of("推荐提交已于 {0}（北京时间）截止（大赛通知附件1（四）3）", Show(RecommendationDue)) : null;

    /// <summary>
    /// What a registered unit can still do at <paramref name="now"/>, one line each, for its page ("After a deadline the
    /// unit's page says what it can still do").
    /// </summary>
    public IReadOnlyList<Wording> StillPossible(DateTimeOffset now)
    {
        var lines = new List<Wording>();
        if (now < RegistrationOpens) { lines.Add(Wording.Of("在线申报将于 {0}（北京时间）开始", ShanghaiTime.Display(RegistrationOpens))); return lines; }
        if (now < SpeechDue) lines.Add(Wording.Of("可申报演讲作品并提交素材稿，截止 {0}（北京时间）", Show(SpeechDue)));
        if (now < FilmAndCaseDue) lines.Add(Wording.Of("可申报微电影和创新案例并提交作品，截止 {0}（北京时间）", Show(FilmAndCaseDue)));
        if (now >= SpeechDue && now >= FilmAndCaseDue && now < FormalReviewCloses)
            lines.Add(Wording.Of("作品申报已截止；被退回修改的作品可在 {0}（北京时间）前重新提交", Show(FormalReviewCloses)));
        if (now < FormalReviewCloses) lines.Add(Wording.Of("可随时查看推荐和形式审查的进度"));
        else lines.Add(Wording.Of("申报推荐通道已于 {0}（北京时间）关闭，可查看作品和审查结果", Show(FormalReviewCloses)));
        return lines;
    }

    /// <summary>
    /// A deadline in Beijing time as people read it: an end of day (00:00 of the next day) shows as that day's 24:00
    /// ("2025-05-31 24:00"), any other instant as "yyyy-MM-dd HH:mm".
    /// </summary>
    public static string Show(DateTimeOffset at)
    {
        var local = ShanghaiTime.ToLocal(at);
        return local.TimeOfDay == TimeSpan.Zero
            ? local.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 24:00"
            : local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The per-unit limits of a track (seed 000 附件1 (三)4: "同一家参赛单位参与同种类型比赛的作品数量原则上不能超过5个、质量品牌创新案例1个").
/// "原则上": the organiser may lift a unit's limit of a track with a recorded reason.
/// </summary>
public static class EntryLimits
{
    /// <summary>At most 5 speeches, 5 films, 1 innovation case per unit.</summary>
    public static int PerUnit(Track track) => track == Track.InnovationCase ? 1 : 5;

    /// <summary>
    /// Null when a unit holding <paramref name="declared"/> entries of <paramref name="track"/> (drafts and submitted,
    /// withdrawn ones not counted) may start another; else the refusal naming the rule. <paramref name="liftedTo"/>: the limit
    /// the organiser lifted the unit's to (with a reason), or null for the rule's.
    /// </summary>
    public static Wording? Refusal(Track track, int declared, int? liftedTo = null) =>
        liftedTo is { } lifted
            ? declared < lifted ? null : Wording.Of("本单位{0}作品的上限已由主办单位放宽至 {1} 个，已申报 {2} 个", Wording.Of(ChineseNames.Of(track)), lifted, declared)
        : declared < PerUnit(track) ? null
        : track == Track.InnovationCase
            ? Wording.Of("每个参赛单位原则上只能申报 {0} 个创新案例，本单位已申报 {1} 个（大赛通知附件1（三）4）", PerUnit(track), declared)
            : Wording.Of("每个参赛单位原则上最多申报 {0} 个{1}作品，本单位已申报 {2} 个（大赛通知附件1（三）4）", PerUnit(track), Wording.Of(ChineseNames.Of(track)), declared);
}
