namespace Judging.App.Finalists;

using Judging.App.ResultsEngine;
using System.Text.Json;
using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;

/// <summary>
/// A track's result settings in one competition and where its results stand: the finalist rules, the tier rules,
/// confirmation of finalists (which creates the final round) and of awards, the projector reveal and publication.
/// Every change is written to the audit log; <see cref="Version"/> guards against two organisers at once.
/// </summary>
public sealed class TrackSettings
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public Track Track { get; set; }

    /// <summary>Finalists per division (default for speech: <see cref="Domain.Finalists.FinalistRules.DefaultSpeechPerDivision"/>).</summary>
    public int? PerDivision { get; set; }
    /// <summary>Finalists in all (default for films and cases: <see cref="Domain.Finalists.FinalistRules.DefaultOverall"/>).</summary>
    public int? Overall { get; set; }
    /// <summary>Finalists per unit (seed 000, 附件1 (六): <see cref="Domain.Finalists.FinalistRules.DefaultUnitCap"/>).</summary>
    public int UnitCap { get; set; } = Domain.Finalists.FinalistRules.DefaultUnitCap;
    /// <summary>Finalists per group company (seed 000, 附件1 (六): <see cref="Domain.Finalists.FinalistRules.DefaultGroupCap"/>).</summary>
    public int GroupCap { get; set; } = Domain.Finalists.FinalistRules.DefaultGroupCap;
    public NormalisationMode Normalisation { get; set; }

    public DateTimeOffset? FinalistsConfirmedAt { get; set; }
    public string? FinalistsConfirmedBy { get; set; }
    /// <summary>The final round created on confirmation.</summary>
    public int? FinalRoundId { get; set; }

    /// <summary>
    /// The scoring rules (<c>ScoringOptions</c> as JSON) in force when the finalists were confirmed: later results use
    /// them, so a changed <c>appsettings.json</c> cannot reshuffle a confirmed list.
    /// </summary>
    public string? ScoringSnapshot { get; set; }

    /// <summary>Films: weight of the public vote in the preliminary score, percent (<see cref="PublicVoteBlend"/>; issue 4, e.g. 30/70).</summary>
    public decimal VoteWeightPercent { get; set; } = PublicVoteBlend.DefaultVoteWeightPercent;

    /// <summary>
    /// Films: the accepted public votes per entry (JSON object entry id → votes) when the finalists were confirmed: later
    /// results use them, so votes counted or excluded afterwards cannot reshuffle a confirmed list.
    /// </summary>
    public string? PublicVotesSnapshot { get; set; }

    /// <summary>
    /// The audit packet (JSON) stored when the awards were confirmed: from then on every page, export, certificate and
    /// the reveal are computed from it, and <see cref="AwardsSha256"/> is the hash published with the results.
    /// </summary>
    public string? AwardsPacket { get; set; }
    /// <summary>SHA-256 (hex) of <see cref="AwardsPacket"/>'s content.</summary>
    public string? AwardsSha256 { get; set; }

    /// <summary>Tier quotas as JSON (list of <see cref="TierQuota"/>).</summary>
    public string TierQuotas { get; set; } = JsonSerializer.Serialize(Domain.Awards.TierRules.FinalDecidesFirstAndSecond.Quotas);
    public QuotaRounding TierRounding { get; set; } = QuotaRounding.Nearest;
    /// <summary>See <see cref="TierRules.FinalistsOnly"/>.</summary>
    public bool FinalistsOnly { get; set; }

    public DateTimeOffset? AwardsConfirmedAt { get; set; }
    public string? AwardsConfirmedBy { get; set; }
    /// <summary>How many awards the projector has revealed (三等奖 first, one entry per click).</summary>
    public int RevealStep { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>Optimistic concurrency token, bumped on every change.</summary>
    public int Version { get; set; }

    /// <summary>New settings with the finalist rules a track starts with (<see cref="Domain.Finalists.FinalistRules.DefaultFor"/>).</summary>
    public static TrackSettings DefaultFor(int competitionId, Track track)
    {
        var rules = Domain.Finalists.FinalistRules.DefaultFor(track);
        return new()
        {
            CompetitionId = competitionId,
            Track = track,
            PerDivision = rules.PerDivision,
            Overall = rules.Overall,
            UnitCap = rules.UnitCap,
            GroupCap = rules.GroupCap,
            Normalisation = rules.Normalisation,
        };
    }

    /// <summary>The finalist rules these settings describe.</summary>
    public FinalistRules FinalistRules() => new()
    {
        PerDivision = PerDivision, Overall = Overall, UnitCap = UnitCap, GroupCap = GroupCap, Normalisation = Normalisation,
    };

    /// <summary>The tier rules these settings describe.</summary>
    public TierRules TierRules() => new()
    {
        Quotas = JsonSerializer.Deserialize<List<TierQuota>>(TierQuotas) ?? [], Rounding = TierRounding, FinalistsOnly = FinalistsOnly,
    };
}

/// <summary>Kinds of the organiser's result decisions.</summary>
public enum DecisionKind
{
    /// <summary>Key: entry id; Value: Admit, Drop or Clear.</summary>
    FinalistOverride,
    /// <summary>Key: a <see cref="CutKey"/>'s text ("division:3", "division:none", "overall"); Value: a <see cref="TieResolution"/>.</summary>
    FinalistTie,
    /// <summary>Key: entry id; Value: an <see cref="Domain.Finalists.Eligibility"/>.</summary>
    Eligibility,
    /// <summary>Key: boundary key ("tier:1"); Value: a <see cref="TieResolution"/>.</summary>
    TierTie,
    /// <summary>Key: recommender id; Value: Yes or No (表扬组织推荐单位).</summary>
    Commendation,
}

/// <summary>
/// One decision of the organiser on a track's results (append-only, never updated or deleted): the latest row per
/// (kind, key) is in force. Overrides, eligibility and commendations carry a written reason.
/// </summary>
public sealed class ResultDecision
{
    public long Id { get; set; }
    public int CompetitionId { get; set; }
    /// <summary>The track (commendations: <see cref="Track.Speech"/>, unused).</summary>
    public Track Track { get; set; }
    public DecisionKind Kind { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
    public string? Reason { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }
}
