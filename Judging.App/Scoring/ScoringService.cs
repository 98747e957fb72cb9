namespace Judging.App.Scoring;

using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

/// <summary>Outcome of a submission: stored now, already stored under the same key, or refused (message in the UI culture).</summary>
public enum SubmitStatus
{
    /// <summary>Committed to the database by this call.</summary>
    Stored,
    /// <summary>The same idempotency key was committed before; nothing new was stored.</summary>
    AlreadyStored,
    /// <summary>Refused; see the message.</summary>
    Refused,
    /// <summary>Not stored because of a fault (database busy or unreachable); the client keeps its draft and retries with the same key.</summary>
    Failed,
}

/// <summary>Result of <see cref="ScoringService.SubmitAsync"/>; <see cref="Total"/> in points.</summary>
public sealed record SubmitResult(SubmitStatus Status, string Message, long? RecordId = null, decimal? Total = null)
{
    /// <summary>True when the card is in the database (now or before).</summary>
    public bool Acknowledged => Status is SubmitStatus.Stored or SubmitStatus.AlreadyStored;
}

/// <summary>A judge's card as sent by the judge page or <c>POST /api/scores</c>.</summary>
/// <param name="RoundId">The round.</param>
/// <param name="EntryId">The entry on stage.</param>
/// <param name="Points">Points per criterion in sheet order (points).</param>
/// <param name="IdempotencyKey">Chosen by the client when the draft starts; 8–64 characters.</param>
/// <param name="Comments">Optional comment per criterion in sheet order (评语, online review, issue 5), stored with the card.</param>
public sealed record ScoreSubmission(int RoundId, int EntryId, IReadOnlyList<decimal?> Points, string IdempotencyKey, IReadOnlyList<string?>? Comments = null);

