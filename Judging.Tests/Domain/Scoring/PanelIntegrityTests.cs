namespace Judging.Tests.Domain.Scoring;

using Judging.Domain.Scoring;

/// <summary>Issue 14, §1: the live panel flag (k × MAD around the other cards' median) and the judge report's figures.</summary>
public sealed class PanelIntegrityTests
{
    private static readonly ScoringOptions Defaults = new(); // FlagK 3, FlagMinPanel 5, FlagMadFloor 1.0, trim 1+1 from 5

    /// <summary>Cards with one criterion each, judges 1, 2, 3… in order.</summary>
    private static List<PanelCard> Totals(params decimal[] totals) =>
        totals.Select((t, i) => new PanelCard(i + 1, [t])).ToList();

    [Fact]
    public void Two_outliers_in_a_panel_of_seven_are_both_flagged_and_no_other_card()
    {
        var cards = Totals(80, 81, 82, 83, 84, 40, 45); // judges 1..7; judges 6 and 7 are the low cards

        var flags = PanelFlags.Check(cards, Defaults);

        // Card 40 (judge 6): others 45,80,81,82,83,84 → m = (81 + 82) / 2 = 81.5;
        //   |other − m| = 36.5,1.5,0.5,0.5,1.5,2.5 → sorted 0.5,0.5,1.5,1.5,2.5,36.5 → MAD = (1.5 + 1.5) / 2 = 1.5;
        //   bound 3 × max(1.5, 1) = 4.5; |40 − 81.5| = 41.5 > 4.5 → flagged.
        // Card 45 (judge 7): others 40,80..84 → same m 81.5 and MAD 1.5; |45 − 81.5| = 36.5 > 4.5 → flagged.
        // Card 80 (judge 1): others 40,45,81,82,83,84 → m 81.5; |…| sorted 0.5,0.5,1.5,2.5,36.5,41.5 → MAD 2; 1.5 ≤ 6.
        // Card 81: m 81, MAD 2.5, 0 ≤ 7.5.  Card 82: m 80.5, MAD 3, 1.5 ≤ 9.
        // Card 83: m 80.5, MAD 2.5, 2.5 ≤ 7.5.  Card 84: m 80.5, MAD 2, 3.5 ≤ 6.
        Assert.Equal([6, 7], flags.Select(f => f.JudgeId));
        var f40 = flags[0];
        Assert.Equal(40m, f40.Total);
        Assert.Equal(81.5m, f40.PanelMedian);
        Assert.Equal(1.5m, f40.Mad);
        Assert.Equal(-41.5m, f40.Deviation);
        Assert.Equal(-36.5m, flags[1].Deviation);

        // The same panel under mean ± 2 SD (population SD, all seven cards): mean = 495 / 7 ≈ 70.71,
        // Σ(x − mean)² ≈ 2251.4 → SD ≈ 17.93, bound ≈ 35.87; |40 − 70.71| ≈ 30.71 and |45 − 70.71| ≈ 25.71 are
        // inside: the two low cards pull the mean down and the SD up, and hide each other.
        var totals = cards.Select(c => (double)c.Total).ToList();
        var mean = totals.Average();
        var sd = Math.Sqrt(totals.Sum(t => (t - mean) * (t - mean)) / totals.Count);
        var missedBySd = totals.Where(t => t < 50).Count(t => Math.Abs(t - mean) <= 2 * sd);
        Assert.True(missedBySd >= 1, $"mean ± 2 SD should miss an outlier (mean {mean}, SD {sd})");
        Assert.Equal(2, missedBySd); // in fact it misses both
    }

    [Fact]
    public void The_single_card_form_agrees_with_the_panel_check()
    {
        var cards = Totals(80, 81, 82, 83, 84, 40, 45);
        var alone = PanelFlags.Of(cards[5], cards.Where((_, i) => i != 5).ToList(), Defaults);
        Assert.Equal(PanelFlags.Check(cards, Defaults)[0], alone);
        Assert.Null(PanelFlags.Of(cards[0], cards.Skip(1).ToList(), Defaults));
    }

    [Fact]
    public void No_flag_below_the_minimum_panel()
    {
        // Four cards, 40 far off: others 80,81,82 → m 81, MAD 1, bound 3; |40 − 81| = 41 — but 4 cards < FlagMinPanel 5.
        var cards = Totals(80, 81, 82, 40);
        Assert.Empty(PanelFlags.Check(cards, Defaults));
        // The same four with FlagMinPanel 4: flagged, so it is the minimum that held it back.
        Assert.Equal([4], PanelFlags.Check(cards, new ScoringOptions { FlagMinPanel = 4 }).Select(f => f.JudgeId));
    }

