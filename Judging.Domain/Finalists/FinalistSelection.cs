namespace Judging.Domain.Finalists;

using System.Globalization;
using Judging.Domain.Competitions;
using Judging.Domain.Scoring;

/// <summary>
/// The finalist rule engine (seed 000, 附件1 (六)–(七); issue 3), one for every track.
/// <see cref="Select"/> is a short sequence of named steps, each quoting the rule it applies:
/// <list type="number">
/// <item><c>Gather</c>: every division's entries are ranked on their own (score, then tie-break keys).</item>
/// <item><c>ExcludeIneligible</c>: withdrawn, ineligible and unscored entries are skipped with a remark and hold no seat.</item>
/// <item><c>WalkDivisions</c> (when <see cref="FinalistRules.PerDivision"/> is set): the walk takes all divisions' 1st
/// places, then all 2nd places, and so on (within one place: the higher overall score first), so an entry never loses
/// its unit's or group's seat to a lower-placed entry of another division.</item>
/// <item><c>FillOverall</c> (when <see cref="FinalistRules.Overall"/> is set): the entries not yet chosen are walked by
/// overall score (the normalised score when configured) for the seats left, with the same caps.</item>
/// <item><c>Proposal</c>: one line per entry with its status and remark, in division order, then rank.</item>
/// </list>
/// <para>
/// Every walk goes down its lists under the caps (<c>Reach</c>): an entry that would exceed the unit cap or the group
/// cap is skipped with a remark naming the entries that hold the seats, and the next entry of its list takes its place.
/// Overrides: Admit seats an entry beyond the caps (and beyond the target when below the cut); Drop removes it.
/// Then it resolves the cut (<c>ResolveCut</c>): when the last seat of a list goes to an entry whose score equals that of
/// the next eligible entry, the tie is reported (<see cref="CutTie"/>). Pending and TieBreak seat by the tie-break order;
/// Pending blocks confirmation, TieBreak resolves it unless the entries are equal on every key; IncludeAll seats every
/// tied entry. A cap between entries equal on every key is a tie too (<see cref="CutKey.Cap"/>), settled by an override.
/// </para>
/// Deterministic: equal inputs give equal proposals.
/// </summary>
public static class FinalistSelection
{
    /// <summary>
    /// Proposes finalists. <paramref name="tieBreakText"/> is the description of the tie-break order used in
    /// remarks (zh-CN e.g. "中位数高者优先，第1项评分高者优先"; see <see cref="TieBreak.Describe"/>). Throws <see cref="ArgumentException"/> when the rules are invalid
    /// or an override has no reason.
    /// </summary>
    public static FinalistProposal Select(IReadOnlyList<FinalistCandidate> candidates, FinalistRules rules, FinalistDecisions decisions, Wording tieBreakText)
    {
        var overrides = Check(rules, decisions);
        var selection = Selection.Gather(candidates, rules, decisions, overrides, tieBreakText);
        var walkable = selection.ExcludeIneligible();
        if (rules.PerDivision is { } perDivision) selection.WalkDivisions(walkable, perDivision);
        if (rules.Overall is { } overall) selection.FillOverall(walkable, overall);
        return selection.Proposal();
    }

