namespace Judging.Domain.Awards;

using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.Scoring;

/// <summary>An entry as the results see it (names included so a packet reads on its own).</summary>
public sealed record ResultEntry(int EntryId, string Code, string Title, int UnitId, string UnitName, int? GroupId, string? GroupName,
    int RecommenderId, string RecommenderName, int? DivisionId, string? DivisionName, Eligibility Eligibility, string? EligibilityReason = null);

/// <summary>
/// Everything a track's results are computed from: entries, every effective card of the preliminary and the final,
/// the rule configuration and the organiser's decisions. <see cref="TrackResults.Compute"/> turns it into the
/// results; the audit packet stores it with them.
/// </summary>
public sealed record TrackInput
{
    public required string Competition { get; init; }
    public required int Year { get; init; }
    public required Track Track { get; init; }
    public required ScoringOptions Scoring { get; init; }
    /// <summary>All entries of the track, in the organiser's order (作品编号).</summary>
    public required IReadOnlyList<ResultEntry> Entries { get; init; }
    public required IReadOnlyList<ScoreCard> PreliminaryCards { get; init; }
    public required FinalistRules FinalistRules { get; init; }
    public required FinalistDecisions FinalistDecisions { get; init; }
    public required IReadOnlyList<ScoreCard> FinalCards { get; init; }
    public required TierRules TierRules { get; init; }
    /// <summary>Tier-boundary tie resolutions by <see cref="AwardTiering.BoundaryKey"/>.</summary>
    public required IReadOnlyDictionary<string, TieResolution> TierDecisions { get; init; }
    /// <summary>Films: the public vote blended into the preliminary score (<see cref="PublicVoteBlend"/>); null for other tracks.</summary>
    public PublicVoteBlend? PublicVotes { get; init; }
    /// <summary>
    /// True while the final has not been held (the organiser has not closed it): every finalist awaits it (待决赛) whatever
    /// final cards exist so far (issue 10, item 13). False once held, and in every confirmed packet: left out of the packet's
    /// JSON when false, so packets stored before this field existed keep their hash.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool FinalPending { get; init; }
}

/// <summary>
/// One entry's results: preliminary, finalist status, final and award. Scores in points at full precision. For films
/// <c>PreliminaryScore</c> is the blend of <see cref="PublicVoteBlend"/>, with its parts in <c>ExpertScore</c> and <c>PublicVotes</c>.
/// </summary>
public sealed record ResultLine(
    int EntryId, string Code, int? DivisionId, decimal? PreliminaryScore, int? PreliminaryRank, decimal? Normalised,
    FinalistStatus FinalistStatus, string? FinalistRemark, string? OverrideReason, decimal? FinalScore, int? FinalRank,
    AwardTier? Tier, string? TierRemark, string Award, decimal? ExpertScore = null, long? PublicVotes = null);

/// <summary>A track's computed results.</summary>
public sealed record TrackOutcome(FinalistProposal Finalists, IReadOnlyList<RankedEntry> Final, TierAssignment Tiers, IReadOnlyList<ResultLine> Lines)
{
    /// <summary>True when neither a cut nor a tier boundary has an undecided tie.</summary>
    public bool Settled => Finalists.CanConfirm && Tiers.CanConfirm;
}

