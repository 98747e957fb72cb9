namespace Judging.Tests.Domain.Registration;

using Judging.Domain.Competitions;
using Judging.Domain.Registration;

/// <summary>
/// The field rules of the online registration form (issue 15, "Units"; seed 000 附件2 (一)): each field at its boundaries,
/// the 其他 texts, 重点产业 from every group of the notice, and 拟申报作品 against 参加活动暂无作品申报.
/// </summary>
public sealed class RegistrationRulesTests
{
    private static readonly IReadOnlySet<int> Recommenders = new HashSet<int> { 7, 8 };

    /// <summary>A form with every field valid.</summary>
    internal static RegistrationForm Valid() => new(
        Name: "上海测试机械有限公司", IsMember: true, RecommenderId: 7, Address: "上海市浦东新区世纪大道 100 号", Postcode: "200120",
        Nature: "国有", NatureOther: null, KeyField: "制造", Specialised: false, KeyIndustry: "集成电路", KeyIndustryOther: null,
        ContactName: "王芳", ContactPost: "品牌部 经理", ContactMobile: "13812345678", ContactEmail: "wangfang@example.com",
        PlannedTracks: [Track.Speech, Track.MicroFilm], NoEntryYet: false);

    private static IReadOnlyList<string> Fields(RegistrationForm f) => RegistrationRules.Check(f, Recommenders).Select(p => p.Field).ToList();

    [Fact]
    public void A_complete_form_has_no_problem() => Assert.Empty(RegistrationRules.Check(Valid(), Recommenders));

    [Fact]
    public void An_empty_form_names_every_required_field_in_the_forms_order()
    {
        var empty = new RegistrationForm(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, [], false);
        // 14 fields, each once: the 其他 texts are not asked for while 其他 is not chosen.
        Assert.Equal(
            ["name", "isMember", "recommenderId", "address", "postcode", "nature", "keyField", "specialised", "keyIndustry",
             "contactName", "contactPost", "contactMobile", "contactEmail", "plannedTracks"],
            Fields(empty));
    }

    [Theory]
    [InlineData("20012", false)]     // 5 digits
    [InlineData("200120", true)]     // 6 digits
    [InlineData("2001201", false)]   // 7 digits
    [InlineData("20012A", false)]    // a letter
    [InlineData("２００１２０", false)] // full-width digits are not ASCII digits
    [InlineData(" 200120 ", true)]   // spaces around are trimmed
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Postcode_is_six_ascii_digits(string? postcode, bool ok)
    {
        Assert.Equal(ok, RegistrationRules.IsPostcode(postcode));
        var problems = RegistrationRules.Check(Valid() with { Postcode = postcode }, Recommenders);
        if (ok) Assert.Empty(problems);
        else Assert.Equal("邮编须为 6 位数字", Assert.Single(problems, p => p.Field == "postcode").Message.ToString());
    }

    [Theory]
    [InlineData("12812345678", false)]  // 12x: no mainland mobile starts 12
    [InlineData("11812345678", false)]  // 11x
    [InlineData("13812345678", true)]   // 13x
    [InlineData("19912345678", true)]   // 19x
    [InlineData("1381234567", false)]   // 10 digits
    [InlineData("138123456789", false)] // 12 digits
    [InlineData("23812345678", false)]  // not starting with 1
    [InlineData("1381234567a", false)]  // a letter
    [InlineData("138-1234-567", false)] // separators
    [InlineData(null, false)]
    public void Mobile_is_eleven_digits_starting_13_to_19(string? mobile, bool ok)
    {
        Assert.Equal(ok, RegistrationRules.IsMobile(mobile));
        var problems = RegistrationRules.Check(Valid() with { ContactMobile = mobile }, Recommenders);
        if (ok) Assert.Empty(problems);
        else Assert.Equal("联系手机须为 11 位中国大陆手机号", Assert.Single(problems, p => p.Field == "contactMobile").Message.ToString());
    }

    [Theory]
    [InlineData("a@b.cn", true)]
    [InlineData("wang.fang+brand@sh-boiler.com.cn", true)]
    [InlineData(" a@b.cn ", true)]   // trimmed
    [InlineData("ab.cn", false)]     // no @
    [InlineData("@b.cn", false)]     // nothing before @
    [InlineData("a@b@c.cn", false)]  // two @
    [InlineData("a@b", false)]       // no dot in the domain
    [InlineData("a@.cn", false)]     // domain starts with a dot
    [InlineData("a@b.cn.", false)]   // domain ends with a dot
    [InlineData("a b@c.cn", false)]  // a space inside
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Email_forms(string? email, bool ok)
    {
        Assert.Equal(ok, RegistrationRules.IsEmail(email));
        Assert.Equal(ok, !Fields(Valid() with { ContactEmail = email }).Contains("contactEmail"));
    }

