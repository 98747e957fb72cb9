namespace Judging.Tests.Support;

using Judging.App.ResultsEngine;
using System.Text.RegularExpressions;
using Judging.App.Accounts;
using Judging.App.Awards;
using Judging.App.Finalists;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>What <see cref="ResultsData"/> should do on the way to published speech results.</summary>
public sealed record ResultsPlan
{
    /// <summary>Admit the best entry left out of the final, with <see cref="ResultsData.AdmitReason"/>.</summary>
    public bool AdmitOne { get; init; } = true;
    /// <summary>Mark the last entry (by code) withdrawn, with <see cref="ResultsData.WithdrawReason"/> (it then gets no certificate).</summary>
    public bool WithdrawOne { get; init; } = true;
    /// <summary>Confirm the awards once the final is closed.</summary>
    public bool ConfirmAwards { get; init; } = true;
    /// <summary>Publish the results on the public page (needs <see cref="ConfirmAwards"/>).</summary>
    public bool Publish { get; init; } = true;
}

/// <summary>Where <see cref="ResultsData.CompleteSpeechAsync"/> left the speech track.</summary>
/// <param name="CompetitionId">The seeded competition.</param>
/// <param name="OverrideReasons">Every override reason written (each must appear in results.csv).</param>
/// <param name="WithdrawnEntryId">The entry marked withdrawn, if any.</param>
/// <param name="PreliminaryCards">Cards inserted into the preliminary rounds.</param>
/// <param name="FinalCards">Cards inserted into the final round.</param>
/// <param name="FinalRoundId">The final round created on confirming the finalists.</param>
public sealed record ResultsScenario(int CompetitionId, IReadOnlyList<string> OverrideReasons, int? WithdrawnEntryId,
    int PreliminaryCards, int FinalCards, int FinalRoundId);

/// <summary>
/// Builds complete speech results in a database without a browser: scores every entry of every speech preliminary
/// round by every judge of its division (skipping conflicted judges), closes the rounds, confirms the finalists
/// (settling cut ties), scores the final with the final panel (judges without a division; five are added when the
/// seeds have none), closes it, settles tier ties, confirms and publishes the awards. Scores are deterministic
/// (valid points on each sheet, 0.5 steps). Runs against any app's services: a <see cref="TestApp"/> or, through
/// <see cref="OnLiveAppAsync{T}"/>, the database of a running <see cref="LiveApp"/>.
/// </summary>
public static class ResultsData
{
    /// <summary>Who the decisions are recorded as.</summary>
    public const string Actor = "组织者 测试";
    /// <summary>Reason of the admit override.</summary>
    public const string AdmitReason = "组委会破格入围：初赛成绩突出，经评委会合议同意（测试数据）";
    /// <summary>Reason of the withdrawal.</summary>
    public const string WithdrawReason = "参赛单位书面申请退赛（测试数据）";
    /// <summary>Password of the organiser account made by <see cref="OrganiserClientAsync"/>.</summary>
    public const string OrganiserPassword = "results-organiser-pass-1";

    /// <summary>Runs every step of <paramref name="plan"/> (default: everything, published) on the speech track.</summary>
    public static async Task<ResultsScenario> CompleteSpeechAsync(IServiceProvider services, ResultsPlan? plan = null, CancellationToken ct = default)
    {
        plan ??= new ResultsPlan();
        var competitionId = await InScopeAsync(services, sp => sp.GetRequiredService<JudgingDb>().Competitions.Select(c => c.Id).FirstAsync(ct));
        var prelimCards = await ScorePreliminariesAsync(services, competitionId, ct);
        var reasons = new List<string>();
        int? withdrawn = null;
        if (plan.WithdrawOne) withdrawn = await WithdrawLastAsync(services, competitionId, ct);
        if (plan.AdmitOne && await AdmitBestOutsiderAsync(services, competitionId, ct)) reasons.Add(AdmitReason);
        var finalRoundId = await ConfirmFinalistsAsync(services, competitionId, ct);
        var finalCards = await ScoreFinalAsync(services, competitionId, finalRoundId, ct);
        await SettleTierTiesAsync(services, competitionId, ct);
        if (plan.ConfirmAwards)
        {
            await InScopeAsync(services, sp => Ok(sp.GetRequiredService<AwardsService>().ConfirmAwardsAsync(competitionId, Track.Speech, Actor, ct)));
            if (plan.Publish) await PublishAsync(services, competitionId, true, ct);
        }
        return new ResultsScenario(competitionId, reasons, withdrawn, prelimCards, finalCards, finalRoundId);
    }

