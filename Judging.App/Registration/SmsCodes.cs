namespace Judging.App.Registration;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Judging.App.FilmVoting;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// What an SMS code is for. Codes of different purposes share the <see cref="UnitSignInCode"/> table but never meet: the
/// mobile is hashed with <see cref="PhonePrefix"/> in front (so each purpose has its own budget and latest code) and the code's
/// HMAC with <see cref="CodePrefix"/> in front (so a row of one purpose cannot verify a code of another).
/// </summary>
/// <param name="PhonePrefix">Put before the mobile in <see cref="VotingKeys.HashPhone"/>; empty for unit sign-in (its rows predate purposes).</param>
/// <param name="CodePrefix">Put before the phone hash and code in the code's HMAC (<see cref="VotingKeys.CodeKey"/>).</param>
public sealed record SmsCodePurpose(string PhonePrefix, string CodePrefix)
{
    /// <summary>A unit contact's sign-in (issue 15, "Units").</summary>
    public static readonly SmsCodePurpose UnitSignIn = new("", "unit:");

    /// <summary>An objector's mobile on a programme's 公示 (issue 16, 异议).</summary>
    public static readonly SmsCodePurpose Objection = new("objection:", "objection:");
}

/// <summary>A code issued (<see cref="Code"/>, to be sent) or the reason there is none (<see cref="Refusal"/>, answered with 429).</summary>
/// <param name="Code">The 6 digits, or null.</param>
/// <param name="Refusal">Too soon after the last code (60 s) or 10 codes today already; null when a code was issued.</param>
public sealed record SmsCodeIssue(string? Code, Wording? Refusal);

/// <summary>
/// The SMS codes that verify a mobile (unit sign-in, issue 15; objections, issue 16), kept in the database (the
/// <see cref="UnitSignInCode"/> table) so that a code asked through one app instance verifies through another and survives a
/// restart: a 6-digit code valid <see cref="CodeLifetime"/> (5 minutes), at most <see cref="MaxFailedAttempts"/> (5) wrong
/// tries, single use (claimed by one conditional UPDATE), kept only as an HMAC under the vote's <see cref="VotingKeys"/>; per
/// mobile and purpose one code per <see cref="PhoneVerification.ResendInterval"/> (60 s) and <see cref="CodesPerDay"/> (10)
/// per Beijing day. Singleton without state of its own.
/// </summary>
public sealed class SmsCodes(IDbContextFactory<JudgingDb> factory, VotingKeys keys, TimeProvider clock)
{
    /// <summary>A code is valid 5 minutes.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Wrong tries per code: 5.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>Codes per mobile (and purpose) per Beijing day: 10.</summary>
    public const int CodesPerDay = 10;

    /// <summary>
    /// A new code of <paramref name="purpose"/> for <paramref name="mobile"/> (11 digits; the caller checked it), stored as an
    /// HMAC, or the refusal: too soon after the last one (60 s) or <see cref="CodesPerDay"/> today already.
    /// </summary>
    public async Task<SmsCodeIssue> IssueAsync(SmsCodePurpose purpose, string mobile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var phoneHash = PhoneHash(purpose, mobile);
        var now = clock.GetUtcNow();
        var dayStart = ShanghaiTime.FromLocal(ShanghaiTime.ToLocal(now).Date);
        await using var db = await factory.CreateDbContextAsync(ct);
        // SQLite cannot compare DateTimeOffset columns in SQL: the mobile's latest codes (ids grow with time) are read and
        // today's kept in memory; more than a day's budget is never needed.
        var latest = await db.Set<UnitSignInCode>().AsNoTracking().Where(c => c.PhoneHash == phoneHash)
            .OrderByDescending(c => c.Id).Take(CodesPerDay).Select(c => new { c.Id, c.CreatedAt }).ToListAsync(ct);
        var recent = latest.Where(c => c.CreatedAt >= dayStart).Select(c => c.CreatedAt).ToList();
        var tooSoon = Wording.Of("验证码已发送，请 60 秒后再试");
        if (recent.Count > 0 && now - recent.Max() < PhoneVerification.ResendInterval) return new(null, tooSoon);
        if (recent.Count >= CodesPerDay) return new(null, Wording.Of("该手机号今天已获取 {0} 次验证码，请明天再试", CodesPerDay));
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        // Chained to the latest code read above (unique per mobile): a simultaneous request that read the same one stored its
        // code first, so this one is too soon.
        var previous = latest.Count > 0 ? latest[0].Id : 0;
        db.Add(new UnitSignInCode
        {
            PhoneHash = phoneHash, CodeHash = CodeHash(purpose, phoneHash, code), CreatedAt = now, ExpiresAt = now + CodeLifetime, PreviousCodeId = previous,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Set<UnitSignInCode>().AnyAsync(c => c.PhoneHash == phoneHash && c.PreviousCodeId == previous, ct)) return new(null, tooSoon);
            throw;
        }
        return new(code, null);
    }

    /// <summary>
    /// Forgets the latest unused code of <paramref name="purpose"/> for <paramref name="mobile"/> (the gateway failed to send it):
    /// its row is deleted, so it neither verifies nor counts against the 60 s and the day's budget.
    /// </summary>
    public async Task WithdrawAsync(SmsCodePurpose purpose, string mobile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var phoneHash = PhoneHash(purpose, mobile);
        await using var db = await factory.CreateDbContextAsync(ct);
        var latest = await db.Set<UnitSignInCode>().Where(c => c.PhoneHash == phoneHash).OrderByDescending(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (latest is { } id) await db.Set<UnitSignInCode>().Where(c => c.Id == id && c.UsedAt == null).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// True when <paramref name="code"/> is the latest unused, unexpired code of <paramref name="purpose"/> for
    /// <paramref name="mobile"/> (it is used up; of two simultaneous checks only one wins); a wrong code counts against the
    /// code's tries. False for anything that is not an 11-digit mobile and 6 digits.
    /// </summary>
    public async Task<bool> VerifyAsync(SmsCodePurpose purpose, string? mobile, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        mobile = mobile?.Trim();
        code = code?.Trim();
        if (!PhoneVerification.IsMobile(mobile) || code is not { Length: 6 } || !code.All(char.IsAsciiDigit)) return false;
        var phoneHash = PhoneHash(purpose, mobile!);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var latest = await db.Set<UnitSignInCode>().Where(c => c.PhoneHash == phoneHash).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        if (latest is null || latest.UsedAt is not null || latest.ExpiresAt <= now || latest.FailedAttempts >= MaxFailedAttempts) return false;
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(latest.CodeHash), Convert.FromHexString(CodeHash(purpose, phoneHash, code))))
        {
            latest.FailedAttempts++;
            await db.SaveChangesAsync(ct);
            return false;
        }
        var claimed = await db.Set<UnitSignInCode>().Where(c => c.Id == latest.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, now), ct);
        return claimed == 1;
    }

    private string PhoneHash(SmsCodePurpose purpose, string mobile) => keys.HashPhone(purpose.PhonePrefix + mobile.Trim());

    private string CodeHash(SmsCodePurpose purpose, string phoneHash, string code) =>
        Convert.ToHexString(HMACSHA256.HashData(keys.CodeKey, Encoding.ASCII.GetBytes(purpose.CodePrefix + phoneHash + ":" + code)));
}
