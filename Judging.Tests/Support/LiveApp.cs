namespace Judging.Tests.Support;

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

/// <summary>
/// The real app as a separate process (Kestrel on a free loopback port, its own SQLite file or PostgreSQL database seeded from
/// <c>seeds/</c> without the preliminary scores unless asked), the way a user runs it. Reads the one-time setup
/// link from its console.
/// </summary>
public sealed partial class LiveApp : IAsyncDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource<string> setupLink = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> output = [];

    public string BaseUrl { get; }
    public string DataDir { get; }
    public string DatabasePath => Path.Combine(DataDir, "judging.db");

    private LiveApp(string seedsPath, Dictionary<string, string>? settings, string? dataDir = null)
    {
        var root = Paths.Root;
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("judging-test-").FullName;
        this.seedsPath = seedsPath;
        this.settings = settings;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo(Paths.AppExecutable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = root,
        };
        psi.ArgumentList.Add("--urls"); psi.ArgumentList.Add(BaseUrl);
        foreach (var (k, v) in TestDatabase.Settings(DataDir)) psi.ArgumentList.Add($"--{k}={v}");
        psi.ArgumentList.Add($"--Judging:DataProtectionKeysPath={Path.Combine(DataDir, "keys")}");
        psi.ArgumentList.Add($"--Judging:SeedsPath={seedsPath}");
        // As `dotnet run` starts it (launchSettings.json): Development, where the log SMS gateway is the default and
        // shows the codes the film tests read (issue 10, item 6). A test may pass environment=Production in settings.
        psi.ArgumentList.Add("--environment=Development");
        foreach (var (k, v) in settings ?? []) psi.ArgumentList.Add($"--{k}={v}");
        psi.Environment["JUDGING_ROOT"] = root;
        process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (output) output.Add(line);
        var m = SetupRegex().Match(line);
        if (m.Success) setupLink.TrySetResult(m.Groups[1].Value);
    }

    [GeneratedRegex(@"^SETUP: .*(http://\S+/setup/[0-9a-f]+)")]
    private static partial Regex SetupRegex();

    /// <summary>Console output so far.</summary>
    public string Output { get { lock (output) return string.Join('\n', output); } }

    private readonly string seedsPath;

    /// <summary>The seeds folder the app was started with.</summary>
    public string SeedsPath => seedsPath;
    private readonly Dictionary<string, string>? settings;

    /// <summary>
    /// Starts the app and waits until <c>/healthz</c> answers 200. Seeds: <see cref="Paths.SeedsWithoutScores"/> by
    /// default (every preliminary round not started, ready to score live); pass <see cref="Paths.Seeds"/> for the
    /// full seeds with the completed preliminaries (rounds closed).
    /// </summary>
    public static Task<LiveApp> StartAsync(string? seedsPath = null, Dictionary<string, string>? settings = null) =>
        RunAsync(new LiveApp(seedsPath ?? Paths.SeedsWithoutScores, settings));

    /// <summary>
    /// Starts the app on the data already in <paramref name="dataDir"/> (e.g. a database an older release made, or the
    /// database and files another instance uses); the folder and database are deleted at the end unless <paramref name="keepData"/>.
    /// </summary>
    public static Task<LiveApp> StartOnAsync(string dataDir, string? seedsPath = null, Dictionary<string, string>? settings = null, bool keepData = false) =>
        RunAsync(new LiveApp(seedsPath ?? Paths.SeedsWithoutScores, settings, dataDir) { handOver = keepData });

    /// <summary>
    /// Starts the app on <paramref name="dataDir"/> expecting start-up to fail; returns the exit code and the console output.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> FailToStartAsync(string dataDir, Dictionary<string, string>? settings = null)
    {
        var app = new LiveApp(Paths.SeedsWithoutScores, settings, dataDir) { handOver = true };
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.process.WaitForExitAsync(timeout.Token);
        app.process.WaitForExit(); // drains the output
        var result = (app.process.ExitCode, app.Output);
        app.process.Dispose();
        return result;
    }

    /// <summary>
    /// Starts a new process on the stopped <paramref name="previous"/> app's data (its database survives); the old one keeps
    /// no data. It is ready when <paramref name="readyPath"/> answers 200 (<c>/healthz/live</c> for an app expected unhealthy).
    /// </summary>
    public static Task<LiveApp> RestartAsync(LiveApp previous, string readyPath = "/healthz")
    {
        previous.Kill();
        previous.handOver = true;
        return RunAsync(new LiveApp(previous.seedsPath, previous.settings, previous.DataDir), readyPath);
    }

    private bool handOver;

    private static async Task<LiveApp> RunAsync(LiveApp app, string readyPath = "/healthz")
    {
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (app.process.HasExited)
            {
                app.process.WaitForExit(); // the last lines of its output
                throw new InvalidOperationException("App exited:\n" + app.Output);
            }
            try
            {
                if ((await http.GetAsync(app.BaseUrl + readyPath)).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        // Not healthy in time: stop it, or it lives on after the test (and holds its port and CPU).
        if (!app.process.HasExited) app.process.Kill(entireProcessTree: true);
        throw new TimeoutException("App did not become healthy:\n" + app.Output);
    }

    /// <summary>The one-time organiser setup link the app printed.</summary>
    public async Task<string> SetupLinkAsync() => await setupLink.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Kills the process at once (kill -9), as a crash would.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>
    /// Runs a read-only SQL query against the app's database and returns the first column of the first row. Quote
    /// identifiers (<c>"VoteRecords"</c>) in tests that also run on PostgreSQL.
    /// </summary>
    public long Scalar(string sql) => Convert.ToInt64(Query(sql), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs a scalar query on the app's database (read-only) and returns the text.</summary>
    public string ScalarText(string sql) => Convert.ToString(Query(sql), System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private object? Query(string sql)
    {
        using var c = TestDatabase.Open(DataDir);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    /// <summary>Reads the access code of a judge by judge number (评委编号).</summary>
    public string JudgeCode(string judgeNumber) =>
        ScalarText($"SELECT \"AccessCode\" FROM \"Judges\" WHERE \"Code\" = '{judgeNumber.Replace("'", "''")}'");

    internal static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        await Task.Yield();
        SqliteConnection.ClearAllPools();
        if (handOver) return;
        try { TestDatabase.Drop(DataDir); } catch (Npgsql.NpgsqlException) { }
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Where things are: the repository root and the app's built executable.</summary>
public static class Paths
{
    /// <summary>The folder with appsettings.json and seeds/.</summary>
    public static string Root { get; } = Judging.App.Hosting.AppRoot.Find();

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>The target framework folder the tests were built for (e.g. <c>net10.0</c>); the app is built beside them.</summary>
    private static string TargetFramework => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    /// <summary>The app's executable (framework-dependent apphost), built with the tests (project reference).</summary>
    public static string AppExecutable
    {
        get
        {
            var path = Path.Combine(Root, "Judging.App", "bin", Configuration, TargetFramework, "Judging.App");
            if (!File.Exists(path)) throw new FileNotFoundException("Build Judging.App first", path);
            return path;
        }
    }

    /// <summary>The repository's <c>seeds/</c>, all files (the preliminaries imported with their scores, rounds closed).</summary>
    public static string Seeds => Path.Combine(Root, "seeds");

    private static readonly Lazy<string> seedsWithoutScores = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("judging-seeds-").FullName;
        foreach (var f in Directory.GetFiles(Seeds, "*.csv"))
        {
            if (Path.GetFileName(f) == Judging.App.Import.CompetitionImporter.PreliminaryScoresFile) continue;
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        }
        // The cases' documents come along (loaded on first start like the CSV files): a case without one is not given to
        // experts. The films' videos do not (the film tests upload their own; Seeds has them).
        foreach (var sub in Directory.GetDirectories(Seeds).Where(d => Path.GetFileName(d) == "cases"))
        {
            var to = Directory.CreateDirectory(Path.Combine(dir, Path.GetFileName(sub))).FullName;
            foreach (var f in Directory.GetFiles(sub)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        }
        // The other award programmes and the working-day calendar (issue 13), loaded on first start too.
        CopyTree(Path.Combine(Seeds, "programmes"), Path.Combine(dir, "programmes"));
        CopyTree(Path.Combine(Seeds, "calendar"), Path.Combine(dir, "calendar"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, true); } catch (IOException) { } };
        return dir;
    });

    /// <summary>Copies the folder <paramref name="from"/> with its sub-folders to <paramref name="to"/>.</summary>
    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
        foreach (var d in Directory.GetDirectories(from)) CopyTree(d, Path.Combine(to, Path.GetFileName(d)));
    }

    /// <summary>
    /// A copy of <see cref="Seeds"/> without <c>preliminary_scores.csv</c>, made once per test run: the preliminaries
    /// are not started, so tests can score them live. The default of <see cref="LiveApp"/> and <see cref="TestApp"/>.
    /// </summary>
    public static string SeedsWithoutScores => seedsWithoutScores.Value;

    private static readonly Lazy<string> speechOnly = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("judging-seeds-speech-").FullName;
        foreach (var f in Directory.GetFiles(SeedsWithoutScores, "*.csv"))
        {
            var name = Path.GetFileName(f);
            var lines = File.ReadAllLines(f, System.Text.Encoding.UTF8);
            // entries.csv: 赛道 is column 4; judges.csv: 赛道 is column 8 (empty = 演讲).
            var keep = name switch
            {
                "entries.csv" => lines.Where((l, i) => i == 0 || l.Split(',')[3] == "演讲"),
                "judges.csv" => lines.Where((l, i) => i == 0 || l.Split(',') is var c && (c.Length < 8 || c[7] is "" or "演讲")),
                "score_sheets.csv" => lines.Where((l, i) => i == 0 || l.Split(',')[1] == "演讲"),
                _ => lines,
            };
            File.WriteAllLines(Path.Combine(dir, name), keep, new System.Text.UTF8Encoding(true));
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, true); } catch (IOException) { } };
        return dir;
    });

    /// <summary>
    /// <see cref="SeedsWithoutScores"/> with the speeches only (no films, cases or their experts): for tests of rules that
    /// look across every track, such as the commendation shown only once every track with entries is published.
    /// </summary>
    public static string SpeechOnlySeedsWithoutScores => speechOnly.Value;

    /// <summary>Screenshots of the browser tests, printed by each test.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Root, "test-artifacts", "screenshots")).FullName;
}
