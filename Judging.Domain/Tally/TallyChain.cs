namespace Judging.Domain.Tally;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

/// <summary>
/// The verifiable tally (issue 14, §2): every accepted score card, every unlock of one, and every public-vote decision
/// (a vote accepted or held, a vote held afterwards, a cluster included or excluded) is appended, per competition, to a hash
/// chain of links. A link is a one-line <em>body</em> (the record's content, below) and its hash:
/// <c>hash(n) = lower-case hex SHA-256 of the UTF-8 bytes of hash(n−1) + "\n" + body(n)</c>, with hash(0) =
/// <see cref="Genesis"/> (64 × "0"); sequence numbers start at 1 and increase by 1. Changing, removing or reordering any
/// link changes every hash after it, so a published head (hash and length) pins the whole history.
/// Bodies (fields in this order, joined by '|'; values never contain '|'):
/// <list type="bullet">
/// <item><c>card|round=R|entry=E|judge=J|attempt=A|points=27.5;22;13|total=62.5</c>: a judge's accepted card (points as
/// <see cref="Scoring.ScoreRecord.FormatPoints"/>, no trailing zeros).</item>
/// <item><c>unlock|round=R|entry=E|judge=J|attempt=A</c>: the chief judge unlocked that card; it stops counting.</item>
/// <item><c>vote|id=V|film=E|voter=P|day=YYYYMMDD|status=accepted|reasons=N|cluster=</c>: a stored public vote
/// (status accepted or held; reasons the <see cref="FilmVoting.VoteReasons"/> flags; cluster empty or the holding
/// cluster); P is the voter's pseudonym, a keyed hash that the app alone can link to a phone.</item>
/// <item><c>hold|vote=V|cluster=C|reasons=N</c>: a stored vote held afterwards when its burst was flagged.</item>
/// <item><c>decision|cluster=C|film=E|outcome=include</c> (or <c>exclude</c>): an organiser's decision on a cluster;
/// the latest decision of a cluster counts.</item>
/// </list>
/// The format is documented for third parties in docs/tally.md; <c>tools/verify-tally</c> is an independent implementation.
/// </summary>
public static class TallyChain
{
    /// <summary>The format tag of the chain and of its export.</summary>
    public const string Format = "judging-tally/1";

    /// <summary>The hash before the first link: 64 "0" characters.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The hash of the link after <paramref name="previous"/> with <paramref name="body"/> (64 lower-case hex).</summary>
    public static string Next(string previous, string body)
    {
        // Called once per vote on the vote writer's loop: no intermediate strings or arrays for a body of usual size.
        var max = Encoding.UTF8.GetMaxByteCount(previous.Length + 1 + body.Length);
        byte[]? rented = null;
        var buffer = max <= 2048 ? stackalloc byte[max] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        var n = Encoding.UTF8.GetBytes(previous, buffer);
        buffer[n++] = (byte)'\n';
        n += Encoding.UTF8.GetBytes(body, buffer[n..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer[..n], hash);
        if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Body of an accepted card: round, entry, judge, attempt (1-based), points in sheet order and the total (points).</summary>
    public static string Card(int roundId, int entryId, int judgeId, int attempt, string points, decimal total) =>
        $"card|round={roundId}|entry={entryId}|judge={judgeId}|attempt={attempt}|points={points}|total={Number(total)}";

    /// <summary>Body of the chief judge's unlock of the card (round, entry, judge, attempt).</summary>
    public static string Unlock(int roundId, int entryId, int judgeId, int attempt) =>
        $"unlock|round={roundId}|entry={entryId}|judge={judgeId}|attempt={attempt}";

    /// <summary>Body of a stored public vote: its id, the film (entry id), the voter's pseudonym, the Shanghai day (yyyymmdd),
    /// held or accepted, the reason flags and the holding cluster (or none).</summary>
    public static string Vote(long voteId, int filmId, string voterPseudonym, int day, bool held, int reasons, long? clusterId) =>
        $"vote|id={voteId}|film={filmId}|voter={voterPseudonym}|day={day}|status={(held ? "held" : "accepted")}|reasons={reasons}|cluster={clusterId}";

    /// <summary>Body of a stored vote held afterwards in a flagged cluster, with the burst reason flags added.</summary>
    public static string Hold(long voteId, long clusterId, int reasons) => $"hold|vote={voteId}|cluster={clusterId}|reasons={reasons}";

    /// <summary>Body of an organiser's decision on a cluster of votes for one film: include (计入) or exclude (排除).</summary>
    public static string Decision(long clusterId, int filmId, bool include) =>
        $"decision|cluster={clusterId}|film={filmId}|outcome={(include ? "include" : "exclude")}";

    /// <summary>Invariant decimal without trailing zeros ("62.5", "80").</summary>
    public static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>
    /// Recomputes a chain from its links in stored order and reports the first fault: a sequence number that is not the
    /// previous plus one (a link removed or moved), or a stored hash that differs from the recomputed one (a body or hash
    /// changed). Never throws for a broken chain.
    /// </summary>
    public static ChainCheck Check(IEnumerable<ChainLink> links)
    {
        var hash = Genesis;
        long length = 0;
        foreach (var link in links)
        {
            if (link.Seq != length + 1)
                return new ChainCheck(false, length, hash, length + 1, $"第 {length + 1} 环缺失或顺序被改动（读到第 {link.Seq} 环）");
            hash = Next(hash, link.Body);
            length++;
            if (!string.Equals(hash, link.Hash, StringComparison.Ordinal))
                return new ChainCheck(false, length, hash, link.Seq, $"第 {link.Seq} 环的内容或哈希被改动");
        }
        return new ChainCheck(true, length, hash, null, null);
    }
}

/// <summary>One link as stored or exported: its sequence number (from 1), body and hash (64 lower-case hex).</summary>
public sealed record ChainLink(long Seq, string Body, string Hash);

/// <summary>
/// Outcome of <see cref="TallyChain.Check"/>: intact or not, the length and head recomputed up to the first fault (the whole
/// chain when intact), the position (sequence number) where the chain first goes wrong and a Chinese description of the fault.
/// </summary>
public sealed record ChainCheck(bool Intact, long Length, string Head, long? FaultAt, string? Fault);

/// <summary>
/// The head of a competition's verifiable tally (issue 14, §2): <see cref="Length"/> links, the last with hash
/// <see cref="Hash"/> (64 lower-case hex); see <see cref="TallyChain"/>. Length 0 has the hash <see cref="TallyChain.Genesis"/>.
/// </summary>
public sealed record TallyHead(long Length, string Hash);
