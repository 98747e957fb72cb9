namespace Judging.App.ResultsEngine;

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Judging.App.Finalists;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

/// <summary>Names of an entry for pages and exports.</summary>
public sealed record EntryInfo(int EntryId, string Code, string Title, string Unit, string? Group, string Recommender, string? Division, string Presenter);

/// <summary>
/// A track's results as computed now from the database: the input (raw cards, rules, decisions), the outcome of
/// <see cref="TrackResults.Compute"/>, or <see cref="Error"/> when the rules cannot be applied (the Domain's rule errors in
/// Chinese; the app's own checks in the UI culture).
/// </summary>
public sealed record TrackResultsView(
    Competition Competition, Track Track, TrackSettings Settings, TrackInput Input, TrackOutcome? Outcome, string? Error,
    IReadOnlyDictionary<int, EntryInfo> Entries, IReadOnlyList<Round> PreliminaryRounds, Round? FinalRound)
{
    /// <summary>
    /// The competition's tally head pinned in the confirmed audit packet (issue 14, §2: printed with the published results),
    /// or null before confirmation and for packets confirmed before the tally existed.
    /// </summary>
    public Judging.Domain.Tally.TallyHead? Tally { get; init; }

    /// <summary>
    /// The award programme whose review edition this is (<see cref="Round.ProgrammeName"/> of its rounds, issue 16), or null
    /// for the contest: the pages then speak of applications, 初评 and 复评.
    /// </summary>
    public string? Programme => PreliminaryRounds.Select(r => r.ProgrammeName).FirstOrDefault(p => p is not null) ?? FinalRound?.ProgrammeName;

    /// <summary>True when every preliminary round of the track is closed.</summary>
    public bool PreliminariesClosed => PreliminaryRounds.Count > 0 && PreliminaryRounds.All(r => r.Status == RoundStatus.Closed);
    /// <summary>True once the organiser confirmed the finalists (the final round exists).</summary>
    public bool FinalistsConfirmed => Settings.FinalistsConfirmedAt is not null;
    /// <summary>True once the organiser confirmed the awards.</summary>
    public bool AwardsConfirmed => Settings.AwardsConfirmedAt is not null;
    /// <summary>True once published on the public results page.</summary>
    public bool Published => Settings.PublishedAt is not null;
}

