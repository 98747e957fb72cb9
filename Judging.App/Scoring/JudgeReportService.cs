namespace Judging.App.Scoring;

using System.Globalization;
using System.Security.Claims;
using Judging.App.Accounts;
using Judging.App.Components.Shared;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

/// <summary>The judge report of one round (issue 14, §1, "after the round, a judge report"), built by <see cref="JudgeReportService.LoadAsync"/>.</summary>
/// <param name="RoundId">The round.</param>
/// <param name="RoundTitle">The round's title (division and kind).</param>
/// <param name="Status">The round's status (the report may be read during the round).</param>
/// <param name="Judges">One row per judge with a card in the round, by judge number.</param>
/// <param name="Flagged">Every card record of the round (unlocked ones included) that <see cref="PanelFlags.Of"/> flags, by entry code, judge number and attempt.</param>
/// <param name="FlagK">k of the flag rule (MAD units).</param>
/// <param name="FlagMadFloor">The MAD floor of the flag rule (points).</param>
public sealed record JudgeReportView(int RoundId, Wording RoundTitle, RoundStatus Status, IReadOnlyList<JudgeReportRow> Judges,
    IReadOnlyList<FlaggedCardRow> Flagged, decimal FlagK, decimal FlagMadFloor);

/// <summary>A judge's line of the report (<see cref="JudgeFigure"/> over the round's effective cards, plus the flag history).</summary>
/// <param name="Code">Judge number.</param>
/// <param name="Name">Judge's name.</param>
/// <param name="Cards">Effective cards in the round.</param>
/// <param name="Severity">Mean offset from the panel (points, signed; negative = stricter); null without another card on any entry.</param>
/// <param name="Spread">Standard deviation of those offsets (points); null with <see cref="Severity"/>.</param>
/// <param name="RankCorrelation">Spearman's rho with the panel's order (trimmed means); null below 3 entries or without variance.</param>
/// <param name="TrimmedLow">Entries where the judge's card was trimmed as the lowest.</param>
/// <param name="TrimmedHigh">Entries where the judge's card was trimmed as the highest.</param>
/// <param name="Flagged">The judge's card records ever flagged in the round (unlocked ones included).</param>
public sealed record JudgeReportRow(string Code, string Name, int Cards, decimal? Severity, decimal? Spread, double? RankCorrelation,
    int TrimmedLow, int TrimmedHigh, int Flagged)
{
    /// <summary>The rank correlation with two decimals, or "—" when there is none.</summary>
    public string Correlation => RankCorrelation is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "—";
}

/// <summary>What became of a flagged card (issue 14, §1).</summary>
public enum FlagOutcome
{
    /// <summary>Still the judge's effective card (保留).</summary>
    Kept,
    /// <summary>Unlocked by the chief judge; the judge has not scored again yet (已解锁，待重评).</summary>
    AwaitingRescore,
    /// <summary>Unlocked and scored again (已解锁，重评 old → new).</summary>
    Rescored,
}

/// <summary>A flagged card record of the round and what became of it.</summary>
/// <param name="RecordId">The score record.</param>
/// <param name="JudgeCode">Judge number.</param>
/// <param name="JudgeName">Judge's name.</param>
/// <param name="EntryCode">Entry code.</param>
/// <param name="EntryTitle">Entry title.</param>
/// <param name="Attempt">The card's attempt (1 = first card, 2 = after one unlock…).</param>
/// <param name="Total">The card's total (points).</param>
/// <param name="PanelMedian">Median of the other judges' effective totals on the entry (points).</param>
/// <param name="Deviation">Total − median (points, signed).</param>
/// <param name="Criterion">The driving criterion's name, or null.</param>
/// <param name="Outcome">What became of it.</param>
/// <param name="RescoreTotal">With <see cref="FlagOutcome.Rescored"/>: the total of the judge's next card on the entry (points).</param>
/// <param name="AttentionNote">The chief's latest 提请评委会注意 note on this card, or null.</param>
/// <param name="OutcomeText">The outcome in the reader's language: "已解锁，重评 68 → 80", "已解锁，待重评" or "保留".</param>
/// <param name="AttentionText">"已提请注意：{note}" in the reader's language, or null without a note.</param>
public sealed record FlaggedCardRow(long RecordId, string JudgeCode, string JudgeName, string EntryCode, string EntryTitle, int Attempt,
    decimal Total, decimal PanelMedian, decimal Deviation, string? Criterion, FlagOutcome Outcome, decimal? RescoreTotal, string? AttentionNote,
    string OutcomeText, string? AttentionText);

