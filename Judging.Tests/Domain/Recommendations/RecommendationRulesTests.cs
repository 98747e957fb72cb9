namespace Judging.Tests.Domain.Recommendations;

using Judging.App.Recommendations;
using Judging.Domain.Competitions;
using Judging.Domain.Recommendations;
using Judging.Domain.Registration;

/// <summary>The recommenders' rules (issue 15, "Recommenders"; seed 000 附件3): filler fields, opinions before submitting, the order.</summary>
public sealed class RecommendationRulesTests
{
    private static readonly DateOnly Today = new(2025, 6, 21);
    private static readonly FillerForm Good = new("王敏", "质量科", "科长", "021-6288 1234", "wangmin@example.cn", new DateOnly(2025, 6, 20));

    [Fact]
    public void A_complete_filler_passes_and_each_missing_or_bad_field_is_named()
    {
        Assert.Empty(RecommendationRules.CheckFiller(Good, Today));
        Assert.Empty(RecommendationRules.CheckFiller(Good with { FilledOn = null }, Today)); // null: the day of submission
        var bad = RecommendationRules.CheckFiller(new FillerForm(" ", null, new string('职', 101), "12345", "not-an-email", Today.AddDays(1)), Today);
        // Six fields, six problems: blank name, missing department, 101-character post (> 100), 5-digit phone (< 7), bad email, tomorrow.
        Assert.Equal(["fillerName", "fillerDept", "fillerPost", "fillerPhone", "fillerEmail", "filledOn"], bad.Select(p => p.Field));
    }

    [Theory]
    [InlineData("13800138000", true)]
    [InlineData("021-62881234", true)]
    [InlineData("+86 (21) 6288 1234", true)]
    [InlineData("123456", false)]       // 6 digits, fewer than 7
    [InlineData("021-6288-ext", false)] // letters
    [InlineData("1234567890123456789012", false)] // 22 characters, over 20
    public void A_phone_is_7_to_20_characters_of_digits_and_separators(string phone, bool ok) => Assert.Equal(ok, RecommendationRules.IsPhone(phone));

    [Fact]
    public void Submitting_needs_an_opinion_on_every_entry_and_names_the_first_missing()
    {
        Assert.Null(RecommendationRules.MissingOpinion([("YJ-001", "甲", true), ("YJ-002", "乙", false)]));
        var missing = RecommendationRules.MissingOpinion([("YJ-001", "甲", true), ("YJ-002", "乙", null), ("AL-001", "丙", null)]);
        // Two of three have none; the first of them is YJ-002.
        Assert.Equal("还有 2 个作品未填写推荐意见（如 YJ-002 乙），请逐个选择“推荐”或“不推荐”后再提交", missing!.ToString());
        Assert.NotNull(RecommendationRules.MissingOpinion([]));
    }

    [Fact]
    public void The_order_groups_by_track_then_stored_position_then_code_without_gaps()
    {
        var order = RecommendationRules.Order([
            (1, Track.InnovationCase, "AL-001", 1),
            (2, Track.Speech, "YJ-002", 5),
            (3, Track.Speech, "YJ-001", null),
            (4, Track.Speech, "YJ-003", 2),
        ]);
        // Speech first: YJ-003 (2), YJ-002 (5), YJ-001 (none, last); then the case, whatever its stored 1.
        Assert.Equal([4, 2, 3, 1], order);
    }

    [Fact]
    public void A_reorder_must_hold_each_entry_once_and_is_regrouped_by_track()
    {
        (int, Track)[] entries = [(1, Track.InnovationCase), (2, Track.Speech), (3, Track.Speech)];
        // Asked: case, then 3, then 2 → speech group (3, 2) comes before the case.
        Assert.Equal([3, 2, 1], RecommendationRules.Reorder([1, 3, 2], entries));
        Assert.Null(RecommendationRules.Reorder([3, 2], entries));        // one missing
        Assert.Null(RecommendationRules.Reorder([3, 3, 1], entries));     // one twice
        Assert.Null(RecommendationRules.Reorder([3, 2, 9], entries));     // not the recommender's
    }

    [Fact]
    public void A_scan_is_recognised_by_content_not_name()
    {
        static MaterialFormat? Sniff(byte[] b) => MaterialRules.FormatOf(b) is { } f && RecommendationRules.ScanFormats.Contains(f) ? f : null;
        Assert.Equal(MaterialFormat.Png, Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));
        Assert.Equal(MaterialFormat.Jpeg, Sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Equal(MaterialFormat.Pdf, Sniff("%PDF-1.7\n%…"u8.ToArray()));
        Assert.Null(Sniff("GIF89a......"u8.ToArray()));
        Assert.Null(Sniff([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0])); // a Word document (ZIP) is a material, not a scan
        Assert.Null(Sniff([]));
    }
}
