namespace Judging.Tests.Domain.Tally;

using System.Security.Cryptography;
using System.Text;
using Judging.Domain.Tally;

/// <summary>The hash chain of the verifiable tally (issue 14, §2): its rule, and that a changed, removed or reordered link is detected.</summary>
public class TallyChainTests
{
    private static List<ChainLink> Build(params string[] bodies)
    {
        var links = new List<ChainLink>();
        var prev = TallyChain.Genesis;
        foreach (var body in bodies)
        {
            prev = TallyChain.Next(prev, body);
            links.Add(new ChainLink(links.Count + 1, body, prev));
        }
        return links;
    }

    private static readonly string[] Bodies =
    [
        TallyChain.Card(1, 10, 7, 1, "27.5;22;13", 62.5m),
        TallyChain.Vote(1, 20, "a1b2c3d4e5f60718", 20260701, false, 0, null),
        TallyChain.Vote(2, 20, "0f1e2d3c4b5a6978", 20260701, true, 3, 4),
        TallyChain.Unlock(1, 10, 7, 1),
        TallyChain.Decision(4, 20, true),
    ];

    [Fact]
    public void The_hash_is_sha256_of_the_previous_hash_a_newline_and_the_body()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(new string('0', 64) + "\ncard|round=1|entry=10|judge=7|attempt=1|points=27.5;22;13|total=62.5")));
        Assert.Equal(expected, TallyChain.Next(TallyChain.Genesis, Bodies[0]));
        Assert.Equal("card|round=1|entry=10|judge=7|attempt=1|points=27.5;22;13|total=62.5", Bodies[0]);
        Assert.Equal("vote|id=2|film=20|voter=0f1e2d3c4b5a6978|day=20260701|status=held|reasons=3|cluster=4", Bodies[2]);
        Assert.Equal("vote|id=1|film=20|voter=a1b2c3d4e5f60718|day=20260701|status=accepted|reasons=0|cluster=", Bodies[1]);
        Assert.Equal("decision|cluster=4|film=20|outcome=include", Bodies[4]);
        Assert.Equal("hold|vote=9|cluster=4|reasons=2", TallyChain.Hold(9, 4, 2));
        Assert.Equal("80", TallyChain.Number(80.00m));
    }

    [Fact]
    public void An_intact_chain_checks_out_with_its_head_and_length()
    {
        var links = Build(Bodies);
        var check = TallyChain.Check(links);
        Assert.True(check.Intact);
        Assert.Equal(5, check.Length);
        Assert.Equal(links[^1].Hash, check.Head);
        Assert.Equal(new ChainCheck(true, 0, TallyChain.Genesis, null, null), TallyChain.Check([]));
    }

    [Fact]
    public void A_changed_body_is_detected_at_its_link()
    {
        var links = Build(Bodies);
        links[2] = links[2] with { Body = links[2].Body.Replace("status=held", "status=accepted") };
        var check = TallyChain.Check(links);
        Assert.False(check.Intact);
        Assert.Equal(3, check.FaultAt);
    }

    [Fact]
    public void A_changed_body_with_its_hash_recomputed_breaks_the_next_link()
    {
        var links = Build(Bodies);
        var forged = links[2].Body.Replace("status=held", "status=accepted");
        links[2] = links[2] with { Body = forged, Hash = TallyChain.Next(links[1].Hash, forged) };
        var check = TallyChain.Check(links);
        Assert.False(check.Intact);
        Assert.Equal(4, check.FaultAt);
    }

    [Fact]
    public void A_removed_link_is_detected()
    {
        var links = Build(Bodies);
        links.RemoveAt(3);
        var check = TallyChain.Check(links);
        Assert.False(check.Intact);
        Assert.Equal(4, check.FaultAt); // link 4 is missing: the chain goes wrong there

        // Renumbered after the removal: the seq is right but the hash is not.
        var renumbered = links.Select((l, i) => l with { Seq = i + 1 }).ToList();
        var again = TallyChain.Check(renumbered);
        Assert.False(again.Intact);
        Assert.Equal(4, again.FaultAt);

        // The last link removed leaves an intact but shorter chain: only the published head and length reveal it.
        var shorter = TallyChain.Check(Build(Bodies).Take(4));
        Assert.True(shorter.Intact);
        Assert.NotEqual(Build(Bodies)[^1].Hash, shorter.Head);
    }

    [Fact]
    public void Reordered_links_are_detected()
    {
        var links = Build(Bodies);
        (links[1], links[2]) = (links[2], links[1]);
        Assert.Equal(2, TallyChain.Check(links).FaultAt);

        var renumbered = links.Select((l, i) => l with { Seq = i + 1 }).ToList();
        var check = TallyChain.Check(renumbered);
        Assert.False(check.Intact);
        Assert.Equal(2, check.FaultAt);
    }
}
