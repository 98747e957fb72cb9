namespace Judging.App.Registration;

using Judging.App.FilmVoting;

/// <summary>The outcome of a unit's code request or check: HTTP status and the message in the request's language.</summary>
/// <param name="Status">200, 400 or 429 (503 when the gateway failed).</param>
/// <param name="Message">What the page shows.</param>
public sealed record UnitCodeResult(int Status, string Message);

/// <summary>
/// A unit contact's sign-in without a password (issue 15, "Units"): a 6-digit SMS code through the film vote's
/// <see cref="ISmsGateway"/>, issued and checked by <see cref="SmsCodes"/> (purpose <see cref="SmsCodePurpose.UnitSignIn"/>):
/// valid 5 minutes, at most 5 wrong tries, single use, kept only as an HMAC (the vote's keys); per mobile one code per 60 s and
/// 10 per Beijing day. The per-address bucket is the <c>sign-in-unit-code</c> rate-limit policy. Singleton; the database is
/// the only state (several instances may sign units in).
/// </summary>
public sealed class UnitSignIn(SmsCodes codes, ISmsGateway sms, ILogger<UnitSignIn> log,
    Microsoft.Extensions.Localization.IStringLocalizer<UnitSignIn> L)
{
    /// <summary>A code is valid 5 minutes (<see cref="SmsCodes.CodeLifetime"/>).</summary>
    public static readonly TimeSpan CodeLifetime = SmsCodes.CodeLifetime;

    /// <summary>Wrong tries per code: 5 (<see cref="SmsCodes.MaxFailedAttempts"/>).</summary>
    public const int MaxFailedAttempts = SmsCodes.MaxFailedAttempts;

    /// <summary>Codes per mobile per Beijing day: 10 (<see cref="SmsCodes.CodesPerDay"/>).</summary>
    public const int CodesPerDay = SmsCodes.CodesPerDay;

    /// <summary>Sends a new sign-in code to <paramref name="mobile"/>, or says why not (400 not a mobile; 429 too soon or too many today; 503 gateway).</summary>
    public async Task<UnitCodeResult> SendCodeAsync(string? mobile, CancellationToken ct)
    {
        mobile = mobile?.Trim();
        if (!PhoneVerification.IsMobile(mobile)) return new(400, L["请输入 11 位中国大陆手机号"]);
        var (code, refusal) = await codes.IssueAsync(SmsCodePurpose.UnitSignIn, mobile!, ct);
        if (code is null)
            return new(429, refusal!.Args.Count == 0 ? L["验证码已发送，请 60 秒后再试"] : L["该手机号今天已获取 {0} 次验证码，请明天再试", CodesPerDay]);
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
    public Task<bool> VerifyAsync(string? mobile, string? code, CancellationToken ct) =>
        codes.VerifyAsync(SmsCodePurpose.UnitSignIn, mobile, code, ct);
}
