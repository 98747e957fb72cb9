namespace Judging.Domain.Scoring;

/// <summary>
/// The stored form of a judge's <see cref="ScoreCard"/> (append-only): never updated or deleted. A chief judge's unlock appends a
/// <see cref="ScoreUnlock"/>; the judge's next submission appends a new record. The effective card of a
/// (round, entry, judge) is its latest record without an unlock.
/// </summary>
public sealed class ScoreRecord
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public int JudgeId { get; set; }
    /// <summary>
    /// 1 for the first card of a (round, entry, judge), one more after each unlock. Unique with the
    /// triple, so the database itself refuses a second card while one is locked in.
    /// </summary>
    public int Attempt { get; set; }
    /// <summary>Client-chosen key; a retried submission with the same key returns the stored record (stored once).</summary>
    public required string IdempotencyKey { get; set; }
    /// <summary>Points per criterion in sheet order, invariant-culture, separated by ';' (e.g. "27.5;22;13;18;9").</summary>
    public required string Points { get; set; }
    /// <summary>Sum of <see cref="Points"/> (points).</summary>
    public decimal Total { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Parses <see cref="Points"/>.</summary>
    public IReadOnlyList<decimal> ParsePoints() =>
        Points.Split(';').Select(p => decimal.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>The score card this record stores (<see cref="ScoreCard"/>: entry, judge, points in sheet order).</summary>
    public ScoreCard ToCard() => new(EntryId, JudgeId, ParsePoints());

    /// <summary>Formats points for <see cref="Points"/>, without trailing zeros ("18;22.5", never "18.0").</summary>
    public static string FormatPoints(IEnumerable<decimal> points) =>
        string.Join(';', points.Select(p => p.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A chief judge's unlock of a submitted card (append-only), with the reason.</summary>
public sealed class ScoreUnlock
{
    public long Id { get; set; }
    public long ScoreRecordId { get; set; }
    public required string UnlockedBy { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>Audit log line (append-only): who did what, when, with the before and after states.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Reason { get; set; }
}