/// <summary>The report as texts in the reader's language, for the CSV and the PDF: a title, then two tables (header and rows).</summary>
/// <param name="Title">"评委报告 · {round title}".</param>
/// <param name="Rule">One sentence on the flag rule.</param>
/// <param name="JudgesCaption">The judges table's caption.</param>
/// <param name="JudgesHeader">The judges table's header.</param>
/// <param name="JudgeRows">One row per judge.</param>
/// <param name="FlaggedCaption">The flagged cards table's caption.</param>
/// <param name="FlaggedHeader">The flagged cards table's header.</param>
/// <param name="FlaggedRows">One row per flagged card.</param>
/// <param name="NoFlags">The text shown when there is no flagged card.</param>
public sealed record JudgeReportTable(string Title, string Rule, string JudgesCaption, IReadOnlyList<string> JudgesHeader, IReadOnlyList<IReadOnlyList<string>> JudgeRows,
    string FlaggedCaption, IReadOnlyList<string> FlaggedHeader, IReadOnlyList<IReadOnlyList<string>> FlaggedRows, string NoFlags);

/// <summary>
/// The judge report (issue 14, §1): per judge of a round — cards, severity, spread, rank correlation with the panel, how often
/// the card was trimmed, flagged cards and what became of them (unlocked and re-scored, unlocked and waiting, or kept; with the
/// chief's 提请评委会注意 note). Read by the organiser and by a chief judge of the round (<see cref="MayReadAsync"/>); page
/// <c>/rounds/{id}/judge-report</c>, its CSV (<see cref="Csv"/>) and <c>/rounds/{id}/judge-report.pdf</c> (<see cref="JudgeReportPdf"/>).
/// Texts in the UI culture (zh-CN default, English in Resources/Scoring/JudgeReportService.en.resx).
/// </summary>
public sealed class JudgeReportService(JudgingDb db, IOptions<ScoringOptions> scoring, IStringLocalizer<JudgeReportService> L, IStringLocalizer<Wordings> W)
{
    /// <summary>True for the organiser, and for a chief judge whose panel judges round <paramref name="roundId"/> (<see cref="Panels.Judges"/>).</summary>
    public async Task<bool> MayReadAsync(ClaimsPrincipal user, int roundId, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Organiser)) return true;
        if (!user.IsInRole(Roles.ChiefJudge) || user.JudgeId() is not { } id) return false;
        var chief = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && j.IsChief, ct);
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        return chief is not null && round is not null && chief.Judges(round);
    }

    /// <summary>
    /// The report of round <paramref name="roundId"/>, or null when there is no such round. Figures: <see cref="JudgeFigures.Of"/>
    /// over the entries' effective cards. Flags: every card record of the round, unlocked ones included, judged by
    /// <see cref="PanelFlags.Of"/> against the other judges' effective cards of its entry; an unlocked one is
    /// <see cref="FlagOutcome.Rescored"/> when the judge has a later attempt on the entry (its total is the new one), else
    /// <see cref="FlagOutcome.AwaitingRescore"/>; an effective one is <see cref="FlagOutcome.Kept"/>.
    /// </summary>
    public async Task<JudgeReportView?> LoadAsync(int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        var division = round.DivisionId is { } d ? await db.Divisions.AsNoTracking().Where(x => x.Id == d).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var all = await db.ScoreRecords.AsNoTracking().Where(r => r.RoundId == roundId).ToListAsync(ct);
        var unlocked = (await db.ScoreUnlocks.AsNoTracking()
            .Where(u => db.ScoreRecords.Any(r => r.Id == u.ScoreRecordId && r.RoundId == roundId)).Select(u => u.ScoreRecordId).ToListAsync(ct)).ToHashSet();
        var effective = all.Where(r => !unlocked.Contains(r.Id)).ToList();
        var criteria = await db.Criteria.AsNoTracking().Where(c => c.ScoreSheetId == round.ScoreSheetId).OrderBy(c => c.Order).Select(c => c.Name).ToListAsync(ct);
        var judgeIds = all.Select(r => r.JudgeId).Distinct().ToList();
        var entryIds = all.Select(r => r.EntryId).Distinct().ToList();
        var judges = await db.Judges.AsNoTracking().Where(j => judgeIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, ct);
        var entries = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var prefix = PanelAttention.RoundPrefix(roundId);
        var notes = PanelAttention.Notes(await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == PanelAttention.Action && a.Subject.StartsWith(prefix)).ToListAsync(ct));
        var o = scoring.Value;

        var flagged = new List<FlaggedCardRow>();
        foreach (var r in all)
        {
            var others = effective.Where(e => e.EntryId == r.EntryId && e.JudgeId != r.JudgeId).Select(e => new PanelCard(e.JudgeId, e.ParsePoints())).ToList();
            if (PanelFlags.Of(new PanelCard(r.JudgeId, r.ParsePoints()), others, o) is not { } f) continue;
            var later = all.Where(x => x.EntryId == r.EntryId && x.JudgeId == r.JudgeId && x.Attempt > r.Attempt).MinBy(x => x.Attempt);
            var outcome = !unlocked.Contains(r.Id) ? FlagOutcome.Kept : later is null ? FlagOutcome.AwaitingRescore : FlagOutcome.Rescored;
            var note = notes.TryGetValue(r.Id, out var n) ? n : null;
            var text = outcome switch
            {
                FlagOutcome.Rescored => L["已解锁，重评 {0} → {1}", Points(r.Total), Points(later!.Total)].Value,
                FlagOutcome.AwaitingRescore => L["已解锁，待重评"].Value,
                _ => L["保留"].Value,
            };
            flagged.Add(new FlaggedCardRow(r.Id, judges[r.JudgeId].Code, judges[r.JudgeId].Name, entries[r.EntryId].Code, entries[r.EntryId].Title,
                r.Attempt, r.Total, f.PanelMedian, f.Deviation, f.DrivingCriterion is { } i && i < criteria.Count ? criteria[i] : null,
                outcome, outcome == FlagOutcome.Rescored ? later!.Total : null, note, text, note is null ? null : L["已提请注意：{0}", note].Value));
        }
        flagged = flagged.OrderBy(x => x.EntryCode, StringComparer.Ordinal).ThenBy(x => x.JudgeCode, StringComparer.Ordinal).ThenBy(x => x.Attempt).ToList();

        var panels = effective.GroupBy(r => r.EntryId)
            .Select(g => new EntryPanel(g.Key, g.Select(r => new PanelCard(r.JudgeId, r.ParsePoints())).ToList())).ToList();
        var rows = JudgeFigures.Of(panels, o)
            .Select(f => new JudgeReportRow(judges[f.JudgeId].Code, judges[f.JudgeId].Name, f.Cards, f.Severity, f.Spread, f.RankCorrelation,
                f.TrimmedLow, f.TrimmedHigh, flagged.Count(x => x.JudgeCode == judges[f.JudgeId].Code)))
            .OrderBy(x => x.Code, StringComparer.Ordinal).ToList();
        return new JudgeReportView(round.Id, RoundTitle.Name(round, division), round.Status, rows, flagged, o.FlagK, o.FlagMadFloor);
    }

    /// <summary>The report as texts in the reader's language (<see cref="JudgeReportTable"/>), points with two decimals.</summary>
    public JudgeReportTable Table(JudgeReportView view) => new(
        L["评委报告 · {0}", W.Word(view.RoundTitle)!],
        L["离群评分：某评委的总分偏离该作品其他评委有效总分的中位数超过 {0} × max(MAD, {1} 分)。", view.FlagK.ToString("0.##", CultureInfo.InvariantCulture), view.FlagMadFloor.ToString("0.##", CultureInfo.InvariantCulture)],
        L["各评委"],
        [L["评委编号"], L["姓名"], L["有效评分"], L["尺度（平均偏差，分）"], L["离散度（分）"], L["与评委会排序的相关"], L["被去掉最低分"], L["被去掉最高分"], L["被标记离群"]],
        view.Judges.Select(j => (IReadOnlyList<string>)[j.Code, j.Name, Count(j.Cards), Signed(j.Severity), Points(j.Spread), j.Correlation,
            Count(j.TrimmedLow), Count(j.TrimmedHigh), Count(j.Flagged)]).ToList(),
        L["被标记的离群评分及处理"],
        [L["作品"], L["评委"], L["第几次提交"], L["总分"], L["其他评委中位数"], L["偏差（分）"], L["主要偏差项"], L["处理结果"], L["提请注意"]],
        view.Flagged.Select(f => (IReadOnlyList<string>)[$"{f.EntryCode} {f.EntryTitle}", $"{f.JudgeCode} {f.JudgeName}", Count(f.Attempt), Points(f.Total),
            Points(f.PanelMedian), Signed(f.Deviation), f.Criterion ?? "—", f.OutcomeText, f.AttentionText ?? ""]).ToList(),
        L["本轮没有被标记的离群评分。"]);

    /// <summary>
    /// The report as a CSV file (<see cref="CsvDownload"/>: UTF-8 with BOM): the title, the judges table, an empty line, the
    /// flagged cards table.
    /// </summary>
    public byte[] Csv(JudgeReportView view)
    {
        var t = Table(view);
        return CsvDownload.Write(csv =>
        {
            void Line(IEnumerable<string> cells)
            {
                foreach (var c in cells) csv.WriteField(c);
                csv.NextRecord();
            }
            Line([t.Title]);
            Line([t.JudgesCaption]);
            Line(t.JudgesHeader);
            foreach (var row in t.JudgeRows) Line(row);
            csv.NextRecord();
            Line([t.FlaggedCaption]);
            Line(t.FlaggedHeader);
            foreach (var row in t.FlaggedRows) Line(row);
        });
    }

    /// <summary>The answer when no Chinese font is installed for the PDF (503), in the reader's language.</summary>
    public string FontMissing => L["服务器未安装可用的中文字体，无法生成 PDF。请安装 fonts-wqy-zenhei（apt-get install fonts-wqy-zenhei）后重试。"];

    /// <summary>"生成时间（北京时间）" in the reader's language, before the PDF's time of generation.</summary>
    public string GeneratedLabel => L["生成时间（北京时间）"];

    private static string Points(decimal? p) => p?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";
    private static string Signed(decimal? p) => p?.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) ?? "—";
    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