    [Fact]
    public void Email_of_101_characters_is_refused_and_100_accepted()
    {
        // "@example.cn" is 11 characters: 89 + 11 = 100, 90 + 11 = 101.
        Assert.True(RegistrationRules.IsEmail(new string('a', 89) + "@example.cn"));
        Assert.False(RegistrationRules.IsEmail(new string('a', 90) + "@example.cn"));
    }

    [Theory]
    [InlineData(0, "请填写单位名称（全称）")]
    [InlineData(1, "单位名称须为 2–100 个字")]
    [InlineData(2, null)]
    [InlineData(100, null)]
    [InlineData(101, "单位名称须为 2–100 个字")]
    public void Name_is_2_to_100_characters(int length, string? problem)
    {
        var name = new string('质', length);
        var found = RegistrationRules.Check(Valid() with { Name = name }, Recommenders).Where(p => p.Field == "name").Select(p => p.Message.ToString()).ToList();
        if (problem is null) Assert.Empty(found);
        else Assert.Equal(problem, Assert.Single(found));
    }

    [Fact]
    public void Name_of_spaces_only_is_missing() =>
        Assert.Equal("请填写单位名称（全称）", Assert.Single(RegistrationRules.Check(Valid() with { Name = "   " }, Recommenders)).Message.ToString());

    [Fact]
    public void Nature_other_needs_its_text()
    {
        var problem = Assert.Single(RegistrationRules.Check(Valid() with { Nature = "其他" }, Recommenders));
        Assert.Equal(("natureOther", "单位性质选择“其他”时请填写具体性质"), (problem.Field, problem.Message.ToString()));
        Assert.Equal(["natureOther"], Fields(Valid() with { Nature = "其他", NatureOther = "  " }));
        Assert.Empty(Fields(Valid() with { Nature = "其他", NatureOther = "社会团体" }));
        // The text is bounded at 50 characters.
        Assert.Empty(Fields(Valid() with { Nature = "其他", NatureOther = new string('社', 50) }));
        Assert.Equal(["natureOther"], Fields(Valid() with { Nature = "其他", NatureOther = new string('社', 51) }));
        // A text beside another choice is not asked for and not checked.
        Assert.Empty(Fields(Valid() with { Nature = "民营", NatureOther = null }));
    }

    [Theory]
    [InlineData("国有")]
    [InlineData("民营")]
    [InlineData("外资")]
    [InlineData("合资")]
    [InlineData("事业单位")]
    public void Every_nature_of_the_notice_is_accepted(string nature) => Assert.Empty(Fields(Valid() with { Nature = nature }));

    [Theory]
    [InlineData("私营")]
    [InlineData("")]
    [InlineData(null)]
    public void A_nature_outside_the_list_is_refused(string? nature) => Assert.Equal(["nature"], Fields(Valid() with { Nature = nature }));

    [Theory]
    [InlineData("制造")]
    [InlineData("建设工程")]
    [InlineData("市场服务")]
    [InlineData("非营利性服务")]
    public void Every_key_field_is_accepted(string field) => Assert.Empty(Fields(Valid() with { KeyField = field }));

    [Fact]
    public void Key_field_is_one_of_four_and_required()
    {
        Assert.Equal(["keyField"], Fields(Valid() with { KeyField = null }));
        Assert.Equal(["keyField"], Fields(Valid() with { KeyField = "农业" }));
    }

