namespace Judging.App.Defence;

using Judging.App.ResultsEngine;
using System.Globalization;
using Judging.App.Finalists;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.Defence;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// One call of a case to a defence (答辩) or its cancellation, append-only: the latest row per (round, entry) is in force.
/// </summary>
public sealed class DefenceCall
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    /// <summary>True: called (with a slot); false: the call was withdrawn.</summary>
    public bool Called { get; set; }
    /// <summary>Start of the slot, Asia/Shanghai local time (null when withdrawn); stored as the UTC instant.</summary>
    public DateTime? StartsAt { get; set; }
    /// <summary>Slot length, minutes.</summary>
    public int Minutes { get; set; }
    /// <summary>Why called or withdrawn (required).</summary>
    public required string Reason { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A re-review case on the defence page: names, place in the running order, and its slot in force (or null).</summary>
public sealed record DefenceLine(int EntryId, string Code, string Title, string Unit, int Position, DefenceSlot? Slot);

/// <summary>The cases' re-review round and its defence schedule, or why there is none yet (<see cref="Error"/>, Chinese).</summary>
public sealed record DefenceView(int CompetitionId, Round? Round, IReadOnlyList<DefenceLine> Lines, string? Error);

/// <summary>
/// The defence schedule of the innovation cases' re-review (复审) round (seed 000, 四、(二); issue 5): the organiser calls cases
/// to a defence with a slot and a reason (<see cref="DefenceSchedule"/>), withdraws a call with a reason, and applies the
/// schedule to the re-review's running order (before the round starts). The defences are then heard and scored in the
/// re-review round with the live round flow (现场控制): each case on stage, the panel scores on tablets. Every action is
/// audited. Methods return an error in the request's language (zh-CN by default; Resources/Defence/DefenceService.en.resx)
/// or null.
/// </summary>
public sealed partial class DefenceService(JudgingDb db, TrackResultsService results, ILiveEvents events, TimeProvider clock,
    IStringLocalizer<DefenceService> L) : IDefenceSchedule
{
    /// <summary>Adds the defence table to the model (called from <c>JudgingDb.OnModelCreating</c>).</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<DefenceCall>().HasIndex(x => new { x.RoundId, x.EntryId });
        b.Entity<DefenceCall>().Property(x => x.Reason).HasMaxLength(500);
        // A slot is a Beijing wall-clock time in the code; the database keeps the instant in UTC (PostgreSQL's timestamptz
        // takes only UTC). Migration DefenceSlotsInUtc moved the rows an SQLite database had before.
        b.Entity<DefenceCall>().Property(x => x.StartsAt).HasConversion(
            local => local.HasValue ? Judging.Domain.Competitions.ShanghaiTime.FromLocal(local.Value).UtcDateTime : (DateTime?)null,
            utc => utc.HasValue ? Judging.Domain.Competitions.ShanghaiTime.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc.Value, DateTimeKind.Utc))).DateTime : (DateTime?)null);
    }

    /// <summary>The re-review round of the competition's cases with every case and its slot in force.</summary>
    public async Task<DefenceView> LoadAsync(int competitionId, CancellationToken ct)
    {
        var settings = await results.SettingsAsync(competitionId, Track.InnovationCase, ct);
        if (settings.FinalRoundId is not { } roundId)
            return new(competitionId, null, [], L["复审名单尚未确认：请先在创新案例入围名单页确认进入复审的案例"]);
        var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == roundId, ct);
        var rows = await (from re in db.RoundEntries.AsNoTracking()
                          where re.RoundId == roundId
                          join e in db.Entries on re.EntryId equals e.Id
                          join u in db.Units on e.UnitId equals u.Id
                          orderby re.Position
                          select new { e.Id, e.Code, e.Title, Unit = u.Name, re.Position }).ToListAsync(ct);
        var slots = await SlotsAsync(roundId, ct);
        return new(competitionId, round, rows.Select(r => new DefenceLine(r.Id, r.Code, r.Title, r.Unit, r.Position, slots.GetValueOrDefault(r.Id))).ToList(), null);
    }

    private async Task<Dictionary<int, DefenceSlot>> SlotsAsync(int roundId, CancellationToken ct)
    {
        var calls = await db.Set<DefenceCall>().AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct);
        return calls.GroupBy(c => c.EntryId).Select(g => g.MaxBy(c => c.Id)!).Where(c => c.Called && c.StartsAt is not null)
            .ToDictionary(c => c.EntryId, c => new DefenceSlot(c.EntryId, c.StartsAt!.Value, c.Minutes, c.Reason));
    }

    /// <summary>Calls <paramref name="entryId"/> to a defence at <paramref name="startsAt"/> (北京时间) for <paramref name="minutes"/>, or moves its slot.</summary>
    public async Task<string?> CallAsync(int competitionId, int entryId, DateTime startsAt, int minutes, string? reason, string actor, CancellationToken ct)
    {
        var view = await LoadAsync(competitionId, ct);
        if (view.Round is not { } round) return view.Error;
        if (round.Status == RoundStatus.Closed) return L["复审已结束，不能再安排答辩"];
        var slot = new DefenceSlot(entryId, new DateTime(startsAt.Year, startsAt.Month, startsAt.Day, startsAt.Hour, startsAt.Minute, 0), minutes, reason?.Trim() ?? "");
        var error = DefenceSchedule.Check(slot, view.Lines.Select(l => l.EntryId).ToList(), view.Lines.Where(l => l.Slot is not null).Select(l => l.Slot!),
            view.Lines.ToDictionary(l => l.EntryId, l => l.Code));
        if (error is not null) return Say(error);
        var line = view.Lines.First(l => l.EntryId == entryId);
        db.Add(new DefenceCall { RoundId = round.Id, EntryId = entryId, Called = true, StartsAt = slot.StartsAt, Minutes = minutes, Reason = slot.Reason, Actor = actor, At = clock.GetUtcNow() });
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = actor, Action = line.Slot is null ? "安排答辩" : "调整答辩时间", Subject = $"{line.Code} {line.Title}（复审轮次 {round.Id}）",
            Before = line.Slot is { } s ? Describe(s) : null, After = Describe(slot), Reason = slot.Reason,
        });
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new RoundChanged(round.Id), ct);
        return null;
    }

    /// <summary>Withdraws the call of <paramref name="entryId"/>, with a reason.</summary>
    public async Task<string?> CancelAsync(int competitionId, int entryId, string? reason, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) return L["取消答辩须填写理由"];
        var view = await LoadAsync(competitionId, ct);
        if (view.Round is not { } round) return view.Error;
        if (view.Lines.FirstOrDefault(l => l.EntryId == entryId) is not { Slot: { } slot } line) return L["该案例未安排答辩"];
        db.Add(new DefenceCall { RoundId = round.Id, EntryId = entryId, Called = false, Minutes = 0, Reason = reason.Trim(), Actor = actor, At = clock.GetUtcNow() });
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = actor, Action = "取消答辩", Subject = $"{line.Code} {line.Title}（复审轮次 {round.Id}）",
            Before = Describe(slot), After = null, Reason = reason.Trim(),
        });
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new RoundChanged(round.Id), ct);
        return null;
    }

    /// <summary>Sets the re-review's running order from the schedule (defences first, by time); only before the round starts.</summary>
    public async Task<string?> ApplyRunningOrderAsync(int competitionId, string actor, CancellationToken ct)
    {
        var view = await LoadAsync(competitionId, ct);
        if (view.Round is not { } round) return view.Error;
        if (round.Status != RoundStatus.NotStarted) return L["复审已开始，不能再调整出场顺序"];
        var order = DefenceSchedule.RunningOrder(view.Lines.Select(l => l.EntryId).ToList(), view.Lines.Where(l => l.Slot is not null).Select(l => l.Slot!));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lines = await db.RoundEntries.Where(x => x.RoundId == round.Id).ToListAsync(ct);
        // Two steps so the unique (round, position) never collides mid-update.
        foreach (var l in lines) l.Position = -(order.ToList().IndexOf(l.EntryId) + 1);
        await db.SaveChangesAsync(ct);
        foreach (var l in lines) l.Position = -l.Position;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = actor, Action = "按答辩安排确定复审出场顺序", Subject = $"复审轮次 {round.Id}",
            After = string.Join("、", order.Select(id => view.Lines.First(l => l.EntryId == id).Code)),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await events.PublishAsync(new RoundChanged(round.Id), ct);
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^与(?<code>.+)的答辩时间（(?<from>.+)–(?<to>.+)）重叠$")]
    private static partial System.Text.RegularExpressions.Regex Overlap();

    /// <summary><see cref="DefenceSchedule.Check"/>'s refusal (zh-CN) in the request's language.</summary>
    private string Say(string zh)
    {
        if (Overlap().Match(zh) is { Success: true } m)
            return L["与{0}的答辩时间（{1}–{2}）重叠", m.Groups["code"].Value, m.Groups["from"].Value, m.Groups["to"].Value];
        if (zh.StartsWith("答辩时长须在", StringComparison.Ordinal))
            return L["答辩时长须在 {0}–{1} 分钟之间", DefenceSchedule.MinMinutes, DefenceSchedule.MaxMinutes];
        return zh switch
        {
            "只能安排进入复审的案例答辩" => L["只能安排进入复审的案例答辩"],
            "请填写答辩理由（如：达到标杆级水平）" => L["请填写答辩理由（如：达到标杆级水平）"],
            _ => zh,
        };
    }

    private static string Describe(DefenceSlot s) =>
        $"{s.StartsAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} 起 {s.Minutes} 分钟（北京时间）";
}
