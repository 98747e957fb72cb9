namespace Judging.App.Voting;

/// <summary>
/// Sends a text message to a phone (the one-time code of the public vote, issue 4). Implementations are registered
/// as keyed singletons and chosen by <c>Judging:Voting:Sms:Gateway</c> ("Log" by default). A real gateway plugs in
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
/// Development gateway ("Log"): writes the message to the log at Warning level as "SMS {phone} {text}"; the text
/// begins with "验证码 {code}", so the line contains "SMS 13800138000 验证码 123456". Never use it in production.
/// </summary>
public sealed class LogSmsGateway(ILogger<LogSmsGateway> log) : ISmsGateway
{
    /// <summary>The key it is registered under.</summary>
    public const string Key = "Log";

    public Task SendAsync(string phone, string text, CancellationToken ct)
    {
        log.LogWarning("SMS {Phone:l} {Text:l}", phone, text);
        return Task.CompletedTask;
    }
}