/// <summary>
/// Stores judges' cards, each exactly once: a retry with the same idempotency key returns the stored
/// record; a second card for the same (round, entry, judge) is refused by a unique index until a chief
/// judge unlocks the first. A card is acknowledged only after the database commit. Messages are in the UI culture (zh-CN
/// default, English in Resources/Scoring/ScoringService.en.resx); the audit log stays Chinese.
/// </summary>
public sealed class ScoringService(JudgingDb db, ScoreWriter writer, ILiveEvents events, IOptions<ScoringOptions> scoring, TimeProvider clock, ILogger<ScoringService> log,
    IStringLocalizer<ScoringService> L, IStringLocalizer<Wordings> W)
{
    /// <summary>Submits <paramref name="s"/> for <paramref name="judgeId"/>. Never throws for a rule violation: see the result.</summary>
    public async Task<SubmitResult> SubmitAsync(int judgeId, ScoreSubmission s, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(s.IdempotencyKey) || s.IdempotencyKey.Length is < 8 or > 64)
            return new(SubmitStatus.Refused, L["提交标识无效，请刷新页面后重试"]);
        var existing = await db.ScoreRecords.AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == s.IdempotencyKey, ct);
        if (existing is not null) return Same(existing, judgeId, s);

        var judge = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == judgeId, ct);
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == s.RoundId, ct);
        if (judge is null || round is null) return new(SubmitStatus.Refused, L["评委或轮次不存在"]);
        if (!judge.Judges(round)) return new(SubmitStatus.Refused, L["您不是本轮次的评委"]);
        if (round.Status == RoundStatus.Paused) return new(SubmitStatus.Refused, L["比赛已暂停，恢复后再提交"]);
        if (round.Status != RoundStatus.Live) return new(SubmitStatus.Refused, L["本轮比赛未在进行中"]);

        var mine = await db.ScoreRecords.AsNoTracking()
            .Where(r => r.RoundId == s.RoundId && r.EntryId == s.EntryId && r.JudgeId == judgeId)
            .Select(r => new { r.Id, r.Attempt, r.Points, Unlocked = db.ScoreUnlocks.Any(u => u.ScoreRecordId == r.Id) })
            .ToListAsync(ct);
        if (mine.Any(r => !r.Unlocked))
        {
            // The active card may be this very submission, committed by a concurrent retry since the first look-up.
            var stored = await db.ScoreRecords.AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == s.IdempotencyKey, ct);
            return stored is not null ? Same(stored, judgeId, s) : new(SubmitStatus.Refused, L["您已提交过该选手的评分，成绩已锁定；如需修改请联系评委会主任"]);
        }
        var previous = mine.MaxBy(r => r.Attempt);
        // Online review (issue 5): any entry the judge is assigned, at their own pace while the round is live.
        if (round.Online)
        {
            if (!await Reviews.ReviewCards.IsAssignedAsync(db, round.Id, s.EntryId, judgeId, ct)) return new(SubmitStatus.Refused, L["您未被分配评审该作品"]);
            if (await Reviews.ReviewCards.CaseNotReadyAsync(db, round, s.EntryId, ct) is { } notReady) return new(SubmitStatus.Refused, W.Word(notReady)!);
        }
        // A card unlocked by the chief judge may be re-scored after the speaker left the stage.
        else if (previous is null && (round.OnStageEntryId != s.EntryId || !round.ScoringOpen))
            return new(SubmitStatus.Refused, L["该选手的评分已关闭；如需补交，请联系评委会主任"]);

        var target = await (from e in db.Entries.AsNoTracking()
                            join u in db.Units on e.UnitId equals u.Id
                            where e.Id == s.EntryId
                            select new { Entry = e, Unit = u }).FirstOrDefaultAsync(ct);
        if (target is null) return new(SubmitStatus.Refused, L["作品不存在"]);
        var (entry, unit) = (target.Entry, target.Unit);
        var conflictUnit = judge.ConflictUnitId is { } cu ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == cu, ct) : null;
        if (ConflictRule.IsConflicted(judge, conflictUnit, unit)) return new(SubmitStatus.Refused, L["您与该参赛单位或其所属集团存在关联，按回避规定不参与本选手评分"]); // ConflictRule.Reason

        var criteria = await db.Criteria.AsNoTracking().Where(c => c.ScoreSheetId == round.ScoreSheetId).OrderBy(c => c.Order).ToListAsync(ct);
        var problems = ScoreCardRules.Validate(criteria, s.Points, scoring.Value.Step);
        if (problems.Count > 0) return new(SubmitStatus.Refused, W.Word(Wording.Join("；", problems))!);
        var (comments, commentError) = Reviews.ReviewCards.Comments(s.Comments, criteria.Count);
        if (commentError is not null) return new(SubmitStatus.Refused, commentError);

        var points = s.Points.Select(p => p!.Value).ToList();
        var record = new ScoreRecord
        {
            RoundId = s.RoundId, EntryId = s.EntryId, JudgeId = judgeId, Attempt = (previous?.Attempt ?? 0) + 1,
            IdempotencyKey = s.IdempotencyKey, Points = ScoreRecord.FormatPoints(points), Total = ScoreCardRules.Total(points),
            SubmittedAt = clock.GetUtcNow(),
        };
        AuditEntry? audit = null;
        if (previous is not null)
        {
            audit = new AuditEntry
            {
                At = record.SubmittedAt, Actor = $"评委 {judge.Code} {judge.Name}", Action = "重新提交评分",
                Subject = $"轮次 {round.Id} 作品 {entry.Code}", Before = previous.Points, After = record.Points,
            };
        }
        try
        {
            await writer.WriteAsync(record, audit, ct, comments);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // A concurrent submission may have won a unique index: same key → acknowledged; an active card
            // of this judge → locked. Anything else is a fault: nothing was stored, the client retries.
            try
            {
                var winner = await db.ScoreRecords.AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == s.IdempotencyKey, ct);
                if (winner is not null) return Same(winner, judgeId, s);
                var locked = await db.EffectiveScoreRecords().AnyAsync(r => r.RoundId == s.RoundId && r.EntryId == s.EntryId && r.JudgeId == judgeId, ct);
                if (locked) return new(SubmitStatus.Refused, L["您已提交过该选手的评分，成绩已锁定；如需修改请联系评委会主任"]);
            }
            catch (Exception again) when (again is System.Data.Common.DbException or InvalidOperationException)
            {
                log.LogWarning(again, "Could not re-read after a failed score write");
            }
            log.LogWarning(e, "Score not stored: round {RoundId} entry {EntryId} judge {JudgeId}", s.RoundId, s.EntryId, judgeId);
            return new(SubmitStatus.Failed, L["服务器繁忙，评分尚未保存，请稍后重试（草稿已保留）"]);
        }
        log.LogInformation("Score {RecordId} stored: round {RoundId} entry {EntryId} judge {JudgeId} total {Total}", record.Id, s.RoundId, s.EntryId, judgeId, record.Total);
        await events.PublishAsync(new ScoreChanged(s.RoundId, s.EntryId, judgeId), ct);
        return new(SubmitStatus.Stored, L["已提交"], record.Id, record.Total);
    }

    /// <summary>
    /// The score pad of <paramref name="judgeId"/> (<see cref="ScorePadView"/>), or null for an unknown judge. The round shown is
    /// the judge's live one, else paused, else not started, else the latest. The entry is <paramref name="selectedEntryId"/> when
    /// it is one of the judge's unlocked cards awaiting a re-score, else the speaker on stage of a live or paused round.
    /// The effective card is the latest one without an unlock.
    /// </summary>
    public async Task<ScorePadView?> LoadPadAsync(int judgeId, int? selectedEntryId, CancellationToken ct)
    {
        var judge = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == judgeId, ct);
        if (judge is null) return null;
        var step = scoring.Value.Step;
        var rounds = await db.RoundsOf(judge).ToListAsync(ct);
        var round = rounds.OrderBy(r => r.Status switch { RoundStatus.Live => 0, RoundStatus.Paused => 1, RoundStatus.NotStarted => 2, _ => 3 })
            .ThenByDescending(r => r.Id).FirstOrDefault();
        if (round is null) return new(judge.Id, judge.Name, judge.IsChief, null, step, [], null, []);
        var division = await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == round.DivisionId, ct);
        var padRound = new PadRound(round.Id, RoundTitle.Name(round, division?.Name), round.Status, round.Online, round.ProgrammeName);
        if (round.Online) return new(judge.Id, judge.Name, judge.IsChief, padRound, step, [], null, []);
        var criteria = await db.Criteria.AsNoTracking().Where(c => c.ScoreSheetId == round.ScoreSheetId).OrderBy(c => c.Order)
            .Select(c => new PadCriterion(c.Name, c.MaxPoints, c.Guidance)).ToListAsync(ct);

        var mine = await db.ScoreRecords.AsNoTracking().Where(r => r.RoundId == round.Id && r.JudgeId == judge.Id)
            .Select(r => new { r.Id, r.EntryId, r.Attempt, r.Total, Unlocked = db.ScoreUnlocks.Any(u => u.ScoreRecordId == r.Id) }).ToListAsync(ct);
        var rescoreIds = mine.GroupBy(r => r.EntryId).Where(g => g.All(r => r.Unlocked)).Select(g => g.Key).ToList();
        var rescore = await db.Entries.AsNoTracking().Where(e => rescoreIds.Contains(e.Id)).OrderBy(e => e.Code)
            .Select(e => new PadEntry(e.Id, e.Code, e.Title)).ToListAsync(ct);

        var entryId = selectedEntryId is { } sel && rescoreIds.Contains(sel) ? sel
            : round.Status is RoundStatus.Live or RoundStatus.Paused ? round.OnStageEntryId : null;
        if (entryId is null) return new(judge.Id, judge.Name, judge.IsChief, padRound, step, criteria, null, rescore);
        var entry = await db.Entries.AsNoTracking().FirstAsync(e => e.Id == entryId, ct);
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == entry.UnitId, ct);
        var conflictUnit = judge.ConflictUnitId is { } cu ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == cu, ct) : null;
        var submitted = mine.Where(r => r.EntryId == entry.Id && !r.Unlocked).MaxBy(r => r.Id);
        var isRescore = rescoreIds.Contains(entry.Id);
        var canScore = round.Status == RoundStatus.Live && (isRescore || (round.OnStageEntryId == entry.Id && round.ScoringOpen));
        var attempt = submitted?.Attempt ?? mine.Count(r => r.EntryId == entry.Id) + 1;
        var target = new PadTarget(entry.Id, entry.Code, entry.Title, entry.Presenter, unit.Name,
            ConflictRule.IsConflicted(judge, conflictUnit, unit), submitted?.Total, attempt, canScore);
        return new(judge.Id, judge.Name, judge.IsChief, padRound, step, criteria, target, rescore);
    }

    /// <summary>
    /// The chief judge's page (<see cref="ChiefScoresView"/>) for <paramref name="chiefJudgeId"/>, or null when they are not a
    /// judge: the effective cards (latest without an unlock) of the rounds of their track and division, and each judge's mean
    /// total against the panel's mean total on the entries they scored (panel mean: the mean of an entry's effective totals).
    /// </summary>
    public async Task<ChiefScoresView?> LoadChiefAsync(int chiefJudgeId, CancellationToken ct)
    {
        var chief = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == chiefJudgeId, ct);
        if (chief is null) return null;
        var ids = await db.RoundsOf(chief).Select(r => r.Id).ToListAsync(ct);
        var records = await db.EffectiveScoreRecords()
            .Where(r => ids.Contains(r.RoundId))
            .OrderByDescending(r => r.Id).ToListAsync(ct);
        var entries = await db.Entries.AsNoTracking().Where(e => e.CompetitionId == chief.CompetitionId).ToDictionaryAsync(e => e.Id, ct);
        var judges = await db.Judges.AsNoTracking().Where(j => j.CompetitionId == chief.CompetitionId).ToDictionaryAsync(j => j.Id, ct);
        string JudgeName(int id) => $"{judges[id].Code} {judges[id].Name}";
        var cards = records.Select(r => new ChiefCard(r.Id, $"{entries[r.EntryId].Code} {entries[r.EntryId].Title}", JudgeName(r.JudgeId),
            r.Points.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => decimal.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            r.Total, r.SubmittedAt)).ToList();
        var panelMean = records.GroupBy(r => (r.RoundId, r.EntryId)).ToDictionary(g => g.Key, g => g.Average(r => r.Total));
        var severity = records.GroupBy(r => r.JudgeId).OrderBy(g => judges[g.Key].Code)
            .Select(g => new JudgeSeverity(JudgeName(g.Key), g.Count(), Math.Round(g.Average(r => r.Total), 2),
                Math.Round(g.Average(r => panelMean[(r.RoundId, r.EntryId)]), 2))).ToList();
        var flags = await FlagsAsync(chief, records, entries, judges, ct);
        return new ChiefScoresView(ids.ToHashSet(), cards, severity, flags, scoring.Value.FlagK, scoring.Value.FlagMadFloor);
    }

    /// <summary>
    /// The flagged cards of <paramref name="chief"/>'s live or paused rounds scored live (not online reviews) (issue 14, §1), newest first: per entry,
    /// <see cref="PanelFlags.Check"/> over its effective cards (<paramref name="effective"/>), with the driving criterion's name
    /// (the round's score sheet, in order), the judge's running offset over the round and the chief's latest note.
    /// </summary>
    private async Task<List<PanelFlagLine>> FlagsAsync(Judge chief, List<ScoreRecord> effective, Dictionary<int, Entry> entries,
        Dictionary<int, Judge> judges, CancellationToken ct)
    {
        // Online review rounds have their own outlier review (/chief/review/{id}, issue 4): only rounds scored live are flagged here.
        var rounds = await db.RoundsOf(chief).Where(r => (r.Status == RoundStatus.Live || r.Status == RoundStatus.Paused) && !r.Online)
            .Select(r => new { r.Id, r.ScoreSheetId }).ToListAsync(ct);
        if (rounds.Count == 0) return [];
        var sheetIds = rounds.Select(r => r.ScoreSheetId).Distinct().ToList();
        var criteria = (await db.Criteria.AsNoTracking().Where(c => sheetIds.Contains(c.ScoreSheetId)).ToListAsync(ct))
            .GroupBy(c => c.ScoreSheetId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Order).Select(c => c.Name).ToList());
        var lines = new List<PanelFlagLine>();
        foreach (var round in rounds)
        {
            var byEntry = effective.Where(r => r.RoundId == round.Id).GroupBy(r => r.EntryId)
                .Select(g => (records: g.ToList(), panel: new EntryPanel(g.Key, g.Select(r => new PanelCard(r.JudgeId, r.ParsePoints())).ToList())))
                .ToList();
            var panels = byEntry.Select(e => e.panel).ToList();
            var names = criteria.GetValueOrDefault(round.ScoreSheetId) ?? [];
            foreach (var (records, panel) in byEntry)
            {
                foreach (var f in PanelFlags.Check(panel.Cards, scoring.Value))
                {
                    var record = records.First(r => r.JudgeId == f.JudgeId);
                    var entry = entries[record.EntryId];
                    var judge = judges[record.JudgeId];
                    lines.Add(new PanelFlagLine(record.Id, round.Id, judge.Code, judge.Name, entry.Code, entry.Title, f.Total, f.PanelMedian,
                        f.Deviation, f.DrivingCriterion is { } i && i < names.Count ? names[i] : null, f.DrivingDeviation,
                        JudgeFigures.RunningOffset(f.JudgeId, panels), null));
                }
            }
        }
        if (lines.Count == 0) return lines;
        // The chief's notes, read only when something is flagged (this runs on every card of the chief's rounds), by round.
        var notes = new Dictionary<long, string>();
        foreach (var roundId in lines.Select(l => l.RoundId).Distinct())
        {
            var prefix = PanelAttention.RoundPrefix(roundId);
            foreach (var (id, note) in PanelAttention.Notes(await db.AuditEntries.AsNoTracking()
                         .Where(a => a.Action == PanelAttention.Action && a.Subject.StartsWith(prefix)).ToListAsync(ct)))
                notes[id] = note;
        }
        return lines.Select(l => notes.TryGetValue(l.RecordId, out var n) ? l with { AttentionNote = n } : l).OrderByDescending(l => l.RecordId).ToList();
    }

    /// <summary>
    /// The chief judge calls the panel's attention to a card (提请评委会注意, issue 14, §1): the note is recorded as an audit
    /// entry (<see cref="PanelAttention"/>; the card itself does not change). Returns a refusal in the UI culture, or null on
    /// success. Refused: a blank note, an unknown card or chief, a card of another panel.
    /// </summary>
    public async Task<string?> CallAttentionAsync(int chiefJudgeId, long recordId, string note, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(note)) return L["请填写提请注意的说明"];
        var chief = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == chiefJudgeId && j.IsChief, ct);
        var record = await db.ScoreRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordId, ct);
        if (chief is null || record is null) return L["评分记录不存在"];
        var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == record.RoundId, ct);
        if (!chief.Judges(round)) return L["只能处理本赛区的评分"];
        var judge = await db.Judges.AsNoTracking().FirstAsync(j => j.Id == record.JudgeId, ct);
        var entry = await db.Entries.AsNoTracking().FirstAsync(e => e.Id == record.EntryId, ct);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = $"评委会主任 {chief.Code} {chief.Name}", Action = PanelAttention.Action,
            Subject = PanelAttention.Subject(round.Id, entry.Code, judge.Code, judge.Name, record.Id),
            Before = record.Points, After = null, Reason = note.Trim(),
        });
        await db.SaveChangesAsync(ct);
        return null;
    }

    private SubmitResult Same(ScoreRecord existing, int judgeId, ScoreSubmission s) =>
        existing.JudgeId == judgeId && existing.RoundId == s.RoundId && existing.EntryId == s.EntryId
            ? new(SubmitStatus.AlreadyStored, L["已提交"], existing.Id, existing.Total)
            : new(SubmitStatus.Refused, L["提交标识已被使用，请刷新页面后重试"]);

    /// <summary>
    /// A chief judge unlocks a submitted card so the judge may score again; the reason is required and the
    /// audit log keeps who, when and the card before. Returns a refusal in the UI culture, or null on success.
    /// </summary>
    public async Task<string?> UnlockAsync(int chiefJudgeId, long recordId, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) return L["请填写解锁原因"];
        var chief = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == chiefJudgeId && j.IsChief, ct);
        var record = await db.ScoreRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordId, ct);
        if (chief is null || record is null) return L["评分记录不存在"];
        var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == record.RoundId, ct);
        if (!chief.Judges(round)) return L["只能解锁本赛区的评分"];
        // After the round ends a re-score could not be submitted, so an unlock would only delete a score.
        if (round.Status is not (RoundStatus.Live or RoundStatus.Paused)) return L["比赛已结束或未开始，不能解锁评分"];
        if (await db.ScoreUnlocks.AnyAsync(u => u.ScoreRecordId == recordId, ct)) return L["该评分已解锁"];
        var judge = await db.Judges.AsNoTracking().FirstAsync(j => j.Id == record.JudgeId, ct);
        var entry = await db.Entries.AsNoTracking().FirstAsync(e => e.Id == record.EntryId, ct);
        var now = clock.GetUtcNow();
        var actor = $"评委会主任 {chief.Code} {chief.Name}";
        db.ScoreUnlocks.Add(new ScoreUnlock { ScoreRecordId = recordId, UnlockedBy = actor, Reason = reason.Trim(), At = now });
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "解锁评分", Subject = $"轮次 {round.Id} 作品 {entry.Code} 评委 {judge.Code} {judge.Name}",
            Before = record.Points, After = null, Reason = reason.Trim(),
        });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return L["该评分已解锁"]; }
        await events.PublishAsync(new ScoreChanged(record.RoundId, record.EntryId, record.JudgeId), ct);
        return null;
    }
}
