namespace Judging.Domain.Cases;

/// <summary>The items of the formal-review checklist (issue 5). All are required for a plain accept.</summary>
public enum ChecklistKey
{
    /// <summary>Automatic: the document is a PDF or .docx of at most 50 MiB (<see cref="DocumentSniffer"/>).</summary>
    FileType,
    /// <summary>Automatic: the word count is recorded (.docx); not applicable to PDF.</summary>
    WordCount,
    /// <summary>Automatic: the file is named "单位名称+作品名称" (<see cref="NamingRule"/>).</summary>
    Naming,
    /// <summary>Automatic: the unit is within the per-unit limit of the track (domain.md: 5 speeches, 5 films, 1 case).</summary>
    UnitLimit,
    /// <summary>Automatic: no entry of another track repeats the title (<see cref="TitleSimilarity"/>).</summary>
    TitleRepeat,
    /// <summary>Manual: the stamped application form (盖章申报表) is present.</summary>
    StampedApplication,
    /// <summary>Manual: the unit's logo (单位logo) is present.</summary>
    UnitLogo,
    /// <summary>Manual: the unit profile (单位简介) is present.</summary>
    UnitProfile,
}

/// <summary>One checklist line: whether it passes and why (zh-CN).</summary>
/// <param name="Key">The item.</param>
/// <param name="Label">Its Chinese name.</param>
/// <param name="Automatic">True when computed; false for a staff tick.</param>
/// <param name="Passed">True when satisfied.</param>
/// <param name="Detail">What was found, e.g. "字数 3,218" or "与 YJ-001（演讲）“一颗螺丝钉的质量长征”相似度 1.00".</param>
public sealed record ChecklistItem(ChecklistKey Key, string Label, bool Automatic, bool Passed, string Detail);

/// <summary>An entry of another track, for <see cref="ChecklistKey.TitleRepeat"/>.</summary>
/// <param name="Code">作品编号.</param>
/// <param name="Title">作品名称.</param>
/// <param name="TrackName">Chinese track name, e.g. 演讲.</param>
public sealed record OtherEntry(string Code, string Title, string TrackName);

/// <summary>What the checklist is computed from.</summary>
/// <param name="Kind">The latest document's kind, or null when none.</param>
/// <param name="SizeBytes">Its size in bytes, or null.</param>
/// <param name="WordCount">Its word count (.docx), or null.</param>
/// <param name="FileName">Its original file name as uploaded, or null.</param>
/// <param name="UnitName">参赛单位 name.</param>
/// <param name="Title">作品名称.</param>
/// <param name="UnitEntriesInTrack">How many entries the unit has in this track.</param>
/// <param name="UnitLimit">The per-unit limit of the track.</param>
/// <param name="OtherTracks">Entries of the competition's other tracks.</param>
/// <param name="Ticked">Manual items the staff ticked.</param>
/// <param name="VideoSizeBytes">A film's stored video (its submission: issue 15, "Declared entries flow into the existing formal
/// review"), its size in bytes; null when the entry has none. Used only when there is no document (<paramref name="Kind"/> null).</param>
public sealed record ChecklistInput(
    CaseFileKind? Kind, long? SizeBytes, int? WordCount, string? FileName, string UnitName, string Title,
    int UnitEntriesInTrack, int UnitLimit, IReadOnlyList<OtherEntry> OtherTracks, IReadOnlySet<ChecklistKey> Ticked, long? VideoSizeBytes = null);

/// <summary>
/// Builds the formal-review checklist (issue 5: "stamped application PDF, logo, unit profile, the 单位名称+作品名称 naming
/// rule, per-unit limits of domain.md, titles repeated across tracks flagged by similarity"): five automatic items and
/// three manual ticks, all required (<see cref="FormalReview.Accept"/> needs an override reason while one fails).
/// </summary>
public static class FormalChecklist
{
    /// <summary>The manual items, in display order.</summary>
    public static readonly IReadOnlyList<ChecklistKey> ManualKeys = [ChecklistKey.StampedApplication, ChecklistKey.UnitLogo, ChecklistKey.UnitProfile];

    /// <summary>Chinese label of an item.</summary>
    public static string Label(ChecklistKey k) => k switch
    {
        ChecklistKey.FileType => "文件类型与大小",
        ChecklistKey.WordCount => "字数已记录",
        ChecklistKey.Naming => "命名规则“单位名称+作品名称”",
        ChecklistKey.UnitLimit => "每单位限报数量",
        ChecklistKey.TitleRepeat => "跨赛道标题不重复",
        ChecklistKey.StampedApplication => "盖章申报表",
        ChecklistKey.UnitLogo => "单位logo",
        ChecklistKey.UnitProfile => "单位简介",
        _ => k.ToString(),
    };

