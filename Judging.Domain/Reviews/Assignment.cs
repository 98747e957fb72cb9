namespace Judging.Domain.Reviews;

using Judging.Domain.Competitions;

/// <summary>An entry of an online review round with what the conflict rules look at (names for the Chinese reasons).</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Code">作品编号, e.g. AL-006.</param>
/// <param name="UnitId">参赛单位.</param>
/// <param name="Unit">Its name.</param>
/// <param name="GroupId">集团公司 of the unit, or null for an independent unit.</param>
/// <param name="Group">Its name, or null.</param>
/// <param name="RecommenderId">推荐单位 of the unit.</param>
/// <param name="Recommender">Its name.</param>
public sealed record ReviewEntry(int EntryId, string Code, int UnitId, string Unit, int? GroupId, string? Group, int RecommenderId, string Recommender);

/// <summary>An expert (专家) of the round's panel with their declared conflicts (<c>judges.csv</c> 回避单位, 回避推荐单位).</summary>
/// <param name="JudgeId">The judge.</param>
/// <param name="Code">评委编号, e.g. AJ-03.</param>
/// <param name="ConflictUnitId">回避单位, or null.</param>
/// <param name="ConflictGroupId">That unit's group (avoided too), or null.</param>
/// <param name="ConflictRecommenderId">回避推荐单位: every entry whose unit has this recommender is avoided; or null.</param>
public sealed record ReviewExpert(int JudgeId, string Code, int? ConflictUnitId, int? ConflictGroupId, int? ConflictRecommenderId);

/// <summary>One expert assigned one entry.</summary>
public readonly record struct AssignmentPair(int EntryId, int JudgeId);

/// <summary>
/// Result of <see cref="Assignment.Plan"/>: every current pair (the valid existing ones and the added ones), the added
/// ones (to store), and notes (an entry with fewer eligible experts than k, an existing pair now conflicted) as
/// <see cref="Wording"/>s, which the console words in the page's language.
/// </summary>
public sealed record AssignmentPlan(IReadOnlyList<AssignmentPair> All, IReadOnlyList<AssignmentPair> Added, IReadOnlyList<Wording> NoteWordings)
{
    /// <summary>The notes in Chinese (zh-CN), as the JSON API and the audit log give them.</summary>
    public IReadOnlyList<string> Notes => NoteWordings.Select(n => n.ToString()).ToList();
}

/// <summary>Add or remove, for <see cref="Assignment.CheckManualChange"/>.</summary>
public enum AssignmentChange
{
    /// <summary>添加.</summary>
    Add,
    /// <summary>移除.</summary>
    Remove,
}

/// <summary>
/// Declared conflicts in online review (回避, issue 5: "never to an expert with a declared conflict (same unit, group or
/// recommender)"): an expert never reviews an entry of their 回避单位, of any unit of that unit's group company, or of any
/// unit recommended by their 回避推荐单位.
/// </summary>
public static class ReviewConflict
{
    /// <summary>
    /// Null when <paramref name="expert"/> may review <paramref name="entry"/>; otherwise the Chinese reason, e.g.
    /// "专家AJ-03与作品AL-006同属光明食品集团，须回避".
    /// </summary>
    public static string? Reason(ReviewExpert expert, ReviewEntry entry) => ReasonWording(expert, entry)?.ToString();

    /// <summary>As <see cref="Reason"/>, as a <see cref="Wording"/> that a page words in its language.</summary>
    public static Wording? ReasonWording(ReviewExpert expert, ReviewEntry entry)
    {
        if (expert.ConflictUnitId is not null || expert.ConflictGroupId is not null)
        {
            if (expert.ConflictGroupId is { } g && entry.GroupId == g)
                return Wording.Of("专家{0}与作品{1}同属{2}，须回避", expert.Code, entry.Code, entry.Group);
            if (expert.ConflictUnitId == entry.UnitId)
                return Wording.Of("专家{0}须回避本单位（{1}）的作品{2}", expert.Code, entry.Unit, entry.Code);
        }
        if (expert.ConflictRecommenderId is { } r && entry.RecommenderId == r)
            return Wording.Of("专家{0}须回避{1}推荐的作品{2}", expert.Code, entry.Recommender, entry.Code);
        return null;
    }

    /// <summary>True when <paramref name="expert"/> must not review <paramref name="entry"/>.</summary>
    public static bool IsConflicted(ReviewExpert expert, ReviewEntry entry) => Reason(expert, entry) is not null;
}

