namespace Judging.Tests.Tools;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VerifyTally;

/// <summary>
/// tools/verify-tally (issue 14, §2): small exports built here, hashed here with SHA-256, checked in process. The chain
/// rule: hash(n) = hex SHA-256(UTF-8(prev + "\n" + body)), prev of link 1 = 64 × "0".
/// </summary>
public sealed class VerifyTallyTests
{
    private sealed record Link(long Seq, string Body, string Hash);

    /// <summary>Links 1…n hashed by the chain rule, independently of the verifier's own code.</summary>
    private static List<Link> Chain(IEnumerable<string> bodies)
    {
        var prev = new string('0', 64);
        var links = new List<Link>();
        foreach (var body in bodies)
        {
            prev = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prev + "\n" + body)));
            links.Add(new Link(links.Count + 1, body, prev));
        }
        return links;
    }

    private static string Card(int round, int entry, int judge, int attempt, string total) =>
        string.Create(CultureInfo.InvariantCulture,
            $"card|round={round}|entry={entry}|judge={judge}|attempt={attempt}|points=30;{decimal.Parse(total, CultureInfo.InvariantCulture) - 30}|total={total}");

    /// <summary>
    /// Round 1, entry 10 (S01): judges 1–5 total 80, 85, 91, 95, 70, where judge 3 first scored 60, was unlocked and
    /// re-scored 91. Round 1, entry 11 (S02): 70, 75, 80, 90 and judge 5's 100 unlocked without a re-score. Round 2,
    /// entry 10: 88.5 and 90. Votes on films 3 (F01), 4 (F02); film 5 (F03) gets none; cluster 7 undecided, cluster 8
    /// included, cluster 9 included then excluded, cluster 10 undecided (a hold after the fact).
    /// </summary>
    private static readonly string[] Bodies =
    [
        Card(1, 10, 1, 1, "80"),
        Card(1, 10, 2, 1, "85"),
        Card(1, 10, 3, 1, "60"),
        "unlock|round=1|entry=10|judge=3|attempt=1",
        Card(1, 10, 3, 2, "91"),
        Card(1, 10, 4, 1, "95"),
        Card(1, 10, 5, 1, "70"),
        Card(1, 11, 1, 1, "70"),
        Card(1, 11, 2, 1, "75"),
        Card(1, 11, 3, 1, "80"),
        Card(1, 11, 4, 1, "90"),
        Card(1, 11, 5, 1, "100"),
        "unlock|round=1|entry=11|judge=5|attempt=1",
        Card(2, 10, 1, 1, "88.5"),
        Card(2, 10, 2, 1, "90"),
        "vote|id=1|film=3|voter=p-a1|day=20261120|status=accepted|reasons=0|cluster=",
        "vote|id=2|film=3|voter=p-b2|day=20261120|status=accepted|reasons=0|cluster=",
        "vote|id=3|film=3|voter=p-c3|day=20261121|status=held|reasons=1|cluster=7",
        "vote|id=4|film=4|voter=p-d4|day=20261121|status=held|reasons=2|cluster=8",
        "vote|id=5|film=4|voter=p-e5|day=20261121|status=held|reasons=3|cluster=8",
        "vote|id=6|film=4|voter=p-f6|day=20261122|status=held|reasons=2|cluster=9",
        "vote|id=7|film=3|voter=p-g7|day=20261122|status=accepted|reasons=0|cluster=",
        "vote|id=8|film=3|voter=p-h8|day=20261122|status=accepted|reasons=0|cluster=",
        "decision|cluster=8|film=4|outcome=include",
        "decision|cluster=9|film=4|outcome=include",
        "hold|vote=7|cluster=9|reasons=4",
        "decision|cluster=9|film=4|outcome=exclude",
        "hold|vote=8|cluster=10|reasons=4",
    ];

    private static string Export(List<Link> links, List<Link>? published = null)
    {
        published ??= links;
        return JsonSerializer.Serialize(new
        {
            format = "judging-tally/1",
            competitionId = 1,
            competition = "第五届上海质量品牌故事大赛",
            exportedAt = "2026-11-26T09:00:00Z",
            head = new { length = published.Count, hash = published[^1].Hash },
            trimming = new { trimHighest = 1, trimLowest = 1, trimWhenAtLeast = 5 },
            reasonCodes = new Dictionary<string, string> { ["1"] = "NewIdentity", ["2"] = "SubnetBurst", ["4"] = "SameDevice" },
            entries = new object[]
            {
                new { id = 3, code = "F01", title = "晨光", track = "MicroFilm" },
                new { id = 4, code = "F02", title = "弄堂", track = "MicroFilm" },
                new { id = 5, code = "F03", title = "外滩", track = "MicroFilm" },
                new { id = 10, code = "S01", title = "匠心", track = "Speech" },
                new { id = 11, code = "S02", title = "品质", track = "Speech" },
            },
            rounds = new object[] { new { id = 1, title = "黄浦分赛区 · 演讲初赛" }, new { id = 2, title = "决赛" } },
            links = links.Select(l => new { seq = l.Seq, body = l.Body, hash = l.Hash, note = "unknown properties are ignored" }),
        });
    }

    private static TallyCheck Check(string json, string? head = null, long? length = null) =>
        TallyVerifier.Check(new MemoryStream(Encoding.UTF8.GetBytes(json)), head, length);

    private static (int Exit, string Output) Run(string json, params string[] extra)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tally-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try
        {
            var output = new StringWriter();
            var exit = TallyVerifier.Run([file, .. extra], output);
            return (exit, output.ToString());
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void An_intact_chain_verifies_with_the_hand_computed_counts_and_means()
    {
        var links = Chain(Bodies);
        var check = Check(Export(links));

        Assert.True(check.Intact, string.Join("\n", check.Problems));
        Assert.Empty(check.Problems);
        Assert.Equal(28, check.Length);          // 28 bodies above
        Assert.Equal(links[^1].Hash, check.Head);
        Assert.True(check.ExportHeadMatches);
        Assert.Null(check.HeadMatches);          // no --head

        // F01: votes 1, 2 public; 3 held (cluster 7 undecided), 8 held (hold after the fact, cluster 10 undecided);
        //      7 excluded (held afterwards in cluster 9, whose latest decision is exclude).
        Assert.Equal(new FilmVotes(2, 2, 1), check.VotesPerFilm[3]);
        // F02: 4, 5 public (cluster 8 included); 6 excluded (cluster 9).
        Assert.Equal(new FilmVotes(2, 0, 1), check.VotesPerFilm[4]);
        // F03: a MicroFilm entry without votes is listed with 0; the speech entries are not films.
        Assert.Equal(new FilmVotes(0, 0, 0), check.VotesPerFilm[5]);
        Assert.Equal([3, 4, 5], check.VotesPerFilm.Keys.Order());

        // Bit 1: votes 3 (1), 5 (3) → 2; bit 2: votes 4 (2), 5 (3), 6 (2) → 3; bit 4: votes 7, 8 by their holds → 2.
        Assert.Equal(2, check.VotesPerReason[1]);
        Assert.Equal(3, check.VotesPerReason[2]);
        Assert.Equal(2, check.VotesPerReason[4]);

        // Round 1, S01: judge 3's attempt 2 (91) counts, its unlocked attempt 1 (60) does not: 70, 80, 85, 91, 95;
        // 5 cards ≥ 5 → drop 70 and 95 → (80 + 85 + 91) / 3 = 256 / 3 = 85.333… → "85.33".
        var s01 = check.TrimmedMeans[(1, 10)];
        Assert.Equal(5, s01.Cards);
        Assert.Equal(85.33m, Math.Round(s01.Mean, 2, MidpointRounding.AwayFromZero));
        Assert.Equal(256m / 3m, s01.Mean);
        // Round 1, S02: judge 5's 100 is unlocked and not re-scored: 70, 75, 80, 90; 4 cards < 5 → plain mean 315 / 4 = 78.75.
        Assert.Equal(new EntryMean(78.75m, 4), check.TrimmedMeans[(1, 11)]);
        // Round 2, S01: (88.5 + 90) / 2 = 89.25.
        Assert.Equal(new EntryMean(89.25m, 2), check.TrimmedMeans[(2, 10)]);
        Assert.Equal(3, check.TrimmedMeans.Count);
    }

    [Fact]
    public void The_report_prints_the_chain_the_votes_and_the_means_and_exits_0()
    {
        var links = Chain(Bodies);
        var (exit, output) = Run(Export(links), "--head", links[^1].Hash.ToUpperInvariant());

        Assert.Equal(0, exit);
        Assert.Contains("链长 chain length: 28", output, StringComparison.Ordinal);
        Assert.Contains($"链头 chain head: {links[^1].Hash}", output, StringComparison.Ordinal);
        Assert.Contains("公布的链头 published head (--head): 一致 matches", output, StringComparison.Ordinal);
        Assert.Contains("F01 晨光: 2 / 2 / 1", output, StringComparison.Ordinal);
        Assert.Contains("F03 外滩: 0 / 0 / 0", output, StringComparison.Ordinal);
        Assert.Contains("合计 total: 4 / 2 / 2", output, StringComparison.Ordinal);     // 2+2+0 public, 2+0+0 held, 1+1+0 excluded
        Assert.Contains("2 SubnetBurst: 3", output, StringComparison.Ordinal);
        Assert.Contains("S01 匠心: 85.33 (5 张评分卡 cards)", output, StringComparison.Ordinal);
        Assert.Contains("S02 品质: 78.75 (4 张评分卡 cards)", output, StringComparison.Ordinal);
        // Stable order: round 1 before round 2, F01 before F02 before F03.
        Assert.True(output.IndexOf("黄浦分赛区", StringComparison.Ordinal) < output.IndexOf("决赛", StringComparison.Ordinal));
        Assert.True(output.IndexOf("F01 ", StringComparison.Ordinal) < output.IndexOf("F02 ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_body_is_detected_at_its_seq()
    {
        var links = Chain(Bodies);
        links[5] = links[5] with { Body = links[5].Body.Replace("total=95", "total=99", StringComparison.Ordinal) }; // seq 6

        var check = Check(Export(links));
        Assert.False(check.Intact);
        Assert.Contains(check.Problems, p => p.StartsWith("seq 6: ", StringComparison.Ordinal) && p.Contains("stored hash differs", StringComparison.Ordinal));
        Assert.DoesNotContain(check.Problems, p => p.StartsWith("seq 5: ", StringComparison.Ordinal));
        Assert.Equal(1, Run(Export(links)).Exit);
    }

    [Fact]
    public void A_removed_link_is_detected_at_the_seq_after_the_gap()
    {
        var links = Chain(Bodies);
        var published = links.ToList();
        links.RemoveAt(3); // seq 4, the unlock of judge 3's first card

        var check = Check(Export(links, published));
        Assert.False(check.Intact);
        Assert.Contains(check.Problems, p => p.StartsWith("seq 5: ", StringComparison.Ordinal) && p.Contains("expected seq 4", StringComparison.Ordinal));
        Assert.Contains(check.Problems, p => p.StartsWith("seq 5: ", StringComparison.Ordinal) && p.Contains("stored hash differs", StringComparison.Ordinal));
        Assert.False(check.ExportHeadMatches); // 27 links, the export says 28
        Assert.Equal(1, Run(Export(links, published)).Exit);
    }

    [Fact]
    public void Two_swapped_links_are_detected()
    {
        var links = Chain(Bodies);
        (links[20], links[21]) = (links[21], links[20]); // seq 21 and 22

        var check = Check(Export(links));
        Assert.False(check.Intact);
        Assert.Contains(check.Problems, p => p.StartsWith("seq 22: ", StringComparison.Ordinal) && p.Contains("expected seq 21", StringComparison.Ordinal));
        Assert.Contains(check.Problems, p => p.StartsWith("seq 21: ", StringComparison.Ordinal) && p.Contains("expected seq 23", StringComparison.Ordinal));
        Assert.Contains(check.Problems, p => p.StartsWith("seq 22: ", StringComparison.Ordinal) && p.Contains("stored hash differs", StringComparison.Ordinal));
        Assert.Equal(1, Run(Export(links)).Exit);
    }

    [Theory]
    [InlineData("card|entry=10|round=1|judge=9|attempt=1|points=30;50|total=80")]    // fields out of order
    [InlineData("score|round=1|entry=10|judge=9|attempt=1|points=30;50|total=80")]   // unknown kind
    [InlineData("card|round=1|entry=10|judge=9|attempt=1|points=30;50.0|total=80")]  // trailing zero
    [InlineData("vote|id=9|film=3|voter=p-x|day=20261120|status=maybe|reasons=0|cluster=")]
    public void A_body_that_does_not_parse_is_a_problem_even_when_correctly_hashed(string bad)
    {
        var links = Chain([.. Bodies.Take(6), bad, .. Bodies.Skip(6)]);

        var check = Check(Export(links));
        Assert.False(check.Intact);
        Assert.Equal([.. check.Problems.Where(p => p.StartsWith("seq 7: ", StringComparison.Ordinal))], check.Problems);
        Assert.Single(check.Problems);
        Assert.Equal(1, Run(Export(links)).Exit);
    }

    [Fact]
    public void A_wrong_head_exits_1()
    {
        var links = Chain(Bodies);
        var (exit, output) = Run(Export(links), "--head", links[^2].Hash);

        Assert.Equal(1, exit);
        Assert.Contains("公布的链头 published head (--head): 不一致 differs", output, StringComparison.Ordinal);
        Assert.False(Check(Export(links), links[^2].Hash).HeadMatches);
    }

    [Fact]
    public void The_prefix_of_length_links_must_end_in_the_head()
    {
        var links = Chain(Bodies);
        var json = Export(links);

        // A head published after 15 links (the cards), the chain grown since: the 15th hash is the published one.
        Assert.Equal(0, Run(json, "--head", links[14].Hash, "--length", "15").Exit);
        Assert.True(Check(json, links[14].Hash, 15).HeadMatches);
        Assert.Equal(links[14].Hash, Check(json, null, 15).PrefixHead);
        // The full head is not the head after 15 links; the 15th is not the head after 16.
        Assert.Equal(1, Run(json, "--head", links[^1].Hash, "--length", "15").Exit);
        Assert.Equal(1, Run(json, "--head", links[14].Hash, "--length", "16").Exit);
        // A length beyond the chain (28 links).
        var beyond = Check(json, links[^1].Hash, 29);
        Assert.False(beyond.HeadMatches);
        Assert.False(beyond.Intact);
        Assert.Equal(1, Run(json, "--head", links[^1].Hash, "--length", "29").Exit);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"format":"judging-tally/2","links":[]}""")]
    [InlineData("""{"format":"judging-tally/1","entries":[],"rounds":[],"trimming":{"trimHighest":1,"trimLowest":1,"trimWhenAtLeast":5},"links":[{"seq":"1","body":"x","hash":"y"}]}""")]
    [InlineData("[1, 2, 3]")]
    public void Garbage_exits_2(string json)
    {
        var (exit, output) = Run(json);
        Assert.Equal(2, exit);
        Assert.Contains("无法读取 unreadable", output, StringComparison.Ordinal);
        Assert.Throws<TallyFormatException>(() => Check(json));
    }

    [Fact]
    public void A_missing_file_exits_2_and_help_exits_0()
    {
        var output = new StringWriter();
        Assert.Equal(2, TallyVerifier.Run([Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.json")], output));
        Assert.Equal(2, TallyVerifier.Run([], new StringWriter()));
        var help = new StringWriter();
        Assert.Equal(0, TallyVerifier.Run(["--help"], help));
        Assert.Contains("--length N", help.ToString(), StringComparison.Ordinal);
    }
}