    /// <summary>Publishes (or withdraws) the speech results.</summary>
    public static Task PublishAsync(IServiceProvider services, int competitionId, bool published, CancellationToken ct = default) =>
        InScopeAsync(services, sp => Ok(sp.GetRequiredService<AwardsService>().SetPublishedAsync(competitionId, Track.Speech, published, Actor, ct, early: true)));

    /// <summary>Inserts a card for every (entry, judge) of every speech preliminary round and closes the rounds; returns the cards inserted.</summary>
    public static Task<int> ScorePreliminariesAsync(IServiceProvider services, int competitionId, CancellationToken ct = default) =>
        InScopeAsync(services, async sp =>
        {
            var db = sp.GetRequiredService<JudgingDb>();
            var rounds = await db.Rounds.AsNoTracking()
                .Where(r => r.CompetitionId == competitionId && r.Track == Track.Speech && r.Kind == RoundKind.Preliminary).OrderBy(r => r.Id).ToListAsync(ct);
            var inserted = 0;
            foreach (var round in rounds)
            {
                inserted += await ScoreRoundAsync(db, round, salt: 0, ct);
                await CloseAsync(db, round.Id, ct);
            }
            return inserted;
        });

    /// <summary>Confirms the finalists (settling every cut tie: by the tie-break rule, else all in); returns the final round.</summary>
    public static async Task<int> ConfirmFinalistsAsync(IServiceProvider services, int competitionId, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var view = await LoadAsync(services, competitionId, ct);
            var tie = view.Outcome!.Finalists.Ties.FirstOrDefault(t => !t.Resolved);
            if (tie is null) break;
            var resolution = tie.Resolution == TieResolution.Pending ? TieResolution.TieBreak : TieResolution.IncludeAll;
            await InScopeAsync(services, sp => Ok(sp.GetRequiredService<TrackResultsService>()
                .ResolveFinalistTieAsync(competitionId, Track.Speech, tie.Key, resolution, Actor, ct)));
        }
        await InScopeAsync(services, sp => Ok(sp.GetRequiredService<TrackResultsService>().ConfirmFinalistsAsync(competitionId, Track.Speech, Actor, ct)));
        return (await LoadAsync(services, competitionId, ct)).FinalRound!.Id;
    }

    /// <summary>Scores the final with the final panel (adding five judges without a division when there are none) and closes it.</summary>
    public static Task<int> ScoreFinalAsync(IServiceProvider services, int competitionId, int finalRoundId, CancellationToken ct = default) =>
        InScopeAsync(services, async sp =>
        {
            var db = sp.GetRequiredService<JudgingDb>();
            if (!await db.Judges.AnyAsync(j => j.CompetitionId == competitionId && j.Track == Judging.Domain.Competitions.Track.Speech && j.DivisionId == null, ct))
            {
                string[] names = ["周明远", "沈佳怡", "陆海峰", "顾文静", "钱立群"];
                for (var i = 0; i < names.Length; i++)
                {
                    db.Judges.Add(new Judge
                    {
                        CompetitionId = competitionId, Code = $"JS-{i + 1:00}", Name = names[i], Affiliation = "上海市质量协会专家库",
                        IsChief = i == 0, AccessCode = $"FJ{Guid.NewGuid():N}"[..8].ToUpperInvariant(),
                    });
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == finalRoundId, ct);
            var inserted = await ScoreRoundAsync(db, round, salt: 101, ct);
            await CloseAsync(db, round.Id, ct);
            return inserted;
        });

    /// <summary>Settles every tier-boundary tie: by the tie-break rule, else all take the higher tier.</summary>
    public static async Task SettleTierTiesAsync(IServiceProvider services, int competitionId, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var view = await LoadAsync(services, competitionId, ct);
            var tie = view.Outcome!.Tiers.Ties.FirstOrDefault(t => !t.Resolved);
            if (tie is null) return;
            var resolution = tie.Resolution == TieResolution.Pending ? TieResolution.TieBreak : TieResolution.IncludeAll;
            await InScopeAsync(services, sp => Ok(sp.GetRequiredService<AwardsService>().ResolveTierTieAsync(competitionId, Track.Speech, tie.Key, resolution, Actor, ct, "按通知规定的规则决出")));
        }
        throw new InvalidOperationException("tier ties did not settle");
    }

    /// <summary>The speech track's results now.</summary>
    public static Task<TrackResultsView> LoadAsync(IServiceProvider services, int competitionId, CancellationToken ct = default) =>
        InScopeAsync(services, async sp => (await sp.GetRequiredService<TrackResultsService>().LoadAsync(competitionId, Track.Speech, ct))!);

    /// <summary>
    /// Runs <paramref name="f"/> with the services of an in-memory host on the database of the running <paramref name="app"/>
    /// (call it after the organiser exists: a host starting on a database without one would retire the printed setup link).
    /// </summary>
    public static async Task<T> OnLiveAppAsync<T>(LiveApp app, Func<IServiceProvider, Task<T>> f)
    {
        using var host = new TestApp();
        using var onLive = host.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>(TestDatabase.Settings(app.DataDir))
        {
            // The same seeds as the app: the start-up seeding of films and cases must find the app's entries.
            ["Judging:SeedsPath"] = app.SeedsPath,
        })));
        return await f(onLive.Services);
    }

    /// <summary>An organiser account (created when missing) signed in on a cookie client of <paramref name="app"/>.</summary>
    public static async Task<HttpClient> OrganiserClientAsync(TestApp app)
    {
        await app.WithDbAsync(async db =>
        {
            if (await db.Users.AnyAsync(u => u.UserName == "results-organiser")) return 0;
            var user = new UserAccount { UserName = "results-organiser", DisplayName = "俞琳", PasswordHash = "", Role = Roles.Organiser, CreatedAt = DateTimeOffset.UtcNow };
            user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, OrganiserPassword);
            db.Users.Add(user);
            return await db.SaveChangesAsync();
        });
        var client = app.Browser();
        var html = await client.GetStringAsync("/login");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var res = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "results-organiser", ["Password"] = OrganiserPassword, ["ReturnUrl"] = "/organiser", ["__RequestVerificationToken"] = token,
        }));
        if (res.Headers.Location?.OriginalString != "/organiser")
            throw new InvalidOperationException($"organiser sign-in failed: {(int)res.StatusCode} {res.Headers.Location}");
        return client;
    }

    private static async Task<int?> WithdrawLastAsync(IServiceProvider services, int competitionId, CancellationToken ct)
    {
        var view = await LoadAsync(services, competitionId, ct);
        var last = view.Input.Entries.OrderBy(e => e.Code, StringComparer.Ordinal).Last();
        await InScopeAsync(services, sp => Ok(sp.GetRequiredService<TrackResultsService>()
            .SetEligibilityAsync(competitionId, Track.Speech, last.EntryId, Eligibility.Withdrawn, WithdrawReason, Actor, ct)));
        return last.EntryId;
    }

    private static async Task<bool> AdmitBestOutsiderAsync(IServiceProvider services, int competitionId, CancellationToken ct)
    {
        var view = await LoadAsync(services, competitionId, ct);
        var best = view.Outcome!.Lines.Where(l => l.FinalistStatus != FinalistStatus.Finalist && l.PreliminaryScore is not null
                && view.Input.Entries.First(e => e.EntryId == l.EntryId).Eligibility == Eligibility.Eligible)
            .OrderByDescending(l => l.PreliminaryScore).FirstOrDefault();
        if (best is null) return false;
        await InScopeAsync(services, sp => Ok(sp.GetRequiredService<TrackResultsService>()
            .SetOverrideAsync(competitionId, Track.Speech, best.EntryId, OverrideKind.Admit, AdmitReason, Actor, ct)));
        return true;
    }

    /// <summary>One card per (entry of the round, judge of its panel), skipping conflicts; deterministic points.</summary>
    private static async Task<int> ScoreRoundAsync(JudgingDb db, Round round, int salt, CancellationToken ct)
    {
        var sheet = await db.ScoreSheets.AsNoTracking().Include(s => s.Criteria).FirstAsync(s => s.Id == round.ScoreSheetId, ct);
        var criteria = sheet.Criteria.OrderBy(c => c.Order).ToList();
        var panel = await RoundPanel.LoadAsync(db, round, ct);
        var entries = await (from re in db.RoundEntries.AsNoTracking()
                             where re.RoundId == round.Id
                             join e in db.Entries on re.EntryId equals e.Id
                             join u in db.Units on e.UnitId equals u.Id
                             orderby re.Position
                             select new { Entry = e, Unit = u }).ToListAsync(ct);
        var existing = (await db.ScoreRecords.AsNoTracking().Where(r => r.RoundId == round.Id).Select(r => new { r.EntryId, r.JudgeId }).ToListAsync(ct))
            .Select(x => (x.EntryId, x.JudgeId)).ToHashSet();
        var now = DateTimeOffset.UtcNow;
        var inserted = 0;
        foreach (var x in entries)
        {
            // Each entry has a quality between 62 % and 95 %; each judge adds a little noise per criterion.
            var quality = 0.62 + 0.33 * new Random(x.Entry.Id * 7919 + salt).NextDouble();
            foreach (var judge in panel.Judges)
            {
                if (panel.IsConflicted(judge, x.Unit) || existing.Contains((x.Entry.Id, judge.Id))) continue;
                var rng = new Random(x.Entry.Id * 104729 + judge.Id * 131 + salt);
                var points = criteria.Select(c =>
                {
                    var share = Math.Clamp(quality + (rng.NextDouble() - 0.5) * 0.12, 0.3, 1.0);
                    return Math.Min(c.MaxPoints, Math.Round((decimal)share * c.MaxPoints * 2m, MidpointRounding.AwayFromZero) / 2m);
                }).ToList();
                if (ScoreCardRules.Validate(criteria, points.Select(p => (decimal?)p).ToList(), 0.5m).Count > 0)
                    throw new InvalidOperationException("generated an invalid card");
                db.ScoreRecords.Add(new ScoreRecord
                {
                    RoundId = round.Id, EntryId = x.Entry.Id, JudgeId = judge.Id, Attempt = 1, IdempotencyKey = Guid.NewGuid().ToString("N"),
                    Points = ScoreRecord.FormatPoints(points), Total = ScoreCardRules.Total(points), SubmittedAt = now,
                });
                inserted++;
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return inserted;
    }

    private static Task CloseAsync(JudgingDb db, int roundId, CancellationToken ct) =>
        db.Rounds.Where(r => r.Id == roundId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, RoundStatus.Closed).SetProperty(r => r.ScoringOpen, false).SetProperty(r => r.Version, r => r.Version + 1), ct);

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> f)
    {
        using var scope = services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    private static async Task InScopeAsync(IServiceProvider services, Func<IServiceProvider, Task> f)
    {
        using var scope = services.CreateScope();
        await f(scope.ServiceProvider);
    }

    private static async Task Ok(Task<string?> action)
    {
        if (await action is { } error) throw new InvalidOperationException(error);
    }
}
