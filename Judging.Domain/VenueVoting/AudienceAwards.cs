namespace Judging.Domain.VenueVoting;

using Judging.Domain.Competitions;

/// <summary>
/// The audience awards (观摩奖项) of each track, as data (seed 000, 附件1 (八)): speech 最具风采奖 and
/// 最佳演绎奖; micro-film 最具创意奖 and 最佳人气奖; innovation cases none. Code never branches on a name:
/// a new award is one more string here.
/// </summary>
public static class AudienceAwardCatalog
{
    private static readonly IReadOnlyDictionary<Track, IReadOnlyList<string>> Names = new Dictionary<Track, IReadOnlyList<string>>
    {
        [Track.Speech] = ["最具风采奖", "最佳演绎奖"],
        [Track.MicroFilm] = ["最具创意奖", "最佳人气奖"],
        [Track.InnovationCase] = [],
    };

    /// <summary>The award names of <paramref name="track"/>, in the notice's order (empty when the track has none).</summary>
    public static IReadOnlyList<string> Of(Track track) => Names.TryGetValue(track, out var n) ? n : [];

    /// <summary>
    /// The modes an award of <paramref name="track"/> may use: speeches are voted on by the audience at the venue or
    /// designated; films by the public online vote (最佳人气奖 = most accepted votes, issue 4) or designated by the experts
    /// (最具创意奖).
    /// </summary>
    public static IReadOnlyList<AwardMode> ModesOf(Track track) => track switch
    {
        Track.Speech => [AwardMode.LiveVote, AwardMode.Designated],
        Track.MicroFilm => [AwardMode.PublicVote, AwardMode.Designated],
        _ => [],
    };

    /// <summary>True when <paramref name="awardName"/> is an audience award of <paramref name="track"/>.</summary>
    public static bool Contains(Track track, string? awardName) => awardName is not null && Of(track).Contains(awardName);
}

/// <summary>How an audience award is decided, as the organiser configures it per award (seed 000, 附件1 (六)、(八)).</summary>
public enum AwardMode
{
    /// <summary>现场观众投票: the audience at the venue votes on their phones; the most votes wins.</summary>
    LiveVote,
    /// <summary>评委推选: the judges designate the winner; the organiser records the pick with a reason.</summary>
    Designated,
    /// <summary>
    /// 网络投票: films only (issue 4: 最佳人气奖 = most accepted votes): the film with the most accepted public votes, as frozen
    /// when the film finalists are confirmed; a tie for the most is decided by the organiser with a reason.
    /// </summary>
    PublicVote,
}

/// <summary>What an <see cref="AudienceAwardDecision"/> row records.</summary>
public enum AwardDecisionKind
{
    /// <summary>The organiser chose (or changed) the award's <see cref="AwardMode"/>; no entry is named.</summary>
    ModeChosen,
    /// <summary>A closed live vote ended in a tie for the most votes; the organiser picked one of the tied entries, with a reason.</summary>
    TieBroken,
    /// <summary>The organiser recorded the judges' designated winner, with a reason.</summary>
    Designated,
}

/// <summary>Chinese UI names of the audience-vote enums.</summary>
public static class AudienceNames
{
    /// <summary>现场观众投票 / 评委推选.</summary>
    public static string Of(AwardMode mode) => mode switch
    {
        AwardMode.LiveVote => "现场观众投票",
        AwardMode.Designated => "评委推选",
        AwardMode.PublicVote => "网络投票",
        _ => mode.ToString(),
    };

    /// <summary>投票未开始 / 投票进行中 / 投票已结束.</summary>
    public static string Of(QuestionStatus status) => status switch
    {
        QuestionStatus.NotOpened => "投票未开始",
        QuestionStatus.Open => "投票进行中",
        QuestionStatus.Closed => "投票已结束",
        _ => status.ToString(),
    };

    /// <summary>选票码 / 手机验证 / 设备 Cookie（低保障）.</summary>
    public static string Of(VoteAssurance assurance) => assurance switch
    {
        VoteAssurance.BallotCode => "选票码（每座一张，每张限投一票）",
        VoteAssurance.Phone => "手机验证（每个手机号限投一票）",
        VoteAssurance.DeviceCookie => "设备 Cookie（低保障）",
        _ => assurance.ToString(),
    };

    /// <summary>What one vote is limited to, for the phone page: "每张选票", "每个手机号", "每台设备".</summary>
    public static string Unit(VoteAssurance assurance) => assurance switch
    {
        VoteAssurance.BallotCode => "每张选票",
        VoteAssurance.Phone => "每个手机号",
        _ => "每台设备",
    };
}
