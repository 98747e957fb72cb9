namespace Judging.Tests.Domain.FilmVoting;

using Judging.Domain.FilmVoting;

/// <summary>Burst detection (issue 4, "Fraud detection") on hand-made timelines: default 60 s window, 10 min new identity, 20 votes.</summary>
public sealed class FraudDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 21, 2, 0, 0, TimeSpan.Zero);
    private static readonly FraudThresholds Small = new(WindowSeconds: 60, NewIdentityMinutes: 10, Threshold: 5);
    private long nextVote = 1;

    private VoteSignal Vote(double seconds, long voter, string subnet = "203.0.113.0/24", string ua = "UA1", int entry = 1, double identityAgeMinutes = 1, string? device = null) =>
        new(nextVote++, entry, T0.AddSeconds(seconds), voter, T0.AddSeconds(seconds).AddMinutes(-identityAgeMinutes), subnet, ua, device ?? $"dev{voter}");

    [Fact]
    public void Below_the_threshold_nothing_is_held()
    {
        var d = new FraudDetector();
        for (var i = 0; i < 4; i++)
        {
            var a = d.Observe(Vote(i, 100 + i), Small);
            Assert.False(a.Held);
            Assert.Equal(VoteReasons.NewIdentity, a.Reasons);
        }
    }

    [Fact]
    public void Reaching_the_threshold_from_one_subnet_holds_that_vote_the_earlier_ones_and_later_ones()
    {
        var d = new FraudDetector(nextClusterId: 7);
        var ids = new List<long>();
        for (var i = 0; i < 4; i++) { var v = Vote(i, 100 + i, ua: "UA" + i); ids.Add(v.VoteId); Assert.False(d.Observe(v, Small).Held); }
        var fifth = d.Observe(Vote(4, 104, ua: "UA4"), Small);
        Assert.True(fifth.Held);
        Assert.Equal(7, fifth.Cluster!.Id);
        Assert.Equal(ClusterKind.Subnet, fifth.Cluster.Kind);
        Assert.True(fifth.Reasons.HasFlag(VoteReasons.BurstSubnet));
        var nc = Assert.Single(fifth.NewClusters);
        Assert.Equal(ids, nc.AlsoHeld);
        var sixth = d.Observe(Vote(5, 105, ua: "UA5"), Small);
        Assert.Equal(7, sixth.Cluster!.Id);
        Assert.Empty(sixth.NewClusters);
    }

    [Fact]
    public void One_user_agent_across_subnets_is_a_burst_too()
    {
        var d = new FraudDetector();
        FraudAssessment last = null!;
        for (var i = 0; i < 5; i++) last = d.Observe(Vote(i, 100 + i, subnet: $"10.0.{i}.0/24", ua: "SameUA"), Small);
        Assert.True(last.Held);
        Assert.Equal(ClusterKind.UserAgent, last.Cluster!.Kind);
        Assert.True(last.Reasons.HasFlag(VoteReasons.BurstUserAgent));
        Assert.False(last.Reasons.HasFlag(VoteReasons.BurstSubnet));
    }

    [Fact]
    public void Votes_older_than_the_window_do_not_count()
    {
        var d = new FraudDetector();
        for (var i = 0; i < 4; i++) d.Observe(Vote(i, 100 + i, ua: "U" + i), Small);
        // The first four left the 60 s window (a vote exactly 60 s old is out).
        Assert.False(d.Observe(Vote(63, 200, ua: "X"), Small).Held);
        Assert.False(d.Observe(Vote(64, 201, ua: "Y"), Small).Held);
    }

    [Fact]
    public void Identities_older_than_the_new_identity_limit_are_not_grouped()
    {
        var d = new FraudDetector();
        for (var i = 0; i < 10; i++)
        {
            var a = d.Observe(Vote(i, 100 + i, identityAgeMinutes: 10), Small);
            Assert.False(a.Held);
            Assert.Equal(VoteReasons.Ok, a.Reasons);
        }
        // Just under 10 minutes is new.
        Assert.Equal(VoteReasons.NewIdentity, d.Observe(Vote(11, 300, identityAgeMinutes: 9.99), Small).Reasons);
    }

    [Fact]
    public void Bursts_are_per_film()
    {
        var d = new FraudDetector();
        for (var i = 0; i < 8; i++) Assert.False(d.Observe(Vote(i, 100 + i, entry: i % 2 == 0 ? 1 : 2, ua: "U" + i), Small).Held);
    }

    [Fact]
    public void A_vote_is_held_in_one_cluster_only_when_subnet_and_user_agent_flag_together()
    {
        var d = new FraudDetector();
        for (var i = 0; i < 4; i++) d.Observe(Vote(i, 100 + i), Small);
        var a = d.Observe(Vote(4, 104), Small);
        Assert.Equal(2, a.NewClusters.Count);
        Assert.Equal(a.Cluster!.Id, a.NewClusters[0].Cluster.Id);
        Assert.Equal(4, a.NewClusters[0].AlsoHeld.Count);
        Assert.Empty(a.NewClusters[1].AlsoHeld);
        Assert.Equal(VoteReasons.NewIdentity | VoteReasons.BurstSubnet | VoteReasons.BurstUserAgent, a.Reasons);
    }

    [Fact]
    public void The_burst_ends_after_a_quiet_window_and_a_decision_closes_a_cluster()
    {
        var d = new FraudDetector();
        FraudAssessment a = null!;
        for (var i = 0; i < 5; i++) a = d.Observe(Vote(i, 100 + i, ua: "U" + i), Small);
        var first = a.Cluster!.Id;
        // Quiet for more than a window: a new vote from the subnet counts.
        Assert.False(d.Observe(Vote(200, 500, ua: "Z"), Small).Held);

        for (var i = 0; i < 5; i++) a = d.Observe(Vote(300 + i, 600 + i, ua: "V" + i), Small);
        var second = a.Cluster!.Id;
        Assert.NotEqual(first, second);
        d.CloseCluster(second);
        // Still a burst after the decision: a new cluster, holding only votes not held before.
        var next = d.Observe(Vote(306, 700, ua: "W"), Small);
        Assert.True(next.Held);
        Assert.NotEqual(second, next.Cluster!.Id);
        Assert.Empty(Assert.Single(next.NewClusters).AlsoHeld);
    }

    [Fact]
    public void A_device_used_by_another_new_voter_is_noted_but_not_held()
    {
        var d = new FraudDetector();
        d.Observe(Vote(0, 1, device: "shared", ua: "A"), Small);
        var a = d.Observe(Vote(1, 2, device: "shared", ua: "B", subnet: "x"), Small);
        Assert.True(a.Reasons.HasFlag(VoteReasons.SameDevice));
        Assert.False(a.Held);
        Assert.False(d.Observe(Vote(2, 2, device: "shared", ua: "C", subnet: "y", entry: 2), Small).Reasons.HasFlag(VoteReasons.SameDevice));
    }

    [Fact]
    public void After_a_restart_votes_of_a_decided_cluster_are_not_held_again_by_a_new_burst()
    {
        // Five votes of cluster 42, decided (included or excluded) before the restart; then five more new phones.
        var d = new FraudDetector(nextClusterId: 43);
        var old = new List<long>();
        for (var i = 0; i < 5; i++) { var v = Vote(i, 100 + i, ua: "U" + i); old.Add(v.VoteId); d.Restore(v, null, Small, inDecidedCluster: true); }
        var flagged = new List<NewCluster>();
        FraudAssessment a = null!;
        for (var i = 0; i < 5; i++) { a = d.Observe(Vote(10 + i, 200 + i, ua: "N" + i), Small); flagged.AddRange(a.NewClusters); }
        // The burst is still seen (the decided votes are in the window), but only the new phones' votes are held.
        var cluster = Assert.Single(flagged);
        Assert.True(a.Held);
        Assert.Empty(cluster.AlsoHeld.Intersect(old));
    }

    [Fact]
    public void Restore_rebuilds_an_active_cluster_after_a_restart()
    {
        var d = new FraudDetector();
        var cluster = new FlaggedCluster(42, 1, ClusterKind.Subnet, "203.0.113.0/24", T0.AddSeconds(4));
        for (var i = 0; i < 5; i++) d.Restore(Vote(i, 100 + i, ua: "U" + i), cluster, Small);
        Assert.Equal(43, d.NextClusterId);
        var a = d.Observe(Vote(6, 200, ua: "N"), Small);
        Assert.Equal(42, a.Cluster!.Id);
        Assert.Empty(a.NewClusters);
    }

    [Fact]
    public void A_device_past_its_phones_holds_its_votes_with_its_earlier_ones_in_the_window_whatever_the_identity_age()
    {
        // Issue 10, item 4: DevicePhones 3. Phones 1–3 verified on "tablet" vote: counted. The fourth phone's vote is held
        // in a device cluster with the three before it (all in the window); an old identity does not escape.
        var d = new FraudDetector();
        var t = Small with { DevicePhones = 3 };
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var v = Vote(i, 200 + i, subnet: $"10.0.{i}.0/24", ua: "UA" + i, identityAgeMinutes: 60) with { DeviceKey = "tablet", DevicePhones = i + 1 };
            ids.Add(v.VoteId);
            Assert.False(d.Observe(v, t).Held);
        }
        var fourth = d.Observe(Vote(3, 203, subnet: "10.0.3.0/24", ua: "UA3", identityAgeMinutes: 60) with { DeviceKey = "tablet", DevicePhones = 4 }, t);
        Assert.True(fourth.Held);
        Assert.Equal(ClusterKind.Device, fourth.Cluster!.Kind);
        Assert.Equal("tablet", fourth.Cluster.Key);
        Assert.True(fourth.Reasons.HasFlag(VoteReasons.DevicePhones));
        Assert.Equal(ids, Assert.Single(fourth.NewClusters).AlsoHeld);
        // Another device with one phone is not affected.
        Assert.False(d.Observe(Vote(4, 300, subnet: "10.1.0.0/24", identityAgeMinutes: 60) with { DeviceKey = "phone", DevicePhones = 1 }, t).Held);
    }
}
