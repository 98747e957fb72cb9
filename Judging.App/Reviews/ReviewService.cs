namespace Judging.App.Reviews;

using System.Text.Json;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.App.Scoring;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Domain.Reviews;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

/// <summary>An expert's state on one assigned entry: 未评 / 草稿 / 已提交.</summary>
public enum ReviewStatus
{
    /// <summary>未评.</summary>
    NotStarted,
    /// <summary>草稿: a saved draft, no card.</summary>
    Draft,
    /// <summary>已提交: an effective card (submitted, not unlocked).</summary>
    Submitted,
}

/// <summary>A round of online review as the pages need it.</summary>
/// <param name="Round">The round (<see cref="Round.Online"/>).</param>
/// <param name="Title">zh-CN e.g. "创新案例初审 · 线上评审" (pages word it with <c>Wordings</c>).</param>
/// <param name="Criteria">The score sheet's criteria in order.</param>
/// <param name="Entries">The round's entries for the rules.</param>
/// <param name="EntryRows">Entry id → (entry, unit name).</param>
/// <param name="Panel">The track's expert panel (judges of the track without a division), by code.</param>
/// <param name="Experts">The panel for the rules.</param>
/// <param name="Settings">k, deadline, normalisation.</param>
public sealed record ReviewRound(Round Round, Wording Title, IReadOnlyList<Criterion> Criteria, IReadOnlyList<ReviewEntry> Entries,
    IReadOnlyDictionary<int, (Entry Entry, string Unit)> EntryRows, IReadOnlyList<Judge> Panel, IReadOnlyList<ReviewExpert> Experts, ReviewSettings Settings);

/// <summary>One line of an expert's list: an assigned entry and its status.</summary>
public sealed record MyEntry(int RoundId, int EntryId, string Code, string Title, string Unit, ReviewStatus Status, decimal? Total);

/// <summary>
/// What the score page shows: the sheet, the draft or the submitted card with its comments; <see cref="Error"/> when not
/// allowed. <see cref="OtherCards"/>: the other experts' cards of the entry, only under <see cref="BlindReview.MaySeeOtherCards"/>.
/// </summary>
public sealed record ReviewSheet(string? Error, ReviewRound? Info, Entry? Entry, string Unit, ReviewStatus Status, decimal?[] Points, string[] Comments,
    DateTimeOffset? DraftSavedAt, ScoreRecord? Card)
{
    /// <summary>Other experts' effective cards of the entry (unnamed, "专家 A", "专家 B"…), empty unless allowed.</summary>
    public IReadOnlyList<OtherCard> OtherCards { get; init; } = [];
}

/// <summary>Another expert's card as an expert may see it (<see cref="BlindReview.MaySeeOtherCards"/>): unnamed, points per criterion, total, comments.</summary>
/// <param name="Label">"专家 A", "专家 B"… in the order the cards were submitted.</param>
/// <param name="Points">Points per criterion, sheet order.</param>
/// <param name="Total">Points.</param>
/// <param name="Comments">Comment per criterion ("" where none), sheet order.</param>
public sealed record OtherCard(string Label, IReadOnlyList<decimal> Points, decimal Total, IReadOnlyList<string> Comments);

/// <summary>Progress of one expert: assigned, drafted (draft, no card), submitted; behind schedule by the even pace to the deadline.</summary>
public sealed record ExpertProgress(Judge Judge, int Assigned, int Drafted, int Submitted, int? Expected, bool Behind);

/// <summary>Progress of one entry: cards in and expected (its assigned experts).</summary>
public sealed record EntryProgress(int EntryId, string Code, string Title, int CardsIn, int Expected);

/// <summary>An outlier for display: the flag with the entry and the expert named.</summary>
public sealed record OutlierLine(OutlierFlag Flag, string Entry, string Expert);

/// <summary>The results table: per entry the raw mean and (option) the per-expert z beside it, and the outliers.</summary>
public sealed record ReviewResultsView(IReadOnlyList<(EntryReviewResult Result, string Code, string Title, string Unit, int Expected)> Rows,
    IReadOnlyList<OutlierLine> Outliers, decimal? PooledSd, bool Normalised);

