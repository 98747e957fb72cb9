namespace Judging.App.Registration;

using Judging.Domain.Competitions;
using Judging.Domain.Registration;

/// <summary>
/// A unit's online registration (在线报名表, seed 000 附件2 (一)): the form's fields beside the <see cref="Unit"/> row they
/// describe (name, recommender and 单位性质 live on the unit itself, so the CSV import and the online form make the same
/// records). One per unit; a unit imported from CSV has none until it completes the form.
/// </summary>
public sealed class UnitRegistration
{
    /// <summary>The unit (primary key).</summary>
    public int UnitId { get; set; }
    /// <summary>会员单位.</summary>
    public bool IsMember { get; set; }
    /// <summary>单位地址.</summary>
    public required string Address { get; set; }
    /// <summary>邮编, 6 digits.</summary>
    public required string Postcode { get; set; }
    /// <summary>The text beside 单位性质 其他, or null.</summary>
    public string? NatureOther { get; set; }
    /// <summary>重点领域 (制造 / 建设工程 / 市场服务 / 非营利性服务).</summary>
    public required string KeyField { get; set; }
    /// <summary>是否“专精特新”中小企业.</summary>
    public bool Specialised { get; set; }
    /// <summary>重点产业 (one of <c>RegistrationChoices.KeyIndustries</c>).</summary>
    public required string KeyIndustry { get; set; }
    /// <summary>The text beside 重点产业 其他, or null.</summary>
    public string? KeyIndustryOther { get; set; }
    /// <summary>联系人姓名 (the first contact; <see cref="UnitContact"/> holds every contact's mobile).</summary>
    public required string ContactName { get; set; }
    /// <summary>部门及职务.</summary>
    public required string ContactPost { get; set; }
    /// <summary>邮箱地址.</summary>
    public required string ContactEmail { get; set; }
    /// <summary>拟申报作品: track names joined by ',' ("Speech,InnovationCase"); empty with <see cref="NoEntryYet"/>.</summary>
    public required string PlannedTracks { get; set; }
    /// <summary>参加活动，暂无作品申报.</summary>
    public bool NoEntryYet { get; set; }
    /// <summary>When registered (UTC).</summary>
    public DateTimeOffset RegisteredAt { get; set; }
    /// <summary>When last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A mobile number that signs in for a unit (issue 15: "the contact's mobile number and an SMS code … a unit may add a
/// second contact"). A number belongs to at most one unit per competition.
/// </summary>
public sealed class UnitContact
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public int UnitId { get; set; }
    /// <summary>11 digits.</summary>
    public required string Mobile { get; set; }
    /// <summary>The contact's name.</summary>
    public required string Name { get; set; }
    /// <summary>True for the registration's contact (联系人); false for an added one.</summary>
    public bool IsPrimary { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>An SMS sign-in code of a unit contact: only an HMAC of it is kept; 5 minutes, 5 wrong tries, single use.</summary>
public sealed class UnitSignInCode
{
    public long Id { get; set; }
    /// <summary>HMAC of the mobile (hex).</summary>
    public required string PhoneHash { get; set; }
    /// <summary>HMAC of phone hash and code (hex).</summary>
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    /// <summary>
    /// The id of the mobile's latest code when this one was issued (0 for its first; minus its own id for codes issued before
    /// the column). Unique per mobile, so of two simultaneous requests that read the same latest code only one stores a code
    /// (<see cref="SmsCodes.IssueAsync"/>): the 60 s and the day's budget hold under a double tap and across instances.
    /// </summary>
    public long PreviousCodeId { get; set; }
}

/// <summary>Where a declaration stands.</summary>
public enum DeclarationStatus
{
    /// <summary>草稿: saved as typed, not yet an entry.</summary>
    Draft,
    /// <summary>已提交: an <see cref="Entry"/> exists (<see cref="EntryDeclaration.EntryId"/>) and goes to recommendation and formal review.</summary>
    Submitted,
    /// <summary>已撤回: a draft the unit deleted (kept for the record; not counted against the limits).</summary>
    Withdrawn,
}

/// <summary>
/// One entry's declaration (参赛作品申报表, seed 000 附件2 (二)). A draft is saved as the unit types ("系统会自动保存");
/// submitting creates the <see cref="Entry"/> (作品编号 given then) that recommendation, formal review and judging use.
/// </summary>
public sealed class EntryDeclaration
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public int UnitId { get; set; }
    public Track Track { get; set; }
    public DeclarationStatus Status { get; set; }
    /// <summary>The entry made at submission, or null for a draft.</summary>
    public int? EntryId { get; set; }
    public string? Title { get; set; }
    /// <summary>作品类别 (上海服务 / 上海制造 / 上海购物 / 上海文化).</summary>
    public string? Category { get; set; }
    /// <summary>作品时长, minutes (speech, film).</summary>
    public int? DurationMinutes { get; set; }
    /// <summary>主创者姓名 (团队参赛填团队名称).</summary>
    public string? Creator { get; set; }
    public string? ContactName { get; set; }
    public string? ContactAddress { get; set; }
    public string? ContactDept { get; set; }
    public string? ContactPost { get; set; }
    public string? ContactMobile { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>参赛作品内容简介 (100–300 字 at submission).</summary>
    public string? Synopsis { get; set; }
    /// <summary>曾获相关荣誉 joined by '|'.</summary>
    public string? Honours { get; set; }
    public string? HonourOther { get; set; }
    /// <summary>The three commitments as "111" / "100" … (ticked = '1'), in the notice's order.</summary>
    public string? Commitments { get; set; }
    /// <summary>Saves so far (1 at creation); the page shows it and a stale tab's save does not silently win (it is told).</summary>
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
}

/// <summary>
/// The organiser's lift of a unit's per-track limit (seed 000 附件1 (三)4, "原则上"): the unit may declare up to
/// <see cref="Limit"/> entries of <see cref="Track"/>. Append-only; the latest per unit and track counts.
/// </summary>
public sealed class UnitLimitLift
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public Track Track { get; set; }
    /// <summary>The unit's limit of the track from now on (above the rule's).</summary>
    public int Limit { get; set; }
    public required string Reason { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>The organiser's dates of a competition's online intake (北京时间 on the page; UTC here). Absent: seed 000's dates of its year.</summary>
public sealed class IntakeCalendarSettings
{
    public int CompetitionId { get; set; }
    public DateTimeOffset RegistrationOpens { get; set; }
    public DateTimeOffset RegistrationCloses { get; set; }
    public DateTimeOffset SpeechDue { get; set; }
    public DateTimeOffset FilmAndCaseDue { get; set; }
    public DateTimeOffset RecommendationDue { get; set; }
    public DateTimeOffset FormalReviewCloses { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>
/// A file a unit uploaded beside its entries (append-only: a new upload of the same kind supersedes, nothing is deleted).
/// The work itself (speech outline, case document, film) goes where the existing intake keeps it (case documents, films).
/// </summary>
public sealed class UnitMaterial
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>The entry it belongs to (stamped declaration, entry extras), or null for the unit's own (logo, profile).</summary>
    public int? EntryId { get; set; }
    public MaterialKind Kind { get; set; }
    /// <summary>As the browser sent it.</summary>
    public required string OriginalFileName { get; set; }
    /// <summary>Path under the storage folder, e.g. "units/12/3-logo.jpg".</summary>
    public required string StoredName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    /// <summary>Lower-case hex SHA-256.</summary>
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>
/// A recommender's sign-in link (专属账号, issue 15): the organiser creates it for a recommender; whoever opens it first sets
/// the account's password (no shared passwords). Only the SHA-256 of the token is kept.
/// </summary>
public sealed class RecommenderInvite
{
    public required string TokenHash { get; set; }
    public int RecommenderId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    /// <summary>The account the link created (a <c>UserAccount</c> with role Recommender), once used.</summary>
    public int? UserId { get; set; }
}

/// <summary>
/// A recommender's opinion of one entry (推荐意见, 附件3), and its place in the recommender's order (排序, 1 = first).
/// Changed freely until the recommendation is submitted.
/// </summary>
public sealed class RecommendationOpinion
{
    public int Id { get; set; }
    public int RecommenderId { get; set; }
    public int EntryId { get; set; }
    /// <summary>推荐 (true) / 不推荐 (false), or null when not yet given.</summary>
    public bool? Recommend { get; set; }
    /// <summary>The opinion's text.</summary>
    public string? Text { get; set; }
    /// <summary>排序, 1-based.</summary>
    public int Position { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// A recommender's submitted recommendation (推荐提交, by 6/27): the filler's fields of 附件3 and the stamped scan. Append-only:
/// a later submission (after the organiser reopens) supersedes.
/// </summary>
public sealed class RecommendationSubmission
{
    public int Id { get; set; }
    public int RecommenderId { get; set; }
    /// <summary>填表人.</summary>
    public required string FillerName { get; set; }
    public required string FillerDept { get; set; }
    public required string FillerPost { get; set; }
    public required string FillerPhone { get; set; }
    public required string FillerEmail { get; set; }
    /// <summary>填表日期 (Beijing date).</summary>
    public DateOnly FilledOn { get; set; }
    /// <summary>The catalogue as submitted (JSON of the rows), so the table can be printed again as it was.</summary>
    public required string CatalogueJson { get; set; }
    /// <summary>The stamped scan (PDF or image) under the storage folder, once uploaded.</summary>
    public string? StampedScanName { get; set; }
    public string? StampedScanSha256 { get; set; }
    public DateTimeOffset? StampedScanAt { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public required string SubmittedBy { get; set; }
    /// <summary>When the organiser reopened this submission (退回重新提交), or null while it stands. A reopened submission is kept as
    /// it was (its table and scan stay readable in the audit) and no longer counts; the recommender edits and submits again.</summary>
    public DateTimeOffset? ReopenedAt { get; set; }
    /// <summary>Who reopened it ("组织者 俞琳").</summary>
    public string? ReopenedBy { get; set; }
    /// <summary>Why, as the recommender is told on its page.</summary>
    public string? ReopenReason { get; set; }
}
