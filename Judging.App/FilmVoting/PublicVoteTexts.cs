namespace Judging.App.FilmVoting;

using Judging.Domain.Competitions;
using Judging.Domain.FilmVoting;
using Microsoft.Extensions.Localization;

/// <summary>
/// What the public film vote's JSON endpoints say to a voter (<see cref="VotingEndpoints"/>), in the request's language
/// (zh-CN, or English with <c>?culture=en</c> or the culture cookie; issue 12, section 3). The Chinese wording is the one
/// the domain uses (<see cref="VotingRules.Message"/>); it is restated here because a vote's result is produced on
/// the writer's thread (or another instance), where the voter's culture is not known, so the endpoint words it.
/// English: <c>Resources/Voting/PublicVoteTexts.en.resx</c>.
/// </summary>
public sealed class PublicVoteTexts(IStringLocalizer<PublicVoteTexts> L)
{
    /// <summary>403 for a foreign <c>Origin</c> on code and verify.</summary>
    public string SubmitFromPage => L["请从投票页面提交"];

    /// <summary>403 for a foreign <c>Origin</c> on a vote.</summary>
    public string VoteFromPage => L["请从投票页面投票"];

    /// <summary>401: no voter cookie.</summary>
    public string VerifyFirst => L["请先验证手机号"];

    /// <summary>404: no such film.</summary>
    public string NoFilm => L["没有这个作品"];

    /// <summary>404: no such competition.</summary>
    public string NoCompetition => L["没有这个大赛"];

    /// <summary>400: the body is not a phone number.</summary>
    public string BadPhone => L["请输入 11 位中国大陆手机号"];

    /// <summary>400: a wrong or expired code (also for an unreadable body).</summary>
    public string WrongCode => L["验证码错误或已过期"];

    /// <summary>429 from the vote rate limits.</summary>
    public string TooFrequent => L["投票太频繁，请稍后再试"];

    /// <summary>503: the vote was not saved.</summary>
    public string NotSaved => L["投票暂时无法保存，请稍后再试"];

    /// <summary>
    /// The answer to a vote: saved and counted, saved and held for review, refused by the window or the daily quota
    /// (<paramref name="rules"/> give the window and the votes per day), or not saved.
    /// </summary>
    public string Of(VoteResult result, VotingRules rules) =>
        result.Failed ? NotSaved
        : result.Refusal switch
        {
            VoteRefusal.None => result.Counted ? L["投票成功"] : L["投票已记录，待核验后计入"],
            VoteRefusal.NotOpen => L["投票未开放（投票时间：{0}）", Window(rules)],
            VoteRefusal.FilmDoneToday => rules.Quota.PerDay == 1 ? L["今天已为该作品投过票，明天再来"] : L["今天已为该作品投满 {0} 票，明天再来", rules.Quota.PerDay],
            VoteRefusal.DayDone => L["今天的 {0} 票已用完", rules.Quota.PerDay],
            _ => result.Message,
        };

    /// <summary>The voting window in Shanghai time, as <see cref="VotingRules.WindowText"/> words it, in the request's language.</summary>
    public string Window(VotingRules rules) => (rules.OpensAt, rules.ClosesAt) switch
    {
        (null, null) => L["不限"],
        ({ } o, null) => L["{0} 起", ShanghaiTime.Display(o)],
        (null, { } c) => L["至 {0}", ShanghaiTime.Display(c)],
        ({ } o, { } c) => L["{0} 至 {1}", ShanghaiTime.Display(o), ShanghaiTime.Display(c)],
    };
}