    [Fact]
    public void The_mad_floor_keeps_a_unanimous_panel_from_flagging_half_a_point()
    {
        // 80.5 against four 80s: m 80, MAD 0 → floor 1 → bound 3 × 1 = 3; 0.5 ≤ 3 → no flag.
        var near = Totals(80, 80, 80, 80, 80.5m);
        Assert.Empty(PanelFlags.Check(near, Defaults));
        // Without the floor the bound is 3 × 0 = 0 and 0.5 > 0 flags it (an 80 against 80,80,80,80.5: m 80, 0 > 0 is false).
        Assert.Equal([5], PanelFlags.Check(near, new ScoringOptions { FlagMadFloor = 0 }).Select(f => f.JudgeId));

        // 90 against four 80s: 10 > 3 → flagged, with MAD 0 reported raw.
        var far = PanelFlags.Check(Totals(80, 80, 80, 80, 90), Defaults);
        var flag = Assert.Single(far);
        Assert.Equal(5, flag.JudgeId);
        Assert.Equal(0m, flag.Mad);
        Assert.Equal(10m, flag.Deviation);
    }

    [Fact]
    public void The_driving_criterion_is_the_largest_deviation_in_the_direction_of_the_total()
    {
        // Three criteria. Others' totals 85,85,86,84 → m = 85; |…| = 0,0,1,1 → MAD 0.5 → floor 1 → bound 3.
        List<PanelCard> cards =
        [
            new(1, [25m, 35m, 25m]), // 85
            new(2, [26m, 34m, 25m]), // 85
            new(3, [24m, 36m, 26m]), // 86
            new(4, [25m, 35m, 24m]), // 84
            new(5, [15m, 27m, 37m]), // 79: deviation 79 − 85 = −6, |−6| > 3 → flagged
        ];
        // Per criterion, medians of the others: c0 25,26,24,25 → 25; c1 35,34,36,35 → 35; c2 25,25,26,24 → 25.
        // Judge 5: c0 15 − 25 = −10, c1 27 − 35 = −8, c2 37 − 25 = +12. The largest size is c2, but it points up while the
        // card is low; among the downward ones c0 (−10) beats c1 (−8) → criterion 0, −10.
        var flag = Assert.Single(PanelFlags.Check(cards, Defaults));
        Assert.Equal(5, flag.JudgeId);
        Assert.Equal(-6m, flag.Deviation);
        Assert.Equal(0, flag.DrivingCriterion);
        Assert.Equal(-10m, flag.DrivingDeviation);

        // A high card: judge 5 gives 30,38,30 = 98 → +13; c0 +5, c1 +3, c2 +5 → the tie at 5 goes to the lower index, 0.
        cards[4] = new(5, [30m, 38m, 30m]);
        var high = Assert.Single(PanelFlags.Check(cards, Defaults));
        Assert.Equal(13m, high.Deviation);
        Assert.Equal(0, high.DrivingCriterion);
        Assert.Equal(5m, high.DrivingDeviation);
    }

    [Fact]
    public void Cards_of_different_lengths_are_refused()
    {
        var cards = Totals(80, 81, 82, 83);
        cards.Add(new PanelCard(9, [40m, 1m]));
        Assert.Throws<ArgumentException>(() => PanelFlags.Check(cards, Defaults));
    }

    /// <summary>
    /// Five judges (1 = A … 5 = E) × four entries, one criterion (the total):
    /// <code>
    ///          A   B   C   D   E    trimmed mean (drop lowest and highest)
    /// 101     80  80  82  84  86    (80 + 82 + 84) / 3 = 82
    /// 102     72  70  72  74  76    (72 + 72 + 74) / 3 = 72.667
    /// 103     88  88  90  92  94    (88 + 90 + 92) / 3 = 90
    /// 104     80  79  80  82  84    (80 + 80 + 82) / 3 = 80.667
    /// </code>
    /// </summary>
    private static List<EntryPanel> Round() =>
    [
        new(101, Totals(80, 80, 82, 84, 86)),
        new(102, Totals(72, 70, 72, 74, 76)),
        new(103, Totals(88, 88, 90, 92, 94)),
        new(104, Totals(80, 79, 80, 82, 84)),
    ];

