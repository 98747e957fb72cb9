namespace Judging.App.Awards;

using Judging.App.ResultsEngine;
using System.Globalization;
using System.Text;
using CsvHelper;
using Judging.App.Finalists;
using Judging.App.Persistence;
using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// Exports an organiser can open in Excel with Chinese intact: CSV in UTF-8 with BOM (CsvHelper). Times are
/// Beijing time (UTC+8). The results file carries every remark and override reason; the raw-score file every card
/// ever submitted, unlocked ones included and marked. Column headers and fixed cell words (入围, 有效…) follow the
/// request's UI culture (zh-CN default, English in Resources/Awards/ResultsExport.en.resx); data stay as entered.
/// </summary>
public sealed class ResultsExport(JudgingDb db, IStringLocalizer<ResultsExport> L, IStringLocalizer<Wordings> W)
{

    /// <summary>Names of finalist statuses (入围 / 未入围 / 候补) in the UI culture.</summary>
    public string StatusName(FinalistStatus s) => s switch
    {
        FinalistStatus.Finalist => L["入围"],
        FinalistStatus.Skipped => L["未入围"],
        _ => L["候补"],
    };

    /// <summary>An award of the results (一等奖…, 参赛成果证书, 待决赛) in the UI culture; an audience award's default name worded too, a name the organiser gave as it is.</summary>
    private string AwardName(string award) => award switch
    {
        "一等奖" => L["一等奖"],
        "二等奖" => L["二等奖"],
        "三等奖" => L["三等奖"],
        AwardNames.Participation => L["参赛成果证书"],
        AwardNames.AwaitingFinal => L["待决赛"],
        _ => W.Word(award),
    };