    /// <summary>One choice from each of the notice's groups (两融合两转型, 三大先导, 六大重点, 四大新赛道, 五大未来), first and last.</summary>
    public static TheoryData<string, string> IndustriesOfEachGroup()
    {
        var data = new TheoryData<string, string>();
        foreach (var g in RegistrationChoices.KeyIndustryGroups.Where(g => g.Name != "其他"))
        {
            data.Add(g.Name, g.Items[0]);
            data.Add(g.Name, g.Items[^1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(IndustriesOfEachGroup))]
    public void Key_industry_from_each_group_is_accepted(string group, string industry)
    {
        Assert.NotEmpty(group);
        Assert.Empty(Fields(Valid() with { KeyIndustry = industry }));
    }

    [Fact]
    public void Key_industry_groups_are_the_notices_2_2_3_6_4_5_and_other()
    {
        // 2 + 3 + 6 + 4 + 5 = 20 named industries, + 其他 = 21 choices.
        Assert.Equal([2, 3, 6, 4, 5, 1], RegistrationChoices.KeyIndustryGroups.Select(g => g.Items.Count));
        Assert.Equal(21, RegistrationChoices.KeyIndustries.Count);
        Assert.Equal("其他", RegistrationChoices.KeyIndustries[^1]);
    }

    [Fact]
    public void Key_industry_is_required_and_other_needs_its_text()
    {
        Assert.Equal(["keyIndustry"], Fields(Valid() with { KeyIndustry = null }));
        Assert.Equal(["keyIndustry"], Fields(Valid() with { KeyIndustry = "三大先导产业" })); // a group's name is not a choice
        var problem = Assert.Single(RegistrationRules.Check(Valid() with { KeyIndustry = "其他" }, Recommenders));
        Assert.Equal(("keyIndustryOther", "重点产业选择“其他”时请填写具体产业"), (problem.Field, problem.Message.ToString()));
        Assert.Empty(Fields(Valid() with { KeyIndustry = "其他", KeyIndustryOther = "现代农业" }));
    }

    [Fact]
    public void Planned_tracks_or_no_entry_yet_but_not_both()
    {
        var none = Assert.Single(RegistrationRules.Check(Valid() with { PlannedTracks = [], NoEntryYet = false }, Recommenders));
        Assert.Equal(("plannedTracks", "请选择拟申报作品，或选择“参加活动，暂无作品申报”"), (none.Field, none.Message.ToString()));
        Assert.Empty(Fields(Valid() with { PlannedTracks = [], NoEntryYet = true }));
        var both = Assert.Single(RegistrationRules.Check(Valid() with { PlannedTracks = [Track.InnovationCase], NoEntryYet = true }, Recommenders));
        Assert.Equal(("plannedTracks", "已选择拟申报作品时，不能同时选择“参加活动，暂无作品申报”"), (both.Field, both.Message.ToString()));
        Assert.Empty(Fields(Valid() with { PlannedTracks = [Track.Speech, Track.MicroFilm, Track.InnovationCase] }));
    }

    [Fact]
    public void Recommender_must_be_one_of_the_competitions()
    {
        Assert.Equal(["recommenderId"], Fields(Valid() with { RecommenderId = 9 })); // not in {7, 8}
        Assert.Equal(["recommenderId"], Fields(Valid() with { RecommenderId = null }));
        Assert.Empty(Fields(Valid() with { RecommenderId = 8 }));
    }

    [Fact]
    public void Yes_no_questions_must_be_answered_either_way()
    {
        Assert.Equal(["isMember", "specialised"], Fields(Valid() with { IsMember = null, Specialised = null }));
        Assert.Empty(Fields(Valid() with { IsMember = false, Specialised = true }));
    }

    [Fact]
    public void Address_and_contact_texts_are_bounded()
    {
        Assert.Empty(Fields(Valid() with { Address = new string('路', 200), ContactName = new string('王', 50), ContactPost = new string('部', 100) }));
        Assert.Equal(["address", "contactName", "contactPost"],
            Fields(Valid() with { Address = new string('路', 201), ContactName = new string('王', 51), ContactPost = new string('部', 101) }));
        Assert.Equal("最多 200 个字", RegistrationRules.Check(Valid() with { Address = new string('路', 201) }, Recommenders).Single().Message.ToString());
        Assert.Equal(["address", "contactName", "contactPost"], Fields(Valid() with { Address = " ", ContactName = "", ContactPost = null }));
    }

    [Theory]
    [InlineData("质量管理部 副部长", "质量管理部", "副部长")]
    [InlineData("质量管理部\u3000副部长", "质量管理部", "副部长")]
    [InlineData("品牌部/经理", "品牌部", "经理")]
    [InlineData("办公室、主任", "办公室", "主任")]
    [InlineData("党群工作部，宣传干事", "党群工作部", "宣传干事")]
    [InlineData("  市场部  总监 ", "市场部", "总监")]
    [InlineData("质量总监", null, "质量总监")] // no separator: the post alone, the department left for the unit
    [InlineData("市场部 ", null, "市场部")]   // trimmed first: no separator left
    [InlineData("", null, null)]
    [InlineData(null, null, null)]
    public void Department_and_post_split_for_the_declaration(string? text, string? department, string? post) =>
        Assert.Equal((department, post), RegistrationRules.SplitDepartmentAndPost(text));
}