/// <summary>
/// Loads a track's results input from the append-only records and the organiser's decisions, computes the results
/// with the domain's one pipeline (<see cref="TrackResults"/>), and carries out the organiser's finalist actions.
/// Every action is audited (in Chinese); methods return null or a refusal in the UI culture (zh-CN default, English in
/// Resources/ResultsEngine/TrackResultsService.en.resx).
/// </summary>
public sealed class TrackResultsService(JudgingDb db, LeaderboardService boards, IOptions<ScoringOptions> scoring, ILiveEvents events, TimeProvider clock,
    FilmVoting.IFilmVoteCounts votes, IStringLocalizer<TrackResultsService> L, IStringLocalizer<Wordings> W)
{
    /// <summary>
    /// The tracks of <paramref name="competitionId"/> whose awards the organiser confirmed and published, in track
    /// order: all a public page may show. Read only (no settings are created on a public request).
    /// </summary>
    public async Task<IReadOnlyList<Track>> PublishedTracksAsync(int competitionId, CancellationToken ct) =>
        (await db.Set<TrackSettings>().AsNoTracking()
            .Where(s => s.CompetitionId == competitionId && s.PublishedAt != null && s.AwardsConfirmedAt != null)
            .Select(s => s.Track).ToListAsync(ct)).Order().ToList();

    /// <summary>The names of the recommenders <paramref name="ids"/> of <paramref name="competitionId"/>, by id.</summary>
    public async Task<List<string>> RecommenderNamesAsync(int competitionId, IReadOnlyCollection<int> ids, CancellationToken ct) =>
        await db.Recommenders.AsNoTracking().Where(r => r.CompetitionId == competitionId && ids.Contains(r.Id))
            .OrderBy(r => r.Id).Select(r => r.Name).ToListAsync(ct);

    /// <summary>
    /// The competition and the tracks that have entries in it, in track order (seed 000: the commendation of
    /// recommenders looks across every track); (null, []) for an unknown competition.
    /// </summary>
    public async Task<(Competition? Competition, IReadOnlyList<Track> Tracks)> CompetitionTracksAsync(int competitionId, CancellationToken ct)
    {
        var competition = await db.Competitions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == competitionId, ct);
        if (competition is null) return (null, []);
        var tracks = await db.Entries.AsNoTracking().Where(e => e.CompetitionId == competitionId).Select(e => e.Track).Distinct().ToListAsync(ct);
        return (competition, tracks.Order().ToList());
    }

    /// <summary>The track's results now, or null when the competition does not exist.</summary>
    public async Task<TrackResultsView?> LoadAsync(int competitionId, Track track, CancellationToken ct)
    {
        var competition = await db.Competitions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == competitionId, ct);
        if (competition is null) return null;
        var settings = await SettingsAsync(competitionId, track, ct);
        var entries = await (from e in db.Entries.AsNoTracking()
                             where e.CompetitionId == competitionId && e.Track == track
                             join u in db.Units on e.UnitId equals u.Id
                             join r in db.Recommenders on u.RecommenderId equals r.Id
                             join g in db.Groups on u.GroupId equals (int?)g.Id into gs
                             from g in gs.DefaultIfEmpty()
                             join d in db.Divisions on e.DivisionId equals (int?)d.Id into ds
                             from d in ds.DefaultIfEmpty()
                             select new { e, u, r, Group = g, Division = d }).ToListAsync(ct);
        // Entry order (作品编号) in memory, ordinal: it must not depend on the database's collation.
        entries = entries.OrderBy(x => x.e.Code, StringComparer.Ordinal).ToList();
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.CompetitionId == competitionId && r.Track == track).OrderBy(r => r.Id).ToListAsync(ct);
        var prelims = rounds.Where(r => r.Kind is RoundKind.Preliminary or RoundKind.FirstReview).ToList();
        var final = settings.FinalRoundId is { } fid ? rounds.FirstOrDefault(r => r.Id == fid) : null;
        // Confirmed awards: everything is computed from the stored packet, never from today's records and settings.
        var resultEntries = entries.Select(x => new ResultEntry(x.e.Id, x.e.Code, x.e.Title, x.u.Id, x.u.Name, x.Group?.Id, x.Group?.Name,
            x.r.Id, x.r.Name, x.Division?.Id, x.Division?.Name, Eligibility.Eligible)).ToList();
        var storedPacket = settings.AwardsPacket is { } stored ? AuditPacket.Parse(stored) : null;
        var input = storedPacket is not null
            ? storedPacket.Input
            : await InputFromRecordsAsync(competition, track, settings, resultEntries, prelims, final, ct);
        string? error = null;
        TrackOutcome? outcome = null;
        try { outcome = TrackResults.Compute(input); }
        catch (ArgumentException e) { error = e.Message.Split(" (Parameter")[0]; }
        // The stored packet's hash covers its input and results: recomputed results that hash the same are the confirmed ones.
        if (outcome is not null && settings.AwardsSha256 is { } sha && AuditPacket.Create(input, outcome, storedPacket?.Tally, storedPacket?.Panels).Sha256 != sha)
            error = L["已确认的获奖结果无法由存档重新算出（审计包核验失败），请联系管理员"];
        if (error is null && outcome is not null && final is not null)
        {
            var roundEntries = await db.RoundEntries.AsNoTracking().Where(x => x.RoundId == final.Id).Select(x => x.EntryId).ToListAsync(ct);
            if (!roundEntries.Order().SequenceEqual(outcome.Finalists.FinalistIds.Order()))
                error = L["重新计算的入围名单与决赛出场名单不一致（规则或评分在确认后被改动），不能据此评定奖项，请联系管理员"];
        }
        var infos = entries.ToDictionary(x => x.e.Id, x => new EntryInfo(x.e.Id, x.e.Code, x.e.Title, x.u.Name, x.Group?.Name, x.r.Name, x.Division?.Name, x.e.Presenter));
        return new TrackResultsView(competition, track, settings, input, outcome, error, infos, prelims, final) { Tally = storedPacket?.Tally };
    }

    /// <summary>
    /// True when the scores of every preliminary round of the view may be public (<see cref="Domain.Reviews.BlindReview.ScoresArePublic"/>):
    /// live rounds always, online review rounds once the organiser has published their results. The finalist list (ordered by
    /// preliminary result, with 候补 places) tells ranks, so it waits for this as well as for confirmation.
    /// </summary>
    public async Task<bool> PreliminaryScoresPublicAsync(TrackResultsView view, CancellationToken ct)
    {
        var online = view.PreliminaryRounds.Where(r => r.Online).Select(r => r.Id).ToList();
        if (online.Count == 0) return true;
        var settings = await db.Set<Domain.Reviews.ReviewSettings>().AsNoTracking().Where(s => online.Contains(s.RoundId)).ToDictionaryAsync(s => s.RoundId, ct);
        return view.PreliminaryRounds.All(r => Domain.Reviews.BlindReview.ScoresArePublic(r, settings.GetValueOrDefault(r.Id)));
    }

    /// <summary>The results input from the append-only cards, the settings and the decisions in force.</summary>
    private async Task<TrackInput> InputFromRecordsAsync(Competition competition, Track track, TrackSettings settings, List<ResultEntry> entries,
        IReadOnlyList<Round> prelims, Round? final, CancellationToken ct)
    {
        var decisions = await CurrentDecisionsAsync(competition.Id, track, ct);
        var eligibility = decisions.Where(d => d.Kind == DecisionKind.Eligibility)
            .ToDictionary(d => int.Parse(d.Key, CultureInfo.InvariantCulture), d => (Value: Enum.Parse<Eligibility>(d.Value), d.Reason));
        var prelimCards = new List<ScoreCard>();
        foreach (var r in prelims) prelimCards.AddRange(await CardsAsync(r.Id, ct));
        return new TrackInput
        {
            Competition = competition.Name,
            Year = competition.Year,
            Track = track,
            Scoring = settings.ScoringSnapshot is { } frozen ? JsonSerializer.Deserialize<ScoringOptions>(frozen)! : scoring.Value,
            Entries = entries.Select(e => eligibility.TryGetValue(e.EntryId, out var el) && el.Value != Eligibility.Eligible
                ? e with { Eligibility = el.Value, EligibilityReason = el.Reason } : e).ToList(),
            PreliminaryCards = prelimCards,
            FinalistRules = settings.FinalistRules(),
            FinalistDecisions = new FinalistDecisions
            {
                Overrides = decisions.Where(d => d.Kind == DecisionKind.FinalistOverride && d.Value != "Clear")
                    .Select(d => new FinalistOverride(int.Parse(d.Key, CultureInfo.InvariantCulture), Enum.Parse<OverrideKind>(d.Value), d.Reason ?? "")).ToList(),
                // Every stored key is one the engine wrote (CutKey's text); a row under any other text would name no cut and settle nothing.
                Ties = decisions.Where(d => d.Kind == DecisionKind.FinalistTie && CutKey.TryParse(d.Key, out _))
                    .ToDictionary(d => CutKey.Parse(d.Key), d => Enum.Parse<TieResolution>(d.Value)),
            },
            FinalCards = final is null ? [] : await CardsAsync(final.Id, ct),
            TierRules = settings.TierRules(),
            TierDecisions = decisions.Where(d => d.Kind == DecisionKind.TierTie).ToDictionary(d => d.Key, d => Enum.Parse<TieResolution>(d.Value)),
            PublicVotes = track == Track.MicroFilm ? await PublicVoteBlendAsync(competition.Id, settings, prelims, ct) : null,
            // Held = the organiser closed the final; until then the finalists await it (待决赛), whatever cards are in.
            FinalPending = final is null || final.Status != RoundStatus.Closed,
        };
    }

    /// <summary>
    /// Films: the public vote blended into the preliminary (<see cref="PublicVoteBlend"/>): the configured weight, the
    /// preliminary sheet's full marks, and the accepted votes — frozen at finalist confirmation, live before it.
    /// </summary>
    private async Task<PublicVoteBlend> PublicVoteBlendAsync(int competitionId, TrackSettings settings, IReadOnlyList<Round> prelims, CancellationToken ct)
    {
        var sheetId = prelims.FirstOrDefault()?.ScoreSheetId;
        var fullMarks = sheetId is null ? 100m : (await db.Criteria.AsNoTracking().Where(c => c.ScoreSheetId == sheetId).Select(c => c.MaxPoints).ToListAsync(ct)).Sum();
        var accepted = settings.PublicVotesSnapshot is { } frozen
            ? JsonSerializer.Deserialize<Dictionary<int, long>>(frozen)!
            : new Dictionary<int, long>(await votes.PublicCountsAsync(competitionId, ct));
        return new PublicVoteBlend { VoteWeightPercent = settings.VoteWeightPercent, FullMarks = fullMarks > 0 ? fullMarks : 100m, AcceptedVotes = accepted };
    }

    /// <summary>Films: sets the public vote's weight in the preliminary score (percent, 0–100), before the finalists are confirmed.</summary>
    public Task<string?> SetVoteWeightAsync(int competitionId, Track track, decimal percent, string actor, CancellationToken ct) =>
        ChangeSettingsAsync(competitionId, track, actor, "设置网络投票权重", s =>
        {
            if (track != Track.MicroFilm) return L["只有微电影的初赛成绩结合网络投票"];
            if (s.FinalistsConfirmedAt is not null) return L["入围名单已确认，不能再修改网络投票权重"];
            if (percent is < 0m or > 100m) return L["网络投票权重须在 0–100% 之间，实际为 {0}%", percent];
            s.VoteWeightPercent = percent;
            return null;
        }, s => $"网络投票 {s.VoteWeightPercent:0.##}%，专家评分 {100m - s.VoteWeightPercent:0.##}%", ct);

    private async Task<List<ScoreCard>> CardsAsync(int roundId, CancellationToken ct)
    {
        var cards = await boards.EffectiveCardsAsync(roundId, ct);
        return cards.ByEntry.SelectMany(kv => kv.Value.Select(c => new ScoreCard(kv.Key, c.Record.JudgeId, c.Points)))
            .OrderBy(c => c.EntryId).ThenBy(c => c.JudgeId).ToList();
    }

    /// <summary>The decisions in force: the latest row per (kind, key).</summary>
    public async Task<IReadOnlyList<ResultDecision>> CurrentDecisionsAsync(int competitionId, Track track, CancellationToken ct)
    {
        var all = await db.Set<ResultDecision>().AsNoTracking().Where(d => d.CompetitionId == competitionId && d.Track == track).ToListAsync(ct);
        return all.GroupBy(d => (d.Kind, d.Key)).Select(g => g.MaxBy(d => d.Id)!).OrderBy(d => d.Id).ToList();
    }

    /// <summary>The track's settings, or the defaults (not stored) before the first change: reading never writes.</summary>
    public async Task<TrackSettings> SettingsAsync(int competitionId, Track track, CancellationToken ct) =>
        await db.Set<TrackSettings>().AsNoTracking().FirstOrDefaultAsync(x => x.CompetitionId == competitionId && x.Track == track, ct)
        ?? TrackSettings.DefaultFor(competitionId, track);

    /// <summary>The track's stored settings row, created with the defaults when missing.</summary>
    private async Task<TrackSettings> EnsureSettingsAsync(int competitionId, Track track, CancellationToken ct)
    {
        var s = await db.Set<TrackSettings>().AsNoTracking().FirstOrDefaultAsync(x => x.CompetitionId == competitionId && x.Track == track, ct);
        if (s is not null) return s;
        db.Set<TrackSettings>().Add(TrackSettings.DefaultFor(competitionId, track));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { } // created by someone else at the same moment
        db.ChangeTracker.Clear();
        return await db.Set<TrackSettings>().AsNoTracking().FirstAsync(x => x.CompetitionId == competitionId && x.Track == track, ct);
    }

    /// <summary>Sets the finalist rules (before confirmation). Targets in entries; caps at least 1.</summary>
    public Task<string?> SetFinalistRulesAsync(int competitionId, Track track, FinalistRules rules, string actor, CancellationToken ct) =>
        ChangeSettingsAsync(competitionId, track, actor, "设置入围规则", s =>
        {
            if (s.FinalistsConfirmedAt is not null) return L["入围名单已确认，不能再修改入围规则"];
            var problems = rules.Validate();
            if (problems.Count > 0) return W.Word(Wording.Join("；", problems));
            s.PerDivision = rules.PerDivision;
            s.Overall = rules.Overall;
            s.UnitCap = rules.UnitCap;
            s.GroupCap = rules.GroupCap;
            s.Normalisation = rules.Normalisation;
            return null;
        }, s => s.FinalistRules().Describe().ToString(), ct);

    /// <summary>Admits or drops an entry with a written reason, or clears the override (<paramref name="kind"/> null).</summary>
    public async Task<string?> SetOverrideAsync(int competitionId, Track track, int entryId, OverrideKind? kind, string? reason, string actor, CancellationToken ct)
    {
        if (kind is not null && string.IsNullOrWhiteSpace(reason)) return L["调整入围名单须填写理由"];
        if (kind is not null && await LoadAsync(competitionId, track, ct) is { Outcome: { } o }
            && o.Finalists.Lines.FirstOrDefault(l => l.Candidate.EntryId == entryId) is { Reason: SkipReason.Withdrawn or SkipReason.Ineligible or SkipReason.Unscored } line)
            return L["{0} {1}，不能调整入围；如需恢复请先恢复参赛资格", line.Candidate.Code, W.Word(line.Remark)!];
        return await DecideAsync(competitionId, track, DecisionKind.FinalistOverride, entryId.ToString(), kind?.ToString() ?? "Clear", reason?.Trim(), actor,
            kind switch { OverrideKind.Admit => "破格入围", OverrideKind.Drop => "调出入围名单", _ => "取消入围调整" }, needsEntry: entryId, ct);
    }

    /// <summary>Marks an entry withdrawn or ineligible (with a reason), or eligible again.</summary>
    public async Task<string?> SetEligibilityAsync(int competitionId, Track track, int entryId, Eligibility eligibility, string? reason, string actor, CancellationToken ct)
    {
        if (eligibility != Eligibility.Eligible && string.IsNullOrWhiteSpace(reason)) return L["请填写退赛或取消资格的理由"];
        return await DecideAsync(competitionId, track, DecisionKind.Eligibility, entryId.ToString(), eligibility.ToString(), reason?.Trim(), actor,
            eligibility switch { Eligibility.Withdrawn => "标记退赛", Eligibility.Ineligible => "标记不符合资格", _ => "恢复参赛资格" }, needsEntry: entryId, ct);
    }

    /// <summary>
    /// Settles a tie at a cut-off (<see cref="CutTie.Key"/>); stored under the key's text (<see cref="CutKey.ToString"/>)
    /// with the organiser's <paramref name="reason"/> when given (the page asks for one; the API may omit it).
    /// </summary>
    public Task<string?> ResolveFinalistTieAsync(int competitionId, Track track, CutKey key, TieResolution resolution, string actor, CancellationToken ct,
        string? reason = null) =>
        key.IsCap
            ? Task.FromResult<string?>(L["名额限制下的同分须用“调出”或“破格入围”（写明理由）决定"])
        : resolution == TieResolution.ExcludeAll
            ? Task.FromResult<string?>(L["入围同分只能选择全部入围或按规则决出"])
            : DecideAsync(competitionId, track, DecisionKind.FinalistTie, key.ToString(), resolution.ToString(),
                string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), actor,
                resolution switch { TieResolution.IncludeAll => "同分全部入围", TieResolution.TieBreak => "同分按规则决出", _ => "同分改为待定" }, needsEntry: null, ct);

    /// <summary>
    /// Confirms the finalists: every preliminary round closed, no tie undecided, the track has a final score sheet.
    /// Creates the final round (one stage, all finalists, the final's sheet) with a drawn running order.
    /// </summary>
    public async Task<string?> ConfirmFinalistsAsync(int competitionId, Track track, string actor, CancellationToken ct, string? shown = null)
    {
        var view = await LoadAsync(competitionId, track, ct);
        if (view is null) return L["大赛不存在"];
        if (view.FinalistsConfirmed) return L["入围名单已确认"];
        if (view.Outcome is null) return view.Error ?? L["无法计算入围名单"];
        if (shown is not null && shown != FinalistsFingerprint(view.Outcome)) return L["名单已被其他人修改，请核对刷新后的名单再确认"];
        if (view.PreliminaryRounds.Count == 0) return L["本赛道没有初赛轮次，无法产生入围名单"];
        if (!view.PreliminariesClosed) return L["初赛尚未全部结束，不能确认入围名单"];
        if (!view.Outcome.Finalists.CanConfirm) return L["还有同分待决定，请先处理"];
        // Films: confirmation freezes the votes, so held votes must be decided first (else they would be lost to the result).
        if (track == Track.MicroFilm && await votes.HeldVotesAsync(competitionId, ct) is > 0 and var held)
            return L["还有 {0} 票网络投票待核验（网络投票核验页），请先计入或排除，再确认入围名单", held];
        var finalists = view.Outcome.Finalists.FinalistIds;
        if (finalists.Count == 0) return L["入围名单为空"];
        var finalKind = FinalKindOf(track);
        var sheet = await db.ScoreSheets.AsNoTracking().FirstOrDefaultAsync(s => s.CompetitionId == competitionId && s.Track == track && s.RoundKind == finalKind, ct);
        if (sheet is null) return L["缺少{0}评分表（score_sheets.csv 中轮次为“{1}”的评分表），无法创建{1}轮次", W.Word(ChineseNames.Of(track) + ChineseNames.Of(finalKind)), ChineseNames.Of(finalKind)];
        var seenDecision = await LatestDecisionIdAsync(competitionId, track, ct);

        await EnsureSettingsAsync(competitionId, track, ct);
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settings = await db.Set<TrackSettings>().FirstAsync(x => x.CompetitionId == competitionId && x.Track == track, ct);
        if (settings.FinalistsConfirmedAt is not null) return L["入围名单已确认"];
        if (settings.Version != view.Settings.Version || await LatestDecisionIdAsync(competitionId, track, ct) != seenDecision)
            return L["入围规则或调整已被其他人修改，请核对刷新后的名单再确认"];
        // Scores start hidden on the final's projector: the awards are revealed one by one at the ceremony.
        // A programme's review edition names its 复评 like its 初评 (Round.ProgrammeName).
        var programme = await db.Rounds.Where(r => r.CompetitionId == competitionId && r.Track == track && r.ProgrammeName != null).Select(r => r.ProgrammeName).FirstOrDefaultAsync(ct);
        var round = new Round { CompetitionId = competitionId, Track = track, Kind = finalKind, ScoreSheetId = sheet.Id, Status = RoundStatus.NotStarted, HideScores = true, ProgrammeName = programme };
        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct);
        var positions = Enumerable.Range(1, finalists.Count).ToArray();
        RandomNumberGenerator.Shuffle(positions.AsSpan());
        for (var i = 0; i < finalists.Count; i++)
            db.RoundEntries.Add(new RoundEntry { RoundId = round.Id, EntryId = finalists[i], Position = positions[i] });
        settings.ScoringSnapshot = JsonSerializer.Serialize(view.Input.Scoring);
        settings.PublicVotesSnapshot = view.Input.PublicVotes is { } blend ? JsonSerializer.Serialize(blend.AcceptedVotes) : null;
        settings.FinalistsConfirmedAt = clock.GetUtcNow();
        settings.FinalistsConfirmedBy = actor;
        settings.FinalRoundId = round.Id;
        settings.Version++;
        var codes = string.Join("、", finalists.Select(id => view.Entries[id].Code));
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = actor, Action = "确认入围名单并创建决赛", Subject = Subject(competitionId, track),
            After = $"决赛轮次 {round.Id}；入围 {finalists.Count} 个：{codes}；规则：{view.Settings.FinalistRules().Describe()}",
        });
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return L["设置已被其他人修改，请刷新后重试"];
        }
        await events.PublishAsync(new AwardsChanged(competitionId, track, round.Id), ct);
        return null;
    }

    /// <summary>
    /// Withdraws the confirmation of the finalists, with a reason, while the final has not started and holds no card:
    /// the final round and its running order are removed (audited), and the list can be changed again.
    /// </summary>
    public async Task<string?> UndoFinalistsAsync(int competitionId, Track track, string? reason, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) return L["撤销确认须填写理由"];
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settings = await db.Set<TrackSettings>().FirstOrDefaultAsync(x => x.CompetitionId == competitionId && x.Track == track, ct);
        if (settings?.FinalistsConfirmedAt is null || settings.FinalRoundId is not { } roundId) return L["入围名单尚未确认"];
        var round = await db.Rounds.FirstAsync(r => r.Id == roundId, ct);
        if (round.Status != RoundStatus.NotStarted || await db.ScoreRecords.AnyAsync(r => r.RoundId == roundId, ct))
            return L["决赛已开始，不能撤销入围确认"];
        if (await db.Set<Domain.VenueVoting.AudienceQuestion>().AnyAsync(q => q.RoundId == roundId, ct))
            return L["已为本届决赛创建观众投票，不能撤销入围确认"];
        db.RoundEntries.RemoveRange(await db.RoundEntries.Where(x => x.RoundId == roundId).ToListAsync(ct));
        db.Rounds.Remove(round);
        settings.FinalistsConfirmedAt = null;
        settings.FinalistsConfirmedBy = null;
        settings.FinalRoundId = null;
        settings.ScoringSnapshot = null;
        settings.PublicVotesSnapshot = null;
        settings.Version++;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = actor, Action = "撤销确认入围名单", Subject = Subject(competitionId, track),
            Before = $"决赛轮次 {roundId}", After = "入围名单可再修改", Reason = reason.Trim(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return L["设置已被其他人修改，请刷新后重试"];
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        await events.PublishAsync(new AwardsChanged(competitionId, track, 0), ct);
        return null;
    }

    /// <summary>Appends a decision after checking the stage it belongs to is still open.</summary>
    internal async Task<string?> DecideAsync(int competitionId, Track track, DecisionKind kind, string key, string value, string? reason, string actor,
        string action, int? needsEntry, CancellationToken ct)
    {
        var settings = await SettingsAsync(competitionId, track, ct);
        var finalistStage = kind is DecisionKind.FinalistOverride or DecisionKind.FinalistTie or DecisionKind.Eligibility;
        if (finalistStage && settings.FinalistsConfirmedAt is not null) return L["入围名单已确认，不能再修改"];
        if (kind == DecisionKind.TierTie && settings.AwardsConfirmedAt is not null) return L["获奖名单已确认，不能再修改"];
        string subject = Subject(competitionId, track);
        if (needsEntry is { } entryId)
        {
            var entry = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.CompetitionId == competitionId && e.Track == track, ct);
            if (entry is null) return L["作品不存在"];
            subject += $" · {entry.Code}";
        }
        else if (kind != DecisionKind.Commendation) subject += $" · {key}";
        var previous = await db.Set<ResultDecision>().AsNoTracking()
            .Where(d => d.CompetitionId == competitionId && d.Track == track && d.Kind == kind && d.Key == key)
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        db.Set<ResultDecision>().Add(new ResultDecision { CompetitionId = competitionId, Track = track, Kind = kind, Key = key, Value = value, Reason = reason, Actor = actor, At = now });
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = actor, Action = action, Subject = subject, Before = previous?.Value, After = value, Reason = reason });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await events.PublishAsync(new AwardsChanged(competitionId, track, settings.FinalRoundId ?? 0), ct);
        return null;
    }

    /// <summary>Changes the settings row under its concurrency token, with an audit entry (before and after via <paramref name="describe"/>).</summary>
    internal Task<string?> ChangeSettingsAsync(int competitionId, Track track, string actor, string action, Func<TrackSettings, string?> change,
        Func<TrackSettings, string> describe, CancellationToken ct) =>
        ChangeSettingsAsync(competitionId, track, actor, action, s => Task.FromResult(change(s)), describe, ct);

    /// <summary>As above, with a change that may read the database first (checks that must hold when it is written).</summary>
    internal async Task<string?> ChangeSettingsAsync(int competitionId, Track track, string actor, string action, Func<TrackSettings, Task<string?>> change,
        Func<TrackSettings, string> describe, CancellationToken ct)
    {
        await EnsureSettingsAsync(competitionId, track, ct);
        db.ChangeTracker.Clear();
        var s = await db.Set<TrackSettings>().FirstAsync(x => x.CompetitionId == competitionId && x.Track == track, ct);
        var before = describe(s);
        var error = await change(s);
        if (error is not null) { db.ChangeTracker.Clear(); return error; }
        s.Version++;
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = action, Subject = Subject(competitionId, track), Before = before, After = describe(s) });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { db.ChangeTracker.Clear(); return L["设置已被其他人修改，请刷新后重试"]; }
        db.ChangeTracker.Clear();
        await events.PublishAsync(new AwardsChanged(competitionId, track, s.FinalRoundId ?? 0), ct);
        return null;
    }

    /// <summary>The round the finalists go to: 决赛 for speeches and films, 复审 for innovation cases (seed 000, 附件1 (六)).</summary>
    public static RoundKind FinalKindOf(Track track) => track == Track.InnovationCase ? RoundKind.ReReview : RoundKind.Final;

    /// <summary>Id of the newest decision on the track (0 when none): a confirmation refuses when it moved since the page loaded.</summary>
    public async Task<long> LatestDecisionIdAsync(int competitionId, Track track, CancellationToken ct) =>
        await db.Set<ResultDecision>().Where(d => d.CompetitionId == competitionId && d.Track == track).MaxAsync(d => (long?)d.Id, ct) ?? 0;

    /// <summary>What the organiser confirms when confirming finalists: the finalist ids in order.</summary>
    public static string FinalistsFingerprint(TrackOutcome o) => string.Join(",", o.Finalists.FinalistIds);

    /// <summary>What the organiser confirms when confirming awards: entry and tier down the award order.</summary>
    public static string AwardsFingerprint(TrackOutcome o) => string.Join(",", o.Tiers.Lines.Select(l => $"{l.Candidate.EntryId}:{(int?)l.Tier}"));

    /// <summary>Audit subject of a track, e.g. "大赛 1 · 演讲".</summary>
    public static string Subject(int competitionId, Track track) => $"大赛 {competitionId} · {ChineseNames.Of(track)}";
}
