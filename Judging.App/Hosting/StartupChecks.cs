namespace Judging.App.Hosting;

/// <summary>
/// Settings a deployment must make before the app starts; each problem is one line saying what to set (issue 10, item 6).
/// </summary>
public static class StartupChecks
{
    /// <summary>
    /// Outside Development the SMS gateway of the public vote must be chosen explicitly (<c>Judging:Voting:Sms:Gateway</c>):
    /// the development gateway "Log" would otherwise be used without anyone deciding it. Returns the line, or null.
    /// </summary>
    public static string? Problem(IHostEnvironment environment, IConfiguration config)
    {
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(config[FilmVoting.VotingOptions.Section + ":Sms:Gateway"]))
            return $"启动失败：未选择短信网关。{environment.EnvironmentName} 环境须明确设置 Judging:Voting:Sms:Gateway（例如 --Judging:Voting:Sms:Gateway=Aliyun，或环境变量 Judging__Voting__Sms__Gateway=Aliyun；仅测试可设为 Log，此时日志中不含验证码） / No SMS gateway chosen: set Judging:Voting:Sms:Gateway outside Development.";
        return null;
    }
}