    [Fact]
    public void Severity_and_spread_are_offsets_from_the_other_cards_median()
    {
        var figures = JudgeFigures.Of(Round(), Defaults);
        Assert.Equal([1, 2, 3, 4, 5], figures.Select(f => f.JudgeId));
        var a = figures[0];
        // A: 101 others 80,82,84,86 → median 83 → 80 − 83 = −3; 102 others 70,72,74,76 → 73 → 72 − 73 = −1;
        //    103 others 88,90,92,94 → 91 → 88 − 91 = −3; 104 others 79,80,82,84 → 81 → 80 − 81 = −1.
        //    Severity (−3 − 1 − 3 − 1) / 4 = −2; offsets − mean = −1,+1,−1,+1 → variance 4 / 4 = 1 → spread 1.
        Assert.Equal(4, a.Cards);
        Assert.Equal(4, a.Offsets);
        Assert.Equal(-2m, a.Severity);
        Assert.Equal(1m, a.Spread);
        var b = figures[1];
        // B: 101 others 80,82,84,86 → 83 → −3; 102 others 72,72,74,76 → 73 → −3; 103 others 88,90,92,94 → 91 → −3;
        //    104 others 80,80,82,84 → 81 → 79 − 81 = −2. Severity −11 / 4 = −2.75;
        //    offsets − mean = −0.25 ×3, +0.75 → variance (3 × 0.0625 + 0.5625) / 4 = 0.1875 → spread √0.1875 ≈ 0.4330127019.
        Assert.Equal(-2.75m, b.Severity);
        Assert.Equal(0.4330127019m, Math.Round(b.Spread!.Value, 10));
        var e = figures[4];
        // E: 101 others 80,80,82,84 → 81 → 86 − 81 = +5; 102 others 70,72,72,74 → 72 → +4; 103 others 88,88,90,92 → 89 → +5;
        //    104 others 79,80,80,82 → 80 → +4. Severity 18 / 4 = 4.5 (lenient); offsets ±0.5 → variance 0.25 → spread 0.5.
        Assert.Equal(4.5m, e.Severity);
        Assert.Equal(0.5m, e.Spread);
    }

    [Fact]
    public void Rank_correlation_is_pearson_on_average_ranks_so_ties_are_right()
    {
        var figures = JudgeFigures.Of(Round(), Defaults);
        // A's totals 101..104: 80, 72, 88, 80 → ranks 2.5, 1, 4, 2.5 (the two 80s share ranks 2 and 3).
        // Panel scores: 82, 72.667, 90, 80.667 → ranks 3, 1, 4, 2.
        // Means 2.5 and 2.5; dx = 0, −1.5, 1.5, 0; dy = 0.5, −1.5, 1.5, −0.5.
        // Σdxdy = 2.25 + 2.25 = 4.5; Σdx² = 4.5; Σdy² = 0.25 + 2.25 + 2.25 + 0.25 = 5 → rho = 4.5 / √(4.5 × 5) = √0.9 ≈ 0.948683.
        // (The no-ties shortcut 1 − 6 × Σd² / (n(n² − 1)) with d = −0.5, 0, 0, 0.5 would give 1 − 3 / 60 = 0.95.)
        Assert.Equal(Math.Sqrt(0.9), figures[0].RankCorrelation!.Value, 12);
        // E's totals 86, 76, 94, 84 → ranks 3, 1, 4, 2, the panel's order exactly → rho 1.
        Assert.Equal(1d, figures[4].RankCorrelation!.Value, 12);
    }

    [Fact]
    public void Rank_correlation_needs_three_entries_and_variance_on_both_sides()
    {
        var two = Round().Take(2).ToList();
        Assert.Null(JudgeFigures.Of(two, Defaults)[0].RankCorrelation);
        // A judge who gives every entry 80 has no variance.
        List<EntryPanel> flat =
        [
            new(1, Totals(80, 70, 71)),
            new(2, Totals(80, 80, 81)),
            new(3, Totals(80, 90, 91)),
        ];
        var f = JudgeFigures.Of(flat, Defaults);
        Assert.Null(f[0].RankCorrelation);
        // Judge 2 (70, 80, 90) against the panel (plain means below 5 cards: 73.667, 80.333, 87) → same order → 1.
        Assert.Equal(1d, f[1].RankCorrelation!.Value, 12);
        // A reversed judge: totals 3, 2, 1 against 1, 2, 3 → −1.
        Assert.Equal(-1d, JudgeFigures.Spearman([3m, 2m, 1m], [1m, 2m, 3m])!.Value, 12);
    }

