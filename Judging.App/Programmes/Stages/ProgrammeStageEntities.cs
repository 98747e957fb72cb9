namespace Judging.App.Programmes.Stages;

using Judging.Domain.Programmes;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// A proposed award (拟授奖, issue 16) for one application: the level it is proposed for (奖项等级, e.g. 上海市质量金奖 or 一等奖),
/// from the expert review's results or set by the organiser with a reason. Append-only: the latest row per application is in
/// force; <see cref="Withdrawn"/> takes the application off the proposed list.
/// </summary>
public sealed class ProgrammeProposal
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>The application.</summary>
    public int ApplicationId { get; set; }

    /// <summary>The level as the notice names it (categories.csv 奖项等级, one of them); empty when withdrawn.</summary>
    public string Level { get; set; } = "";

    /// <summary>True: off the proposed list.</summary>
    public bool Withdrawn { get; set; }

    /// <summary>Where it comes from: 评审结果 (the results engine), 组织者 (set by hand), 异议处理 (an objection's outcome).</summary>
    public required string Source { get; set; }

    /// <summary>Why (required when set by hand or by an objection).</summary>
    public string Reason { get; set; } = "";

    /// <summary>Who.</summary>
    public required string Actor { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A site verification (现场验证 / 现场考察, issue 16) planned for one application: why it is needed, the team (experts without
/// a conflict), date and place. The organiser may re-plan it (a new row); the latest row per application is in force;
/// <see cref="Cancelled"/> withdraws the need.
/// </summary>
public sealed class ProgrammeSiteVisit
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>The application.</summary>
    public int ApplicationId { get; set; }

    /// <summary>Why a visit is needed ("必要时": decided per application).</summary>
    public required string Reason { get; set; }

    /// <summary>The team as JSON: a list of {"name","organisation"}; the first is the team leader (组长).</summary>
    public string Team { get; set; } = "[]";

    /// <summary>The day of the visit (Beijing).</summary>
    public DateOnly? Date { get; set; }

    /// <summary>Where.</summary>
    public string Place { get; set; } = "";

    /// <summary>True: the visit is no longer needed (with <see cref="Reason"/>).</summary>
    public bool Cancelled { get; set; }

    /// <summary>Who planned it.</summary>
    public required string Actor { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// What a site visit team recorded for one application (issue 16: "findings per criterion, a conclusion (属实 / 基本属实 / 不属实)"):
/// append-only; a row with <see cref="Conclusion"/> set is a conclusion (the latest counts), one without is a finding on
/// <see cref="Criterion"/>.
/// </summary>
public sealed class ProgrammeSiteFinding
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>The application.</summary>
    public int ApplicationId { get; set; }

    /// <summary>The visit it belongs to.</summary>
    public long SiteVisitId { get; set; }

    /// <summary>The criterion checked (e.g. a rule of the notice, a claim of the application); empty for a conclusion.</summary>
    public string Criterion { get; set; } = "";

    /// <summary>What was found, or the conclusion's summary.</summary>
    public required string Text { get; set; }

    /// <summary>The conclusion, or null for a finding.</summary>
    public SiteVisitConclusion? Conclusion { get; set; }

    /// <summary>Who (a team member, or the organiser entering the team's record).</summary>
    public required string Actor { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A credit check (信用查询, issue 16) of one application: who checked, on which day, which sources, the result and any finding.
/// Append-only: the latest row per application is in force.
/// </summary>
public sealed class ProgrammeCreditCheck
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>The application.</summary>
    public int ApplicationId { get; set; }

    /// <summary>The person who checked.</summary>
    public required string CheckedBy { get; set; }

    /// <summary>The day checked (Beijing).</summary>
    public DateOnly CheckedOn { get; set; }

    /// <summary>The sources consulted, separated by "、" (信用记录 / 市场监管行政处罚 / 申报单位声明 / other as typed).</summary>
    public required string Sources { get; set; }

    /// <summary>The result.</summary>
    public CreditCheckResult Result { get; set; }

    /// <summary>What was found (required when failed).</summary>
    public string Finding { get; set; } = "";

    /// <summary>Who recorded it.</summary>
    public required string Actor { get; set; }

    /// <summary>When recorded (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// The committee's record on one application at a stage (issue 16: "a 不属实 conclusion stops the application before 公示 unless
/// the committee records otherwise"): the stage (现场验证), the reason and the meeting. Append-only; the latest per
/// (application, stage) is in force; <see cref="Revoked"/> takes it back.
/// </summary>
public sealed class ProgrammeCommitteeRecord
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>The application.</summary>
    public int ApplicationId { get; set; }

    /// <summary>The stage it overrides: 现场验证 or 信用查询.</summary>
    public required string Stage { get; set; }

    /// <summary>The committee's reason.</summary>
    public required string Reason { get; set; }

    /// <summary>The meeting's reference (纪要编号).</summary>
    public string MeetingReference { get; set; } = "";

    /// <summary>True: the record is taken back.</summary>
    public bool Revoked { get; set; }

    /// <summary>Who recorded it.</summary>
    public required string Actor { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A 公示 (public notice, issue 16) of a programme's proposed list: its period in working days on the calendar, the text
/// (how to object, the contact), the list as published (JSON snapshot: reference, category, level, applicant, project), and
/// when it was closed. A published notice's period may be extended, never shortened; every change is audited.
/// </summary>
public sealed class ProgrammeNotice
{
    /// <summary>Id.</summary>
    public int Id { get; set; }

    /// <summary>The programme.</summary>
    public int ProgrammeId { get; set; }

    /// <summary>The heading, e.g. "2025—2026年上海市政府质量奖拟授奖名单公示".</summary>
    public required string Title { get; set; }

    /// <summary>The first day (Beijing).</summary>
    public DateOnly StartDay { get; set; }

    /// <summary>The period in working days (default <see cref="NoticePeriod.DefaultWorkingDays"/>).</summary>
    public int WorkingDays { get; set; }

    /// <summary>The last day (Beijing), computed on the calendar when published or extended.</summary>
    public DateOnly EndDay { get; set; }

    /// <summary>How to object (异议方式), shown on the public page.</summary>
    public string HowToObject { get; set; } = "";

    /// <summary>The contact (联系人、电话、地址).</summary>
    public string Contact { get; set; } = "";

    /// <summary>The list as published, JSON: [{"applicationId","reference","category","level","applicant","title"}].</summary>
    public string List { get; set; } = "[]";

    /// <summary>Published (UTC); null for a draft.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Who published.</summary>
    public string? PublishedBy { get; set; }

    /// <summary>Closed (UTC); null while open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Who closed.</summary>
    public string? ClosedBy { get; set; }

    /// <summary>Bumped by every change (optimistic concurrency, and the public page's cache key).</summary>
    public int Version { get; set; }
}

/// <summary>Where an objection stands. UI: 已受理 / 调查中 / 已办结.</summary>
public enum ObjectionStatus
{
    /// <summary>已受理: received, not yet assigned.</summary>
    Received,

    /// <summary>调查中: assigned, being investigated.</summary>
    Investigating,

    /// <summary>已办结: the outcome is recorded.</summary>
    Decided,
}

/// <summary>
/// An objection (异议) to one application on a 公示 (issue 16), by real name. The objector's identity (<see cref="Name"/>,
/// <see cref="Organisation"/>, <see cref="Mobile"/>) is shown only to organisers. Its handling is in
/// <see cref="ProgrammeObjectionStep"/>s; the outcome fields hold the decision in force.
/// </summary>
public sealed class ProgrammeObjection
{
    /// <summary>Id.</summary>
    public int Id { get; set; }

    /// <summary>The notice.</summary>
    public int NoticeId { get; set; }

    /// <summary>The application objected to.</summary>
    public int ApplicationId { get; set; }

    /// <summary>Its number as shown to the objector: YY-0001 per notice.</summary>
    public required string Number { get; set; }

    /// <summary>The objector's name.</summary>
    public required string Name { get; set; }

    /// <summary>The objector's organisation.</summary>
    public required string Organisation { get; set; }

    /// <summary>The objector's mobile, verified by SMS code (11 digits).</summary>
    public required string Mobile { get; set; }

    /// <summary>The grounds as written.</summary>
    public required string Grounds { get; set; }

    /// <summary>Received (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Status.</summary>
    public ObjectionStatus Status { get; set; }

    /// <summary>Who investigates (assigned).</summary>
    public string? AssignedTo { get; set; }

    /// <summary>The outcome, once decided.</summary>
    public ObjectionOutcome? Outcome { get; set; }

    /// <summary>What it does to the award.</summary>
    public ObjectionEffect Effect { get; set; }

    /// <summary>The new level when <see cref="Effect"/> is 调整.</summary>
    public string? NewLevel { get; set; }

    /// <summary>The outcome's reasons.</summary>
    public string? OutcomeReason { get; set; }

    /// <summary>Decided (UTC).</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>When the objector was told the outcome by SMS (UTC).</summary>
    public DateTimeOffset? NotifiedAt { get; set; }

    /// <summary>Bumped by every change (optimistic concurrency).</summary>
    public int Version { get; set; }
}

/// <summary>One step of handling an objection, append-only: 受理 / 指派 / 调查记录 / 申报方答复 / 办结 / 短信告知.</summary>
public sealed class ProgrammeObjectionStep
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>The objection.</summary>
    public int ObjectionId { get; set; }

    /// <summary>受理 / 指派 / 调查记录 / 申报方答复 / 办结 / 短信告知.</summary>
    public required string Kind { get; set; }

    /// <summary>The note, the reply's summary, or the outcome's reasons.</summary>
    public string Text { get; set; } = "";

    /// <summary>Who.</summary>
    public required string Actor { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// The committee's decision (审定, issue 16) on one application: approved or not, the level approved, the meeting's date and
/// reference. Only after the 公示 closed without open objections. Append-only; the latest per application is in force.
/// </summary>
public sealed class ProgrammeDecision
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>The application.</summary>
    public int ApplicationId { get; set; }

    /// <summary>Approved (true) or not.</summary>
    public bool Approved { get; set; }

    /// <summary>The level approved (empty when not approved).</summary>
    public string Level { get; set; } = "";

    /// <summary>The meeting's day (Beijing).</summary>
    public DateOnly MeetingDate { get; set; }

    /// <summary>The meeting's reference (纪要编号 / 文号).</summary>
    public required string MeetingReference { get; set; }

    /// <summary>A note (why not approved, or a remark).</summary>
    public string Note { get; set; } = "";

    /// <summary>Who recorded it.</summary>
    public required string Actor { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A certificate issued (证书, issue 16): the register's row. <see cref="Number"/> is unique and never reused; a reissue is a
/// new row that names the one it replaces.
/// </summary>
public sealed class ProgrammeCertificate
{
    /// <summary>Id.</summary>
    public int Id { get; set; }

    /// <summary>The programme.</summary>
    public int ProgrammeId { get; set; }

    /// <summary>The application.</summary>
    public int ApplicationId { get; set; }

    /// <summary>The certificate number, e.g. 沪质奖〔2025〕001.</summary>
    public required string Number { get; set; }

    /// <summary>Who it is issued to (the organisation or the person).</summary>
    public required string Holder { get; set; }

    /// <summary>The holder's organisation, for a person.</summary>
    public string HolderUnit { get; set; } = "";

    /// <summary>The project, when the award is for one.</summary>
    public string Project { get; set; } = "";

    /// <summary>The level as awarded.</summary>
    public required string Level { get; set; }

    /// <summary>Issued (UTC).</summary>
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Who issued.</summary>
    public required string IssuedBy { get; set; }

    /// <summary>The certificate this one replaces, or null.</summary>
    public int? Replaces { get; set; }
}

/// <summary>
/// A file recorded at a stage (issue 16): a site visit's photos or documents, a credit record, an objection's evidence, the
/// applicant's reply. Append-only; stored under the data folder's <c>programme-stages/</c>.
/// </summary>
public sealed class ProgrammeStageFile
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>The application it concerns.</summary>
    public int ApplicationId { get; set; }

    /// <summary>What it belongs to: 现场验证 / 信用查询 / 异议证据 / 申报方答复.</summary>
    public required string Kind { get; set; }

    /// <summary>The record it belongs to (site visit, credit check or objection id).</summary>
    public long OwnerId { get; set; }

    /// <summary>The name as uploaded.</summary>
    public required string FileName { get; set; }

    /// <summary>The format by content: pdf, jpg, png or docx.</summary>
    public required string Format { get; set; }

    /// <summary>Bytes.</summary>
    public long SizeBytes { get; set; }

    /// <summary>SHA-256, lower-case hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The stored file's name.</summary>
    public required string StoredName { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>Who (an organiser, or "异议人" for an objector's evidence).</summary>
    public required string UploadedBy { get; set; }
}

/// <summary>
/// The expert review of a programme (初评 / 书面评价 and 复评 / 会审答辩, issue 16) runs on the competition machinery: a review
/// edition is a <see cref="Judging.Domain.Competitions.Competition"/> whose entries are the programme's admitted applications
/// (<see cref="ProgrammeReviewEntry"/>), so assignment with conflicts, drafts, outliers, normalisation, the defence schedule,
/// the live round flow and the results engine apply as they are.
/// </summary>
public sealed class ProgrammeReviewEdition
{
    /// <summary>Id.</summary>
    public int Id { get; set; }

    /// <summary>The programme.</summary>
    public int ProgrammeId { get; set; }

    /// <summary>The category reviewed (categories.csv 类别代码), or null for all of the programme's categories.</summary>
    public string? CategoryCode { get; set; }

    /// <summary>The competition that holds the review.</summary>
    public int CompetitionId { get; set; }

    /// <summary>Who opened it.</summary>
    public required string Actor { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>An application's entry in a review edition.</summary>
public sealed class ProgrammeReviewEntry
{
    /// <summary>Id.</summary>
    public int Id { get; set; }

    /// <summary>The edition.</summary>
    public int EditionId { get; set; }

    /// <summary>The application.</summary>
    public int ApplicationId { get; set; }

    /// <summary>The competition entry that stands for it.</summary>
    public int EntryId { get; set; }
}

/// <summary>The tables of the stages after intake (issue 16), added to the model by <see cref="ProgrammesModule.ConfigureModel"/>.</summary>
public static class ProgrammeStagesModel
{
    /// <summary>Adds the stage tables.</summary>
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ProgrammeProposal>(e =>
        {
            e.ToTable("ProgrammeProposals");
            e.HasIndex(x => x.ApplicationId);
            e.Property(x => x.Level).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
        });
        b.Entity<ProgrammeSiteVisit>(e =>
        {
            e.ToTable("ProgrammeSiteVisits");
            e.HasIndex(x => x.ApplicationId);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.Team).HasMaxLength(4000);
            e.Property(x => x.Place).HasMaxLength(200);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
        });
        b.Entity<ProgrammeSiteFinding>(e =>
        {
            e.ToTable("ProgrammeSiteFindings");
            e.HasIndex(x => x.ApplicationId);
            e.Property(x => x.Criterion).HasMaxLength(200);
            e.Property(x => x.Text).HasMaxLength(4000);
            e.Property(x => x.Conclusion).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
            e.HasOne<ProgrammeSiteVisit>().WithMany().HasForeignKey(x => x.SiteVisitId);
        });
        b.Entity<ProgrammeCreditCheck>(e =>
        {
            e.ToTable("ProgrammeCreditChecks");
            e.HasIndex(x => x.ApplicationId);
            e.Property(x => x.CheckedBy).HasMaxLength(100);
            e.Property(x => x.Sources).HasMaxLength(500);
            e.Property(x => x.Result).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Finding).HasMaxLength(2000);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
        });
        b.Entity<ProgrammeCommitteeRecord>(e =>
        {
            e.ToTable("ProgrammeCommitteeRecords");
            e.HasIndex(x => new { x.ApplicationId, x.Stage });
            e.Property(x => x.Stage).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.MeetingReference).HasMaxLength(100);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
        });
        b.Entity<ProgrammeNotice>(e =>
        {
            e.ToTable("ProgrammeNotices");
            e.HasIndex(x => x.ProgrammeId);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.HowToObject).HasMaxLength(2000);
            e.Property(x => x.Contact).HasMaxLength(500);
            e.Property(x => x.PublishedBy).HasMaxLength(200);
            e.Property(x => x.ClosedBy).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId);
        });
        b.Entity<ProgrammeObjection>(e =>
        {
            e.ToTable("ProgrammeObjections");
            e.HasIndex(x => x.NoticeId);
            e.HasIndex(x => x.ApplicationId);
            e.HasIndex(x => new { x.NoticeId, x.Number }).IsUnique();
            e.Property(x => x.Number).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.Organisation).HasMaxLength(200);
            e.Property(x => x.Mobile).HasMaxLength(11);
            e.Property(x => x.Grounds).HasMaxLength(4000);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.AssignedTo).HasMaxLength(100);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Effect).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.NewLevel).HasMaxLength(64);
            e.Property(x => x.OutcomeReason).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<ProgrammeNotice>().WithMany().HasForeignKey(x => x.NoticeId);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
        });
        b.Entity<ProgrammeObjectionStep>(e =>
        {
            e.ToTable("ProgrammeObjectionSteps");
            e.HasIndex(x => x.ObjectionId);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Text).HasMaxLength(4000);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.HasOne<ProgrammeObjection>().WithMany().HasForeignKey(x => x.ObjectionId);
        });
        b.Entity<ProgrammeDecision>(e =>
        {
            e.ToTable("ProgrammeDecisions");
            e.HasIndex(x => x.ApplicationId);
            e.Property(x => x.Level).HasMaxLength(64);
            e.Property(x => x.MeetingReference).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
        });
        b.Entity<ProgrammeCertificate>(e =>
        {
            e.ToTable("ProgrammeCertificates");
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.ApplicationId);
            e.Property(x => x.Number).HasMaxLength(40);
            e.Property(x => x.Holder).HasMaxLength(200);
            e.Property(x => x.HolderUnit).HasMaxLength(200);
            e.Property(x => x.Project).HasMaxLength(200);
            e.Property(x => x.Level).HasMaxLength(64);
            e.Property(x => x.IssuedBy).HasMaxLength(200);
            e.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
        });
        b.Entity<ProgrammeStageFile>(e =>
        {
            e.ToTable("ProgrammeStageFiles");
            e.HasIndex(x => new { x.Kind, x.OwnerId });
            e.HasIndex(x => x.ApplicationId);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.Format).HasMaxLength(8);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoredName).HasMaxLength(100);
            e.Property(x => x.UploadedBy).HasMaxLength(200);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
        });
        b.Entity<ProgrammeReviewEdition>(e =>
        {
            e.ToTable("ProgrammeReviewEditions");
            e.HasIndex(x => x.ProgrammeId);
            e.HasIndex(x => x.CompetitionId).IsUnique();
            e.Property(x => x.CategoryCode).HasMaxLength(64);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId);
            e.HasOne<Judging.Domain.Competitions.Competition>().WithMany().HasForeignKey(x => x.CompetitionId);
        });
        b.Entity<ProgrammeReviewEntry>(e =>
        {
            e.ToTable("ProgrammeReviewEntries");
            e.HasIndex(x => new { x.EditionId, x.ApplicationId }).IsUnique();
            e.HasIndex(x => x.EntryId).IsUnique();
            e.HasOne<ProgrammeReviewEdition>().WithMany().HasForeignKey(x => x.EditionId);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
            e.HasOne<Judging.Domain.Competitions.Entry>().WithMany().HasForeignKey(x => x.EntryId);
        });
    }
}
