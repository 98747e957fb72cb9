namespace Judging.App.FilmVoting;

/// <summary>
/// Sends a text message to a phone (the one-time code of the public vote, issue 4). Implementations are registered
/// as keyed singletons and chosen by <c>Judging:Voting:Sms:Gateway</c> ("Log" by default in Development only; any other
/// environment refuses to start until it is set, issue 10 item 6). A real gateway plugs in
/// with one line in start-up code, e.g.
/// <c>services.AddKeyedSingleton&lt;ISmsGateway, AliyunSmsGateway&gt;("Aliyun")</c>, and the setting
/// <c>Judging:Voting:Sms:Gateway=Aliyun</c> (its own settings under <c>Judging:Voting:Sms:Aliyun</c>).
/// </summary>
public interface ISmsGateway
{
    /// <summary>Sends <paramref name="text"/> to <paramref name="phone"/> (11 digits). Throws when the gateway refuses.</summary>
    Task SendAsync(string phone, string text, CancellationToken ct);
}

/// <summary>
/// Development gateway ("Log"): writes the message to the log at Warning level as "SMS {masked phone} {text}", the
/// number masked as everywhere in the logs ("SMS 138****8000 验证码 123456…"). The code itself is written in Development
/// only (the tests read it there); in any other environment its digits are replaced by "******", so the gateway sends
/// nothing anyone can use. Never choose it for a real vote.
/// </summary>
public sealed partial class LogSmsGateway(ILogger<LogSmsGateway> log, IHostEnvironment environment) : ISmsGateway
{
    /// <summary>The key it is registered under.</summary>
    public const string Key = "Log";

    public Task SendAsync(string phone, string text, CancellationToken ct)
    {
        var shown = environment.IsDevelopment() ? text : Digits().Replace(text, "******");
        log.LogWarning("SMS {Phone:l} {Text:l}", PhoneVerification.IsMobile(phone) ? PhoneVerification.Mask(phone) : "***", shown);
        return Task.CompletedTask;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4,8}")]
    private static partial System.Text.RegularExpressions.Regex Digits();
}
