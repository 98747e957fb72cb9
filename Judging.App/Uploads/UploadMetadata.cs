namespace Judging.App.Uploads;

using System.Text;

/// <summary>
/// The <c>Upload-Metadata</c> of a tus upload (tus 1.0, creation extension): comma-separated pairs <c>key base64(value)</c>,
/// a key alone for an empty value. Keys used here: <c>target</c> (which <see cref="IUploadTarget"/>), <c>entryId</c>,
/// <c>filename</c>, <c>filetype</c>. Immutable.
/// </summary>
public sealed class UploadMetadata
{
    /// <summary>The key naming the upload's target.</summary>
    public const string TargetKey = "target";

    private readonly Dictionary<string, string> values;

    /// <summary>Wraps <paramref name="values"/> (copied).</summary>
    public UploadMetadata(IReadOnlyDictionary<string, string> values) => this.values = new Dictionary<string, string>(values, StringComparer.Ordinal);

    /// <summary>Every pair.</summary>
    public IReadOnlyDictionary<string, string> Values => values;

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public string? this[string key] => values.GetValueOrDefault(key);

    /// <summary>The target's name (<c>target</c>), or null.</summary>
    public string? Target => this[TargetKey];

    /// <summary>The value of <paramref name="key"/> as a positive int, or null.</summary>
    public int? Int(string key) => int.TryParse(this[key], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;

    /// <summary>
    /// Parses a header value; null when malformed (a value not base64 or not UTF-8, a repeated or empty key, more than 32
    /// pairs or 4,096 characters).
    /// </summary>
    public static UploadMetadata? Parse(string? header)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(header)) return new UploadMetadata(result);
        if (header.Length > 4096) return null;
        var pairs = header.Split(',');
        if (pairs.Length > 32) return null;
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        foreach (var pair in pairs)
        {
            var parts = pair.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is 0 or > 2 || result.ContainsKey(parts[0])) return null;
            try { result[parts[0]] = parts.Length == 1 ? "" : utf8.GetString(Convert.FromBase64String(parts[1])); }
            catch (FormatException) { return null; }
            catch (DecoderFallbackException) { return null; }
        }
        return new UploadMetadata(result);
    }

    /// <summary>The header value for these pairs (keys in order).</summary>
    public string ToHeader() => string.Join(",", values.OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => p.Value.Length == 0 ? p.Key : $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));
}
