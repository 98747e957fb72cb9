namespace Judging.Tests.Domain.Cases;

using Judging.Domain.Cases;

/// <summary>Titles repeated across tracks are flagged (seed 000, 附件1 (三): 不同类型作品不得重复使用相同的标题或内容).</summary>
public sealed class TitleSimilarityTests
{
    [Fact]
    public void AL_001_repeats_its_units_speech_YJ_001()
    {
        var s = TitleSimilarity.Score("一颗螺丝钉的质量长征：电站设备全生命周期质量管控", "一颗螺丝钉的质量长征");
        Assert.Equal(1.0, s, 3);
        Assert.True(TitleSimilarity.IsRepeat("一颗螺丝钉的质量长征：电站设备全生命周期质量管控", "一颗螺丝钉的质量长征"));
    }

    [Fact]
    public void Titles_sharing_only_a_phrase_do_not_flag()
    {
        // AL-006 and YJ-009 share "从牧场到餐桌": 0.67, under the 0.7 threshold.
        var s = TitleSimilarity.Score("乳制品从牧场到餐桌的全链条追溯", "从牧场到餐桌的质量链");
        Assert.InRange(s, 0.6, TitleSimilarity.Threshold - 0.001);
        Assert.False(TitleSimilarity.IsRepeat("乳制品从牧场到餐桌的全链条追溯", "从牧场到餐桌的质量链"));
    }

    [Fact]
    public void Unrelated_titles_score_low()
    {
        Assert.True(TitleSimilarity.Score("锅炉焊接质量大数据预警体系", "向海而生的大国风机") < 0.2);
    }

    [Fact]
    public void Punctuation_spaces_and_width_are_ignored()
    {
        Assert.Equal(1.0, TitleSimilarity.Score("《大白兔的甜蜜初心》", "大白兔的 甜蜜初心！"));
        Assert.Equal(1.0, TitleSimilarity.Score("ＡＢＣ质量", "abc 质量"));
    }

    [Fact]
    public void A_short_common_phrase_does_not_make_a_long_title_a_repeat()
    {
        // "质量管理" (4 characters) is inside the long title, but containment needs 6 characters.
        Assert.False(TitleSimilarity.IsRepeat("质量管理", "药品生产数据完整性质量管理体系建设"));
    }

    [Fact]
    public void Empty_titles_score_zero() => Assert.Equal(0, TitleSimilarity.Score("", "质量"));
}
