namespace Judging.App.Cases;

using Judging.Domain.Cases;

/// <summary>
/// What the formal-review page (<c>Organiser/FormalReview.razor</c>) and its JSON endpoints need from
/// <see cref="CaseIntakeService"/> (issue 5 "Intake"; issue 12: pages read through their feature's service).
/// Refusals come in the request's UI culture (zh-CN by default).
/// </summary>
public interface IFormalReview
{
    /// <summary>The competition's name, or null when there is no such competition.</summary>
    Task<string?> CompetitionNameAsync(int competitionId, CancellationToken ct);

    /// <summary>The queue of the competition, by entry code (see <see cref="CaseIntakeService.QueueAsync"/>).</summary>
    Task<List<QueueRow>> QueueAsync(int competitionId, CancellationToken ct);

    /// <summary>One entry's detail with <paramref name="ticks"/> (null: the latest review step's), or null.</summary>
    Task<CaseDetail?> DetailAsync(int entryId, IReadOnlySet<ChecklistKey>? ticks, CancellationToken ct);

    /// <summary>The intake deadline (UTC), or null (open).</summary>
    Task<DateTimeOffset?> DeadlineAsync(int competitionId, CancellationToken ct);

    /// <summary>Sets or clears the intake deadline (audited).</summary>
    Task SetDeadlineAsync(int competitionId, DateTimeOffset? deadline, string actor, CancellationToken ct);

    /// <summary>通过: accepts the latest document; refused (in <see cref="ReviewStep.Refusal"/>) unless submitted, or when an item fails without <paramref name="overrideReason"/>.</summary>
    Task<ReviewStep> AcceptAsync(int entryId, IReadOnlySet<ChecklistKey> ticks, string? overrideReason, string actor, CancellationToken ct);

    /// <summary>退回修改 with <paramref name="reasons"/> (required; the unit sees them); refused unless submitted.</summary>
    Task<ReviewStep> ReturnAsync(int entryId, IReadOnlySet<ChecklistKey> ticks, string? reasons, string actor, CancellationToken ct);
}
