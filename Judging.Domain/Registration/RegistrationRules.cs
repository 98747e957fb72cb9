namespace Judging.Domain.Registration;

using System.Net.Mail;
using Judging.Domain.Cases;
using Judging.Domain.Competitions;

/// <summary>One field's problem: the field (the form's property name, camelCase as in JSON) and the Chinese reason.</summary>
/// <param name="Field">e.g. "postcode".</param>
/// <param name="Message">e.g. 邮编须为 6 位数字.</param>
public sealed record FieldProblem(string Field, Wording Message);

/// <summary>
/// A unit's online registration (在线报名表, seed 000 附件2 (一)) as typed: every field of the form, nullable where the unit
/// may not have answered yet.
/// </summary>
/// <param name="Name">单位名称（全称）, 2–100 characters.</param>
/// <param name="IsMember">会员单位 是/否 (required).</param>
/// <param name="RecommenderId">推荐单位, one of the competition's recommenders (required).</param>
/// <param name="Address">单位地址 (required, ≤ 200).</param>
/// <param name="Postcode">邮编: 6 digits.</param>
/// <param name="Nature">单位性质, one of <see cref="RegistrationChoices.Natures"/>; 其他 needs <paramref name="NatureOther"/>.</param>
/// <param name="NatureOther">The text beside 其他 (≤ 50).</param>
/// <param name="KeyField">重点领域, one of <see cref="RegistrationChoices.KeyFields"/> (required).</param>
/// <param name="Specialised">是否“专精特新”中小企业 是/否 (required).</param>
/// <param name="KeyIndustry">重点产业, one of <see cref="RegistrationChoices.KeyIndustries"/> (required); 其他 needs <paramref name="KeyIndustryOther"/>.</param>
/// <param name="KeyIndustryOther">The text beside 其他 (≤ 50).</param>
/// <param name="ContactName">联系人姓名 (required, ≤ 50).</param>
/// <param name="ContactPost">部门及职务 (required, ≤ 100).</param>
/// <param name="ContactMobile">联系手机: 11-digit mainland mobile (the number the unit signs in with).</param>
/// <param name="ContactEmail">邮箱地址 (required, an address).</param>
/// <param name="PlannedTracks">拟申报作品 (可多选): the tracks the unit means to enter.</param>
/// <param name="NoEntryYet">参加活动，暂无作品申报: the unit takes part without an entry for now. Either this or at least one track.</param>
public sealed record RegistrationForm(
    string? Name, bool? IsMember, int? RecommenderId, string? Address, string? Postcode, string? Nature, string? NatureOther,
    string? KeyField, bool? Specialised, string? KeyIndustry, string? KeyIndustryOther, string? ContactName, string? ContactPost,
    string? ContactMobile, string? ContactEmail, IReadOnlyList<Track> PlannedTracks, bool NoEntryYet);

