namespace Judging.Domain.Finalists;

using System.Globalization;
using Judging.Domain.Scoring;

/// <summary>
/// An entry offered to the finalist cut with its preliminary result. <see cref="Score"/> null means nobody scored it.
/// <see cref="TieBreakKeys"/> are the configured tie-break values in order (e.g. median, criterion 1; points),
/// as <see cref="Scoring.Ranking"/> uses them.
/// </summary>
public sealed record FinalistCandidate
{
    public required int EntryId { get; init; }
    /// <summary>Entry number (作品编号), used in remarks.</summary>
    public required string Code { get; init; }
    public required int UnitId { get; init; }
    public required string UnitName { get; init; }
    public int? GroupId { get; init; }
    public string? GroupName { get; init; }
    /// <summary>The division (speech); null for tracks ranked as one list.</summary>
    public int? DivisionId { get; init; }
    public string? DivisionName { get; init; }
    /// <summary>Preliminary score (points, full precision), null when unscored.</summary>
    public decimal? Score { get; init; }
    /// <summary>Tie-break values after an equal score, higher first (points).</summary>
    public IReadOnlyList<decimal> TieBreakKeys { get; init; } = [];
    /// <summary>Normalised score (z, dimensionless) for the overall cut when normalisation is on; see <see cref="Normalisation"/>.</summary>
    public decimal? Normalised { get; init; }
    public Eligibility Eligibility { get; init; } = Eligibility.Eligible;
    /// <summary>The organiser's written reason for <see cref="Eligibility"/> (退赛 / 取消资格), shown in the remark.</summary>
    public string? EligibilityReason { get; init; }
}

/// <summary>Outcome of one entry in the proposal. API: Finalist | Skipped | Reserve.</summary>
public enum FinalistStatus
{
    /// <summary>入围.</summary>
    Finalist,
    /// <summary>未入围 with a reason: a cap, withdrawn, ineligible, unscored or dropped by the organiser.</summary>
    Skipped,
    /// <summary>候补: eligible, below the cut.</summary>
    Reserve,
}

/// <summary>Why an entry was skipped.</summary>
public enum SkipReason
{
    /// <summary>同一参赛单位名额已满.</summary>
    UnitCap,
    /// <summary>同一集团公司名额已满.</summary>
    GroupCap,
    /// <summary>已退赛.</summary>
    Withdrawn,
    /// <summary>不符合资格.</summary>
    Ineligible,
    /// <summary>无有效评分.</summary>
    Unscored,
    /// <summary>组委会调出 (override with reason).</summary>
    Dropped,
}

/// <summary>
/// One entry's line in the proposal.
/// <see cref="DivisionRank"/> is its competition rank in its division list (1, 2, 2, 4), <see cref="AboveCut"/>
/// true when a seat was still free as the walk reached it, <see cref="TieKey"/> the cut it is tied at, if any.
/// </summary>
public sealed record FinalistLine(
    FinalistCandidate Candidate, FinalistStatus Status, SkipReason? Reason, string? Remark, string? OverrideReason,
    int? DivisionRank, bool AboveCut, CutKey? TieKey);

/// <summary>
/// A tie at a cut-off: entries equal on the cut score, some inside the seats and some outside.
/// Shown to the organiser, who includes them all or applies the configured tie-break (issue 3: "Nothing is decided silently");
/// a tie under a cap (<see cref="CutKey.IsCap"/>) is settled by a reasoned override instead.
/// </summary>
/// <param name="Key">The cut: a division's or the overall list's last seat, or a cap between equal entries (<see cref="CutKey"/>).</param>
/// <param name="Name">Chinese name of the cut, e.g. "浦东赛区" or "总名额".</param>
/// <param name="Score">The tied score (points, or z when normalised).</param>
/// <param name="Inside">Tied entries holding seats, in tie-break order.</param>
/// <param name="Outside">Tied entries outside the seats, in tie-break order.</param>
/// <param name="Resolution">The organiser's choice so far.</param>
/// <param name="Resolved">True when the list may be confirmed as far as this tie goes.</param>
/// <param name="Explanation">Chinese explanation for the organiser.</param>
public sealed record CutTie(CutKey Key, string Name, decimal Score, IReadOnlyList<int> Inside, IReadOnlyList<int> Outside,
    TieResolution Resolution, bool Resolved, string Explanation);

