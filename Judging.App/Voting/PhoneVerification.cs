namespace Judging.App.Voting;

using System.Security.Cryptography;
using System.Text;
using Judging.App.Persistence;
using Judging.Domain.Voting;
using Microsoft.EntityFrameworkCore;

/// <summary>The outcome of a code request or a verification: an error in Chinese, or success.</summary>
/// <param name="Status">HTTP status to answer (200, 400, 429, 503).</param>
/// <param name="Message">The Chinese message (success or error).</param>
/// <param name="Ticket">After a successful verification: the voter.</param>
public sealed record VerificationResult(int Status, string Message, VoterTicket? Ticket = null);

/// <summary>
/// Phone verification of public voters (issue 4): a 6-digit code, valid 5 minutes, at most 5 wrong tries, kept only as
/// an HMAC; per phone one code per 60 s and 10 per Shanghai day. A successful verification finds or creates the
/// <see cref="Voter"/> of the phone. Serialised by one lock (codes are rare next to votes).
/// </summary>
public sealed class PhoneVerification(IDbContextFactory<JudgingDb> factory, VotingKeys keys, ISmsGateway sms, TimeProvider clock, ILogger<PhoneVerification> log)
{
    /// <summary>Code validity: 5 minutes.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Wrong tries allowed per code: 5.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>Minimum time between two codes to one phone: 60 s.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(60);

    /// <summary>Codes per phone per Shanghai day: 10.</summary>
    public const int CodesPerDay = 10;

    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>True for an 11-digit mainland China mobile number (starts with 1, second digit 3–9).</summary>
    public static bool IsMobile(string? phone) =>
        phone is { Length: 11 } && phone[0] == '1' && phone[1] is >= '3' and <= '9' && phone.All(char.IsAsciiDigit);

    /// <summary>"13800138000" → "138****8000".</summary>
    public static string Mask(string phone) => phone[..3] + "****" + phone[7..];

    /// <summary>Sends a new code to <paramref name="phone"/>, or says why not (400 bad number, 429 too soon / too many today).</summary>
    public async Task<VerificationResult> SendCodeAsync(string? phone, CancellationToken ct)
    {
        phone = phone?.Trim();
        if (!IsMobile(phone)) return new(400, "请输入 11 位中国大陆手机号");
        var phoneHash = keys.HashPhone(phone!);
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        string code;
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var dayStart = DayStartMs(now);
            var recent = await db.Set<VoteCode>().AsNoTracking().Where(c => c.PhoneHash == phoneHash && c.CreatedAtMs >= dayStart)
                .Select(c => c.CreatedAtMs).ToListAsync(ct);
            if (recent.Count > 0 && nowMs - recent.Max() < (long)ResendInterval.TotalMilliseconds)
                return new(429, "验证码已发送，请 60 秒后再试");
            if (recent.Count >= CodesPerDay) return new(429, $"该手机号今天已获取 {CodesPerDay} 次验证码，请明天再试");
            code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            db.Add(new VoteCode
            {
                PhoneHash = phoneHash, CodeHash = HashCode(phoneHash, code), CreatedAtMs = nowMs,
                ExpiresAtMs = nowMs + (long)CodeLifetime.TotalMilliseconds,
            });
            await db.SaveChangesAsync(ct);
        }
        finally { gate.Release(); }
        try
        {
            await sms.SendAsync(phone!, $"验证码 {code}，5 分钟内有效，用于上海市质量品牌故事大赛网络投票，请勿告诉他人。", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "SMS gateway failed for {Phone}", Mask(phone!));
            return new(503, "短信发送失败，请稍后再试");
        }
        return new(200, "验证码已发送");
    }

    /// <summary>Checks <paramref name="code"/> against the phone's latest unused, unexpired code; on success returns the voter (created on first success).</summary>
    public async Task<VerificationResult> VerifyAsync(string? phone, string? code, CancellationToken ct)
    {
        phone = phone?.Trim();
        code = code?.Trim();
        const string wrong = "验证码错误或已过期";
        if (!IsMobile(phone)) return new(400, "请输入 11 位中国大陆手机号");
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit)) return new(400, wrong);
        var phoneHash = keys.HashPhone(phone!);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var latest = await db.Set<VoteCode>().Where(c => c.PhoneHash == phoneHash).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
            if (latest is null || latest.UsedAtMs is not null || latest.ExpiresAtMs <= nowMs || latest.FailedAttempts >= MaxFailedAttempts)
                return new(400, wrong);
            if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(latest.CodeHash), Convert.FromHexString(HashCode(phoneHash, code))))
            {
                latest.FailedAttempts++;
                await db.SaveChangesAsync(ct);
                return new(400, wrong);
            }
            latest.UsedAtMs = nowMs;
            var voter = await db.Set<Voter>().FirstOrDefaultAsync(v => v.PhoneHash == phoneHash, ct);
            if (voter is null)
            {
                voter = new Voter { PhoneHash = phoneHash, PhoneMasked = Mask(phone!), CreatedAtMs = nowMs };
                db.Add(voter);
            }
            await db.SaveChangesAsync(ct);
            return new(200, "验证成功", new VoterTicket(voter.Id, voter.CreatedAtMs));
        }
        finally { gate.Release(); }
    }

    private string HashCode(string phoneHash, string code) =>
        Convert.ToHexString(HMACSHA256.HashData(keys.CodeKey, Encoding.ASCII.GetBytes(phoneHash + ":" + code)));

    private static long DayStartMs(DateTimeOffset now)
    {
        var local = ShanghaiTime.ToLocal(now);
        return new DateTimeOffset(local.Date, local.Offset).ToUnixTimeMilliseconds();
    }
}
