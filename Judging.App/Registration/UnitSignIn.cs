namespace Judging.App.Registration;

using System.Security.Cryptography;
using System.Text;
using Judging.App.FilmVoting;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Microsoft.EntityFrameworkCore;

/// <summary>The outcome of a unit's code request or check: HTTP status and the message in the request's language.</summary>
/// <param name="Status">200, 400 or 429 (503 when the gateway failed).</param>
/// <param name="Message">What the page shows.</param>
public sealed record UnitCodeResult(int Status, string Message);

/// <summary>
/// A unit contact's sign-in without a password (issue 15, "Units"): a 6-digit SMS code through the film vote's
/// <see cref="ISmsGateway"/>, valid 5 minutes, at most 5 wrong tries, single use, kept only as an HMAC (the vote's keys);
/// per mobile one code per 60 s and 10 per Beijing day. The per-address bucket is the <c>sign-in-unit-code</c> rate-limit
/// policy. Singleton; the database is the only state (several instances may sign units in).
/// </summary>
public sealed class UnitSignIn(IDbContextFactory<JudgingDb> factory, VotingKeys keys, ISmsGateway sms, TimeProvider clock,
    ILogger<UnitSignIn> log, Microsoft.Extensions.Localization.IStringLocalizer<UnitSignIn> L)
{
    /// <summary>A code is valid 5 minutes.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Wrong tries per code: 5.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>Codes per mobile per Beijing day: 10.</summary>
    public const int CodesPerDay = 10;

    /// <summary>Sends a new sign-in code to <paramref name="mobile"/>, or says why not (400 not a mobile; 429 too soon or too many today; 503 gateway).</summary>
    public async Task<UnitCodeResult> SendCodeAsync(string? mobile, CancellationToken ct)
    {
        mobile = mobile?.Trim();
        if (!PhoneVerification.IsMobile(mobile)) return new(400, L["请输入 11 位中国大陆手机号"]);
        var phoneHash = keys.HashPhone(mobile!);
        var now = clock.GetUtcNow();
        var dayStart = ShanghaiTime.FromLocal(ShanghaiTime.ToLocal(now).Date);
        await using var db = await factory.CreateDbContextAsync(ct);
        // SQLite cannot compare DateTimeOffset columns in SQL: the mobile's latest codes (ids grow with time) are read and
        // today's kept in memory; more than a day's budget is never needed.
        var recent = (await db.Set<UnitSignInCode>().AsNoTracking().Where(c => c.PhoneHash == phoneHash)
            .OrderByDescending(c => c.Id).Take(CodesPerDay).Select(c => c.CreatedAt).ToListAsync(ct)).Where(t => t >= dayStart).ToList();
        if (recent.Count > 0 && now - recent.Max() < PhoneVerification.ResendInterval) return new(429, L["验证码已发送，请 60 秒后再试"]);
        if (recent.Count >= CodesPerDay) return new(429, L["该手机号今天已获取 {0} 次验证码，请明天再试", CodesPerDay]);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        db.Add(new UnitSignInCode { PhoneHash = phoneHash, CodeHash = HashCode(phoneHash, code), CreatedAt = now, ExpiresAt = now + CodeLifetime });
        await db.SaveChangesAsync(ct);
        try
        {
            await sms.SendAsync(mobile!, $"验证码 {code}，5 分钟内有效，用于登录上海市质量品牌故事大赛在线申报，请勿告诉他人。", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "SMS gateway failed for unit contact {Phone}", PhoneVerification.Mask(mobile!));
            return new(503, L["短信发送失败，请稍后再试"]);
        }
        return new(200, L["验证码已发送"]);
    }

    /// <summary>
    /// True when <paramref name="code"/> is the latest unused, unexpired code of <paramref name="mobile"/> (it is used up);
    /// a wrong code counts against the code's tries.
    /// </summary>
    public async Task<bool> VerifyAsync(string? mobile, string? code, CancellationToken ct)
    {
        mobile = mobile?.Trim();
        code = code?.Trim();
        if (!PhoneVerification.IsMobile(mobile) || code is not { Length: 6 } || !code.All(char.IsAsciiDigit)) return false;
        var phoneHash = keys.HashPhone(mobile!);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var latest = await db.Set<UnitSignInCode>().Where(c => c.PhoneHash == phoneHash).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        if (latest is null || latest.UsedAt is not null || latest.ExpiresAt <= now || latest.FailedAttempts >= MaxFailedAttempts) return false;
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(latest.CodeHash), Convert.FromHexString(HashCode(phoneHash, code))))
        {
            latest.FailedAttempts++;
            await db.SaveChangesAsync(ct);
            return false;
        }
        // Used once: of two simultaneous checks of the same code only one changes the row.
        var claimed = await db.Set<UnitSignInCode>().Where(c => c.Id == latest.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, now), ct);
        return claimed == 1;
    }

    private string HashCode(string phoneHash, string code) =>
        Convert.ToHexString(HMACSHA256.HashData(keys.CodeKey, Encoding.ASCII.GetBytes("unit:" + phoneHash + ":" + code)));
}
