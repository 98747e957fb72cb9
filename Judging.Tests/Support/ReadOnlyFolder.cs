namespace Judging.Tests.Support;

using System.Diagnostics;

/// <summary>
/// Makes a folder and everything in it read-only for the app, as a read-only mount would (issue 10, item 11), until
/// disposed. File modes do not stop root, so as root the folder is made immutable (<c>chattr +i</c>, ext4/xfs/btrfs);
/// otherwise files become 444 and folders 555.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFolder : IDisposable
{
    private readonly string path;
    private readonly bool immutable = Environment.UserName == "root";

    public ReadOnlyFolder(string path)
    {
        this.path = path;
        if (immutable) Run("chattr", "-R", "+i", path);
        else Modes(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }

    public void Dispose()
    {
        if (immutable) Run("chattr", "-R", "-i", path);
        else Modes(UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixFileMode.UserExecute);
    }

    private void Modes(UnixFileMode file, UnixFileMode dirExtra)
    {
        foreach (var f in Directory.GetFiles(path, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(f, file);
        foreach (var d in Directory.GetDirectories(path, "*", SearchOption.AllDirectories).Append(path)) File.SetUnixFileMode(d, file | dirExtra);
    }

    private static void Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {error}");
    }
}
