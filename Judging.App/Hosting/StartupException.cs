namespace Judging.App.Hosting;

/// <summary>
/// Start-up cannot go on for a reason the operator can fix (a failed migration, an unusable setting): <c>Program.cs</c>
/// prints <see cref="Exception.Message"/> as one line (Chinese, then English) and exits with code 1, without a stack trace.
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