/// <summary>
/// The field rules of the registration form (seed 000 附件2 (一)): each field's kind and whether it is required, with the
/// reason in Chinese. Issue 15, "Units".
/// </summary>
public static class RegistrationRules
{
    /// <summary>Longest 单位名称（全称）, characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>
    /// The problems of <paramref name="form"/>, in the form's order; empty when it may be registered.
    /// <paramref name="recommenderIds"/>: the competition's recommenders (推荐单位 is chosen from them).
    /// </summary>
    public static IReadOnlyList<FieldProblem> Check(RegistrationForm form, IReadOnlySet<int> recommenderIds)
    {
        ArgumentNullException.ThrowIfNull(form);
        var p = new List<FieldProblem>();
        var name = form.Name?.Trim() ?? "";
        if (name.Length == 0) p.Add(new("name", Wording.Of("请填写单位名称（全称）")));
        else if (name.Length < 2 || name.Length > MaxNameLength) p.Add(new("name", Wording.Of("单位名称须为 2–{0} 个字", MaxNameLength)));
        if (form.IsMember is null) p.Add(new("isMember", Wording.Of("请选择是否为会员单位")));
        if (form.RecommenderId is not { } r || !recommenderIds.Contains(r)) p.Add(new("recommenderId", Wording.Of("请选择推荐单位")));
        Text(p, "address", form.Address, 200, Wording.Of("请填写单位地址"));
        if (!IsPostcode(form.Postcode)) p.Add(new("postcode", Wording.Of("邮编须为 6 位数字")));
        Choice(p, "nature", form.Nature, RegistrationChoices.Natures, Wording.Of("请选择单位性质"));
        if (form.Nature?.Trim() == RegistrationChoices.Other) Text(p, "natureOther", form.NatureOther, 50, Wording.Of("单位性质选择“其他”时请填写具体性质"));
        Choice(p, "keyField", form.KeyField, RegistrationChoices.KeyFields, Wording.Of("请选择重点领域（单选，必选）"));
        if (form.Specialised is null) p.Add(new("specialised", Wording.Of("请选择是否为“专精特新”中小企业")));
        Choice(p, "keyIndustry", form.KeyIndustry, RegistrationChoices.KeyIndustries, Wording.Of("请选择重点产业（单选，必选）"));
        if (form.KeyIndustry?.Trim() == RegistrationChoices.Other) Text(p, "keyIndustryOther", form.KeyIndustryOther, 50, Wording.Of("重点产业选择“其他”时请填写具体产业"));
        Text(p, "contactName", form.ContactName, 50, Wording.Of("请填写联系人姓名"));
        Text(p, "contactPost", form.ContactPost, 100, Wording.Of("请填写联系人的部门及职务"));
        if (!IsMobile(form.ContactMobile)) p.Add(new("contactMobile", Wording.Of("联系手机须为 11 位中国大陆手机号")));
        if (!IsEmail(form.ContactEmail)) p.Add(new("contactEmail", Wording.Of("请填写有效的邮箱地址")));
        var tracks = form.PlannedTracks ?? [];
        if (tracks.Count == 0 && !form.NoEntryYet) p.Add(new("plannedTracks", Wording.Of("请选择拟申报作品，或选择“参加活动，暂无作品申报”")));
        else if (tracks.Count > 0 && form.NoEntryYet) p.Add(new("plannedTracks", Wording.Of("已选择拟申报作品时，不能同时选择“参加活动，暂无作品申报”")));
        return p;
    }

    /// <summary>
    /// Splits 附件2 (一)'s one field 部门及职务 ("质量管理部 副部长") into the 联系部门 and 职务 of 附件2 (二), which asks for
    /// them apart, to prefill a new declaration: at the first space (ASCII or ideographic), "/", "、", "，" or ",". Text
    /// without a separator is taken as the post (职务) with no department; null or blank gives (null, null).
    /// </summary>
    public static (string? Department, string? Post) SplitDepartmentAndPost(string? departmentAndPost)
    {
        var t = departmentAndPost?.Trim();
        if (string.IsNullOrEmpty(t)) return (null, null);
        var at = t.IndexOfAny([' ', '\u3000', '/', '、', '，', ',']);
        if (at <= 0) return (null, t);
        var post = t[(at + 1)..].Trim(' ', '\u3000', '/', '、', '，', ',');
        return (t[..at], post.Length == 0 ? null : post);
    }

    /// <summary>True for exactly 6 ASCII digits (a mainland postcode, 邮编).</summary>
    public static bool IsPostcode(string? s) => s?.Trim() is { Length: 6 } t && t.All(char.IsAsciiDigit);

    /// <summary>True for an 11-digit mainland China mobile number: starts with 1, second digit 3–9.</summary>
    public static bool IsMobile(string? s) =>
        s?.Trim() is { Length: 11 } t && t[0] == '1' && t[1] is >= '3' and <= '9' && t.All(char.IsAsciiDigit);

    /// <summary>True for a plausible e-mail address (one @, a dot in the domain, no spaces, ≤ 100 characters).</summary>
    public static bool IsEmail(string? s)
    {
        var t = s?.Trim();
        if (string.IsNullOrEmpty(t) || t.Length > 100 || t.Any(char.IsWhiteSpace)) return false;
        var at = t.IndexOf('@');
        if (at <= 0 || at != t.LastIndexOf('@')) return false;
        var domain = t[(at + 1)..];
        return domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.') && MailAddress.TryCreate(t, out _);
    }