/// <summary>
/// Assignment of entries to experts for online review (专家分配, issue 5; films: issue 4 with k = every expert).
/// </summary>
public static class Assignment
{
    /// <summary>
    /// Plans the assignment: each entry gets min(<paramref name="k"/>, its eligible experts) experts, never one with a
    /// declared conflict (<see cref="ReviewConflict"/>), keeping every valid pair of <paramref name="existing"/> (stable
    /// under re-run: planning again on its own result adds nothing). Loads (entries per expert, existing included) are
    /// balanced as evenly as the conflicts allow: max − min ≤ 1 whenever any assignment achieves it. Method: a greedy pass
    /// (most constrained entry first, least-loaded expert first), then moves along alternating paths from an expert with
    /// load L to one with load ≤ L − 2 until none exists; with no such path the loads minimise the sum of squares, which
    /// also minimises the largest load and maximises the smallest. Deterministic: inputs are ordered by code; no randomness.
    /// </summary>
    /// <param name="entries">The round's entries.</param>
    /// <param name="experts">The round's expert panel.</param>
    /// <param name="k">Experts per entry, ≥ 1 (default 3 for cases; films: the panel size, "every expert").</param>
    /// <param name="existing">Current pairs; a pair that is now conflicted or names an unknown entry or expert is left out and noted.</param>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1.</exception>
    public static AssignmentPlan Plan(IReadOnlyList<ReviewEntry> entries, IReadOnlyList<ReviewExpert> experts, int k, IReadOnlyCollection<AssignmentPair> existing)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var es = entries.OrderBy(e => e.Code, StringComparer.Ordinal).ThenBy(e => e.EntryId).ToList();
        var xs = experts.OrderBy(x => x.Code, StringComparer.Ordinal).ThenBy(x => x.JudgeId).ToList();
        var ei = es.Select((e, i) => (e.EntryId, i)).ToDictionary(p => p.EntryId, p => p.i);
        var xi = xs.Select((x, i) => (x.JudgeId, i)).ToDictionary(p => p.JudgeId, p => p.i);
        var notes = new List<Wording>();

        var eligible = new bool[es.Count, xs.Count];
        var eligibleCount = new int[es.Count];
        for (var e = 0; e < es.Count; e++)
            for (var x = 0; x < xs.Count; x++)
                if (!ReviewConflict.IsConflicted(xs[x], es[e])) { eligible[e, x] = true; eligibleCount[e]++; }

        var assigned = new bool[es.Count, xs.Count];
        var locked = new bool[es.Count, xs.Count];
        var load = new int[xs.Count];
        var count = new int[es.Count];
        foreach (var p in existing.Distinct().OrderBy(p => p.EntryId).ThenBy(p => p.JudgeId))
        {
            if (!ei.TryGetValue(p.EntryId, out var e) || !xi.TryGetValue(p.JudgeId, out var x))
            {
                notes.Add(Wording.Of("现有分配（作品 {0}，专家 {1}）不在本轮名单中，未计入", p.EntryId, p.JudgeId));
                continue;
            }
            if (!eligible[e, x])
            {
                notes.Add(Wording.Of("现有分配须回避：{0}，请手动移除", ReviewConflict.ReasonWording(xs[x], es[e])));
                continue;
            }
            assigned[e, x] = locked[e, x] = true;
            load[x]++;
            count[e]++;
        }

        // Greedy: the most constrained entries first, each to the least-loaded eligible experts.
        foreach (var e in Enumerable.Range(0, es.Count).OrderBy(e => eligibleCount[e]).ThenBy(e => e))
        {
            var target = Math.Min(k, eligibleCount[e]);
            if (target < k && k < xs.Count) notes.Add(Wording.Of("作品{0}只有 {1} 位无回避专家，少于每件 {2} 位", es[e].Code, eligibleCount[e], k));
            while (count[e] < target)
            {
                var best = -1;
                for (var x = 0; x < xs.Count; x++)
                    if (eligible[e, x] && !assigned[e, x] && (best < 0 || load[x] < load[best])) best = x;
                assigned[e, best] = true;
                load[best]++;
                count[e]++;
            }
        }

        // Balance: move one entry's worth of load along an alternating path from a heavy expert to a light one.
        while (TryImprove(es.Count, xs.Count, eligible, assigned, locked, load)) { }

