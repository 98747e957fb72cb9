namespace Judging.Domain.FilmVoting;

using Judging.Domain.Competitions;

/// <summary>
/// Reason codes stored with every vote (issue 4, "Fraud detection"): why it was held, or what was noticed.
/// Flags: a vote can carry several.
/// </summary>
[Flags]
public enum VoteReasons
{
    /// <summary>Nothing noticed.</summary>
    Ok = 0,
    /// <summary>The voter's identity (phone verification) is younger than <see cref="FraudThresholds.NewIdentityMinutes"/>.</summary>
    NewIdentity = 1,
    /// <summary>Part of a burst for one film from new identities on one network (/24 IPv4, /48 IPv6): held.</summary>
    BurstSubnet = 2,
    /// <summary>Part of a burst for one film from new identities with one user agent: held.</summary>
    BurstUserAgent = 4,
    /// <summary>The device cookie was used by another voter identity within the last <see cref="FraudThresholds.NewIdentityMinutes"/> (noted, not held by itself).</summary>
    SameDevice = 8,
    /// <summary>The voter's device verified more phones than <see cref="FraudThresholds.DevicePhones"/> (issue 10, item 4): held.</summary>
    DevicePhones = 16,
}

/// <summary>What groups the votes of a flagged cluster.</summary>
public enum ClusterKind
{
    /// <summary>One network: /24 for IPv4, /48 for IPv6.</summary>
    Subnet,
    /// <summary>One user agent (by hash).</summary>
    UserAgent,
    /// <summary>One device (its cookie) that verified more phones than <see cref="FraudThresholds.DevicePhones"/> (issue 10, item 4).</summary>
    Device,
}

/// <summary>
/// Thresholds of the burst detector (issue 4): within <see cref="WindowSeconds"/> (default 60 s), votes for one film
/// from identities created less than <see cref="NewIdentityMinutes"/> (default 10 min) before the vote, per subnet
/// and per user agent; a group reaching <see cref="Threshold"/> (default 20 votes) is flagged. Whatever the identity's
/// age, a vote whose device verified more than <see cref="DevicePhones"/> phones (default 3; issue 10, item 4) is held
/// in a <see cref="ClusterKind.Device"/> cluster.
/// </summary>
public sealed record FraudThresholds(int WindowSeconds = 60, int NewIdentityMinutes = 10, int Threshold = 20, int DevicePhones = 3)
{
    /// <summary>The defaults: 60 s, 10 min, 20 votes, 3 phones per device.</summary>
    public static FraudThresholds Default { get; } = new();

    /// <summary>Problems, zh-CN as text (empty when valid): window 1…3600 s, new identity 0…10080 min, threshold 2…100000, phones per device 1…1000.</summary>
    public IReadOnlyList<Wording> Validate()
    {
        var p = new List<Wording>();
        if (WindowSeconds is < 1 or > 3600) p.Add(Wording.Of("检测时间窗须在 1 到 3600 秒之间"));
        if (NewIdentityMinutes is < 0 or > 10080) p.Add(Wording.Of("新身份时长须在 0 到 10080 分钟之间"));
        if (Threshold is < 2 or > 100000) p.Add(Wording.Of("可疑票数阈值须在 2 到 100000 之间"));
        if (DevicePhones is < 1 or > 1000) p.Add(Wording.Of("每台设备手机号数须在 1 到 1000 之间"));
        return p;
    }
}

/// <summary>One vote as the detector sees it.</summary>
/// <param name="VoteId">The vote's id (assigned before the detector sees it).</param>
/// <param name="EntryId">The film.</param>
/// <param name="At">When the vote was cast (UTC).</param>
/// <param name="VoterId">The voter identity (verified phone).</param>
/// <param name="VoterCreatedAt">When that identity was created (first verification).</param>
/// <param name="Subnet">The client's network, e.g. "203.0.113.0/24".</param>
/// <param name="UserAgentKey">A hash of the user agent.</param>
/// <param name="DeviceId">The device cookie's id, or null.</param>
public readonly record struct VoteSignal(long VoteId, int EntryId, DateTimeOffset At, long VoterId, DateTimeOffset VoterCreatedAt, string Subnet, string UserAgentKey, string? DeviceId)
{
    /// <summary>The device that verified the most phones among the voter's (its cookie id), or null when unknown.</summary>
    public string? DeviceKey { get; init; }

    /// <summary>How many phones <see cref="DeviceKey"/> has verified (0 when unknown).</summary>
    public int DevicePhones { get; init; }
}

