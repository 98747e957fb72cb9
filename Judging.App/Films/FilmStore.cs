namespace Judging.App.Films;

using System.Buffers;
using System.Security.Cryptography;
using Judging.Domain.Films;
using Microsoft.Extensions.Options;

/// <summary>A film file received into the film folder under a temporary name, checked and hashed, not yet recorded.</summary>
/// <param name="TempPath">Full path of the temporary file (<c>.upload-….tmp</c> in <see cref="FilmStore.Folder"/>).</param>
/// <param name="Container">What the first bytes say the file is.</param>
/// <param name="SizeBytes">Bytes received.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes.</param>
public sealed record ReceivedFilm(string TempPath, VideoContainer Container, long SizeBytes, string Sha256);

/// <summary>Why a received body was not kept.</summary>
public enum ReceiveProblem
{
    /// <summary>Kept.</summary>
    None,
    /// <summary>More bytes than the limit (<see cref="FilmOptions.MaxBytes"/>); HTTP 413.</summary>
    TooLarge,
    /// <summary>Not MP4, MOV or WebM by content (<see cref="VideoFormat.Sniff"/>), or empty; HTTP 415.</summary>
    NotVideo,
}

/// <summary>
/// The film folder (<see cref="FilmOptions.Path"/>): receives a stream into a temporary file without holding it in
/// memory (one 80 KiB pooled buffer), stops as soon as it passes the limit, recognises the container from the first
/// bytes, and moves finished files into place atomically (a rename in the same folder). Files are named by the app,
/// never by the uploader.
/// </summary>
public sealed class FilmStore
{
    /// <summary>Users see these texts (issue 4: "a rejected file gets a clear message").</summary>
    public const string TooLargeMessage = "视频文件超过 1 GB 上限";
    /// <summary>The message for a file that is not a video of an accepted container.</summary>
    public const string NotVideoMessage = "只接受 MP4、MOV 或 WebM 视频（按文件内容识别，不看扩展名）";

    private const int BufferSize = 81920;
    private readonly Lazy<string> folder;

    /// <summary>Resolves the folder from <see cref="FilmOptions.Path"/> (relative to <paramref name="root"/>) or beside the SQLite database.</summary>
    public FilmStore(string root, IConfiguration config, IOptions<FilmOptions> options)
    {
        Options = options.Value;
        folder = new Lazy<string>(() =>
        {
            var dir = ResolveFolder(root, config, Options.Path);
            Directory.CreateDirectory(dir);
            return dir;
        });
    }

    /// <summary>The film settings in force.</summary>
    public FilmOptions Options { get; }

    /// <summary>Full path of the film folder (created on first use).</summary>
    public string Folder => folder.Value;

    /// <summary>
    /// The film folder for the settings: <paramref name="configured"/> (<c>Judging:Films:Path</c>) if set, else
    /// <c>films</c> under the storage folder (<see cref="Persistence.DatabaseSettings.StoragePath"/>).
    /// </summary>
    public static string ResolveFolder(string root, IConfiguration config, string? configured) =>
        !string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(Path.Combine(root, configured))
            : Path.Combine(Persistence.DatabaseSettings.From(config, root).StoragePath, "films");

    /// <summary>Full path of a stored file; throws <see cref="ArgumentException"/> for anything that is not a plain file name.</summary>
    public string PathOf(string storedFileName)
    {
        if (string.IsNullOrWhiteSpace(storedFileName) || storedFileName != Path.GetFileName(storedFileName) || storedFileName.StartsWith('.'))
            throw new ArgumentException("Not a stored film file name: " + storedFileName, nameof(storedFileName));
        return Path.Combine(Folder, storedFileName);
    }

    /// <summary>
    /// Copies <paramref name="body"/> into a temporary file in the folder, at most <paramref name="maxBytes"/> bytes
    /// (it stops reading at the first byte over), hashing as it goes, and flushes it to disk. Returns the file, or the
    /// problem (the temporary file is then deleted). Errors of the stream or the disk are thrown after deleting it.
    /// </summary>
    public async Task<(ReceivedFilm? File, ReceiveProblem Problem)> ReceiveAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        var temp = Path.Combine(Folder, $".upload-{Guid.NewGuid():N}.tmp");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var head = new byte[VideoFormat.SniffBytes];
        var kept = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            var headLength = 0;
            VideoContainer? container = null;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                while (true)
                {
                    var n = await body.ReadAsync(buffer.AsMemory(0, BufferSize), ct);
                    if (n == 0) break;
                    total += n;
                    if (total > maxBytes) return (null, ReceiveProblem.TooLarge);
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(n, head.Length - headLength);
                        buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                        headLength += take;
                        if (headLength == head.Length && (container = VideoFormat.Sniff(head)) is null) return (null, ReceiveProblem.NotVideo);
                    }
                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
                if (headLength < head.Length) container = VideoFormat.Sniff(head.AsSpan(0, headLength));
                if (container is null) return (null, ReceiveProblem.NotVideo);
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            kept = true;
            return (new ReceivedFilm(temp, container.Value, total, Convert.ToHexStringLower(hash.GetHashAndReset())), ReceiveProblem.None);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!kept) TryDelete(temp);
        }
    }

    /// <summary>
    /// Moves a received file into place as <c>{entryId}-{UTC time}-{random}.{ext}</c> (a rename within the folder, so
    /// readers never see a half file) and returns the stored file name.
    /// </summary>
    public string Place(ReceivedFilm film, int entryId, DateTimeOffset at)
    {
        var name = $"{entryId}-{at.UtcDateTime:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..8]}{VideoFormat.Extension(film.Container)}";
        File.Move(film.TempPath, PathOf(name));
        return name;
    }

    /// <summary>Copies a poster JPEG into the folder as <c>{video file stem}.jpg</c> and returns its file name.</summary>
    public string PlacePoster(string sourceJpeg, string storedVideoName)
    {
        var name = PosterNameFor(storedVideoName);
        var temp = Path.Combine(Folder, $".poster-{Guid.NewGuid():N}.tmp");
        File.Copy(sourceJpeg, temp);
        File.Move(temp, PathOf(name), overwrite: true);
        return name;
    }

    /// <summary>The poster file name that belongs to a stored video: <c>{stem}.jpg</c>.</summary>
    public static string PosterNameFor(string storedVideoName) => Path.GetFileNameWithoutExtension(storedVideoName) + ".jpg";

    /// <summary>Deletes a stored file if it exists; a failure is ignored (an orphan file is harmless).</summary>
    public void DeleteQuietly(string? storedFileName)
    {
        if (storedFileName is null) return;
        try { TryDelete(PathOf(storedFileName)); } catch (ArgumentException) { }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
