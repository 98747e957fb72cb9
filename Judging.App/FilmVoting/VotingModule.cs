namespace Judging.App.FilmVoting;

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>
/// Public online voting for micro-films (网络投票, issue 4, part "Voting core"): tables, services, rate limits and
/// the JSON endpoints (see <see cref="VotingEndpoints"/>), wired in by one call each from <c>JudgingDb</c>,
/// <c>Program.cs</c> (AddVoting, MapVoting). The public pages are built on these endpoints and on
/// <see cref="IFilmVoteCounts"/>; the organiser's page is <c>/organiser/vote-review/{competitionId}</c>.
/// </summary>
public static class VotingModule
{
    /// <summary>Adds the voting tables (append-only votes, holds, clusters, decisions; voters, codes, settings).</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<Voter>(e =>
        {
            e.ToTable("Voters");
            e.Property(x => x.PhoneHash).HasMaxLength(64);
            e.Property(x => x.PhoneMasked).HasMaxLength(11);
            e.HasIndex(x => x.PhoneHash).IsUnique();
        });
        b.Entity<VoteRecord>(e =>
        {
            e.ToTable("VoteRecords");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.DeviceId).HasMaxLength(32);
            e.Property(x => x.Ip).HasMaxLength(64);
            e.Property(x => x.Subnet).HasMaxLength(64);
            e.Property(x => x.UserAgentHash).HasMaxLength(16);
            e.Property(x => x.UserAgent).HasMaxLength(VotingEndpoints.UserAgentMaxLength);
            // The quota in the database itself: one row per slot of a voter's daily bucket (per film, or per day).
            e.HasIndex(x => new { x.Day, x.CompetitionId, x.VoterId, x.QuotaKey, x.Slot }).IsUnique();
        });
        b.Entity<VoteHold>(e =>
        {
            e.ToTable("VoteHolds");
            e.HasIndex(x => x.VoteId).IsUnique();
            e.HasIndex(x => x.ClusterId);
        });
        b.Entity<VoteCluster>(e =>
        {
            e.ToTable("VoteClusters");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Label).HasMaxLength(VotingEndpoints.UserAgentMaxLength);
            e.HasIndex(x => new { x.CompetitionId, x.EntryId });
        });
        b.Entity<VoteClusterDecision>(e =>
        {
            e.ToTable("VoteClusterDecisions");
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.HasIndex(x => x.ClusterId);
        });
        b.Entity<VoteCode>(e =>
        {
            e.ToTable("VoteCodes");
            e.Property(x => x.PhoneHash).HasMaxLength(64);
            e.Property(x => x.CodeHash).HasMaxLength(64);
            e.Property(x => x.Subnet).HasMaxLength(64);
            e.HasIndex(x => new { x.PhoneHash, x.CreatedAtMs });
            e.HasIndex(x => x.CreatedAtMs); // the day's codes, for the SMS budgets
        });
        b.Entity<DeviceVerification>(e =>
        {
            e.ToTable("DeviceVerifications");
            e.Property(x => x.DeviceId).HasMaxLength(32);
            e.HasIndex(x => x.DeviceId);
            e.HasIndex(x => x.VoterId);
        });
        b.Entity<VotingSettingsRecord>(e =>
        {
            e.ToTable("VotingSettings");
            e.Property(x => x.SavedBy).HasMaxLength(200);
            e.HasIndex(x => x.CompetitionId);
        });
        b.Entity<VotingSecret>(e =>
        {
            e.ToTable("VotingSecrets");
            e.Property(x => x.Id).ValueGeneratedNever();
        });
    }

    /// <summary>
    /// Registers the voting services, the SMS gateway chosen by <c>Judging:Voting:Sms:Gateway</c> (keyed services;
    /// "Log" = <see cref="LogSmsGateway"/>), and the vote rate limits: a global limiter chained per client address and
    /// per /24 (IPv6 /48) that applies only to the voting POSTs (<see cref="VotingEndpoints.IsLimited"/>), whose
    /// refusals answer 429 <c>{"error":"投票太频繁，请稍后再试"}</c>.
    /// </summary>
    public static IServiceCollection AddVoting(this IServiceCollection services)
    {
        services.AddOptions<VotingOptions>().BindConfiguration(VotingOptions.Section)
            .Validate(o => o.PerIpPerMinute > 0 && o.PerSubnetPerMinute > 0, "Judging:Voting:PerIpPerMinute and PerSubnetPerMinute must be positive")
            .Validate(o => o.VerificationsPerDevicePerDay > 0 && o.Fraud.DevicePhones > 0 && o.Sms.PerSubnetPerDay > 0 && o.Sms.PerDay > 0
                && o.Sms.WarnAtPercent is > 0 and <= 100, "Judging:Voting: device and SMS limits must be positive, WarnAtPercent 1–100")
            .ValidateOnStart();
        services.AddSingleton<VotingKeys>();
        services.AddSingleton<VoterCookie>();
        services.AddSingleton<VotingSettingsStore>();
        services.AddHostedService<VotingSettingsSync>();
        services.AddSingleton<FilmCatalog>();
        services.AddSingleton<DevicePhones>();
        services.AddSingleton<PhoneVerification>();
        services.AddSingleton<PublicVoteTexts>();
        services.AddSingleton<FilmVoteWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<FilmVoteWriter>());
        services.AddSingleton<FilmVotes>();
        services.AddSingleton<IFilmVoteCounts>(sp => sp.GetRequiredService<FilmVotes>());
        services.AddHttpClient(FilmVotes.Client, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddScoped<VoteReviewService>();
        services.AddScoped<VoteAuditService>();
        services.AddSingleton<IVoteReview, ScopedVoteReview>();
        services.AddKeyedSingleton<ISmsGateway, LogSmsGateway>(LogSmsGateway.Key);
        services.AddSingleton<ISmsGateway>(sp =>
        {
            // Unset: the log gateway in Development; elsewhere the start-up check has already refused to start.
            var name = sp.GetRequiredService<IOptions<VotingOptions>>().Value.Sms.Gateway is { Length: > 0 } chosen ? chosen
                : sp.GetRequiredService<IHostEnvironment>().IsDevelopment() ? LogSmsGateway.Key
                : throw new InvalidOperationException("Judging:Voting:Sms:Gateway is not set");
            return sp.GetKeyedService<ISmsGateway>(name)
                ?? throw new InvalidOperationException($"Judging:Voting:Sms:Gateway '{name}' names no registered ISmsGateway (register it with AddKeyedSingleton<ISmsGateway, T>(\"{name}\"))");
        });
        services.AddOptions<RateLimiterOptions>().PostConfigure<IOptions<VotingOptions>>((o, voting) =>
        {
            var v = voting.Value;
            var perIp = PartitionedRateLimiter.Create<HttpContext, string>(http => VotingEndpoints.IsLimited(http.Request)
                ? RateLimitPartition.GetFixedWindowLimiter("ip " + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = v.PerIpPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
            var perSubnet = PartitionedRateLimiter.Create<HttpContext, string>(http => VotingEndpoints.IsLimited(http.Request)
                ? RateLimitPartition.GetFixedWindowLimiter("net " + VenueVoting.VoterDevice.IpPrefix(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = v.PerSubnetPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
            o.GlobalLimiter = o.GlobalLimiter is { } existing
                ? PartitionedRateLimiter.CreateChained(existing, perIp, perSubnet)
                : PartitionedRateLimiter.CreateChained(perIp, perSubnet);
            var previous = o.OnRejected;
            o.OnRejected = async (ctx, ct) =>
            {
                if (VotingEndpoints.IsLimited(ctx.HttpContext.Request))
                {
                    ctx.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    await ctx.HttpContext.Response.WriteAsJsonAsync(new VotingEndpoints.ErrorBody(ctx.HttpContext.RequestServices.GetRequiredService<PublicVoteTexts>().TooFrequent), ct);
                }
                else if (previous is not null) await previous(ctx, ct);
            };
        });
        return services;
    }
}

/// <summary>Settings of the public vote, section <c>Judging:Voting</c>.</summary>
public sealed class VotingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Judging:Voting";

    /// <summary>Voting POSTs (codes, verifications, votes) per client address per minute (fixed window; default 60).</summary>
    public int PerIpPerMinute { get; set; } = 60;

    /// <summary>Voting POSTs per /24 (IPv6 /48) per minute (fixed window; default 600).</summary>
    public int PerSubnetPerMinute { get; set; } = 600;

    /// <summary>Phones one device (its cookie) may verify per Shanghai day (default 5; issue 10, item 4). A family may share a phone.</summary>
    public int VerificationsPerDevicePerDay { get; set; } = 5;

    /// <summary>
    /// Burst detector thresholds used until an organiser saves settings for a competition (section
    /// <c>Judging:Voting:Fraud</c>: <c>WindowSeconds</c> 60, <c>NewIdentityMinutes</c> 10, <c>Threshold</c> 20).
    /// </summary>
    public FraudOptions Fraud { get; set; } = new();

    /// <summary>Section <c>Judging:Voting:Fraud</c>.</summary>
    public sealed class FraudOptions
    {
        /// <summary>Seconds of the sliding window (default 60).</summary>
        public int WindowSeconds { get; set; } = 60;
        /// <summary>An identity younger than this many minutes is new (default 10).</summary>
        public int NewIdentityMinutes { get; set; } = 10;
        /// <summary>Votes of one group in the window that flag a cluster (default 20).</summary>
        public int Threshold { get; set; } = 20;
        /// <summary>Votes from a device that verified more than this many phones are held for review (default 3; issue 10, item 4).</summary>
        public int DevicePhones { get; set; } = 3;
    }

    /// <summary>The SMS gateway settings.</summary>
    public SmsOptions Sms { get; set; } = new();

    /// <summary>Section <c>Judging:Voting:Sms</c>.</summary>
    public sealed class SmsOptions
    {
        /// <summary>
        /// The key of the registered <see cref="ISmsGateway"/> to use. Unset: "Log" (<see cref="LogSmsGateway"/>) in
        /// Development; any other environment refuses to start until it is set (issue 10, item 6).
        /// </summary>
        public string? Gateway { get; set; }

        /// <summary>Codes sent per client network (/24, IPv6 /48) per Shanghai day (default 200; issue 10, item 5).</summary>
        public int PerSubnetPerDay { get; set; } = 200;

        /// <summary>Codes sent in all per Shanghai day: what the paid gateway may cost at most (default 20,000).</summary>
        public int PerDay { get; set; } = 20_000;

        /// <summary>The organiser's console warns when a budget is used to this percentage (default 80).</summary>
        public int WarnAtPercent { get; set; } = 80;
    }
}