    /// <summary>results.csv: one row per entry with preliminary, finalist, final and award columns.</summary>
    public byte[] ResultsCsv(TrackResultsView view, IReadOnlyList<(int EntryId, string Award)>? audienceAwards = null) => Write(csv =>
    {
        var audience = (audienceAwards ?? []).ToLookup(a => a.EntryId, a => a.Award);
        foreach (var h in new string[] { L["作品编号"], L["作品名称"], L["参赛单位"], L["集团公司"], L["推荐单位"], L["分赛区"], L["演讲者/作者"], L["初赛得分"],
                     L["初赛名次"], L["标准分"], L["入围状态"], L["入围说明"], L["调整理由"], L["决赛得分"], L["决赛名次"], L["奖项"], L["奖项说明"], L["观摩奖项"] })
            csv.WriteField(h);
        // Films: the parts of the blended preliminary score (experts' score, accepted public votes).
        var blend = view.Input.PublicVotes is not null;
        if (blend) { csv.WriteField(L["专家评分"].Value); csv.WriteField(L["网络投票有效票"].Value); }
        csv.NextRecord();
        // The remarks as the rules built them (Wordings), in the reader's language; the stored lines hold their Chinese.
        var finalistRemarks = view.Outcome?.Finalists.Lines.ToDictionary(f => f.Candidate.EntryId, f => f.Remark) ?? [];
        var tierRemarks = view.Outcome?.Tiers.Lines.ToDictionary(t => t.Candidate.EntryId, t => t.Remark) ?? [];
        foreach (var l in view.Outcome?.Lines ?? [])
        {
            var e = view.Entries[l.EntryId];
            csv.WriteField(e.Code); csv.WriteField(e.Title); csv.WriteField(e.Unit); csv.WriteField(e.Group ?? ""); csv.WriteField(e.Recommender);
            csv.WriteField(e.Division ?? ""); csv.WriteField(e.Presenter);
            csv.WriteField(Num(l.PreliminaryScore)); csv.WriteField(l.PreliminaryRank?.ToString() ?? "");
            csv.WriteField(l.Normalised?.ToString("0.000", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(StatusName(l.FinalistStatus)); csv.WriteField(W.Word(finalistRemarks.GetValueOrDefault(l.EntryId)) ?? l.FinalistRemark ?? ""); csv.WriteField(l.OverrideReason ?? "");
            csv.WriteField(Num(l.FinalScore)); csv.WriteField(l.FinalRank?.ToString() ?? "");
            csv.WriteField(AwardName(l.Award)); csv.WriteField(W.Word(tierRemarks.GetValueOrDefault(l.EntryId)) ?? (l.TierRemark is { } tr ? W.Word(tr) : ""));
            csv.WriteField(string.Join(W.Word("、"), audience[l.EntryId].Select(a => W.Word(a))));
            if (blend) { csv.WriteField(Num(l.ExpertScore)); csv.WriteField(l.PublicVotes?.ToString(CultureInfo.InvariantCulture) ?? "0"); }
            csv.NextRecord();
        }
    });

    /// <summary>raw-scores.csv: every card of the track's rounds, with criterion points, total, time and state.</summary>
    public async Task<byte[]> RawScoresCsvAsync(int competitionId, Track track, CancellationToken ct)
    {
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.CompetitionId == competitionId && r.Track == track).ToListAsync(ct);
        var ids = rounds.Select(r => r.Id).ToArray();
        var divisions = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var sheets = await db.ScoreSheets.AsNoTracking().Include(s => s.Criteria).Where(s => s.CompetitionId == competitionId).ToDictionaryAsync(s => s.Id, ct);
        var records = await db.ScoreRecords.AsNoTracking().Where(r => ids.Contains(r.RoundId)).OrderBy(r => r.RoundId).ThenBy(r => r.EntryId).ThenBy(r => r.JudgeId).ThenBy(r => r.Attempt).ToListAsync(ct);
        var recordIds = records.Select(r => r.Id).ToArray();
        var unlocks = await db.ScoreUnlocks.AsNoTracking().Where(u => recordIds.Contains(u.ScoreRecordId)).ToDictionaryAsync(u => u.ScoreRecordId, ct);
        var entries = await db.Entries.AsNoTracking().Where(e => e.CompetitionId == competitionId).ToDictionaryAsync(e => e.Id, ct);
        var judges = await db.Judges.AsNoTracking().Where(j => j.CompetitionId == competitionId).ToDictionaryAsync(j => j.Id, ct);
        var width = sheets.Values.Select(s => s.Criteria.Count).DefaultIfEmpty(0).Max();
        return Write(csv =>
        {
            foreach (var h in new string[] { L["轮次"], L["评分表"], L["作品编号"], L["作品名称"], L["评委编号"], L["评委姓名"], L["第几次提交"] }) csv.WriteField(h);
            for (var i = 1; i <= width; i++) csv.WriteField(L["评分项{0}", i].Value);
            foreach (var h in new string[] { L["合计"], L["提交时间（北京时间）"], L["状态"], L["解锁理由"] }) csv.WriteField(h);
            csv.NextRecord();
            foreach (var r in records)
            {
                var round = rounds.First(x => x.Id == r.RoundId);
                var sheet = sheets[round.ScoreSheetId];
                csv.WriteField(Domain.LiveRounds.RoundTitle.Of(round, round.DivisionId is { } d ? divisions.GetValueOrDefault(d) : null));
                csv.WriteField(sheet.Name);
                csv.WriteField(entries[r.EntryId].Code); csv.WriteField(entries[r.EntryId].Title);
                csv.WriteField(judges[r.JudgeId].Code); csv.WriteField(judges[r.JudgeId].Name);
                csv.WriteField(r.Attempt);
                var points = r.ParsePoints();
                for (var i = 0; i < width; i++) csv.WriteField(i < points.Count ? points[i].ToString("0.##", CultureInfo.InvariantCulture) : "");
                csv.WriteField(r.Total.ToString("0.##", CultureInfo.InvariantCulture));
                csv.WriteField(Judging.Domain.Competitions.ShanghaiTime.ToLocal(r.SubmittedAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                var unlocked = unlocks.GetValueOrDefault(r.Id);
                csv.WriteField(unlocked is null ? L["有效"].Value : L["已解锁（作废）"].Value);
                csv.WriteField(unlocked?.Reason ?? "");
                csv.NextRecord();
            }
        });
    }

    private static string Num(decimal? v) => v is null ? "" : Domain.Scoring.Aggregation.Display(v);

    private static byte[] Write(Action<CsvWriter> body) => Components.Shared.CsvDownload.Write(body);
}
