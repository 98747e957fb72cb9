namespace Judging.App.FilmVotingPages;

using Microsoft.Extensions.Localization;

/// <summary>
/// The public film pages' refusals (<see cref="PublicFilmsModule"/>), in the request's language (zh-CN, or English with
/// <c>?culture=en</c> or the culture cookie; issue 12). English: <c>Resources/PublicFilms/PublicFilmTexts.en.resx</c>.
/// </summary>
public sealed class PublicFilmTexts(IStringLocalizer<PublicFilmTexts> L)
{
    /// <summary>The gallery without a competition id when no competition is running.</summary>
    public string NoCompetitionRunning => L["暂无进行中的大赛。"];

    /// <summary>The gallery of an unknown competition.</summary>
    public string NoSuchCompetition => L["没有找到这个大赛，请检查链接。"];

    /// <summary>The page of an unknown film.</summary>
    public string NoSuchFilm => L["没有找到这部作品，请返回作品列表。"];

    /// <summary>The JSON 404 of <c>/api/films</c> and the live stream.</summary>
    public string CompetitionMissing => L["大赛不存在"];
}
