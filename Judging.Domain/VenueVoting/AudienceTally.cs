namespace Judging.Domain.VenueVoting;

/// <summary>One candidate's count.</summary>
/// <param name="EntryId">The candidate.</param>
/// <param name="Votes">Votes for it (≥ 0).</param>
public sealed record TallyLine(int EntryId, int Votes);

/// <summary>What the counts say.</summary>
public enum TallyVerdict
{
    /// <summary>Nobody voted: no winner.</summary>
    NoVotes,
    /// <summary>One candidate has more votes than every other: it wins.</summary>
    Winner,
    /// <summary>Two or more candidates share the most votes: the organiser decides, with a reason.</summary>
    Tie,
}

/// <summary>The counted vote.</summary>
/// <param name="Lines">Every candidate in the given (running) order, with its votes (0 when none).</param>
/// <param name="TotalVotes">Votes for candidates.</param>
/// <param name="Uncounted">Votes for entries that are not (or no longer) candidates: not counted, reported so nothing is dropped silently.</param>
/// <param name="TopVotes">The most votes any candidate has (0 when nobody voted).</param>
/// <param name="Leaders">Candidates with <paramref name="TopVotes"/>, in the given order; empty when nobody voted.</param>
/// <param name="Verdict">Winner, tie or no votes.</param>
public sealed record TallyResult(
    IReadOnlyList<TallyLine> Lines, int TotalVotes, int Uncounted, int TopVotes, IReadOnlyList<int> Leaders, TallyVerdict Verdict)
{
    /// <summary>The winner when <see cref="Verdict"/> is <see cref="TallyVerdict.Winner"/>, else null.</summary>
    public int? Winner => Verdict == TallyVerdict.Winner ? Leaders[0] : null;
}

/// <summary>
/// Decides a live audience vote from its counts (seed 000, 附件1 (八), 观摩奖项): the candidate with the most
/// votes wins. A tie for the most votes is reported as a tie, listing every tied candidate, for the
/// organiser to decide with a reason: no tie-break is applied silently (not running order, not time of
/// vote). With no votes at all there is no winner.
/// </summary>
public static class AudienceTally
{
    /// <summary>Counts <paramref name="votesByEntry"/> (entry id → votes) over <paramref name="candidates"/> (in running order; duplicates ignored).</summary>
    public static TallyResult Count(IEnumerable<int> candidates, IReadOnlyDictionary<int, int> votesByEntry)
    {
        var order = candidates.Distinct().ToList();
        var lines = order.Select(id => new TallyLine(id, Math.Max(0, votesByEntry.GetValueOrDefault(id)))).ToList();
        var total = lines.Sum(l => l.Votes);
        var uncounted = votesByEntry.Where(kv => !order.Contains(kv.Key)).Sum(kv => Math.Max(0, kv.Value));
        var top = lines.Count == 0 ? 0 : lines.Max(l => l.Votes);
        if (top == 0) return new TallyResult(lines, 0, uncounted, 0, [], TallyVerdict.NoVotes);
        var leaders = lines.Where(l => l.Votes == top).Select(l => l.EntryId).ToList();
        return new TallyResult(lines, total, uncounted, top, leaders, leaders.Count == 1 ? TallyVerdict.Winner : TallyVerdict.Tie);
    }
}
