namespace Judging.App.Accounts;

using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

/// <summary>
/// Limits of the sign-in endpoints, section <c>Judging:SignIn</c> (issue 10, item 9). Each endpoint has its own
/// per-address bucket, so 65 wrong judge codes from the venue's Wi-Fi do not lock the organiser out; and an identity
/// (an organiser account, a judge code) is locked for <see cref="LockoutMinutes"/> after <see cref="LockoutFailures"/>
/// failures within that time, from whatever address.
/// </summary>
public sealed class SignInOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Judging:SignIn";

    /// <summary>Judge code attempts (typed codes and QR links) per client address per minute (default 60: a venue's tablets often share one address).</summary>
    public int JudgeCodesPerMinute { get; set; } = 60;

    /// <summary>Organiser password attempts per client address per minute (default 30).</summary>
    public int PasswordsPerMinute { get; set; } = 30;

    /// <summary>Posts of the one-time setup form per client address per minute (default 10).</summary>
    public int SetupPerMinute { get; set; } = 10;

    /// <summary>Unit SMS sign-in requests (codes asked for and codes typed, issue 15) per client address per minute (default 30).</summary>
    public int UnitCodesPerMinute { get; set; } = 30;

    /// <summary>Failures of one organiser account (or one judge code) that lock it (default 5).</summary>
    public int LockoutFailures { get; set; } = 5;

    /// <summary>How long a lock lasts, and the window its failures are counted in (minutes, default 15).</summary>
    public int LockoutMinutes { get; set; } = 15;
}

/// <summary>
/// Failed sign-ins per identity ("user:{name}", "code:{code}") in memory (one app instance signs people in): after
/// <see cref="SignInOptions.LockoutFailures"/> failures within <see cref="SignInOptions.LockoutMinutes"/> the identity is
/// locked for that long; a success clears its count. Thread-safe; at most 100,000 identities are tracked (the oldest
/// are dropped first when full).
/// </summary>
public sealed class SignInLockout(IOptionsMonitor<SignInOptions> options, TimeProvider clock)
{
    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset First;
        public DateTimeOffset? LockedUntil;
    }

    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, Failures> failures = new(StringComparer.Ordinal);

    /// <summary>The identity key of an organiser account (case-insensitive name).</summary>
    public static string Account(string? userName) => "user:" + (userName ?? "").Trim().ToLowerInvariant();

    /// <summary>The identity key of a judge code (upper case, trimmed).</summary>
    public static string Code(string? code) => "code:" + (code ?? "").Trim().ToUpperInvariant();

    /// <summary>True while <paramref name="key"/> is locked.</summary>
    public bool IsLocked(string key)
    {
        if (!failures.TryGetValue(key, out var f)) return false;
        lock (f) return f.LockedUntil is { } until && until > clock.GetUtcNow();
    }

    /// <summary>Counts a failure of <paramref name="key"/>; returns true when it is now locked.</summary>
    public bool Fail(string key)
    {
        var o = options.CurrentValue;
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromMinutes(o.LockoutMinutes);
        if (failures.Count >= MaxTracked) Prune(now, window);
        var f = failures.GetOrAdd(key, _ => new Failures { First = now });
        lock (f)
        {
            if (f.LockedUntil is { } until && until > now) return true;
            if (now - f.First > window || f.LockedUntil is not null) { f.Count = 0; f.First = now; f.LockedUntil = null; }
            if (++f.Count >= o.LockoutFailures) f.LockedUntil = now + window;
            return f.LockedUntil is not null;
        }
    }

    /// <summary>A success: forgets the failures of <paramref name="key"/>.</summary>
    public void Succeed(string key) => failures.TryRemove(key, out _);

    private void Prune(DateTimeOffset now, TimeSpan window)
    {
        foreach (var (key, f) in failures)
            lock (f)
                if ((f.LockedUntil ?? f.First + window) < now) failures.TryRemove(key, out _);
        foreach (var key in failures.OrderBy(kv => kv.Value.First).Take(failures.Count / 10).Select(kv => kv.Key).ToList())
            failures.TryRemove(key, out _);
    }
}

/// <summary>The sign-in rate-limit policies: one bucket per client address and endpoint kind.</summary>
public static class SignInLimits
{
    /// <summary>Policy of the judge code endpoints (<c>/account/judge-login</c>, <c>/j/{code}</c>).</summary>
    public const string JudgeCode = "sign-in-judge-code";

    /// <summary>Policy of the organiser's password form (<c>/account/login</c>).</summary>
    public const string Password = "sign-in-password";

    /// <summary>Policy of the one-time setup form (<c>POST /setup/{token}</c>).</summary>
    public const string Setup = "sign-in-setup";

    /// <summary>Policy of a unit contact's SMS sign-in (<c>/api/unit/code</c>, <c>/unit/sign-in</c>, issue 15).</summary>
    public const string UnitCode = "sign-in-unit-code";

    /// <summary>Registers <see cref="SignInOptions"/>, <see cref="SignInLockout"/> and the four policies.</summary>
    public static IServiceCollection AddSignInLimits(this IServiceCollection services)
    {
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section)
            .Validate(o => o.JudgeCodesPerMinute > 0 && o.PasswordsPerMinute > 0 && o.SetupPerMinute > 0 && o.UnitCodesPerMinute > 0 && o.LockoutFailures > 0 && o.LockoutMinutes > 0,
                "Judging:SignIn: every limit must be positive")
            .ValidateOnStart();
        services.AddSingleton<SignInLockout>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<SignInOptions>>((o, signIn) =>
        {
            o.AddPolicy(JudgeCode, http => PerAddress(http, JudgeCode, signIn.CurrentValue.JudgeCodesPerMinute));
            o.AddPolicy(Password, http => PerAddress(http, Password, signIn.CurrentValue.PasswordsPerMinute));
            o.AddPolicy(Setup, http => PerAddress(http, Setup, signIn.CurrentValue.SetupPerMinute));
            o.AddPolicy(UnitCode, http => PerAddress(http, UnitCode, signIn.CurrentValue.UnitCodesPerMinute));
        });
        return services;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext http, string bucket, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(bucket + " " + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