/// <summary>The proposed finalist list: one line per candidate (division order, then rank) and the ties at the cuts.</summary>
public sealed record FinalistProposal(IReadOnlyList<FinalistLine> Lines, IReadOnlyList<CutTie> Ties, FinalistRules Rules)
{
    /// <summary>True when no tie is left undecided.</summary>
    public bool CanConfirm => Ties.All(t => t.Resolved);
    /// <summary>Entry ids of the finalists.</summary>
    public IReadOnlyList<int> FinalistIds => Lines.Where(l => l.Status == FinalistStatus.Finalist).Select(l => l.Candidate.EntryId).ToList();
}

/// <summary>
/// The finalist rule engine (seed 000, 附件1 (六)–(七); issue 3), one for every track.
/// <para>
/// Per division (when <see cref="FinalistRules.PerDivision"/> is set): every division's entries are ranked on their own
/// (score, then tie-break keys). The walk takes all divisions' 1st places, then all 2nd places, and so on (within one
/// place: the higher overall score first), so an entry never loses its unit's or group's seat to a lower-placed entry
/// of another division. An entry that would exceed the unit cap or the group cap is skipped with a remark naming the
/// entries that hold the seats; the next entry of its division takes its place.
/// </para>
/// <para>
/// Overall (when <see cref="FinalistRules.Overall"/> is set): the entries not yet chosen are walked by overall score
/// (the normalised score when configured) for the seats left, with the same caps.
/// </para>
/// <para>
/// Ties: when the last seat of a cut goes to an entry whose score equals that of the next eligible entry, the tie is
/// reported (<see cref="CutTie"/>). Pending and TieBreak seat by the tie-break order; Pending blocks confirmation,
/// TieBreak resolves it unless the entries are equal on every key; IncludeAll seats every tied entry.
/// Overrides: Admit seats an entry beyond the caps (and beyond the target when below the cut); Drop removes it.
/// </para>
/// Deterministic: equal inputs give equal proposals.
/// </summary>
public static class FinalistSelection
{
    /// <summary>
    /// Proposes finalists. <paramref name="tieBreakText"/> is the Chinese description of the tie-break order used in
    /// remarks (e.g. "中位数高者优先，第1项评分高者优先"). Throws <see cref="ArgumentException"/> when the rules are invalid
    /// or an override has no reason.
    /// </summary>
    public static FinalistProposal Select(IReadOnlyList<FinalistCandidate> candidates, FinalistRules rules, FinalistDecisions decisions, string tieBreakText)
    {
        var problems = rules.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("；", problems), nameof(rules));
        var overrides = new Dictionary<int, FinalistOverride>();
        foreach (var o in decisions.Overrides)
        {
            if (string.IsNullOrWhiteSpace(o.Reason)) throw new ArgumentException("调整须填写理由", nameof(decisions));
            overrides[o.EntryId] = o;
        }
        var normalised = rules.Normalisation != NormalisationMode.None;
        decimal OverallScore(FinalistCandidate c) => normalised ? c.Normalised ?? 0m : c.Score ?? 0m;

