namespace Judging.Tests.Endpoints;

using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Judging.Tests.Domain.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Two pages of one unit saving the same draft at the same moment (a phone and a desktop, or two tabs; found by
/// bench/registration, issue 15 "nothing lost"): both sent the revision they last saw. Exactly one save is taken; the other
/// is told the draft changed elsewhere (409), never acknowledged with the same revision while its text is overwritten.
/// </summary>
public sealed class DraftSaveRaceTests(UnitTestApp app) : IClassFixture<UnitTestApp>
{
    private async Task<T> WithScopeAsync<T>(Func<RegistrationService, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<RegistrationService>());
    }

    /// <summary>A newly registered unit (a fresh mobile, the first recommender): its id and contact mobile.</summary>
    private async Task<(int UnitId, string Mobile)> RegisteredUnitAsync()
    {
        var mobile = FilmVoteTestApp.NewPhone();
        var recommender = await app.WithDbAsync(db => db.Recommenders.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        var form = RegistrationRulesTests.Valid() with { Name = UnitTestApp.NewUnitName(), RecommenderId = recommender, ContactMobile = mobile };
        var registered = await WithScopeAsync(async r => await r.RegisterAsync((await r.CurrentCompetitionAsync(default))!.Id, mobile, form, default));
        Assert.True(registered.Ok, $"{registered.Status} {registered.Refusal}");
        return (registered.Value, mobile);
    }

    [Fact]
    public async Task Of_two_saves_on_the_same_revision_at_once_one_is_stored_and_the_other_answered_409()
    {
        app.Clock.Set(UnitTestApp.May1); // 2025-05-01 Beijing: the film window (to 6/20) is open
        var (unitId, mobile) = await RegisteredUnitAsync();
        var started = await WithScopeAsync(r => r.StartDeclarationAsync(unitId, Track.MicroFilm, default));
        Assert.True(started.Ok, $"{started.Status} {started.Refusal}");
        var id = started.Value;

        var draft = DeclarationRulesTests.Valid();
        var revision = 1; // a started declaration is revision 1
        for (var round = 0; round < 20; round++)
        {
            var a = draft with { Title = $"甲页面第{round}次" };
            var b = draft with { Title = $"乙页面第{round}次" };
            // On threads of their own, released together (SQLite's async calls run synchronously: awaited in turn, the first
            // would finish before the second began).
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var saves = new[] { a, b }.Select(f => Task.Run(async () => { await go.Task; return await WithScopeAsync(r => r.SaveDraftAsync(unitId, id, f, revision, default)); })).ToArray();
            go.SetResult();
            var outcomes = await Task.WhenAll(saves);
            // One taken (revision + 1), one refused as changed elsewhere: never both acknowledged.
            Assert.Equal([200, 409], outcomes.Select(o => o.Status).Order());
            var taken = outcomes[0].Ok ? a : b;
            revision++;
            Assert.Equal(revision, outcomes.Single(o => o.Ok).Value);
            var stored = await app.WithDbAsync(db => db.Set<EntryDeclaration>().AsNoTracking().SingleAsync(d => d.Id == id));
            Assert.Equal((revision, taken.Title), (stored.Revision, stored.Title));
        }
    }

    [Fact]
    public async Task A_save_racing_a_submission_never_leaves_an_entry_made_from_older_text()
    {
        app.Clock.Set(UnitTestApp.May1);
        var (unitId, mobile) = await RegisteredUnitAsync();
        var draft = DeclarationRulesTests.Valid();
        // Five speech declarations (the limit), each saved complete, then submitted while another page saves a new title.
        for (var round = 0; round < 5; round++)
        {
            var started = await WithScopeAsync(r => r.StartDeclarationAsync(unitId, Track.Speech, default));
            Assert.True(started.Ok, $"{started.Status} {started.Refusal}");
            var id = started.Value;
            var first = await WithScopeAsync(r => r.SaveDraftAsync(unitId, id, draft with { Title = $"提交时的标题{round}" }, 1, default));
            Assert.Equal(200, first.Status);
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var submit = Task.Run(async () => { await go.Task; return await WithScopeAsync(r => r.SubmitAsync(unitId, id, mobile, default)); });
            var save = Task.Run(async () => { await go.Task; return await WithScopeAsync(r => r.SaveDraftAsync(unitId, id, draft with { Title = $"另一页面的标题{round}" }, 2, default)); });
            go.SetResult();
            var (submitted, saved) = (await submit, await save);
            var stored = await app.WithDbAsync(db => db.Set<EntryDeclaration>().AsNoTracking().SingleAsync(d => d.Id == id));
            if (submitted.Ok)
            {
                // The entry carries the declaration's stored title, whichever order they ran in.
                var entryTitle = await app.WithDbAsync(db => db.Entries.Where(e => e.Id == submitted.Value).Select(e => e.Title).SingleAsync());
                Assert.Equal((DeclarationStatus.Submitted, stored.Title), (stored.Status, entryTitle));
            }
            else
            {
                // Refused only because the other page's save landed first; nothing half-made.
                Assert.Equal((409, 200), (submitted.Status, saved.Status));
                Assert.Equal((DeclarationStatus.Draft, (int?)null, $"另一页面的标题{round}"), (stored.Status, stored.EntryId, stored.Title));
            }
            // An acknowledged save is the stored text unless a submission then took it as it was (same text, one revision on).
            if (saved.Ok) Assert.Equal($"另一页面的标题{round}", stored.Title);
        }
    }
}
