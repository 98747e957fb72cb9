namespace Judging.Domain.VenueVoting;

using Judging.Domain.Competitions;

/// <summary>
/// State of a live audience vote. It moves one way only, on the organiser's word:
/// <see cref="NotOpened"/> → <see cref="Open"/> → <see cref="Closed"/>; a closed vote is never reopened.
/// </summary>
public enum QuestionStatus
{
    /// <summary>Created, not yet open: the page lists the finalists but refuses votes.</summary>
    NotOpened,
    /// <summary>Votes are accepted.</summary>
    Open,
    /// <summary>Votes closed by the organiser; the tally is final.</summary>
    Closed,
}

/// <summary>
/// What makes one vote one person at the venue (issue 10, item 3: one vote per device fell to clearing cookies, 50 votes
/// from one phone in 0.3 s). The organiser chooses it per question before opening the vote.
/// </summary>
public enum VoteAssurance
{
    /// <summary>
    /// Printed one-time ballot codes (the default): QR cards the organiser prints, one per seat; each code counts once,
    /// whatever the phone or its cookies. Only the codes' hashes are stored.
    /// </summary>
    BallotCode = 0,
    /// <summary>Phone verification with an SMS code (the film vote's flow): one vote per verified phone number.</summary>
    Phone = 1,
    /// <summary>A cookie on the device: low assurance (a cleared cookie votes again); a low per-address limit, floods flagged.</summary>
    DeviceCookie = 2,
}

/// <summary>
/// One live audience vote at the venue (现场观众投票) for one audience award of one competition's track
/// (seed 000, 附件1 (六)、(八)). At most one per (competition, track, award). Candidates are the
/// <c>RoundEntry</c>s of <see cref="RoundId"/>, the track's final round.
/// </summary>
public sealed class AudienceQuestion
{
    /// <summary>Database id; the vote page is <c>/vote/{Id}</c>.</summary>
    public int Id { get; set; }
    /// <summary>The competition (大赛).</summary>
    public int CompetitionId { get; set; }
    /// <summary>The track whose audience award this vote decides (speech at the venue).</summary>
    public Track Track { get; set; }
    /// <summary>One of <see cref="AudienceAwardCatalog.Of"/> for <see cref="Track"/>, e.g. 最具风采奖.</summary>
    public required string AwardName { get; set; }
    /// <summary>The final round (决赛) whose running order is the list of candidates.</summary>
    public int RoundId { get; set; }
    /// <summary>Not opened, open or closed; moved only by <see cref="QuestionTransitions"/>.</summary>
    public QuestionStatus Status { get; set; }
    /// <summary>When the organiser created the vote (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the organiser opened the vote (UTC), or null.</summary>
    public DateTimeOffset? OpenedAt { get; set; }
    /// <summary>When the organiser closed the vote (UTC), or null.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Optimistic concurrency token, bumped on every status change.</summary>
    public int Version { get; set; }
    /// <summary>What one vote is tied to (<see cref="VoteAssurance.BallotCode"/> unless the organiser chose otherwise before opening).</summary>
    public VoteAssurance Assurance { get; set; }

    /// <summary>The title shown on the vote page and the projector: "最具风采奖 · 现场观众投票".</summary>
    public string Title => $"{AwardName} · {AudienceNames.Of(AwardMode.LiveVote)}";
}

