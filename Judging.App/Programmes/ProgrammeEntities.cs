namespace Judging.App.Programmes;

/// <summary>
/// One of the city's other award programmes (issue 13, seeds 001–004), stored as the files it was imported from
/// (docs/programmes.md: programme.csv, categories.csv, materials.csv, rules.csv, caps.csv, windows.csv, stages.csv), so the
/// documented format is also the stored one; <see cref="ProgrammeService"/> reads them back into a
/// <see cref="Judging.Domain.Programmes.ProgrammeDefinition"/>.
/// </summary>
public sealed class Programme
{
    /// <summary>Id.</summary>
    public int Id { get; set; }

    /// <summary>The programme's code (programme.csv 代码, e.g. <c>government-quality-award-2025</c>); unique, used in links.</summary>
    public required string Code { get; set; }

    /// <summary>Its name (programme.csv 名称).</summary>
    public required string Name { get; set; }

    /// <summary>The definition's files, as JSON: file name → CSV text.</summary>
    public required string SourceFiles { get; set; }

    /// <summary>When imported (UTC).</summary>
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>Where an application stands (issue 13).</summary>
public enum ProgrammeApplicationStatus
{
    /// <summary>草稿: saved as typed, not submitted.</summary>
    Draft,

    /// <summary>已提交: submitted with every rule passed, or admitted by the organiser with a recorded reason.</summary>
    Submitted,

    /// <summary>不予受理: submitted while a rule failed; the failing reasons are shown; the applicant may correct and submit again,
    /// or the organiser may admit it with a reason.</summary>
    Refused,

    /// <summary>已撤回: withdrawn by the applicant before the formal review passed it.</summary>
    Withdrawn,

    /// <summary>退回修改: the formal review returned it with reasons; the applicant corrects it and submits it again.</summary>
    Returned,
}

/// <summary>
/// An application, recommendation or nomination to a <see cref="Programme"/> (issue 13): its fields as typed on the form
/// (column name of the programme's applicants.csv → text, docs/programme-applicants.md), so the seeded rows and the typed
/// forms are read by the same importer and checked by the same rules.
/// </summary>
public sealed class ProgrammeApplication
{
    /// <summary>Id.</summary>
    public int Id { get; set; }

    /// <summary>The programme.</summary>
    public int ProgrammeId { get; set; }

    /// <summary>Its reference: the seed's 编号 (<c>G01</c>) or <c>WS-0001</c> for one made online; unique per programme.</summary>
    public required string Reference { get; set; }

    /// <summary>The award category's code (categories.csv 类别代码).</summary>
    public required string CategoryCode { get; set; }

    /// <summary>What is applied for, as lists show it: the project's name, or the applicant's for an organisation or a person.</summary>
    public string Title { get; set; } = "";

    /// <summary>Who applies (the organisation, the person, or the nominated organisation); caps count per applicant.</summary>
    public string Applicant { get; set; } = "";

    /// <summary>The signed-in contact's mobile (11 digits) who owns it; null for a seeded application.</summary>
    public string? OwnerMobile { get; set; }

    /// <summary>The form's fields as JSON (column name → text).</summary>
    public string Fields { get; set; } = "{}";

    /// <summary>Bumped by each save; a save must name the revision it read (409 otherwise).</summary>
    public int Revision { get; set; }

    /// <summary>Status.</summary>
    public ProgrammeApplicationStatus Status { get; set; }

    /// <summary>Made (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last saved (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The last submission (UTC), refused or not; the rules check the application at this instant.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>When the organiser admitted a refused application (UTC).</summary>
    public DateTimeOffset? AdmittedAt { get; set; }

    /// <summary>Who admitted it.</summary>
    public string? AdmittedBy { get; set; }

    /// <summary>The recorded reason for admitting it although a rule failed.</summary>
    public string? AdmissionReason { get; set; }