        // Division lists in first-appearance order, each ranked on its own.
        var divisionOrder = candidates.Select(c => c.DivisionId).Distinct().ToList();
        var inputIndex = candidates.Select((c, i) => (c.EntryId, i)).ToDictionary(x => x.EntryId, x => x.i);
        var divisionRank = new Dictionary<int, int>();
        var divisionPos = new Dictionary<int, int>();
        foreach (var d in divisionOrder)
        {
            var list = Order(candidates.Where(c => c.DivisionId == d && c.Score is not null), c => c.Score!.Value, inputIndex);
            for (var i = 0; i < list.Count; i++)
            {
                divisionPos[list[i].EntryId] = i;
                divisionRank[list[i].EntryId] = i > 0 && SameKeys(list[i - 1], list[i], c => c.Score!.Value) ? divisionRank[list[i - 1].EntryId] : i + 1;
            }
        }

        var state = new Dictionary<int, (FinalistStatus Status, SkipReason? Reason, string? Remark, string? OverrideReason, bool AboveCut, CutKey? TieKey)>();
        var unitSeats = new Dictionary<int, List<FinalistCandidate>>();
        var groupSeats = new Dictionary<int, List<FinalistCandidate>>();
        var ties = new List<CutTie>();

        // Entries that can never be walked.
        foreach (var c in candidates)
        {
            var why = string.IsNullOrWhiteSpace(c.EligibilityReason) ? "" : $"：{c.EligibilityReason}";
            if (c.Eligibility == Eligibility.Withdrawn) state[c.EntryId] = (FinalistStatus.Skipped, SkipReason.Withdrawn, "已退赛" + why, c.EligibilityReason, false, null);
            else if (c.Eligibility == Eligibility.Ineligible) state[c.EntryId] = (FinalistStatus.Skipped, SkipReason.Ineligible, "不符合参赛资格" + why, c.EligibilityReason, false, null);
            else if (c.Score is null) state[c.EntryId] = (FinalistStatus.Skipped, SkipReason.Unscored, "无有效评分", null, false, null);
        }

        string? CapBlockBy(FinalistCandidate c, out SkipReason reason, out IReadOnlyList<FinalistCandidate> holders)
        {
            reason = SkipReason.UnitCap;
            holders = [];
            if (unitSeats.TryGetValue(c.UnitId, out var u) && u.Count >= rules.UnitCap)
            {
                holders = u;
                return $"同一参赛单位（{c.UnitName}）已有 {u.Count} 个作品入围（{Codes(u)}），每个参赛单位限 {rules.UnitCap} 个";
            }
            reason = SkipReason.GroupCap;
            if (c.GroupId is { } g && groupSeats.TryGetValue(g, out var gs) && gs.Count >= rules.GroupCap)
            {
                holders = gs;
                return $"同一集团公司（{c.GroupName}）已有 {gs.Count} 个作品入围（{Codes(gs)}），每个集团公司限 {rules.GroupCap} 个";
            }
            return null;
        }

        // A cap decided between entries equal on the cut score is never settled silently: the remark says what
        // separated them (an earlier place in its division, or the tie-break keys); entries equal on every key form a
        // tie the organiser settles with a reasoned override (调出 one, or 破格入围 the other).
        string CapRemark(FinalistCandidate c, string block, IReadOnlyList<FinalistCandidate> holders, Func<FinalistCandidate, decimal> key,
            Func<FinalistCandidate, int>? placeOf, out CutKey? tieKey)
        {
            tieKey = null;
            var equal = holders.Where(h => key(h) == key(c) && overrides.GetValueOrDefault(h.EntryId)?.Kind != OverrideKind.Admit).ToList();
            if (equal.Count == 0) return block;
            var codes = Codes(equal);
            if (placeOf is not null && equal.All(h => placeOf(h) < placeOf(c))) return $"{block}（与 {codes} 同分，{codes} 在本赛区名次更前）";
            if (equal.All(h => !SameKeys(h, c, key))) return $"{block}（与 {codes} 同分，按{tieBreakText}）";
            var capKey = CutKey.Cap(c.EntryId);
            tieKey = capKey;
            var score = key(c).ToString(normalised && placeOf is null ? "0.000" : "0.00", CultureInfo.InvariantCulture);
            ties.Add(new CutTie(capKey, "名额限制", key(c), equal.Select(h => h.EntryId).ToList(), [c.EntryId], TieResolution.Pending, false,
                $"{codes} 与 {c.Code} 同分 {score}，各项决胜指标也相同，名额限制只能取其一：请“调出”其中一个或“破格入围”另一个，并写明理由"));
            return $"{block}；与 {codes} 同分且按规则无法区分，待组委会决定";
        }

