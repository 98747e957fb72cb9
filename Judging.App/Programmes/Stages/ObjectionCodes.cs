namespace Judging.App.Programmes.Stages;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Judging.Domain.Competitions;

/// <summary>
/// The SMS codes that verify an objector's mobile (异议, issue 16: "mobile (verified by SMS code, the existing gateway)"), kept
/// in memory (singleton): a 6-digit code valid <see cref="CodeLifetime"/> (5 minutes), at most <see cref="MaxFailedAttempts"/>
/// (5) wrong tries, single use, kept only as an HMAC under a per-process key; per mobile one code per
/// <see cref="ResendInterval"/> (60 s) and <see cref="CodesPerDay"/> (10) per Beijing day (the limits of
/// <see cref="Registration.UnitSignIn"/>). A matched code gives a proof (a random token) that the mobile was verified, valid
/// <see cref="ProofLifetime"/>, which the objection form carries in a cookie. Also keeps a refused form's fields for
/// <see cref="ProofLifetime"/> so the page can show them again. Not shared between app instances: a code asked on one
/// instance must be entered on the same one (the app runs as one instance).
/// </summary>
public sealed class ObjectionCodes(TimeProvider clock)
{
    /// <summary>A code is valid 5 minutes.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Wrong tries per code: 5.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>At most one code per mobile per 60 s.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(60);

    /// <summary>Codes per mobile per Beijing day: 10.</summary>
    public const int CodesPerDay = 10;

    /// <summary>A verified mobile's proof, and a refused form kept for the page, live 30 minutes.</summary>
    public static readonly TimeSpan ProofLifetime = TimeSpan.FromMinutes(30);

    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly object gate = new();
    private readonly Dictionary<string, MobileState> mobiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Mobile, DateTimeOffset Until)> proofs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ObjectionDraft Draft, DateTimeOffset Until)> drafts = new(StringComparer.Ordinal);

    private sealed class MobileState
    {
        public string? CodeHash;
        public DateTimeOffset Expires;
        public int Failed;
        public List<DateTimeOffset> Sent { get; } = [];
    }

    /// <summary>
    /// A new code for <paramref name="mobile"/> (an 11-digit mobile; the caller checked it), or the reason there is none: too
    /// soon after the last one (60 s) or 10 codes today already. The code is returned to be sent; only its HMAC is kept.
    /// </summary>
    public (string? Code, Wording? Refusal) Issue(string mobile)
    {
        var now = clock.GetUtcNow();
        var dayStart = ShanghaiTime.FromLocal(ShanghaiTime.ToLocal(now).Date);
        lock (gate)
        {
            Prune(now);
            var state = mobiles.TryGetValue(Hash(mobile), out var s) ? s : mobiles[Hash(mobile)] = new MobileState();
            state.Sent.RemoveAll(t => t < dayStart);
            if (state.Sent.Count > 0 && now - state.Sent.Max() < ResendInterval) return (null, Wording.Of("验证码已发送，请 60 秒后再试"));
            if (state.Sent.Count >= CodesPerDay) return (null, Wording.Of("该手机号今天已获取 {0} 次验证码，请明天再试", CodesPerDay));
            var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            state.CodeHash = Hash(mobile + ":" + code);
            state.Expires = now + CodeLifetime;
            state.Failed = 0;
            state.Sent.Add(now);
            return (code, null);
        }
    }

    /// <summary>Forgets the latest code of <paramref name="mobile"/> (the gateway failed to send it), so a new one may be asked at once.</summary>
    public void Withdraw(string mobile)
    {
        lock (gate)
            if (mobiles.TryGetValue(Hash(mobile), out var s))
            {
                s.CodeHash = null;
                if (s.Sent.Count > 0) s.Sent.RemoveAt(s.Sent.Count - 1);
            }
    }

    /// <summary>
    /// The proof that <paramref name="mobile"/> is verified when <paramref name="code"/> is its latest unused, unexpired code
    /// (the code is used up), else null; a wrong code counts against the code's tries.
    /// </summary>
    public string? Verify(string? mobile, string? code)
    {
        mobile = mobile?.Trim();
        code = code?.Trim();
        if (mobile is null || code is not { Length: 6 } || !code.All(char.IsAsciiDigit)) return null;
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (!mobiles.TryGetValue(Hash(mobile), out var s) || s.CodeHash is null || s.Expires <= now || s.Failed >= MaxFailedAttempts) return null;
            if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(s.CodeHash), Convert.FromHexString(Hash(mobile + ":" + code))))
            {
                s.Failed++;
                return null;
            }
            s.CodeHash = null;
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            proofs[token] = (mobile, now + ProofLifetime);
            return token;
        }
    }

    /// <summary>The mobile that <paramref name="proof"/> verified, or null when it is unknown or expired.</summary>
    public string? MobileOf(string? proof)
    {
        if (string.IsNullOrEmpty(proof)) return null;
        var now = clock.GetUtcNow();
        lock (gate)
            return proofs.TryGetValue(proof, out var p) && p.Until > now ? p.Mobile : null;
    }

    /// <summary>Keeps a refused form for the page (30 minutes) and returns its key.</summary>
    public string Keep(ObjectionDraft draft)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        lock (gate)
        {
            Prune(clock.GetUtcNow());
            drafts[token] = (draft, clock.GetUtcNow() + ProofLifetime);
        }
        return token;
    }

    /// <summary>The refused form kept under <paramref name="token"/>, or null.</summary>
    public ObjectionDraft? Draft(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        lock (gate)
            return drafts.TryGetValue(token, out var d) && d.Until > clock.GetUtcNow() ? d.Draft : null;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var k in proofs.Where(kv => kv.Value.Until <= now).Select(kv => kv.Key).ToList()) proofs.Remove(k);
        foreach (var k in drafts.Where(kv => kv.Value.Until <= now).Select(kv => kv.Key).ToList()) drafts.Remove(k);
        var dayAgo = now - TimeSpan.FromDays(1);
        foreach (var k in mobiles.Where(kv => kv.Value.Expires <= now && kv.Value.Sent.All(t => t < dayAgo)).Select(kv => kv.Key).ToList()) mobiles.Remove(k);
    }

    private string Hash(string s) => Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(s)));
}

/// <summary>An objection form as typed (never the SMS code), kept while the page asks for a code or shows why it was refused.</summary>
/// <param name="Name">姓名.</param>
/// <param name="Organisation">工作单位.</param>
/// <param name="Mobile">手机号码.</param>
/// <param name="ApplicationReference">The reference chosen from the notice's list.</param>
/// <param name="Grounds">The grounds.</param>
/// <param name="Reasons">Why it was refused, or why no code was sent (zh-CN wordings); empty after a code was sent.</param>
/// <param name="CodeSent">True when a code was just sent to <paramref name="Mobile"/>.</param>
public sealed record ObjectionDraft(string? Name, string? Organisation, string? Mobile, string? ApplicationReference, string? Grounds,
    IReadOnlyList<Wording> Reasons, bool CodeSent = false);
