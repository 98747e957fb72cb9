namespace Judging.Tests.Endpoints;

using System.Net;
using System.Text;
using Judging.App.Import;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Issue 10, item 7 ("Published sign-in codes"): codes that ship in the repository never sign in. A fresh install imports
/// the seeds with fresh random codes (printed on the judge cards), and an organiser's import refuses weak codes by row.
/// </summary>
public sealed class PublishedCodesTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The chief judge PW-01's code as seeds/judges.csv published it up to issue 10 (git history keeps it).</summary>
    private const string PublishedChiefCode = "WXVM8T3K";

    [Fact]
    public async Task A_chief_judges_code_from_the_repository_does_not_sign_in_on_a_fresh_install()
    {
        var client = app.Browser();
        var res = await client.GetAsync($"/j/{PublishedChiefCode}");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal("/judge/login?error=1", res.Headers.Location?.OriginalString);

        // No code of the seed file works either: every judge got a fresh one.
        var published = File.ReadAllLines(Path.Combine(Paths.Seeds, "judges.csv"), Encoding.UTF8).Skip(1)
            .Select(l => l.Split(',')).Where(c => c.Length > 6 && c[6] != "").Select(c => c[6].ToUpperInvariant()).ToHashSet();
        published.Add(PublishedChiefCode);
        var stored = await app.WithDbAsync(db => db.Judges.Select(j => j.AccessCode).ToListAsync());
        Assert.Equal(53, stored.Count);
        Assert.DoesNotContain(stored, published.Contains);
        Assert.All(stored, c => Assert.Null(Judging.Domain.Competitions.SignInCodeRule.Weakness(c)));
    }

    [Fact]
    public async Task An_organisers_import_refuses_weak_codes_naming_the_row_in_chinese()
    {
        var files = Directory.GetFiles(Paths.Seeds, "*.csv").ToDictionary(f => Path.GetFileName(f), f =>
        {
            var name = Path.GetFileName(f);
            var text = File.ReadAllText(f, Encoding.UTF8).Replace("\r\n", "\n");
            if (name == "competition.csv") text = text.Replace("2025上海市质量品牌故事大赛", "测试大赛" + Guid.NewGuid().ToString("N")[..6]);
            if (name == "judges.csv")
            {
                var lines = SeedText.BlankSignInCodes(text).Split('\n');
                string[] weak = ["", "12345678", "ABCDEFGH", "AAAA1111", "K7P2"];
                for (var line = 2; line <= 5; line++)
                {
                    var c = lines[line - 1].Split(',');
                    c[6] = weak[line - 1];
                    lines[line - 1] = string.Join(',', c);
                }
                text = string.Join('\n', lines);
            }
            return Encoding.UTF8.GetBytes(text);
        });
        using var scope = app.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<CompetitionImporter>().ImportAsync(files, default);
        Assert.False(report.Succeeded);
        var problems = report.Problems.Where(p => p.File == "judges.csv").ToList();
        Assert.Equal([2, 3, 4, 5], problems.Select(p => p.Line));
        Assert.All(problems, p => Assert.StartsWith("“登录码”过于简单", p.Reason));
    }
}
