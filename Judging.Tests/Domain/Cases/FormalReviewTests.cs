namespace Judging.Tests.Domain.Cases;

using Judging.Domain.Cases;

/// <summary>
/// The formal-review state machine (issue 5; seed 000: accept or return for revision and resubmission, closing at the
/// deadline): every step appended, history kept whole, resubmission only while returned and before the deadline.
/// </summary>
public sealed class FormalReviewTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 18, 9, 0, 0, IntakeWindow.Beijing);
    private static readonly DateTimeOffset Deadline = new(2025, 6, 30, 23, 59, 0, IntakeWindow.Beijing);

    private static IReadOnlyList<ChecklistItem> Checklist(bool allPass = true, params ChecklistKey[] ticked) =>
        FormalChecklist.Build(new ChecklistInput(CaseFileKind.Docx, 4096, 300,
            allPass ? "上海锅炉厂有限公司+锅炉焊接质量大数据预警体系.docx" : "锅炉焊接质量大数据预警体系.docx",
            "上海锅炉厂有限公司", "锅炉焊接质量大数据预警体系", 1, 1, [],
            (allPass ? FormalChecklist.ManualKeys : ticked).ToHashSet()));

    /// <summary>Stores a step as the database would (ids in order).</summary>
    private static void Store(List<FormalReviewRecord> db, ReviewStep step)
    {
        Assert.True(step.Ok, step.Refusal);
        step.Record!.Id = db.Count + 1;
        db.Add(step.Record);
    }

    [Fact]
    public void Returned_and_resubmitted_entry_keeps_its_whole_history()
    {
        var db = new List<FormalReviewRecord>();
        Store(db, new FormalReview(7, db).Submit(1, "参赛单位（提交链接）", T0, Deadline));
        Assert.Equal(FormalReviewStatus.Submitted, new FormalReview(7, db).Status);

        Store(db, new FormalReview(7, db).Return("缺少盖章申报表", Checklist(false), "组织者 俞琳", T0.AddDays(1)));
        var returned = new FormalReview(7, db);
        Assert.Equal(FormalReviewStatus.Returned, returned.Status);
        Assert.Equal("缺少盖章申报表", returned.LastReturn!.Reasons);
        Assert.Equal(1, returned.LastReturn.DocumentVersion);

        Store(db, returned.Submit(2, "参赛单位（提交链接）", T0.AddDays(2), Deadline));
        var resubmitted = new FormalReview(7, db);
        Assert.Equal(FormalReviewStatus.Resubmitted, resubmitted.Status);
        Assert.Equal(FormalReviewAction.Resubmit, db[^1].Action);
        Assert.Equal(2, resubmitted.LatestVersion);

        Store(db, resubmitted.Accept(Checklist(), null, "组织者 俞琳", T0.AddDays(3)));
        var h = new FormalReview(7, db).History;
        Assert.Equal([FormalReviewAction.Submit, FormalReviewAction.Return, FormalReviewAction.Resubmit, FormalReviewAction.Accept], h.Select(r => r.Action));
        Assert.Equal([1, 1, 2, 2], h.Select(r => r.DocumentVersion ?? 0));
        Assert.Equal("缺少盖章申报表", h[1].Reasons); // the return's reasons survive the accept
        Assert.Equal(FormalReviewStatus.Accepted, new FormalReview(7, db).Status);
    }

    [Fact]
    public void Resubmission_after_the_deadline_is_refused_in_Chinese()
    {
        var db = new List<FormalReviewRecord>();
        Store(db, new FormalReview(7, db).Submit(1, "u", T0, Deadline));
        Store(db, new FormalReview(7, db).Return("命名不符", Checklist(), "s", T0));
        var r = new FormalReview(7, db);
        var late = r.Submit(2, "u", Deadline, Deadline); // at the deadline itself: closed
        Assert.False(late.Ok);
        Assert.Contains("提交通道已于 2025-06-30 23:59（北京时间）关闭", late.Refusal);
        Assert.True(r.Submit(2, "u", Deadline.AddSeconds(-1), Deadline).Ok);
    }

    [Fact]
    public void Without_a_deadline_the_channel_is_open()
    {
        Assert.True(IntakeWindow.IsOpen(DateTimeOffset.MaxValue.AddDays(-1), null));
        Assert.Equal("未设置截止时间（提交通道一直开放）", IntakeWindow.Describe(null));
        Assert.True(new FormalReview(1, []).Submit(1, "u", T0.AddYears(5), null).Ok);
    }

    [Fact]
    public void Submitting_again_before_review_or_after_accept_is_refused()
    {
        var db = new List<FormalReviewRecord>();
        Store(db, new FormalReview(7, db).Submit(1, "u", T0, null));
        Assert.Contains("只有被退回修改后才能重新提交", new FormalReview(7, db).Submit(2, "u", T0, null).Refusal);
        Store(db, new FormalReview(7, db).Accept(Checklist(), null, "s", T0));
        Assert.Contains("已通过", new FormalReview(7, db).Submit(2, "u", T0, null).Refusal);
    }

    [Fact]
    public void Return_needs_reasons_and_review_needs_a_document()
    {
        Assert.Contains("尚未提交", new FormalReview(7, []).Accept(Checklist(), null, "s", T0).Refusal);
        var db = new List<FormalReviewRecord>();
        Store(db, new FormalReview(7, db).Submit(1, "u", T0, null));
        Assert.Contains("必须填写理由", new FormalReview(7, db).Return("  ", Checklist(), "s", T0).Refusal);
        Store(db, new FormalReview(7, db).Return("缺少单位简介", Checklist(), "s", T0));
        Assert.Contains("等待参赛单位重新提交", new FormalReview(7, db).Accept(Checklist(), null, "s", T0).Refusal);
    }

    [Fact]
    public void Accept_with_a_failing_item_needs_an_override_reason()
    {
        var db = new List<FormalReviewRecord>();
        Store(db, new FormalReview(7, db).Submit(1, "u", T0, null));
        var failing = Checklist(false, ChecklistKey.StampedApplication); // misnamed, logo and profile not ticked
        var refused = new FormalReview(7, db).Accept(failing, null, "s", T0);
        Assert.False(refused.Ok);
        Assert.Contains("命名规则", refused.Refusal);
        Assert.Contains("单位logo", refused.Refusal);
        var ok = new FormalReview(7, db).Accept(failing, "单位已书面说明，文件名由系统导出所致", "s", T0);
        Assert.True(ok.Ok);
        Assert.Equal("单位已书面说明，文件名由系统导出所致", ok.Record!.OverrideReason);
        Assert.Equal("StampedApplication", ok.Record.Ticks);
        Assert.Equal(new HashSet<ChecklistKey> { ChecklistKey.Naming, ChecklistKey.UnitLogo, ChecklistKey.UnitProfile }, FormalChecklist.ParseKeys(ok.Record.FailedItems));
    }

    [Fact]
    public void Checklist_flags_limit_repeat_naming_and_pdf_word_count()
    {
        var items = FormalChecklist.Build(new ChecklistInput(CaseFileKind.Pdf, 1000, null, "一颗螺丝钉.pdf",
            "上海电气电站设备有限公司", "一颗螺丝钉的质量长征：电站设备全生命周期质量管控", 2, 1,
            [new OtherEntry("YJ-001", "一颗螺丝钉的质量长征", "演讲"), new OtherEntry("YJ-002", "百万千瓦机组背后的毫米之争", "演讲")],
            new HashSet<ChecklistKey>())).ToDictionary(i => i.Key);
        Assert.Equal(8, items.Count);
        Assert.True(items[ChecklistKey.FileType].Passed);
        Assert.True(items[ChecklistKey.WordCount].Passed); // not applicable to PDF
        Assert.False(items[ChecklistKey.Naming].Passed);
        Assert.Contains("上海电气电站设备有限公司+一颗螺丝钉的质量长征：电站设备全生命周期质量管控.pdf", items[ChecklistKey.Naming].Detail);
        Assert.False(items[ChecklistKey.UnitLimit].Passed);
        Assert.False(items[ChecklistKey.TitleRepeat].Passed);
        Assert.Contains("YJ-001", items[ChecklistKey.TitleRepeat].Detail);
        Assert.DoesNotContain("YJ-002", items[ChecklistKey.TitleRepeat].Detail);
        Assert.All(FormalChecklist.ManualKeys, k => Assert.False(items[k].Passed));
    }

    [Fact]
    public void Docx_without_words_fails_the_word_count_item()
    {
        var items = FormalChecklist.Build(new ChecklistInput(CaseFileKind.Docx, 1000, 0, "x.docx", "u", "t", 1, 1, [], new HashSet<ChecklistKey>()));
        Assert.False(items.Single(i => i.Key == ChecklistKey.WordCount).Passed);
    }

    [Fact]
    public void A_films_stored_video_passes_the_file_items_and_the_entry_items_still_apply()
    {
        // A declared film (issue 15): no document, a 300 MiB video. 6 films of a unit whose limit is 5 still fails the limit.
        var items = FormalChecklist.Build(new ChecklistInput(null, null, null, null, "上海锦江国际酒店有限公司", "江南好", 6, 5, [],
            new HashSet<ChecklistKey> { ChecklistKey.UnitLogo }, VideoSizeBytes: 300L * 1024 * 1024)).ToDictionary(i => i.Key);
        Assert.Equal(8, items.Count);
        Assert.True(items[ChecklistKey.FileType].Passed);
        Assert.Contains("300.0 MB", items[ChecklistKey.FileType].Detail); // 314,572,800 B / 1024 / 1024 = 300.0
        Assert.True(items[ChecklistKey.WordCount].Passed);
        Assert.True(items[ChecklistKey.Naming].Passed);
        Assert.False(items[ChecklistKey.UnitLimit].Passed); // 6 > 5
        Assert.True(items[ChecklistKey.UnitLogo].Passed);
        Assert.False(items[ChecklistKey.StampedApplication].Passed);
        // Without the video (and without a document) the file items fail as before.
        var none = FormalChecklist.Build(new ChecklistInput(null, null, null, null, "u", "t", 1, 5, [], new HashSet<ChecklistKey>()));
        Assert.False(none.Single(i => i.Key == ChecklistKey.FileType).Passed);
    }
}