    internal static void Text(List<FieldProblem> p, string field, string? value, int max, Wording missing)
    {
        var t = value?.Trim() ?? "";
        if (t.Length == 0) p.Add(new(field, missing));
        else if (t.Length > max) p.Add(new(field, Wording.Of("最多 {0} 个字", max)));
    }

    internal static void Choice(List<FieldProblem> p, string field, string? value, IReadOnlyList<string> choices, Wording missing)
    {
        if (string.IsNullOrWhiteSpace(value) || !choices.Contains(value.Trim())) p.Add(new(field, missing));
    }
}

/// <summary>
/// One entry's declaration (参赛作品申报表, seed 000 附件2 (二)) as typed; a draft may leave anything empty. The case's word
/// count (案例篇幅) is not typed: it is taken from the uploaded Word document.
/// </summary>
/// <param name="Title">参赛作品名称 (≤ 60).</param>
/// <param name="Category">作品类别, one of <see cref="RegistrationChoices.Categories"/>.</param>
/// <param name="DurationMinutes">作品时长 in minutes (speech and film: 1–<see cref="DeclarationRules.MaxMinutes"/>); null for a case.</param>
/// <param name="Creator">主创者姓名 (团队参赛填团队名称).</param>
/// <param name="ContactName">联系人姓名.</param>
/// <param name="ContactAddress">联系地址.</param>
/// <param name="ContactDept">联系部门.</param>
/// <param name="ContactPost">职务.</param>
/// <param name="ContactMobile">联系手机 (11 digits).</param>
/// <param name="ContactEmail">电子邮箱.</param>
/// <param name="Synopsis">参赛作品内容简介: 100–300 字 counted by <see cref="WordCount"/>.</param>
/// <param name="Honours">曾获相关荣誉: any of <see cref="RegistrationChoices.Honours"/>.</param>
/// <param name="HonourOther">The text beside 其它.</param>
/// <param name="Commitments">The three commitments (参赛单位承诺), ticked in order.</param>
public sealed record DeclarationForm(
    string? Title, string? Category, int? DurationMinutes, string? Creator, string? ContactName, string? ContactAddress,
    string? ContactDept, string? ContactPost, string? ContactMobile, string? ContactEmail, string? Synopsis,
    IReadOnlyList<string> Honours, string? HonourOther, IReadOnlyList<bool> Commitments);

/// <summary>
/// The field rules of an entry declaration (seed 000 附件2 (二); issue 15): a draft is saved as typed, only lengths are
/// bounded (so nothing the unit typed is lost); submitting needs every required field, the synopsis within 100–300 字, the
/// duration for speeches and films, and the three commitments ticked.
/// </summary>
public static class DeclarationRules
{
    /// <summary>Shortest synopsis, 字 (附件2 (二): 参赛作品内容简介 100-300字).</summary>
    public const int SynopsisMin = 100;

    /// <summary>Longest synopsis, 字.</summary>
    public const int SynopsisMax = 300;

    /// <summary>Longest duration accepted, minutes (a speech or a micro-film is far shorter; this catches typing slips).</summary>
    public const int MaxMinutes = 60;

    /// <summary>Longest title, characters.</summary>
    public const int MaxTitleLength = 60;

    /// <summary>Longest synopsis text kept in a draft, characters (a bound, well above 300 字 of mixed text).</summary>
    public const int MaxSynopsisChars = 2000;