/// <summary>
/// The one path from raw cards to results (issue 3), used by the pages, the API, the exports and the audit packet's
/// recomputation alike:
/// 1. each division's preliminary is ranked on its own (<see cref="Ranking"/>); 2. optional normalisation
/// (<see cref="Normalisation"/>); 3. finalists under the caps (<see cref="FinalistSelection"/>); 4. the final is ranked
/// from the finalists' final cards; 5. tiers go down the award order — finalists scored in the final by final rank,
/// then (unless <see cref="TierRules.FinalistsOnly"/>) every other eligible scored entry by preliminary score
/// (normalised when configured) — by <see cref="AwardTiering"/>; 6. every other eligible entry gets the participation
/// certificate (参赛成果证书).
/// Before the final is held (<see cref="TrackInput.FinalPending"/>), step 5 puts every finalist at the top of the award order
/// as 待决赛 (<see cref="AwardNames.AwaitingFinal"/>: the final will rank them; the remark names the tiers open to them), and
/// the entries below are given the tiers that are known already, their boundary ties flagged as usual (issue 10, item 13:
/// the finalists are never silently left out, and a non-finalist never takes a place the final decides).
/// </summary>
public static class TrackResults
{
    /// <summary>Computes the results of <paramref name="input"/>. Throws <see cref="ArgumentException"/> on invalid rules.</summary>
    public static TrackOutcome Compute(TrackInput input)
    {
        var options = input.Scoring;
        var tieBreaks = options.ParsedTieBreaks();
        var tieBreakText = Wording.Join("，", tieBreaks.Select(t => t.Describe()));
        IReadOnlyList<decimal> Keys(RankedEntry r) => tieBreaks
            .Select(t => t.Kind == TieBreakKind.Median ? r.Median ?? 0m : t.CriterionNumber <= r.CriterionScores.Count ? r.CriterionScores[t.CriterionNumber - 1] : 0m)
            .ToList();
        List<ScoreCard> CardsOf(ILookup<int, ScoreCard> cards, int entryId) =>
            cards[entryId].OrderBy(c => c.JudgeId).ToList();

        // 1. Preliminary, each division on its own.
        var prelimCards = input.PreliminaryCards.ToLookup(c => c.EntryId);
        var prelim = input.Entries.GroupBy(e => e.DivisionId)
            .SelectMany(g => Ranking.Rank(g.Select(e => new EntryCards(e.EntryId, CardsOf(prelimCards, e.EntryId))), options))
            .ToDictionary(r => r.EntryId);
        // Films: the preliminary score is the experts' score blended with the public vote (an entry no expert scored stays unscored).
        // Only eligible films set the leader the vote share is scaled to: a withdrawn or disqualified film's votes do not move others.
        if (input.PublicVotes?.Validate() is { } blendError) throw new ArgumentException(blendError);
        var eligibleIds = input.Entries.Where(e => e.Eligibility == Eligibility.Eligible).Select(e => e.EntryId).ToHashSet();
        var expert = prelim;
        if (input.PublicVotes is { } allVotes
            && allVotes with { AcceptedVotes = allVotes.AcceptedVotes.Where(kv => eligibleIds.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value) } is var blend)
            prelim = prelim.ToDictionary(kv => kv.Key, kv => kv.Value.Score is { } s ? kv.Value with { Score = blend.Combine(kv.Key, s) } : kv.Value);

        // 2. Normalisation.
        var entriesById = input.Entries.ToDictionary(e => e.EntryId);
        bool Eligible(int entryId) => entriesById.TryGetValue(entryId, out var e) && e.Eligibility == Eligibility.Eligible;
        IReadOnlyDictionary<int, decimal> normalised = input.FinalistRules.Normalisation switch
        {
            // Only entries that can be chosen set the means and spreads: a withdrawn or ineligible entry does not move others' z.
            NormalisationMode.PerDivision => Normalisation.PerDivision(prelim.Values.Where(r => r.Score is not null && Eligible(r.EntryId))
                .Select(r => (r.EntryId, entriesById[r.EntryId].DivisionId, r.Score!.Value))),
            NormalisationMode.PerJudge => Normalisation.PerJudge(input.PreliminaryCards.Where(c => Eligible(c.EntryId))
                .Select(c => (c.EntryId, c.JudgeId, c.Points.Sum()))),
            _ => new Dictionary<int, decimal>(),
        };

        // 3. Finalists.
        var candidates = input.Entries.Select(e => new FinalistCandidate
        {
            EntryId = e.EntryId, Code = e.Code, UnitId = e.UnitId, UnitName = e.UnitName, GroupId = e.GroupId, GroupName = e.GroupName,
            DivisionId = e.DivisionId, DivisionName = e.DivisionName, Score = prelim[e.EntryId].Score, TieBreakKeys = Keys(prelim[e.EntryId]),
            Normalised = normalised.TryGetValue(e.EntryId, out var z) ? z : null, Eligibility = e.Eligibility, EligibilityReason = e.EligibilityReason,
        }).ToList();
        var proposal = FinalistSelection.Select(candidates, input.FinalistRules, input.FinalistDecisions, tieBreakText);
        var finalists = proposal.FinalistIds.ToHashSet();

        // 4. The final.
        var finalCards = input.FinalCards.Where(c => finalists.Contains(c.EntryId)).ToLookup(c => c.EntryId);
        var final = Ranking.Rank(input.Entries.Where(e => finalists.Contains(e.EntryId)).Select(e => new EntryCards(e.EntryId, CardsOf(finalCards, e.EntryId))), options);
        var finalById = final.ToDictionary(r => r.EntryId);

        // 5. Tiers down the award order: the finalists first (awaiting the final until it is held).
        var order = input.FinalPending
            ? input.Entries.Where(e => finalists.Contains(e.EntryId)).Select(e => new AwardCandidate(e.EntryId, e.Code, 0, 0m, [], AwaitingFinal: true)).ToList()
            : final.Where(r => r.Score is not null).Select(r => new AwardCandidate(r.EntryId, entriesById[r.EntryId].Code, 0, r.Score!.Value, Keys(r))).ToList();
        if (!input.TierRules.FinalistsOnly)
        {
            // Every finalist belongs to the final: one without final cards is not ranked on its preliminary score.
            var inFinal = finalists;
            var useZ = input.FinalistRules.Normalisation != NormalisationMode.None;
            order.AddRange(input.Entries
                .Where(e => e.Eligibility == Eligibility.Eligible && !inFinal.Contains(e.EntryId) && prelim[e.EntryId].Score is not null)
                .Select(e => new AwardCandidate(e.EntryId, e.Code, 1, useZ ? normalised.GetValueOrDefault(e.EntryId) : prelim[e.EntryId].Score!.Value, Keys(prelim[e.EntryId])))
                .OrderByDescending(c => c.Key).ThenByDescending(c => c.TieBreakKeys, TieBreakKeys.Comparer)); // stable: entry order last
        }
        var fieldSize = input.Entries.Count(e => e.Eligibility == Eligibility.Eligible);
        var tiers = AwardTiering.Assign(order, fieldSize, input.TierRules, input.TierDecisions, tieBreakText);
        var tierById = tiers.Lines.ToDictionary(l => l.Candidate.EntryId);

        // 6. Lines in entry order.
        var proposalById = proposal.Lines.ToDictionary(l => l.Candidate.EntryId);
        var lines = input.Entries.Select(e =>
        {
            var p = prelim[e.EntryId];
            var f = proposalById[e.EntryId];
            var fr = finalById.GetValueOrDefault(e.EntryId);
            var t = tierById.GetValueOrDefault(e.EntryId);
            var award = t?.Tier is { } tier ? AwardNames.Of(tier) : t?.Candidate.AwaitingFinal == true ? AwardNames.AwaitingFinal
                : e.Eligibility == Eligibility.Eligible ? AwardNames.Participation : "";
            return new ResultLine(e.EntryId, e.Code, e.DivisionId, p.Score, f.DivisionRank, normalised.TryGetValue(e.EntryId, out var zz) ? zz : null,
                f.Status, f.Remark?.ToString(), f.OverrideReason, fr?.Score, fr?.Rank, t?.Tier,
                (t?.Remark ?? (finalists.Contains(e.EntryId) && fr?.Score is null ? Wording.Of("入围决赛但无决赛评分") : null))?.ToString(), award,
                input.PublicVotes is null ? null : expert[e.EntryId].Score, input.PublicVotes?.VotesOf(e.EntryId));
        }).ToList();
        return new TrackOutcome(proposal, final, tiers, lines);
    }
}
