namespace Judging.Tests.Endpoints;

using Judging.App.ResultsEngine;
using Judging.App.Finalists;
using Judging.App.LiveRounds;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A confirmed finalist list can be withdrawn, with a reason, until the final starts; never after.</summary>
public sealed class ConfirmationUndoTests(FullSeedsTestApp app) : IClassFixture<FullSeedsTestApp>
{
    [Fact]
    public async Task Finalists_can_be_unconfirmed_before_the_final_starts_and_not_after()
    {
        using var scope = app.Services.CreateScope();
        var results = scope.ServiceProvider.GetRequiredService<TrackResultsService>();
        var view = (await results.LoadAsync(1, Track.Speech, default))!;
        Assert.Null(await results.ResolveFinalistTieAsync(1, Track.Speech, view.Outcome!.Finalists.Ties.Single().Key, TieResolution.TieBreak, "test", default));
        Assert.Null(await results.ConfirmFinalistsAsync(1, Track.Speech, "test", default));
        var first = (await results.LoadAsync(1, Track.Speech, default))!.FinalRound!.Id;

        Assert.Equal("撤销确认须填写理由", await results.UndoFinalistsAsync(1, Track.Speech, " ", "test", default));
        Assert.Null(await results.UndoFinalistsAsync(1, Track.Speech, "漏报一名选手退赛，需重新确认", "test", default));
        view = (await results.LoadAsync(1, Track.Speech, default))!;
        Assert.False(view.FinalistsConfirmed);
        Assert.Null(view.FinalRound);
        Assert.False(await app.WithDbAsync(db => db.Rounds.AnyAsync(r => r.Id == first)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "撤销确认入围名单" && a.Reason == "漏报一名选手退赛，需重新确认")));

        // The list is open again; confirm anew, start the final: no more undo.
        Assert.Null(await results.SetEligibilityAsync(1, Track.Speech, await app.EntryIdAsync("YJ-053"), Eligibility.Withdrawn, "选手退赛", "test", default));
        Assert.Null(await results.ConfirmFinalistsAsync(1, Track.Speech, "test", default));
        var second = (await results.LoadAsync(1, Track.Speech, default))!.FinalRound!.Id;
        Assert.NotEqual(first, second);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<RoundConsole>().StartAsync(second, "test", default));
        Assert.Equal("决赛已开始，不能撤销入围确认", await results.UndoFinalistsAsync(1, Track.Speech, "再改一次", "test", default));
    }
}