        void Seat(FinalistCandidate c)
        {
            (unitSeats.TryGetValue(c.UnitId, out var u) ? u : unitSeats[c.UnitId] = []).Add(c);
            if (c.GroupId is { } g) (groupSeats.TryGetValue(g, out var gs) ? gs : groupSeats[g] = []).Add(c);
        }

        // One cut: walk `order`, seats per pool, ties per pool.
        // admitLater: seats follow in another cut, so an entry admitted from below this cut waits for it.
        void Walk(IReadOnlyList<FinalistCandidate> order, Func<FinalistCandidate, CutKey> poolOf, Func<CutKey, int> seatsOf,
                  Func<CutKey, string> nameOf, Func<FinalistCandidate, decimal> key, bool admitLater, Func<FinalistCandidate, int>? placeOf = null)
        {
            var seated = new Dictionary<CutKey, List<FinalistCandidate>>();
            var tiedOut = new Dictionary<CutKey, List<FinalistCandidate>>();
            var reserves = new Dictionary<CutKey, int>();
            foreach (var c in order)
            {
                if (state.TryGetValue(c.EntryId, out var s) && s.Status != FinalistStatus.Reserve) continue;
                var pool = poolOf(c);
                var inPool = seated.TryGetValue(pool, out var l) ? l : seated[pool] = [];
                var full = inPool.Count >= seatsOf(pool);
                overrides.TryGetValue(c.EntryId, out var ov);
                if (ov?.Kind == OverrideKind.Drop)
                {
                    state[c.EntryId] = (FinalistStatus.Skipped, SkipReason.Dropped, $"组委会调出：{ov.Reason}", ov.Reason, !full, null);
                    continue;
                }
                var block = CapBlockBy(c, out var reason, out var holders);
                if (ov?.Kind == OverrideKind.Admit && full && admitLater)
                {
                    // Below the division's cut: the overall walk seats it in a seat left or beyond the target.
                    state[c.EntryId] = (FinalistStatus.Reserve, null, null, null, false, null);
                    continue;
                }
                if (ov?.Kind == OverrideKind.Admit)
                {
                    Seat(c);
                    if (!full) inPool.Add(c);
                    var why = block is null ? (full ? "名额之外" : "") : (reason == SkipReason.UnitCap ? "超出参赛单位名额" : "超出集团公司名额");
                    state[c.EntryId] = (FinalistStatus.Finalist, null, why.Length > 0 ? $"破格入围（{why}）：{ov.Reason}" : $"破格入围：{ov.Reason}", ov.Reason, !full, null);
                    continue;
                }
                if (!full)
                {
                    if (block is not null)
                    {
                        var remark = CapRemark(c, block, holders, key, placeOf, out var capTie);
                        state[c.EntryId] = (FinalistStatus.Skipped, reason, remark, null, true, capTie);
                        continue;
                    }
                    Seat(c);
                    inPool.Add(c);
                    state[c.EntryId] = (FinalistStatus.Finalist, null, null, null, true, null);
                    continue;
                }
                var last = inPool.Count > 0 ? inPool[^1] : null;
                if (block is null && last is not null && key(last) == key(c))
                {
                    var resolution = decisions.Ties.GetValueOrDefault(pool, TieResolution.Pending);
                    var outs = tiedOut.TryGetValue(pool, out var t) ? t : tiedOut[pool] = [];
                    if (resolution == TieResolution.IncludeAll)
                    {
                        Seat(c);
                        outs.Add(c);
                        state[c.EntryId] = (FinalistStatus.Finalist, null, null, null, false, pool);
                    }
                    else
                    {
                        outs.Add(c);
                        state[c.EntryId] = (FinalistStatus.Reserve, null, null, null, false, pool);
                    }
                    continue;
                }
                if (block is not null)
                {
                    var remark = CapRemark(c, block, holders, key, placeOf, out var capTie);
                    state[c.EntryId] = (FinalistStatus.Skipped, reason, remark, null, false, capTie);
                    continue;
                }
                var n = reserves[pool] = reserves.GetValueOrDefault(pool) + 1;
                state[c.EntryId] = (FinalistStatus.Reserve, null, $"候补第 {n} 位", null, false, null);
            }

            foreach (var (pool, outs) in tiedOut)
            {
                var last = seated[pool][^1];
                var inside = seated[pool].Where(x => key(x) == key(last)).ToList();
                var resolution = decisions.Ties.GetValueOrDefault(pool, TieResolution.Pending);
                var separable = !SameKeys(last, outs[0], key);
                var resolved = resolution == TieResolution.IncludeAll || (resolution == TieResolution.TieBreak && separable);
                var score = key(last);
                var scoreText = score.ToString(normalised && pool == CutKey.Overall ? "0.000" : "0.00", CultureInfo.InvariantCulture);
                var all = inside.Concat(outs).ToList();
                string explanation = resolution switch
                {
                    TieResolution.IncludeAll => $"{Codes(all)} 同分 {scoreText}，组委会决定全部入围",
                    TieResolution.TieBreak when separable => $"{Codes(all)} 同分 {scoreText}，按规则（{tieBreakText}）决出",
                    TieResolution.TieBreak => $"{Codes(all)} 同分 {scoreText}，按规则（{tieBreakText}）仍无法区分：请选择全部入围，或调出其中一个作品并写明理由",
                    _ => $"{Codes(all)} 同分 {scoreText}，跨越最后一个名额：请选择全部入围，或按规则（{tieBreakText}）决出",
                };
                foreach (var c in all)
                {
                    var s = state[c.EntryId];
                    var others = Codes(all.Where(x => x.EntryId != c.EntryId));
                    var remark = resolution switch
                    {
                        TieResolution.IncludeAll => $"与 {others} 同分，全部入围",
                        TieResolution.TieBreak when separable => s.Status == FinalistStatus.Finalist
                            ? $"与 {others} 同分，按{tieBreakText}入围" : $"与 {others} 同分，按{tieBreakText}未入围",
                        _ => $"与 {others} 同分，待组委会决定",
                    };
                    state[c.EntryId] = s with { Remark = remark, TieKey = pool };
                }
                ties.Add(new CutTie(pool, nameOf(pool), score, inside.Select(x => x.EntryId).ToList(), outs.Select(x => x.EntryId).ToList(),
                    resolution, resolved, explanation));
            }
        }

