namespace Judging.App.LiveRounds;

using System.Security.Cryptography;
using Judging.App.Persistence;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The organiser's controls of a live round: draw the running order, start, move "now on stage",
/// open and close scoring, pause and resume, hide and reveal scores, close. Every action is written to
/// the audit log and announced as <see cref="RoundChanged"/>. Methods return a Chinese error or null.
/// </summary>
public sealed class RoundConsole(JudgingDb db, ILiveEvents events, TimeProvider clock)
{
    /// <summary>Draws a new random running order (出场顺序抽签); only before the round starts.</summary>
    public Task<string?> DrawRunningOrderAsync(int roundId, string actor, CancellationToken ct) =>
        ChangeAsync(roundId, actor, "抽签确定出场顺序", async round =>
        {
            if (round.Status != RoundStatus.NotStarted) return "比赛开始后不能重新抽签";
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
            if (round.Status != RoundStatus.NotStarted) return Task.FromResult<string?>("比赛已开始");
            round.Status = RoundStatus.Live;
            return Task.FromResult<string?>(null);
        }, ct);

    /// <summary>Puts <paramref name="entryId"/> on stage; scoring of the previous speaker closes.</summary>
    public Task<string?> SetOnStageAsync(int roundId, int entryId, string actor, CancellationToken ct) =>
        ChangeAsync(roundId, actor, $"上场：作品 {entryId}", async round =>
        {
            if (round.Status is RoundStatus.NotStarted or RoundStatus.Closed) return "比赛未在进行中";
            if (!await db.RoundEntries.AnyAsync(x => x.RoundId == roundId && x.EntryId == entryId, ct)) return "该作品不在本轮出场名单中";
            round.OnStageEntryId = entryId;
            round.ScoringOpen = false;
            return null;
        }, ct);

    /// <summary>Opens or closes scoring for the speaker on stage.</summary>
    public Task<string?> SetScoringOpenAsync(int roundId, bool open, string actor, CancellationToken ct) =>
        ChangeAsync(roundId, actor, open ? "开放评分" : "关闭评分", round =>
        {
            if (open && round.Status != RoundStatus.Live) return Task.FromResult<string?>("比赛未在进行中");
            if (open && round.OnStageEntryId is null) return Task.FromResult<string?>("请先选择上场选手");
            round.ScoringOpen = open;
            return Task.FromResult<string?>(null);
        }, ct);

    /// <summary>Pauses (no score accepted) or resumes the round.</summary>
    public Task<string?> SetPausedAsync(int roundId, bool paused, string actor, CancellationToken ct) =>
        ChangeAsync(roundId, actor, paused ? "暂停比赛" : "恢复比赛", round =>
        {
            if (paused && round.Status != RoundStatus.Live) return Task.FromResult<string?>("比赛未在进行中");
            if (!paused && round.Status != RoundStatus.Paused) return Task.FromResult<string?>("比赛未暂停");
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
            if (round.Status == RoundStatus.Closed) return Task.FromResult<string?>("比赛已结束");
            round.Status = RoundStatus.Closed;
            round.ScoringOpen = false;
            return Task.FromResult<string?>(null);
        }, ct);

    private async Task<string?> ChangeAsync(int roundId, string actor, string action, Func<Round, Task<string?>> change, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return "轮次不存在";
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
            return "轮次状态已被其他人修改，请刷新后重试";
        }
        await events.PublishAsync(new RoundChanged(roundId), ct);
        return null;
    }

    private static string Describe(Round r) =>
        $"status={r.Status};onStage={r.OnStageEntryId};scoringOpen={r.ScoringOpen};hideScores={r.HideScores}";
}
