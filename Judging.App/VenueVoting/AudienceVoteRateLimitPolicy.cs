namespace Judging.App.VenueVoting;

using System.Threading.RateLimiting;
using Judging.Domain.VenueVoting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

/// <summary>
/// Rate limit of the vote post, per client address: <see cref="AudienceVoteOptions.VotesPerMinutePerAddress"/>
/// posts per fixed one-minute window, no queue. A refused post is sent back to the vote page with the
/// message "投票请求过于频繁，请稍后再试" (<c>?r=busy</c>), never an error page.
/// </summary>
public sealed class AudienceVoteRateLimitPolicy(IOptionsMonitor<AudienceVoteOptions> options) : IRateLimiterPolicy<string>
{
    /// <summary>The policy's name, used by <c>RequireRateLimiting</c>.</summary>
    public const string Name = "audience-vote";

    /// <summary>Redirects to the vote page with <see cref="VoteOutcome.TooFrequent"/>'s code.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (ctx, _) =>
    {
        var id = ctx.HttpContext.Request.RouteValues.TryGetValue("questionId", out var v) && int.TryParse(v?.ToString(), out var q) ? q : 0;
        ctx.HttpContext.Response.Redirect(Components.Pages.Public.PublicCulture.Keep(ctx.HttpContext, $"/vote/{id}?r={VoteMessages.Code(VoteOutcome.TooFrequent)}"));
        return ValueTask.CompletedTask;
    };

    /// <summary>One fixed window per client address ("unknown" when the server does not know it).</summary>
    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.CurrentValue.VotesPerMinutePerAddress, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });
}
