namespace Judging.App.Uploads;

/// <summary>Settings of resumable uploads, section <c>Judging:Uploads</c> (issue 15, "Large files survive a bad connection").</summary>
public sealed class UploadOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Judging:Uploads";

    /// <summary>
    /// Folder of unfinished uploads (data and a small JSON info file each). Unset: <c>uploads</c> under the storage folder
    /// (<c>Judging:Storage:Path</c>), which every instance shares; relative paths resolve against the project root.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Hours after its last byte (or its creation) an unfinished upload is deleted (default 24; <c>Upload-Expires</c>).</summary>
    public double ExpiryHours { get; set; } = 24;

    /// <summary>Minutes between two sweeps for abandoned uploads (default 15).</summary>
    public double SweepMinutes { get; set; } = 15;

    /// <summary>The largest upload of any target, bytes (<c>Tus-Max-Size</c>; default 1 GiB, the film limit of seed 000). Each target caps lower.</summary>
    public long MaxBytes { get; set; } = Judging.Domain.Films.VideoFormat.MaxBytes;

    /// <summary>The size of one PATCH the pages send, bytes (tus-js-client's <c>chunkSize</c>; default 8 MiB). Tests set it smaller.</summary>
    public long ChunkBytes { get; set; } = 8L << 20;
}
