namespace Judging.Tests.Domain.Registration;

using Judging.Domain.Cases;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;

/// <summary>
/// The field rules of an entry declaration (issue 15, "Entry declaration"; seed 000 附件2 (二)): a draft holds anything within
/// bounds, a submission needs every field; the synopsis counted in 字 as the notice counts them (<see cref="WordCount"/>), the
/// duration for speeches and films only, 其它 with its text, and all three commitments.
/// </summary>
public sealed class DeclarationRulesTests
{
    /// <summary>
    /// Ten 字 of mixed text: 上海品牌 (4 CJK) + "Quality" (1 English word) + "2025" (1 number) + 年 (1) + "，" (0) +
    /// "3.5" (1 number) + 分数 (2) + "！" (0) = 10; spaces count 0. 25 characters.
    /// </summary>
    internal const string Ten = "上海品牌 Quality 2025年，3.5分数！";

    /// <summary>Nine 字: <see cref="Ten"/> without 数 and ！ (4 + 1 + 1 + 1 + 1 + 1 = 9).</summary>
    private const string Nine = "上海品牌 Quality 2025年，3.5分";

    internal static string Synopsis(int tens, string tail = "") => string.Concat(Enumerable.Repeat(Ten, tens)) + tail;

    /// <summary>A declaration that may be submitted for a speech or a film.</summary>
    internal static DeclarationForm Valid() => new(
        Title: "一颗螺丝钉的质量长征", Category: "上海制造", DurationMinutes: 8, Creator: "张伟", ContactName: "王芳",
        ContactAddress: "上海市闵行区江川路 1800 号", ContactDept: "品牌部", ContactPost: "经理", ContactMobile: "13812345678",
        ContactEmail: "wangfang@example.com", Synopsis: Synopsis(10), Honours: [], HonourOther: null, Commitments: [true, true, true]);

    private static List<string> Fields(DeclarationForm f, Track track = Track.Speech, bool submitting = true) =>
        DeclarationRules.Check(f, track, submitting).Select(p => p.Field).ToList();

    [Fact]
    public void The_mixed_text_blocks_count_as_hand_counted()
    {
        Assert.Equal(10, WordCount.Count(Ten));
        Assert.Equal(9, WordCount.Count(Nine));
        Assert.Equal(25, Ten.Length);
    }

    [Fact]
    public void A_complete_declaration_submits_on_every_track()
    {
        Assert.Empty(Fields(Valid(), Track.Speech));
        Assert.Empty(Fields(Valid(), Track.MicroFilm));
        Assert.Empty(Fields(Valid() with { DurationMinutes = null }, Track.InnovationCase));
    }

    [Fact]
    public void An_empty_draft_saves_but_does_not_submit()
    {
        var empty = new DeclarationForm(null, null, null, null, null, null, null, null, null, null, null, [], null, []);
        Assert.Empty(Fields(empty, submitting: false));
        Assert.Equal(
            ["title", "category", "durationMinutes", "creator", "contactName", "contactAddress", "contactDept", "contactPost", "contactMobile", "contactEmail", "synopsis", "commitments"],
            Fields(empty));
    }

    [Theory]
    [InlineData(9, 9, "内容简介须为 100–300 字，现为 99 字")]   // 9 × 10 + 9 = 99
    [InlineData(10, 0, null)]                                    // 10 × 10 = 100
    [InlineData(30, 0, null)]                                    // 30 × 10 = 300
    [InlineData(30, 1, "内容简介须为 100–300 字，现为 301 字")]  // 30 × 10 + 1 (字) = 301
    public void Synopsis_is_100_to_300_zi(int tens, int tail, string? problem)
    {
        var text = Synopsis(tens, tail switch { 9 => Nine, 1 => "字", _ => "" });
        Assert.Equal(tens * 10 + tail, WordCount.Count(text));
        var found = DeclarationRules.Check(Valid() with { Synopsis = text }, Track.Speech, submitting: true).Where(p => p.Field == "synopsis").ToList();
        if (problem is null) Assert.Empty(found);
        else Assert.Equal(problem, Assert.Single(found).Message.ToString());
        // A draft keeps a synopsis of any count (the unit is still typing).
        Assert.Empty(Fields(Valid() with { Synopsis = text }, submitting: false));
    }

    [Fact]
    public void Synopsis_counts_zi_not_characters()
    {
        // 40 English words of 8 letters: 359 characters, over 300, but 40 字, under 100: refused as too short.
        var words = string.Join(' ', Enumerable.Repeat("branding", 40)); // 40 × 8 + 39 spaces = 359 characters, 40 字
        Assert.Equal(359, words.Length);
        Assert.Equal("内容简介须为 100–300 字，现为 40 字", DeclarationRules.Check(Valid() with { Synopsis = words }, Track.Speech, true).Single().Message.ToString());
    }

