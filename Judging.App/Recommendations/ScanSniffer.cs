namespace Judging.App.Recommendations;

using Judging.Domain.Cases;

/// <summary>What a stamped scan is, by content.</summary>
public enum ScanKind
{
    /// <summary>PDF (as <see cref="DocumentSniffer"/> recognises it).</summary>
    Pdf,
    /// <summary>JPEG (FF D8 FF).</summary>
    Jpeg,
    /// <summary>PNG (89 50 4E 47 0D 0A 1A 0A).</summary>
    Png,
}

/// <summary>
/// Recognises a recommender's stamped scan (issue 15: "upload the stamped scan", PDF/JPG/PNG by content, never by name):
/// PDF through the case intake's <see cref="DocumentSniffer"/>, JPEG and PNG by their magic bytes.
/// </summary>
public static class ScanSniffer
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The kind of a seekable <paramref name="content"/> read from its start, or null for anything else (empty included).</summary>
    /// <exception cref="ArgumentException">The stream is not seekable.</exception>
    public static ScanKind? Sniff(Stream content)
    {
        if (!content.CanSeek) throw new ArgumentException("The stream must be seekable", nameof(content));
        content.Position = 0;
        Span<byte> head = stackalloc byte[8];
        var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (head.StartsWith(Png)) return ScanKind.Png;
        if (head.StartsWith(Jpeg)) return ScanKind.Jpeg;
        // A PDF may be up to 50 MB for the sniffer; the caller's 20 MB cap is checked before.
        return DocumentSniffer.Sniff(content).Kind == CaseFileKind.Pdf ? ScanKind.Pdf : null;
    }

    /// <summary>".pdf", ".jpg" or ".png".</summary>
    public static string Extension(ScanKind kind) => kind switch { ScanKind.Pdf => ".pdf", ScanKind.Jpeg => ".jpg", _ => ".png" };

    /// <summary>The MIME type of a stored scan's extension (".pdf", ".jpg", ".png"); "application/octet-stream" otherwise.</summary>
    public static string ContentTypeOf(string extension) => extension.ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf", ".jpg" => "image/jpeg", ".png" => "image/png", _ => "application/octet-stream",
    };
}