        var all = new List<AssignmentPair>();
        var added = new List<AssignmentPair>();
        for (var e = 0; e < es.Count; e++)
            for (var x = 0; x < xs.Count; x++)
                if (assigned[e, x])
                {
                    var p = new AssignmentPair(es[e].EntryId, xs[x].JudgeId);
                    all.Add(p);
                    if (!locked[e, x]) added.Add(p);
                }
        return new AssignmentPlan(all, added, notes);
    }

    /// <summary>
    /// One improving move: from the heaviest expert A (in order), a breadth-first search over "A gives up entry e (not a
    /// locked pair), expert C eligible for e takes it, C gives up another entry…" to the lightest reachable expert B with
    /// load(B) ≤ load(A) − 2; applies the path (A loses one, B gains one, the others keep their load). False when none exists.
    /// </summary>
    private static bool TryImprove(int nE, int nX, bool[,] eligible, bool[,] assigned, bool[,] locked, int[] load)
    {
        foreach (var a in Enumerable.Range(0, nX).OrderByDescending(x => load[x]).ThenBy(x => x))
        {
            // BFS over experts; prev[x] = (entry, previous expert) by which x was reached.
            var prev = new (int Entry, int From)[nX];
            var seen = new bool[nX];
            var entrySeen = new bool[nE];
            var queue = new Queue<int>();
            seen[a] = true;
            queue.Enqueue(a);
            while (queue.Count > 0)
            {
                var c = queue.Dequeue();
                for (var e = 0; e < nE; e++)
                {
                    if (entrySeen[e] || !assigned[e, c] || locked[e, c]) continue;
                    entrySeen[e] = true;
                    for (var y = 0; y < nX; y++)
                    {
                        if (seen[y] || !eligible[e, y] || assigned[e, y]) continue;
                        seen[y] = true;
                        prev[y] = (e, c);
                        queue.Enqueue(y);
                    }
                }
            }
            var b = -1;
            for (var y = 0; y < nX; y++)
                if (y != a && seen[y] && load[y] <= load[a] - 2 && (b < 0 || load[y] < load[b])) b = y;
            if (b < 0) continue;
            for (var y = b; y != a;)
            {
                var (e, from) = prev[y];
                assigned[e, from] = false;
                assigned[e, y] = true;
                y = from;
            }
            load[a]--;
            load[b]++;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Checks an organiser's change by hand (issue 5: "a manual change that breaks a rule is refused with the reason").
    /// Refused: an empty reason; adding an expert who is not on the panel, already assigned, conflicted
    /// (<see cref="ReviewConflict.Reason"/>), or to an entry that already has <paramref name="k"/> experts; removing a pair
    /// that is not assigned, or an expert who already submitted a card for the entry (the card stays; a chief judge unlocks it).
    /// </summary>
    /// <param name="change">Add or remove.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="expert">The expert.</param>
    /// <param name="current">The round's current pairs.</param>
    /// <param name="k">Experts per entry of the round.</param>
    /// <param name="panel">The round's expert panel.</param>
    /// <param name="submitted">True when the expert has an effective (submitted, not unlocked) card for the entry.</param>
    /// <param name="reason">The organiser's reason.</param>
    /// <returns>Null when allowed, else the Chinese reason.</returns>
    public static string? CheckManualChange(AssignmentChange change, ReviewEntry entry, ReviewExpert expert, IReadOnlyCollection<AssignmentPair> current,
        int k, IReadOnlyCollection<ReviewExpert> panel, bool submitted, string? reason) =>
        ManualChangeRefusal(change, entry, expert, current, k, panel, submitted, reason)?.ToString();

    /// <summary>As <see cref="CheckManualChange"/>, the refusal as a <see cref="Wording"/> that the app words in the UI culture.</summary>
    public static Wording? ManualChangeRefusal(AssignmentChange change, ReviewEntry entry, ReviewExpert expert, IReadOnlyCollection<AssignmentPair> current,
        int k, IReadOnlyCollection<ReviewExpert> panel, bool submitted, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Wording.Of("请填写调整原因");
        var pair = new AssignmentPair(entry.EntryId, expert.JudgeId);
        var isAssigned = current.Contains(pair);
        if (change == AssignmentChange.Add)
        {
            if (!panel.Any(x => x.JudgeId == expert.JudgeId)) return Wording.Of("{0}不是本轮的评审专家", expert.Code);
            if (isAssigned) return Wording.Of("专家{0}已分配作品{1}", expert.Code, entry.Code);
            if (ReviewConflict.ReasonWording(expert, entry) is { } conflict) return conflict;
            var n = current.Count(p => p.EntryId == entry.EntryId);
            if (n >= k) return Wording.Of("该作品已有 {0} 位专家（每件 {1} 位），请先移除一位再添加", n, k);
            return null;
        }
        if (!isAssigned) return Wording.Of("专家{0}未分配作品{1}", expert.Code, entry.Code);
        if (submitted) return Wording.Of("专家{0}已提交作品{1}的评分，不能移除；如需重评，请评委会主任解锁", expert.Code, entry.Code);
        return null;
    }
}
