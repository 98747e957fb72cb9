namespace Judging.App.Uploads;

using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

/// <summary>What the server remembers of one unfinished upload: <c>{id}.json</c> beside its data <c>{id}.bin</c>.</summary>
public sealed class UploadInfo
{
    /// <summary>32 lower-case hex characters (128 random bits).</summary>
    public required string Id { get; init; }

    /// <summary>The target's name (<see cref="UploadMetadata.Target"/>).</summary>
    public required string Target { get; init; }

    /// <summary>The announced total, bytes (<c>Upload-Length</c>).</summary>
    public required long Length { get; init; }

    /// <summary>Who created it (<see cref="UploadStore.OwnerOf"/>); anyone else gets 404.</summary>
    public required string Owner { get; init; }

    /// <summary>The parsed <c>Upload-Metadata</c>.</summary>
    public required Dictionary<string, string> Metadata { get; init; }

    /// <summary>The target's label at creation (<see cref="UploadPermit.Label"/>).</summary>
    public string Label { get; init; } = "";

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it is deleted unless more bytes arrive (UTC; <c>Upload-Expires</c>).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// The folder of unfinished uploads (<see cref="UploadOptions.Path"/>, default <c>{Judging:Storage:Path}/uploads</c>,
/// shared by instances): per upload <c>{id}.bin</c> (the bytes so far: its length on disk IS the offset, so a killed
/// process resumes correctly), <c>{id}.json</c> (<see cref="UploadInfo"/>, written atomically) and, while a request works
/// on it, <c>{id}.lock</c> held open exclusively. No database: nothing here needs a migration. Singleton.
/// </summary>
public sealed class UploadStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<string> folderPath;

    /// <summary>Resolves the folder from the options or the storage path (<see cref="Persistence.DatabaseSettings.StoragePath"/>).</summary>
    public UploadStore(IOptions<UploadOptions> options, Persistence.DatabaseSettings storage, Hosting.AppRootPath root)
    {
        Options = options.Value;
        folderPath = new Lazy<string>(() => string.IsNullOrWhiteSpace(Options.Path) ? System.IO.Path.Combine(storage.StoragePath, "uploads")
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(root.Value, Options.Path)));
    }

    /// <summary>The settings in force.</summary>
    public UploadOptions Options { get; }

    /// <summary>Full path of the folder, created if missing (a failure to create it is thrown at each use, not remembered).</summary>
    public string Folder => Directory.CreateDirectory(folderPath.Value).FullName;

    /// <summary>How long an upload lives after its last byte.</summary>
    public TimeSpan Expiry => TimeSpan.FromHours(Options.ExpiryHours);

    /// <summary>A new id: 32 random lower-case hex characters.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>True for a well-formed id (32 lower-case hex characters); anything else is never a path.</summary>
    public static bool IsId(string? id) => id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>
    /// Who the request's user is, for ownership: the <c>NameIdentifier</c> claim (<c>user:5</c>, <c>judge:3</c>, a unit's
    /// id) so a new sign-in of the same person resumes, else the session (<c>judging:sid</c>) as <c>sid:…</c>; null when neither.
    /// </summary>
    public static string? OwnerOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } id ? id
        : user.FindFirst(Accounts.SessionStore.SessionClaim)?.Value is { Length: > 0 } sid ? "sid:" + sid : null;

    /// <summary>Full path of the data of <paramref name="id"/>; throws <see cref="ArgumentException"/> for a malformed id.</summary>
    public string DataPath(string id) => PathOf(id, ".bin");

    private string InfoPath(string id) => PathOf(id, ".json");

    private string LockPath(string id) => PathOf(id, ".lock");

    private string PathOf(string id, string ext) =>
        IsId(id) ? System.IO.Path.Combine(Folder, id + ext) : throw new ArgumentException("Not an upload id: " + id, nameof(id));

    /// <summary>Creates the empty data file and the info of a new upload.</summary>
    public async Task CreateAsync(UploadInfo info, CancellationToken ct)
    {
        await using (new FileStream(DataPath(info.Id), FileMode.CreateNew, FileAccess.Write)) { }
        await SaveAsync(info, ct);
    }

    /// <summary>The info of <paramref name="id"/>, or null when there is none (never created, finished, deleted, swept, malformed id).</summary>
    public async Task<UploadInfo?> ReadAsync(string id, CancellationToken ct)
    {
        if (!IsId(id)) return null;
        try
        {
            await using var s = new FileStream(InfoPath(id), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return await JsonSerializer.DeserializeAsync<UploadInfo>(s, Json, ct);
        }
        catch (FileNotFoundException) { return null; }
        catch (JsonException) { return null; }
    }

    /// <summary>Writes the info (a temporary file renamed over the old one: readers never see half of it).</summary>
    public async Task SaveAsync(UploadInfo info, CancellationToken ct)
    {
        var temp = System.IO.Path.Combine(Folder, $".{info.Id}-{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(info, Json), ct);
        File.Move(temp, InfoPath(info.Id), overwrite: true);
    }

    /// <summary>The bytes received so far: the data file's length on disk (-1 when it is gone).</summary>
    public long Offset(string id)
    {
        var f = new FileInfo(DataPath(id));
        return f.Exists ? f.Length : -1;
    }

    /// <summary>
    /// Takes the upload's lock (<c>{id}.lock</c> opened with <see cref="FileShare.None"/>, honoured by other processes on
    /// the same host); null when another request holds it. Dispose to release.
    /// </summary>
    public IDisposable? TryLock(string id)
    {
        try { return new FileStream(LockPath(id), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1); }
        catch (IOException) { return null; }
    }

    /// <summary>Deletes the upload's info, data and lock file (call it holding the lock). Missing files are fine.</summary>
    public void Delete(string id)
    {
        TryDelete(InfoPath(id));
        TryDelete(DataPath(id));
        TryDelete(LockPath(id));
    }

    /// <summary>
    /// Deletes every upload whose <see cref="UploadInfo.ExpiresAt"/> is at or before <paramref name="now"/> (skipping one a
    /// request is working on), and data without info last written before <paramref name="now"/> minus the expiry.
    /// Returns how many uploads went.
    /// </summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (!Directory.Exists(folderPath.Value)) return 0;
        var swept = 0;
        foreach (var file in Directory.EnumerateFiles(folderPath.Value, "*.bin"))
        {
            ct.ThrowIfCancellationRequested();
            var id = System.IO.Path.GetFileNameWithoutExtension(file);
            if (!IsId(id)) continue;
            var info = await ReadAsync(id, ct);
            var expired = info is not null ? info.ExpiresAt <= now
                : File.GetLastWriteTimeUtc(file) <= (now - Expiry).UtcDateTime;
            if (!expired) continue;
            using var held = TryLock(id);
            if (held is null) continue;
            Delete(id);
            swept++;
        }
        return swept;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
