namespace Judging.Domain.Recommendations;

using Judging.Domain.Competitions;
using Judging.Domain.Registration;

/// <summary>
/// 附件3's filler fields (填表人, 部门, 职务, 电话, 邮箱, 填表日期) as the recommender types them (issue 15, "The recommendation
/// table (附件3)"; seed 000 附件3). Null or blank: not given.
/// </summary>
/// <param name="Name">填表人, 1–50 characters.</param>
/// <param name="Dept">部门, 1–100 characters.</param>
/// <param name="Post">职务, 1–100 characters.</param>
/// <param name="Phone">电话: 7–20 of digits, spaces, '-', '+', '(' and ')' holding at least 7 digits.</param>
/// <param name="Email">邮箱, a valid address (<see cref="RegistrationRules.IsEmail"/>), at most 100 characters.</param>
/// <param name="FilledOn">填表日期 (a Beijing calendar day); null: the day of submission.</param>
public sealed record FillerForm(string? Name, string? Dept, string? Post, string? Phone, string? Email, DateOnly? FilledOn);

/// <summary>
/// The rules of a recommender's recommendation (issue 15, "Recommenders"; seed 000 附件1 (四), 附件3): the filler's fields,
/// every entry given an opinion before submitting, and the order (排序) kept 1..n without gaps.
/// </summary>
public static class RecommendationRules
{
    /// <summary>The formats a stamped scan of 附件3 may be, by content (<see cref="MaterialRules.FormatOf"/>): PDF, JPEG, PNG.</summary>
    public static readonly IReadOnlyList<MaterialFormat> ScanFormats = [MaterialFormat.Pdf, MaterialFormat.Jpeg, MaterialFormat.Png];

    /// <summary>Largest stamped scan, bytes (<see cref="MaterialRules.MaxBytes"/>, 20 MiB, as every material).</summary>
    public const long MaxScanBytes = MaterialRules.MaxBytes;

    /// <summary>Longest 推荐意见 text, in characters (1,000; the column's size).</summary>
    public const int MaxOpinionChars = 1000;

    /// <summary>
    /// The problems of <paramref name="form"/> as field name ("fillerName", "fillerDept", "fillerPost", "fillerPhone",
    /// "fillerEmail", "filledOn") and zh-CN wording; empty when it can be submitted. <paramref name="today"/> is the
    /// Beijing day of submission: a 填表日期 after it is refused.
    /// </summary>
    public static IReadOnlyList<FieldProblem> CheckFiller(FillerForm form, DateOnly today)
    {
        var p = new List<FieldProblem>();
        static bool Given(string? s, int max) => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= max;
        if (!Given(form.Name, 50)) p.Add(new("fillerName", Wording.Of("请填写填表人（最多 {0} 个字）", 50)));
        if (!Given(form.Dept, 100)) p.Add(new("fillerDept", Wording.Of("请填写部门（最多 {0} 个字）", 100)));
        if (!Given(form.Post, 100)) p.Add(new("fillerPost", Wording.Of("请填写职务（最多 {0} 个字）", 100)));
        if (!IsPhone(form.Phone)) p.Add(new("fillerPhone", Wording.Of("请填写有效的电话号码")));
        if (!RegistrationRules.IsEmail(form.Email) || form.Email!.Trim().Length > 100) p.Add(new("fillerEmail", Wording.Of("请填写有效的邮箱地址")));
        if (form.FilledOn is { } d && d > today) p.Add(new("filledOn", Wording.Of("填表日期不能晚于今天")));
        return p;
    }

    /// <summary>True for a phone number as 附件3's 电话 takes it: 7–20 characters of digits, spaces, '-', '+', '(' and ')' with at least 7 digits.</summary>
    public static bool IsPhone(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return false;
        s = s.Trim();
        return s.Length is >= 7 and <= 20 && s.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')') && s.Count(char.IsAsciiDigit) >= 7;
    }

    /// <summary>
    /// The refusal of a submission while an entry has no 推荐 / 不推荐 (the first one named by its code and title), or when
    /// there is no entry at all; null when every entry has one. <paramref name="entries"/>: (code, title, opinion given).
    /// </summary>
    public static Wording? MissingOpinion(IReadOnlyList<(string Code, string Title, bool? Recommend)> entries)
    {
        if (entries.Count == 0) return Wording.Of("还没有选择本单位推荐的参赛作品，无需提交");
        var missing = entries.Where(e => e.Recommend is null).ToList();
        return missing.Count == 0 ? null
            : Wording.Of("还有 {0} 个作品未填写推荐意见（如 {1} {2}），请逐个选择“推荐”或“不推荐”后再提交", missing.Count, missing[0].Code, missing[0].Title);
    }

    /// <summary>
    /// The order (排序) of <paramref name="entries"/>: grouped by track (演讲, 微电影, 创新案例, the page's groups), within a track
    /// by the stored position (entries without one last, by code). Returns the entry ids, first = 排序 1; positions are then
    /// 1..n without gaps whatever was stored.
    /// </summary>
    /// <param name="entries">Every entry of the recommender: id, track, code and stored position (null: none yet).</param>
    public static IReadOnlyList<int> Order(IEnumerable<(int EntryId, Track Track, string Code, int? Position)> entries) =>
        entries.OrderBy(e => e.Track).ThenBy(e => e.Position ?? int.MaxValue).ThenBy(e => e.Code, StringComparer.Ordinal).Select(e => e.EntryId).ToList();

    /// <summary>
    /// The order asked for (<paramref name="asked"/>, first = 排序 1) as the page keeps it: null unless it holds each of
    /// <paramref name="entries"/> exactly once; entries are then regrouped by track keeping the asked order within a track.
    /// </summary>
    public static IReadOnlyList<int>? Reorder(IReadOnlyList<int> asked, IReadOnlyList<(int EntryId, Track Track)> entries)
    {
        if (asked.Count != entries.Count || asked.Distinct().Count() != asked.Count) return null;
        var track = entries.ToDictionary(e => e.EntryId, e => e.Track);
        if (asked.Any(id => !track.ContainsKey(id))) return null;
        return asked.Select((id, i) => (id, i)).OrderBy(x => track[x.id]).ThenBy(x => x.i).Select(x => x.id).ToList();
    }
}
