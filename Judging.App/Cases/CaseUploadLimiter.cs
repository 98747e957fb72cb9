namespace Judging.App.Cases;

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

/// <summary>
/// Limits document uploads through submission links (issue 10, item 2: the links go to outside units): a fixed window of
/// <see cref="CaseOptions.UploadsPerLink"/> per link, chained with one of <see cref="CaseOptions.UploadsPerAddress"/> per
/// client address (a signed-in organiser is limited per link only), both over <see cref="CaseOptions.UploadWindowMinutes"/>;
/// no queue. Every attempt counts, refused ones included. ASP.NET Core's rate limiters
/// (<see cref="PartitionedRateLimiter.CreateChained{TResource}"/>), checked by the upload endpoint before it reads the body.
/// </summary>
public sealed class CaseUploadLimiter : IDisposable
{
    /// <summary>One upload attempt: the link's token, the client address, whether a signed-in organiser sent it.</summary>
    public readonly record struct Attempt(string Link, string Address, bool Organiser);

    private readonly PartitionedRateLimiter<Attempt> limiter;

    /// <summary>Builds the chained limiter from <paramref name="options"/> (read once).</summary>
    public CaseUploadLimiter(IOptions<CaseOptions> options)
    {
        var o = options.Value;
        var window = TimeSpan.FromMinutes(Math.Max(1, o.UploadWindowMinutes));
        FixedWindowRateLimiterOptions Fixed(int permits) => new() { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0 };
        var perLink = PartitionedRateLimiter.Create<Attempt, string>(a => RateLimitPartition.GetFixedWindowLimiter("link:" + a.Link, _ => Fixed(o.UploadsPerLink)));
        var perAddress = PartitionedRateLimiter.Create<Attempt, string>(a => a.Organiser
            ? RateLimitPartition.GetNoLimiter("organiser")
            : RateLimitPartition.GetFixedWindowLimiter("address:" + a.Address, _ => Fixed(o.UploadsPerAddress)));
        limiter = PartitionedRateLimiter.CreateChained(perLink, perAddress);
        WindowMinutes = (int)window.TotalMinutes;
    }

    /// <summary>The window, minutes (for the refusal message).</summary>
    public int WindowMinutes { get; }

    /// <summary>True when the attempt may go ahead (and is counted); false when a limit is reached.</summary>
    public bool TryAcquire(Attempt attempt)
    {
        using var lease = limiter.AttemptAcquire(attempt);
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose() => limiter.Dispose();
}
