namespace Judging.App.FilmVoting;

using Judging.Domain.Competitions;
using System.Security.Cryptography;
using System.Text;
using Judging.App.Persistence;
using Judging.Domain.FilmVoting;
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
/// Issue 10: codes come out of daily budgets per client network (/24, IPv6 /48) and in all
/// (<see cref="VotingOptions.SmsOptions"/>: a script cannot drain a paid gateway), and a device verifies at most
/// <see cref="VotingOptions.VerificationsPerDevicePerDay"/> phones a day (<see cref="DevicePhones"/>).
/// </summary>
public sealed class PhoneVerification(IDbContextFactory<JudgingDb> factory, VotingKeys keys, ISmsGateway sms, TimeProvider clock,
    DevicePhones devices, Microsoft.Extensions.Options.IOptions<VotingOptions> options, ILogger<PhoneVerification> log,
    Microsoft.Extensions.Localization.IStringLocalizer<PhoneVerification> L)
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

    // The SMS budgets of the current Shanghai day (under gate): codes sent in all and per network.
    private int budgetDay;
    private int sentToday;
    private readonly Dictionary<string, int> sentBySubnet = new(StringComparer.Ordinal);

    /// <summary>True for an 11-digit mainland China mobile number (starts with 1, second digit 3–9).</summary>
    public static bool IsMobile(string? phone) =>
        phone is { Length: 11 } && phone[0] == '1' && phone[1] is >= '3' and <= '9' && phone.All(char.IsAsciiDigit);

    /// <summary>"13800138000" → "138****8000".</summary>
    public static string Mask(string phone) => phone[..3] + "****" + phone[7..];

    /// <summary>
    /// Sends a new code to <paramref name="phone"/> asked from network <paramref name="subnet"/> on
    /// <paramref name="device"/> (its cookie id, or null), or says why not (400 bad number; 429 too soon, too many today for
    /// the phone, the device, the network or the app).
    /// </summary>
    public async Task<VerificationResult> SendCodeAsync(string? phone, string subnet, string? device, CancellationToken ct)
    {
        phone = phone?.Trim();
        if (!IsMobile(phone)) return new(400, L["请输入 11 位中国大陆手机号"]);
        var phoneHash = keys.HashPhone(phone!);
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var budget = options.Value.Sms;
        string code;
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var dayStart = DayStartMs(now);
            var recent = await db.Set<VoteCode>().AsNoTracking().Where(c => c.PhoneHash == phoneHash && c.CreatedAtMs >= dayStart)
                .Select(c => c.CreatedAtMs).ToListAsync(ct);
            if (recent.Count > 0 && nowMs - recent.Max() < (long)ResendInterval.TotalMilliseconds)
                return new(429, L["验证码已发送，请 60 秒后再试"]);
            if (recent.Count >= CodesPerDay) return new(429, L["该手机号今天已获取 {0} 次验证码，请明天再试", CodesPerDay]);
            var voterId = await db.Set<Voter>().AsNoTracking().Where(v => v.PhoneHash == phoneHash).Select(v => (long?)v.Id).FirstOrDefaultAsync(ct);
            if (await devices.RefusalAsync(device, voterId, ct) is { } refusal) return new(429, refusal);
            await LoadBudgetsAsync(db, now, ct);
            if (sentToday >= budget.PerDay)
            {
                log.LogWarning("SMS daily budget used up: {Sent} of {Budget}", sentToday, budget.PerDay);
                return new(429, L["今日验证码发送量已达上限，请明天再试"]);
            }
            if (sentBySubnet.GetValueOrDefault(subnet) >= budget.PerSubnetPerDay)
            {
                log.LogWarning("SMS budget of {Subnet} used up: {Budget}", subnet, budget.PerSubnetPerDay);
                return new(429, L["您所在的网络今天获取验证码过多，请明天再试或更换网络（如关闭 Wi-Fi 使用移动数据）"]);
            }
            code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            db.Add(new VoteCode
            {
                PhoneHash = phoneHash, CodeHash = HashCode(phoneHash, code), CreatedAtMs = nowMs, Subnet = subnet,
                ExpiresAtMs = nowMs + (long)CodeLifetime.TotalMilliseconds,
            });
            await db.SaveChangesAsync(ct);
            sentToday++;
            sentBySubnet[subnet] = sentBySubnet.GetValueOrDefault(subnet) + 1;
        }
        finally { gate.Release(); }
        try
        {
            await sms.SendAsync(phone!, $"验证码 {code}，5 分钟内有效，用于上海市质量品牌故事大赛网络投票，请勿告诉他人。", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "SMS gateway failed for {Phone}", Mask(phone!));
            return new(503, L["短信发送失败，请稍后再试"]);
        }
        return new(200, L["验证码已发送"]);
    }

    /// <summary>
    /// Checks <paramref name="code"/> against the phone's latest unused, unexpired code; on success returns the voter (created
    /// on first success) and records that <paramref name="device"/> verified it. 429 when the device has verified its
    /// phones for the day (the code is not used up).
    /// </summary>
    public async Task<VerificationResult> VerifyAsync(string? phone, string? code, string? device, CancellationToken ct)
    {
        phone = phone?.Trim();
        code = code?.Trim();
        string wrong = L["验证码错误或已过期"];
        if (!IsMobile(phone)) return new(400, L["请输入 11 位中国大陆手机号"]);
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit)) return new(400, wrong);
        var phoneHash = keys.HashPhone(phone!);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var known = await db.Set<Voter>().AsNoTracking().Where(v => v.PhoneHash == phoneHash).Select(v => (long?)v.Id).FirstOrDefaultAsync(ct);
            if (await devices.RefusalAsync(device, known, ct) is { } refusal) return new(429, refusal);
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
            if (device is not null) await devices.RecordAsync(device, voter.Id, ct);
            return new(200, L["验证成功"], new VoterTicket(voter.Id, voter.CreatedAtMs));
        }
        finally { gate.Release(); }
    }

    /// <summary>Counts today's codes from the database when the Shanghai day changed (or at first use). Under the gate.</summary>
    private async Task LoadBudgetsAsync(JudgingDb db, DateTimeOffset now, CancellationToken ct)
    {
        var day = ShanghaiTime.Day(now);
        if (budgetDay == day) return;
        var dayStart = DayStartMs(now);
        var bySubnet = await db.Set<VoteCode>().AsNoTracking().Where(c => c.CreatedAtMs >= dayStart)
            .GroupBy(c => c.Subnet).Select(g => new { Subnet = g.Key, Count = g.Count() }).ToListAsync(ct);
        sentBySubnet.Clear();
        foreach (var g in bySubnet.Where(g => g.Subnet is not null)) sentBySubnet[g.Subnet!] = g.Count;
        sentToday = bySubnet.Sum(g => g.Count);
        budgetDay = day;
    }

    /// <summary>
    /// The organiser's warnings (vote review page, dashboard): the day's SMS budget in all, and each network's, once used to
    /// <see cref="VotingOptions.SmsOptions.WarnAtPercent"/> % or more. Empty when none is near its end.
    /// </summary>
    public async Task<IReadOnlyList<string>> BudgetWarningsAsync(CancellationToken ct)
    {
        var budget = options.Value.Sms;
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await LoadBudgetsAsync(db, clock.GetUtcNow(), ct);
            var warnings = new List<string>();
            bool Near(int used, int of) => used * 100L >= (long)of * budget.WarnAtPercent;
            if (Near(sentToday, budget.PerDay))
                warnings.Add(sentToday >= budget.PerDay
                    ? $"今日短信验证码已发送 {sentToday} 条，达到每日上限 {budget.PerDay} 条：今天不再发送验证码（Judging:Voting:Sms:PerDay）"
                    : $"今日短信验证码已发送 {sentToday} 条，接近每日上限 {budget.PerDay} 条（Judging:Voting:Sms:PerDay）");
            foreach (var (subnet, used) in sentBySubnet.Where(kv => Near(kv.Value, budget.PerSubnetPerDay)).OrderByDescending(kv => kv.Value).Take(10))
                warnings.Add($"网络 {subnet} 今日已获取验证码 {used} 条（每个网络每日上限 {budget.PerSubnetPerDay} 条{(used >= budget.PerSubnetPerDay ? "，已停止发送" : "")}）：可能有脚本刷验证码");
            return warnings;
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
