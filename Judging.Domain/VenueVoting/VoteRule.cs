namespace Judging.Domain.VenueVoting;

/// <summary>What became of one vote posted from a phone.</summary>
public enum VoteOutcome
{
    /// <summary>Stored.</summary>
    Accepted,
    /// <summary>This device already voted in this question (one vote per device per question).</summary>
    AlreadyVoted,
    /// <summary>The vote is not open (not yet opened, or closed).</summary>
    NotOpen,
    /// <summary>No entry chosen, or the entry is not a candidate of the question.</summary>
    NoCandidate,
    /// <summary>No such vote.</summary>
    NoSuchQuestion,
    /// <summary>The request carried no device cookie (cookies blocked), so one vote per device cannot be kept.</summary>
    NoDevice,
    /// <summary>Too many votes from this network address in a minute (rate limit).</summary>
    TooFrequent,
    /// <summary>The form's antiforgery token was missing or invalid (a stale or forged page).</summary>
    PageExpired,
    /// <summary>Ballot codes: this card's code already voted.</summary>
    BallotUsed,
    /// <summary>Ballot codes: no code was given (the page was opened without scanning a card).</summary>
    NoBallot,
    /// <summary>Ballot codes: the code is not one of this question's cards.</summary>
    BadBallot,
    /// <summary>Phone verification: this phone number already voted.</summary>
    PhoneUsed,
    /// <summary>Phone verification: the phone is not verified yet.</summary>
    NoPhone,
}

/// <summary>
/// The vote rule of the live audience vote (seed 000, 附件1 (六) 现场比赛观众投票): one vote per device per
/// question, only while the question is <see cref="QuestionStatus.Open"/>, only for one of its candidates.
/// The checks run in that order of importance: a closed vote says so first; a device that already voted is
/// told so even if it sent no choice; only then is the choice itself checked.
/// </summary>
public static class VoteRule
{
    /// <summary>Applies the rule.</summary>
    /// <param name="status">The question's state now.</param>
    /// <param name="deviceHasVoted">True when this device already has a vote in this question.</param>
    /// <param name="entryId">The chosen entry, or null when none was chosen.</param>
    /// <param name="candidates">Entry ids of the question's candidates (the final round's running order).</param>
    public static VoteOutcome Check(QuestionStatus status, bool deviceHasVoted, int? entryId, IReadOnlyCollection<int> candidates)
    {
        if (status != QuestionStatus.Open) return VoteOutcome.NotOpen;
        if (deviceHasVoted) return VoteOutcome.AlreadyVoted;
        if (entryId is not { } id || !candidates.Contains(id)) return VoteOutcome.NoCandidate;
        return VoteOutcome.Accepted;
    }
}

/// <summary>The messages a voter sees, and the short codes that carry them in the vote page's URL (<c>?r=ok</c>).</summary>
public static class VoteMessages
{
    private static readonly (VoteOutcome Outcome, string Code, string Text)[] Table =
    [
        (VoteOutcome.Accepted, "ok", "投票成功"),
        (VoteOutcome.AlreadyVoted, "dup", "本设备已投过票，每台设备限投一票"),
        (VoteOutcome.NotOpen, "closed", "投票尚未开始或已结束"),
        (VoteOutcome.NoCandidate, "pick", "请选择一位选手"),
        (VoteOutcome.NoSuchQuestion, "none", "投票不存在，请扫描现场大屏上的二维码"),
        (VoteOutcome.NoDevice, "device", "无法识别本设备，请允许浏览器保存 Cookie 后刷新页面再投票"),
        (VoteOutcome.TooFrequent, "busy", "投票请求过于频繁，请稍后再试"),
        (VoteOutcome.PageExpired, "expired", "页面已过期，请刷新页面后重新投票"),
        (VoteOutcome.BallotUsed, "used", "这张选票已投过票，每张选票限投一票"),
        (VoteOutcome.NoBallot, "ballot", "请扫描选票卡上的二维码，或输入选票卡上的投票码"),
        (VoteOutcome.BadBallot, "badcode", "投票码无效，请核对选票卡"),
        (VoteOutcome.PhoneUsed, "phonedup", "该手机号已投过票，每个手机号限投一票"),
        (VoteOutcome.NoPhone, "phone", "请先验证手机号再投票"),
    ];

    /// <summary>
    /// A refusal as the question's assurance words it: a second vote is "this card" or "this phone" already voted, not
    /// "this device".
    /// </summary>
    public static VoteOutcome For(VoteOutcome outcome, VoteAssurance assurance) => (outcome, assurance) switch
    {
        (VoteOutcome.AlreadyVoted, VoteAssurance.BallotCode) => VoteOutcome.BallotUsed,
        (VoteOutcome.AlreadyVoted, VoteAssurance.Phone) => VoteOutcome.PhoneUsed,
        _ => outcome,
    };

    /// <summary>The URL code of <paramref name="outcome"/> ("ok", "dup", "closed", "pick", "none", "device", "busy", "expired", "used", "ballot", "badcode", "phonedup", "phone").</summary>
    public static string Code(VoteOutcome outcome) => Table.First(t => t.Outcome == outcome).Code;

    /// <summary>The outcome of a URL code, or null when unknown.</summary>
    public static VoteOutcome? Parse(string? code) => Table.Where(t => t.Code == code).Select(t => (VoteOutcome?)t.Outcome).FirstOrDefault();

    /// <summary>The Chinese message of <paramref name="outcome"/>.</summary>
    public static string Text(VoteOutcome outcome) => Table.First(t => t.Outcome == outcome).Text;
}
