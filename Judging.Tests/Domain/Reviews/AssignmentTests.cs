namespace Judging.Tests.Domain.Reviews;

using Judging.Domain.Reviews;

/// <summary>Assignment of entries to experts (issue 5): never conflicted, min(k, eligible) each, loads balanced, stable, deterministic.</summary>
public sealed class AssignmentTests
{
    // 光明食品集团 (group 1): units 1 光明乳业 and 2 梅林; 上海建工集团 (group 2): unit 3; unit 4 independent.
    // Recommenders: 10 光明食品集团 (units 1, 2), 11 浦东新区市场监管局 (units 3, 4).
    private static readonly ReviewEntry Al006 = new(6, "AL-006", 1, "光明乳业股份有限公司", 1, "光明食品集团", 10, "光明食品集团");
    private static readonly ReviewEntry Al007 = new(7, "AL-007", 2, "上海梅林正广和股份有限公司", 1, "光明食品集团", 10, "光明食品集团");
    private static readonly ReviewEntry Al010 = new(10, "AL-010", 3, "上海建工一建集团有限公司", 2, "上海建工集团", 11, "浦东新区市场监管局");
    private static readonly ReviewEntry Al021 = new(21, "AL-021", 4, "上海第一八佰伴有限公司", null, null, 11, "浦东新区市场监管局");

    [Fact]
    public void Conflicts_cover_the_unit_its_group_and_the_recommender_with_a_Chinese_reason()
    {
        var aj03 = new ReviewExpert(3, "AJ-03", ConflictUnitId: 1, ConflictGroupId: 1, ConflictRecommenderId: null);
        var aj04 = new ReviewExpert(4, "AJ-04", null, null, ConflictRecommenderId: 11);
        var aj09 = new ReviewExpert(9, "AJ-09", ConflictUnitId: 4, ConflictGroupId: null, null);
        Assert.Equal("专家AJ-03与作品AL-006同属光明食品集团，须回避", ReviewConflict.Reason(aj03, Al006));
        Assert.Equal("专家AJ-03与作品AL-007同属光明食品集团，须回避", ReviewConflict.Reason(aj03, Al007)); // group avoided too
        Assert.Null(ReviewConflict.Reason(aj03, Al010));
        Assert.Equal("专家AJ-04须回避浦东新区市场监管局推荐的作品AL-010", ReviewConflict.Reason(aj04, Al010));
        Assert.Equal("专家AJ-04须回避浦东新区市场监管局推荐的作品AL-021", ReviewConflict.Reason(aj04, Al021));
        Assert.Null(ReviewConflict.Reason(aj04, Al006));
        Assert.Equal("专家AJ-09须回避本单位（上海第一八佰伴有限公司）的作品AL-021", ReviewConflict.Reason(aj09, Al021));
        Assert.Null(ReviewConflict.Reason(aj09, Al010));
    }

    [Fact]
    public void Manual_changes_that_break_a_rule_are_refused_with_the_reason()
    {
        var aj02 = new ReviewExpert(2, "AJ-02", null, null, null);
        var aj03 = new ReviewExpert(3, "AJ-03", 1, 1, null);
        var aj05 = new ReviewExpert(5, "AJ-05", null, null, null);
        var aj06 = new ReviewExpert(6, "AJ-06", null, null, null);
        var stranger = new ReviewExpert(99, "ZJ-02", null, null, null);
        var panel = new[] { aj02, aj03, aj05, aj06 };
        var current = new[] { new AssignmentPair(6, 2), new AssignmentPair(6, 5), new AssignmentPair(6, 6), new AssignmentPair(10, 2) };

        Assert.Equal("专家AJ-03与作品AL-006同属光明食品集团，须回避",
            Assignment.CheckManualChange(AssignmentChange.Add, Al006, aj03, [new AssignmentPair(6, 2)], 3, panel, false, "补充专家"));
        Assert.Equal("该作品已有 3 位专家（每件 3 位），请先移除一位再添加",
            Assignment.CheckManualChange(AssignmentChange.Add, Al006, new ReviewExpert(7, "AJ-07", null, null, null), current, 3, [.. panel, new ReviewExpert(7, "AJ-07", null, null, null)], false, "补充专家"));
        Assert.Equal("专家AJ-02已分配作品AL-010", Assignment.CheckManualChange(AssignmentChange.Add, Al010, aj02, current, 3, panel, false, "重复"));
        Assert.Equal("ZJ-02不是本轮的评审专家", Assignment.CheckManualChange(AssignmentChange.Add, Al010, stranger, current, 3, panel, false, "外请"));
        Assert.Equal("请填写调整原因", Assignment.CheckManualChange(AssignmentChange.Add, Al010, aj05, current, 3, panel, false, "  "));
        Assert.Null(Assignment.CheckManualChange(AssignmentChange.Add, Al010, aj05, current, 3, panel, false, "平衡工作量"));

        Assert.Equal("专家AJ-02已提交作品AL-006的评分，不能移除；如需重评，请评委会主任解锁",
            Assignment.CheckManualChange(AssignmentChange.Remove, Al006, aj02, current, 3, panel, submitted: true, "出差"));
        Assert.Equal("专家AJ-03未分配作品AL-010", Assignment.CheckManualChange(AssignmentChange.Remove, Al010, aj03, current, 3, panel, false, "出差"));
        Assert.Null(Assignment.CheckManualChange(AssignmentChange.Remove, Al006, aj02, current, 3, panel, submitted: false, "出差"));
    }

