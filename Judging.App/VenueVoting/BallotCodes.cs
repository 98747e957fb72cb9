namespace Judging.App.VenueVoting;

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Judging.App.Persistence;
using Judging.App.FilmVoting;
using Judging.Domain.VenueVoting;
using Judging.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>
/// The printed ballot cards of the venue vote (issue 10, item 3). A card's code is derived, never stored: the first
/// <see cref="Length"/> symbols (of <see cref="SignInCodeRule.Alphabet"/>, 31 symbols: about 8 × 10¹⁴ codes) of
/// HMAC-SHA256(<see cref="VotingKeys.BallotKey"/>, "{question}:{seat}"), so the organiser can print the cards again;
/// the database keeps only <see cref="Key"/> per card (<see cref="AudienceBallot"/>), which is also the vote's key,
/// so each card counts once.
/// </summary>
public sealed class BallotCodes(VotingKeys keys)
{
    /// <summary>Symbols of a code: 10.</summary>
    public const int Length = 10;

    /// <summary>Most cards per question: 5,000.</summary>
    public const int MaxCards = 5000;

    /// <summary>The code printed on card <paramref name="seat"/> of <paramref name="questionId"/>.</summary>
    public string CodeOf(int questionId, int seat)
    {
        var mac = HMACSHA256.HashData(keys.BallotKey, Encoding.ASCII.GetBytes($"{questionId}:{seat}"));
        var chars = new char[Length];
        for (var i = 0; i < Length; i++) chars[i] = SignInCodeRule.Alphabet[mac[i] % SignInCodeRule.Alphabet.Length];
        return new string(chars);
    }

    /// <summary>The stored key of a code for a question: hex SHA-256 of "ballot:{question}:{CODE}" (codes are case-insensitive).</summary>
    public static string Key(int questionId, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"ballot:{questionId}:{Normalise(code)}")));

    /// <summary>A typed code as stored: trimmed, upper case, without spaces or dashes.</summary>
    public static string Normalise(string code) => new(code.Trim().ToUpperInvariant().Where(c => c is not (' ' or '-')).ToArray());

    /// <summary>The vote key of a verified phone's voter: hex SHA-256 of "voter:{id}".</summary>
    public static string VoterKey(long voterId) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes($"voter:{voterId}")));
}

/// <summary>
/// The low-assurance mode's guard (issue 10, item 3): in a <see cref="VoteAssurance.DeviceCookie"/> question, vote posts
/// per client address are limited to <see cref="AudienceVoteOptions.DeviceCookieVotesPerMinutePerAddress"/> a minute
/// per question (an order lower than the other modes), and refusals are counted per question for the organiser's console.
/// </summary>
public sealed class AudienceFloodGuard(IOptionsMonitor<AudienceVoteOptions> options)
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Min(options.CurrentValue.DeviceCookieVotesPerMinutePerAddress, options.CurrentValue.VotesPerMinutePerAddress),
            Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    private readonly ConcurrentDictionary<int, int> refused = new();

    /// <summary>True when a vote post from <paramref name="address"/> to <paramref name="questionId"/> may go on; counts a refusal.</summary>
    public bool Admit(int questionId, string address)
    {
        using var lease = limiter.AttemptAcquire(FormattableString.Invariant($"{questionId} {address}"));
        if (lease.IsAcquired) return true;
        refused.AddOrUpdate(questionId, 1, (_, n) => n + 1);
        return false;
    }

    /// <summary>Posts refused by the limit for <paramref name="questionId"/> since the app started.</summary>
    public int Refused(int questionId) => refused.GetValueOrDefault(questionId);
}

/// <summary>How a question's assurance stands, for the organiser.</summary>
/// <param name="Assurance">The mode.</param>
/// <param name="Cards">Ballot cards issued (ballot codes).</param>
/// <param name="Floods">Networks flagged as floods (device cookie).</param>
/// <param name="Refused">Posts refused by the per-address limit since start (device cookie).</param>
public sealed record AssuranceStatus(VoteAssurance Assurance, int Cards, IReadOnlyList<FloodFlag> Floods, int Refused);