/// <summary>
/// Online expert review (issues 4 and 5): assignment (planned and by hand, append-only rows), drafts, submission with comments
/// (through <see cref="ScoringService"/>: same idempotency and lock rules as live cards), progress, reminders, results.
/// Methods return an error (or null) for anything a user did wrong, in the UI culture (zh-CN default, English in
/// Resources/Reviews/ReviewService.en.resx); they do not throw for it. Audit texts and the reminder SMS stay Chinese.
/// </summary>
public sealed class ReviewService(JudgingDb db, ScoringService scoring, RoundConsole console, LeaderboardService boards, IOptions<ScoringOptions> scoringOptions, TimeProvider clock,
    ILiveEvents events, IStringLocalizer<ReviewService> L, IStringLocalizer<Wordings> W)
{
    /// <summary>The judge (expert or chief judge) with id <paramref name="judgeId"/>, or null when there is none.</summary>
    public Task<Judge?> JudgeAsync(int judgeId, CancellationToken ct) =>
        db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == judgeId, ct);

    /// <summary>Default experts per case (issue 5: "each case to k experts (default 3)").</summary>
    public const int DefaultCaseExperts = 3;

    /// <summary>未评 / 草稿 / 已提交.</summary>
    public static string StatusName(ReviewStatus s) => s switch { ReviewStatus.Draft => "草稿", ReviewStatus.Submitted => "已提交", _ => "未评" };

    /// <summary>The round with its entries, panel and settings; null when it is not an online round.</summary>
    public async Task<ReviewRound?> LoadRoundAsync(int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || !round.Online) return null;
        var criteria = await db.Criteria.AsNoTracking().Where(c => c.ScoreSheetId == round.ScoreSheetId).OrderBy(c => c.Order).ToListAsync(ct);
        var rows = await (from re in db.RoundEntries.AsNoTracking()
                          where re.RoundId == roundId
                          join e in db.Entries on re.EntryId equals e.Id
                          join u in db.Units on e.UnitId equals u.Id
                          join r in db.Recommenders on u.RecommenderId equals r.Id
                          join g in db.Groups on u.GroupId equals (int?)g.Id into gs
                          from g in gs.DefaultIfEmpty()
                          select new { Entry = e, Unit = u, Recommender = r.Name, Group = g == null ? null : g.Name }).ToListAsync(ct);
        rows = rows.OrderBy(r => r.Entry.Code, StringComparer.Ordinal).ToList();
        var panel = (await db.JudgesOf(round).ToListAsync(ct))
            .OrderBy(j => j.Code, StringComparer.Ordinal).ToList();
        var conflictUnitIds = panel.Where(j => j.ConflictUnitId != null).Select(j => j.ConflictUnitId!.Value).ToList();
        var conflictGroups = await db.Units.AsNoTracking().Where(u => conflictUnitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.GroupId, ct);
        var settings = await db.Set<ReviewSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.RoundId == roundId, ct)
            ?? new ReviewSettings { RoundId = roundId, ExpertsPerEntry = round.Track == Track.MicroFilm ? Math.Max(1, panel.Count) : DefaultCaseExperts };
        return new ReviewRound(round, Wording.Of("{0} · 线上评审", RoundTitle.Stage(round)), criteria,
            rows.Select(r => new ReviewEntry(r.Entry.Id, r.Entry.Code, r.Unit.Id, r.Unit.Name, r.Unit.GroupId, r.Group, r.Unit.RecommenderId, r.Recommender)).ToList(),
            rows.ToDictionary(r => r.Entry.Id, r => (r.Entry, r.Unit.Name)),
            panel,
            panel.Select(j => new ReviewExpert(j.Id, j.Code, j.ConflictUnitId, j.ConflictUnitId is { } cu ? conflictGroups.GetValueOrDefault(cu) : null, j.ConflictRecommenderId)).ToList(),
            settings);
    }

    /// <summary>The current pairs of a round (latest row per (entry, judge) assigned); null when the round has no rows at all.</summary>
    public static async Task<List<AssignmentPair>?> CurrentPairsAsync(JudgingDb db, int roundId, CancellationToken ct)
    {
        var rows = await db.Set<ReviewAssignment>().AsNoTracking().Where(a => a.RoundId == roundId)
            .Select(a => new { a.Id, a.EntryId, a.JudgeId, a.Assigned }).ToListAsync(ct);
        if (rows.Count == 0) return null;
        return rows.GroupBy(a => (a.EntryId, a.JudgeId)).Select(g => g.MaxBy(a => a.Id)!).Where(a => a.Assigned)
            .Select(a => new AssignmentPair(a.EntryId, a.JudgeId)).OrderBy(p => p.EntryId).ThenBy(p => p.JudgeId).ToList();
    }

    /// <summary>The current pairs (empty before any plan).</summary>
    public async Task<List<AssignmentPair>> CurrentAsync(int roundId, CancellationToken ct) => await CurrentPairsAsync(db, roundId, ct) ?? [];

    /// <summary>
    /// 生成分配: plans with <paramref name="k"/> experts per entry, keeping the current pairs (<see cref="Assignment.Plan"/>),
    /// stores the added pairs and the setting, and writes the audit log. Refused once the round is closed.
    /// </summary>
    public async Task<(AssignmentPlan? Plan, string? Error)> GenerateAsync(int roundId, int k, string actor, CancellationToken ct)
    {
        var info = await LoadRoundAsync(roundId, ct);
        if (info is null) return (null, L["不是线上评审轮次"]);
        if (info.Round.Status == RoundStatus.Closed) return (null, L["评审已结束，不能再分配"]);
        if (k < 1) return (null, L["每件作品的专家人数至少为 1"]);
        if (info.Experts.Count == 0) return (null, L["本赛道没有评审专家"]);
        var current = await CurrentAsync(roundId, ct);
        // Cases: the formal review runs beside the first review (seed 000, 四、(二) "初审（形式审查+专家在线初评）"); a case without a
        // document or returned for revision is not given to experts until it is (re)submitted; generating again picks it up.
        var waiting = await NotReadyForReviewAsync(info, ct);
        var plan = Assignment.Plan(info.Entries.Where(e => !waiting.ContainsKey(e.EntryId)).ToList(), info.Experts, k, current);
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        foreach (var p in plan.Added)
            db.Add(new ReviewAssignment { RoundId = roundId, EntryId = p.EntryId, JudgeId = p.JudgeId, Assigned = true, Actor = actor, Source = "生成分配", At = now });
        var settings = await db.Set<ReviewSettings>().FirstOrDefaultAsync(s => s.RoundId == roundId, ct);
        if (settings is null) db.Add(settings = new ReviewSettings { RoundId = roundId, ExpertsPerEntry = k });
        settings.ExpertsPerEntry = k;
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "生成评审分配", Subject = $"轮次 {roundId}",
            Before = $"{current.Count} 对",
            After = $"每件 {k} 位专家，新增 {plan.Added.Count} 对，共 {plan.All.Count} 对" + (waiting.Count == 0 ? "" : $"；暂不分配（{string.Join("、", waiting.Values)}）"),
        });
        await db.SaveChangesAsync(ct);
        return (plan, null);
    }

    /// <summary>
    /// Cases of <paramref name="info"/>'s round that experts do not get yet, with why (entry id → "AL-025 未提交"): no document, or
    /// returned for revision (形式审查退回修改). Empty for other tracks.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, string>> NotReadyForReviewAsync(ReviewRound info, CancellationToken ct) =>
        (await NotReadyWordingsAsync(info, ct)).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());

    /// <summary>As <see cref="NotReadyForReviewAsync"/>, each why as a <see cref="Wording"/> for the console to word in its language.</summary>
    public async Task<IReadOnlyDictionary<int, Wording>> NotReadyWordingsAsync(ReviewRound info, CancellationToken ct)
    {
        if (info.Round.Track != Track.InnovationCase) return new Dictionary<int, Wording>();
        var statuses = await ReviewCards.CaseStatusesAsync(db, info.Entries.Select(e => e.EntryId).ToList(), ct);
        return info.Entries.Where(e => ReviewCards.WaitsForFormalReview(statuses[e.EntryId]))
            .ToDictionary(e => e.EntryId, e => statuses[e.EntryId] == Domain.Cases.FormalReviewStatus.Returned
                ? Wording.Of("{0} 退回修改中", e.Code) : Wording.Of("{0} 未提交", e.Code));
    }

    /// <summary>A change by hand with a reason (<see cref="Assignment.ManualChangeRefusal"/>); null when stored, else the reason in the UI culture.</summary>
    public async Task<string?> ChangeAsync(int roundId, AssignmentChange change, int entryId, int judgeId, string? reason, string actor, CancellationToken ct)
    {
        var info = await LoadRoundAsync(roundId, ct);
        if (info is null) return L["不是线上评审轮次"];
        if (info.Round.Status == RoundStatus.Closed) return L["评审已结束，不能再调整分配"];
        var entry = info.Entries.FirstOrDefault(e => e.EntryId == entryId);
        if (entry is null) return L["该作品不在本轮"];
        var judge = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == judgeId, ct);
        if (judge is null) return L["专家不存在"];
        var expert = info.Experts.FirstOrDefault(x => x.JudgeId == judgeId) ?? new ReviewExpert(judge.Id, judge.Code, judge.ConflictUnitId, null, judge.ConflictRecommenderId);
        var current = await CurrentAsync(roundId, ct);
        var submitted = await db.EffectiveScoreRecords().AnyAsync(r => r.RoundId == roundId && r.EntryId == entryId && r.JudgeId == judgeId, ct);
        var refusal = Assignment.ManualChangeRefusal(change, entry, expert, current, info.Settings.ExpertsPerEntry, info.Experts, submitted, reason);
        if (refusal is not null) return W.Word(refusal);
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        db.Add(new ReviewAssignment
        {
            RoundId = roundId, EntryId = entryId, JudgeId = judgeId, Assigned = change == AssignmentChange.Add, Actor = actor, Source = "手动调整",
            Reason = reason!.Trim(), At = now,
        });
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = change == AssignmentChange.Add ? "手动添加评审分配" : "手动移除评审分配",
            Subject = $"轮次 {roundId} 作品 {entry.Code} 专家 {judge.Code} {judge.Name}", Reason = reason.Trim(),
        });
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>开始评审 / 结束评审 through the round console (audit and live events as for live rounds); the start time is kept for the pace.</summary>
    public async Task<string?> SetRunningAsync(int roundId, bool start, string actor, CancellationToken ct)
    {
        if (start && (await CurrentPairsAsync(db, roundId, ct)) is not { Count: > 0 }) return L["请先生成分配，再开始评审"];
        var error = start ? await console.StartAsync(roundId, actor, ct) : await console.CloseAsync(roundId, actor, ct);
        if (error is not null || !start) return error;
        db.ChangeTracker.Clear();
        var settings = await db.Set<ReviewSettings>().FirstOrDefaultAsync(s => s.RoundId == roundId, ct);
        if (settings is null) db.Add(settings = new ReviewSettings { RoundId = roundId, ExpertsPerEntry = DefaultCaseExperts });
        settings.StartedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Saves the deadline (null: none) and the normalisation option, with an audit line.</summary>
    public async Task<string?> SaveSettingsAsync(int roundId, DateTimeOffset? dueAt, bool normalise, string actor, CancellationToken ct)
    {
        var info = await LoadRoundAsync(roundId, ct);
        if (info is null) return L["不是线上评审轮次"];
        db.ChangeTracker.Clear();
        var settings = await db.Set<ReviewSettings>().FirstOrDefaultAsync(s => s.RoundId == roundId, ct);
        if (settings is null) db.Add(settings = new ReviewSettings { RoundId = roundId, ExpertsPerEntry = info.Settings.ExpertsPerEntry });
        var before = $"截止={settings.DueAt:yyyy-MM-dd HH:mm};标准分={settings.Normalise}";
        settings.DueAt = dueAt;
        settings.Normalise = normalise;
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = "评审设置", Subject = $"轮次 {roundId}", Before = before, After = $"截止={dueAt:yyyy-MM-dd HH:mm};标准分={normalise}" });
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// 允许专家查看他人评分 (on) or not (off, the default): whether an expert who has submitted a card sees the other experts'
    /// cards of that entry (<see cref="BlindReview.MaySeeOtherCards"/>). Audited.
    /// </summary>
    public Task<string?> SetExpertsSeeOthersAsync(int roundId, bool allowed, string actor, CancellationToken ct) =>
        ChangeSettingsAsync(roundId, actor, allowed ? "允许专家查看他人评分" : "不允许专家查看他人评分", (_, s) =>
        {
            var before = s.ExpertsSeeOthers ? "允许" : "不允许";
            s.ExpertsSeeOthers = allowed;
            return (null, before, allowed ? "允许" : "不允许");
        }, ct);

    /// <summary>
    /// 公布评审结果 (publish: the round's scores and ranks become public on the leaderboard, its hub and projector) or withdraws
    /// the publication. Publishing only once the review has ended (<see cref="BlindReview.PublishRefusal"/>). Audited.
    /// </summary>
    public Task<string?> SetResultsPublishedAsync(int roundId, bool published, string actor, CancellationToken ct) =>
        ChangeSettingsAsync(roundId, actor, published ? "公布评审结果" : "撤回公布评审结果", (round, s) =>
        {
            if (published && BlindReview.PublishRefusal(round) is { } why) return (W.Word(why), null, null);
            var before = s.ResultsPublishedAt is null ? "未公布" : "已公布";
            s.ResultsPublishedAt = published ? clock.GetUtcNow() : null;
            s.ResultsPublishedBy = published ? actor : null;
            return (null, before, published ? "已公布" : "未公布");
        }, ct);

    /// <summary>Changes the round's settings row (created when missing) with an audit line; the change returns (error, before, after).</summary>
    private async Task<string?> ChangeSettingsAsync(int roundId, string actor, string action,
        Func<Round, ReviewSettings, (string? Error, string? Before, string? After)> change, CancellationToken ct)
    {
        var info = await LoadRoundAsync(roundId, ct);
        if (info is null) return L["不是线上评审轮次"];
        db.ChangeTracker.Clear();
        var settings = await db.Set<ReviewSettings>().FirstOrDefaultAsync(s => s.RoundId == roundId, ct);
        if (settings is null) db.Add(settings = new ReviewSettings { RoundId = roundId, ExpertsPerEntry = info.Settings.ExpertsPerEntry });
        var (error, before, after) = change(info.Round, settings);
        if (error is not null) { db.ChangeTracker.Clear(); return error; }
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = action, Subject = $"轮次 {roundId}", Before = before, After = after });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await events.PublishAsync(new RoundChanged(roundId), ct);
        return null;
    }

    /// <summary>The online rounds of the judge's panel (judges of the track without a division), newest first.</summary>
    public async Task<List<Round>> RoundsOfAsync(Judge judge, CancellationToken ct) =>
        await db.RoundsOf(judge).Where(r => r.Online)
            .OrderByDescending(r => r.Id).ToListAsync(ct);

    /// <summary>The expert's assigned entries of the round with their status, by code.</summary>
    public async Task<List<MyEntry>> MyEntriesAsync(int judgeId, int roundId, CancellationToken ct)
    {
        var current = await CurrentAsync(roundId, ct);
        var ids = current.Where(p => p.JudgeId == judgeId).Select(p => p.EntryId).ToList();
        var entries = await (from e in db.Entries.AsNoTracking() where ids.Contains(e.Id) join u in db.Units on e.UnitId equals u.Id select new { e, Unit = u.Name }).ToListAsync(ct);
        var cards = await db.EffectiveScoreRecords().Where(r => r.RoundId == roundId && r.JudgeId == judgeId).ToListAsync(ct);
        var drafts = await db.Set<ReviewDraft>().AsNoTracking().Where(d => d.RoundId == roundId && d.JudgeId == judgeId).Select(d => d.EntryId).ToListAsync(ct);
        return entries.OrderBy(x => x.e.Code, StringComparer.Ordinal).Select(x =>
        {
            var card = cards.Where(c => c.EntryId == x.e.Id).MaxBy(c => c.Id);
            var status = card is not null ? ReviewStatus.Submitted : drafts.Contains(x.e.Id) ? ReviewStatus.Draft : ReviewStatus.NotStarted;
            return new MyEntry(roundId, x.e.Id, x.e.Code, x.e.Title, x.Unit, status, card?.Total);
        }).ToList();
    }

    /// <summary>The score page's content for the expert, or an error (not an online round, not assigned).</summary>
    public async Task<ReviewSheet> LoadSheetAsync(int judgeId, int roundId, int entryId, CancellationToken ct)
    {
        static ReviewSheet Fail(string error) => new(error, null, null, "", ReviewStatus.NotStarted, [], [], null, null);
        var info = await LoadRoundAsync(roundId, ct);
        if (info is null) return Fail(L["不是线上评审轮次"]);
        if (!info.EntryRows.TryGetValue(entryId, out var row)) return Fail(L["该作品不在本轮"]);
        if (!await ReviewCards.IsAssignedAsync(db, roundId, entryId, judgeId, ct)) return Fail(L["您未被分配评审该作品"]);
        var n = info.Criteria.Count;
        var card = await db.EffectiveScoreRecords()
            .Where(r => r.RoundId == roundId && r.EntryId == entryId && r.JudgeId == judgeId)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (card is not null)
        {
            var texts = await db.Set<ScoreComment>().AsNoTracking().Where(c => c.ScoreRecordId == card.Id).ToListAsync(ct);
            var comments = new string[n];
            for (var i = 0; i < n; i++) comments[i] = texts.FirstOrDefault(t => t.CriterionOrder == i + 1)?.Text ?? "";
            return new ReviewSheet(null, info, row.Entry, row.Unit, ReviewStatus.Submitted, card.ParsePoints().Select(p => (decimal?)p).ToArray(), comments, null, card)
            {
                OtherCards = BlindReview.MaySeeOtherCards(info.Settings, ownCardSubmitted: true) ? await OtherCardsAsync(roundId, entryId, judgeId, n, ct) : [],
            };
        }
        var draft = await db.Set<ReviewDraft>().AsNoTracking().FirstOrDefaultAsync(d => d.RoundId == roundId && d.EntryId == entryId && d.JudgeId == judgeId, ct);
        if (draft is null)
        {
            // After a chief judge's unlock the sheet starts from the unlocked card and its comments.
            var unlocked = await db.ScoreRecords.AsNoTracking().Where(r => r.RoundId == roundId && r.EntryId == entryId && r.JudgeId == judgeId)
                .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            if (unlocked is null) return new ReviewSheet(null, info, row.Entry, row.Unit, ReviewStatus.NotStarted, new decimal?[n], Enumerable.Repeat("", n).ToArray(), null, null);
            var old = await db.Set<ScoreComment>().AsNoTracking().Where(c => c.ScoreRecordId == unlocked.Id).ToListAsync(ct);
            return new ReviewSheet(null, info, row.Entry, row.Unit, ReviewStatus.NotStarted, Fit(unlocked.ParsePoints().Select(p => (decimal?)p).ToArray(), n),
                Enumerable.Range(1, n).Select(o => old.FirstOrDefault(c => c.CriterionOrder == o)?.Text ?? "").ToArray(), null, null);
        }
        var points = Fit(JsonSerializer.Deserialize<decimal?[]>(draft.PointsJson) ?? [], n);
        var draftComments = Fit(JsonSerializer.Deserialize<string?[]>(draft.CommentsJson) ?? [], n).Select(c => c ?? "").ToArray();
        return new ReviewSheet(null, info, row.Entry, row.Unit, ReviewStatus.Draft, points, draftComments, draft.SavedAt, null);
    }

    /// <summary>The effective cards of the entry by other experts, oldest first, unnamed.</summary>
    private async Task<IReadOnlyList<OtherCard>> OtherCardsAsync(int roundId, int entryId, int judgeId, int n, CancellationToken ct)
    {
        var cards = (await boards.EffectiveCardsAsync(roundId, ct)).ByEntry.GetValueOrDefault(entryId) ?? [];
        var others = cards.Where(c => c.Record.JudgeId != judgeId).OrderBy(c => c.Record.Id).ToList();
        var ids = others.Select(c => c.Record.Id).ToList();
        var texts = (await db.Set<ScoreComment>().AsNoTracking().Where(c => ids.Contains(c.ScoreRecordId)).ToListAsync(ct)).ToLookup(c => c.ScoreRecordId);
        return others.Select((c, i) => new OtherCard($"专家 {(char)('A' + i % 26)}", c.Points, c.Record.Total,
            Enumerable.Range(1, n).Select(o => texts[c.Record.Id].FirstOrDefault(t => t.CriterionOrder == o)?.Text ?? "").ToList())).ToList();
    }

    private static T?[] Fit<T>(T?[] values, int n) => Enumerable.Range(0, n).Select(i => i < values.Length ? values[i] : default).ToArray();

    /// <summary>
    /// 保存草稿: stores (replaces) the expert's draft. Refused: not assigned, round closed, card already submitted, points out of
    /// range or off the step, too many values, a comment over <see cref="ScoreComment.MaxLength"/> characters.
    /// </summary>
    public async Task<(string? Error, DateTimeOffset? SavedAt)> SaveDraftAsync(int judgeId, int roundId, int entryId, IReadOnlyList<decimal?>? points,
        IReadOnlyList<string?>? comments, CancellationToken ct)
    {
        var sheet = await LoadSheetAsync(judgeId, roundId, entryId, ct);
        if (sheet.Error is not null) return (sheet.Error, null);
        if (sheet.Info!.Round.Status == RoundStatus.Closed) return (L["评审已结束，不能保存草稿"], null);
        if (await ReviewCards.CaseNotReadyAsync(db, sheet.Info.Round, entryId, ct) is { } notReady) return (W.Word(notReady), null);
        if (sheet.Status == ReviewStatus.Submitted) return (L["您已提交该作品的评分，成绩已锁定；如需修改请联系评委会主任"], null);
        var problem = CheckDraft(sheet.Info.Criteria, points ?? [], comments);
        if (problem is not null) return (problem, null);
        var now = clock.GetUtcNow();
        await UpsertDraftAsync(judgeId, roundId, entryId, points ?? [], comments, now, ct);
        return (null, now);
    }

    private string? CheckDraft(IReadOnlyList<Criterion> criteria, IReadOnlyList<decimal?> points, IReadOnlyList<string?>? comments)
    {
        if (points.Count > criteria.Count) return L["评分项数量不符：应为 {0} 项，收到 {1} 项", criteria.Count, points.Count];
        if (comments is not null && comments.Count > criteria.Count) return L["评语数量不符：最多 {0} 条，收到 {1} 条", criteria.Count, comments.Count];
        if (comments is not null && comments.Any(c => c is not null && c.Trim().Length > ScoreComment.MaxLength)) return L["每条评语不超过 {0} 字", ScoreComment.MaxLength];
        var step = scoringOptions.Value.Step;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i] is not { } p) continue;
            var c = criteria[i];
            if (p < 0 || p > c.MaxPoints) return L["“{0}”的分数 {1:0.##} 超出范围 0–{2:0.##}", c.Name, p, c.MaxPoints];
            if (p % step != 0) return L["“{0}”的分数 {1:0.##} 须为 {2:0.##} 的整数倍", c.Name, p, step];
        }
        return null;
    }

    private async Task<ReviewDraft> UpsertDraftAsync(int judgeId, int roundId, int entryId, IReadOnlyList<decimal?> points, IReadOnlyList<string?>? comments,
        DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var draft = await db.Set<ReviewDraft>().FirstOrDefaultAsync(d => d.RoundId == roundId && d.EntryId == entryId && d.JudgeId == judgeId, ct);
        // A key already used by a stored card (one since unlocked) would only echo that card: start a new one.
        if (draft is not null && await db.ScoreRecords.AnyAsync(r => r.IdempotencyKey == draft.IdempotencyKey, ct)) draft.IdempotencyKey = Guid.NewGuid().ToString("N");
        if (draft is null)
            db.Add(draft = new ReviewDraft { RoundId = roundId, EntryId = entryId, JudgeId = judgeId, PointsJson = "[]", CommentsJson = "[]", IdempotencyKey = Guid.NewGuid().ToString("N") });
        draft.PointsJson = JsonSerializer.Serialize(points);
        draft.CommentsJson = JsonSerializer.Serialize(comments ?? []);
        draft.SavedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two saves raced to create the draft: the other one won; write over it.
            db.ChangeTracker.Clear();
            draft = await db.Set<ReviewDraft>().FirstAsync(d => d.RoundId == roundId && d.EntryId == entryId && d.JudgeId == judgeId, ct);
            draft.PointsJson = JsonSerializer.Serialize(points);
            draft.CommentsJson = JsonSerializer.Serialize(comments ?? []);
            draft.SavedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return draft;
    }

    /// <summary>
    /// 提交评分: keeps the draft (so a retry reuses its idempotency key), submits the card with its comments through
    /// <see cref="ScoringService.SubmitAsync"/> (assigned entries only, while the round is live; stored once; locked after),
    /// then drops the draft.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(int judgeId, int roundId, int entryId, IReadOnlyList<decimal?> points, IReadOnlyList<string?> comments, CancellationToken ct)
    {
        var sheet = await LoadSheetAsync(judgeId, roundId, entryId, ct);
        if (sheet.Error is not null) return new(SubmitStatus.Refused, sheet.Error);
        if (sheet.Card is { } card) return new(SubmitStatus.AlreadyStored, L["已提交"], card.Id, card.Total);
        var problem = CheckDraft(sheet.Info!.Criteria, points, comments);
        if (problem is not null) return new(SubmitStatus.Refused, problem);
        ReviewDraft draft;
        try
        {
            draft = await UpsertDraftAsync(judgeId, roundId, entryId, points, comments, clock.GetUtcNow(), ct);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            return new(SubmitStatus.Failed, L["服务器繁忙，评分尚未保存，请稍后重试"]);
        }
        var result = await scoring.SubmitAsync(judgeId, new ScoreSubmission(roundId, entryId, points, draft.IdempotencyKey, comments), ct);
        if (result.Acknowledged)
        {
            try
            {
                db.ChangeTracker.Clear();
                await db.Set<ReviewDraft>().Where(d => d.Id == draft.Id).ExecuteDeleteAsync(ct);
            }
            catch (System.Data.Common.DbException) { /* the card is stored; a stale draft is harmless (its key is replaced before reuse) */ }
        }
        return result;
    }

    /// <summary>Progress per expert and per entry; behind schedule when a deadline is set (even pace from the start).</summary>
    public async Task<(IReadOnlyList<ExpertProgress> Experts, IReadOnlyList<EntryProgress> Entries)> ProgressAsync(ReviewRound info, CancellationToken ct)
    {
        var roundId = info.Round.Id;
        var current = await CurrentAsync(roundId, ct);
        var cards = (await boards.EffectiveCardsAsync(roundId, ct)).ByEntry.SelectMany(kv => kv.Value.Select(c => (kv.Key, c.Record.JudgeId))).ToHashSet();
        var drafts = (await db.Set<ReviewDraft>().AsNoTracking().Where(d => d.RoundId == roundId).Select(d => new { d.EntryId, d.JudgeId }).ToListAsync(ct))
            .Select(d => (d.EntryId, d.JudgeId)).ToHashSet();
        var now = clock.GetUtcNow();
        var start = info.Settings.StartedAt ?? await db.AuditEntries.AsNoTracking().Where(a => a.Subject == $"轮次 {roundId}" && a.Action == "开始比赛")
            .OrderBy(a => a.Id).Select(a => (DateTimeOffset?)a.At).FirstOrDefaultAsync(ct);
        var experts = info.Panel.Select(j =>
        {
            var mine = current.Where(p => p.JudgeId == j.Id).ToList();
            var submitted = mine.Count(p => cards.Contains((p.EntryId, j.Id)));
            var drafted = mine.Count(p => !cards.Contains((p.EntryId, j.Id)) && drafts.Contains((p.EntryId, j.Id)));
            int? expected = info.Settings.DueAt is { } due && start is { } s ? ReviewSchedule.ExpectedBy(mine.Count, s, due, now) : null;
            return new ExpertProgress(j, mine.Count, drafted, submitted, expected, expected is { } x && submitted < x);
        }).ToList();
        var entries = info.Entries.Select(e => new EntryProgress(e.EntryId, e.Code, info.EntryRows[e.EntryId].Entry.Title,
            current.Count(p => p.EntryId == e.EntryId && cards.Contains((e.EntryId, p.JudgeId))), current.Count(p => p.EntryId == e.EntryId))).ToList();
        return (experts, entries);
    }

    /// <summary>The results table and outliers from the effective cards (<see cref="ReviewResults"/>, <see cref="Outliers"/>).</summary>
    public async Task<ReviewResultsView> ResultsAsync(ReviewRound info, bool normalise, CancellationToken ct)
    {
        var byEntry = (await boards.EffectiveCardsAsync(info.Round.Id, ct)).ByEntry;
        var cards = byEntry.SelectMany(kv => kv.Value.Select(c => new ReviewCard(kv.Key, c.Record.JudgeId, c.Record.Total))).ToList();
        var current = await CurrentAsync(info.Round.Id, ct);
        var results = ReviewResults.Summarise(info.Entries.Select(e => e.EntryId), cards, normalise);
        var rows = results.Select(r =>
        {
            var (entry, unit) = info.EntryRows[r.EntryId];
            return (r, entry.Code, entry.Title, unit, current.Count(p => p.EntryId == r.EntryId));
        }).OrderByDescending(x => x.r.RawMean ?? decimal.MinValue).ThenBy(x => x.Code, StringComparer.Ordinal).ToList();
        var judges = info.Panel.ToDictionary(j => j.Id);
        var outliers = Outliers.Find(cards).Select(f => new OutlierLine(f,
            $"{info.EntryRows[f.EntryId].Entry.Code} {info.EntryRows[f.EntryId].Entry.Title}",
            judges.TryGetValue(f.JudgeId, out var j) ? $"{j.Code} {j.Name}" : $"评委 {f.JudgeId}")).ToList();
        return new ReviewResultsView(rows, outliers, Outliers.PooledSd(cards), normalise);
    }

    /// <summary>
    /// The reminder text for an expert behind schedule (催办), ready to copy into a message, e.g.
    /// "罗浩专家您好：创新案例初审线上评审将于7月10日 18:00截止，您已提交 2/9 件，请登录评审系统（评审码登录）按时完成。谢谢！"
    /// (a programme's review: "…专家您好：2025—2026年上海市政府质量奖 · 初评线上评审…").
    /// </summary>
    public static string ReminderText(ReviewRound info, ExpertProgress p) =>
        $"{p.Judge.Name}专家您好：{RoundTitle.Stage(info.Round)}线上评审" +
        (info.Settings.DueAt is { } due ? $"将于{Judging.Domain.Competitions.ShanghaiTime.ToLocal(due):M月d日 HH:mm}截止" : "正在进行") +
        $"，您已提交 {p.Submitted}/{p.Assigned} 件，请登录评审系统（评审码登录）按时完成。谢谢！";
}
