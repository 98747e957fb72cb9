namespace Judging.Tests.Cluster;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Judging.Tests.Support;

/// <summary>
/// Two app instances (real processes) on one PostgreSQL database with shared files and keys, and Debian's nginx in front
/// of them configured from <c>deploy/nginx.conf</c>: the cluster of issue 11. Instance A starts first (it migrates, seeds
/// and becomes the film vote writer), the organiser signs in on A, then B starts. Runs only on PostgreSQL
/// (<see cref="TestDatabase.IsPostgres"/>; <c>test.sh</c> runs these tests in its PostgreSQL pass).
/// </summary>
public class ClusterApp : IAsyncLifetime
{
    /// <summary>Settings of both instances: the client address from X-Forwarded-For (trusted from loopback), generous rate limits, a quick election.</summary>
    protected virtual Dictionary<string, string> Settings => new()
    {
        ["Judging:KnownProxies:0"] = "127.0.0.1",
        ["Judging:Voting:PerIpPerMinute"] = "1000000", ["Judging:Voting:PerSubnetPerMinute"] = "1000000",
        ["Judging:Instance:ElectionMilliseconds"] = "300",
    };

    /// <summary>The instances' shared folder (uploaded files, data-protection keys) and the name of their database.</summary>
    public string DataDir { get; } = Directory.CreateTempSubdirectory("judging-cluster-").FullName;

    public LiveApp A { get; private set; } = null!;
    public LiveApp B { get; private set; } = null!;

    /// <summary>nginx in front of A and B, e.g. http://127.0.0.1:41234.</summary>
    public string NginxUrl { get; private set; } = "";

    /// <summary>A cookie client signed in as the organiser (created through A's setup link).</summary>
    public CookieContainer OrganiserCookies { get; } = new();

    private Process? nginx;

    public async Task InitializeAsync()
    {
        Assert.True(TestDatabase.IsPostgres, "cluster tests run on PostgreSQL (JUDGING_TEST_PROVIDER=PostgreSQL)");
        A = await LiveApp.StartOnAsync(DataDir, settings: Settings);
        await SignInOrganiserAsync(A);
        B = await LiveApp.StartOnAsync(DataDir, settings: Settings, keepData: true);
        await StartNginxAsync();
    }

    public async Task DisposeAsync()
    {
        if (nginx is { HasExited: false }) { nginx.Kill(entireProcessTree: true); await nginx.WaitForExitAsync(); }
        nginx?.Dispose();
        await B.DisposeAsync();
        await A.DisposeAsync();
    }

    /// <summary>A client of <paramref name="baseUrl"/> sharing <paramref name="cookies"/> (cookies are per host, not per port).</summary>
    public static HttpClient Client(string baseUrl, CookieContainer cookies, string? forwardedFor = null, string? userAgent = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60),
        };
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        if (userAgent is not null) client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    /// <summary>Proves <paramref name="phone"/> on <paramref name="app"/> with the code from its log; the voter and device cookies land in <paramref name="cookies"/>.</summary>
    public static async Task VerifyAsync(LiveApp app, CookieContainer cookies, string phone, string? forwardedFor = null, string? userAgent = null)
    {
        using var client = Client(app.BaseUrl, cookies, forwardedFor, userAgent);
        var sent = await client.PostAsJsonAsync("/api/voting/1/code", new { phone });
        Assert.True(sent.StatusCode == HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        string? code = null;
        for (var i = 0; i < 200 && code is null; i++)
        {
            var m = Regex.Match(app.Output, $@"SMS {Regex.Escape(Judging.App.FilmVoting.PhoneVerification.Mask(phone))} 验证码 (\d{{6}})");
            if (m.Success) code = m.Groups[1].Value; else await Task.Delay(50);
        }
        Assert.NotNull(code);
        var verified = await client.PostAsJsonAsync("/api/voting/1/verify", new { phone, code });
        Assert.True(verified.StatusCode == HttpStatusCode.OK, await verified.Content.ReadAsStringAsync());
    }

    /// <summary>Runs a scalar query on the cluster's database.</summary>
    public long Scalar(string sql) => A.Scalar(sql);

    /// <summary>The film vote writer's address from the lease table.</summary>
    public string WriterUrl => A.ScalarText("""SELECT "Url" FROM "InstanceLeases" WHERE "Role" = 'film-votes'""");

    private async Task SignInOrganiserAsync(LiveApp app)
    {
        using var client = Client(app.BaseUrl, OrganiserCookies);
        var link = await app.SetupLinkAsync();
        var html = await client.GetStringAsync(link);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var res = await client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "organiser", ["DisplayName"] = "俞琳", ["Password"] = "correct-horse-battery", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/organiser", res.Headers.Location?.OriginalString);
    }

    /// <summary>nginx with <c>deploy/nginx.conf</c>'s server block, upstreams pointing at A and B, on a free port.</summary>
    private async Task StartNginxAsync()
    {
        var port = LiveApp.FreePort();
        var dir = Path.Combine(DataDir, "nginx");
        Directory.CreateDirectory(dir);
        var servers = string.Concat(new[] { A.BaseUrl, B.BaseUrl }.Select(u => $"    server {new Uri(u).Authority} max_fails=1 fail_timeout=2s;\n"));
        var template = await File.ReadAllTextAsync(Path.Combine(Paths.Root, "deploy", "nginx.conf"));
        var body = Regex.Replace(template, @"    server 127\.0\.0\.1:\d+[^\n]*\n", "");
        body = Regex.Replace(body, @"(upstream judging_(sticky|any) \{\n)", "$1" + servers);
        body = body.Replace("listen 8080;", $"listen 127.0.0.1:{port};");
        await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            daemon off;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{dir}}/body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
            {{body}}
            }
            """);
        nginx = Process.Start(new ProcessStartInfo("nginx", ["-p", dir, "-c", Path.Combine(dir, "nginx.conf")])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        NginxUrl = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            if (nginx.HasExited) throw new InvalidOperationException("nginx exited: " + await nginx.StandardError.ReadToEndAsync());
            try
            {
                if ((await http.GetAsync(NginxUrl + "/healthz/live")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("nginx did not answer");
    }
}

/// <summary>A second cluster for the test that kills an instance (the other tests keep theirs whole).</summary>
public sealed class KillableClusterApp : ClusterApp;