    /// <summary>
    /// The eight items for <paramref name="x"/>, automatic first. A film whose video is stored and that has no document
    /// (<see cref="ChecklistInput.VideoSizeBytes"/>) passes the file items: its video was checked on upload (type, ≤ 1 GiB),
    /// a video has no word count, and its download is named "单位名称+作品名称" whatever the upload was called (issue 15).
    /// </summary>
    public static IReadOnlyList<ChecklistItem> Build(ChecklistInput x)
    {
        var items = new List<ChecklistItem>();
        var hasDoc = x.Kind is not null;
        if (!hasDoc && x.VideoSizeBytes is { } video)
        {
            items.Add(Auto(ChecklistKey.FileType, true, $"微电影视频，{FormatSize(video)}（上传时已检查格式与大小）"));
            items.Add(Auto(ChecklistKey.WordCount, true, "视频不统计字数（不适用）"));
            items.Add(Auto(ChecklistKey.Naming, true, "视频下载时按“单位名称+作品名称”命名（不适用）"));
        }
        else AddDocumentItems(items, x, hasDoc);
        AddEntryItems(items, x);
        return items;
    }

    private static void AddDocumentItems(List<ChecklistItem> items, ChecklistInput x, bool hasDoc)
    {
        items.Add(Auto(ChecklistKey.FileType, hasDoc && x.SizeBytes <= DocumentSniffer.MaxBytes,
            hasDoc ? $"{(x.Kind == CaseFileKind.Pdf ? "PDF" : "Word（.docx）")}，{FormatSize(x.SizeBytes ?? 0)}" : "尚未提交文档"));
        items.Add(x.Kind switch
        {
            null => Auto(ChecklistKey.WordCount, false, "尚未提交文档"),
            CaseFileKind.Pdf => Auto(ChecklistKey.WordCount, true, "PDF 不统计字数（不适用）"),
            _ => Auto(ChecklistKey.WordCount, x.WordCount is > 0, x.WordCount is > 0 ? $"字数 {x.WordCount:N0}" : "未能统计字数（文档无正文？）"),
        });
        var expected = NamingRule.Expected(x.UnitName, x.Title, x.Kind is { } k ? DocumentSniffer.Extension(k) : "");
        items.Add(x.FileName is null
            ? Auto(ChecklistKey.Naming, false, "尚未提交文档")
            : NamingRule.Matches(x.FileName, x.UnitName, x.Title)
                ? Auto(ChecklistKey.Naming, true, $"文件名“{x.FileName}”符合")
                : Auto(ChecklistKey.Naming, false, $"文件名“{x.FileName}”不符合，应为“{expected}”"));
    }

    private static void AddEntryItems(List<ChecklistItem> items, ChecklistInput x)
    {
        items.Add(Auto(ChecklistKey.UnitLimit, x.UnitEntriesInTrack <= x.UnitLimit,
            $"本单位本赛道 {x.UnitEntriesInTrack} 个作品（上限 {x.UnitLimit} 个）"));
        var repeats = x.OtherTracks.Select(o => (o, Score: TitleSimilarity.Score(x.Title, o.Title)))
            .Where(p => p.Score >= TitleSimilarity.Threshold).OrderByDescending(p => p.Score).ToList();
        items.Add(repeats.Count == 0
            ? Auto(ChecklistKey.TitleRepeat, true, "未发现与其他赛道作品标题重复")
            : Auto(ChecklistKey.TitleRepeat, false, "与其他赛道作品标题重复：" + string.Join("；",
                repeats.Select(r => $"{r.o.Code}（{r.o.TrackName}）“{r.o.Title}”，相似度 {r.Score:0.00}"))));
        foreach (var m in ManualKeys)
            items.Add(new ChecklistItem(m, Label(m), false, x.Ticked.Contains(m), x.Ticked.Contains(m) ? "已核对" : "待工作人员核对"));
    }

    /// <summary>"StampedApplication,UnitLogo": the ticked manual items of <paramref name="items"/>.</summary>
    public static string FormatTicks(IEnumerable<ChecklistItem> items) => FormatKeys(items.Where(i => !i.Automatic && i.Passed).Select(i => i.Key));

    /// <summary>Comma-separated item names.</summary>
    public static string FormatKeys(IEnumerable<ChecklistKey> keys) => string.Join(',', keys);

    /// <summary>Parses <see cref="FormatKeys"/>; unknown names are skipped.</summary>
    public static IReadOnlySet<ChecklistKey> ParseKeys(string? s) =>
        (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Enum.TryParse<ChecklistKey>(p, out var k) ? (ChecklistKey?)k : null).OfType<ChecklistKey>().ToHashSet();

    /// <summary>"1.2 MB", "35 KB", "812 B".</summary>
    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / 1024.0 / 1024.0:0.0} MB",
        >= 1024 => $"{bytes / 1024.0:0} KB",
        _ => $"{bytes} B",
    };

    private static ChecklistItem Auto(ChecklistKey k, bool passed, string detail) => new(k, Label(k), true, passed, detail);
}
