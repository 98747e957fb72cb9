namespace Judging.App.Cases;

using System.Security.Cryptography;
using Judging.Domain.Cases;
using Microsoft.Extensions.Options;

/// <summary>Settings of case documents, section <c>Judging:Cases</c>.</summary>
public sealed class CaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Judging:Cases";

    /// <summary>
    /// Folder for the documents (<c>Judging:Cases:Path</c>); relative paths resolve against the app root. Default: a
    /// <c>cases</c> folder beside the SQLite database file (so <c>data/cases/</c> for the default database).
    /// </summary>
    public string Path { get; set; } = "";

    /// <summary>Folder of the seed documents and <c>manifest.csv</c> (<c>Judging:Cases:SeedsPath</c>); default <c>{Judging:SeedsPath}/cases</c>.</summary>
    public string SeedsPath { get; set; } = "";

    /// <summary>Uploads through one submission link per <see cref="UploadWindowMinutes"/> (<c>Judging:Cases:UploadsPerLink</c>, default 10).</summary>
    public int UploadsPerLink { get; set; } = 10;

    /// <summary>
    /// Uploads from one client address per <see cref="UploadWindowMinutes"/> (<c>Judging:Cases:UploadsPerAddress</c>, default 30);
    /// a signed-in organiser uploading on units' behalf is not limited by address.
    /// </summary>
    public int UploadsPerAddress { get; set; } = 30;

    /// <summary>The window of both upload limits, minutes (<c>Judging:Cases:UploadWindowMinutes</c>, default 10).</summary>
    public int UploadWindowMinutes { get; set; } = 10;
}

/// <summary>A document written to a temporary file by <see cref="CaseStore.ReceiveAsync"/>, sniffed, hashed and measured.</summary>
/// <param name="TempPath">Where it is (delete it if not kept).</param>
/// <param name="Kind">PDF or .docx.</param>
/// <param name="SizeBytes">Bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256.</param>
/// <param name="WordCount">For .docx.</param>
/// <param name="PreviewText">For .docx.</param>
public sealed record ReceivedFile(string TempPath, CaseFileKind Kind, long SizeBytes, string Sha256, int? WordCount, string? PreviewText);

/// <summary>Why a received file was refused: 413 (too large), 415 (not PDF/.docx, a damaged .docx, or one beyond
/// <see cref="DocxLimits"/>) or 503 (the server is busy reading other documents), with a Chinese message.</summary>
/// <param name="StatusCode">413, 415 or 503.</param>
/// <param name="Message">zh-CN.</param>
public sealed record ReceiveRefusal(int StatusCode, string Message);

/// <summary>
/// The document files: streamed to disk with the 50 MiB limit enforced while copying, sniffed by content
/// (<see cref="DocumentSniffer"/>), hashed (SHA-256), and for .docx the text preview and word count read as a stream within
/// <see cref="DocxLimits.Default"/> (<see cref="DocxText"/>), one document at a time across the app (a singleton's
/// semaphore), so a burst of crafted documents costs one reader's memory. Files are never overwritten: each version has its
/// own name.
/// </summary>
public sealed class CaseStore(IOptions<CaseOptions> options)
{
    /// <summary>Longest stored text preview, in characters (200,000).</summary>
    public const int PreviewMaxChars = 200_000;

    /// <summary>How long an upload waits for the reader before it is refused as busy (503).</summary>
    public static readonly TimeSpan ExtractionWait = TimeSpan.FromSeconds(30);

    /// <summary>At most one .docx is read at a time (issue 10, item 2).</summary>
    private readonly SemaphoreSlim extraction = new(1, 1);

    /// <summary>The documents' folder (created if missing).</summary>
    public string Root
    {
        get
        {
            Directory.CreateDirectory(options.Value.Path);
            return options.Value.Path;
        }
    }

    /// <summary>The full path of a stored document.</summary>
    public string FullPath(CaseDocument d) => System.IO.Path.Combine(Root, d.StoredName);

    /// <summary>
    /// Copies <paramref name="source"/> to a temporary file under <see cref="Root"/>, at most
    /// <see cref="DocumentSniffer.MaxBytes"/> bytes (more: refused 413, the rest is not read), then sniffs it (415).
    /// Returns the file or a refusal; never leaves a refused file behind.
    /// </summary>
    public async Task<(ReceivedFile? File, ReceiveRefusal? Refusal)> ReceiveAsync(Stream source, CancellationToken ct)
    {
        var temp = System.IO.Path.Combine(Root, $"upload-{Guid.NewGuid():N}.tmp");
        var keep = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = await source.ReadAsync(buffer, ct)) > 0)
                {
                    total += n;
                    if (total > DocumentSniffer.MaxBytes) return (null, new(StatusCodes.Status413PayloadTooLarge, DocumentSniffer.TooLargeMessage));
                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            SniffResult sniff;
            int? words = null;
            string? preview = null;
            await using (var read = File.OpenRead(temp))
            {
                sniff = DocumentSniffer.Sniff(read);
                if (!sniff.Ok) return (null, new(StatusCodes.Status415UnsupportedMediaType, sniff.Error!));
                if (sniff.Kind == CaseFileKind.Docx)
                {
                    read.Position = 0;
                    if (!await extraction.WaitAsync(ExtractionWait, ct))
                        return (null, new(StatusCodes.Status503ServiceUnavailable, "服务器正在处理其他文档，请稍后重新上传。"));
                    DocxTextResult text;
                    try { text = DocxText.Extract(read); }
                    finally { extraction.Release(); }
                    if (!text.Ok) return (null, new(StatusCodes.Status415UnsupportedMediaType, text.Error!));
                    words = text.Words;
                    preview = text.Preview;
                }
            }
            keep = true;
            return (new ReceivedFile(temp, sniff.Kind!.Value, total, Convert.ToHexStringLower(hash.GetHashAndReset()), words, preview), null);
        }
        finally
        {
            if (!keep) TryDelete(temp);
        }
    }

    /// <summary>Moves a received file to its final name "{entryId}/v{version}{ext}" and returns that relative name.</summary>
    public string Keep(ReceivedFile f, int entryId, int version)
    {
        var rel = System.IO.Path.Combine(entryId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"v{version}{DocumentSniffer.Extension(f.Kind)}");
        var full = System.IO.Path.Combine(Root, rel);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.Move(f.TempPath, full, overwrite: false);
        return rel;
    }

    /// <summary>Deletes a file, ignoring one already gone.</summary>
    public static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Largest uncompressed <c>word/document.xml</c> read for the text preview and word count (bytes): 64 MiB.</summary>
    public const long MaxDocumentXmlBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The text of a .docx's main part (paragraphs separated by '\n', at most <see cref="PreviewMaxChars"/> characters), or
    /// null when it cannot be read or goes beyond <see cref="DocxLimits.Default"/> (<see cref="DocxText.Extract"/>).
    /// </summary>
    public static string? ExtractText(Stream docx) => DocxText.Extract(docx) is { Ok: true } r ? r.Preview : null;
}