    [Fact]
    public void Synopsis_over_2000_characters_is_refused_even_in_a_draft()
    {
        var tooLong = new string('字', DeclarationRules.MaxSynopsisChars + 1);
        Assert.Equal(["synopsis"], Fields(Valid() with { Synopsis = tooLong }, submitting: false));
        Assert.Empty(Fields(Valid() with { Synopsis = new string('字', DeclarationRules.MaxSynopsisChars) }, submitting: false));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    [InlineData(-5, false)]
    public void Duration_is_1_to_60_minutes_in_drafts_and_submissions(int minutes, bool ok)
    {
        foreach (var submitting in new[] { false, true })
        {
            var found = DeclarationRules.Check(Valid() with { DurationMinutes = minutes }, Track.MicroFilm, submitting).Where(p => p.Field == "durationMinutes").ToList();
            if (ok) Assert.Empty(found);
            else Assert.Equal("作品时长须为 1–60 分钟", Assert.Single(found).Message.ToString());
        }
    }

    [Fact]
    public void Duration_is_required_for_speech_and_film_but_not_for_a_case()
    {
        var missing = Valid() with { DurationMinutes = null };
        Assert.Equal("请填写作品时长（分钟）", Assert.Single(DeclarationRules.Check(missing, Track.Speech, true)).Message.ToString());
        Assert.Equal(["durationMinutes"], Fields(missing, Track.MicroFilm));
        Assert.Empty(Fields(missing, Track.InnovationCase));
        Assert.Empty(Fields(missing, Track.Speech, submitting: false));
    }

    [Fact]
    public void Honour_other_needs_its_text_when_submitting()
    {
        var other = Valid() with { Honours = ["上海品牌认证获证单位", "其它"] };
        var p = Assert.Single(DeclarationRules.Check(other, Track.Speech, true));
        Assert.Equal(("honourOther", "曾获荣誉选择“其它”时请填写具体荣誉"), (p.Field, p.Message.ToString()));
        Assert.Empty(Fields(other, submitting: false));
        Assert.Empty(Fields(other with { HonourOther = "全国质量奖" }));
        Assert.Empty(Fields(Valid() with { Honours = ["上海品牌认证获证单位", "上海市品牌培育示范企业", "历届品牌故事比赛获奖单位"] }));
    }

    [Fact]
    public void An_honour_outside_the_list_is_refused_even_in_a_draft()
    {
        Assert.Equal(["honours"], Fields(Valid() with { Honours = ["中国质量奖"] }, submitting: false));
        // "其他" is the registration's spelling; the declaration's honour is spelt 其它 as in the notice.
        Assert.Equal(["honours"], Fields(Valid() with { Honours = ["其他"], HonourOther = "x" }, submitting: false));
    }

    [Theory]
    [InlineData(new[] { true, true, false })]
    [InlineData(new[] { true, false, true })]
    [InlineData(new[] { false, true, true })]
    [InlineData(new[] { true, true })]
    public void Two_of_three_commitments_do_not_submit(bool[] ticked)
    {
        var p = Assert.Single(DeclarationRules.Check(Valid() with { Commitments = ticked }, Track.Speech, true));
        Assert.Equal(("commitments", "请勾选参赛单位的三项承诺"), (p.Field, p.Message.ToString()));
        Assert.Empty(Fields(Valid() with { Commitments = ticked }, submitting: false));
    }

    [Fact]
    public void Category_is_one_of_four()
    {
        foreach (var c in new[] { "上海服务", "上海制造", "上海购物", "上海文化" }) Assert.Empty(Fields(Valid() with { Category = c }));
        Assert.Equal(["category"], Fields(Valid() with { Category = "上海品牌" }, submitting: false));
        Assert.Equal(["category"], Fields(Valid() with { Category = " " }));
    }

    [Fact]
    public void Title_is_bounded_at_60_and_required_to_submit()
    {
        Assert.Empty(Fields(Valid() with { Title = new string('题', 60) }));
        var p = Assert.Single(DeclarationRules.Check(Valid() with { Title = new string('题', 61) }, Track.Speech, false));
        Assert.Equal(("title", "最多 60 个字"), (p.Field, p.Message.ToString()));
        // Over-long is one problem, not also "missing".
        Assert.Equal(["title"], Fields(Valid() with { Title = new string('题', 61) }));
        Assert.Equal("请填写参赛作品名称", DeclarationRules.Check(Valid() with { Title = "  " }, Track.Speech, true).Single().Message.ToString());
    }

    [Fact]
    public void Contact_mobile_and_email_are_checked_when_submitting()
    {
        Assert.Equal(["contactMobile", "contactEmail"], Fields(Valid() with { ContactMobile = "12812345678", ContactEmail = "wangfang" }));
        Assert.Empty(Fields(Valid() with { ContactMobile = "12812345678", ContactEmail = "wangfang" }, submitting: false));
    }

    [Fact]
    public void A_draft_bounds_the_contacts_mobile_and_email_to_their_columns()
    {
        // EntryDeclarations.ContactMobile is 20 characters and ContactEmail 100: longer text is refused as a field, not stored.
        Assert.Empty(Fields(Valid() with { ContactMobile = new string('1', 20), ContactEmail = new string('a', 100) }, submitting: false));
        Assert.Equal(["contactMobile", "contactEmail"], Fields(Valid() with { ContactMobile = new string('1', 21), ContactEmail = new string('a', 101) }, submitting: false));
    }

    [Fact]
    public void A_title_repeating_another_tracks_entry_is_flagged()
    {
        var others = new[]
        {
            (new OtherEntry("WDY-001", "一颗螺丝钉的质量长征", "微电影"), (string?)null),
            (new OtherEntry("AL-001", "智慧工厂的数字孪生", "创新案例"), (string?)null),
        };
        Assert.Equal(["WDY-001"], DeclarationRules.Repeats("一颗螺丝钉的质量长征", null, others).Select(o => o.Code));
        Assert.Empty(DeclarationRules.Repeats("城市的味道", null, others));
    }
}