    [Fact]
    public void Seeded_panel_shape_25_cases_9_experts_k3_gives_8_or_9_each_and_3_per_case()
    {
        var entries = Enumerable.Range(1, 25).Select(i => new ReviewEntry(i, $"AL-{i:000}", i, $"单位{i}", i <= 13 ? (i - 1) / 4 + 1 : null, i <= 13 ? $"集团{(i - 1) / 4 + 1}" : null, 100 + i % 6, $"推荐{i % 6}")).ToList();
        var experts = Enumerable.Range(1, 9).Select(j => new ReviewExpert(j, $"AJ-{j:00}", j <= 5 ? j * 2 : null, j <= 5 ? (j * 2 - 1) / 4 + 1 : null, j is 3 or 7 ? 100 + j % 6 : null)).ToList();
        var plan = Assignment.Plan(entries, experts, 3, []);
        Assert.All(entries, e => Assert.Equal(3, plan.All.Count(p => p.EntryId == e.EntryId)));
        var loads = experts.Select(x => plan.All.Count(p => p.JudgeId == x.JudgeId)).ToList();
        Assert.Equal(75, loads.Sum());
        Assert.True(loads.Max() - loads.Min() <= 1, string.Join(",", loads));
        Assert.All(plan.All, p => Assert.False(ReviewConflict.IsConflicted(experts.Single(x => x.JudgeId == p.JudgeId), entries.Single(e => e.EntryId == p.EntryId))));
    }

    [Fact]
    public void Films_with_k_all_give_every_film_to_every_expert_without_a_conflict()
    {
        var entries = new[] { Al006, Al007, Al010, Al021 };
        var experts = new[] { new ReviewExpert(1, "ZJ-01", null, null, null), new ReviewExpert(4, "ZJ-04", 1, 1, null), new ReviewExpert(5, "ZJ-05", null, null, null) };
        var plan = Assignment.Plan(entries, experts, experts.Length, []);
        Assert.Equal(10, plan.All.Count); // ZJ-04 avoids AL-006 and AL-007 (光明食品集团)
        Assert.DoesNotContain(new AssignmentPair(6, 4), plan.All);
        Assert.DoesNotContain(new AssignmentPair(7, 4), plan.All);
        Assert.Contains(new AssignmentPair(10, 4), plan.All);
    }

    [Fact]
    public void An_entry_with_fewer_eligible_experts_than_k_gets_all_of_them_and_a_note()
    {
        var experts = new[] { new ReviewExpert(1, "AJ-01", 1, 1, null), new ReviewExpert(2, "AJ-02", null, null, 10), new ReviewExpert(3, "AJ-03", null, null, null), new ReviewExpert(4, "AJ-04", null, null, null) };
        var plan = Assignment.Plan([Al006, Al010], experts, 3, []);
        Assert.Equal(2, plan.All.Count(p => p.EntryId == 6)); // AJ-01 (group) and AJ-02 (recommender) avoid it
        Assert.Equal(3, plan.All.Count(p => p.EntryId == 10));
        Assert.Contains(plan.Notes, n => n.Contains("AL-006") && n.Contains("2 位"));
    }

