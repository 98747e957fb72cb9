namespace Judging.Domain.Reviews;

using Judging.Domain.Competitions;

using Judging.Domain.LiveRounds;

/// <summary>
/// Online review is blind (issue 10, item 1; as HotCRP and OpenReview hide other reviews until one's own is in). While a
/// round of online review (<see cref="Round.Online"/>: the film 初赛, the case 初审) has not been published, its scores and
/// ranks go only to the organiser and to the chief judge of its panel: a public leaderboard with one card in shows that
/// card, and every later card falls out as n·mean_n − (n−1)·mean_(n−1). The organiser publishes them (公布评审结果) once
/// the review has ended. An expert sees the other experts' cards of an entry only after submitting their own, and only
/// when the organiser allows it for the round (<see cref="ReviewSettings.ExpertsSeeOthers"/>, off by default).
/// Live rounds on stage are not blind: their projector and leaderboard stay public (with the organiser's hide-scores mode).
/// </summary>
public static class BlindReview
{
    /// <summary>True when the round's scores and ranks may be shown to anyone: a live round, or published online results.</summary>
    public static bool ScoresArePublic(Round round, ReviewSettings? settings) => !round.Online || settings?.ResultsPublishedAt is not null;

    /// <summary>True when an expert may see the other experts' cards of an entry: allowed for the round and their own card submitted.</summary>
    public static bool MaySeeOtherCards(ReviewSettings? settings, bool ownCardSubmitted) => settings?.ExpertsSeeOthers == true && ownCardSubmitted;

    /// <summary>Null when the results of <paramref name="round"/> may be published now, else the reason (zh-CN as text).</summary>
    public static Wording? PublishRefusal(Round round) =>
        !round.Online ? Wording.Of("不是线上评审轮次") : round.Status != RoundStatus.Closed ? Wording.Of("评审结束后才能公布评审结果") : null;
}
