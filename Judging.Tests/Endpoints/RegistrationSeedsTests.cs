namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Judging.App.Accounts;
using Judging.App.Persistence;
using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The seeds carry registered units, drafts and a recommender in progress (issue 15, "Done when", last bullet):
/// seeds/registrations.csv and seeds/declarations.csv, loaded by <see cref="RegistrationSeeder"/> on the first import.
/// </summary>
public sealed class RegistrationSeedsTests(UnitTestApp app) : IClassFixture<UnitTestApp>
{
    private const string PowerEquipment = "上海电气电站设备有限公司";

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    [Fact]
    public async Task The_seeded_database_holds_the_registrations_drafts_contacts_and_the_recommender_in_progress()
    {
        var (regs, contacts, drafts, opinions, invites) = await app.WithDbAsync(async db => (
            await db.Set<UnitRegistration>().CountAsync(), await db.Set<UnitContact>().CountAsync(),
            await db.Set<EntryDeclaration>().Where(d => d.Status == DeclarationStatus.Draft).CountAsync(),
            await db.Set<RecommendationOpinion>().ToListAsync(), await db.Set<RecommenderInvite>().ToListAsync()));
        // registrations.csv: 6 rows; 6 primary contacts + 1 second contact (上海电气电站设备) = 7; declarations.csv: 3 drafts.
        Assert.Equal(6, regs);
        Assert.Equal(7, contacts);
        Assert.Equal(3, drafts);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<EntryDeclaration>().CountAsync(d => d.Status != DeclarationStatus.Draft)));

        // 上海电气集团 is chosen by 3 of the 6 seeded units (电站设备, 风电, 锅炉厂); the others by 1 each.
        var recommender = await app.WithDbAsync(db => db.Recommenders.SingleAsync(r => r.Name == "上海电气集团"));
        var invite = Assert.Single(invites);
        Assert.Equal(recommender.Id, invite.RecommenderId);
        Assert.Null(invite.UsedAt);
        Assert.Equal(RegistrationSeeder.SeedActor, invite.CreatedBy);

        // Its units' first entries by code: AL-001 and AL-002 (AL- sorts before WDY- and YJ-), positions 1 and 2.
        Assert.Equal(2, opinions.Count);
        var codes = await app.WithDbAsync(db => db.Entries.Where(e => opinions.Select(o => o.EntryId).Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Code));
        var first = opinions.Single(o => o.Position == 1);
        var second = opinions.Single(o => o.Position == 2);
        Assert.Equal(("AL-001", true, RegistrationSeeder.SeedOpinionText), (codes[first.EntryId], first.Recommend, first.Text));
        Assert.Equal(("AL-002", (bool?)null, (string?)null), (codes[second.EntryId], second.Recommend, second.Text));
        Assert.All(opinions, o => Assert.Equal(recommender.Id, o.RecommenderId));

        // The seeds' own entries are untouched: 115 rows in entries.csv, no submitted declaration added any.
        Assert.Equal(115, await app.WithDbAsync(db => db.Entries.CountAsync()));
    }

    [Fact]
    public async Task A_seeded_unit_opens_its_page_with_its_registration_and_the_nearly_complete_draft()
    {
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Name == PowerEquipment).Select(u => u.Id).SingleAsync());
        var home = await InScopeAsync(s => s.GetRequiredService<RegistrationService>().HomeAsync(unitId, default));
        Assert.NotNull(home);
        Assert.NotNull(home.Registration);
        Assert.Equal(("高端装备", "200240", "Speech,MicroFilm"), (home.Registration.KeyIndustry, home.Registration.Postcode, home.Registration.PlannedTracks));
        Assert.Equal(["19900000101", "19900000102"], home.Contacts.Select(c => c.Mobile));
        var draft = Assert.Single(home.Declarations, d => d.Status == DeclarationStatus.Draft);
        Assert.Equal((Track.Speech, "零点零一毫米的坚守"), (draft.Track, draft.Title));
        // Speeches: YJ-001 and YJ-002 from entries.csv + the draft = 3 of 5.
        Assert.Equal((3, 5), home.Limits[Track.Speech]);

        var view = await InScopeAsync(s => s.GetRequiredService<RegistrationService>().DeclarationAsync(unitId, draft.Id, default));
        Assert.NotNull(view);
        // Nearly complete: only the third commitment is left unticked ("是、是、否"), so submitting asks for that alone.
        var problems = DeclarationRules.Check(view.Form, Track.Speech, submitting: true);
        Assert.Equal(["commitments"], problems.Select(p => p.Field));

        // The registration as stored passes the form's rules (seeds cannot hold what the form refuses).
        var form = await InScopeAsync(s => s.GetRequiredService<RegistrationService>().RegistrationFormAsync(unitId, default));
        var recommenders = await app.WithDbAsync(db => db.Recommenders.Select(r => r.Id).ToListAsync());
        Assert.Empty(RegistrationRules.Check(form!, recommenders.ToHashSet()));
    }

    [Fact]
    public async Task A_seeded_contact_signs_in_by_SMS_and_the_unit_page_lists_the_draft()
    {
        var client = app.Jar();
        var code = await client.PostAsJsonAsync("/api/unit/code", new { mobile = "19900000103" });
        Assert.Equal(HttpStatusCode.OK, code.StatusCode);
        var html = await client.GetStringAsync("/login");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var res = await client.PostAsync("/unit/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["mobile"] = "19900000103", ["code"] = app.Sms.CodeOf("19900000103"), ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var home = await client.GetFromJsonAsync<JsonElement>("/api/unit/home");
        Assert.Contains("海上风机的第一千个日夜", home.GetRawText());
        Assert.Contains("上海电气风电集团股份有限公司", home.GetRawText());
    }

    [Fact]
    public async Task Running_the_seeder_again_on_the_seeded_database_adds_nothing()
    {
        var before = await app.WithDbAsync(async db => (await db.Set<UnitRegistration>().CountAsync(), await db.Set<UnitContact>().CountAsync(),
            await db.Set<EntryDeclaration>().CountAsync(), await db.Set<RecommendationOpinion>().CountAsync()));
        var outcome = await InScopeAsync(s => RegistrationSeeder.RunAsync(s, app.SeedsPath, default));
        Assert.Equal(new RegistrationSeeder.Outcome(0, 0, null), outcome);
        var after = await app.WithDbAsync(async db => (await db.Set<UnitRegistration>().CountAsync(), await db.Set<UnitContact>().CountAsync(),
            await db.Set<EntryDeclaration>().CountAsync(), await db.Set<RecommendationOpinion>().CountAsync()));
        // (6 registrations, 7 contacts, 3 drafts, 2 opinions) before and after.
        Assert.Equal((6, 7, 3, 2), before);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task The_seeded_invite_is_issued_afresh_until_used_and_only_the_newest_link_works()
    {
        var first = await InScopeAsync(s => RegistrationSeeder.ReissueSeedInviteAsync(s.GetRequiredService<JudgingDb>(), TimeProvider.System, default));
        var second = await InScopeAsync(s => RegistrationSeeder.ReissueSeedInviteAsync(s.GetRequiredService<JudgingDb>(), TimeProvider.System, default));
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal("上海电气集团", second.Value.RecommenderName);
        Assert.NotEqual(first.Value.Token, second.Value.Token);
        var hashes = await app.WithDbAsync(db => db.Set<RecommenderInvite>().Select(i => i.TokenHash).ToListAsync());
        // The first start's link and the one before it were retired: only the newest hash is stored.
        Assert.Equal([SetupLink.Hash(second.Value.Token)], hashes);
    }

    /// <summary>The app on a copy of the seeds whose registrations.csv has a bad row (start-up must fail).</summary>
    private sealed class BadSeedsApp(string seeds) : TestApp(seeds);

    [Fact]
    public void A_seed_row_the_form_refuses_stops_start_up_with_its_line_and_reason()
    {
        var dir = Directory.CreateTempSubdirectory("judging-seeds-badreg-").FullName;
        try
        {
            foreach (var f in Directory.GetFiles(Paths.SeedsWithoutScores, "*.csv")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
            var path = Path.Combine(dir, RegistrationSeeder.RegistrationsFile);
            // Line 3 (header = line 1) is 上海电气风电: its 邮编 200241 becomes 20024 (5 digits), its 重点领域 a word not offered.
            var lines = File.ReadAllLines(path);
            lines[2] = lines[2].Replace(",200241,", ",20024,").Replace(",制造,", ",工业,");
            File.WriteAllLines(path, lines, new System.Text.UTF8Encoding(true));
            using var bad = new BadSeedsApp(dir);
            var e = Assert.ThrowsAny<Exception>(() => bad.Services);
            var message = e is InvalidOperationException ? e.Message : e.InnerException?.Message ?? e.Message;
            Assert.Contains("registrations.csv 第3行：邮编须为 6 位数字", message);
            Assert.Contains("registrations.csv 第3行：请选择重点领域（单选，必选）", message);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
