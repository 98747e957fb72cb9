namespace Judging.Domain.VenueVoting;

/// <summary>A network that voted faster than people do: its votes in the busiest window.</summary>
/// <param name="Prefix">The network (/24, IPv6 /48).</param>
/// <param name="Votes">Its votes within one window.</param>
/// <param name="From">When that window began (UTC).</param>
public sealed record FloodFlag(string Prefix, int Votes, DateTimeOffset From);

/// <summary>
/// Floods of a device-cookie vote (issue 10, item 3: the low-assurance mode): a network with at least
/// <c>threshold</c> votes within any <c>window</c> (default 20 in 10 s; a phone clearing its cookies voted 50 times in
/// 0.3 s) is flagged for the organiser, who decides what to make of it. Pure: stored votes in, flags out.
/// </summary>
public static class AudienceFlood
{
    /// <summary>The flagged networks, busiest first.</summary>
    public static IReadOnlyList<FloodFlag> Detect(IEnumerable<(string Prefix, DateTimeOffset At)> votes, TimeSpan window, int threshold)
    {
        var flags = new List<FloodFlag>();
        foreach (var g in votes.GroupBy(v => v.Prefix))
        {
            var times = g.Select(v => v.At).Order().ToList();
            FloodFlag? worst = null;
            for (int from = 0, to = 0; to < times.Count; to++)
            {
                while (times[to] - times[from] >= window) from++;
                var n = to - from + 1;
                if (n >= threshold && (worst is null || n > worst.Votes)) worst = new FloodFlag(g.Key, n, times[from]);
            }
            if (worst is not null) flags.Add(worst);
        }
        return flags.OrderByDescending(f => f.Votes).ToList();
    }
}
