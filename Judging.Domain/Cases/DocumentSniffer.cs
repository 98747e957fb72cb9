namespace Judging.Domain.Cases;

using System.IO.Compression;

/// <summary>The two accepted kinds of case document (issue 5: "a case is a .docx or PDF").</summary>
public enum CaseFileKind
{
    /// <summary>PDF: starts with <c>%PDF-</c>.</summary>
    Pdf,
    /// <summary>Word 2007+ (.docx): a ZIP with <c>[Content_Types].xml</c> and <c>word/document.xml</c>.</summary>
    Docx,
}

/// <summary>The outcome of <see cref="DocumentSniffer.Sniff(Stream)"/>: a kind, or a Chinese reason the file is refused.</summary>
/// <param name="Kind">The detected kind, or null when refused.</param>
/// <param name="Error">Why the file is refused (zh-CN, shown to the unit), or null.</param>
public sealed record SniffResult(CaseFileKind? Kind, string? Error)
{
    /// <summary>True when the file is a PDF or a .docx.</summary>
    public bool Ok => Kind is not null;
}

/// <summary>
/// Tells a case document's kind by its content, never by its name (issue 5: ".docx or PDF, checked by content"):
/// PDF by the magic <c>%PDF-</c> at offset 0; .docx by the ZIP local-header magic <c>PK\x03\x04</c> and the ZIP's
/// entries <c>[Content_Types].xml</c> and <c>word/document.xml</c> (so .xlsx, .pptx and other zips are refused).
/// Old Word (.doc, an OLE compound file <c>D0 CF 11 E0</c>) and anything else are refused with a Chinese reason.
/// Size limit: <see cref="MaxBytes"/>.
/// </summary>
public static class DocumentSniffer
{
    /// <summary>The largest accepted document: 50 MiB = 52,428,800 bytes (issue 5: "up to 50 MB").</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    /// <summary>"文件超过 50 MB 上限" message for a document larger than <see cref="MaxBytes"/>.</summary>
    public const string TooLargeMessage = "文件超过 50 MB 的上限，请压缩图片或另存为较小的 PDF 后重新上传。";

    /// <summary>Message for an empty upload.</summary>
    public const string EmptyMessage = "没有收到文件，请选择要上传的案例文档（.docx 或 PDF）。";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>
    /// Sniffs a seekable, readable <paramref name="content"/> from its start (the position is left anywhere).
    /// Never throws for bad content: a damaged ZIP is refused with a reason.
    /// </summary>
    /// <exception cref="ArgumentException">The stream is not seekable.</exception>
    public static SniffResult Sniff(Stream content)
    {
        if (!content.CanSeek) throw new ArgumentException("The stream must be seekable", nameof(content));
        content.Position = 0;
        if (content.Length == 0) return new(null, EmptyMessage);
        if (content.Length > MaxBytes) return new(null, TooLargeMessage);
        Span<byte> head = stackalloc byte[8];
        var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (head.StartsWith(PdfMagic)) return new(CaseFileKind.Pdf, null);
        if (head.StartsWith(OleMagic))
            return new(null, "这是旧版 Word（.doc）文件，不受支持，请在 Word 中“另存为” .docx 或 PDF 后重新上传。");
        if (!head.StartsWith(ZipMagic))
            return new(null, "文件内容不是 PDF 或 Word（.docx）文档（仅按内容判断，改扩展名无效），请上传 .docx 或 PDF。");
        content.Position = 0;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (names.Contains("[Content_Types].xml") && names.Contains("word/document.xml")) return new(CaseFileKind.Docx, null);
            return new(null, "这是一个压缩包，但不是 Word（.docx）文档（例如 Excel、PowerPoint 或普通 zip），请上传 .docx 或 PDF。");
        }
        catch (InvalidDataException)
        {
            return new(null, "Word（.docx）文件已损坏，无法打开，请重新导出后上传。");
        }
    }

    /// <summary>The MIME type of <paramref name="kind"/>.</summary>
    public static string ContentType(CaseFileKind kind) => kind switch
    {
        CaseFileKind.Pdf => "application/pdf",
        _ => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    /// <summary>The file extension of <paramref name="kind"/>, with the dot: ".pdf" or ".docx".</summary>
    public static string Extension(CaseFileKind kind) => kind == CaseFileKind.Pdf ? ".pdf" : ".docx";
}