/// <summary>
/// One audience vote (append-only: never updated or deleted). Unique on (question, <see cref="DeviceHash"/>) in the
/// database, so a second vote of one voter (one ballot code, one phone or one device, by the question's
/// <see cref="VoteAssurance"/>) is refused even when both arrive at once.
/// </summary>
public sealed class AudienceVote
{
    /// <summary>Database id, in order of storage.</summary>
    public long Id { get; set; }
    /// <summary>The vote (<see cref="AudienceQuestion.Id"/>).</summary>
    public int QuestionId { get; set; }
    /// <summary>The entry voted for (a candidate of the question).</summary>
    public int EntryId { get; set; }
    /// <summary>
    /// The voter's key, hex SHA-256 (64 characters): of the device's random 128-bit cookie (device cookie), of
    /// "ballot:{question}:{code}" (ballot code) or of "voter:{voter id}" (phone). The cookie or code itself is never stored.
    /// </summary>
    public required string DeviceHash { get; set; }
    /// <summary>When the vote was stored (UTC).</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>The client's network, not its address: IPv4 /24 ("203.0.113.0/24") or IPv6 /48; "unknown" when absent.</summary>
    public required string ClientIpPrefix { get; set; }
    /// <summary>The browser's User-Agent, cut to 256 characters; empty when absent.</summary>
    public required string UserAgent { get; set; }
}

/// <summary>
/// The organiser's decisions on an audience award (append-only; the latest row of an award is in force):
/// choosing the mode, breaking a tie of a closed live vote, or recording the judges' designated winner.
/// Every row is also written to the audit log.
/// </summary>
public sealed class AudienceAwardDecision
{
    /// <summary>Database id; the highest id of an award is the decision in force.</summary>
    public long Id { get; set; }
    /// <summary>The competition (大赛).</summary>
    public int CompetitionId { get; set; }
    /// <summary>The award's track.</summary>
    public Track Track { get; set; }
    /// <summary>The award, e.g. 最佳演绎奖.</summary>
    public required string AwardName { get; set; }
    /// <summary>Mode chosen, tie broken, or judges' pick recorded.</summary>
    public AwardDecisionKind Kind { get; set; }
    /// <summary>The award's mode from this row on.</summary>
    public AwardMode Mode { get; set; }
    /// <summary>The winner named by a <see cref="AwardDecisionKind.TieBroken"/> or <see cref="AwardDecisionKind.Designated"/> row; null for a mode choice.</summary>
    public int? EntryId { get; set; }
    /// <summary>The live vote whose tie was broken (<see cref="AwardDecisionKind.TieBroken"/>), else null.</summary>
    public int? QuestionId { get; set; }
    /// <summary>Why (required when an entry is named).</summary>
    public string? Reason { get; set; }
    /// <summary>Who, e.g. "组织者 俞琳".</summary>
    public required string Actor { get; set; }
    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A printed ballot card of a question (issue 10, item 3): seat number and the hash of its one-time code (the code is
/// derived from the app's secret and printed, never stored). A vote with the code is keyed by the same hash, so each
/// card counts once.
/// </summary>
public sealed class AudienceBallot
{
    /// <summary>Database id.</summary>
    public long Id { get; set; }
    /// <summary>The vote.</summary>
    public int QuestionId { get; set; }
    /// <summary>Seat (card) number 1…N, printed on the card.</summary>
    public int Seat { get; set; }
    /// <summary>Hex SHA-256 of "ballot:{question}:{code}" (64 characters).</summary>
    public required string CodeHash { get; set; }
}

/// <summary>The organiser's moves of a <see cref="QuestionStatus"/>; each returns a refusal (a <see cref="Wording"/>, zh-CN as text) or null when allowed.</summary>
public static class QuestionTransitions
{
    /// <summary>Opening is allowed only from <see cref="QuestionStatus.NotOpened"/>.</summary>
    public static Wording? Open(QuestionStatus from) => from switch
    {
        QuestionStatus.NotOpened => null,
        QuestionStatus.Open => Wording.Of("投票已在进行中"),
        _ => Wording.Of("投票已结束，不能重新开放"),
    };

    /// <summary>Closing is allowed only from <see cref="QuestionStatus.Open"/>: votes close on the organiser's word.</summary>
    public static Wording? Close(QuestionStatus from) => from switch
    {
        QuestionStatus.Open => null,
        QuestionStatus.NotOpened => Wording.Of("投票尚未开始"),
        _ => Wording.Of("投票已结束"),
    };
}