    [Fact]
    public void Existing_pairs_are_kept_and_a_re_run_adds_nothing()
    {
        var experts = Enumerable.Range(1, 5).Select(j => new ReviewExpert(j, $"AJ-{j:00}", null, null, null)).ToList();
        var entries = new[] { Al006, Al007, Al010, Al021 };
        var first = Assignment.Plan(entries, experts, 2, [new AssignmentPair(6, 5), new AssignmentPair(7, 5)]);
        Assert.Contains(new AssignmentPair(6, 5), first.All);
        Assert.Contains(new AssignmentPair(7, 5), first.All);
        Assert.Equal(6, first.Added.Count);
        var again = Assignment.Plan(entries, experts, 2, first.All.ToList());
        Assert.Empty(again.Added);
        Assert.Equal(first.All.OrderBy(p => p.EntryId).ThenBy(p => p.JudgeId), again.All.OrderBy(p => p.EntryId).ThenBy(p => p.JudgeId));
        // Raising k only adds.
        var more = Assignment.Plan(entries, experts, 3, first.All.ToList());
        Assert.Equal(4, more.Added.Count);
        Assert.All(first.All, p => Assert.Contains(p, more.All));
    }

    [Fact]
    public void A_conflicted_existing_pair_is_left_out_and_noted()
    {
        var experts = new[] { new ReviewExpert(3, "AJ-03", 1, 1, null), new ReviewExpert(2, "AJ-02", null, null, null) };
        var plan = Assignment.Plan([Al006], experts, 1, [new AssignmentPair(6, 3)]);
        Assert.Equal([new AssignmentPair(6, 2)], plan.All);
        Assert.Contains(plan.Notes, n => n.Contains("同属光明食品集团"));
    }