        var walkable = candidates.Where(c => !state.ContainsKey(c.EntryId)).ToList();
        if (rules.PerDivision is { } perDivision)
        {
            // Places count the entries that can take a seat: a withdrawn, ineligible or dropped entry above does not
            // push the ones below it behind other divisions' entries of the same place.
            var place = walkable.Where(c => overrides.GetValueOrDefault(c.EntryId)?.Kind != OverrideKind.Drop)
                .GroupBy(c => c.DivisionId)
                .SelectMany(g => g.OrderBy(c => divisionPos[c.EntryId]).Select((c, i) => (c.EntryId, i)))
                .ToDictionary(x => x.EntryId, x => x.i);
            var order = walkable
                .OrderBy(c => place.GetValueOrDefault(c.EntryId, divisionPos[c.EntryId]))
                .ThenByDescending(OverallScore)
                .ThenByDescending(c => c.TieBreakKeys, TieBreakKeys.Comparer)
                .ThenBy(c => divisionOrder.IndexOf(c.DivisionId))
                .ToList();
            var names = candidates.GroupBy(c => CutKey.Division(c.DivisionId)).ToDictionary(g => g.Key, g => g.First().DivisionName ?? "全部作品");
            Walk(order, c => CutKey.Division(c.DivisionId), _ => perDivision, k => names[k], c => c.Score!.Value, rules.Overall is not null,
                c => place.GetValueOrDefault(c.EntryId, divisionPos[c.EntryId]));
        }
        if (rules.Overall is { } overall)
        {
            var chosen = state.Values.Count(s => s.Status == FinalistStatus.Finalist);
            var left = rules.PerDivision is null ? overall : Math.Max(0, overall - chosen);
            var rest = Order(walkable.Where(c => !state.TryGetValue(c.EntryId, out var s) || s.Status == FinalistStatus.Reserve), OverallScore, inputIndex);
            // Division reserves are walked again for the overall seats; their division remarks are replaced, except
            // a division tie's, which stays (before the overall remark) while the entry is not a finalist.
            var divisionTies = rest.Where(c => state.TryGetValue(c.EntryId, out var s) && s.TieKey is not null)
                .ToDictionary(c => c.EntryId, c => state[c.EntryId]);
            foreach (var c in rest) state.Remove(c.EntryId);
            Walk(rest, _ => CutKey.Overall, _ => left, _ => "总名额", OverallScore, false);
            foreach (var (id, before) in divisionTies)
            {
                var now = state[id];
                if (now.Status == FinalistStatus.Finalist) continue;
                state[id] = now with { Remark = now.Remark is null ? before.Remark : $"{before.Remark}；{now.Remark}", TieKey = now.TieKey ?? before.TieKey };
            }
            // A division tie whose outside entries all made it overall is settled.
            for (var i = 0; i < ties.Count; i++)
            {
                var t = ties[i];
                if (t.Key != CutKey.Overall && !t.Resolved && t.Outside.All(id => state[id].Status == FinalistStatus.Finalist))
                    ties[i] = t with { Resolved = true, Explanation = t.Explanation + "；同分作品已按总名额入围" };
            }
        }

