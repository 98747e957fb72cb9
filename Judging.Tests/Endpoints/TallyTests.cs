namespace Judging.Tests.Endpoints;

using System.Net;
using Judging.App.FilmVoting;
using Judging.App.Tally;
using Judging.Domain.FilmVoting;
using Judging.Domain.Tally;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

/// <summary>
/// The verifiable tally's vote side (issue 14, §2): every stored vote, every vote held afterwards and every cluster decision is
/// a link of the competition's chain, written with the records; the export pseudonymises voters and the independent verifier
/// recomputes the app's counts from it. The card side and the published head: <see cref="FinalsFlowTests"/>.
/// </summary>
public sealed class TallyTests(FilmVoteTestApp app, ITestOutputHelper output) : IClassFixture<FilmVoteTestApp>
{
    // The export as the organiser downloads it (over HTTP in RouteAccessTests; this app's manual clock would expire a session).
    private async Task<byte[]> ExportAsync()
    {
        using var scope = app.Services.CreateScope();
        var stream = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<TallyExport>().WriteAsync(1, stream, default);
        return stream.ToArray();
    }

    private static async Task<HttpStatusCode> VoteAsync(HttpClient voter, int film) => (await voter.PostAsync($"/api/films/{film}/votes", null)).StatusCode;

    [Fact]
    public async Task Votes_holds_and_decisions_are_chained_and_the_verifier_recomputes_the_counts()
    {
        await app.SetRulesAsync(VotingRules.Default, new FraudThresholds(WindowSeconds: 60, NewIdentityMinutes: 10, Threshold: 5));
        try
        {
            var burst = await app.NewFilmAsync();
            var quiet = await app.NewFilmAsync();
            var excludedFilm = await app.NewFilmAsync();
            // Six new phones from one /24 for one film: the fifth vote flags the burst, holds itself and the earlier four (holds after the fact).
            for (var i = 1; i <= 6; i++) Assert.Equal(HttpStatusCode.OK, await VoteAsync(await app.VoterAsync(ip: $"198.51.100.{i}", userAgent: $"Phone/{i}"), burst));
            for (var i = 1; i <= 6; i++) Assert.Equal(HttpStatusCode.OK, await VoteAsync(await app.VoterAsync(ip: $"203.0.113.{i}", userAgent: $"Tablet/{i}"), excludedFilm));
            var phone = FilmVoteTestApp.NewPhone();
            var voter = await app.VoterAsync(ip: "192.0.2.7", userAgent: "Other/1", phone: phone);
            Assert.Equal(HttpStatusCode.OK, await VoteAsync(voter, quiet));
            Assert.Equal(HttpStatusCode.OK, await VoteAsync(voter, burst));

            using (var scope = app.Services.CreateScope())
            {
                var review = scope.ServiceProvider.GetRequiredService<VoteReviewService>();
                var clusters = await review.ClustersAsync(1, default);
                var included = Assert.Single(clusters, c => c.EntryId == burst);
                var excluded = Assert.Single(clusters, c => c.EntryId == excludedFilm);
                Assert.Null(await review.DecideAsync(1, included.Id, false, "先排除", "organiser", default));
                Assert.Null(await review.DecideAsync(1, included.Id, true, "核实为单位组织的集体观影", "organiser", default));
                Assert.Null(await review.DecideAsync(1, excluded.Id, false, "复核后认定为刷票", "organiser", default));
            }

            var links = await app.WithDbAsync(db => db.Set<TallyLink>().Where(l => l.CompetitionId == 1).OrderBy(l => l.Seq).ToListAsync());
            var check = TallyChain.Check(links.Select(l => new ChainLink(l.Seq, l.Body, l.Hash)));
            Assert.True(check.Intact, check.Fault);
            var votes = await app.WithDbAsync(db => db.Set<VoteRecord>().CountAsync(v => v.CompetitionId == 1));
            var holds = await app.WithDbAsync(db => db.Set<VoteHold>().CountAsync());
            Assert.Equal(votes, links.Count(l => l.Body.StartsWith("vote|", StringComparison.Ordinal)));
            Assert.Equal(holds, links.Count(l => l.Body.StartsWith("hold|", StringComparison.Ordinal)));
            Assert.True(holds >= 8); // four earlier votes in each burst
            Assert.Equal(3, links.Count(l => l.Body.StartsWith("decision|", StringComparison.Ordinal)));
            // The voter is a pseudonym: neither the phone nor its stored hash appears in the chain.
            var phoneHash = await app.WithDbAsync(db => db.Set<Voter>().Where(v => v.PhoneMasked.EndsWith(phone.Substring(7))).Select(v => v.PhoneHash).FirstAsync());
            Assert.DoesNotContain(links, l => l.Body.Contains(phone, StringComparison.Ordinal) || l.Body.Contains(phoneHash, StringComparison.OrdinalIgnoreCase));

            // The export (the organiser's before publication; nobody else's) and the verifier.
            using var anonymous = app.Browser();
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/results/1/tally.json")).StatusCode);
            var bytes = await ExportAsync();
            var verified = VerifyTally.TallyVerifier.Check(new MemoryStream(bytes), check.Head, check.Length);
            Assert.True(verified.Intact, string.Join("; ", verified.Problems));
            Assert.True(verified.HeadMatches);
            var tallies = await app.Writer.TalliesAsync(1, default);
            foreach (var film in new[] { burst, quiet, excludedFilm })
            {
                var t = tallies[film];
                Assert.Equal(new VerifyTally.FilmVotes((int)t.Public, (int)t.Held, (int)t.Excluded), verified.VotesPerFilm[film]);
            }
            Assert.Equal(new FilmTally(7, 0, 0), tallies[burst]);
            Assert.Equal(new FilmTally(0, 0, 6), tallies[excludedFilm]);
            var printed = new StringWriter();
            var file = Path.Combine(Path.GetTempPath(), $"tally-{Guid.NewGuid():N}.json");
            await File.WriteAllBytesAsync(file, bytes);
            Assert.Equal(0, VerifyTally.TallyVerifier.Run([file], printed));
            File.Delete(file);
            output.WriteLine(printed.ToString());

            // The vote-audit report: per rule and per cluster, with the reasons written; the keys of networks are not published.
            using (var scope = app.Services.CreateScope())
            {
                var report = (await scope.ServiceProvider.GetRequiredService<VoteAuditService>().LoadAsync(1, default))!;
                var decided = report.Clusters.Where(c => c.Included is not null).ToList();
                Assert.Contains(decided, c => c.Included == false && c.Reason == "复核后认定为刷票" && c.Votes == 6);
                Assert.Contains(decided, c => c.Included == true && c.Reason == "核实为单位组织的集体观影" && c.Decisions == 2);
                var subnet = Assert.Single(report.Reasons, r => r.Reason == VoteReasons.BurstSubnet);
                Assert.True(subnet.Excluded >= 6 && subnet.Counted >= 6, $"{subnet}");
                Assert.Equal(report.Votes, report.Counted + report.Held + report.Excluded);
            }
            Assert.Contains("微电影结果发布后公开本报告", await anonymous.GetStringAsync("/results/1/vote-audit"));
        }
        finally { await app.SetRulesAsync(VotingRules.Default); }
    }

