namespace Judging.Tests.Domain.VenueVoting;

using Judging.Domain.VenueVoting;

/// <summary>The most votes wins; a tie for the most is reported with every tied entry; nothing decided silently.</summary>
public sealed class AudienceTallyTests
{
    private static TallyResult Count(int[] candidates, params (int Entry, int Votes)[] votes) =>
        AudienceTally.Count(candidates, votes.ToDictionary(v => v.Entry, v => v.Votes));

    [Fact]
    public void The_most_votes_wins()
    {
        var t = Count([1, 2, 3], (1, 40), (2, 52), (3, 36));
        Assert.Equal(TallyVerdict.Winner, t.Verdict);
        Assert.Equal(2, t.Winner);
        Assert.Equal(52, t.TopVotes);
        Assert.Equal(128, t.TotalVotes);
        Assert.Equal([2], t.Leaders);
    }

    [Fact]
    public void Lines_follow_the_candidates_order_with_zero_for_no_votes()
    {
        var t = Count([3, 1, 2], (1, 5));
        Assert.Equal([new TallyLine(3, 0), new TallyLine(1, 5), new TallyLine(2, 0)], t.Lines);
    }

    [Fact]
    public void A_tie_for_the_most_lists_every_tied_entry_and_names_no_winner()
    {
        var t = Count([1, 2, 3, 4], (1, 7), (2, 9), (3, 3), (4, 9));
        Assert.Equal(TallyVerdict.Tie, t.Verdict);
        Assert.Null(t.Winner);
        Assert.Equal([2, 4], t.Leaders);
        Assert.Equal(9, t.TopVotes);
    }

    [Fact]
    public void A_tie_below_the_top_does_not_matter()
    {
        var t = Count([1, 2, 3], (1, 4), (2, 4), (3, 5));
        Assert.Equal(TallyVerdict.Winner, t.Verdict);
        Assert.Equal(3, t.Winner);
    }

    [Fact]
    public void No_votes_means_no_winner_and_no_leaders()
    {
        var t = Count([1, 2]);
        Assert.Equal(TallyVerdict.NoVotes, t.Verdict);
        Assert.Null(t.Winner);
        Assert.Empty(t.Leaders);
        Assert.Equal(0, t.TotalVotes);
    }

    [Fact]
    public void No_candidates_means_no_votes()
    {
        var t = Count([], (5, 3));
        Assert.Equal(TallyVerdict.NoVotes, t.Verdict);
        Assert.Equal(3, t.Uncounted);
    }

    [Fact]
    public void Votes_for_non_candidates_are_reported_not_counted()
    {
        var t = Count([1, 2], (1, 3), (2, 2), (99, 4));
        Assert.Equal(5, t.TotalVotes);
        Assert.Equal(4, t.Uncounted);
        Assert.Equal(1, t.Winner);
    }

    [Fact]
    public void Duplicate_candidates_are_counted_once()
    {
        var t = Count([1, 1, 2], (1, 3));
        Assert.Equal(2, t.Lines.Count);
        Assert.Equal(3, t.TotalVotes);
    }

    [Fact]
    public void A_single_candidate_with_votes_wins()
    {
        var t = Count([7], (7, 1));
        Assert.Equal(7, t.Winner);
    }
}
