namespace Judging.App.LiveRounds;

using Judging.App.Scoring;

using System.Security.Cryptography;
using Judging.App.Persistence;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// The organiser's controls of a live round: draw the running order, start, move "now on stage",
/// open and close scoring, pause and resume, hide and reveal scores, close. Every action is written to
/// the audit log (in Chinese, as the record) and announced as <see cref="RoundChanged"/>. Methods return a refusal in the
/// caller's language (zh-CN as written here, English in <c>Resources/LiveRounds/RoundConsole.en.resx</c>) or null.
/// </summary>
public sealed class RoundConsole(JudgingDb db, ILiveEvents events, TimeProvider clock, LeaderboardService boards, IStringLocalizer<RoundConsole> L)
{
    /// <summary>
    /// The console page's read model (<see cref="ConsoleView"/>), or null for an unknown round: the round's switches, its staff
    /// leaderboard (running order with progress, scores and ranks), the speaker on stage and the next one in running order, and
    /// per judge of the panel whether they avoid, have submitted (an effective card: latest without an unlock) or are awaited
    /// for the speaker on stage.
    /// </summary>
    public async Task<ConsoleView?> LoadAsync(int roundId, CancellationToken ct)
    {
        var view = await boards.GetForStaffAsync(roundId, ct);
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || view is null) return null;
        var panel = await RoundPanel.LoadAsync(db, round, ct);
        var ordered = view.Rows.OrderBy(r => r.Position).ToList();
        var onStage = ordered.FirstOrDefault(r => r.OnStage);
        var next = onStage is null ? ordered.FirstOrDefault() : ordered.FirstOrDefault(r => r.Position > onStage.Position);
        var judges = new List<ConsoleJudge>();
        if (onStage is not null)
        {
            var entry = await db.Entries.AsNoTracking().FirstAsync(e => e.Id == onStage.EntryId, ct);
            var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == entry.UnitId, ct);
            var submitted = (await db.EffectiveScoreRecords()
                .Where(r => r.RoundId == roundId && r.EntryId == entry.Id)
                .Select(r => r.JudgeId).ToListAsync(ct)).ToHashSet();
            judges.AddRange(panel.Judges.Select(j => new ConsoleJudge(j.Code, j.Name, j.Affiliation,
                panel.IsConflicted(j, unit) ? JudgeProgress.Conflicted : submitted.Contains(j.Id) ? JudgeProgress.Submitted : JudgeProgress.Awaited)));
        }
        else judges.AddRange(panel.Judges.Select(j => new ConsoleJudge(j.Code, j.Name, j.Affiliation, JudgeProgress.Awaited)));
        return new ConsoleView(round.Id, view.Title, round.Status, round.ScoringOpen, round.HideScores, ordered, onStage, next, judges, round.ProgrammeName);
    }

    /// <summary>Draws a new random running order (出场顺序抽签); only before the round starts.</summary>
    public Task<string?> DrawRunningOrderAsync(int roundId, string actor, CancellationToken ct) =>
        ChangeAsync(roundId, actor, "抽签确定出场顺序", async round =>
        {
            if (round.Status != RoundStatus.NotStarted) return L["比赛开始后不能重新抽签"];
            var lines = await db.RoundEntries.Where(x => x.RoundId == roundId).ToListAsync(ct);
            var positions = Enumerable.Range(1, lines.Count).ToArray();
            RandomNumberGenerator.Shuffle(positions.AsSpan());
            // Two steps so the unique (round, position) order never collides mid-update.
            for (var i = 0; i < lines.Count; i++) lines[i].Position = -positions[i];
            await db.SaveChangesAsync(ct);
            foreach (var l in lines) l.Position = -l.Position;
            return null;
        }, ct);

    /// <summary>Starts the round (进行中).</summary>
    public Task<string?> StartAsync(int roundId, string actor, CancellationToken ct) =>
        ChangeAsync(roundId, actor, "开始比赛", round =>
        {
            if (round.Status != RoundStatus.NotStarted) return Task.FromResult<string?>(L["比赛已开始"]);
            round.Status = RoundStatus.Live;
            return Task.FromResult<string?>(null);
        }, ct);

    /// <summary>Puts <paramref name="entryId"/> on stage; scoring of the previous speaker closes.</summary>
    public Task<string?> SetOnStageAsync(int roundId, int entryId, string actor, CancellationToken ct) =>
        ChangeAsync(roundId, actor, $"上场：作品 {entryId}", async round =>
        {
            if (round.Status is RoundStatus.NotStarted or RoundStatus.Closed) return L["比赛未在进行中"];
            if (!await db.RoundEntries.AnyAsync(x => x.RoundId == roundId && x.EntryId == entryId, ct)) return L["该作品不在本轮出场名单中"];
            round.OnStageEntryId = entryId;
            round.ScoringOpen = false;
            return null;
        }, ct);

    /// <summary>Opens or closes scoring for the speaker on stage.</summary>
    public Task<string?> SetScoringOpenAsync(int roundId, bool open, string actor, CancellationToken ct) =>
        ChangeAsync(roundId, actor, open ? "开放评分" : "关闭评分", round =>
        {
            if (open && round.Status != RoundStatus.Live) return Task.FromResult<string?>(L["比赛未在进行中"]);
            if (open && round.OnStageEntryId is null) return Task.FromResult<string?>(L["请先选择上场选手"]);
            round.ScoringOpen = open;
            return Task.FromResult<string?>(null);
        }, ct);

    /// <summary>Pauses (no score accepted) or resumes the round.</summary>
    public Task<string?> SetPausedAsync(int roundId, bool paused, string actor, CancellationToken ct) =>
        ChangeAsync(roundId, actor, paused ? "暂停比赛" : "恢复比赛", round =>
        {
            if (paused && round.Status != RoundStatus.Live) return Task.FromResult<string?>(L["比赛未在进行中"]);
            if (!paused && round.Status != RoundStatus.Paused) return Task.FromResult<string?>(L["比赛未暂停"]);
            round.Status = paused ? RoundStatus.Paused : RoundStatus.Live;
            return Task.FromResult<string?>(null);
        }, ct);

    /// <summary>Hides scores on the projector (order and progress only) or reveals them.</summary>
    public Task<string?> SetHideScoresAsync(int roundId, bool hide, string actor, CancellationToken ct) =>
        ChangeAsync(roundId, actor, hide ? "隐藏分数" : "公布分数", round =>
        {
            round.HideScores = hide;
            return Task.FromResult<string?>(null);
        }, ct);

    /// <summary>Closes the round (已结束); no further score is accepted.</summary>
    public Task<string?> CloseAsync(int roundId, string actor, CancellationToken ct) =>
        ChangeAsync(roundId, actor, "结束比赛", round =>
        {
            if (round.Status == RoundStatus.Closed) return Task.FromResult<string?>(L["比赛已结束"]);
            round.Status = RoundStatus.Closed;
            round.ScoringOpen = false;
            return Task.FromResult<string?>(null);
        }, ct);

    private async Task<string?> ChangeAsync(int roundId, string actor, string action, Func<Round, Task<string?>> change, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return L["轮次不存在"];
        var before = Describe(round);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var error = await change(round);
        if (error is not null) return error;
        round.Version++;
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = action, Subject = $"轮次 {roundId}", Before = before, After = Describe(round) });
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return L["轮次状态已被其他人修改，请刷新后重试"];
        }
        await events.PublishAsync(new RoundChanged(roundId), ct);
        return null;
    }

    private static string Describe(Round r) =>
        $"status={r.Status};onStage={r.OnStageEntryId};scoringOpen={r.ScoringOpen};hideScores={r.HideScores}";
}

