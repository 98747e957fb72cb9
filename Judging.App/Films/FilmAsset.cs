namespace Judging.App.Films;

/// <summary>
/// The video file of one film entry (issue 4, "Films"): at most one per entry (unique <see cref="EntryId"/>). A new upload
/// replaces the row's file fields once the new file is safely on disk; the replacement is written to the audit log.
/// </summary>
public sealed class FilmAsset
{
    public int Id { get; set; }
    /// <summary>The film entry (<c>Entries.Id</c>, track MicroFilm); unique.</summary>
    public int EntryId { get; set; }
    /// <summary>File name inside the film folder (<see cref="FilmStore.Folder"/>), e.g. <c>12-20250620T101500-3f2a9c1d.mp4</c>; never a path.</summary>
    public required string StoredFileName { get; set; }
    /// <summary><c>video/mp4</c>, <c>video/quicktime</c> or <c>video/webm</c>, from the file's content.</summary>
    public required string ContentType { get; set; }
    /// <summary>Size of the file in bytes (at most <c>Judging:Films:MaxBytes</c>, 1 GiB by default).</summary>
    public long SizeBytes { get; set; }
    /// <summary>Lower-case hex SHA-256 of the file (64 characters), or null when not computed.</summary>
    public string? Sha256 { get; set; }
    /// <summary>Poster JPEG's file name inside the film folder, or null while there is none (a placeholder is served).</summary>
    public string? PosterFileName { get; set; }
    /// <summary>When the current file was recorded (UTC).</summary>
    public DateTimeOffset UploadedAt { get; set; }
    /// <summary>Who uploaded it: the organiser's display name, or <c>种子数据</c> for the seeds.</summary>
    public required string UploadedBy { get; set; }
}
