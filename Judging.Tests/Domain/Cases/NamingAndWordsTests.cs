namespace Judging.Tests.Domain.Cases;

using Judging.Domain.Cases;

/// <summary>The naming rule "单位名称+作品名称" (seed 000, 附件1 (三)) and the word count (字数) of a .docx.</summary>
public sealed class NamingAndWordsTests
{
    private const string Unit = "上海锅炉厂有限公司";
    private const string Title = "锅炉焊接质量大数据预警体系";

    [Theory]
    [InlineData("上海锅炉厂有限公司+锅炉焊接质量大数据预警体系.docx")]
    [InlineData("上海锅炉厂有限公司＋锅炉焊接质量大数据预警体系.docx")]      // full-width plus
    [InlineData("上海锅炉厂有限公司锅炉焊接质量大数据预警体系.pdf")]          // no plus
    [InlineData("上海锅炉厂有限公司 + 《锅炉焊接质量大数据预警体系》.DOCX")] // spaces, 《》, upper-case extension
    [InlineData("上海锅炉厂有限公司\u3000+\u3000锅炉焊接质量大数据预警体系.docx")] // ideographic spaces
    [InlineData(@"C:\Users\王\Desktop\上海锅炉厂有限公司+锅炉焊接质量大数据预警体系.docx")] // a folder sent by an old browser
    public void Accepted_forms(string name) => Assert.True(NamingRule.Matches(name, Unit, Title));

    [Theory]
    [InlineData("锅炉焊接质量大数据预警体系.docx")]                      // title only (the misnamed seed AL-007 is like this)
    [InlineData("上海锅炉厂+锅炉焊接质量大数据预警体系.docx")]            // abbreviated unit
    [InlineData("锅炉焊接质量大数据预警体系+上海锅炉厂有限公司.docx")]    // reversed
    [InlineData("上海锅炉厂有限公司-锅炉焊接质量大数据预警体系.docx")]    // other separator
    [InlineData("上海锅炉厂有限公司++锅炉焊接质量大数据预警体系.docx")]
    [InlineData("上海锅炉厂有限公司+锅炉焊接质量预警体系.docx")]          // different title
    public void Refused_forms(string name) => Assert.False(NamingRule.Matches(name, Unit, Title));

    [Fact]
    public void Full_width_brackets_and_colons_in_names_match_half_width()
    {
        Assert.True(NamingRule.Matches("上海三枪(集团)有限公司+内衣产品舒适性标准创新.docx", "上海三枪（集团）有限公司", "内衣产品舒适性标准创新"));
        Assert.True(NamingRule.Matches("上海电气电站设备有限公司+一颗螺丝钉的质量长征:电站设备全生命周期质量管控.docx",
            "上海电气电站设备有限公司", "一颗螺丝钉的质量长征：电站设备全生命周期质量管控"));
    }

    [Fact]
    public void Expected_name_joins_with_plus() =>
        Assert.Equal("上海锅炉厂有限公司+锅炉焊接质量大数据预警体系.docx", NamingRule.Expected(Unit, Title, ".docx"));

    [Theory]
    [InlineData("", 0)]
    [InlineData("质量品牌", 4)]
    [InlineData("一次交检合格率由 96.2% 提升至 99.5%。", 13)] // 11 ideographs + "96.2" + "99.5"
    [InlineData("Quality first, 质量第一!", 6)]
    [InlineData("ISO 9001 认证", 4)]
    public void Word_count_counts_ideographs_and_latin_words(string text, int expected)
    {
        Assert.Equal(expected, WordCount.Count(text));
    }
}