    /// <summary>
    /// The rules must be applicable, and every override carries its written reason: the caps hold "原则上" (附件1 (六)), so the
    /// organiser may set them aside, but only saying why (issue 3). Returns the override of each entry (the last one wins).
    /// </summary>
    private static Dictionary<int, FinalistOverride> Check(FinalistRules rules, FinalistDecisions decisions)
    {
        var problems = rules.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("；", problems), nameof(rules));
        var overrides = new Dictionary<int, FinalistOverride>();
        foreach (var o in decisions.Overrides)
        {
            if (string.IsNullOrWhiteSpace(o.Reason)) throw new ArgumentException("调整须填写理由", nameof(decisions));
            overrides[o.EntryId] = o;
        }
        return overrides;
    }

    /// <summary>Where an entry stands so far: what its <see cref="FinalistLine"/> will say.</summary>
    private readonly record struct Standing(FinalistStatus Status, SkipReason? Reason, Wording? Remark, string? OverrideReason, bool AboveCut, CutKey? TieKey);

    /// <summary>
    /// One cut the walk goes down: the list (pool) an entry is in, the seats and the Chinese name of each list, the score it
    /// ranks and ties on (written with <see cref="ScoreFormat"/> in explanations), whether an entry admitted from below it
    /// waits for a later cut, and the entry's place in its division list (division cut only: it names what decided a cap
    /// between equal scores).
    /// </summary>
    private sealed record Cut(Func<FinalistCandidate, CutKey> PoolOf, Func<CutKey, int> SeatsOf, Func<CutKey, Wording> NameOf,
        Func<FinalistCandidate, decimal> Score, string ScoreFormat, bool AdmitLater, Func<FinalistCandidate, int>? PlaceOf);

    /// <summary>One run of the engine: the inputs, and what the steps have decided so far.</summary>
    private sealed class Selection
    {
        private readonly IReadOnlyList<FinalistCandidate> candidates;
        private readonly FinalistRules rules;
        private readonly FinalistDecisions decisions;
        private readonly Dictionary<int, FinalistOverride> overrides;
        private readonly Wording tieBreakText;
        private readonly bool normalised;
        /// <summary>Divisions in first-appearance order (null: the one list of a track without divisions).</summary>
        private readonly List<int?> divisionOrder;
        private readonly Dictionary<int, int> inputIndex;
        /// <summary>Position (0-based) of each scored entry in its division's list.</summary>
        private readonly Dictionary<int, int> divisionPos = new();
        /// <summary>Competition rank (1, 2, 2, 4) of each scored entry in its division's list.</summary>
        private readonly Dictionary<int, int> divisionRank = new();
        private readonly Dictionary<int, Standing> standings = new();
        private readonly CapLedger caps;
        /// <summary>Ties in the order they were met: cap ties as the walk meets them, cut ties at the end of each walk.</summary>
        private readonly List<CutTie> ties = [];

        private Selection(IReadOnlyList<FinalistCandidate> candidates, FinalistRules rules, FinalistDecisions decisions,
            Dictionary<int, FinalistOverride> overrides, Wording tieBreakText)
        {
            this.candidates = candidates;
            this.rules = rules;
            this.decisions = decisions;
            this.overrides = overrides;
            this.tieBreakText = tieBreakText;
            normalised = rules.Normalisation != NormalisationMode.None;
            divisionOrder = candidates.Select(c => c.DivisionId).Distinct().ToList();
            inputIndex = candidates.Select((c, i) => (c.EntryId, i)).ToDictionary(x => x.EntryId, x => x.i);
            caps = new CapLedger(rules);
        }

        /// <summary>The score of the overall cut: the normalised score when configured, else the raw score.</summary>
        private decimal OverallScore(FinalistCandidate c) => normalised ? c.Normalised ?? 0m : c.Score ?? 0m;

        /// <summary>
        /// Step 1, gather: the candidates in their division lists, each ranked on its own by score, then tie-break keys
        /// (附件1 (六): "拟在本市各区设置 3-5 个赛区，通过现场故事演讲的方式，遴选出入围决赛的作品"; a track without divisions is one list).
        /// Unscored entries take no place.
        /// </summary>
        public static Selection Gather(IReadOnlyList<FinalistCandidate> candidates, FinalistRules rules, FinalistDecisions decisions,
            Dictionary<int, FinalistOverride> overrides, Wording tieBreakText)
        {
            var s = new Selection(candidates, rules, decisions, overrides, tieBreakText);
            foreach (var d in s.divisionOrder)
            {
                var list = Order(candidates.Where(c => c.DivisionId == d && c.Score is not null), c => c.Score!.Value, s.inputIndex);
                for (var i = 0; i < list.Count; i++)
                {
                    s.divisionPos[list[i].EntryId] = i;
                    s.divisionRank[list[i].EntryId] = i > 0 && SameKeys(list[i - 1], list[i], c => c.Score!.Value) ? s.divisionRank[list[i - 1].EntryId] : i + 1;
                }
            }
            return s;
        }

        /// <summary>
        /// Step 2, exclude the ineligible with remarks (<see cref="SkipReason"/>, which the organiser sees): 退赛 (withdrawn),
        /// 不符合资格 (e.g. 附件1 (三)4: "不同类型参赛作品须避免题目和内容的重复相似。如有重复相似之处，形式审查将作淘汰处置"),
        /// and entries without a valid score. None of them is walked, so none holds a seat for its unit or group.
        /// Returns the entries that are walked, in input order.
        /// </summary>
        public IReadOnlyList<FinalistCandidate> ExcludeIneligible()
        {
            foreach (var c in candidates)
            {
                var why = c.EligibilityReason;
                var given = !string.IsNullOrWhiteSpace(why);
                if (c.Eligibility == Eligibility.Withdrawn)
                    standings[c.EntryId] = new(FinalistStatus.Skipped, SkipReason.Withdrawn, given ? Wording.Of("已退赛：{0}", why) : Wording.Of("已退赛"), why, false, null);
                else if (c.Eligibility == Eligibility.Ineligible)
                    standings[c.EntryId] = new(FinalistStatus.Skipped, SkipReason.Ineligible, given ? Wording.Of("不符合参赛资格：{0}", why) : Wording.Of("不符合参赛资格"), why, false, null);
                else if (c.Score is null) standings[c.EntryId] = new(FinalistStatus.Skipped, SkipReason.Unscored, Wording.Of("无有效评分"), null, false, null);
            }
            return candidates.Where(c => !standings.ContainsKey(c.EntryId)).ToList();
        }

        /// <summary>
        /// Step 3, walk the divisions under the caps: <paramref name="perDivision"/> seats in each division's list. The walk takes
        /// every division's 1st places, then the 2nd places…, the higher score first within a place, so that under 附件1 (六)
        /// ("原则上来自同一家参赛单位（代表同一品牌）的参赛作品，限 1 个进入决赛；原则上来自同一家集团公司下属参赛单位（代表同一产业领域）的参赛作品，
        /// 限 2 个进入决赛") an entry never loses its unit's or group's seat to a lower-placed entry of another division.
        /// Places count the entries that can take a seat: a withdrawn, ineligible or dropped entry above does not push the
        /// ones below it behind other divisions' entries of the same place.
        /// </summary>
        public void WalkDivisions(IReadOnlyList<FinalistCandidate> walkable, int perDivision)
        {
            var place = walkable.Where(c => overrides.GetValueOrDefault(c.EntryId)?.Kind != OverrideKind.Drop)
                .GroupBy(c => c.DivisionId)
                .SelectMany(g => g.OrderBy(c => divisionPos[c.EntryId]).Select((c, i) => (c.EntryId, i)))
                .ToDictionary(x => x.EntryId, x => x.i);
            int PlaceOf(FinalistCandidate c) => place.GetValueOrDefault(c.EntryId, divisionPos[c.EntryId]);
            var order = walkable
                .OrderBy(PlaceOf)
                .ThenByDescending(OverallScore)
                .ThenByDescending(c => c.TieBreakKeys, TieBreakKeys.Comparer)
                .ThenBy(c => divisionOrder.IndexOf(c.DivisionId))
                .ToList();
            var names = candidates.GroupBy(c => CutKey.Division(c.DivisionId)).ToDictionary(g => g.Key, g => g.First().DivisionName is { } n ? Wording.Data(n) : Wording.Of("全部作品"));
            Walk(order, new Cut(c => CutKey.Division(c.DivisionId), _ => perDivision, k => names[k], c => c.Score!.Value, "0.00",
                AdmitLater: rules.Overall is not null, PlaceOf));
        }

        /// <summary>
        /// Step 4, fill the overall seats: <paramref name="overall"/> in all (less the divisions' finalists when there is a
        /// division target), the best of the rest by overall score under the same caps (附件1 (七): "按照好中选优的原则，审定…
        /// 入围参加演讲总决赛的名单"). Division reserves are walked again and their division remarks replaced, except a division
        /// tie's, which stays (before the overall remark) while the entry is not a finalist; a division tie whose outside
        /// entries all made it overall is settled.
        /// </summary>
        public void FillOverall(IReadOnlyList<FinalistCandidate> walkable, int overall)
        {
            var chosen = standings.Values.Count(s => s.Status == FinalistStatus.Finalist);
            var left = rules.PerDivision is null ? overall : Math.Max(0, overall - chosen);
            var rest = Order(walkable.Where(c => !standings.TryGetValue(c.EntryId, out var s) || s.Status == FinalistStatus.Reserve), OverallScore, inputIndex);
            var divisionTies = rest.Where(c => standings.TryGetValue(c.EntryId, out var s) && s.TieKey is not null)
                .ToDictionary(c => c.EntryId, c => standings[c.EntryId]);
            foreach (var c in rest) standings.Remove(c.EntryId);
            Walk(rest, new Cut(_ => CutKey.Overall, _ => left, _ => Wording.Of("总名额"), OverallScore, normalised ? "0.000" : "0.00", AdmitLater: false, PlaceOf: null));
            foreach (var (id, before) in divisionTies)
            {
                var now = standings[id];
                if (now.Status == FinalistStatus.Finalist) continue;
                standings[id] = now with { Remark = now.Remark is null ? before.Remark : before.Remark is null ? now.Remark : Wording.Join("；", [before.Remark, now.Remark]), TieKey = now.TieKey ?? before.TieKey };
            }
            for (var i = 0; i < ties.Count; i++)
            {
                var t = ties[i];
                if (t.Key != CutKey.Overall && !t.Resolved && t.Outside.All(id => standings[id].Status == FinalistStatus.Finalist))
                    ties[i] = t with { Resolved = true, Explanation = Wording.Join("；", [t.Explanation, Wording.Of("同分作品已按总名额入围")]) };
            }
        }

        /// <summary>Step 5, the proposal: one line per candidate with its remark, in division order, then rank, then input order.</summary>
        public FinalistProposal Proposal()
        {
            var lines = candidates
                .OrderBy(c => divisionOrder.IndexOf(c.DivisionId))
                .ThenBy(c => divisionPos.GetValueOrDefault(c.EntryId, int.MaxValue))
                .ThenBy(c => inputIndex[c.EntryId])
                .Select(c =>
                {
                    var s = standings[c.EntryId];
                    return new FinalistLine(c, s.Status, s.Reason, s.Remark, s.OverrideReason,
                        divisionRank.TryGetValue(c.EntryId, out var r) ? r : null, s.AboveCut, s.TieKey);
                })
                .ToList();
            return new FinalistProposal(lines, ties, rules);
        }

        /// <summary>One cut: every entry of <paramref name="order"/> not yet decided is reached in turn, then the cut is resolved.</summary>
        private void Walk(IReadOnlyList<FinalistCandidate> order, Cut cut)
        {
            var walk = new CutWalk();
            foreach (var c in order)
            {
                if (standings.TryGetValue(c.EntryId, out var s) && s.Status != FinalistStatus.Reserve) continue;
                standings[c.EntryId] = Reach(c, cut, walk);
            }
            ResolveCut(cut, walk);
        }

        /// <summary>
        /// The walk reaches one entry: the organiser's override first (调出, 破格入围); then a free seat is taken unless a cap
        /// is full; with no seat left, an entry equal to the last seated one is tied at the last seat, a capped one is skipped,
        /// and any other is the list's next reserve (候补).
        /// </summary>
        private Standing Reach(FinalistCandidate c, Cut cut, CutWalk walk)
        {
            var pool = cut.PoolOf(c);
            var seated = walk.Seated(pool);
            var full = seated.Count >= cut.SeatsOf(pool);
            overrides.TryGetValue(c.EntryId, out var ov);
            if (ov?.Kind == OverrideKind.Drop) return new(FinalistStatus.Skipped, SkipReason.Dropped, Wording.Of("组委会调出：{0}", ov.Reason), ov.Reason, !full, null);
            var block = caps.BlockedBy(c, out var reason, out var holders);
            if (ov?.Kind == OverrideKind.Admit) return Admit(c, ov, cut, seated, full, block, reason);
            if (!full)
            {
                if (block is not null) return SkipForCap(c, cut, block, reason, holders, aboveCut: true);
                caps.Take(c);
                seated.Add(c);
                return new(FinalistStatus.Finalist, null, null, null, true, null);
            }
            if (block is null && seated.Count > 0 && cut.Score(seated[^1]) == cut.Score(c)) return TieAtLastSeat(c, pool, walk);
            if (block is not null) return SkipForCap(c, cut, block, reason, holders, aboveCut: false);
            return new(FinalistStatus.Reserve, null, Wording.Of("候补第 {0} 位", walk.NextReserve(pool)), null, false, null);
        }

        /// <summary>
        /// 破格入围: the caps hold "原则上" (附件1 (六)), so the organiser may seat an entry beyond them, with a written reason;
        /// from below the cut it is seated beyond the target. Below a division's cut with an overall target to come, it
        /// waits for the overall walk, which seats it in a seat left or beyond the target.
        /// </summary>
        private Standing Admit(FinalistCandidate c, FinalistOverride ov, Cut cut, List<FinalistCandidate> seated, bool full, Wording? block, SkipReason reason)
        {
            if (full && cut.AdmitLater) return new(FinalistStatus.Reserve, null, null, null, false, null);
            caps.Take(c);
            if (!full) seated.Add(c);
            var why = block is null ? (full ? "名额之外" : null) : (reason == SkipReason.UnitCap ? "超出参赛单位名额" : "超出集团公司名额");
            return new(FinalistStatus.Finalist, null, why is null ? Wording.Of("破格入围：{0}", ov.Reason) : Wording.Of("破格入围（{0}）：{1}", Wording.Of(why), ov.Reason),
                ov.Reason, !full, null);
        }

        /// <summary>
        /// An entry equal to the last seated one with no seat left (issue 3: "Ties at the cut-off: all tied entries are shown";
        /// "Nothing is decided silently"): seated when the organiser chose 全部入围 for this cut, else held as a reserve
        /// until <see cref="ResolveCut"/> says how the tie stands.
        /// </summary>
        private Standing TieAtLastSeat(FinalistCandidate c, CutKey pool, CutWalk walk)
        {
            walk.TiedOut(pool).Add(c);
            if (decisions.Ties.GetValueOrDefault(pool, TieResolution.Pending) != TieResolution.IncludeAll)
                return new(FinalistStatus.Reserve, null, null, null, false, pool);
            caps.Take(c);
            return new(FinalistStatus.Finalist, null, null, null, false, pool);
        }

        /// <summary>An entry kept out by a full cap (附件1 (六)), with a remark naming the entries that hold the seats.</summary>
        private Standing SkipForCap(FinalistCandidate c, Cut cut, Wording block, SkipReason reason, IReadOnlyList<FinalistCandidate> holders, bool aboveCut)
        {
            var remark = CapRemark(c, cut, block, holders, out var capTie);
            return new(FinalistStatus.Skipped, reason, remark, null, aboveCut, capTie);
        }

        /// <summary>
        /// A cap decided between entries equal on the cut score is never settled silently (issue 3: "A cap contest between
        /// entries with equal scores is never settled silently"): the remark says what separated them (an earlier place in
        /// its division, or the tie-break keys); entries equal on every key form a tie (<see cref="CutKey.Cap"/>) the
        /// organiser settles with a reasoned override (调出 one, or 破格入围 the other). An admitted holder is the organiser's
        /// choice already and is no tie partner.
        /// </summary>
        private Wording CapRemark(FinalistCandidate c, Cut cut, Wording block, IReadOnlyList<FinalistCandidate> holders, out CutKey? tieKey)
        {
            tieKey = null;
            var equal = holders.Where(h => cut.Score(h) == cut.Score(c) && overrides.GetValueOrDefault(h.EntryId)?.Kind != OverrideKind.Admit).ToList();
            if (equal.Count == 0) return block;
            var codes = Codes(equal);
            if (cut.PlaceOf is { } placeOf && equal.All(h => placeOf(h) < placeOf(c))) return Wording.Of("{0}（与 {1} 同分，{1} 在本赛区名次更前）", block, codes);
            if (equal.All(h => !SameKeys(h, c, cut.Score))) return Wording.Of("{0}（与 {1} 同分，按{2}）", block, codes, tieBreakText);
            var key = CutKey.Cap(c.EntryId);
            tieKey = key;
            var score = cut.Score(c).ToString(cut.ScoreFormat, CultureInfo.InvariantCulture);
            ties.Add(new CutTie(key, Wording.Of("名额限制"), cut.Score(c), equal.Select(h => h.EntryId).ToList(), [c.EntryId], TieResolution.Pending, false,
                Wording.Of("{0} 与 {1} 同分 {2}，各项决胜指标也相同，名额限制只能取其一：请“调出”其中一个或“破格入围”另一个，并写明理由", codes, c.Code, score)));
            return Wording.Of("{0}；与 {1} 同分且按规则无法区分，待组委会决定", block, codes);
        }

        /// <summary>
        /// Resolves the cut: every list with entries tied across its last seat gets a <see cref="CutTie"/> and each tied
        /// entry a remark naming the others, as the organiser decided (issue 3: "the organiser includes them all or applies
        /// the configured tie-break. Nothing is decided silently"): 全部入围 seats them all; 按规则决出 settles it unless the
        /// entries are equal on every key; 待定 blocks confirmation.
        /// </summary>
        private void ResolveCut(Cut cut, CutWalk walk)
        {
            foreach (var (pool, outs) in walk.TiedOutByPool)
            {
                var seated = walk.Seated(pool);
                var last = seated[^1];
                var inside = seated.Where(x => cut.Score(x) == cut.Score(last)).ToList();
                var resolution = decisions.Ties.GetValueOrDefault(pool, TieResolution.Pending);
                var separable = !SameKeys(last, outs[0], cut.Score);
                var resolved = resolution == TieResolution.IncludeAll || (resolution == TieResolution.TieBreak && separable);
                var score = cut.Score(last);
                var scoreText = score.ToString(cut.ScoreFormat, CultureInfo.InvariantCulture);
                var all = inside.Concat(outs).ToList();
                var explanation = resolution switch
                {
                    TieResolution.IncludeAll => Wording.Of("{0} 同分 {1}，组委会决定全部入围", Codes(all), scoreText, tieBreakText),
                    TieResolution.TieBreak when separable => Wording.Of("{0} 同分 {1}，按规则（{2}）决出", Codes(all), scoreText, tieBreakText),
                    TieResolution.TieBreak => Wording.Of("{0} 同分 {1}，按规则（{2}）仍无法区分：请选择全部入围，或调出其中一个作品并写明理由", Codes(all), scoreText, tieBreakText),
                    _ => Wording.Of("{0} 同分 {1}，跨越最后一个名额：请选择全部入围，或按规则（{2}）决出", Codes(all), scoreText, tieBreakText),
                };
                foreach (var c in all)
                {
                    var s = standings[c.EntryId];
                    var others = Codes(all.Where(x => x.EntryId != c.EntryId));
                    var remark = resolution switch
                    {
                        TieResolution.IncludeAll => Wording.Of("与 {0} 同分，全部入围", others, tieBreakText),
                        TieResolution.TieBreak when separable => s.Status == FinalistStatus.Finalist
                            ? Wording.Of("与 {0} 同分，按{1}入围", others, tieBreakText) : Wording.Of("与 {0} 同分，按{1}未入围", others, tieBreakText),
                        _ => Wording.Of("与 {0} 同分，待组委会决定", others, tieBreakText),
                    };
                    standings[c.EntryId] = s with { Remark = remark, TieKey = pool };
                }
                ties.Add(new CutTie(pool, cut.NameOf(pool), score, inside.Select(x => x.EntryId).ToList(), outs.Select(x => x.EntryId).ToList(),
                    resolution, resolved, explanation));
            }
        }
    }

    /// <summary>One walk's lists (pools): the entries seated, the entries tied outside the last seat, and the reserves counted.</summary>
    private sealed class CutWalk
    {
        private readonly Dictionary<CutKey, List<FinalistCandidate>> seated = new();
        private readonly Dictionary<CutKey, List<FinalistCandidate>> tiedOut = new();
        private readonly Dictionary<CutKey, int> reserves = new();

        /// <summary>The entries holding the list's seats, in the order seated.</summary>
        public List<FinalistCandidate> Seated(CutKey pool) => seated.TryGetValue(pool, out var l) ? l : seated[pool] = [];

        /// <summary>The entries tied with the list's last seat from outside it, in walk order.</summary>
        public List<FinalistCandidate> TiedOut(CutKey pool) => tiedOut.TryGetValue(pool, out var l) ? l : tiedOut[pool] = [];

        /// <summary>The lists with a tie at their last seat, in the order the ties were met.</summary>
        public IEnumerable<KeyValuePair<CutKey, List<FinalistCandidate>>> TiedOutByPool => tiedOut;

        /// <summary>The number (1, 2, …) of the list's next reserve.</summary>
        public int NextReserve(CutKey pool) => reserves[pool] = reserves.GetValueOrDefault(pool) + 1;
    }

    /// <summary>
    /// The finalists seated so far per unit and per group company, across every division and both walks (附件1 (六):
    /// "考虑到比赛优秀成果覆盖各领域品牌企业的代表性和广泛性，原则上来自同一家参赛单位（代表同一品牌）的参赛作品，限 1 个进入决赛；
    /// 原则上来自同一家集团公司下属参赛单位（代表同一产业领域）的参赛作品，限 2 个进入决赛"), with the caps the organiser set.
    /// </summary>
    private sealed class CapLedger(FinalistRules rules)
    {
        private readonly Dictionary<int, List<FinalistCandidate>> units = new();
        private readonly Dictionary<int, List<FinalistCandidate>> groups = new();

        /// <summary>The Chinese remark when a cap keeps <paramref name="c"/> out (unit cap first), with the entries holding it; null when none does.</summary>
        public Wording? BlockedBy(FinalistCandidate c, out SkipReason reason, out IReadOnlyList<FinalistCandidate> holders)
        {
            reason = SkipReason.UnitCap;
            holders = [];
            if (units.TryGetValue(c.UnitId, out var u) && u.Count >= rules.UnitCap)
            {
                holders = u;
                return Wording.Of("同一参赛单位（{0}）已有 {1} 个作品入围（{2}），每个参赛单位限 {3} 个", c.UnitName, u.Count, Codes(u), rules.UnitCap);
            }
            reason = SkipReason.GroupCap;
            if (c.GroupId is { } g && groups.TryGetValue(g, out var gs) && gs.Count >= rules.GroupCap)
            {
                holders = gs;
                return Wording.Of("同一集团公司（{0}）已有 {1} 个作品入围（{2}），每个集团公司限 {3} 个", c.GroupName, gs.Count, Codes(gs), rules.GroupCap);
            }
            return null;
        }

        /// <summary>Counts <paramref name="c"/> as a finalist of its unit and group.</summary>
        public void Take(FinalistCandidate c)
        {
            (units.TryGetValue(c.UnitId, out var u) ? u : units[c.UnitId] = []).Add(c);
            if (c.GroupId is { } g) (groups.TryGetValue(g, out var gs) ? gs : groups[g] = []).Add(c);
        }
    }

    /// <summary>Entries by score (higher first), then tie-break keys, then input order.</summary>
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

    /// <summary>The entries' codes as data, joined by "、" (", " in English).</summary>
    private static Wording Codes(IEnumerable<FinalistCandidate> xs) => Wording.Join("、", xs.Select(x => Wording.Data(x.Code)));
}
