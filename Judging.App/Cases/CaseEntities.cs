namespace Judging.App.Cases;

using Judging.Domain.Cases;

/// <summary>
/// One uploaded version of an entry's document (append-only: a resubmission adds version n+1, nothing is replaced or
/// deleted). The bytes live on disk under <see cref="CaseOptions.Path"/> as <see cref="StoredName"/>.
/// </summary>
public sealed class CaseDocument
{
    public int Id { get; set; }
    public int EntryId { get; set; }
    /// <summary>1 for the first upload, one more per later upload of the entry.</summary>
    public int Version { get; set; }
    /// <summary>The file name as the uploader's browser sent it (for the naming rule and the download name).</summary>
    public required string OriginalFileName { get; set; }
    /// <summary>Path relative to <see cref="CaseOptions.Path"/>, e.g. "12/v2.docx".</summary>
    public required string StoredName { get; set; }
    /// <summary>application/pdf or the .docx MIME type (from the sniffed kind, never from the upload).</summary>
    public required string ContentType { get; set; }
    public CaseFileKind Kind { get; set; }
    /// <summary>Size in bytes (at most <see cref="DocumentSniffer.MaxBytes"/>).</summary>
    public long SizeBytes { get; set; }
    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public required string Sha256 { get; set; }
    /// <summary>Word count (<see cref="WordCount"/>) for .docx; null for PDF.</summary>
    public int? WordCount { get; set; }
    /// <summary>Plain-text preview of a .docx (paragraphs separated by newlines, at most <see cref="CaseStore.PreviewMaxChars"/> characters); null for PDF.</summary>
    public string? PreviewText { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    /// <summary>"参赛单位（提交链接）", "组织者 俞琳（代为上传）" or "种子数据".</summary>
    public required string UploadedBy { get; set; }
}

/// <summary>Per-competition intake settings; organisers set them on the formal-review page.</summary>
public sealed class CaseIntakeSettings
{
    public int CompetitionId { get; set; }
    /// <summary>When the submission channel closes (instant; entered and shown in Beijing time); null = open, no deadline (the default).</summary>
    public DateTimeOffset? Deadline { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>
/// An entry's secret submission link <c>/submit/{Token}</c> (units have no accounts; like the judges' sign-in cards,
/// the organiser prints or sends it). Token: 32 lower-case hex characters (128 random bits).
/// </summary>
public sealed class SubmissionLink
{
    public int EntryId { get; set; }
    public required string Token { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