/// <summary>A flagged cluster: votes for <see cref="EntryId"/> from one <see cref="Kind"/> group <see cref="Key"/>, held until an organiser decides.</summary>
/// <param name="Id">Cluster id (allocated by the detector from the next free id it was given).</param>
/// <param name="EntryId">The film.</param>
/// <param name="Kind">Subnet or user agent.</param>
/// <param name="Key">The subnet ("203.0.113.0/24") or user-agent hash.</param>
/// <param name="FlaggedAt">The vote that reached the threshold.</param>
public sealed record FlaggedCluster(long Id, int EntryId, ClusterKind Kind, string Key, DateTimeOffset FlaggedAt);

/// <summary>A cluster flagged by a vote, with the group's earlier votes (ids, still in the window) that it now holds too.</summary>
/// <param name="Cluster">The new cluster (store it).</param>
/// <param name="AlsoHeld">Earlier votes now held in <paramref name="Cluster"/>: they get its burst reason and leave the public count.</param>
public sealed record NewCluster(FlaggedCluster Cluster, IReadOnlyList<long> AlsoHeld);

/// <summary>The detector's verdict on one vote.</summary>
/// <param name="Reasons">Reason codes of this vote.</param>
/// <param name="Cluster">The cluster holding this vote, or null when it counts at once.</param>
/// <param name="NewClusters">Clusters flagged by this vote (usually none; two when its subnet and user agent reach the threshold together).</param>
public sealed record FraudAssessment(VoteReasons Reasons, FlaggedCluster? Cluster, IReadOnlyList<NewCluster> NewClusters)
{
    /// <summary>True when the vote is held out of the public count.</summary>
    public bool Held => Cluster is not null;
}

/// <summary>
/// Burst detection over recent votes (issue 4, "Fraud detection"), pure and in memory; not thread-safe (the single
/// vote writer owns it). Per film, the votes of the last <see cref="FraudThresholds.WindowSeconds"/> from new identities
/// are grouped by subnet and by user agent; when a group reaches <see cref="FraudThresholds.Threshold"/> a cluster is
/// flagged: that vote, the group's earlier votes in the window and its later votes are held. A cluster stays active
/// until its group is quiet for a whole window, or until an organiser decides it (<see cref="CloseCluster"/>); a burst
/// that goes on after a decision starts a new cluster. A vote is held in at most one cluster (the first).
/// Votes from identities older than <see cref="FraudThresholds.NewIdentityMinutes"/> are never grouped.
/// </summary>
public sealed class FraudDetector(long nextClusterId = 1)
{
    private sealed class Recent(long id, DateTimeOffset at)
    {
        public long Id { get; } = id;
        public DateTimeOffset At { get; } = at;
        public bool Held { get; set; }
    }

    private sealed class Group
    {
        public readonly Queue<Recent> Votes = new();
        public FlaggedCluster? Active;
    }

    private readonly record struct GroupKey(int EntryId, ClusterKind Kind, string Key);

    private readonly Dictionary<GroupKey, Group> groups = [];
    private readonly Dictionary<string, (long VoterId, DateTimeOffset At)> devices = [];
    private long nextClusterId = nextClusterId;
    private int sinceSweep;

    /// <summary>The id the next flagged cluster gets.</summary>
    public long NextClusterId => nextClusterId;

    /// <summary>Clusters currently active (flagged, not decided, group not quiet).</summary>
    public IEnumerable<FlaggedCluster> ActiveClusters => groups.Values.Select(g => g.Active).OfType<FlaggedCluster>();

    /// <summary>The reason code a vote held in a cluster of <paramref name="kind"/> gets.</summary>
    public static VoteReasons ReasonOf(ClusterKind kind) => kind switch
    {
        ClusterKind.Subnet => VoteReasons.BurstSubnet,
        ClusterKind.UserAgent => VoteReasons.BurstUserAgent,
        _ => VoteReasons.DevicePhones,
    };

