namespace Judging.App.Calibration;

using Judging.App.Films;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.App.Scoring;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

/// <summary>
/// Calibration before a live round (issue 14, §1, first bullet): the organiser picks one or two reference performances
/// (<see cref="CalibrationSample"/>), every judge of the round scores each on the pad as a trial card
/// (<see cref="CalibrationCard"/>) that never counts, and the chief judge sees the panel's spread per criterion and each
/// judge's offset from the panel median. Refusals are in the UI culture (English in Resources/Calibration/CalibrationService.en.resx);
/// the audit log stays Chinese.
/// </summary>
public sealed class CalibrationService(JudgingDb db, ILiveEvents events, IOptions<ScoringOptions> scoring, TimeProvider clock,
    ILogger<CalibrationService> log, IStringLocalizer<CalibrationService> L, IStringLocalizer<Wordings> W)
{
    /// <summary>Most samples per round (issue 14, §1: "one or two reference performances").</summary>
    public const int MaxSamples = 2;

    /// <summary>The organiser's view of <paramref name="roundId"/>'s samples, or null for an unknown round.</summary>
    public async Task<CalibrationSamplesView?> LoadSamplesAsync(int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        var samples = await db.Set<CalibrationSample>().AsNoTracking().Where(s => s.RoundId == roundId).OrderBy(s => s.Position).ToListAsync(ct);
        var ids = samples.Select(s => s.Id).ToList();
        var cards = await db.Set<CalibrationCard>().AsNoTracking().Where(c => ids.Contains(c.SampleId))
            .GroupBy(c => c.SampleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var films = await FilmsAsync(round.CompetitionId, ct);
        var names = films.ToDictionary(f => f.EntryId, f => $"{f.Code} {f.Title}");
        var rows = samples.Select(s => new SampleRow(s.Id, s.Position, s.Title, s.Description, s.FilmEntryId,
            s.FilmEntryId is { } f ? names.GetValueOrDefault(f) : null, cards.GetValueOrDefault(s.Id))).ToList();
        return new CalibrationSamplesView(round.Id, round.Status, round.Online, rows, films);
    }

    /// <summary>The films of <paramref name="competitionId"/> that have a video (track MicroFilm with a FilmAsset), by 作品编号.</summary>
    private Task<List<FilmChoice>> FilmsAsync(int competitionId, CancellationToken ct) =>
        (from e in db.Entries.AsNoTracking()
         join a in db.Set<FilmAsset>().AsNoTracking() on e.Id equals a.EntryId
         where e.CompetitionId == competitionId && e.Track == Track.MicroFilm
         orderby e.Code
         select new FilmChoice(e.Id, e.Code, e.Title)).ToListAsync(ct);

    /// <summary>
    /// Adds a sample to <paramref name="roundId"/> at the lowest free position (1 or 2), audited as <paramref name="actor"/>
    /// (Chinese). Refused (message returned; null on success) for an unknown or online round, a round already started, a third
    /// sample, an empty title (or one over 200 characters, a description over 2,000), a film that is not a film with a video of the
    /// round's competition, or neither description nor film.
    /// </summary>
    public async Task<string?> AddSampleAsync(int roundId, string? title, string? description, int? filmEntryId, string actor, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return L["轮次不存在"];
        if (round.Online) return L["线上评审不设试评"];
        if (round.Status != RoundStatus.NotStarted) return L["比赛已开始，不能再修改试评样例"];
        title = title?.Trim() ?? "";
        description = description?.Trim() ?? "";
        if (title.Length == 0) return L["请填写样例名称"];
        if (title.Length > 200 || description.Length > 2000) return L["样例名称不超过 200 字，说明不超过 2000 字"];
        string? film = null;
        if (filmEntryId is { } fid)
        {
            var choice = (await FilmsAsync(round.CompetitionId, ct)).FirstOrDefault(f => f.EntryId == fid);
            if (choice is null) return L["所选影片不在本届大赛的影片库中"];
            film = $"{choice.Code} {choice.Title}";
        }
        else if (description.Length == 0) return L["请填写样例说明或选择一部影片"];
        var taken = await db.Set<CalibrationSample>().Where(s => s.RoundId == roundId).Select(s => s.Position).ToListAsync(ct);
        if (taken.Count >= MaxSamples) return L["每轮最多 {0} 个试评样例", MaxSamples];
        var position = Enumerable.Range(1, MaxSamples).First(p => !taken.Contains(p));
        var now = clock.GetUtcNow();
        db.Add(new CalibrationSample
        {
            RoundId = roundId, Position = position, Title = title, Description = description, FilmEntryId = filmEntryId,
            CreatedBy = actor, CreatedAt = now,
        });
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "添加试评样例", Subject = $"轮次 {roundId} 试评样例 {position}",
            After = film is null ? title : $"{title}（影片 {film}）",
        });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e)
        {
            // A concurrent add took the position (unique round + position): the page re-reads and the organiser tries again.
            log.LogInformation(e, "Calibration sample not added to round {RoundId}", roundId);
            db.ChangeTracker.Clear();
            return L["试评样例未保存（可能有人同时添加），请刷新后重试"];
        }
        await events.PublishAsync(new RoundChanged(roundId), ct);
        return null;
    }

    /// <summary>
    /// Removes sample <paramref name="sampleId"/>, audited as <paramref name="actor"/>. Refused (message returned; null on
    /// success) once its round has started or a judge has a trial card on it (trial cards are append-only).
    /// </summary>
    public async Task<string?> RemoveSampleAsync(int sampleId, string actor, CancellationToken ct)
    {
        var sample = await db.Set<CalibrationSample>().FirstOrDefaultAsync(s => s.Id == sampleId, ct);
        if (sample is null) return L["试评样例不存在"];
        var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == sample.RoundId, ct);
        if (round.Status != RoundStatus.NotStarted) return L["比赛已开始，不能再修改试评样例"];
        if (await db.Set<CalibrationCard>().AnyAsync(c => c.SampleId == sampleId, ct)) return L["已有评委试评该样例，不能删除"];
        db.Remove(sample);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = actor, Action = "删除试评样例", Subject = $"轮次 {sample.RoundId} 试评样例 {sample.Position}",
            Before = sample.Title,
        });
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new RoundChanged(sample.RoundId), ct);
        return null;
    }

    /// <summary>
    /// The sample <paramref name="judgeId"/> is to score now in <paramref name="roundId"/>: the first by position without their
    /// trial card, while the round has not started and the judge sits on its panel; null otherwise (the pad's normal state).
    /// </summary>
    public async Task<TrialSample?> LoadTrialAsync(int judgeId, int roundId, CancellationToken ct)
    {
        var judge = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == judgeId, ct);
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (judge is null || round is null || round.Online || round.Status != RoundStatus.NotStarted || !judge.Judges(round)) return null;
        var samples = await db.Set<CalibrationSample>().AsNoTracking().Where(s => s.RoundId == roundId).OrderBy(s => s.Position).ToListAsync(ct);
        if (samples.Count == 0) return null;
        var ids = samples.Select(s => s.Id).ToList();
        var done = await db.Set<CalibrationCard>().AsNoTracking().Where(c => c.JudgeId == judgeId && ids.Contains(c.SampleId)).Select(c => c.SampleId).ToListAsync(ct);
        var next = samples.FirstOrDefault(s => !done.Contains(s.Id));
        if (next is null) return null;
        string? filmTitle = null;
        if (next.FilmEntryId is { } f)
            filmTitle = await db.Entries.AsNoTracking().Where(e => e.Id == f).Select(e => e.Code + " " + e.Title).FirstOrDefaultAsync(ct);
        return new TrialSample(next.Id, next.Position, samples.Count, next.Title, next.Description,
            next.FilmEntryId is { } film ? FilmEndpoints.VideoUrl(film) : null, filmTitle);
    }

    /// <summary>
    /// Stores <paramref name="judgeId"/>'s trial card on <paramref name="sampleId"/>, validated like a real card
    /// (<see cref="ScoreCardRules.Validate"/> against the round's sheet, step <see cref="ScoringOptions.Step"/>), once per
    /// (sample, judge) and once per key. Refused for a judge not on the round's panel (<see cref="Panels.Judges"/>; conflicts
    /// do not apply to a sample) and once the round has started. Never throws for a rule violation: see the result. Publishes
    /// <see cref="ScoreChanged"/> with the round, entry 0 and the judge once stored.
    /// </summary>
    public async Task<SubmitResult> SubmitTrialAsync(int judgeId, int sampleId, IReadOnlyList<decimal?> points, string? key, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length is < 8 or > 64) return new(SubmitStatus.Refused, L["提交标识无效，请刷新页面后重试"]);
        var existing = await db.Set<CalibrationCard>().AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == key, ct);
        if (existing is not null) return Same(existing, judgeId, sampleId);
        var judge = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == judgeId, ct);
        var sample = await db.Set<CalibrationSample>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sampleId, ct);
        var round = sample is null ? null : await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == sample.RoundId, ct);
        if (judge is null || sample is null || round is null) return new(SubmitStatus.Refused, L["评委或试评样例不存在"]);
        if (!judge.Judges(round)) return new(SubmitStatus.Refused, L["您不是本轮次的评委"]);
        if (round.Status != RoundStatus.NotStarted) return new(SubmitStatus.Refused, L["比赛已开始，试评已结束"]);
        if (await db.Set<CalibrationCard>().AnyAsync(c => c.SampleId == sampleId && c.JudgeId == judgeId, ct))
            return new(SubmitStatus.Refused, L["您已提交过该样例的试评"]);
        var criteria = await db.Criteria.AsNoTracking().Where(c => c.ScoreSheetId == round.ScoreSheetId).OrderBy(c => c.Order).ToListAsync(ct);
        var problems = ScoreCardRules.Validate(criteria, points ?? [], scoring.Value.Step);
        if (problems.Count > 0) return new(SubmitStatus.Refused, W.Word(Wording.Join("；", problems))!);

        var values = points!.Select(p => p!.Value).ToList();
        var card = new CalibrationCard
        {
            SampleId = sampleId, JudgeId = judgeId, Points = ScoreRecord.FormatPoints(values), Total = ScoreCardRules.Total(values),
            SubmittedAt = clock.GetUtcNow(), IdempotencyKey = key,
        };
        db.Add(card);
        try { await db.SaveChangesAsync(ct); }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            db.ChangeTracker.Clear();
            try
            {
                // A concurrent submission may have won a unique index: the same key → acknowledged; another key → refused.
                var winner = await db.Set<CalibrationCard>().AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == key, ct);
                if (winner is not null) return Same(winner, judgeId, sampleId);
                if (await db.Set<CalibrationCard>().AnyAsync(c => c.SampleId == sampleId && c.JudgeId == judgeId, ct))
                    return new(SubmitStatus.Refused, L["您已提交过该样例的试评"]);
            }
            catch (Exception again) when (again is System.Data.Common.DbException or InvalidOperationException)
            {
                log.LogWarning(again, "Could not re-read after a failed trial card write");
            }
            log.LogWarning(e, "Trial card not stored: sample {SampleId} judge {JudgeId}", sampleId, judgeId);
            return new(SubmitStatus.Failed, L["服务器繁忙，试评尚未保存，请稍后重试"]);
        }
        await events.PublishAsync(new ScoreChanged(round.Id, 0, judgeId), ct);
        return new(SubmitStatus.Stored, L["已提交试评"], card.Id, card.Total);
    }

    private SubmitResult Same(CalibrationCard existing, int judgeId, int sampleId) =>
        existing.JudgeId == judgeId && existing.SampleId == sampleId
            ? new(SubmitStatus.AlreadyStored, L["已提交试评"], existing.Id, existing.Total)
            : new(SubmitStatus.Refused, L["提交标识已被使用，请刷新页面后重试"]);

    /// <summary>
    /// The calibration of <paramref name="roundId"/> for the chief judge (issue 14, §1), or null for an unknown round: per
    /// sample, per criterion (sheet names) the min, median, max and raw MAD of the judges' points; per judge the total, the
    /// offset from the median of the sample's totals (signed points) and whether <see cref="PanelFlags.Check"/> (FlagK,
    /// FlagMinPanel, FlagMadFloor) flags the card; and the panel's judges without a card yet.
    /// </summary>
    public async Task<CalibrationPanelView?> LoadPanelAsync(int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        var division = round.DivisionId is { } d ? await db.Divisions.AsNoTracking().Where(x => x.Id == d).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var criteria = await db.Criteria.AsNoTracking().Where(c => c.ScoreSheetId == round.ScoreSheetId).OrderBy(c => c.Order).ToListAsync(ct);
        var samples = await db.Set<CalibrationSample>().AsNoTracking().Where(s => s.RoundId == roundId).OrderBy(s => s.Position).ToListAsync(ct);
        var ids = samples.Select(s => s.Id).ToList();
        var cards = await db.Set<CalibrationCard>().AsNoTracking().Where(c => ids.Contains(c.SampleId)).ToListAsync(ct);
        var panel = (await db.JudgesOf(round).ToListAsync(ct)).OrderBy(j => j.Code, StringComparer.Ordinal).ToList();
        var names = await db.Judges.AsNoTracking().Where(j => j.CompetitionId == round.CompetitionId).ToDictionaryAsync(j => j.Id, j => $"{j.Code} {j.Name}", ct);
        var o = scoring.Value;

        var result = new List<SamplePanel>();
        foreach (var s in samples)
        {
            var mine = cards.Where(c => c.SampleId == s.Id).Select(c => (Card: c, Points: c.ParsePoints()))
                .Where(x => x.Points.Count == criteria.Count)
                .OrderBy(x => names.GetValueOrDefault(x.Card.JudgeId, ""), StringComparer.Ordinal).ToList();
            var spread = criteria.Select((c, i) =>
            {
                var values = mine.Select(x => x.Points[i]).ToList();
                var median = Aggregation.Median(values);
                return new CriterionSpread(c.Name, c.MaxPoints, values.Count == 0 ? null : values.Min(), median,
                    values.Count == 0 ? null : values.Max(), median is { } m ? Aggregation.Median(values.Select(v => Math.Abs(v - m)).ToList()) : null);
            }).ToList();
            var medianTotal = Aggregation.Median(mine.Select(x => x.Card.Total).ToList());
            var flags = PanelFlags.Check(mine.Select(x => new PanelCard(x.Card.JudgeId, x.Points)).ToList(), o).ToDictionary(f => f.JudgeId);
            var rows = mine.Select(x =>
            {
                var flag = flags.GetValueOrDefault(x.Card.JudgeId);
                return new TrialRow(x.Card.JudgeId, names.GetValueOrDefault(x.Card.JudgeId, ""), x.Points, x.Card.Total,
                    x.Card.Total - medianTotal!.Value, flag is not null,
                    flag?.DrivingCriterion is { } dc ? criteria[dc].Name : null, x.Card.SubmittedAt);
            }).ToList();
            var scored = mine.Select(x => x.Card.JudgeId).ToHashSet();
            var missing = panel.Where(j => !scored.Contains(j.Id)).Select(j => $"{j.Code} {j.Name}").ToList();
            result.Add(new SamplePanel(s.Id, s.Position, s.Title, medianTotal, spread, rows, missing));
        }
        return new CalibrationPanelView(round.Id, RoundTitle.Name(round, division), round.Status, criteria.Select(c => c.Name).ToList(), result);
    }

    /// <summary>
    /// The chief judge's page: <see cref="LoadPanelAsync"/> for each round of <paramref name="chiefJudgeId"/>'s panel
    /// (<see cref="Panels.RoundsOf"/>) that has samples, newest round first; null when they are not a chief judge.
    /// </summary>
    public async Task<CalibrationChiefView?> LoadChiefAsync(int chiefJudgeId, CancellationToken ct)
    {
        var chief = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == chiefJudgeId && j.IsChief, ct);
        if (chief is null) return null;
        var ids = await db.RoundsOf(chief).Select(r => r.Id).ToListAsync(ct);
        var withSamples = await db.Set<CalibrationSample>().AsNoTracking().Where(s => ids.Contains(s.RoundId)).Select(s => s.RoundId).Distinct().ToListAsync(ct);
        var rounds = new List<CalibrationPanelView>();
        foreach (var id in withSamples.OrderDescending())
            if (await LoadPanelAsync(id, ct) is { } view) rounds.Add(view);
        return new CalibrationChiefView(ids.ToHashSet(), rounds);
    }
}
