namespace Judging.App.Hosting;

using System.Globalization;
using Judging.App.Accounts;
using Judging.App.Cluster;
using Judging.App.Components;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Judging.App.Import;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.App.Scoring;
using Judging.Domain.Scoring;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Serilog;

/// <summary>The app's services and start-up steps, one call each from <c>Program.cs</c>.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Serilog (through Serilog.AspNetCore) to the console and a daily rolling file under <c>logs/</c> at the root,
    /// levels from the <c>Serilog</c> section; <see cref="UseJudgingRequestLogging"/> adds one line a request.
    /// </summary>
    public static void AddJudgingLogging(this WebApplicationBuilder builder, string root)
    {
        builder.Services.AddSerilog((services, lc) => lc
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
            .WriteTo.File(Path.Combine(root, "logs", "judging-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, formatProvider: CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// One log line a request: method, path, status and elapsed milliseconds (Serilog's request logging), at
    /// Information; health probes and static files at Debug so a load balancer's probes do not flood the file.
    /// </summary>
    public static void UseJudgingRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} {StatusCode} {Elapsed:0.0} ms";
            o.GetLevel = (http, _, error) =>
                error is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/healthz") || http.Request.Path.StartsWithSegments("/_framework")
                  || http.Request.Path.StartsWithSegments("/_content") || http.Request.Path.StartsWithSegments("/css")
                  || http.Request.Path.StartsWithSegments("/js") || http.Request.Path.StartsWithSegments("/lib")
                    ? Serilog.Events.LogEventLevel.Debug
                    : Serilog.Events.LogEventLevel.Information;
        });
    }

    /// <summary>
    /// What every feature stands on: the clock, the data folders, the HTML encoder, data-protection keys, health checks,
    /// the error handler, JSON options and the OpenAPI document. The features themselves are added by their own
    /// <c>AddX()</c> in <c>Program.cs</c>.
    /// </summary>
    public static void AddJudgingHosting(this WebApplicationBuilder builder, string root)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new AppRootPath(root));
        services.AddSingleton<DataPaths>();
        // Chinese text as UTF-8, not &#x…; entities (about 2.5 times the bytes on a phone on venue Wi-Fi).
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        // Sign-in cookies stay valid across restarts (keys under data/, beside the SQLite file; files mode 600). With a
        // certificate configured the keys are stored encrypted with it (issue 10, item 14).
        var protection = services.AddDataProtection().SetApplicationName("Judging")
            .PersistKeysToFileSystem(new DirectoryInfo(DataPaths.KeysFolder(root, config)));
        if (KeyCertificate.Load(root, config) is { } certificate) protection.ProtectKeysWithCertificate(certificate);

        // /healthz: the database answers, takes a write, and every data folder takes a file (issue 10, item 11); a write
        // that fails anyway answers 503 with its cause in Chinese, not the error page.
        services.AddSingleton<StorageHealthCheck>();
        services.AddHealthChecks().AddDbContextCheck<JudgingDb>().AddCheck<StorageHealthCheck>("storage");
        services.AddExceptionHandler<StorageFailureHandler>();
        // The JSON API's description at /openapi/v1.json (organisers; README, "Scripting a competition").
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
    }

    /// <summary>
    /// Behind a reverse proxy, the client's address (rate limits per address) and scheme (the vote page's QR link) come
    /// from <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>, trusted only from the proxies listed in
    /// <c>Judging:KnownProxies</c> (IP addresses). Without that setting the headers are ignored.
    /// </summary>
    public static void UseJudgingForwardedHeaders(this WebApplication app)
    {
        var proxies = app.Configuration.GetSection("Judging:KnownProxies").Get<string[]>() ?? [];
        if (proxies.Length == 0) return;
        var options = new Microsoft.AspNetCore.Builder.ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost, // the vote API compares Origin with the public host
            // Proxies in a row that are trusted (Judging:ForwardLimit, default 1: nginx alone; 2 with a CDN or a test client
            // in front of nginx that sets X-Forwarded-For itself, e.g. the benchmark behind deploy/nginx.conf).
            ForwardLimit = app.Configuration.GetValue("Judging:ForwardLimit", 1),
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var p in proxies) options.KnownProxies.Add(System.Net.IPAddress.Parse(p));
        app.UseForwardedHeaders(options);
    }

    /// <summary>
    /// Migrates the database (<see cref="DatabaseMigrator"/>: adopts a database made before migrations, backs up SQLite,
    /// applies what is pending), imports <c>seeds/</c> when the database has no competition (failing
    /// start-up with the row report if the seeds are bad), and prints the one-time setup link when no
    /// organiser exists yet.
    /// </summary>
    public static async Task InitialiseAsync(this WebApplication app, string root)
    {
        var log = app.Services.GetRequiredService<ILogger<JudgingDb>>();
        using (var scope = app.Services.CreateScope())
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            var db = scope.ServiceProvider.GetRequiredService<JudgingDb>();
            // Files made by an older version (mode 644) become private too (issue 10, items 6 and 14).
            foreach (var problem in app.Services.GetRequiredService<DataPaths>().MakePrivate())
                log.LogWarning("Could not make private: {Problem}", problem);
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            // Records stored before the verifiable tally existed are chained once, before any writer runs (issue 14, §2).
            try { await Tally.TallyBackfill.RunAsync(app.Services, CancellationToken.None); }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException
                                       or System.Security.Cryptography.CryptographicException)
            {
                // e.g. a read-only data folder (the app still starts and says what is wrong, below), or a voting secret whose
                // data-protection keys are gone (no pseudonyms): the chain stays as it was, and the log says so.
                log.LogError(e, "Verifiable tally: records stored before the chain could not be chained");
            }
            if (!await db.Competitions.AnyAsync())
            {
                var seeds = Path.Combine(root, app.Configuration["Judging:SeedsPath"] ?? "seeds");
                var report = await scope.ServiceProvider.GetRequiredService<CompetitionImporter>().ImportDirectoryAsync(seeds, CancellationToken.None);
                if (!report.Succeeded)
                    throw new InvalidOperationException("Seeds in " + seeds + " were not imported:\n" + string.Join("\n", report.Problems));
                // Units registered online, drafts and a recommender in progress (issue 15): only with this first import.
                await Registration.RegistrationSeeder.RunAsync(scope.ServiceProvider, seeds, CancellationToken.None);
            }
            await Films.FilmSeeder.RunAsync(scope.ServiceProvider, Path.Combine(root, app.Configuration["Judging:SeedsPath"] ?? "seeds"));
            await Cases.CasesModule.SeedCasesAsync(scope.ServiceProvider, CancellationToken.None);
            // The city's other award programmes and the working-day calendar (issue 13): once, while none is stored.
            await Programmes.ProgrammeSeeder.RunAsync(scope.ServiceProvider, Path.Combine(root, app.Configuration["Judging:SeedsPath"] ?? "seeds"), CancellationToken.None);
            // Started on storage it cannot write (a read-only data folder, a full disk): say so in one line; /healthz is Unhealthy.
            var unwritable = await app.Services.GetRequiredService<StorageHealthCheck>().ProblemsAsync(CancellationToken.None);
            if (unwritable.Count > 0)
            {
                Console.Error.WriteLine($"警告：{string.Join("；", unwritable)}。评分、投票和上传都会失败（503），/healthz 为 Unhealthy。 / Warning: storage is not writable.");
                return;
            }
            // The seeded recommender's sign-in link, printed at each start until it is used (issue 15, seeds).
            if (await Registration.RegistrationSeeder.ReissueSeedInviteAsync(db, app.Services.GetRequiredService<TimeProvider>(), CancellationToken.None) is { } invite)
            {
                app.Lifetime.ApplicationStarted.Register(() =>
                {
                    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000";
                    Console.WriteLine($"RECOMMENDER: 种子数据中的推荐单位“{invite.RecommenderName}”的一次性登录链接 / seeded recommender's one-time sign-in link: {address.TrimEnd('/')}/recommender/invite/{invite.Token}");
                });
            }
            var token = await SetupLink.IssueIfNeededAsync(db, app.Services.GetRequiredService<TimeProvider>(), CancellationToken.None);
            if (token is not null)
            {
                app.Lifetime.ApplicationStarted.Register(() =>
                {
                    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000";
                    var link = $"{address.TrimEnd('/')}/setup/{token}";
                    Console.WriteLine($"SETUP: 首次运行，请在浏览器中打开此一次性链接创建组织者账号 / first run, open this one-time link to create the organiser account: {link}");
                    log.LogWarning("First run: one-time organiser setup link printed to the console");
                });
            }
        }
    }
}
