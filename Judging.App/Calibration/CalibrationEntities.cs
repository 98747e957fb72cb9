namespace Judging.App.Calibration;

/// <summary>
/// A reference performance of a live round's calibration (试评样例, issue 14, §1 "Calibration before the round"): a described
/// sample, optionally a film of the competition's film library. At most 2 per round (<see cref="Position"/> 1 or 2, unique per
/// round); added and removed by the organiser only while the round has not started, each change audited.
/// </summary>
public sealed class CalibrationSample
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }
    /// <summary>The live (on-stage) round calibrated.</summary>
    public int RoundId { get; set; }
    /// <summary>1 or 2: the order the judges score the samples in.</summary>
    public int Position { get; set; }
    /// <summary>The sample's title, shown to the judges (at most 200 characters).</summary>
    public required string Title { get; set; }
    /// <summary>What the judges are to picture (a described sample), at most 2,000 characters; may be empty when a film is given.</summary>
    public required string Description { get; set; }
    /// <summary>A film entry (<see cref="Domain.Competitions.Track.MicroFilm"/> with a video) of the round's competition, or null.</summary>
    public int? FilmEntryId { get; set; }
    /// <summary>The organiser who added it (audit actor, Chinese).</summary>
    public required string CreatedBy { get; set; }
    /// <summary>When it was added (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A judge's trial card on a <see cref="CalibrationSample"/> (append-only; issue 14, §1): never a
/// <see cref="Domain.Scoring.ScoreRecord"/>, so never in a leaderboard, result, export or the tally. One per (sample, judge).
/// </summary>
public sealed class CalibrationCard
{
    /// <summary>Database id.</summary>
    public long Id { get; set; }
    /// <summary>The <see cref="CalibrationSample"/> scored.</summary>
    public int SampleId { get; set; }
    /// <summary>The judge (on the panel of the sample's round).</summary>
    public int JudgeId { get; set; }
    /// <summary>Points per criterion of the round's sheet, as <see cref="Domain.Scoring.ScoreRecord.FormatPoints"/> writes them ("27.5;22;13;18;9").</summary>
    public required string Points { get; set; }
    /// <summary>Sum of <see cref="Points"/> (points).</summary>
    public decimal Total { get; set; }
    /// <summary>When it was stored (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; set; }
    /// <summary>Client-chosen key (8–64 characters, unique): a retry with it returns the stored card.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>Parses <see cref="Points"/> (points, sheet order).</summary>
    public IReadOnlyList<decimal> ParsePoints() =>
        Points.Split(';').Select(p => decimal.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
