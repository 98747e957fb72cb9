namespace Judging.App.Components.Pages.Organiser;

using Judging.App.LiveRounds;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Microsoft.Extensions.Localization;

/// <summary>
/// Track, round and round-state names in the user's language (zh-CN wording as keys, English in
/// <c>Resources/Components/Pages/Organiser/RoundNames.en.resx</c>), for the dashboard and the home page.
/// Inject <c>IStringLocalizer&lt;RoundNames&gt;</c> and pass it in.
/// </summary>
public sealed class RoundNames
{
    private RoundNames() { }

    /// <summary>演讲 / 微电影 / 创新案例.</summary>
    public static string Track(IStringLocalizer<RoundNames> L, Track track) => track switch
    {
        Domain.Competitions.Track.Speech => L["演讲"],
        Domain.Competitions.Track.MicroFilm => L["微电影"],
        Domain.Competitions.Track.InnovationCase => L["创新案例"],
        _ => track.ToString(),
    };

    /// <summary>
    /// The round's title, as <see cref="RoundTitle.Of"/>: "黄浦分赛区 · 演讲初赛", "总决赛 · 演讲决赛"; a programme's review round
    /// "2025—2026年上海市政府质量奖 · 初评" / "· 复评".
    /// </summary>
    public static string Title(IStringLocalizer<RoundNames> L, RoundSummary r) => r.Programme is { } programme
        ? Programme(L, programme, r.Kind)
        : $"{r.Division ?? L["总决赛"]} · {Kind(L, r.Track, r.Kind) ?? r.Title}";

    /// <summary>A programme's review round (<see cref="Round.ProgrammeName"/>), as <see cref="RoundTitle.Stage"/>: "2025—2026年上海市政府质量奖 · 初评" / "· 复评".</summary>
    public static string Programme(IStringLocalizer<RoundNames> L, string programme, RoundKind kind) =>
        $"{programme} · {(kind == RoundKind.ReReview ? L["复评"] : L["初评"])}";

    /// <summary>
    /// The round's title for a page that knows only its id (projector, running order): from <paramref name="rounds"/>
    /// (<see cref="RoundDirectory.RoundsAsync(CancellationToken)"/>), or <paramref name="fallback"/> (the service's Chinese title) when not found.
    /// </summary>
    public static string Title(IStringLocalizer<RoundNames> L, IEnumerable<RoundSummary> rounds, int roundId, string fallback) =>
        rounds.FirstOrDefault(r => r.Id == roundId) is { } r ? Title(L, r) : fallback;

    /// <summary>A judge's panel on the sign-in cards: the division's name, 总决赛 (speech final panel), or the track's expert panel.</summary>
    public static string Panel(IStringLocalizer<RoundNames> L, Track track, string? division) =>
        division ?? (track == Domain.Competitions.Track.Speech ? L["总决赛"] : L["{0}专家组", Track(L, track)]);

    /// <summary>演讲初赛 … 创新案例复审; null for a combination no round has.</summary>
    public static string? Kind(IStringLocalizer<RoundNames> L, Track track, RoundKind kind) => (track, kind) switch
        {
            (Domain.Competitions.Track.Speech, RoundKind.Preliminary) => L["演讲初赛"].Value,
            (Domain.Competitions.Track.Speech, RoundKind.Final) => L["演讲决赛"].Value,
            (Domain.Competitions.Track.MicroFilm, RoundKind.Preliminary) => L["微电影初赛"].Value,
            (Domain.Competitions.Track.MicroFilm, RoundKind.Final) => L["微电影决赛"].Value,
            (Domain.Competitions.Track.InnovationCase, RoundKind.FirstReview) => L["创新案例初审"].Value,
            (Domain.Competitions.Track.InnovationCase, RoundKind.ReReview) => L["创新案例复审"].Value,
            _ => null,
        };

    /// <summary>未开始 / 进行中 / 暂停 / 已结束.</summary>
    public static string Status(IStringLocalizer<RoundNames> L, RoundStatus s) => s switch
    {
        RoundStatus.NotStarted => L["未开始"],
        RoundStatus.Live => L["进行中"],
        RoundStatus.Paused => L["暂停"],
        RoundStatus.Closed => L["已结束"],
        _ => s.ToString(),
    };
}