        var lines = candidates
            .OrderBy(c => divisionOrder.IndexOf(c.DivisionId))
            .ThenBy(c => divisionPos.GetValueOrDefault(c.EntryId, int.MaxValue))
            .ThenBy(c => inputIndex[c.EntryId])
            .Select(c =>
            {
                var s = state[c.EntryId];
                return new FinalistLine(c, s.Status, s.Reason, s.Remark, s.OverrideReason,
                    divisionRank.TryGetValue(c.EntryId, out var r) ? r : null, s.AboveCut, s.TieKey);
            })
            .ToList();
        return new FinalistProposal(lines, ties, rules);
    }

    private static List<FinalistCandidate> Order(IEnumerable<FinalistCandidate> xs, Func<FinalistCandidate, decimal> key, Dictionary<int, int> inputIndex)
    {
        var list = xs.ToList();
        list.Sort((a, b) =>
        {
            var c = key(b).CompareTo(key(a));
            if (c != 0) return c;
            c = TieBreakKeys.Comparer.Compare(b.TieBreakKeys, a.TieBreakKeys);
            return c != 0 ? c : inputIndex[a.EntryId].CompareTo(inputIndex[b.EntryId]);
        });
        return list;
    }

    private static bool SameKeys(FinalistCandidate a, FinalistCandidate b, Func<FinalistCandidate, decimal> key) =>
        key(a) == key(b) && TieBreakKeys.Comparer.Compare(a.TieBreakKeys, b.TieBreakKeys) == 0;


    private static string Codes(IEnumerable<FinalistCandidate> xs) => string.Join("、", xs.Select(x => x.Code));
}
