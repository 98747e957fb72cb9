namespace Judging.App.VenueVoting;

using Judging.Domain.VenueVoting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The live audience vote at the venue (观众投票, seed 000, 附件1 (八): 最具风采奖, 最佳演绎奖): its tables,
/// services and endpoints, wired into the app by one call each.
/// <list type="bullet">
/// <item><c>GET /vote/{questionId}</c>: the phone page (static server-rendered, <c>AudienceVote/Vote.razor</c>).</item>
/// <item><c>POST /vote/{questionId}/ballot</c>: the vote (form post with antiforgery, rate-limited per address); redirects back with <c>?r=code</c> (<see cref="VoteMessages"/>).</item>
/// <item><c>GET /projector/vote/{questionId}</c>: QR code and live tally for the venue screen (<c>Projector/VoteProjector.razor</c>).</item>
/// <item><c>/hubs/audience</c>: SignalR; <c>Join(questionId)</c> returns the <see cref="AudienceTallyView"/>, then <c>tally</c> messages follow.</item>
/// <item><c>/organiser/audience-awards/{competitionId}</c>: the organiser's page (<c>Organiser/AudienceAwards.razor</c>).</item>
/// </list>
/// </summary>
public static class AudienceVotingModule
{
    /// <summary>Adds the audience-vote tables to the model (called from <c>JudgingDb.OnModelCreating</c>).</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<AudienceQuestion>(e =>
        {
            e.ToTable("AudienceQuestions");
            e.Property(x => x.AwardName).HasMaxLength(50);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CompetitionId, x.Track, x.AwardName }).IsUnique();
            e.Ignore(x => x.Title);
        });
        b.Entity<AudienceVote>(e =>
        {
            e.ToTable("AudienceVotes");
            e.Property(x => x.DeviceHash).HasMaxLength(64);
            e.Property(x => x.ClientIpPrefix).HasMaxLength(64);
            e.Property(x => x.UserAgent).HasMaxLength(VoterDevice.UserAgentMaxLength);
            // One vote per device per question, kept by the database even when two posts race.
            e.HasIndex(x => new { x.QuestionId, x.DeviceHash }).IsUnique();
            e.HasIndex(x => new { x.QuestionId, x.EntryId });
        });
        b.Entity<AudienceBallot>(e =>
        {
            e.ToTable("AudienceBallots");
            e.Property(x => x.CodeHash).HasMaxLength(64);
            e.HasIndex(x => new { x.QuestionId, x.Seat }).IsUnique();
            e.HasIndex(x => new { x.QuestionId, x.CodeHash }).IsUnique();
        });
        b.Entity<AudienceAwardDecision>(e =>
        {
            e.ToTable("AudienceAwardDecisions");
            e.Property(x => x.AwardName).HasMaxLength(50);
            e.Property(x => x.Reason).HasMaxLength(AudienceVoteConsole.ReasonMaxLength);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.HasIndex(x => new { x.CompetitionId, x.Track, x.AwardName });
        });
    }

    /// <summary>
    /// Registers the audience-vote services, options (<c>Judging:AudienceVote</c>, see <see cref="AudienceVoteOptions"/>),
    /// the tally broadcaster and the vote post's rate-limit policy (<see cref="AudienceVoteRateLimitPolicy"/>).
    /// </summary>
    public static IServiceCollection AddAudienceVoting(this IServiceCollection services)
    {
        services.AddOptions<AudienceVoteOptions>().BindConfiguration(AudienceVoteOptions.Section)
            .Validate(o => o.VotesPerMinutePerAddress > 0 && o.CoalesceMilliseconds >= 0 && o.DeviceCookieVotesPerMinutePerAddress > 0
                && o.FloodVotes > 1 && o.FloodWindowSeconds > 0, "Judging:AudienceVote is invalid").ValidateOnStart();
        services.AddScoped<AudienceTallyService>();
        services.AddScoped<AudienceBallotBox>();
        services.AddScoped<AudienceVoteConsole>();
        services.AddScoped<IAudienceVoteConsole>(sp => sp.GetRequiredService<AudienceVoteConsole>());
        services.AddScoped<AudienceAwardsService>();
        services.AddSingleton<BallotCodes>();
        services.AddSingleton<AudienceFloodGuard>();
        services.AddSingleton<AudienceTallyBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<AudienceTallyBroadcaster>());
        services.Configure<RateLimiterOptions>(o => o.AddPolicy<string, AudienceVoteRateLimitPolicy>(AudienceVoteRateLimitPolicy.Name));
        return services;
    }

    /// <summary>Maps the vote post and the <c>/hubs/audience</c> hub (the pages are Razor components).</summary>
    public static IEndpointRouteBuilder MapAudienceVoting(this IEndpointRouteBuilder app)
    {
        app.MapBallotEndpoint();
        app.MapHub<AudienceHub>("/hubs/audience");
        app.MapAudienceVotingApi();
        return app;
    }
}

/// <summary>Settings of the live audience vote, section <c>Judging:AudienceVote</c> of <c>appsettings.json</c>.</summary>
public sealed class AudienceVoteOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Judging:AudienceVote";

    /// <summary>
    /// Vote posts accepted per client address per minute (fixed window; default 600). A venue's phones often
    /// share one address behind its Wi-Fi, so this only stops floods; one vote per device is kept by the database.
    /// </summary>
    public int VotesPerMinutePerAddress { get; set; } = 600;

    /// <summary>At most one tally push per question per this many milliseconds (default 250), and always one after the last vote.</summary>
    public int CoalesceMilliseconds { get; set; } = 250;

    /// <summary>
    /// Device-cookie questions (low assurance, issue 10 item 3): vote posts per client address per minute (default 60, an
    /// order lower than <see cref="VotesPerMinutePerAddress"/>): a phone clearing its cookies votes again, so floods are slowed.
    /// </summary>
    public int DeviceCookieVotesPerMinutePerAddress { get; set; } = 60;

    /// <summary>Device-cookie questions: a network with this many votes within <see cref="FloodWindowSeconds"/> is flagged on the console (default 20).</summary>
    public int FloodVotes { get; set; } = 20;

    /// <summary>The flood window in seconds (default 10).</summary>
    public int FloodWindowSeconds { get; set; } = 10;
}