    [Fact]
    public async Task A_forged_link_in_the_database_is_caught_by_the_verifier()
    {
        var film = await app.NewFilmAsync();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, await VoteAsync(await app.VoterAsync(ip: $"192.0.2.{40 + i}", userAgent: $"Forge/{i}"), film));
        var before = VerifyTally.TallyVerifier.Check(new MemoryStream(await ExportAsync()), null, null);
        Assert.True(before.Intact);
        // Someone with database access turns a vote for this film into one for another film, keeping the stored hash.
        Task<int> Replace(string from, string to) => app.WithDbAsync(async db =>
        {
            var link = await db.Set<TallyLink>().Where(l => l.CompetitionId == 1 && l.Body.Contains(from)).OrderByDescending(l => l.Seq).FirstAsync();
            link.Body = link.Body.Replace(from, to);
            return await db.SaveChangesAsync();
        });
        await Replace($"|film={film}|", $"|film={film + 1}|");
        try
        {
            var after = VerifyTally.TallyVerifier.Check(new MemoryStream(await ExportAsync()), before.Head, before.Length);
            Assert.False(after.Intact);
            Assert.False(after.HeadMatches);
        }
        finally { await Replace($"|film={film + 1}|", $"|film={film}|"); } // the fixture is shared with the other test

    }

    [Fact]
    public async Task Records_stored_before_the_chain_existed_are_chained_once_at_start_up()
    {
        var film = await app.NewFilmAsync();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, await VoteAsync(await app.VoterAsync(ip: $"192.0.2.{60 + i}", userAgent: $"Old/{i}"), film));
        // A database upgraded from before the chain: records, no links.
        await app.WithDbAsync(db => db.Set<TallyLink>().Where(l => l.CompetitionId == 1).ExecuteDeleteAsync());
        var written = await TallyBackfill.RunAsync(app.Services, default);
        var votes = await app.WithDbAsync(db => db.Set<VoteRecord>().CountAsync(v => v.CompetitionId == 1));
        Assert.True(written >= votes && votes >= 3, $"{written} links for {votes} votes");
        Assert.Equal(0, await TallyBackfill.RunAsync(app.Services, default)); // once
        var verified = VerifyTally.TallyVerifier.Check(new MemoryStream(await ExportAsync()), null, null);
        Assert.True(verified.Intact, string.Join("; ", verified.Problems));
        var tallies = await app.Writer.TalliesAsync(1, default);
        foreach (var (id, t) in tallies) Assert.Equal(new VerifyTally.FilmVotes((int)t.Public, (int)t.Held, (int)t.Excluded), verified.VotesPerFilm[id]);
        // New votes continue the backfilled chain.
        Assert.Equal(HttpStatusCode.OK, await VoteAsync(await app.VoterAsync(ip: "192.0.2.70", userAgent: "New/1"), film));
        Assert.True(VerifyTally.TallyVerifier.Check(new MemoryStream(await ExportAsync()), null, null).Intact);
    }
}