    /// <summary>Random small panels: the plan's spread of loads (max − min) equals the best any assignment achieves (brute force).</summary>
    [Fact]
    public void Randomized_small_cases_reach_the_best_possible_balance_never_conflicted()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var (entries, experts, k, existing) = Scenario(seed, maxEntries: 5, maxExperts: 5, maxK: 3);
            var plan = Assignment.Plan(entries, experts, k, existing);
            CheckInvariants(entries, experts, k, existing, plan, seed);
            var best = BestSpread(entries, experts, k, existing);
            var loads = experts.Select(x => plan.All.Count(p => p.JudgeId == x.JudgeId)).ToList();
            Assert.True(loads.Max() - loads.Min() == best, $"seed {seed}: spread {loads.Max() - loads.Min()}, best {best} ({string.Join(",", loads)})");
        }
    }

    /// <summary>Random panels of the real size and larger: invariants, determinism, stability; spread ≤ 1 when there are no conflicts.</summary>
    [Fact]
    public void Randomized_large_cases_keep_every_rule_and_are_deterministic_and_stable()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var (entries, experts, k, existing) = Scenario(1000 + seed, maxEntries: 40, maxExperts: 12, maxK: 5);
            var plan = Assignment.Plan(entries, experts, k, existing);
            CheckInvariants(entries, experts, k, existing, plan, seed);
            var rnd = new Random(seed);
            var shuffled = Assignment.Plan(entries.OrderBy(_ => rnd.Next()).ToList(), experts.OrderBy(_ => rnd.Next()).ToList(), k, existing.OrderBy(_ => rnd.Next()).ToList());
            Assert.Equal(plan.All, shuffled.All); // same input in another order: the same plan
            Assert.Empty(Assignment.Plan(entries, experts, k, plan.All.ToList()).Added);

            var free = experts.Select(x => x with { ConflictUnitId = null, ConflictGroupId = null, ConflictRecommenderId = null }).ToList();
            var freePlan = Assignment.Plan(entries, free, k, []);
            var loads = free.Select(x => freePlan.All.Count(p => p.JudgeId == x.JudgeId)).ToList();
            Assert.True(loads.Max() - loads.Min() <= 1, $"seed {seed}: {string.Join(",", loads)}");
        }
    }

    private static void CheckInvariants(List<ReviewEntry> entries, List<ReviewExpert> experts, int k, List<AssignmentPair> existing, AssignmentPlan plan, int seed)
    {
        Assert.Equal(plan.All.Count, plan.All.Distinct().Count());
        foreach (var p in plan.All)
            Assert.False(ReviewConflict.IsConflicted(experts.Single(x => x.JudgeId == p.JudgeId), entries.Single(e => e.EntryId == p.EntryId)), $"seed {seed}: conflicted {p}");
        Assert.All(existing, p => Assert.Contains(p, plan.All));
        foreach (var e in entries)
        {
            var eligible = experts.Count(x => !ReviewConflict.IsConflicted(x, e));
            var kept = existing.Count(p => p.EntryId == e.EntryId);
            Assert.Equal(Math.Max(Math.Min(k, eligible), kept), plan.All.Count(p => p.EntryId == e.EntryId));
        }
        Assert.Equal(plan.All.Except(existing).OrderBy(p => p.EntryId).ThenBy(p => p.JudgeId), plan.Added.OrderBy(p => p.EntryId).ThenBy(p => p.JudgeId));
    }

    /// <summary>Random entries in groups and recommenders, experts with random declared conflicts, and a valid random existing assignment.</summary>
    private static (List<ReviewEntry>, List<ReviewExpert>, int, List<AssignmentPair>) Scenario(int seed, int maxEntries, int maxExperts, int maxK)
    {
        var rnd = new Random(seed);
        var nE = rnd.Next(1, maxEntries + 1);
        var nX = rnd.Next(1, maxExperts + 1);
        var k = rnd.Next(1, maxK + 1);
        var units = rnd.Next(1, nE + 1);
        int? GroupOf(int unit) => unit % 3 == 0 ? null : unit % 4;
        var entries = Enumerable.Range(1, nE).Select(i =>
        {
            var u = rnd.Next(units);
            return new ReviewEntry(i, $"E-{i:000}", u, $"U{u}", GroupOf(u), GroupOf(u) is { } g ? $"G{g}" : null, u % 5, $"R{u % 5}");
        }).ToList();
        var experts = Enumerable.Range(1, nX).Select(j =>
        {
            int? cu = rnd.Next(3) == 0 ? rnd.Next(units) : null;
            int? cr = rnd.Next(4) == 0 ? rnd.Next(5) : null;
            return new ReviewExpert(j, $"X-{j:00}", cu, cu is { } c ? GroupOf(c) : null, cr);
        }).ToList();
        var existing = new List<AssignmentPair>();
        if (rnd.Next(2) == 0)
            foreach (var e in entries)
            {
                var eligible = experts.Where(x => !ReviewConflict.IsConflicted(x, e)).OrderBy(_ => rnd.Next()).ToList();
                existing.AddRange(eligible.Take(rnd.Next(0, Math.Min(k, eligible.Count) + 1)).Select(x => new AssignmentPair(e.EntryId, x.JudgeId)));
            }
        return (entries, experts, k, existing);
    }

    /// <summary>The smallest max − min of loads over every valid assignment (exhaustive).</summary>
    private static int BestSpread(List<ReviewEntry> entries, List<ReviewExpert> experts, int k, List<AssignmentPair> existing)
    {
        var options = entries.Select(e =>
        {
            var eligible = experts.Where(x => !ReviewConflict.IsConflicted(x, e)).Select(x => x.JudgeId).ToList();
            var kept = existing.Where(p => p.EntryId == e.EntryId).Select(p => p.JudgeId).ToHashSet();
            var size = Math.Max(Math.Min(k, eligible.Count), kept.Count);
            return Subsets(eligible, size).Where(s => kept.IsSubsetOf(s)).ToList();
        }).ToList();
        var index = experts.Select((x, i) => (x.JudgeId, i)).ToDictionary(p => p.JudgeId, p => p.i);
        var load = new int[experts.Count];
        var best = int.MaxValue;
        void Walk(int e)
        {
            if (e == options.Count) { best = Math.Min(best, load.Max() - load.Min()); return; }
            foreach (var s in options[e])
            {
                foreach (var j in s) load[index[j]]++;
                Walk(e + 1);
                foreach (var j in s) load[index[j]]--;
            }
        }
        Walk(0);
        return best;
    }

    private static IEnumerable<HashSet<int>> Subsets(List<int> items, int size)
    {
        if (size == 0) { yield return []; yield break; }
        for (var i = 0; i <= items.Count - size; i++)
            foreach (var rest in Subsets(items.Skip(i + 1).ToList(), size - 1))
            {
                rest.Add(items[i]);
                yield return rest;
            }
    }
}