    /// <summary>
    /// Assesses a new vote under <paramref name="t"/> and remembers it. Votes must come in time order. A vote whose device
    /// verified more than <see cref="FraudThresholds.DevicePhones"/> phones is held in its device's cluster (flagged with
    /// the device's other votes for the film still in the window), whatever its identity's age.
    /// </summary>
    public FraudAssessment Observe(VoteSignal v, FraudThresholds t)
    {
        if (++sinceSweep >= 4096) Sweep(v.At, t);
        var reasons = VoteReasons.Ok;
        if (v.DeviceId is { } device)
        {
            if (devices.TryGetValue(device, out var seen) && seen.VoterId != v.VoterId && v.At - seen.At < TimeSpan.FromMinutes(t.NewIdentityMinutes))
                reasons |= VoteReasons.SameDevice;
            devices[device] = (v.VoterId, v.At);
        }

        var item = new Recent(v.VoteId, v.At);
        FlaggedCluster? holding = null;
        List<NewCluster>? flagged = null;
        // Adds the vote to its group of kind; flags the group when flagWhen(votes in the window, this one included).
        void Join(ClusterKind kind, string key, Func<int, bool> flagWhen)
        {
            var g = GetGroup(new GroupKey(v.EntryId, kind, key), v.At, t);
            g.Votes.Enqueue(item);
            if (g.Active is null && flagWhen(g.Votes.Count))
            {
                g.Active = new FlaggedCluster(nextClusterId++, v.EntryId, kind, key, v.At);
                var earlier = new List<long>();
                foreach (var r in g.Votes)
                {
                    if (r.Held || ReferenceEquals(r, item)) continue;
                    r.Held = true;
                    earlier.Add(r.Id);
                }
                (flagged ??= []).Add(new NewCluster(g.Active, earlier));
            }
            if (g.Active is not null)
            {
                reasons |= ReasonOf(kind);
                if (!item.Held)
                {
                    item.Held = true;
                    holding = g.Active;
                }
            }
        }

        if (v.DeviceKey is { } deviceKey) Join(ClusterKind.Device, deviceKey, _ => v.DevicePhones > t.DevicePhones);
        if (v.At - v.VoterCreatedAt >= TimeSpan.FromMinutes(t.NewIdentityMinutes)) return new(reasons, holding, (IReadOnlyList<NewCluster>?)flagged ?? []);
        reasons |= VoteReasons.NewIdentity;
        Join(ClusterKind.Subnet, v.Subnet, n => n >= t.Threshold);
        Join(ClusterKind.UserAgent, v.UserAgentKey, n => n >= t.Threshold);
        return new(reasons, holding, (IReadOnlyList<NewCluster>?)flagged ?? []);
    }

    /// <summary>
    /// Replays a stored vote after a restart (time order), without flagging anything: <paramref name="heldIn"/> is the
    /// cluster the vote is held in when that cluster is still undecided, which becomes its group's active cluster again;
    /// <paramref name="inDecidedCluster"/> marks a vote of a cluster an organiser already decided: it is never held again
    /// by a later cluster (as before the restart).
    /// </summary>
    public void Restore(VoteSignal v, FlaggedCluster? heldIn, FraudThresholds t, bool inDecidedCluster = false)
    {
        if (v.DeviceId is { } device) devices[device] = (v.VoterId, v.At);
        if (v.At - v.VoterCreatedAt >= TimeSpan.FromMinutes(t.NewIdentityMinutes) && heldIn is null && !inDecidedCluster) return;
        var item = new Recent(v.VoteId, v.At) { Held = heldIn is not null || inDecidedCluster };
        foreach (var (kind, key) in new[] { (ClusterKind.Subnet, v.Subnet), (ClusterKind.UserAgent, v.UserAgentKey) })
        {
            var g = GetGroup(new GroupKey(v.EntryId, kind, key), v.At, t);
            g.Votes.Enqueue(item);
            if (heldIn is not null && heldIn.Kind == kind && heldIn.Key == key) g.Active = heldIn;
        }
        if (heldIn is not null && heldIn.Id >= nextClusterId) nextClusterId = heldIn.Id + 1;
    }

    /// <summary>An organiser decided cluster <paramref name="clusterId"/>: later votes of its group no longer join it.</summary>
    public void CloseCluster(long clusterId)
    {
        foreach (var g in groups.Values)
            if (g.Active?.Id == clusterId) g.Active = null;
    }

    private Group GetGroup(GroupKey key, DateTimeOffset now, FraudThresholds t)
    {
        if (!groups.TryGetValue(key, out var g)) groups[key] = g = new Group();
        Prune(g, now, t);
        return g;
    }

    private static void Prune(Group g, DateTimeOffset now, FraudThresholds t)
    {
        var from = now - TimeSpan.FromSeconds(t.WindowSeconds);
        while (g.Votes.TryPeek(out var r) && r.At <= from) g.Votes.Dequeue();
        // Quiet for a whole window: the burst is over.
        if (g.Votes.Count == 0) g.Active = null;
    }

    private void Sweep(DateTimeOffset now, FraudThresholds t)
    {
        sinceSweep = 0;
        foreach (var (key, g) in groups.ToList())
        {
            Prune(g, now, t);
            if (g.Votes.Count == 0) groups.Remove(key);
        }
        var old = now - TimeSpan.FromMinutes(t.NewIdentityMinutes);
        foreach (var (d, seen) in devices.ToList())
            if (seen.At < old) devices.Remove(d);
    }
}