    /// <summary>True for an application loaded from <c>seeds/programmes/</c>.</summary>
    public bool Seeded { get; set; }
}

/// <summary>A past winner of 上海市政府质量奖 (seed 002's past-winners.csv, imported by the organiser), for the "3 years after
/// 质量金奖" and "not again within 5 years" rules.</summary>
public sealed class ProgrammePastWinner
{
    /// <summary>Id.</summary>
    public int Id { get; set; }

    /// <summary>The programme whose rules read it.</summary>
    public int ProgrammeId { get; set; }

    /// <summary>获奖者: the organisation or the person.</summary>
    public required string Name { get; set; }

    /// <summary>所在单位 of a person; empty for an organisation.</summary>
    public string Unit { get; set; } = "";

    /// <summary>奖项 as written (市长质量奖 / 质量金奖).</summary>
    public required string Award { get; set; }

    /// <summary>类别 as written (先进质量管理模式 / 先进质量管理成果).</summary>
    public required string Kind { get; set; }

    /// <summary>获奖年度.</summary>
    public int Year { get; set; }
}

/// <summary>
/// A listed day of the working-day calendar (issue 13, "Windows and the working-day calendar"; seeds/calendar/cn-workdays.csv,
/// docs/calendar.md): a day off of a public holiday (休) or an adjusted working weekend day (班). The organiser edits it.
/// </summary>
public sealed class WorkingCalendarDay
{
    /// <summary>The day (Beijing).</summary>
    public DateOnly Date { get; set; }

    /// <summary>The year whose State Council notice lists it (a day early in January may belong to the year before's notice).</summary>
    public int Year { get; set; }

    /// <summary>True for 班 (an adjusted working weekend day), false for 休.</summary>
    public bool Working { get; set; }

    /// <summary>The holiday (节日), e.g. 春节.</summary>
    public string Holiday { get; set; } = "";
}

/// <summary>A file uploaded for one item of an application's material checklist (materials.csv), append-only; the newest of
/// an item counts.</summary>
public sealed class ProgrammeMaterialFile
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>The application.</summary>
    public int ApplicationId { get; set; }

    /// <summary>The checklist item (materials.csv 材料代码).</summary>
    public required string MaterialCode { get; set; }

    /// <summary>The name as uploaded.</summary>
    public required string FileName { get; set; }

    /// <summary>The format by content: pdf, jpg, png or docx.</summary>
    public required string Format { get; set; }

    /// <summary>Bytes.</summary>
    public long SizeBytes { get; set; }

    /// <summary>SHA-256, lower-case hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The stored file's name under the data folder's <c>programme-materials/</c>.</summary>
    public required string StoredName { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>Who (the contact's masked mobile, or the organiser).</summary>
    public required string UploadedBy { get; set; }
}

/// <summary>
/// One step of an application's formal review (形式审查, issue 13: "uses the existing review queue (checklist, 通过 / 退回修改,
/// history)"): the same steps as an entry's (<see cref="Judging.Domain.Cases.FormalReviewRecord"/>, folded by
/// <see cref="Judging.Domain.Cases.FormalReview"/>), stored per application. Append-only.
/// </summary>
public sealed class ProgrammeReviewRecord
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>The application.</summary>
    public int ApplicationId { get; set; }

    /// <summary>首次提交 / 重新提交 / 通过 / 退回修改.</summary>
    public Judging.Domain.Cases.FormalReviewAction Action { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Who.</summary>
    public required string Actor { get; set; }

    /// <summary>The submission reviewed or made: the application's submission count (1, 2, …).</summary>
    public int? Version { get; set; }

    /// <summary>退回修改: the reasons the applicant reads.</summary>
    public string? Reasons { get; set; }

    /// <summary>通过 although a checklist item fails: why.</summary>
    public string? OverrideReason { get; set; }

    /// <summary>The checklist items ticked, comma-separated material codes.</summary>
    public string? Ticks { get; set; }

    /// <summary>The checklist items failing at the time, comma-separated.</summary>
    public string? FailedItems { get; set; }
}
