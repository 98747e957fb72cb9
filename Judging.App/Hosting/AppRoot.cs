namespace Judging.App.Hosting;

/// <summary>
/// Finds the project root: the folder holding <c>appsettings.json</c> and <c>seeds/</c> that the app
/// reads (DEVELOPERS.md: "appsettings.json at the root"). Order: <c>JUDGING_ROOT</c>, then the current
/// folder and its parents, then the app's own folder and its parents.
/// </summary>
public static class AppRoot
{
    /// <summary>The root folder; throws <see cref="InvalidOperationException"/> when none is found.</summary>
    public static string Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("JUDGING_ROOT");
        if (!string.IsNullOrEmpty(fromEnv)) return Path.GetFullPath(fromEnv);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "appsettings.json")) && Directory.Exists(Path.Combine(d.FullName, "seeds")))
                    return d.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the project root (a folder with appsettings.json and seeds/). Set JUDGING_ROOT.");
    }
}
