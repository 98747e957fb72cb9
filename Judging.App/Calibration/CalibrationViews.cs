namespace Judging.App.Calibration;

using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;

/// <summary>
/// The organiser's calibration section of a round (试评样例（可选）, issue 14, §1), built by
/// <see cref="CalibrationService.LoadSamplesAsync"/>.
/// </summary>
/// <param name="RoundId">The round.</param>
/// <param name="Status">The round's status; samples change only while <see cref="RoundStatus.NotStarted"/>.</param>
/// <param name="Online">True for an online review (线上评审): no calibration (the section is not shown).</param>
/// <param name="Samples">The round's samples by position (at most <see cref="CalibrationService.MaxSamples"/>).</param>
/// <param name="Films">The competition's films with a video, by 作品编号, to pick one as a sample.</param>
public sealed record CalibrationSamplesView(int RoundId, RoundStatus Status, bool Online, IReadOnlyList<SampleRow> Samples, IReadOnlyList<FilmChoice> Films)
{
    /// <summary>True when the organiser may add or remove samples now (a live round not yet started).</summary>
    public bool Editable => !Online && Status == RoundStatus.NotStarted;
}

/// <summary>One sample as the organiser sees it; <paramref name="Cards"/> counts the judges' trial cards on it.</summary>
public sealed record SampleRow(int Id, int Position, string Title, string Description, int? FilmEntryId, string? FilmTitle, int Cards);

/// <summary>A film of the library the organiser may pick: entry id, 作品编号 and title.</summary>
public sealed record FilmChoice(int EntryId, string Code, string Title);

/// <summary>
/// The sample a judge is to score now on the pad (试评（不计分）), from <see cref="CalibrationService.LoadTrialAsync"/>.
/// </summary>
/// <param name="SampleId">The sample.</param>
/// <param name="Position">1 or 2.</param>
/// <param name="Count">How many samples the round has (1 or 2).</param>
/// <param name="Title">The sample's title.</param>
/// <param name="Description">Its description (may be empty).</param>
/// <param name="FilmUrl">The film's playback URL (<see cref="Films.FilmEndpoints.VideoUrl"/>), or null.</param>
/// <param name="FilmTitle">The film's "作品编号 作品名称", or null.</param>
public sealed record TrialSample(int SampleId, int Position, int Count, string Title, string Description, string? FilmUrl, string? FilmTitle);

/// <summary>
/// The chief judge's calibration page (<c>/chief/calibration</c>), from <see cref="CalibrationService.LoadChiefAsync"/>: the
/// panels of the chief's rounds that have samples, newest round first.
/// </summary>
/// <param name="RoundIds">Every round the chief's panel judges (live events of these reload the page).</param>
/// <param name="Rounds">Per round with samples, its panel view.</param>
public sealed record CalibrationChiefView(IReadOnlySet<int> RoundIds, IReadOnlyList<CalibrationPanelView> Rounds);

/// <summary>
/// A round's calibration as the chief judge sees it (issue 14, §1), from <see cref="CalibrationService.LoadPanelAsync"/>.
/// </summary>
/// <param name="RoundId">The round.</param>
/// <param name="Title">Its title (<see cref="RoundTitle.Name"/>).</param>
/// <param name="Status">Its status.</param>
/// <param name="Criteria">The criteria's names in sheet order (data).</param>
/// <param name="Samples">Per sample, by position.</param>
public sealed record CalibrationPanelView(int RoundId, Wording Title, RoundStatus Status, IReadOnlyList<string> Criteria, IReadOnlyList<SamplePanel> Samples);

/// <summary>One sample's trial cards summed up.</summary>
/// <param name="SampleId">The sample.</param>
/// <param name="Position">1 or 2.</param>
/// <param name="Title">Its title.</param>
/// <param name="MedianTotal">Median of the cards' totals (points), or null with no card.</param>
/// <param name="Spread">Per criterion in sheet order: min, median, max and MAD of the judges' points.</param>
/// <param name="Judges">Per judge with a card, by judge number: total, offset, flag.</param>
/// <param name="Missing">The panel's judges without a card on it yet ("编号 姓名", by judge number).</param>
public sealed record SamplePanel(int SampleId, int Position, string Title, decimal? MedianTotal,
    IReadOnlyList<CriterionSpread> Spread, IReadOnlyList<TrialRow> Judges, IReadOnlyList<string> Missing);

/// <summary>
/// The spread of one criterion over a sample's cards (points): <paramref name="Min"/>, <paramref name="Median"/>,
/// <paramref name="Max"/> and <paramref name="Mad"/> (raw median absolute deviation from the median, not scaled); all null with no card.
/// </summary>
public sealed record CriterionSpread(string Criterion, decimal MaxPoints, decimal? Min, decimal? Median, decimal? Max, decimal? Mad);

/// <summary>A judge's trial card on a sample.</summary>
/// <param name="JudgeId">The judge.</param>
/// <param name="Judge">"编号 姓名" (data).</param>
/// <param name="Points">Points per criterion, sheet order.</param>
/// <param name="Total">The card's total (points).</param>
/// <param name="Offset">Total − the median of all the sample's totals (points, signed: negative = stricter than the panel).</param>
/// <param name="Flagged">
/// True when <see cref="Domain.Scoring.PanelFlags"/> flags the card against the sample's other cards (FlagK × max(MAD,
/// FlagMadFloor) from their median; only once FlagMinPanel cards are in).
/// </param>
/// <param name="DrivingCriterion">The flag's driving criterion's name, or null.</param>
/// <param name="SubmittedAt">When it was stored (UTC).</param>
public sealed record TrialRow(int JudgeId, string Judge, IReadOnlyList<decimal> Points, decimal Total, decimal Offset,
    bool Flagged, string? DrivingCriterion, DateTimeOffset SubmittedAt);
