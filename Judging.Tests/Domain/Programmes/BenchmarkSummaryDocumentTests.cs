namespace Judging.Tests.Domain.Programmes;

using Judging.Domain.Programmes;

/// <summary>
/// A 质量标杆 summary written in Word is read per heading (seed 001 附件2 一; issue 13: "counted from the uploaded Word document
/// per heading"), so each section meets its limit like typed text.
/// </summary>
public sealed class BenchmarkSummaryDocumentTests
{
    [Fact]
    public void The_five_headings_of_the_notice_split_the_document()
    {
        var text = string.Join('\n',
            "上海申蓝精密机械有限公司质量标杆总结材料", // before the first heading: ignored
            "（一）质量标杆名称", "上海申蓝精密机械有限公司推行精益生产的经验",
            "（二）摘要", "本单位自2018年起推行精益生产。", "",
            "（三）企业概况", "公司成立于2006年。", "员工1200人。",
            "（四）管理方法（技术）的推进和应用情况", "一是建立价值流图。",
            "（五）管理方法（技术）的实施效果", "一次交检合格率提升至99.2%。");
        var s = BenchmarkSummaryDocument.Read(text);
        Assert.Equal("上海申蓝精密机械有限公司推行精益生产的经验", s["质量标杆名称"]);
        Assert.Equal("本单位自2018年起推行精益生产。", s["摘要"]);
        Assert.Equal("公司成立于2006年。\n员工1200人。", s["企业概况"]);
        Assert.Equal("一是建立价值流图。", s["推进和应用"]);
        Assert.Equal("一次交检合格率提升至99.2%。", s["实施效果"]);
    }

    [Theory]
    [InlineData("（一）质量标杆名称", "质量标杆名称")]
    [InlineData("一、摘要", "摘要")]
    [InlineData("2. 企业概况：", "企业概况")]
    [InlineData("第四部分 管理方法（技术）的推进和应用情况", "推进和应用")]
    [InlineData("(5) 实施效果", "实施效果")]
    [InlineData("名称", "质量标杆名称")]
    [InlineData("本公司的摘要部分写得很长很长，超过三十个字符的段落不是标题，只是正文内容而已", null)]
    [InlineData("一次交检合格率提升至99.2%", null)]
    [InlineData("本单位实施效果显著。", null)]
    [InlineData("摘要如下所述的几个方面内容", null)]
    public void A_heading_is_a_short_numbered_paragraph_naming_a_section(string line, string? field) =>
        Assert.Equal(field, BenchmarkSummaryDocument.Heading(line));

    [Fact]
    public void A_section_without_its_heading_is_absent_and_a_repeated_heading_keeps_the_first()
    {
        var s = BenchmarkSummaryDocument.Read("（二）摘要\n第一段\n（二）摘要\n重复的段落");
        Assert.Equal(["摘要"], s.Keys);
        Assert.Equal("第一段", s["摘要"]);
    }
}
