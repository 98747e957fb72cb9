namespace Judging.App.FilmVoting;

using Judging.Domain.FilmVoting;
using Microsoft.Extensions.DependencyInjection;

/// <summary>What the organiser's vote review page shows at one moment.</summary>
/// <param name="Films">Every film of the competition with its tally, by code (<see cref="VoteReviewService.FilmsAsync"/>).</param>
/// <param name="Clusters">Flagged clusters that hold votes, newest first (<see cref="VoteReviewService.ClustersAsync"/>).</param>
/// <param name="SmsWarnings">The SMS budget warnings of today, in Chinese (<see cref="PhoneVerification.BudgetWarningsAsync"/>).</param>
public sealed record VoteReviewView(IReadOnlyList<FilmVotesRow> Films, IReadOnlyList<ClusterRow> Clusters, IReadOnlyList<string> SmsWarnings);

/// <summary>One film's line on the votes-over-time chart.</summary>
/// <param name="EntryId">The film.</param>
/// <param name="Code">作品编号.</param>
/// <param name="Votes">Votes cast in each bucket of <see cref="VotesOverTime.Buckets"/> (held and excluded included: the chart shows activity, not the public count).</param>
public sealed record FilmVoteSeries(int EntryId, string Code, IReadOnlyList<int> Votes);

/// <summary>Votes cast per film per time bucket, from the append-only vote records.</summary>
/// <param name="Bucket">Bucket length (10 minutes or one hour).</param>
/// <param name="Buckets">Start of each bucket (UTC), oldest first, ending with the bucket of the latest vote; empty when no vote.</param>
/// <param name="Series">One line per film asked for, in the order asked.</param>
public sealed record VotesOverTime(TimeSpan Bucket, IReadOnlyList<DateTimeOffset> Buckets, IReadOnlyList<FilmVoteSeries> Series);

/// <summary>
/// The organiser's vote review as the page (<c>/organiser/vote-review/{competitionId}</c>) and its tests see it: reads
/// and decisions of <see cref="VoteReviewService"/> (each call in its own scope, so a long-lived circuit holds no
/// database context), the voting settings of <see cref="VotingSettingsStore"/>, and the SMS budget warnings.
/// Refusals come back as Chinese messages (null or an empty list on success).
/// </summary>
public interface IVoteReview
{
    /// <summary>Films, clusters and SMS warnings of the competition.</summary>
    Task<VoteReviewView> LoadAsync(int competitionId, CancellationToken ct);

    /// <summary>Votes cast per film per <paramref name="bucket"/> for the films asked for, over the last <paramref name="maxBuckets"/> buckets up to the latest vote.</summary>
    Task<VotesOverTime> VotesOverTimeAsync(int competitionId, IReadOnlyList<FilmVotesRow> films, TimeSpan bucket, int maxBuckets, CancellationToken ct);

    /// <summary>计入 (<paramref name="include"/> true) or 排除 a cluster with a reason; a Chinese refusal or null.</summary>
    Task<string?> DecideAsync(int competitionId, long clusterId, bool include, string? reason, string actor, CancellationToken ct);

    /// <summary>The competition's voting settings (saved, or the defaults).</summary>
    Task<VotingSettings> SettingsAsync(int competitionId, CancellationToken ct);

    /// <summary>Saves window, quota and burst thresholds; the Chinese problems, or an empty list when saved.</summary>
    Task<IReadOnlyList<string>> SaveSettingsAsync(int competitionId, VotingRules rules, FraudThresholds fraud, string actor, CancellationToken ct);
}

/// <summary>The app's <see cref="IVoteReview"/> (a singleton: one scope per call).</summary>
public sealed class ScopedVoteReview(IServiceScopeFactory scopes, VotingSettingsStore settings, PhoneVerification verification) : IVoteReview
{
    /// <inheritdoc />
    public async Task<VoteReviewView> LoadAsync(int competitionId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var review = scope.ServiceProvider.GetRequiredService<VoteReviewService>();
        var films = await review.FilmsAsync(competitionId, ct);
        var clusters = await review.ClustersAsync(competitionId, ct);
        return new VoteReviewView(films, clusters, await verification.BudgetWarningsAsync(ct));
    }

    /// <inheritdoc />
    public async Task<VotesOverTime> VotesOverTimeAsync(int competitionId, IReadOnlyList<FilmVotesRow> films, TimeSpan bucket, int maxBuckets, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VoteReviewService>().VotesOverTimeAsync(competitionId, films, bucket, maxBuckets, ct);
    }

    /// <inheritdoc />
    public async Task<string?> DecideAsync(int competitionId, long clusterId, bool include, string? reason, string actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VoteReviewService>().DecideAsync(competitionId, clusterId, include, reason, actor, ct);
    }

    /// <inheritdoc />
    public async Task<VotingSettings> SettingsAsync(int competitionId, CancellationToken ct)
    {
        await settings.LoadAsync(ct);
        return settings.Get(competitionId);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> SaveSettingsAsync(int competitionId, VotingRules rules, FraudThresholds fraud, string actor, CancellationToken ct) =>
        settings.SaveAsync(competitionId, rules, fraud, actor, ct);
}
