namespace Judging.App.Films;

using Judging.Domain.Films;

/// <summary>Settings of film media, section <c>Judging:Films</c> of <c>appsettings.json</c>.</summary>
public sealed class FilmOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Judging:Films";

    /// <summary>
    /// Folder of the film files and posters. Relative paths resolve against the project root. Default (unset): a
    /// <c>films</c> folder beside the SQLite database file (<c>data/films</c> with the default database), so a test's
    /// temporary database gets its own films; <c>data/films</c> under the root for PostgreSQL.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Largest upload in bytes; default <see cref="VideoFormat.MaxBytes"/> (1 GiB, seed 000). Tests set it lower.</summary>
    public long MaxBytes { get; set; } = VideoFormat.MaxBytes;

    /// <summary>
    /// The ffmpeg program for poster frames: unset to look for <c>ffmpeg</c> on PATH once at start, a path to use that
    /// program, or <c>none</c> to never run it (posters are then placeholders).
    /// </summary>
    public string? Ffmpeg { get; set; }

    /// <summary>Seconds one ffmpeg poster run may take before it is killed (default 30).</summary>
    public int PosterTimeoutSeconds { get; set; } = 30;
}