/// <summary>The round console's read model (<see cref="RoundConsole.LoadAsync"/>).</summary>
/// <param name="RoundId">The round.</param>
/// <param name="Title">Round title with its division.</param>
/// <param name="Status">Not started, live, paused or ended.</param>
/// <param name="ScoringOpen">True while judges may submit for the speaker on stage.</param>
/// <param name="HideScores">True while the projector hides scores.</param>
/// <param name="Rows">The staff leaderboard in running order (出场顺序).</param>
/// <param name="OnStage">The speaker on stage, or null.</param>
/// <param name="Next">The next speaker in running order (the first when none is on stage), or null after the last.</param>
/// <param name="Judges">The round's panel by judge number, with their progress for the speaker on stage.</param>
/// <param name="Programme">The award programme whose review the round runs (<see cref="Round.ProgrammeName"/>), or null: its
/// applications have no speaker (演讲者), the applicant is the unit.</param>
public sealed record ConsoleView(int RoundId, string Title, RoundStatus Status, bool ScoringOpen, bool HideScores,
    IReadOnlyList<LeaderboardRow> Rows, LeaderboardRow? OnStage, LeaderboardRow? Next, IReadOnlyList<ConsoleJudge> Judges, string? Programme = null);

/// <summary>A judge of the panel on the console, with their progress for the speaker on stage.</summary>
public sealed record ConsoleJudge(string Code, string Name, string? Affiliation, JudgeProgress Progress);

/// <summary>Where a judge stands for the speaker on stage.</summary>
public enum JudgeProgress
{
    /// <summary>No effective card yet (未提交).</summary>
    Awaited,
    /// <summary>An effective card is stored (已提交).</summary>
    Submitted,
    /// <summary>Avoids the speaker's unit under the conflict rule (回避); not expected to score.</summary>
    Conflicted,
}