    /// <summary>
    /// The problems of <paramref name="form"/> for <paramref name="track"/>: with <paramref name="submitting"/> false only
    /// what a draft cannot hold (over-long text, a duration out of range, an unknown choice); with true, everything a
    /// submitted declaration needs. Field names are the form's properties in camelCase.
    /// </summary>
    public static IReadOnlyList<FieldProblem> Check(DeclarationForm form, Track track, bool submitting)
    {
        ArgumentNullException.ThrowIfNull(form);
        var p = new List<FieldProblem>();
        void Bound(string field, string? v, int max)
        {
            if ((v?.Trim().Length ?? 0) > max) p.Add(new(field, Wording.Of("最多 {0} 个字", max)));
        }
        Bound("title", form.Title, MaxTitleLength);
        Bound("creator", form.Creator, 100);
        Bound("contactName", form.ContactName, 50);
        Bound("contactAddress", form.ContactAddress, 200);
        Bound("contactDept", form.ContactDept, 100);
        Bound("contactPost", form.ContactPost, 100);
        Bound("contactMobile", form.ContactMobile, 20);
        Bound("contactEmail", form.ContactEmail, 100);
        Bound("honourOther", form.HonourOther, 100);
        if ((form.Synopsis?.Length ?? 0) > MaxSynopsisChars) p.Add(new("synopsis", Wording.Of("内容简介须为 {0}–{1} 字", SynopsisMin, SynopsisMax)));
        if (!string.IsNullOrWhiteSpace(form.Category) && !RegistrationChoices.Categories.Contains(form.Category.Trim()))
            p.Add(new("category", Wording.Of("请选择作品类别")));
        if (form.DurationMinutes is { } m && (m < 1 || m > MaxMinutes))
            p.Add(new("durationMinutes", Wording.Of("作品时长须为 1–{0} 分钟", MaxMinutes)));
        if ((form.Honours ?? []).Any(h => !RegistrationChoices.Honours.Contains(h))) p.Add(new("honours", Wording.Of("请从列出的荣誉中选择")));
        if (!submitting) return p;

        var before = p.Select(x => x.Field).ToHashSet();
        void Required(string field, string? v, Wording missing)
        {
            if (!before.Contains(field) && string.IsNullOrWhiteSpace(v)) p.Add(new(field, missing));
        }
        Required("title", form.Title, Wording.Of("请填写参赛作品名称"));
        if (!before.Contains("category") && string.IsNullOrWhiteSpace(form.Category)) p.Add(new("category", Wording.Of("请选择作品类别")));
        if (track != Track.InnovationCase && form.DurationMinutes is null) p.Add(new("durationMinutes", Wording.Of("请填写作品时长（分钟）")));
        Required("creator", form.Creator, Wording.Of("请填写主创者姓名（团队参赛填团队名称）"));
        Required("contactName", form.ContactName, Wording.Of("请填写联系人姓名"));
        Required("contactAddress", form.ContactAddress, Wording.Of("请填写联系地址"));
        Required("contactDept", form.ContactDept, Wording.Of("请填写联系部门"));
        Required("contactPost", form.ContactPost, Wording.Of("请填写职务"));
        if (!RegistrationRules.IsMobile(form.ContactMobile)) p.Add(new("contactMobile", Wording.Of("联系手机须为 11 位中国大陆手机号")));
        if (!RegistrationRules.IsEmail(form.ContactEmail)) p.Add(new("contactEmail", Wording.Of("请填写有效的邮箱地址")));
        if (!before.Contains("synopsis"))
        {
            var n = WordCount.Count(form.Synopsis);
            if (n < SynopsisMin || n > SynopsisMax) p.Add(new("synopsis", Wording.Of("内容简介须为 {0}–{1} 字，现为 {2} 字", SynopsisMin, SynopsisMax, n)));
        }
        if ((form.Honours ?? []).Contains(RegistrationChoices.OtherHonour) && string.IsNullOrWhiteSpace(form.HonourOther))
            p.Add(new("honourOther", Wording.Of("曾获荣誉选择“其它”时请填写具体荣誉")));
        var c = form.Commitments ?? [];
        if (c.Count < 3 || !c.Take(3).All(x => x)) p.Add(new("commitments", Wording.Of("请勾选参赛单位的三项承诺")));
        return p;
    }

    /// <summary>
    /// The entries of the unit's OTHER tracks whose title or synopsis repeats this one's (<see cref="TitleSimilarity"/>,
    /// the formal review's rule; seed 000 附件1 (三)4: "不同类型参赛作品须避免题目和内容的重复相似"). Flagged for formal review,
    /// not refused.
    /// </summary>
    public static IReadOnlyList<OtherEntry> Repeats(string title, string? synopsis, IEnumerable<(OtherEntry Entry, string? Synopsis)> otherTracks) =>
        otherTracks.Where(o => TitleSimilarity.IsRepeat(title, o.Entry.Title)
                || (!string.IsNullOrWhiteSpace(synopsis) && !string.IsNullOrWhiteSpace(o.Synopsis) && TitleSimilarity.IsRepeat(synopsis, o.Synopsis)))
            .Select(o => o.Entry).ToList();
}
