namespace Judging.App.Hosting;

using System.Runtime.InteropServices;

/// <summary>
/// The app's files are its own (issue 10, items 6 and 14): logs, the SQLite database with its -wal and -shm, the
/// data-protection keys and uploaded films and case documents hold phone hashes, sign-in codes, scores and unpublished
/// work. On Unix the process umask is set to 077 at start, so every file it (or SQLite, or ffmpeg) creates is mode 600
/// and every folder 700; <see cref="Tighten"/> brings files made by an older version to the same modes. Windows: ACLs
/// of the folder apply, nothing is changed.
/// </summary>
public static class FilePermissions
{
    /// <summary>rw------- (600).</summary>
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx------ (700).</summary>
    public const UnixFileMode PrivateFolder = PrivateFile | UnixFileMode.UserExecute;

    // DllImport, not LibraryImport: the latter needs unsafe code enabled for the whole project, for one libc call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054

    /// <summary>Sets the process umask to 077 (Unix only). Call first thing at start.</summary>
    public static void RestrictNewFiles()
    {
        if (OperatingSystem.IsWindows()) return;
        try { Umask(0b000_111_111); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { /* not a libc system: leave it */ }
    }

    /// <summary>
    /// Sets <paramref name="folders"/> (recursively: their sub-folders 700, files 600) and <paramref name="files"/> to the
    /// private modes, skipping what does not exist. Unix only; errors (a file not ours) are left to the caller's log.
    /// </summary>
    public static IReadOnlyList<string> Tighten(IEnumerable<string> folders, IEnumerable<string> files)
    {
        var problems = new List<string>();
        if (OperatingSystem.IsWindows()) return problems;
        void Set(string path, UnixFileMode mode)
        {
            try { if (File.GetUnixFileMode(path) != mode) File.SetUnixFileMode(path, mode); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { problems.Add($"{path}: {e.Message}"); }
        }
        foreach (var folder in folders.Where(Directory.Exists))
        {
            Set(folder, PrivateFolder);
            foreach (var d in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories)) Set(d, PrivateFolder);
            foreach (var f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)) Set(f, PrivateFile);
        }
        foreach (var f in files.Where(File.Exists)) Set(f, PrivateFile);
        return problems;
    }
}
