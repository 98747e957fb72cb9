namespace Judging.Tests.Domain.Competitions;

using System.Globalization;
using System.Text.Json;
using Judging.Domain.Competitions;

/// <summary>
/// <see cref="Wording"/>: a text the rules build is its zh-CN text wherever it is recorded (ToString, JSON), and each
/// reader's language where it is shown (Render with the app's resources).
/// </summary>
public sealed class WordingTests
{
    private static readonly Dictionary<string, string> English = new()
    {
        ["候补第 {0} 位"] = "reserve no. {0}",
        ["破格入围（{0}）：{1}"] = "admitted by exception ({0}): {1}",
        ["超出参赛单位名额"] = "beyond the unit cap",
        ["、"] = ", ",
        ["；"] = "; ",
    };

    private static string InEnglish(Wording w) => w.Render(k => English.GetValueOrDefault(k, k), CultureInfo.InvariantCulture);

    [Fact]
    public void The_text_is_the_Chinese_and_the_rendering_is_the_readers_language()
    {
        var w = Wording.Of("候补第 {0} 位", 3);
        Assert.Equal("候补第 3 位", w.ToString());
        Assert.Equal("reserve no. 3", InEnglish(w));
    }

    [Fact]
    public void A_wording_inside_a_wording_is_worded_too_and_data_is_not()
    {
        var w = Wording.Of("破格入围（{0}）：{1}", Wording.Of("超出参赛单位名额"), "品牌代表性强");
        Assert.Equal("破格入围（超出参赛单位名额）：品牌代表性强", w.ToString());
        Assert.Equal("admitted by exception (beyond the unit cap): 品牌代表性强", InEnglish(w));
    }

    [Fact]
    public void A_join_words_its_separator_and_its_parts()
    {
        var codes = Wording.Join("、", new[] { "YJ-006", "YJ-007" }.Select(Wording.Data));
        var both = Wording.Join("；", [Wording.Of("候补第 {0} 位", 1), codes]);
        Assert.Equal("候补第 1 位；YJ-006、YJ-007", both.ToString());
        Assert.Equal("reserve no. 1; YJ-006, YJ-007", InEnglish(both));
    }

    [Fact]
    public void Data_with_braces_is_shown_as_it_is_and_a_missing_key_falls_back_to_the_Chinese()
    {
        Assert.Equal("理由 {见附件}", InEnglish(Wording.Data("理由 {见附件}")));
        Assert.Equal("无有效评分", InEnglish(Wording.Of("无有效评分")));
    }

    [Fact]
    public void In_JSON_a_wording_is_its_Chinese_text_and_equal_texts_are_equal()
    {
        var json = JsonSerializer.Serialize(new { Remark = Wording.Of("候补第 {0} 位", 2) });
        Assert.Equal("{\"Remark\":\"\\u5019\\u8865\\u7B2C 2 \\u4F4D\"}", json);
        var back = JsonSerializer.Deserialize<Wording>("\"候补第 2 位\"");
        Assert.Equal(Wording.Of("候补第 {0} 位", 2), back);
        Assert.NotEqual(Wording.Of("候补第 {0} 位", 1), back);
    }
}
