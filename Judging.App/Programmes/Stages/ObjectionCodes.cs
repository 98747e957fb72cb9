namespace Judging.App.Programmes.Stages;

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Judging.App.Registration;
using Judging.Domain.Competitions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

/// <summary>
/// The SMS codes that verify an objector's mobile (异议, issue 16: "mobile (verified by SMS code, the existing gateway)") and
/// what the objection form carries between requests, with no state in process memory (architecture: "No truth lives only in one
/// process's memory"; several instances may run behind nginx on one database):
/// <list type="bullet">
/// <item>Codes: <see cref="SmsCodes"/> with the purpose <see cref="SmsCodePurpose.Objection"/>, in the database beside the unit
/// sign-in codes but apart from them (mobile and code hashed with an <c>objection:</c> prefix): 6 digits, valid
/// <see cref="SmsCodes.CodeLifetime"/> (5 minutes), 5 wrong tries, single use, 60 s between codes and 10 per Beijing day per
/// mobile.</item>
/// <item>Proofs: a matched code gives a proof that the mobile was verified, valid <see cref="ProofLifetime"/> (30 minutes): the
/// mobile and the expiry (the app's <see cref="TimeProvider"/>) protected with the app's shared Data Protection keys (purpose
/// <c>Judging.ObjectionProof</c>), so any instance reads it.</item>
/// <item>Drafts: a refused form (or one that asked for a code) goes back to the page in a short cookie protected the same way
/// (purpose <c>Judging.ObjectionDraft</c>, Brotli-compressed, <see cref="DraftLifetime"/>, bound to the redirect's one-time
/// <c>?d=</c> nonce); when the cookie would exceed <see cref="MaxDraftCookieChars"/> the grounds are left out and a reason
/// says so.</item>
/// </list>
/// Singleton without mutable fields.
/// </summary>
public sealed class ObjectionCodes(SmsCodes codes, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>A code is valid 5 minutes.</summary>
    public static readonly TimeSpan CodeLifetime = SmsCodes.CodeLifetime;

    /// <summary>Wrong tries per code: 5.</summary>
    public const int MaxFailedAttempts = SmsCodes.MaxFailedAttempts;

    /// <summary>At most one code per mobile per 60 s.</summary>
    public static readonly TimeSpan ResendInterval = FilmVoting.PhoneVerification.ResendInterval;

    /// <summary>Codes per mobile per Beijing day: 10.</summary>
    public const int CodesPerDay = SmsCodes.CodesPerDay;

    /// <summary>A verified mobile's proof lives 30 minutes.</summary>
    public static readonly TimeSpan ProofLifetime = TimeSpan.FromMinutes(30);

    /// <summary>A draft cookie lives 10 minutes (it is read right after the redirect).</summary>
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The largest draft cookie value, characters (ASCII): 3,500 (one cookie under the browsers' 4,096 bytes and nginx's header buffers).</summary>
    public const int MaxDraftCookieChars = 3500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IDataProtector Proofs => protection.CreateProtector("Judging.ObjectionProof");

    private IDataProtector Drafts => protection.CreateProtector("Judging.ObjectionDraft");

    private sealed record ProofPayload(string Mobile, DateTimeOffset Until);

    private sealed record DraftPayload(string Nonce, DateTimeOffset Until, string? Name, string? Organisation, string? Mobile, string? Application,
        string? Grounds, IReadOnlyList<string> Reasons, bool CodeSent);

    /// <summary>
    /// A new code for <paramref name="mobile"/> (an 11-digit mobile; the caller checked it), or the reason there is none: too
    /// soon after the last one (60 s) or 10 codes today already. The code is returned to be sent; only its HMAC is stored.
    /// </summary>
    public Task<SmsCodeIssue> IssueAsync(string mobile, CancellationToken ct) => codes.IssueAsync(SmsCodePurpose.Objection, mobile, ct);

    /// <summary>Forgets the latest code of <paramref name="mobile"/> (the gateway failed to send it), so a new one may be asked at once.</summary>
    public Task WithdrawAsync(string mobile, CancellationToken ct) => codes.WithdrawAsync(SmsCodePurpose.Objection, mobile, ct);

    /// <summary>
    /// The proof that <paramref name="mobile"/> is verified when <paramref name="code"/> is its latest unused, unexpired code
    /// (the code is used up), else null; a wrong code counts against the code's tries.
    /// </summary>
    public async Task<string?> VerifyAsync(string? mobile, string? code, CancellationToken ct)
    {
        mobile = mobile?.Trim();
        if (!await codes.VerifyAsync(SmsCodePurpose.Objection, mobile, code, ct)) return null;
        return ProofOf(mobile!);
    }

    /// <summary>A proof for <paramref name="mobile"/> valid <see cref="ProofLifetime"/> from now (base64url of the protected payload).</summary>
    private string ProofOf(string mobile) =>
        WebEncoders.Base64UrlEncode(Proofs.Protect(JsonSerializer.SerializeToUtf8Bytes(new ProofPayload(mobile, clock.GetUtcNow() + ProofLifetime), Json)));

    /// <summary>The mobile that <paramref name="proof"/> verified, or null when it is not a proof of this app's keys, or expired.</summary>
    public string? MobileOf(string? proof)
    {
        if (string.IsNullOrEmpty(proof)) return null;
        try
        {
            var p = JsonSerializer.Deserialize<ProofPayload>(Proofs.Unprotect(WebEncoders.Base64UrlDecode(proof)), Json);
            return p is not null && p.Until > clock.GetUtcNow() ? p.Mobile : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException) { return null; }
    }

    /// <summary>
    /// The cookie value carrying <paramref name="draft"/> (its reasons already worded in the request's language) and the nonce
    /// the redirect puts in <c>?d=</c>. When the cookie would exceed <see cref="MaxDraftCookieChars"/> the grounds are left out
    /// and <paramref name="groundsDropped"/> (worded) is added to the reasons.
    /// </summary>
    public (string Cookie, string Nonce) Protect(ObjectionDraft draft, IReadOnlyList<string> reasons, string groundsDropped)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(reasons);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var payload = new DraftPayload(nonce, clock.GetUtcNow() + DraftLifetime, Cut(draft.Name, 100), Cut(draft.Organisation, 300), Cut(draft.Mobile, 20),
            Cut(draft.ApplicationReference, 100), draft.Grounds, reasons, draft.CodeSent);
        var cookie = Seal(payload);
        if (cookie.Length > MaxDraftCookieChars) cookie = Seal(payload with { Grounds = null, Reasons = [.. reasons, groundsDropped] });
        if (cookie.Length > MaxDraftCookieChars) cookie = Seal(payload with { Grounds = null, Reasons = [.. reasons.Take(5).Select(r => Cut(r, 200)!), groundsDropped] });
        return (cookie, nonce);
    }

    /// <summary>
    /// The draft in <paramref name="cookie"/> when it was made for the redirect with <paramref name="nonce"/> and is not expired,
    /// else null. Its reasons are <see cref="Wording.Data"/> (already worded).
    /// </summary>
    public ObjectionDraft? Draft(string? cookie, string? nonce)
    {
        if (string.IsNullOrEmpty(cookie) || string.IsNullOrEmpty(nonce)) return null;
        try
        {
            using var input = new MemoryStream(Drafts.Unprotect(WebEncoders.Base64UrlDecode(cookie)));
            using var brotli = new BrotliStream(input, CompressionMode.Decompress);
            var d = JsonSerializer.Deserialize<DraftPayload>(brotli, Json);
            if (d is null || d.Nonce != nonce || d.Until <= clock.GetUtcNow()) return null;
            return new ObjectionDraft(d.Name, d.Organisation, d.Mobile, d.Application, d.Grounds, d.Reasons.Select(Wording.Data).ToList(), d.CodeSent);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException or InvalidDataException) { return null; }
    }

    private string Seal(DraftPayload payload)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
            JsonSerializer.Serialize(brotli, payload, Json);
        return WebEncoders.Base64UrlEncode(Drafts.Protect(output.ToArray()));
    }

    private static string? Cut(string? s, int max) => s is { } v && v.Length > max ? v[..max] : s;
}

/// <summary>An objection form as typed (never the SMS code), carried back to the page while it asks for a code or shows why it was refused.</summary>
/// <param name="Name">姓名.</param>
/// <param name="Organisation">工作单位.</param>
/// <param name="Mobile">手机号码.</param>
/// <param name="ApplicationReference">The reference chosen from the notice's list.</param>
/// <param name="Grounds">The grounds (null when too long for the cookie).</param>
/// <param name="Reasons">Why it was refused, or why no code was sent; empty after a code was sent.</param>
/// <param name="CodeSent">True when a code was just sent to <paramref name="Mobile"/>.</param>
public sealed record ObjectionDraft(string? Name, string? Organisation, string? Mobile, string? ApplicationReference, string? Grounds,
    IReadOnlyList<Wording> Reasons, bool CodeSent = false);
