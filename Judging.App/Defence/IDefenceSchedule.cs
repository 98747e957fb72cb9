namespace Judging.App.Defence;

/// <summary>
/// What the defence page (<c>Organiser/Defence.razor</c>) and its JSON endpoints need from <see cref="DefenceService"/>
/// (seed 000, 四、(二); issue 12: pages read through their feature's service). Errors come in the request's UI culture.
/// </summary>
public interface IDefenceSchedule
{
    /// <summary>The re-review round with every case and its slot in force, or why there is none (<see cref="DefenceView.Error"/>).</summary>
    Task<DefenceView> LoadAsync(int competitionId, CancellationToken ct);

    /// <summary>Calls a case to a defence at <paramref name="startsAt"/> (Beijing wall-clock) for <paramref name="minutes"/> (5–120), with a reason; null or the refusal.</summary>
    Task<string?> CallAsync(int competitionId, int entryId, DateTime startsAt, int minutes, string? reason, string actor, CancellationToken ct);

    /// <summary>Withdraws a case's call, with a reason (required); null or the refusal.</summary>
    Task<string?> CancelAsync(int competitionId, int entryId, string? reason, string actor, CancellationToken ct);

    /// <summary>Puts the defences first, by time, in the re-review's running order (only before it starts); null or the refusal.</summary>
    Task<string?> ApplyRunningOrderAsync(int competitionId, string actor, CancellationToken ct);
}
