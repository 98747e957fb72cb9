namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Judging.Tests.Support;

/// <summary>
/// Issue 10, item 6 and part of 14: outside Development the SMS gateway must be chosen (the app refuses to start, saying
/// how in one line); phone numbers are masked in every log line and codes appear only in Development; the logs, the
/// database (and its -wal/-shm), the data-protection keys and uploaded files are readable by the app's user only.
/// The real app as a process (the environment is what a deployment runs).
/// </summary>
[Collection("browser")]
public sealed class ProductionSafetyTests
{
    [Fact]
    public async Task Outside_development_the_app_refuses_to_start_until_an_sms_gateway_is_chosen()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => LiveApp.StartAsync(settings: new() { ["environment"] = "Production" }));
        var lines = e.Message.Split('\n').Where(l => l.Contains("Judging:Voting:Sms:Gateway")).ToList();
        var line = Assert.Single(lines);
        Assert.Contains("短信网关", line);
        Assert.DoesNotContain("   at ", e.Message); // no stack trace
    }

    [Fact]
    public async Task Numbers_are_masked_in_the_log_and_codes_stay_out_of_it_in_production()
    {
        await using var app = await LiveApp.StartAsync(settings: new() { ["environment"] = "Production", ["Judging:Voting:Sms:Gateway"] = "Log" });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var phone = "1391" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/voting/1/code", new { phone })).StatusCode);
        var masked = phone[..3] + "****" + phone[7..];
        for (var i = 0; i < 100 && !app.Output.Contains(masked); i++) await Task.Delay(100);
        var sms = Assert.Single(app.Output.Split('\n'), l => l.Contains(masked));
        Assert.DoesNotMatch(@"\d{6}", sms[(sms.IndexOf(masked, StringComparison.Ordinal) + masked.Length)..]);
        Assert.DoesNotContain(phone, app.Output);
        foreach (var log in Directory.GetFiles(Path.Combine(Paths.Root, "logs"), "judging-*.log"))
        {
            using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            Assert.DoesNotContain(phone, await reader.ReadToEndAsync());
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [Trait("Category", TestDatabase.SqliteOnly)] // checks the SQLite file's mode too
    public async Task Logs_database_keys_and_uploaded_files_are_readable_by_the_app_only()
    {
        await using var app = await LiveApp.StartAsync(settings: new() { ["environment"] = "Production", ["Judging:Voting:Sms:Gateway"] = "Log" });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        await http.GetStringAsync("/judge/login"); // an antiforgery token: the data-protection key ring exists
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        const UnixFileMode PrivateDir = Private | UnixFileMode.UserExecute;
        var files = new List<string> { app.DatabasePath };
        files.AddRange(new[] { "-wal", "-shm" }.Select(s => app.DatabasePath + s).Where(File.Exists));
        files.AddRange(Directory.GetFiles(Path.Combine(app.DataDir, "keys")));
        files.AddRange(Directory.GetFiles(Path.Combine(app.DataDir, "cases"), "*", SearchOption.AllDirectories));
        files.AddRange(Directory.GetFiles(Path.Combine(Paths.Root, "logs"), "judging-*.log"));
        Assert.Contains(files, f => f.EndsWith(".xml", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".docx", StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == Private, $"{f}: {File.GetUnixFileMode(f)}"));
        foreach (var dir in new[] { Path.Combine(app.DataDir, "keys"), Path.Combine(app.DataDir, "cases"), Path.Combine(Paths.Root, "logs") })
            Assert.True(File.GetUnixFileMode(dir) == PrivateDir, $"{dir}: {File.GetUnixFileMode(dir)}");
    }
}

/// <summary>Issue 10, item 14: with a certificate configured, the data-protection keys are stored encrypted.</summary>
public sealed class KeyEncryptionTests
{
    [Fact]
    public async Task With_a_certificate_configured_the_keys_are_stored_encrypted()
    {
        var dir = Directory.CreateTempSubdirectory("judging-keys-").FullName;
        try
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=judging-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var pfx = Path.Combine(dir, "keys.pfx");
            await File.WriteAllBytesAsync(pfx, cert.Export(X509ContentType.Pfx, "pfx-password"));
            var keys = Path.Combine(dir, "keys");
            await using var app = new KeyApp(keys, pfx);
            using var client = app.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/judge/login")).StatusCode);
            var xml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(keys, "key-*.xml")));
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("unencrypted form", xml);
        }
        finally { Directory.Delete(dir, true); }
    }

    private sealed class KeyApp(string keys, string pfx) : TestApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Settings the services read while they are registered: UseSetting, not ConfigureAppConfiguration (applied later).
            builder.UseSetting("Judging:DataProtectionKeysPath", keys);
            builder.UseSetting("Judging:DataProtection:CertificatePath", pfx);
            builder.UseSetting("Judging:DataProtection:CertificatePassword", "pfx-password");
        }
    }
}
