namespace Judging.App.FilmVoting;

/// <summary>
/// A public voter (网络投票, issue 4): one verified phone number. Only a peppered SHA-256 of the number is kept
/// (<see cref="PhoneHash"/>, 64 hex) and a masked copy for the organiser (<see cref="PhoneMasked"/>, "138****8000").
/// </summary>
public sealed class Voter
{
    public long Id { get; set; }
    /// <summary>Hex HMAC-SHA256 of the phone number with the voting pepper (<see cref="VotingKeys"/>).</summary>
    public required string PhoneHash { get; set; }
    /// <summary>e.g. 138****8000.</summary>
    public required string PhoneMasked { get; set; }
    /// <summary>First verification, Unix milliseconds (UTC).</summary>
    public long CreatedAtMs { get; set; }
}

/// <summary>Status of a vote when it was stored.</summary>
public enum VoteStatus
{
    /// <summary>Counted at once.</summary>
    Accepted = 0,
    /// <summary>Held in a flagged cluster until an organiser includes it (<see cref="VoteRecord.ClusterId"/>).</summary>
    Held = 1,
}

/// <summary>
/// One public vote for a film, append-only (no code path updates or deletes it; issue 4). Written by
/// <see cref="FilmVoteWriter"/> with raw SQL; times in Unix milliseconds. A vote held later, when its burst is flagged
/// after it was stored, gets a <see cref="VoteHold"/> row instead of a change here.
/// </summary>
public sealed class VoteRecord
{
    /// <summary>Assigned by the writer (increasing).</summary>
    public long Id { get; set; }
    public int CompetitionId { get; set; }
    /// <summary>The film (an entry of track MicroFilm).</summary>
    public int EntryId { get; set; }
    public long VoterId { get; set; }
    /// <summary>The device cookie's random id (32 hex), or null when the browser sent none.</summary>
    public string? DeviceId { get; set; }
    /// <summary>Client address as the server saw it (after trusted proxies).</summary>
    public required string Ip { get; set; }
    /// <summary>"203.0.113.0/24" or "2001:db8:1::/48".</summary>
    public required string Subnet { get; set; }
    /// <summary>First 16 hex characters of the SHA-256 of the full User-Agent.</summary>
    public required string UserAgentHash { get; set; }
    /// <summary>The User-Agent, cut to 120 characters.</summary>
    public required string UserAgent { get; set; }
    /// <summary>When committed (UTC), Unix milliseconds.</summary>
    public long AtMs { get; set; }
    /// <summary>Shanghai calendar day, yyyymmdd.</summary>
    public int Day { get; set; }
    public VoteStatus Status { get; set; }
    /// <summary><see cref="Judging.Domain.FilmVoting.VoteReasons"/> flags.</summary>
    public int Reasons { get; set; }
    /// <summary>The flagged cluster holding it, or null.</summary>
    public long? ClusterId { get; set; }
    /// <summary>Quota bucket: the entry id under PerFilmPerDay, 0 under TotalPerDay.</summary>
    public int QuotaKey { get; set; }
    /// <summary>Ordinal 1…N of the vote in its bucket that day; (Day, CompetitionId, VoterId, QuotaKey, Slot) is unique.</summary>
    public int Slot { get; set; }
}

/// <summary>An already stored vote held afterwards, when the burst it belonged to was flagged (append-only).</summary>
public sealed class VoteHold
{
    public long Id { get; set; }
    /// <summary>The vote (unique: a vote is held in at most one cluster).</summary>
    public long VoteId { get; set; }
    public long ClusterId { get; set; }
    /// <summary>The burst reason(s) added, <see cref="Judging.Domain.FilmVoting.VoteReasons"/> flags.</summary>
    public int Reasons { get; set; }
    public long AtMs { get; set; }
}

/// <summary>A flagged cluster of votes for one film (a burst from one subnet or one user agent), append-only.</summary>
public sealed class VoteCluster
{
    /// <summary>Assigned by the detector (increasing).</summary>
    public long Id { get; set; }
    public int CompetitionId { get; set; }
    public int EntryId { get; set; }
    /// <summary><see cref="Judging.Domain.FilmVoting.ClusterKind"/>.</summary>
    public int Kind { get; set; }
    /// <summary>The subnet, or the user-agent hash.</summary>
    public required string Key { get; set; }
    /// <summary>For people: the subnet, or the user agent's text.</summary>
    public required string Label { get; set; }
    public long FlaggedAtMs { get; set; }
}

/// <summary>An organiser's decision on a cluster (计入 / 排除, with a reason), append-only; the latest one counts.</summary>
public sealed class VoteClusterDecision
{
    public long Id { get; set; }
    public long ClusterId { get; set; }
    /// <summary>True: 计入 (the held votes count); false: 排除.</summary>
    public bool Include { get; set; }
    public required string Reason { get; set; }
    public required string Actor { get; set; }
    public long AtMs { get; set; }
}

/// <summary>A one-time code sent to a phone (6 digits, valid 5 minutes, 5 wrong tries; only its HMAC is kept).</summary>
public sealed class VoteCode
{
    public long Id { get; set; }
    public required string PhoneHash { get; set; }
    /// <summary>The requesting client's network ("203.0.113.0/24", IPv6 /48), counted against its daily SMS budget (issue 10, item 5); null for codes of older versions.</summary>
    public string? Subnet { get; set; }
    /// <summary>Hex HMAC-SHA256 of the code with the voting key.</summary>
    public required string CodeHash { get; set; }
    public long CreatedAtMs { get; set; }
    public long ExpiresAtMs { get; set; }
    /// <summary>Wrong codes tried against this one.</summary>
    public int FailedAttempts { get; set; }
    /// <summary>When used successfully, or null.</summary>
    public long? UsedAtMs { get; set; }
}

/// <summary>
/// A phone verified on a device (issue 10, item 4): append-only. A device verifies at most
/// <see cref="VotingOptions.VerificationsPerDevicePerDay"/> phones a Shanghai day, and votes from a device that verified more
/// than <see cref="VotingOptions.FraudOptions.DevicePhones"/> are held for review.
/// </summary>
public sealed class DeviceVerification
{
    public long Id { get; set; }
    /// <summary>The device cookie's id (32 hex).</summary>
    public required string DeviceId { get; set; }
    /// <summary>The voter (phone) verified.</summary>
    public long VoterId { get; set; }
    /// <summary>When (UTC), Unix milliseconds.</summary>
    public long AtMs { get; set; }
    /// <summary>Shanghai calendar day, yyyymmdd.</summary>
    public int Day { get; set; }
}

/// <summary>A saved version of a competition's voting settings (append-only; the latest row is in force).</summary>
public sealed class VotingSettingsRecord
{
    public long Id { get; set; }
    public int CompetitionId { get; set; }
    /// <summary>Window start, Unix ms, or null (no bound).</summary>
    public long? OpensAtMs { get; set; }
    /// <summary>Window end (exclusive), Unix ms, or null (no bound).</summary>
    public long? ClosesAtMs { get; set; }
    /// <summary><see cref="Judging.Domain.FilmVoting.QuotaKind"/>.</summary>
    public int QuotaKind { get; set; }
    public int PerDay { get; set; }
    public int WindowSeconds { get; set; }
    public int NewIdentityMinutes { get; set; }
    public int Threshold { get; set; }
    public required string SavedBy { get; set; }
    public long SavedAtMs { get; set; }
}

/// <summary>The voting module's master secret (32 bytes), protected with ASP.NET Core data protection.</summary>
public sealed class VotingSecret
{
    public int Id { get; set; }
    public required string Protected { get; set; }
}