    [Fact]
    public void Trimmed_cards_are_counted_with_ties_at_the_cut_broken_by_judge_id()
    {
        var figures = JudgeFigures.Of(Round(), Defaults);
        // Order by (total, judge id); first one dropped low, last one dropped high (5 cards ≥ TrimWhenAtLeast 5):
        // 101: A80 B80 C82 D84 E86 → low A (tied with B at 80, lower id), high E.
        // 102: B70 A72 C72 D74 E76 → low B, high E.
        // 103: A88 B88 C90 D92 E94 → low A (tie with B), high E.
        // 104: B79 A80 C80 D82 E84 → low B, high E.
        Assert.Equal([2, 2, 0, 0, 0], figures.Select(f => f.TrimmedLow));
        Assert.Equal([0, 0, 0, 0, 4], figures.Select(f => f.TrimmedHigh));
        // Below TrimWhenAtLeast nothing is trimmed.
        var four = Round().Select(e => new EntryPanel(e.EntryId, e.Cards.Take(4).ToList())).ToList();
        Assert.All(JudgeFigures.Of(four, Defaults), f => Assert.Equal(0, f.TrimmedLow + f.TrimmedHigh));
    }

    [Fact]
    public void Flagged_cards_are_counted_per_judge()
    {
        // E against the others: 101 m 81, |…| 1,1,1,3 → MAD 1 → bound 3, +5 → flagged; 102 m 72, MAD 1, +4 → flagged;
        // 103 m 89, MAD 1, +5 → flagged; 104 m 80, |…| 1,0,0,2 → MAD 0.5 → floor 1 → bound 3, +4 → flagged.
        // A's largest |offset| is 3 against bounds of 3 × 2 = 6 (101, 103) → never flagged; likewise the others.
        var figures = JudgeFigures.Of(Round(), Defaults);
        Assert.Equal([0, 0, 0, 0, 4], figures.Select(f => f.Flagged));
    }

    [Fact]
    public void An_entry_with_no_other_card_counts_as_a_card_but_not_for_severity()
    {
        var round = Round();
        round.Add(new EntryPanel(105, [new PanelCard(1, [50m])]));
        var a = JudgeFigures.Of(round, Defaults)[0];
        Assert.Equal(5, a.Cards);
        Assert.Equal(4, a.Offsets);
        Assert.Equal(-2m, a.Severity); // still −3, −1, −3, −1

        var only = JudgeFigures.Of([new EntryPanel(105, [new PanelCard(1, [50m])])], Defaults).Single();
        Assert.Null(only.Severity);
        Assert.Null(only.Spread);
    }

    [Fact]
    public void Running_offset_is_the_severity_so_far()
    {
        var round = Round();
        Assert.Null(JudgeFigures.RunningOffset(1, []));
        Assert.Equal(-3m, JudgeFigures.RunningOffset(1, round.Take(1).ToList()));      // −3
        Assert.Equal(-2m, JudgeFigures.RunningOffset(1, round.Take(2).ToList()));      // (−3 − 1) / 2
        Assert.Equal(-7m / 3m, JudgeFigures.RunningOffset(1, round.Take(3).ToList())); // (−3 − 1 − 3) / 3
        Assert.Equal(4.5m, JudgeFigures.RunningOffset(5, round));                      // E: (5 + 4 + 5 + 4) / 4
        Assert.Null(JudgeFigures.RunningOffset(9, round));                              // no card
    }

    [Fact]
    public void Two_cards_of_one_judge_on_an_entry_are_refused()
    {
        List<EntryPanel> round = [new(1, [new PanelCard(1, [80m]), new PanelCard(1, [81m]), new PanelCard(2, [82m])])];
        Assert.Throws<ArgumentException>(() => JudgeFigures.Of(round, Defaults));
    }

    [Fact]
    public void Invalid_flag_settings_are_reported()
    {
        Assert.Empty(new ScoringOptions().Validate());
        Assert.Empty(new ScoringOptions { FlagK = 0.5m, FlagMinPanel = 3, FlagMadFloor = 0 }.Validate()); // the edges are allowed
        Assert.Contains(new ScoringOptions { FlagK = 0 }.Validate(), p => p.Contains("FlagK"));
        Assert.Contains(new ScoringOptions { FlagK = -1 }.Validate(), p => p.Contains("FlagK"));
        Assert.Contains(new ScoringOptions { FlagMinPanel = 2 }.Validate(), p => p.Contains("FlagMinPanel"));
        Assert.Contains(new ScoringOptions { FlagMadFloor = -0.5m }.Validate(), p => p.Contains("FlagMadFloor"));
    }
}
